//! Repair proposals judged by rerunning only the rules a candidate's cells
//! reach (`Rerun::Reached`, what the window does on every edit) are exactly
//! those judged by rerunning every rule (`Rerun::All`): on the seeds, the
//! artifact variants, the real reports of `../shared/real/` when present,
//! and many random edits of each.

use std::path::{Path, PathBuf};

use nianbao::model::CellRef;
use nianbao::rules::repair::{Rerun, suggestions_with};
use nianbao::{Report, TableId, recheck};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("tests/fixtures/seeds"),
        root.join("tests/fixtures/variants"),
    ];
    for set in ["real/inputs", "real/flat/inputs"] {
        dirs.push(root.join("../shared").join(set));
    }
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "json" && e != "md"))
        .collect();
    files.sort();
    files
}

/// A small deterministic generator (xorshift64*): the same edits every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn cells(report: &Report) -> Vec<CellRef> {
    let mut out = Vec::new();
    for id in TableId::ALL {
        let Some(t) = report.tables.get(id) else {
            continue;
        };
        for (row, spec) in t.spec.rows.iter().enumerate() {
            for col in 0..spec.columns.len() {
                out.push(CellRef {
                    table: id,
                    row,
                    col,
                });
            }
        }
    }
    out
}

/// One random edit of the kinds a person or a misread makes: a cell
/// emptied, set to a small number, off by a few, with a digit more or
/// fewer, negative or fractional, or swapped with the cell beside it.
fn edit(report: &mut Report, rng: &mut Rng) {
    let all = cells(report);
    if all.is_empty() {
        return;
    }
    let at = all[rng.below(all.len())];
    let old = report.tables.cell(at).and_then(|c| c.value);
    let new = match rng.below(7) {
        0 => None,
        1 => Some(rng.below(20) as f64),
        2 => old.map(|v| v + rng.below(9) as f64 - 4.0),
        3 => old.map(|v| v * 10.0 + rng.below(10) as f64),
        4 => old.map(|v| (v / 10.0).floor()),
        5 => Some(if rng.below(2) == 0 { -3.0 } else { 2.5 }),
        _ => {
            let right = CellRef {
                col: at.col + 1,
                ..at
            };
            if let Some(other) = report.tables.cell(right).map(|c| c.value) {
                set(report, right, old);
                other
            } else {
                old
            }
        }
    };
    set(report, at, new);
}

fn set(report: &mut Report, at: CellRef, v: Option<f64>) {
    if let Some(c) = report
        .tables
        .get_mut(at.table)
        .and_then(|t| t.cell_mut(at.row, at.col))
    {
        c.value = v;
    }
}

fn same_either_way(report: &Report, what: &str) -> usize {
    let reached = suggestions_with(report, Rerun::Reached);
    let all = suggestions_with(report, Rerun::All);
    assert_eq!(reached, all, "{what}");
    reached.len()
}

#[test]
fn reached_rules_propose_what_all_rules_propose() {
    let files = inputs();
    assert!(files.len() >= 20, "fixtures missing: {files:?}");
    let (mut reports, mut proposals) = (0, 0);
    for path in &files {
        let Ok(parsed) = nianbao::parse_path(path) else {
            continue;
        };
        let name = path.display().to_string();
        let mut report = parsed.report;
        proposals += same_either_way(&report, &name);
        reports += 1;
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ reports as u64);
        for round in 0..20 {
            // One to three edits at a time, then the checks made current
            // as the window makes them.
            for _ in 0..=rng.below(3) {
                edit(&mut report, &mut rng);
            }
            recheck(&mut report);
            proposals += same_either_way(&report, &format!("{name}, edit round {round}"));
        }
    }
    println!("{reports} reports, {proposals} proposals compared");
    assert!(reports >= 20, "only {reports} reports read");
    // Not a vacuous comparison: many proposals were made and compared.
    assert!(proposals > 300, "only {proposals} proposals compared");
}

/// Checks that are not those of the tables (a cell changed without
/// `recheck`) cannot be trusted for the rules not reached: every rule is
/// run again, and the proposals are still those of `Rerun::All`.
#[test]
fn stale_checks_are_judged_by_every_rule() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants/broken_rules.txt");
    let mut report = nianbao::parse_path(&path).unwrap().report;
    let mut rng = Rng(7);
    let mut compared = 0;
    for round in 0..40 {
        edit(&mut report, &mut rng);
        recheck(&mut report);
        // Changed again after the checks were made.
        edit(&mut report, &mut rng);
        compared += same_either_way(&report, &format!("stale round {round}"));
    }
    assert!(compared > 0, "no proposals compared");
}
