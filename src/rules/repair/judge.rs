//! Judging a candidate: the rules run again with the change applied,
//! compared with before.

use std::collections::HashSet;

use super::*;
use crate::model::{CellRef, Report, Status};

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
    pub(super) fn of(
        report: &Report,
        before: &Before,
        changes: &[(CellRef, Option<f64>)],
        strict: bool,
    ) -> Option<Verdict> {
        let mut tables = report.tables.clone();
        for (at, v) in changes {
            tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = *v;
        }
        let after = crate::rules::report::run(&tables, &report.narrative);
        let mut out = Verdict {
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
pub(super) fn decisive(rule: &str) -> bool {
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
pub(super) fn evaluate(
    report: &Report,
    changes: &[(CellRef, Option<f64>)],
    passed: &HashSet<(&str, &str)>,
    place: &str,
) -> Option<Vec<String>> {
    let mut tables = report.tables.clone();
    for (at, v) in changes {
        tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = *v;
    }
    let after = crate::rules::report::run(&tables, &report.narrative);
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
