//! Repair proposals (`rules::repair::suggestions`), what every edit in the
//! window recomputes: on seed 000 as read, on seed 000 after 20 digits typed
//! into table 3 the way `--bench-frames` types them (many rules failing,
//! about twenty proposals), and on the `broken_rules` variant. Each judged
//! by rerunning only the rules a candidate reaches (what the window does)
//! and by rerunning every rule (the reference). Run with
//! `cargo bench --no-default-features --bench repair`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::CellRef;
use nianbao::rules::repair::{Rerun, suggestions_with};
use nianbao::{Report, TableId, recheck};

fn parse(name: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    nianbao::parse_path(&path).expect("fixture").report
}

/// Seed 000 with `n` digits typed into table 3, cell after cell, as
/// `app::bench` types them.
fn typed(n: usize) -> Report {
    let mut report = parse("seeds/000_f28bdb7c4ee4bcba.txt");
    let t = report
        .tables
        .get_mut(TableId::Applications)
        .expect("table 3");
    for i in 1..=n {
        let row = i % t.spec.rows.len();
        let col = (i / t.spec.rows.len()) % t.spec.rows[row].columns.len();
        let at = CellRef {
            table: TableId::Applications,
            row,
            col,
        };
        t.cell_mut(at.row, at.col).expect("cell").value = Some((i % 10) as f64);
    }
    recheck(&mut report);
    report
}

fn bench_repair(c: &mut Criterion) {
    let mut group = c.benchmark_group("repair");
    let reports = [
        ("seed_000", parse("seeds/000_f28bdb7c4ee4bcba.txt")),
        ("seed_000_20_typed", typed(20)),
        ("broken_rules", parse("variants/broken_rules.txt")),
    ];
    for (name, report) in &reports {
        eprintln!(
            "{name}: {} failing rules, {} proposals",
            report.failures().count(),
            suggestions_with(report, Rerun::Reached).len()
        );
        for (how, rerun) in [("reached", Rerun::Reached), ("all", Rerun::All)] {
            group.bench_function(format!("{name}/{how}"), |b| {
                b.iter(|| suggestions_with(std::hint::black_box(report), rerun))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_repair);
criterion_main!(benches);
