//! Judging a candidate: the rules run again with the change applied,
//! compared with before.
//!
//! Only the rules reading a changed cell are run again (`Scope::reading`),
//! on one copy of the tables changed and put back in place, without
//! messages: every other rule keeps its outcome. That holds when the
//! report's checks are those of its tables (as `recheck` leaves them) and
//! name each rule and place once; otherwise every rule is run again, as
//! before this shortcut. Both give the same proposals (tests/repair_scope.rs).

use std::cell::RefCell;
use std::collections::HashSet;

use super::*;
use crate::model::{CellRef, Check, Report, Status, Tables};
use crate::rules::report::{Scope, run_in};

/// How candidates are judged: which rules run again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rerun {
    /// Only the rules reading a changed cell, when the report's checks
    /// allow it (see the module's comment), else every rule.
    Reached,
    /// Every rule, whatever the checks (the reference the shortcut is
    /// tested against).
    All,
}

/// A report being repaired: its checks before any change, and a copy of
/// its tables that candidates are tried on.
pub(super) struct Judge<'a> {
    pub(super) report: &'a Report,
    pub(super) before: Before<'a>,
    tables: RefCell<Tables>,
    /// Whether only the rules reading a changed cell are run again.
    reached_only: bool,
}

/// The rules a change reaches, after it.
struct Outcomes {
    /// The cells changed.
    cells: Vec<CellRef>,
    /// The checks of the rules reading them, with the change applied
    /// (every check, when every rule is run).
    after: Vec<Check>,
}

impl<'a> Judge<'a> {
    pub(super) fn new(report: &'a Report, rerun: Rerun) -> Judge<'a> {
        let before: Before = report
            .checks
            .iter()
            .map(|c| ((c.rule, c.place.as_str()), c.status))
            .collect();
        let reached_only = rerun == Rerun::Reached
            && before.len() == report.checks.len()
            && checks_current(report);
        Judge {
            report,
            before,
            tables: RefCell::new(report.tables.clone()),
            reached_only,
        }
    }

    /// The rules reached by `changes` (or all, see `reached_only`) run
    /// with it applied; `None` when a cell changed is not in the report.
    fn rerun(&self, changes: &[(CellRef, Option<f64>)]) -> Option<Outcomes> {
        let cells: Vec<CellRef> = changes.iter().map(|(at, _)| *at).collect();
        let scope = if self.reached_only {
            Scope::reading(&cells)
        } else {
            Scope::ALL_QUIET
        };
        let narrative = &self.report.narrative;
        let mut tables = self.tables.borrow_mut();
        if changes.iter().any(|(at, _)| tables.cell(*at).is_none()) {
            return None;
        }
        let mut old = Vec::with_capacity(changes.len());
        for (at, v) in changes {
            let cell = tables.get_mut(at.table)?.cell_mut(at.row, at.col)?;
            old.push((*at, cell.value));
            cell.value = *v;
        }
        let after = run_in(&tables, narrative, scope);
        // Put back in reverse, so a cell changed twice gets its first value.
        for (at, v) in old.into_iter().rev() {
            tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = v;
        }
        Some(Outcomes { cells, after })
    }

    /// Whether some rule at `place` passes after the change: one reached
    /// that passes after, or one not reached that passed before.
    fn passes_at(&self, place: &str, outcomes: &Outcomes) -> bool {
        if outcomes
            .after
            .iter()
            .any(|c| c.place == place && c.status == Status::Pass)
        {
            return true;
        }
        if !self.reached_only {
            return false;
        }
        let mut passed = self
            .report
            .checks
            .iter()
            .filter(|c| c.place == place && c.status == Status::Pass)
            .peekable();
        if passed.peek().is_none() {
            return false;
        }
        // Which rules the change reaches: those that run on these cells
        // (the tables are as they were again).
        let reached = run_in(
            &self.tables.borrow(),
            &self.report.narrative,
            Scope::reading(&outcomes.cells),
        );
        passed.any(|c| {
            !reached
                .iter()
                .any(|r| r.rule == c.rule && r.place == c.place)
        })
    }
}

/// Whether `report.checks` are the rules' outcomes on its tables, in
/// order: what lets the rules a change does not reach keep their outcome.
fn checks_current(report: &Report) -> bool {
    let now = run_in(&report.tables, &report.narrative, Scope::ALL_QUIET);
    now.len() == report.checks.len()
        && now
            .iter()
            .zip(&report.checks)
            .all(|(a, b)| a.rule == b.rule && a.place == b.place && a.status == b.status)
}

/// The rules after a change, compared with before.
pub(super) struct Verdict {
    /// Failing rules (rule, place) that pass after.
    pub(super) fixed: Vec<(&'static str, String)>,
    /// Failing rules that no longer fail (pass, or cannot be checked).
    pub(super) resolved: Vec<(&'static str, String)>,
    /// Rules that decide (not advisory) that did not pass before and do now.
    pub(super) gained: usize,
}

impl Verdict {
    /// Runs the rules with `changes` applied; `None` when a rule that did
    /// not fail fails (with `strict`, or becomes advisory-worthy either).
    ///
    /// A rule not reached keeps its outcome, so it neither fails anew nor
    /// is fixed nor gained: the reached rules decide alone.
    pub(super) fn of(
        judge: &Judge,
        changes: &[(CellRef, Option<f64>)],
        strict: bool,
    ) -> Option<Verdict> {
        let outcomes = judge.rerun(changes)?;
        let mut out = Verdict {
            fixed: Vec::new(),
            resolved: Vec::new(),
            gained: 0,
        };
        for c in outcomes.after {
            let was = judge.before.get(&(c.rule, c.place.as_str())).copied();
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
pub(super) fn decisive(rule: &str) -> bool {
    matches!(
        rule,
        "applications.row_total"
            | "applications.balance"
            | "applications.outcomes"
            | "review_litigation.total"
    )
}

/// Runs the rules with `changes` applied. `Some(cleared places)` when a
/// rule at `place` (the failing one's) now passes and no rule that passed
/// fails.
pub(super) fn evaluate(
    judge: &Judge,
    changes: &[(CellRef, Option<f64>)],
    passed: &HashSet<(&str, &str)>,
    place: &str,
) -> Option<Vec<String>> {
    let outcomes = judge.rerun(changes)?;
    if outcomes
        .after
        .iter()
        .any(|c| c.status == Status::Fail && passed.contains(&(c.rule, c.place.as_str())))
    {
        return None;
    }
    if !judge.passes_at(place, &outcomes) {
        return None;
    }
    // A failure not reached still fails: only reached ones can clear.
    let cleared = judge
        .report
        .failures()
        .filter(|f| {
            outcomes
                .after
                .iter()
                .any(|c| c.rule == f.rule && c.place == f.place && c.status == Status::Pass)
        })
        .map(|f| f.place.clone())
        .collect();
    Some(cleared)
}
