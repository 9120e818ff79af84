//! What the open reports' cross-year rules are checked against, kept as
//! reports open one by one: each agency's year (the first report opened
//! for it, that is the lowest id) and which reports name which agency and
//! year, so that a report opening while a folder reads rechecks only
//! itself and the same agency's report of the next year, instead of
//! every report once the folder is read.

use std::collections::HashMap;

use crate::rules::cross_year::{YearFacts, YearIndex};

use super::document::{self, Document};

#[derive(Debug, Default)]
pub struct OpenYears {
    /// Each agency's year: the facts the next year is checked against.
    pub index: YearIndex,
    /// The report whose facts `index` holds, by (agency key, year).
    holder: HashMap<(String, i32), u64>,
    /// The reports of each (agency key, year), whatever holds its facts.
    reports: HashMap<(String, i32), Vec<u64>>,
}

impl OpenYears {
    /// Built from every open report, in the order of their ids.
    pub fn of(documents: &[Box<Document>]) -> OpenYears {
        let mut out = OpenYears::default();
        for d in documents {
            out.add(d);
        }
        out
    }

    /// Report `d` opened (or counted while building): the reports whose
    /// cross-year rules may change with it, `d` itself first, then the
    /// same agency's reports for the year after when `d` is now the one
    /// their year before is checked against.
    pub fn add(&mut self, d: &Document) -> Vec<u64> {
        let mut recheck = vec![d.id];
        let Some((key, year, facts)) = YearFacts::of(&d.report) else {
            return recheck;
        };
        self.reports
            .entry((key.clone(), year))
            .or_default()
            .push(d.id);
        let holds = match self.holder.get(&(key.clone(), year)) {
            Some(&other) => d.id < other,
            None => true,
        };
        if holds {
            self.holder.insert((key.clone(), year), d.id);
            if let Some(next) = self.reports.get(&(key.clone(), year + 1)) {
                recheck.extend(next.iter().copied());
            }
            self.index.replace((key, year, facts));
        }
        recheck
    }

    /// Report `id`'s facts changed by an edit, its agency and year the
    /// same: the reports to check again, itself and, when it is the one
    /// its year is checked against, the same agency's next year.
    pub fn facts_changed(
        &mut self,
        id: u64,
        (key, year, facts): (String, i32, YearFacts),
    ) -> Vec<u64> {
        let mut recheck = vec![id];
        if self.holder.get(&(key.clone(), year)) == Some(&id) {
            if let Some(next) = self.reports.get(&(key.clone(), year + 1)) {
                recheck.extend(next.iter().copied());
            }
            self.index.replace((key, year, facts));
        }
        recheck
    }

    /// Report `d`'s agency or year changed by an edit (or its undo), from
    /// `before` (`None`: it had none): the reports to check again, `d`
    /// first, then the next year of its old place when it held that place
    /// (the next lowest report there now holds it, or none does), and of
    /// its new place when it now holds that one. `documents` are the open
    /// reports, `d`'s new agency and year among them.
    pub fn moved(
        &mut self,
        d: &Document,
        before: Option<(String, i32)>,
        documents: &[Box<Document>],
    ) -> Vec<u64> {
        let mut recheck = Vec::new();
        if let Some(place) = before {
            if let Some(ids) = self.reports.get_mut(&place) {
                ids.retain(|&id| id != d.id);
                if ids.is_empty() {
                    self.reports.remove(&place);
                }
            }
            if self.holder.get(&place) == Some(&d.id) {
                let (key, year) = place;
                let heir = self
                    .reports
                    .get(&(key.clone(), year))
                    .and_then(|ids| ids.iter().min())
                    .and_then(|&id| document::find(documents, id))
                    .and_then(|h| Some((h.id, YearFacts::of(&h.report)?)));
                match heir {
                    Some((id, facts)) => {
                        self.holder.insert((key.clone(), year), id);
                        self.index.replace(facts);
                    }
                    None => {
                        self.holder.remove(&(key.clone(), year));
                        self.index.remove(&key, year);
                    }
                }
                if let Some(next) = self.reports.get(&(key, year + 1)) {
                    recheck.extend(next.iter().copied());
                }
            }
        }
        let mut now = self.add(d);
        for id in recheck {
            if !now.contains(&id) {
                now.push(id);
            }
        }
        now
    }
}
