//! Comparing two reports: cells, cross-year rules and repeated text of every
//! section and the whole text. Pairs: two seeds of different agencies, a seed
//! against a later year written from it, and (when `../shared/real` is
//! there) 洪泽区's 2024 report against its 2023 one, both real PDFs. Run with
//! `cargo bench --no-default-features --bench compare`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::compare::{Side, compare};

fn parse(path: &std::path::Path) -> Option<nianbao::Parsed> {
    let bytes = std::fs::read(path).ok()?;
    nianbao::parse_bytes(&path.to_string_lossy(), &bytes).ok()
}

fn pairs() -> Vec<(&'static str, nianbao::Parsed, nianbao::Parsed)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("tests/fixtures/seeds");
    let seed = |n: &str| parse(&seeds.join(n)).expect("seed");
    let mut v = vec![(
        "seeds_000_vs_002",
        seed("000_f28bdb7c4ee4bcba.txt"),
        seed("002_1e2618f252abd06d.txt"),
    )];
    let y2023 = std::fs::read_to_string(seeds.join("000_f28bdb7c4ee4bcba.txt")).expect("seed");
    let y2024 = y2023
        .replacen("2023 年政府", "2024 年政府", 1)
        .replace("医疗保障", "医保");
    v.push((
        "seed_000_next_year",
        nianbao::parse_bytes("2024.txt", y2024.as_bytes()).expect("parse"),
        seed("000_f28bdb7c4ee4bcba.txt"),
    ));
    let real = root.join("../shared/real/inputs");
    if let (Some(a), Some(b)) = (
        parse(&real.join("02_hongze_2024.pdf")),
        parse(&real.join("01_hongze_2023.pdf")),
    ) {
        v.push(("real_hongze_2024_vs_2023", a, b));
    }
    v
}

fn bench_compare(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for (name, a, b) in pairs() {
        let this = Side {
            report: &a.report,
            text: &a.text,
        };
        let last = Side {
            report: &b.report,
            text: &b.text,
        };
        group.bench_function(name, |bench| bench.iter(|| compare(this, last)));
    }
    group.finish();
}

criterion_group!(benches, bench_compare);
criterion_main!(benches);
