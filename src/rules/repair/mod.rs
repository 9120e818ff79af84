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

use std::collections::{HashMap, HashSet};

mod candidates;
mod describe;
mod judge;
mod unread;

use crate::model::{CellRef, Report, Status};

use candidates::*;
use describe::*;
pub use judge::Rerun;
use judge::*;
use unread::*;
pub use unread::{is_unfilled, unread_cells, unread_message};

/// One proposed repair.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The places (`where`) of the failing rules it repairs.
    pub places: Vec<String>,
    /// The cells to set, with their new values.
    pub changes: Vec<(CellRef, Option<f64>)>,
    /// What it does and why.
    pub label: crate::text::Text,
    /// For a row the parser could not place: its index in
    /// `report.unread_rows`, which this suggestion fills (and beside which
    /// it is shown).
    pub unread: Option<usize>,
}

/// Cells to set, with their new values.
pub(super) type Changes = Vec<(CellRef, Option<f64>)>;

/// What a candidate change is, for its description.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
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
pub(super) struct Candidate {
    changes: Changes,
    kind: Kind,
    /// The places of the failing rules that pass, or can no longer be
    /// checked, after it: one entry per rule, so the length is the score.
    cleared: Vec<String>,
}

/// The rules' outcomes before any change, by rule and place.
pub(super) type Before<'a> = HashMap<(&'static str, &'a str), Status>;

pub fn suggestions(report: &Report) -> Vec<Suggestion> {
    suggestions_with(report, Rerun::Reached)
}

/// `suggestions`, judging candidates by running again the rules `rerun`
/// says: the same proposals either way (what tests/repair_scope.rs checks).
#[doc(hidden)]
pub fn suggestions_with(report: &Report, rerun: Rerun) -> Vec<Suggestion> {
    let judge = Judge::new(report, rerun);
    let mut out = failure_suggestions(&judge);
    out.extend(unread_suggestions(&judge));
    out
}

/// Proposals for the failing rules of the cells as they stand.
fn failure_suggestions(judge: &Judge) -> Vec<Suggestion> {
    let report = judge.report;
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
            let after = Verdict::of(judge, &changes, true)?;
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
        let single = single_cell(judge, check, &passed);
        candidates.extend(&single);
        let moved = if matches!(
            check.rule,
            "applications.row_total" | "review_litigation.total"
        ) {
            wrong_row(judge, check, &passed)
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
pub(super) fn unique_best<'a, T>(
    candidates: &[&'a T],
    score: impl Fn(&T) -> usize,
) -> Option<&'a T> {
    let best = candidates.iter().map(|c| score(c)).max()?;
    let mut top = candidates.iter().filter(|c| score(c) == best);
    let only = top.next()?;
    top.next().is_none().then_some(*only)
}

pub(super) fn dedup(places: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in places {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
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
