//! The candidate changes: one cell off by what a rule misses, a value in
//! the wrong row, a split number joined back, a row shifted by a column.

use std::collections::{BTreeSet, HashSet};

use super::*;
use crate::model::{CellRef, Check, Number, Report, Table};
use crate::template::ValueKind;

/// One cell off by exactly what the rule misses (a dropped digit, a
/// mistyped total).
pub(super) fn single_cell(
    judge: &Judge,
    check: &Check,
    passed: &HashSet<(&str, &str)>,
) -> Vec<Candidate> {
    let report = judge.report;
    let mut out = Vec::new();
    let (Some(expected), Some(actual)) = (check.expected, check.actual) else {
        return out;
    };
    let delta = expected.0 - actual.0;
    for &at in &check.cell_refs {
        let Some(value) = report.tables.cell(at).and_then(|c| c.value) else {
            continue;
        };
        let Some(kind) = column_kind(report, at) else {
            continue;
        };
        for new in [value + delta, value - delta] {
            if !fits(new, kind) || new == value {
                continue;
            }
            let changes = vec![(at, Some(new))];
            if let Some(cleared) = evaluate(judge, &changes, passed, &check.place) {
                let kind = if dropped_digit(value, new) {
                    Kind::DroppedDigit
                } else {
                    Kind::SingleCell
                };
                out.push(Candidate {
                    changes,
                    kind,
                    cleared,
                });
            }
        }
    }
    out
}

pub(super) fn column_kind(report: &Report, at: CellRef) -> Option<ValueKind> {
    report
        .tables
        .get(at.table)
        .and_then(|t| t.spec.rows.get(at.row)?.columns.get(at.col))
        .map(|c| c.kind)
}

/// A value standing in the wrong row: the failing row's parts exceed its
/// total, and another failing row of the same table lacks exactly as much;
/// moving one part value across (same column) repairs both.
pub(super) fn wrong_row(
    judge: &Judge,
    check: &Check,
    passed: &HashSet<(&str, &str)>,
) -> Vec<Candidate> {
    let report = judge.report;
    let mut out = Vec::new();
    let Some(&first) = check.cell_refs.first() else {
        return out;
    };
    let Some(t) = report.tables.get(first.table) else {
        return out;
    };
    let (Some(sum), Some(total)) = (check.expected, check.actual) else {
        return out;
    };
    let excess = sum.0 - total.0;
    if excess <= 0.0 {
        return out;
    }
    let r1 = first.row;
    let parts = t.spec.rows[r1].columns.len() - 1;
    for other in report
        .failures()
        .filter(|c| c.rule == check.rule && c.place != check.place)
    {
        let (Some(s2), Some(t2)) = (other.expected, other.actual) else {
            continue;
        };
        if !crate::rules::same(t2.0 - s2.0, excess) {
            continue; // the other row does not lack what this one has too much
        }
        let Some(r2) = other.cell_refs.first().map(|c| c.row) else {
            continue;
        };
        for c in 0..parts {
            let (Some(v1), Some(v2)) = (t.cells[r1][c].value, t.cells[r2][c].value) else {
                continue;
            };
            if !crate::rules::same(v1, excess) {
                continue;
            }
            let changes = vec![
                (
                    CellRef {
                        table: t.spec.id,
                        row: r1,
                        col: c,
                    },
                    Some(0.0),
                ),
                (
                    CellRef {
                        table: t.spec.id,
                        row: r2,
                        col: c,
                    },
                    Some(v2 + v1),
                ),
            ];
            if let Some(cleared) = evaluate(judge, &changes, passed, &check.place) {
                out.push(Candidate {
                    changes,
                    kind: Kind::WrongRow,
                    cleared,
                });
            }
        }
    }
    out
}

/// Joins and shifts of every row a failing rule looks at: a number split
/// over two cells joined back (the cells after it move left, the last
/// becomes empty), and a row moved one column right (its last cell empty)
/// or left (its first cell empty).
pub(super) fn row_repairs(report: &Report, failing: &[&Check]) -> Vec<(Changes, Kind)> {
    let rows: BTreeSet<(crate::template::TableId, usize)> = failing
        .iter()
        .flat_map(|c| c.cell_refs.iter().map(|at| (at.table, at.row)))
        .collect();
    let mut out = Vec::new();
    for (id, r) in rows {
        let Some(t) = report.tables.get(id) else {
            continue;
        };
        let cells: Vec<CellRef> = (0..t.spec.rows[r].columns.len())
            .map(|col| CellRef {
                table: id,
                row: r,
                col,
            })
            .collect();
        let old: Vec<Option<f64>> = cells
            .iter()
            .map(|&at| t.cells[at.row][at.col].value)
            .collect();
        let n = old.len();
        if n < 2 {
            continue;
        }
        let mut proposals: Vec<(Vec<Option<f64>>, Kind)> = Vec::new();
        for i in 0..n - 1 {
            let (Some(left), Some(right)) = (old[i], old[i + 1]) else {
                continue;
            };
            let Some(joined) = join_digits(left, right) else {
                continue;
            };
            let mut new = old[..i].to_vec();
            new.push(Some(joined));
            new.extend_from_slice(&old[i + 2..]);
            new.push(None);
            proposals.push((
                new,
                Kind::Join {
                    at: cells[i],
                    left,
                    right,
                },
            ));
        }
        let any = |s: &[Option<f64>]| s.iter().any(|v| v.is_some());
        if old[n - 1].is_none() && any(&old[..n - 1]) {
            let mut new = vec![None];
            new.extend_from_slice(&old[..n - 1]);
            proposals.push((
                new,
                Kind::Shift {
                    at: cells[0],
                    right: true,
                },
            ));
        }
        if old[0].is_none() && any(&old[1..]) {
            let mut new = old[1..].to_vec();
            new.push(None);
            proposals.push((
                new,
                Kind::Shift {
                    at: cells[0],
                    right: false,
                },
            ));
        }
        for (new, kind) in proposals {
            if let Some(changes) = row_changes(t, &cells, &old, &new) {
                out.push((changes, kind));
            }
        }
    }
    out
}

/// The changes that turn `old` into `new` on `cells`, or `None` when a new
/// value does not fit its column.
pub(super) fn row_changes(
    t: &Table,
    cells: &[CellRef],
    old: &[Option<f64>],
    new: &[Option<f64>],
) -> Option<Changes> {
    let mut changes = Vec::new();
    for ((&at, &was), &now) in cells.iter().zip(old).zip(new) {
        if let Some(v) = now
            && !fits(v, t.spec.rows[at.row].columns[at.col].kind)
        {
            return None;
        }
        if was != now {
            changes.push((at, now));
        }
    }
    (!changes.is_empty()).then_some(changes)
}

/// The number whose digits are `left`'s then `right`'s (“1”, “26” → 126),
/// when both are whole numbers and `left` could begin a number.
pub(super) fn join_digits(left: f64, right: f64) -> Option<f64> {
    let whole = |v: f64| v >= 0.0 && v.fract() == 0.0 && v < 1e12;
    if !whole(left) || !whole(right) || left == 0.0 {
        return None;
    }
    format!("{}{}", Number(left), Number(right)).parse().ok()
}

pub(super) fn fits(v: f64, kind: ValueKind) -> bool {
    match kind {
        ValueKind::Count => v >= 0.0 && v.fract() == 0.0,
        ValueKind::Signed => v.fract() == 0.0,
        ValueKind::Amount => v >= 0.0,
    }
}

/// Whether `new` is `old` with one digit more somewhere (“12” read as “2”).
pub(super) fn dropped_digit(old: f64, new: f64) -> bool {
    let (o, n) = (Number(old).to_string(), Number(new).to_string());
    n.len() == o.len() + 1
        && (0..n.len()).any(|i| n.is_char_boundary(i) && format!("{}{}", &n[..i], &n[i + 1..]) == o)
}
