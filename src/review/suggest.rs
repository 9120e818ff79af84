//! Repair proposals for failing rules. A proposal is offered only when one
//! change, and only one, explains the failure: it makes the failing rule
//! pass, breaks no rule that passed, and no other single change does as
//! much. It is never applied without the person's click.

use std::collections::HashSet;

use crate::checks;
use crate::model::{CellRef, Number, Report, Status};
use crate::template::ValueKind;

/// One proposed repair.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The places (`where`) of the failing rules it repairs.
    pub places: Vec<String>,
    /// The cells to set, with their new values.
    pub changes: Vec<(CellRef, Option<f64>)>,
    /// What it does and why, in Chinese.
    pub label: String,
}

/// A candidate change and how many failures it clears.
struct Candidate {
    changes: Vec<(CellRef, Option<f64>)>,
    kind: &'static str,
    cleared: Vec<String>,
}

pub fn suggestions(report: &Report) -> Vec<Suggestion> {
    let failing: Vec<_> = report.failures().collect();
    if failing.is_empty() {
        return Vec::new();
    }
    let passed: HashSet<(&str, &str)> = report
        .checks
        .iter()
        .filter(|c| c.status == Status::Pass)
        .map(|c| (c.rule, c.place.as_str()))
        .collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for check in &failing {
        let (Some(expected), Some(actual)) = (check.expected, check.actual) else {
            continue;
        };
        let delta = expected.0 - actual.0;
        let mut candidates: Vec<Candidate> = Vec::new();
        for &at in &check.cell_refs {
            let Some(value) = report.tables.cell(at).and_then(|c| c.value) else {
                continue;
            };
            let Some(kind) = report
                .tables
                .get(at.table)
                .and_then(|t| t.spec.rows.get(at.row)?.columns.get(at.col))
                .map(|c| c.kind)
            else {
                continue;
            };
            for new in [value + delta, value - delta] {
                if !fits(new, kind) || new == value {
                    continue;
                }
                let changes = vec![(at, Some(new))];
                if let Some(cleared) = evaluate(report, &changes, &passed, &check.place) {
                    let kind = if dropped_digit(value, new) {
                        "dropped_digit"
                    } else {
                        "single_cell"
                    };
                    candidates.push(Candidate {
                        changes,
                        kind,
                        cleared,
                    });
                }
            }
        }
        if matches!(
            check.rule,
            "applications.row_total" | "review_litigation.total"
        ) {
            candidates.extend(wrong_row(report, check, &passed));
        }
        let best = candidates
            .iter()
            .map(|c| c.cleared.len())
            .max()
            .unwrap_or(0);
        let top: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.cleared.len() == best)
            .collect();
        let [only] = top.as_slice() else {
            continue; // none, or ambiguous: say nothing rather than guess
        };
        if let Some(s) = out.iter_mut().find(|s| s.changes == only.changes) {
            if !s.places.contains(&check.place) {
                s.places.push(check.place.clone());
            }
            continue;
        }
        out.push(Suggestion {
            places: only.cleared.clone(),
            label: describe(report, only),
            changes: only.changes.clone(),
        });
    }
    out
}

/// A value standing in the wrong row: the failing row's parts exceed its
/// total, and another failing row of the same table lacks exactly as much;
/// moving one part value across (same column) repairs both.
fn wrong_row(
    report: &Report,
    check: &crate::model::Check,
    passed: &HashSet<(&str, &str)>,
) -> Vec<Candidate> {
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
        if (t2.0 - s2.0 - excess).abs() > 1e-9 {
            continue; // the other row does not lack what this one has too much
        }
        let Some(r2) = other.cell_refs.first().map(|c| c.row) else {
            continue;
        };
        for c in 0..parts {
            let (Some(v1), Some(v2)) = (t.cells[r1][c].value, t.cells[r2][c].value) else {
                continue;
            };
            if (v1 - excess).abs() > 1e-9 {
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
            if let Some(cleared) = evaluate(report, &changes, passed, &check.place) {
                out.push(Candidate {
                    changes,
                    kind: "wrong_row",
                    cleared,
                });
            }
        }
    }
    out
}

/// Runs the rules with `changes` applied. `Some(cleared places)` when the
/// failing rule at `place` now passes and no rule that passed fails.
fn evaluate(
    report: &Report,
    changes: &[(CellRef, Option<f64>)],
    passed: &HashSet<(&str, &str)>,
    place: &str,
) -> Option<Vec<String>> {
    let mut tables = report.tables.clone();
    for (at, v) in changes {
        tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = *v;
    }
    let after = checks::run(&tables, &report.narrative);
    let mut fixes_target = false;
    for c in &after {
        if c.status == Status::Fail && passed.contains(&(c.rule, c.place.as_str())) {
            return None;
        }
        if c.place == place && c.status == Status::Pass {
            fixes_target = true;
        }
    }
    if !fixes_target {
        return None;
    }
    let cleared = report
        .failures()
        .filter(|f| {
            after
                .iter()
                .any(|c| c.rule == f.rule && c.place == f.place && c.status == Status::Pass)
        })
        .map(|f| f.place.clone())
        .collect();
    Some(cleared)
}

fn fits(v: f64, kind: ValueKind) -> bool {
    match kind {
        ValueKind::Count => v >= 0.0 && v.fract() == 0.0,
        ValueKind::Signed => v.fract() == 0.0,
        ValueKind::Amount => v >= 0.0,
    }
}

/// Whether `new` is `old` with one digit more somewhere (“12” read as “2”).
fn dropped_digit(old: f64, new: f64) -> bool {
    let (o, n) = (Number(old).to_string(), Number(new).to_string());
    n.len() == o.len() + 1
        && (0..n.len()).any(|i| n.is_char_boundary(i) && format!("{}{}", &n[..i], &n[i + 1..]) == o)
}

fn describe(report: &Report, c: &Candidate) -> String {
    let (at, to) = c.changes[0];
    let Some(t) = report.tables.get(at.table) else {
        return String::new();
    };
    if c.kind == "wrong_row" {
        let (to_at, _) = c.changes[1];
        let from = t.cells[at.row][at.col]
            .value
            .map(|v| Number(v).to_string())
            .unwrap_or_default();
        return format!(
            "{}·{} 的 {from} 移到“{}”同一列（疑似填错行，移动后两行合计都成立）",
            t.spec.rows[at.row].name,
            t.spec.rows[at.row].columns[at.col].label,
            t.spec.rows[to_at.row].name
        );
    }
    let row = &t.spec.rows[at.row];
    let col = &row.columns[at.col];
    let from = t.cells[at.row][at.col].value.map(|v| Number(v).to_string());
    let to = to
        .map(|v| Number(v).to_string())
        .unwrap_or_else(|| "空".into());
    let why = if c.kind == "dropped_digit" {
        "疑似漏读一位数字"
    } else {
        "只改这一格即可使勾稽关系成立"
    };
    format!(
        "{}·{}：{} → {}（{why}）",
        row.name,
        col.label,
        from.unwrap_or_else(|| "空".into()),
        to
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_digits_are_recognised() {
        assert!(dropped_digit(2.0, 12.0));
        assert!(dropped_digit(15.0, 105.0));
        assert!(!dropped_digit(2.0, 3.0));
    }
}
