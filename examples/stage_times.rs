//! Wall time of each parser stage on the given files, averaged over N runs:
//! where a parse spends its time, without a profiler's distortions.
//! `cargo run --release --no-default-features --example stage_times -- N FILE…`

/// The allocator the binary uses (see Cargo.toml), so that this measures
/// what `nianbao parse` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use std::time::Instant;

use nianbao::parser::stages::Normalized;
use nianbao::parser::stages::read_table;
use nianbao::parser::stages::{Section, find_sections};
use nianbao::template::TableId;

fn main() {
    if let Ok(p) = std::env::var("REGIONS") {
        regions(&p);
        return;
    }
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    for path in args {
        let bytes = std::fs::read(&path).expect("readable file");
        let mut t = [0f64; 8];
        for _ in 0..n {
            let a = Instant::now();
            let decoded = nianbao::parser::decode::decode_any(&path, &bytes).unwrap();
            let b = Instant::now();
            let doc = Normalized::new(&decoded.text);
            let c = Instant::now();
            let sections = find_sections(&doc);
            let d = Instant::now();
            for id in TableId::ALL {
                let section = Section::of_table(id);
                black_box(read_table(
                    &doc,
                    id,
                    sections.region(section, doc.line_count()),
                    sections.body(section).is_some(),
                ));
            }
            let e = Instant::now();
            black_box(nianbao::parser::stages::extract_meta(&doc, &sections));
            let f = Instant::now();
            let parsed = nianbao::parse_bytes(&path, &bytes).unwrap();
            let g = Instant::now();
            black_box(nianbao::rules::report::run(
                &parsed.report.tables,
                &parsed.report.narrative,
            ));
            let h = Instant::now();
            use sha2::Digest;
            black_box(sha2::Sha256::digest(&bytes));
            let i = Instant::now();
            for (k, (x, y)) in [
                (a, b),
                (b, c),
                (c, d),
                (d, e),
                (e, f),
                (f, g),
                (g, h),
                (h, i),
            ]
            .into_iter()
            .enumerate()
            {
                t[k] += (y - x).as_secs_f64();
            }
        }
        // Inside the table reader: tokens, raw rows, phrase hits, alignment.
        let decoded = nianbao::parser::decode::decode_any(&path, &bytes).unwrap();
        let doc = Normalized::new(&decoded.text);
        let sections = find_sections(&doc);
        let mut u = [0f64; 4];
        for _ in 0..n {
            for k in [1, 2] {
                let id = if k == 1 {
                    TableId::ActiveDisclosure
                } else {
                    TableId::Applications
                };
                let region = sections.region(Section::of_table(id), doc.line_count());
                let a = Instant::now();
                let tokens = nianbao::parser::stages::tokenize(&doc, region);
                let b = Instant::now();
                let rows = nianbao::parser::stages::raw_rows(&doc, &tokens);
                let c = Instant::now();
                let hits = nianbao::parser::stages::phrase_hits(&rows, id);
                let d = Instant::now();
                for spec in nianbao::TableSpec::layouts(id) {
                    black_box(nianbao::parser::stages::align_with(&rows, &hits, spec));
                }
                let e = Instant::now();
                for (j, (x, y)) in [(a, b), (b, c), (c, d), (d, e)].into_iter().enumerate() {
                    u[j] += (y - x).as_secs_f64();
                }
            }
        }
        let us = |k: usize| t[k] / n as f64 * 1e6;
        let uu = |k: usize| u[k] / n as f64 * 1e6;
        println!(
            "   tables 2+3: tokenize {:.1} rows {:.1} hits {:.1} align {:.1} µs",
            uu(0),
            uu(1),
            uu(2),
            uu(3)
        );
        println!(
            "{} {} B: decode {:.1} normalize {:.1} sections {:.1} tables {:.1} meta {:.1} | whole {:.1} checks {:.1} sha {:.1} µs",
            path.rsplit('/').next().unwrap_or(&path),
            bytes.len(),
            us(0),
            us(1),
            us(2),
            us(3),
            us(4),
            us(5),
            us(6),
            us(7)
        );
    }
}

#[allow(dead_code)]
fn regions(path: &str) {
    let bytes = std::fs::read(path).unwrap();
    let decoded = nianbao::parser::decode::decode_any(path, &bytes).unwrap();
    let doc = Normalized::new(&decoded.text);
    let sections = find_sections(&doc);
    for (k, id) in TableId::ALL.into_iter().enumerate() {
        let r = sections.region(Section::of_table(id), doc.line_count());
        let tokens = nianbao::parser::stages::tokenize(&doc, r.clone());
        let a = if r.start < doc.line_count() {
            doc.line(r.start).0
        } else {
            doc.text.len()
        };
        let b = if r.end < doc.line_count() {
            doc.line(r.end).0
        } else {
            doc.text.len()
        };
        eprintln!(
            "region {}: lines {r:?}, bytes {}, tokens {}",
            k + 1,
            b - a,
            tokens.len()
        );
    }
}
