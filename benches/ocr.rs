//! OCR end to end: the committed table page (tables 三 and 四, 150 dpi)
//! read through `parse_bytes` as a PNG file and as an image-only PDF of
//! one page, Tesseract included. The target is ≤ 2 s a table page on a
//! 2-core machine. Slow, so few samples. Skips, saying so, without
//! Tesseract. Run with `cargo bench --no-default-features --bench ocr`.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/scans.rs"]
mod scans;
use scans::{PAGE, engine_ready, scanned_pdf};

fn table_page(c: &mut Criterion) {
    if !engine_ready("bench ocr") {
        return;
    }
    let png = std::fs::read(PAGE).unwrap();
    let pdf = scanned_pdf(1);
    let mut group = c.benchmark_group("ocr_table_page");
    for (name, file, bytes) in [
        ("png", "table_page.png", &png),
        ("image_pdf", "table_page.pdf", &pdf),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let parsed = nianbao::parse_bytes(file, bytes).unwrap();
                // A page that read nothing would time nothing.
                assert!(parsed.report.tables.applications.is_some());
                parsed
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(20))
        .warm_up_time(std::time::Duration::from_secs(2));
    targets = table_page
}
criterion_main!(benches);
