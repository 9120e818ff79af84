//! Never a number in the wrong cell. Each real seed is damaged the way
//! extractions damage reports — a row's cells blanked, a label deleted or
//! garbled, a column dropped, a row's last number dropped, a sentence of
//! prose naming a row with a number, two cells' digits run together — and
//! every cell the parser then gives is either the value the undamaged
//! report has or empty, with the report saying what it could not read. A
//! number from another cell, or a number made up, fails the test.
//!
//! The undamaged parse is the truth: the seeds parse exactly as their gold
//! (`tests/seeds.rs`). The damage is placed by the cells' own spans.

use std::path::Path;

use nianbao::{Parsed, TableId};
use proptest::prelude::*;

const SEEDS: [&str; 4] = [
    "000_f28bdb7c4ee4bcba",
    "001_103b191ae6add938",
    "002_1e2618f252abd06d",
    "004_73d4aa82d985d793",
];

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seeds")
        .join(format!("{name}.txt"));
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Parsed {
    nianbao::parse_bytes("damaged.txt", text.as_bytes()).unwrap()
}

/// One kind of damage, at a row chosen by index (taken modulo the rows that
/// have values) and a column chosen the same way.
#[derive(Clone, Copy, Debug)]
enum Damage {
    BlankRow,
    DeleteLabel,
    GarbleLabel,
    DropColumn,
    DropLastNumber,
    JoinDigits,
    ProseNumber,
}

const ALL: [Damage; 7] = [
    Damage::BlankRow,
    Damage::DeleteLabel,
    Damage::GarbleLabel,
    Damage::DropColumn,
    Damage::DropLastNumber,
    Damage::JoinDigits,
    Damage::ProseNumber,
];

/// Byte ranges of a row's cells that hold a value, in column order.
fn row_spans(p: &Parsed, id: TableId, row: usize) -> Vec<(usize, usize)> {
    let Some(t) = p.report.tables.get(id) else {
        return Vec::new();
    };
    t.cells[row]
        .iter()
        .filter(|c| c.value.is_some())
        .filter_map(|c| c.source.map(|s| (s.start, s.end)))
        .collect()
}

/// (table, row) of every row with at least two values.
fn rows_with_values(p: &Parsed) -> Vec<(TableId, usize)> {
    let mut out = Vec::new();
    for id in TableId::ALL {
        if let Some(t) = p.report.tables.get(id) {
            for r in 0..t.cells.len() {
                if row_spans(p, id, r).len() >= 2 {
                    out.push((id, r));
                }
            }
        }
    }
    out
}

/// `text` with the byte ranges `cuts` replaced by `with`.
fn replace(text: &str, mut cuts: Vec<(usize, usize)>, with: &str) -> String {
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (a, b) in cuts {
        if a < at {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(with);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// The damaged text, or `None` when this damage does not apply here.
fn damage(p: &Parsed, kind: Damage, row_pick: usize, col_pick: usize) -> Option<String> {
    let text = &p.text;
    let rows = rows_with_values(p);
    let &(id, row) = rows.get(row_pick % rows.len().max(1))?;
    let spans = row_spans(p, id, row);
    let line_start = |pos: usize| text[..pos].rfind('\n').map_or(0, |i| i + 1);
    match kind {
        Damage::BlankRow => Some(replace(text, spans, "")),
        Damage::DropLastNumber => Some(replace(text, vec![*spans.last()?], "")),
        Damage::JoinDigits => {
            let k = col_pick % (spans.len() - 1);
            let (gap_a, gap_b) = (spans[k].1, spans[k + 1].0);
            let gap = &text[gap_a..gap_b];
            (!gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t'))
                .then(|| replace(text, vec![(gap_a, gap_b)], ""))
        }
        Damage::DeleteLabel | Damage::GarbleLabel => {
            let first = spans[0].0;
            let start = line_start(first);
            let label = text[start..first].trim_end();
            let chars: Vec<(usize, char)> = label.char_indices().collect();
            if chars.len() < 4 {
                return None;
            }
            if matches!(kind, Damage::DeleteLabel) {
                return Some(replace(text, vec![(start, start + label.len())], ""));
            }
            // Two characters of the label's words replaced by others.
            let (i, c) = chars[chars.len() / 2];
            let (j, d) = chars[chars.len() - 1];
            let mut cuts = vec![(start + i, start + i + c.len_utf8())];
            if j != i {
                cuts.push((start + j, start + j + d.len_utf8()));
            }
            Some(replace(text, cuts, "甲"))
        }
        Damage::DropColumn => {
            let t = p.report.tables.get(id)?;
            let col = col_pick % t.cells.first()?.len();
            let cuts: Vec<(usize, usize)> = t
                .cells
                .iter()
                .filter_map(|r| r.get(col))
                .filter(|c| c.value.is_some())
                .filter_map(|c| c.source.map(|s| (s.start, s.end)))
                .collect();
            (!cuts.is_empty()).then(|| replace(text, cuts, ""))
        }
        Damage::ProseNumber => {
            // A sentence naming the row with a number, put before the
            // tables (in section 一, where reports tell their year).
            let t = p.report.tables.get(id)?;
            let name = t.spec.rows[row].name;
            let first_table_cell = rows.first().map(|&(i, r)| row_spans(p, i, r)[0].0)?;
            let at = line_start(first_table_cell);
            let at = text[..at].rfind("二、").unwrap_or(at);
            let at = line_start(at);
            let mut out = String::from(&text[..at]);
            out.push_str(&format!("本年度{name}共 987 件，较上年有所增加。\n"));
            out.push_str(&text[at..]);
            Some(out)
        }
    }
}

/// Every cell of `damaged` is its value in `truth` or empty with a warning.
fn wrong_cells(truth: &Parsed, damaged: &Parsed) -> Vec<String> {
    let mut wrong = Vec::new();
    for id in TableId::ALL {
        let Some(d) = damaged.report.tables.get(id) else {
            continue;
        };
        let t = truth.report.tables.get(id);
        for (r, row) in d.spec.rows.iter().enumerate() {
            for (c, col) in row.columns.iter().enumerate() {
                let Some(got) = d.cells[r][c].value else {
                    continue;
                };
                let want = t.and_then(|t| {
                    let tr = t.spec.row(row.key)?;
                    let tc = t.spec.rows[tr].column(col.key)?;
                    t.cells[tr][tc].value
                });
                if want.is_none_or(|w| (w - got).abs() > 1e-9) {
                    wrong.push(format!(
                        "{} {} {}: {got} (true {want:?})",
                        id.short_title(),
                        row.name,
                        col.label
                    ));
                }
            }
        }
    }
    wrong
}

/// Cells the damage emptied must come with a warning.
fn silently_emptied(truth: &Parsed, damaged: &Parsed) -> bool {
    let emptied = TableId::ALL.into_iter().any(|id| {
        let (Some(t), d) = (truth.report.tables.get(id), damaged.report.tables.get(id)) else {
            return false;
        };
        let Some(d) = d else {
            return true;
        };
        std::ptr::eq(t.spec, d.spec)
            && t.cells
                .iter()
                .zip(&d.cells)
                .flat_map(|(a, b)| a.iter().zip(b))
                .any(|(a, b)| a.value.is_some() && b.value.is_none())
    });
    emptied && damaged.report.warnings.is_empty() && damaged.report.unread_rows.is_empty()
}

fn check(name: &str, kind: Damage, row_pick: usize, col_pick: usize) -> Result<(), String> {
    let truth = parse(&seed(name));
    let Some(text) = damage(&truth, kind, row_pick, col_pick) else {
        return Ok(());
    };
    let damaged = parse(&text);
    let wrong = wrong_cells(&truth, &damaged);
    if !wrong.is_empty() {
        return Err(format!(
            "{name} {kind:?} row {row_pick} col {col_pick}: {wrong:?}"
        ));
    }
    if silently_emptied(&truth, &damaged) {
        return Err(format!(
            "{name} {kind:?} row {row_pick} col {col_pick}: cells emptied without a warning"
        ));
    }
    Ok(())
}

/// Every damage at every row of every seed (column: the first gap / the
/// first column, then a middle one).
#[test]
fn damage_never_puts_a_number_in_the_wrong_cell() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for name in SEEDS {
        let rows = rows_with_values(&parse(&seed(name))).len();
        for kind in ALL {
            for row in 0..rows {
                for col in [0, 3] {
                    tried += 1;
                    if let Err(e) = check(name, kind, row, col) {
                        failures.push(e);
                    }
                }
            }
        }
    }
    assert!(tried > 500, "only {tried} damaged reports");
    assert!(
        failures.is_empty(),
        "{} of {tried} damaged reports:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two damages at once, anywhere.
    #[test]
    fn two_damages_never_put_a_number_in_the_wrong_cell(
        seed_pick in 0usize..SEEDS.len(),
        kinds in (0usize..ALL.len(), 0usize..ALL.len()),
        picks in (0usize..64, 0usize..8, 0usize..64, 0usize..8),
    ) {
        let name = SEEDS[seed_pick];
        let truth = parse(&seed(name));
        let Some(once) = damage(&truth, ALL[kinds.0], picks.0, picks.1) else {
            return Ok(());
        };
        // The second damage is placed by the once-damaged parse's spans.
        let mid = parse(&once);
        if rows_with_values(&mid).is_empty() {
            return Ok(());
        }
        let Some(twice) = damage(&mid, ALL[kinds.1], picks.2, picks.3) else {
            return Ok(());
        };
        let damaged = parse(&twice);
        let wrong = wrong_cells(&truth, &damaged);
        prop_assert!(wrong.is_empty(), "{name} {:?}+{:?} {picks:?}: {wrong:?}", ALL[kinds.0], ALL[kinds.1]);
    }
}

/// Every row blanked, then the label of a row next to it (above, the one
/// below, the one after) deleted or garbled: a blank row next to a damaged
/// label is where alignment is most tempted to borrow. Seven of these once
/// put a blank row's neighbour's numbers in it (a label alone on its line
/// over empty cells, the next row's label lost); they now leave the row
/// empty with a warning.
#[test]
fn blank_row_then_neighbour_label_damaged() {
    let failures = blank_row_then_damaged_label(|a, b| b + 1 >= a && b <= a + 1);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same with every other row's label damaged too (about 9,000 double
/// damages): `cargo test --release --test metamorphic -- --ignored`, two
/// seconds in a release build, minutes in a debug one.
#[test]
#[ignore]
fn blank_row_then_damaged_label_everywhere() {
    let failures = blank_row_then_damaged_label(|_, _| true);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each seed with row `a` blanked, then row `b` of what is left (where
/// `pick(a, b)`) given a deleted or garbled label: the damages that put a
/// number in a wrong cell.
fn blank_row_then_damaged_label(pick: impl Fn(usize, usize) -> bool) -> Vec<String> {
    let mut failures = Vec::new();
    for name in SEEDS {
        let truth = parse(&seed(name));
        let rows = rows_with_values(&truth).len();
        for a in 0..rows {
            let Some(once) = damage(&truth, Damage::BlankRow, a, 0) else {
                continue;
            };
            let mid = parse(&once);
            for b in (0..rows_with_values(&mid).len()).filter(|&b| pick(a, b)) {
                for kind in [Damage::GarbleLabel, Damage::DeleteLabel] {
                    let Some(twice) = damage(&mid, kind, b, 0) else {
                        continue;
                    };
                    let wrong = wrong_cells(&truth, &parse(&twice));
                    if !wrong.is_empty() {
                        failures.push(format!("{name} blank {a} then {kind:?} {b}: {wrong:?}"));
                    }
                }
            }
        }
    }
    failures
}
