//! Whole-parse benchmark: each seed report (≈5–10 KB), and linear scaling on
//! a 10 MB file built by repeating one (the parser must stay linear in the
//! input). Run with `cargo bench --no-default-features`.

/// The allocator the binary uses (see Cargo.toml), so that this measures
/// what `nianbao parse` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn parse_seeds(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_seed");
    for (name, bytes) in seeds() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&name[..3]),
            &bytes,
            |b, bytes| b.iter(|| nianbao::parse_bytes("seed.txt", bytes).unwrap()),
        );
    }
    group.finish();
    let mut group = c.benchmark_group("parse_and_serialize");
    let (_, bytes) = &seeds()[0];
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("000", |b| {
        b.iter(|| {
            serde_json::to_vec(&nianbao::parse_bytes("seed.txt", bytes).unwrap().report).unwrap()
        })
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let (_, one) = &seeds()[0];
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for target in [10_000usize, 1_000_000, 10_000_000] {
        let mut bytes = Vec::with_capacity(target + one.len());
        while bytes.len() < target {
            bytes.extend_from_slice(one);
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(target), &bytes, |b, bytes| {
            b.iter(|| nianbao::parse_bytes("big.txt", bytes).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, parse_seeds, scaling);
criterion_main!(benches);
