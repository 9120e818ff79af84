//! Renders every page of the given PDFs or images at the page view's
//! fit-width scale (700 pixels wide, a 1366×768 window) and prints each
//! page's time; with `--save DIR`, writes the images as PNG to look at.
//!
//!     cargo run --release --no-default-features --example render_pages -- [--save DIR] [--width PX] FILE...

use std::time::Instant;

use nianbao::page::PageSource;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut save = None;
    let mut width = 700.0f32;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--save" => save = args.next().map(std::path::PathBuf::from),
            "--width" => width = args.next().and_then(|w| w.parse().ok()).unwrap_or(width),
            _ => files.push(std::path::PathBuf::from(a)),
        }
    }
    let mut all = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let opened = Instant::now();
        let source = match PageSource::open_path(&path) {
            Ok(s) => s,
            Err(e) => {
                println!("{name}: {e}");
                continue;
            }
        };
        let open_ms = opened.elapsed().as_secs_f64() * 1000.0;
        let mut times = Vec::new();
        for (i, size) in source.page_sizes().iter().enumerate() {
            let started = Instant::now();
            let img = match source.render(i, width / size.width) {
                Ok(img) => img,
                Err(e) => {
                    println!("{name} page {}: {e}", i + 1);
                    continue;
                }
            };
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            if let Some(dir) = &save {
                std::fs::create_dir_all(dir).ok();
                let out = dir.join(format!("{}-p{}.png", name, i + 1));
                image::RgbaImage::from_raw(img.width, img.height, img.rgba)
                    .expect("a whole image")
                    .save(&out)
                    .expect("writable output folder");
            }
        }
        all.extend(&times);
        times.sort_by(f64::total_cmp);
        if let (Some(min), Some(max)) = (times.first(), times.last()) {
            println!(
                "{name}: open {open_ms:.1} ms, {} pages, per page min {min:.1} median {:.1} max {max:.1} ms",
                times.len(),
                times[times.len() / 2],
            );
        }
    }
    all.sort_by(f64::total_cmp);
    if let Some(max) = all.last() {
        println!(
            "all: {} pages, median {:.1} ms, max {max:.1} ms",
            all.len(),
            all[all.len() / 2]
        );
    }
}
