//! The window's 对比 (comparison) as plain data: which two open reports are
//! compared, the cell selected in both, the text part shown, and the
//! comparison itself, recomputed only when either report changes.

use std::sync::Arc;

use crate::compare::{CellKey, Comparison, Side, TextPart, compare};
use crate::rules::agency::agency_key;

use super::document::Document;
use super::edit::Target;

/// What the 对比 view is asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareCommand {
    /// Open the view on the active report and, by default, the same agency's
    /// report of the year before among the open ones.
    Open,
    /// Compare these two (this year, last year), any two open reports.
    Pick {
        this: u64,
        last: u64,
    },
    /// Exchange this and last.
    Swap,
    /// Select a cell in both reports.
    Select(CellKey),
    /// Show the repeated text of this part.
    ShowPart(TextPart),
    /// List only the cells that differ.
    OnlyChanged(bool),
    Close,
}

/// The 对比 view's state.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareView {
    /// This year's report and last year's (`None` until one is chosen).
    pub this: Option<u64>,
    pub last: Option<u64>,
    pub selected: Option<CellKey>,
    pub part: TextPart,
    pub only_changed: bool,
    /// The comparison of `this` and `last` as they are now, and the
    /// (id, generation) pairs it was computed from.
    pub result: Option<(Stamp, Arc<Comparison>)>,
}

/// The two reports' ids and generations a comparison was computed from.
pub type Stamp = [(u64, u64); 2];

impl CompareView {
    pub fn new(this: Option<u64>, last: Option<u64>) -> CompareView {
        CompareView {
            this,
            last,
            selected: None,
            part: TextPart::Overview,
            only_changed: false,
            result: None,
        }
    }

    /// The comparison shown, if two reports are chosen.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.result.as_ref().map(|(_, c)| c.as_ref())
    }

    /// Recomputes the comparison when a report was edited, closed or chosen
    /// anew; otherwise keeps it (a frame never recomputes it).
    pub fn refresh(&mut self, documents: &[Box<Document>]) {
        let find = |id: Option<u64>| id.and_then(|id| super::document::find(documents, id));
        let (Some(a), Some(b)) = (find(self.this), find(self.last)) else {
            // A chosen report was closed: forget it.
            self.this = find(self.this).map(|d| d.id);
            self.last = find(self.last).map(|d| d.id);
            self.result = None;
            return;
        };
        let stamp = [(a.id, a.generation), (b.id, b.generation)];
        if self.result.as_ref().is_some_and(|(s, _)| *s == stamp) {
            return;
        }
        let cmp = compare(
            Side {
                report: &a.report,
                text: &a.text,
            },
            Side {
                report: &b.report,
                text: &b.text,
            },
        );
        self.result = Some((stamp, Arc::new(cmp)));
    }
}

/// What makes two reports one agency's: the normalised name ([`agency_key`]),
/// and, where the parser placed the agency, the division code with the
/// name after its place names (淮安市洪泽区人民政府 and 洪泽区人民政府 are both
/// 320813 人民政府).
pub fn same_agency(a: &crate::model::Report, b: &crate::model::Report) -> bool {
    let (Some(na), Some(nb)) = (a.meta.agency.as_deref(), b.meta.agency.as_deref()) else {
        return false;
    };
    agency_key(na) == agency_key(nb)
        || placed_key(a, na).is_some_and(|k| Some(k) == placed_key(b, nb))
}

/// The division code and the agency's name without the place names it
/// begins with.
pub(crate) fn placed_key(report: &crate::model::Report, name: &str) -> Option<(String, String)> {
    let region = report.meta.region.as_ref()?;
    let code = region.code.clone()?;
    let mut rest = name.trim();
    for place in [&region.province, &region.city, &region.county]
        .into_iter()
        .flatten()
    {
        rest = rest.strip_prefix(place.as_str()).unwrap_or(rest);
    }
    Some((code, agency_key(rest)))
}

/// The same agency's report of the year before `id`'s among `documents`
/// (see [`same_agency`]); failing that, its latest earlier year.
pub fn previous_year(documents: &[Box<Document>], id: u64) -> Option<u64> {
    let d = super::document::find(documents, id)?;
    let year = d.report.meta.year?;
    documents
        .iter()
        .filter(|o| o.id != id)
        .filter_map(|o| Some((o, o.report.meta.year?)))
        .filter(|(o, y)| *y < year && same_agency(&d.report, &o.report))
        .max_by_key(|(o, y)| (*y, std::cmp::Reverse(o.id)))
        .map(|(o, _)| o.id)
}

/// Applies one command to the view (opened on demand); `active` is the
/// report shown in the window.
pub fn apply(
    view: &mut Option<CompareView>,
    documents: &mut [Box<Document>],
    active: Option<u64>,
    command: CompareCommand,
) {
    match command {
        CompareCommand::Open => {
            let this = active.or_else(|| documents.first().map(|d| d.id));
            let last = this.and_then(|id| previous_year(documents, id));
            *view = Some(CompareView::new(this, last));
        }
        CompareCommand::Close => *view = None,
        CompareCommand::Pick { this, last } => {
            let v = view.get_or_insert_with(|| CompareView::new(None, None));
            v.this = Some(this);
            v.last = Some(last);
        }
        CompareCommand::Swap => {
            if let Some(v) = view {
                std::mem::swap(&mut v.this, &mut v.last);
            }
        }
        CompareCommand::ShowPart(part) => {
            if let Some(v) = view {
                v.part = part;
            }
        }
        CompareCommand::OnlyChanged(on) => {
            if let Some(v) = view {
                v.only_changed = on;
            }
        }
        CompareCommand::Select(key) => {
            let Some(v) = view else { return };
            v.selected = Some(key);
            // Selected in both reports: each shows it when opened.
            for d in documents.iter_mut() {
                if Some(d.id) == v.this || Some(d.id) == v.last {
                    d.selected = key.locate(&d.report.tables).map(Target::Cell);
                }
            }
        }
    }
    if let Some(v) = view {
        v.refresh(documents);
    }
}
