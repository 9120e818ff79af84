//! The page view's rendering: every page of every PDF at hand drawn at the
//! fit-width scale of a 1366×768 window (the page about 700 pixels wide),
//! one benchmark per file, each iteration the next page. The target is
//! ≤ 50 ms a page. Run with `cargo bench --no-default-features --bench render`.
//! `examples/render_pages.rs` prints each page's time and saves the images.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use nianbao::page::PageSource;

/// The page's width on screen, in pixels, in a 1366×768 window with the
/// report list and the grids beside the source pane.
const FIT_WIDTH_PX: f32 = 700.0;

/// Every PDF in the fixtures, and in `../shared` when it is there.
fn pdfs() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    for dir in [
        root.join("tests/fixtures/formats"),
        root.join("../shared/real/inputs"),
        root.join("../shared/seeds"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("{}: absent, skipped", dir.display());
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn fit_width(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_fit_width_700px");
    for path in pdfs() {
        let source = PageSource::open_path(&path).unwrap();
        let sizes = source.page_sizes();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut next = 0;
        group.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| {
                let page = next % sizes.len();
                next += 1;
                source
                    .render(page, FIT_WIDTH_PX / sizes[page].width)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = fit_width
}
criterion_main!(benches);
