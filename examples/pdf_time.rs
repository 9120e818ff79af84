//! Times reading PDFs in-process: `cargo run --release --example pdf_time
//! FILE…` prints ms per file for loading, for glyph extraction, for the whole render, and for
//! the whole parse, each the median of 20 runs.
use std::time::Instant;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let load = median_ms(|| {
            let _ = lopdf::Document::load_mem(&bytes);
        });
        let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
        let pages = doc.get_pages();
        let extract = median_ms(|| {
            let _ = nianbao::parser::stages::pdf_extract(&doc, &pages);
        });
        let render = median_ms(|| {
            let _ = nianbao::parser::decode::decode_any(&path, &bytes);
        });
        let parse = median_ms(|| {
            let _ = nianbao::parse_bytes(&path, &bytes);
        });
        println!(
            "{path}: load {load:.2} ms, extract {extract:.2} ms, render {render:.2} ms, parse {parse:.2} ms"
        );
    }
}
