//! Reports being read: each asked-for file listed until it opens, OCR's
//! progress stored as it comes, cancelled and started again on request,
//! and shown (its pages) while it reads.

use super::State;
use crate::review::command::{Command, Effect, OpenRequest, Source};
use crate::review::reading::Reading;
use crate::review::recovery::Journal;
use crate::review::report_list::CancelFlag;

impl State {
    /// Progress, cancel, read again, take off the list, show.
    pub(super) fn apply_reading(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::OpenProgress { job, progress } => {
                // A stale thread's report (cancelled, or read again since)
                // changes nothing.
                if let Some(r) = self
                    .reading
                    .iter_mut()
                    .find(|r| r.id == job && !r.cancelled)
                {
                    // Pages finish out of order on several cores: never back.
                    let newer = r.progress.is_none_or(|p| {
                        progress.done > p.done
                            || (progress.done == p.done && progress.cells >= p.cells)
                    });
                    if newer {
                        r.progress = Some(progress);
                    }
                }
                vec![]
            }
            Command::CancelOpen(job) => {
                if let Some(r) = self
                    .reading
                    .iter_mut()
                    .find(|r| r.id == job && !r.cancelled)
                {
                    r.cancel.cancel();
                    r.cancelled = true;
                }
                vec![]
            }
            Command::RetryOpen(job) => {
                let Some(r) = self.reading.iter_mut().find(|r| r.id == job && r.cancelled) else {
                    return vec![];
                };
                // A fresh flag: the old thread's late answer is told apart.
                r.cancel = CancelFlag::default();
                r.cancelled = false;
                r.progress = None;
                self.pending += 1;
                vec![Effect::Parse(OpenRequest {
                    source: r.source.clone(),
                    replay: r.replay.clone(),
                    job,
                    cancel: r.cancel.clone(),
                })]
            }
            Command::DismissReading(job) => {
                self.reading.retain(|r| !(r.id == job && r.cancelled));
                if self.viewing == Some(job) {
                    self.viewing = None;
                }
                vec![]
            }
            Command::ShowReading(job) => {
                if self.reading.iter().any(|r| r.id == job) {
                    self.viewing = Some(job);
                }
                vec![]
            }
            // Commands of the other parts never come here (see `apply_inner`).
            _ => Vec::new(),
        }
    }

    /// Lists a report to read and returns the effect that reads it.
    pub(super) fn start_reading(&mut self, source: Source, replay: Option<Box<Journal>>) -> Effect {
        self.next_id += 1;
        let job = self.next_id;
        let cancel = CancelFlag::default();
        self.reading.push(Reading {
            id: job,
            source: source.clone(),
            progress: None,
            cancel: cancel.clone(),
            cancelled: false,
            replay: replay.clone(),
        });
        self.pending += 1;
        Effect::Parse(OpenRequest {
            source,
            replay,
            job,
            cancel,
        })
    }

    /// The report being read whose pages the window shows: the one the
    /// person chose, else, with no report open, the first being read.
    pub fn reading_shown(&self) -> Option<&Reading> {
        if let Some(r) = self
            .viewing
            .and_then(|id| self.reading.iter().find(|r| r.id == id))
        {
            return Some(r);
        }
        if self.active_doc().is_none() {
            return self
                .reading
                .iter()
                .find(|r| !r.cancelled)
                .or(self.reading.first());
        }
        None
    }
}
