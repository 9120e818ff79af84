//! Repair proposals for failing rules. A proposal is offered only when one
//! change, and only one, explains the failure: it makes the failing rule
//! pass, breaks no rule that passed, and no other single change does as
//! much. It is never applied without the person's click.
//!
//! The misreads looked for: a dropped digit or one wrong cell, a value in
//! the wrong row, a number split over two cells (joined back, the cells
//! after it moved left), a row shifted by one column (moved back). A join
//! or a shift leaves a cell at the row's end empty, so a rule it resolves
//! may become uncheckable rather than pass; it must still make some failing
//! rule pass, and it must not make any rule fail or warn that did not.
//!
//! Rows the parser could not place (`report.unread_rows`) are offered
//! filled from the numbers as read — as they are, joined at one place, or
//! shifted by one column — when exactly one such fill makes the most
//! rules hold that could not be checked, and makes none fail or warn.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::checks;
use crate::model::{CellRef, Check, Number, Report, Status, Table, UnreadRow};
use crate::tables::short_title;
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
    /// For a row the parser could not place: its index in
    /// `report.unread_rows`, which this suggestion fills (and beside which
    /// it is shown).
    pub unread: Option<usize>,
}

/// Cells to set, with their new values.
type Changes = Vec<(CellRef, Option<f64>)>;

/// What a candidate change is, for its description.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    SingleCell,
    DroppedDigit,
    WrongRow,
    /// Cells `at` and the one after it hold the halves `left`, `right` of
    /// one number; the cells after them move left, the last becomes empty.
    Join {
        at: CellRef,
        left: f64,
        right: f64,
    },
    /// The whole row moves one column right (`true`) or left.
    Shift {
        at: CellRef,
        right: bool,
    },
}

/// A candidate change and the failures it clears.
struct Candidate {
    changes: Changes,
    kind: Kind,
    /// The places of the failing rules that pass, or can no longer be
    /// checked, after it: one entry per rule, so the length is the score.
    cleared: Vec<String>,
}

/// The rules' outcomes before any change, by rule and place.
type Before<'a> = HashMap<(&'static str, &'a str), Status>;

pub fn suggestions(report: &Report) -> Vec<Suggestion> {
    let before: Before = report
        .checks
        .iter()
        .map(|c| ((c.rule, c.place.as_str()), c.status))
        .collect();
    let mut out = failure_suggestions(report, &before);
    out.extend(unread_suggestions(report, &before));
    out
}

/// Proposals for the failing rules of the cells as they stand.
fn failure_suggestions(report: &Report, before: &Before) -> Vec<Suggestion> {
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
    // Joins and shifts move whole rows: worked out once for every row a
    // failing rule looks at, then offered for each failure they resolve.
    let rows: Vec<(Candidate, Vec<(&'static str, String)>)> = row_repairs(report, &failing)
        .into_iter()
        .filter_map(|(changes, kind)| {
            let after = Outcome::of(report, before, &changes, true)?;
            // Something must come to hold, not merely stop being checkable.
            if after.fixed.is_empty() {
                return None;
            }
            let cleared = after.resolved.iter().map(|(_, p)| p.clone()).collect();
            Some((
                Candidate {
                    changes,
                    kind,
                    cleared,
                },
                after.resolved,
            ))
        })
        .collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for check in &failing {
        let mut candidates: Vec<&Candidate> = Vec::new();
        let single = single_cell(report, check, &passed);
        candidates.extend(&single);
        let moved = if matches!(
            check.rule,
            "applications.row_total" | "review_litigation.total"
        ) {
            wrong_row(report, check, &passed)
        } else {
            Vec::new()
        };
        candidates.extend(&moved);
        candidates.extend(
            rows.iter()
                .filter(|(_, resolved)| {
                    resolved
                        .iter()
                        .any(|(rule, place)| *rule == check.rule && *place == check.place)
                })
                .map(|(c, _)| c),
        );
        let Some(only) = unique_best(&candidates, |c| c.cleared.len()) else {
            continue; // none, or ambiguous: say nothing rather than guess
        };
        if let Some(s) = out.iter_mut().find(|s| s.changes == only.changes) {
            if !s.places.contains(&check.place) {
                s.places.push(check.place.clone());
            }
            continue;
        }
        out.push(Suggestion {
            places: dedup(only.cleared.iter().cloned()),
            label: describe(report, only),
            changes: only.changes.clone(),
            unread: None,
        });
    }
    out
}

/// The one candidate scoring most, or `None` when there is none or a tie.
fn unique_best<'a, T>(candidates: &[&'a T], score: impl Fn(&T) -> usize) -> Option<&'a T> {
    let best = candidates.iter().map(|c| score(c)).max()?;
    let mut top = candidates.iter().filter(|c| score(c) == best);
    let only = top.next()?;
    top.next().is_none().then_some(*only)
}

fn dedup(places: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in places {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// One cell off by exactly what the rule misses (a dropped digit, a
/// mistyped total).
fn single_cell(report: &Report, check: &Check, passed: &HashSet<(&str, &str)>) -> Vec<Candidate> {
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
            if let Some(cleared) = evaluate(report, &changes, passed, &check.place) {
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

fn column_kind(report: &Report, at: CellRef) -> Option<ValueKind> {
    report
        .tables
        .get(at.table)
        .and_then(|t| t.spec.rows.get(at.row)?.columns.get(at.col))
        .map(|c| c.kind)
}

/// A value standing in the wrong row: the failing row's parts exceed its
/// total, and another failing row of the same table lacks exactly as much;
/// moving one part value across (same column) repairs both.
fn wrong_row(report: &Report, check: &Check, passed: &HashSet<(&str, &str)>) -> Vec<Candidate> {
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
fn row_repairs(report: &Report, failing: &[&Check]) -> Vec<(Changes, Kind)> {
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
fn row_changes(
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
fn join_digits(left: f64, right: f64) -> Option<f64> {
    let whole = |v: f64| v >= 0.0 && v.fract() == 0.0 && v < 1e12;
    if !whole(left) || !whole(right) || left == 0.0 {
        return None;
    }
    format!("{}{}", Number(left), Number(right)).parse().ok()
}

/// The rules after a change, compared with before.
struct Outcome {
    /// Failing rules (rule, place) that pass after.
    fixed: Vec<(&'static str, String)>,
    /// Failing rules that no longer fail (pass, or cannot be checked).
    resolved: Vec<(&'static str, String)>,
    /// Rules that decide (not advisory) that did not pass before and do now.
    gained: usize,
}

impl Outcome {
    /// Runs the rules with `changes` applied; `None` when a rule that did
    /// not fail fails (with `strict`, or becomes advisory-worthy either).
    fn of(
        report: &Report,
        before: &Before,
        changes: &[(CellRef, Option<f64>)],
        strict: bool,
    ) -> Option<Outcome> {
        let mut tables = report.tables.clone();
        for (at, v) in changes {
            tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = *v;
        }
        let after = checks::run(&tables, &report.narrative);
        let mut out = Outcome {
            fixed: Vec::new(),
            resolved: Vec::new(),
            gained: 0,
        };
        for c in after {
            let was = before.get(&(c.rule, c.place.as_str())).copied();
            match (was, c.status) {
                (Some(Status::Fail), Status::Fail) => {}
                (_, Status::Fail) => return None,
                (Some(Status::Pass | Status::Skipped) | None, Status::Warn) if strict => {
                    return None;
                }
                _ => {}
            }
            if was == Some(Status::Fail) {
                if c.status == Status::Fail {
                    continue;
                }
                if c.status == Status::Pass {
                    out.fixed.push((c.rule, c.place.clone()));
                }
                out.resolved.push((c.rule, c.place));
            } else if c.status == Status::Pass && was != Some(Status::Pass) && decisive(c.rule) {
                out.gained += 1;
            }
        }
        Some(out)
    }
}

/// Rules that prove an error when they fail, as opposed to advisory ones.
fn decisive(rule: &str) -> bool {
    matches!(
        rule,
        "applications.row_total"
            | "applications.balance"
            | "applications.outcomes"
            | "review_litigation.total"
    )
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

fn show(v: Option<f64>) -> String {
    v.map(|v| Number(v).to_string())
        .unwrap_or_else(|| "空".into())
}

fn describe(report: &Report, c: &Candidate) -> String {
    let (at, to) = c.changes[0];
    let Some(t) = report.tables.get(at.table) else {
        return String::new();
    };
    match c.kind {
        Kind::WrongRow => {
            let (to_at, _) = c.changes[1];
            let from = t.cells[at.row][at.col]
                .value
                .map(|v| Number(v).to_string())
                .unwrap_or_default();
            format!(
                "{}·{} 的 {from} 移到“{}”同一列（疑似填错行，移动后两行合计都成立）",
                t.spec.rows[at.row].name,
                t.spec.rows[at.row].columns[at.col].label,
                t.spec.rows[to_at.row].name
            )
        }
        Kind::Join { at, left, right } => {
            let row = &t.spec.rows[at.row];
            let joined = join_digits(left, right).map(Number);
            format!(
                "{}：把“{}”和“{}”合为 {}（数字被拆成两格），其后各格左移一格，“{}”留空",
                row.name,
                Number(left),
                Number(right),
                joined.map(|j| j.to_string()).unwrap_or_default(),
                row.columns[row.columns.len() - 1].label
            )
        }
        Kind::Shift { at, right } => {
            let row = &t.spec.rows[at.row];
            if right {
                format!(
                    "{}：整行右移一列（“{}”留空；疑似漏读了行首的空格）",
                    row.name, row.columns[0].label
                )
            } else {
                format!(
                    "{}：整行左移一列（“{}”留空；疑似多读了一个空格）",
                    row.name,
                    row.columns[row.columns.len() - 1].label
                )
            }
        }
        Kind::SingleCell | Kind::DroppedDigit => {
            let row = &t.spec.rows[at.row];
            let col = &row.columns[at.col];
            let why = if c.kind == Kind::DroppedDigit {
                "疑似漏读一位数字"
            } else {
                "只改这一格即可使勾稽关系成立"
            };
            format!(
                "{}·{}：{} → {}（{why}）",
                row.name,
                col.label,
                show(t.cells[at.row][at.col].value),
                show(to)
            )
        }
    }
}

/// The cells an unread row was to fill, in order: the row's, or the whole
/// table's (table 4 read as one run of values). `None` when the report no
/// longer has that table or row.
pub fn unread_cells(report: &Report, u: &UnreadRow) -> Option<Vec<CellRef>> {
    let t = report.tables.get(u.table)?;
    let rows = match u.row {
        Some(key) => {
            let r = t.spec.row(key)?;
            r..r + 1
        }
        None => 0..t.spec.rows.len(),
    };
    Some(
        rows.flat_map(|row| {
            (0..t.spec.rows[row].columns.len()).map(move |col| CellRef {
                table: u.table,
                row,
                col,
            })
        })
        .collect(),
    )
}

/// Whether an unread row's cells are all still empty (nobody filled them).
pub fn is_unfilled(report: &Report, u: &UnreadRow) -> bool {
    unread_cells(report, u).is_some_and(|cells| {
        cells
            .iter()
            .all(|&at| report.tables.cell(at).is_none_or(|c| c.value.is_none()))
    })
}

/// How an unread row is named: `表三“（一）予以公开”`, or `表四`.
fn unread_name(report: &Report, u: &UnreadRow) -> String {
    let title = short_title(u.table);
    match (u.row, report.tables.get(u.table)) {
        (Some(key), Some(t)) => match t.spec.row(key) {
            Some(r) => format!("{title}“{}”", t.spec.rows[r].name),
            None => title.to_string(),
        },
        _ => title.to_string(),
    }
}

/// The problem an unread row is, in Chinese.
pub fn unread_message(report: &Report, u: &UnreadRow) -> String {
    let want = unread_cells(report, u).map(|c| c.len()).unwrap_or(0);
    let read: Vec<String> = u.values.iter().map(|v| show(*v)).collect();
    format!(
        "{}读到 {} 个值（{}），应为 {want} 个，无法确定对应的{}，留空未填",
        unread_name(report, u),
        u.values.len(),
        read.join(" "),
        if u.row.is_some() { "列" } else { "格" }
    )
}

/// How an unread row's values are fitted to its cells.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fill {
    AsRead,
    /// Values `i` and `i + 1` are the halves of one number.
    Join(usize),
    /// The first value is extra: everything moves one column left.
    DropFirst,
    /// The last value is extra.
    DropLast,
    /// One value short, the first cell the blank: everything moves one
    /// column right.
    BlankFirst,
    /// One value short, the last cell the blank.
    BlankLast,
}

/// Proposals to fill each unfilled unread row: the numbers as read, fitted
/// the one way (a split number joined, a shift by one column) that makes
/// rules hold that could not be checked, breaking none.
fn unread_suggestions(report: &Report, before: &Before) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for (i, u) in report.unread_rows.iter().enumerate() {
        if !is_unfilled(report, u) {
            continue;
        }
        let (Some(cells), Some(t)) = (unread_cells(report, u), report.tables.get(u.table)) else {
            continue;
        };
        let (n, v) = (cells.len(), &u.values);
        let mut fills: Vec<(Fill, Vec<Option<f64>>)> = Vec::new();
        if v.len() == n {
            fills.push((Fill::AsRead, v.clone()));
        } else if v.len() == n + 1 {
            for j in 0..n {
                if let (Some(a), Some(b)) = (v[j], v[j + 1])
                    && let Some(joined) = join_digits(a, b)
                {
                    let mut new = v[..j].to_vec();
                    new.push(Some(joined));
                    new.extend_from_slice(&v[j + 2..]);
                    fills.push((Fill::Join(j), new));
                }
            }
            fills.push((Fill::DropFirst, v[1..].to_vec()));
            fills.push((Fill::DropLast, v[..n].to_vec()));
        } else if v.len() + 1 == n && n > 1 {
            let mut first = vec![None];
            first.extend_from_slice(v);
            fills.push((Fill::BlankFirst, first));
            let mut last = v.clone();
            last.push(None);
            fills.push((Fill::BlankLast, last));
        }
        let old = vec![None; n];
        let scored: Vec<(Fill, Changes, Outcome)> = fills
            .into_iter()
            .filter_map(|(fill, new)| {
                let changes = row_changes(t, &cells, &old, &new)?;
                let after = Outcome::of(report, before, &changes, true)?;
                (after.gained + after.fixed.len() > 0).then_some((fill, changes, after))
            })
            .collect();
        let refs: Vec<&(Fill, Changes, Outcome)> = scored.iter().collect();
        let Some((fill, changes, after)) = unique_best(&refs, |(_, _, o)| o.gained + o.fixed.len())
        else {
            continue;
        };
        out.push(Suggestion {
            places: dedup(after.fixed.iter().map(|(_, p)| p.clone())),
            label: describe_fill(report, u, t, &cells, *fill, changes),
            changes: changes.clone(),
            unread: Some(i),
        });
    }
    out
}

fn describe_fill(
    report: &Report,
    u: &UnreadRow,
    t: &Table,
    cells: &[CellRef],
    fill: Fill,
    changes: &[(CellRef, Option<f64>)],
) -> String {
    let name = unread_name(report, u);
    let values: Vec<String> = cells
        .iter()
        .map(|at| show(changes.iter().find(|(c, _)| c == at).and_then(|(_, v)| *v)))
        .collect();
    let values = values.join(" ");
    let label = |at: &CellRef| {
        let row = &t.spec.rows[at.row];
        if u.row.is_some() {
            row.columns[at.col].label.to_string()
        } else {
            format!("{}·{}", row.name, row.columns[at.col].label)
        }
    };
    let v = &u.values;
    match fill {
        Fill::AsRead => format!("{name}：按读到的数依次填入 {values}"),
        Fill::Join(j) => format!(
            "{name}：把“{}”和“{}”合为 {}（数字被拆成两格），依次填入 {values}",
            show(v[j]),
            show(v[j + 1]),
            show(
                changes
                    .iter()
                    .find(|(c, _)| *c == cells[j])
                    .and_then(|(_, v)| *v)
            )
        ),
        Fill::DropFirst => format!(
            "{name}：整行左移一列（舍去行首多读的“{}”），填入 {values}",
            show(v[0])
        ),
        Fill::DropLast => format!(
            "{name}：舍去行末多读的“{}”，依次填入 {values}",
            show(v[v.len() - 1])
        ),
        Fill::BlankFirst => format!(
            "{name}：整行右移一列（“{}”留空），填入 {values}",
            label(&cells[0])
        ),
        Fill::BlankLast => format!(
            "{name}：依次填入 {values}，“{}”留空",
            label(&cells[cells.len() - 1])
        ),
    }
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

    #[test]
    fn split_numbers_join_by_their_digits() {
        assert_eq!(join_digits(1.0, 26.0), Some(126.0));
        assert_eq!(join_digits(12.0, 0.0), Some(120.0));
        assert_eq!(join_digits(0.0, 3.0), None, "no number starts with 0");
        assert_eq!(join_digits(1.5, 2.0), None);
    }
}
