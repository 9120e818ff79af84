//! The batch figures (charts, totals by region, the list's year and rule
//! choices) computed off the window's thread. With 10,000 reports open a
//! computation takes tens of milliseconds: more than a frame.
//!
//! The state keeps each changed report's small [`DocFacts`] as it changes
//! (one report's facts cost microseconds) and hands them over as
//! [`FactsChange`]s; [`FiguresService`] keeps every report's facts and sums
//! them into [`Figures`], stamped with the `State::revision` they were asked
//! for. [`FiguresWorker`] runs the service on a thread of its own; tests and
//! the headless window run it in place. The state drops figures older than
//! those it holds and shows the last ones until the current arrive.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::stats::{self, BatchStats, DocFacts, YearFigures};

/// One report's facts changed, or it was closed.
#[derive(Clone, Debug, PartialEq)]
pub enum FactsChange {
    /// Report `id` opened or edited: its facts from its own checks (the
    /// `extra` of `DocFacts::of` left empty), and its cross-year rules failing or warning.
    Set {
        id: u64,
        facts: Box<DocFacts>,
        cross_year: Vec<&'static str>,
    },
    /// Report `id`'s cross-year rules failing or warning changed.
    CrossYear {
        id: u64,
        rules: Vec<&'static str>,
    },
    Closed(u64),
}

/// What the window asks of the service: the changes since the last request,
/// in order, and, when figures are wanted, for which revision and report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiguresRequest {
    pub changes: Vec<FactsChange>,
    pub want: Option<FiguresKey>,
}

/// What figures were computed for: `State::revision`, and the report shown
/// (whose agency's years are drawn).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FiguresKey {
    pub revision: u64,
    pub active: Option<u64>,
}

/// Everything the charts and the list's choices show of the open reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub key: FiguresKey,
    pub stats: BatchStats,
    /// `stats.region_totals` as text, header first (`stats::region_total_rows`).
    pub totals_rows: Vec<Vec<String>>,
    /// The open reports' years, newest first.
    pub years: Vec<i32>,
    /// The shown report's agency over the years open.
    pub agency_years: Vec<YearFigures>,
}

/// One report's facts as kept: its own rules apart, so that new cross-year
/// rules replace only theirs.
#[derive(Debug)]
struct Kept {
    facts: DocFacts,
    own_rules: Vec<&'static str>,
}

impl Kept {
    fn set_cross_year(&mut self, cross_year: &[&'static str]) {
        let mut rules = self.own_rules.clone();
        rules.extend_from_slice(cross_year);
        rules.sort_unstable();
        rules.dedup();
        self.facts.rules = rules;
    }
}

/// Every open report's facts and the sums over them, without a thread.
#[derive(Debug, Default)]
pub struct FiguresService {
    /// By id: ids grow in the order reports are opened, and the state keeps
    /// its documents in that order, so this walks them as the state does.
    facts: BTreeMap<u64, Kept>,
}

impl FiguresService {
    pub fn apply(&mut self, changes: Vec<FactsChange>) {
        for change in changes {
            match change {
                FactsChange::Set {
                    id,
                    facts,
                    cross_year,
                } => {
                    let own_rules = facts.rules.clone();
                    let mut kept = Kept {
                        facts: *facts,
                        own_rules,
                    };
                    kept.set_cross_year(&cross_year);
                    self.facts.insert(id, kept);
                }
                FactsChange::CrossYear { id, rules } => {
                    if let Some(kept) = self.facts.get_mut(&id) {
                        kept.set_cross_year(&rules);
                    }
                }
                FactsChange::Closed(id) => {
                    self.facts.remove(&id);
                }
            }
        }
    }

    /// The reports whose facts are kept.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    pub fn compute(&self, key: FiguresKey) -> Figures {
        let facts: Vec<&DocFacts> = self.facts.values().map(|k| &k.facts).collect();
        let stats = stats::batch_stats_of(&facts);
        let totals_rows = stats::region_total_rows(&stats.region_totals);
        let agency_years = key
            .active
            .map(|id| stats::agency_years_of(self.facts.iter().map(|(i, k)| (*i, &k.facts)), id))
            .unwrap_or_default();
        Figures {
            key,
            years: stats::years_of(facts.iter().copied()),
            stats,
            totals_rows,
            agency_years,
        }
    }

    /// Takes a request at once: what a test or a headless window does.
    pub fn run(&mut self, request: FiguresRequest) -> Option<Figures> {
        self.apply(request.changes);
        request.want.map(|key| self.compute(key))
    }
}

/// The thread and its two channels.
pub struct FiguresWorker {
    requests: Sender<FiguresRequest>,
    pub replies: Receiver<Arc<Figures>>,
}

pub const WORKER_THREAD: &str = "nianbao-figures";

impl FiguresWorker {
    /// Starts the thread; `wake` is called after every reply (the window
    /// passes its repaint request).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<FiguresWorker> {
        let (requests, rx) = channel::<FiguresRequest>();
        let (tx, replies) = channel();
        std::thread::Builder::new()
            .name(WORKER_THREAD.into())
            .spawn(move || {
                crate::background::lower_this_thread();
                serve(&rx, &tx, &wake)
            })?;
        Ok(FiguresWorker { requests, replies })
    }

    /// Hands a request to the thread. `false` when the thread is gone.
    pub fn send(&self, request: FiguresRequest) -> bool {
        self.requests.send(request).is_ok()
    }
}

/// The thread's loop: takes every request that has arrived, then computes
/// once for the latest wanted, so a burst of edits costs one computation.
/// Ends when the window drops its sender.
fn serve(requests: &Receiver<FiguresRequest>, replies: &Sender<Arc<Figures>>, wake: &dyn Fn()) {
    let mut service = FiguresService::default();
    while let Ok(first) = requests.recv() {
        let mut want = first.want;
        service.apply(first.changes);
        while let Ok(next) = requests.try_recv() {
            service.apply(next.changes);
            want = next.want.or(want);
        }
        if let Some(key) = want {
            if replies.send(Arc::new(service.compute(key))).is_err() {
                return;
            }
            wake();
        }
    }
}
