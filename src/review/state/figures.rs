//! The batch figures from the state's side: each report's small facts made
//! as it opens, changes or closes (microseconds for one report), queued for
//! the figures service (`review::figures`) that sums them off the window's
//! thread; the last figures received kept, older ones dropped.

use std::sync::Arc;

use super::State;
use crate::review::document;
use crate::review::figures::{FactsChange, Figures, FiguresKey, FiguresRequest};
use crate::review::stats::{DocFacts, flagged_rules};

/// What the state holds of the batch figures.
#[derive(Debug, Default)]
pub struct FiguresFeed {
    /// Facts changed since the last request, in order.
    pending: Vec<FactsChange>,
    /// What figures were last asked for.
    asked: Option<FiguresKey>,
    /// The newest figures received.
    latest: Option<Arc<Figures>>,
}

impl State {
    /// Report `id` opened or changed: its facts go to the service.
    pub(super) fn facts_changed(&mut self, id: u64) {
        let Some(d) = document::find(&self.documents, id) else {
            return;
        };
        let change = FactsChange::Set {
            id,
            facts: Box::new(DocFacts::of(&d.report, &[], &d.name)),
            cross_year: flagged_rules(d.cross_year()),
        };
        self.figures.pending.push(change);
    }

    /// Report `id`'s cross-year rules were recomputed and differ.
    pub(super) fn cross_year_changed(&mut self, id: u64) {
        let Some(d) = document::find(&self.documents, id) else {
            return;
        };
        let rules = flagged_rules(d.cross_year());
        self.figures
            .pending
            .push(FactsChange::CrossYear { id, rules });
    }

    pub(super) fn facts_closed(&mut self, id: u64) {
        self.figures.pending.push(FactsChange::Closed(id));
    }

    /// What the figures service should be sent now: the facts changed since
    /// the last request, and, when figures are `wanted` (the charts or the
    /// list's choices shown) and none were asked for this revision and
    /// report yet, a computation. `None`: nothing to send.
    pub fn figures_request(&mut self, wanted: bool) -> Option<FiguresRequest> {
        let key = self.figures_key();
        let want = (wanted && self.figures.asked != Some(key)).then_some(key);
        if want.is_none() && self.figures.pending.is_empty() {
            return None;
        }
        if want.is_some() {
            self.figures.asked = want;
        }
        Some(FiguresRequest {
            changes: std::mem::take(&mut self.figures.pending),
            want,
        })
    }

    /// The revision and report the figures should be computed for now.
    pub fn figures_key(&self) -> FiguresKey {
        FiguresKey {
            revision: self.revision,
            active: self.active,
        }
    }

    /// The newest figures received, current or not (see [`State::figures_current`]).
    pub fn figures(&self) -> Option<&Arc<Figures>> {
        self.figures.latest.as_ref()
    }

    /// The newest figures are those of the reports as they are now.
    pub fn figures_current(&self) -> bool {
        self.figures
            .latest
            .as_ref()
            .is_some_and(|f| f.key == self.figures_key())
    }

    /// Figures arrived: kept unless older than those held (a computation
    /// overtaken by a later one).
    pub(super) fn figures_computed(&mut self, figures: Arc<Figures>) {
        if self
            .figures
            .latest
            .as_ref()
            .is_some_and(|held| held.key.revision > figures.key.revision)
        {
            return;
        }
        self.figures.latest = Some(figures);
    }
}
