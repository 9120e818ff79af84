//! One open report: the parsed original, the corrected copy, the edit
//! history and what is selected.

use std::path::PathBuf;

use crate::model::{CellRef, Check, Correction, Number, Report, Status, UnreadRow};
use crate::parser::{Parsed, recheck};
use crate::template::{TableId, TableSpec, ValueKind};

use super::edit::{Change, History, MetaField, MetaValue, Step, Target, meta_value};
use super::sort_text::SortText;
use crate::rules::repair::{Suggestion, suggestions};

/// One open report.
#[derive(Debug)]
pub struct Document {
    /// Stable while the program runs; commands name documents by it.
    pub id: u64,
    /// The file it was read from; `None` for the built-in sample.
    pub path: Option<PathBuf>,
    /// The file name shown to the person.
    pub name: String,
    /// What the lists sort the report by, made at each change (see the type).
    keys: ListKeys,
    /// The decoded source text the cells' spans point into.
    pub text: String,
    /// The report with the person's corrections, its own checks kept
    /// current (by `recheck`, after every change).
    pub report: Report,
    /// The `cross_year.*` checks against the same agency's report of the
    /// year before among the open reports: owned by the state, which alone
    /// sees the other reports; kept apart from `report.checks`. Set only
    /// by `set_cross_year`, which keeps `counts` current.
    cross_year: Vec<Check>,
    /// The report as the parser read it: corrections are measured against it.
    pub original: Report,
    pub history: History,
    pub selected: Option<Target>,
    /// Corrections made since the last export: the report differs from
    /// what was last exported (or, before any export, from what was parsed).
    pub dirty: bool,
    /// What the report held when last exported (`None`: never exported).
    saved: Option<Content>,
    /// Counts changes, so that an export finishing after a later edit does
    /// not mark that edit saved.
    pub generation: u64,
    /// Repair proposals for the failures of report revision `suggested`:
    /// made with the document, and after each change off the window's
    /// thread (about a millisecond: more than a typing frame can spare), so
    /// they may be a revision behind for a frame; stale ones are shown
    /// but not applied.
    pub suggestions: Vec<Suggestion>,
    /// Counts changes to the report (each `refresh`): what `suggestions`
    /// are matched to. Apart from `generation`, which the remarks move too.
    revision: u64,
    /// The revision `suggestions` were made for.
    suggested: u64,
    /// What the reviewer writes about the report for the agency (审核意见):
    /// exported as `review_remarks` and in the review sheet; journalled
    /// like the edits.
    pub remarks: String,
}

/// What a report holds that a correction can change, to tell whether it
/// differs from what was saved.
#[derive(Clone, Debug, PartialEq)]
struct Content {
    corrections: Vec<Correction>,
    meta: crate::model::Meta,
    tables: [bool; 3],
    remarks: String,
}

/// What the report list and the overview sort a report by, made at each
/// change and kept in one block. Sorting 10,000 reports read each one's
/// tables, counts and texts from about seven places in memory: 6–20 ms a
/// sort in the window once the caches had gone cold, against about 1 ms
/// with them warm.
#[derive(Clone, Debug, Default)]
pub struct ListKeys {
    /// Failures and warnings (cross-year ones too) and missing tables.
    pub counts: StatusCounts,
    /// How many corrections there are (`Document::correction_count`):
    /// walking every cell cost about 5 µs a report.
    pub edits: usize,
    pub year: Option<i32>,
    /// The agency's name normalised, else the file name's.
    pub agency: SortText<'static>,
    /// The region and the file's format as the overview shows them.
    pub region: SortText<'static>,
    pub format: SortText<'static>,
}

/// What the side list says about a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub failures: usize,
    pub warnings: usize,
    pub missing_tables: usize,
}

impl Document {
    pub fn new(id: u64, path: Option<PathBuf>, parsed: Parsed) -> Document {
        let name = parsed.report.source.file.clone();
        let name = std::path::Path::new(&name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(name);
        let mut doc = Document {
            id,
            path,
            name,
            keys: ListKeys::default(),
            text: parsed.text,
            original: parsed.report.clone(),
            report: parsed.report,
            history: History::default(),
            selected: None,
            dirty: false,
            saved: None,
            generation: 0,
            suggestions: Vec::new(),
            revision: 0,
            suggested: 0,
            cross_year: Vec::new(),
            remarks: String::new(),
        };
        doc.refresh();
        doc.suggest_now();
        doc
    }

    /// Recomputes the checks after any change; the repair proposals are
    /// then due (`suggestion_due`).
    fn refresh(&mut self) {
        self.generation += 1;
        self.revision += 1;
        recheck(&mut self.report);
        self.keys = ListKeys {
            counts: self.count(),
            edits: self.count_corrections(),
            year: self.report.meta.year,
            agency: SortText::new(crate::rules::agency::agency_key(
                self.report.meta.agency.as_deref().unwrap_or(&self.name),
            )),
            region: SortText::new(super::overview::region_text(
                self.report.meta.region.as_ref(),
            )),
            format: SortText::new(super::overview::format_of(
                &self.name,
                &self.report.source.format,
            )),
        };
    }

    /// Makes the repair proposals for the report as it stands, in place.
    pub fn suggest_now(&mut self) {
        self.suggestions = suggestions(&self.report);
        self.suggested = self.revision;
    }

    /// The report revision whose repair proposals are still to be made,
    /// with a copy of the report to make them from; `None` when they are
    /// current.
    pub fn suggestion_due(&self) -> Option<(u64, Report)> {
        (self.suggested != self.revision).then(|| (self.revision, self.report.clone()))
    }

    /// Whether `suggestions` are those of the report as it stands.
    pub fn suggestions_current(&self) -> bool {
        self.suggested == self.revision
    }

    /// Takes the repair proposals made for report `revision`; those of an
    /// earlier revision (the report changed again meanwhile) are dropped.
    pub fn take_suggestions(&mut self, revision: u64, suggestions: Vec<Suggestion>) {
        if revision == self.revision {
            self.suggestions = suggestions;
            self.suggested = revision;
        }
    }

    /// Applies a step of changes as one undoable edit.
    pub fn commit(&mut self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        for c in &changes {
            c.apply(&mut self.report, true);
        }
        self.history.record(Step { changes });
        self.refresh();
        self.update_dirty();
    }

    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.report);
        if done {
            self.refresh();
            self.update_dirty();
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.report);
        if done {
            self.refresh();
            self.update_dirty();
        }
        done
    }

    /// What a correction can change: the corrected cells, the metadata,
    /// which tables there are, and the remarks.
    fn content(&self) -> Content {
        Content {
            corrections: self.corrections(),
            meta: self.report.meta.clone(),
            tables: TableId::ALL.map(|id| self.report.tables.get(id).is_some()),
            remarks: self.remarks.clone(),
        }
    }

    /// Unsaved exactly when the report differs from what was last exported
    /// (or parsed): undoing back to it clears the mark.
    pub fn update_dirty(&mut self) {
        self.dirty = match &self.saved {
            Some(saved) => *saved != self.content(),
            None => self.content() != self.parsed_content(),
        };
    }

    fn parsed_content(&self) -> Content {
        Content {
            corrections: Vec::new(),
            meta: self.original.meta.clone(),
            tables: TableId::ALL.map(|id| self.original.tables.get(id).is_some()),
            remarks: String::new(),
        }
    }

    /// The report as it stands was exported.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.content());
        self.dirty = false;
    }

    /// The layout of the table `id`, if the report has it.
    pub fn spec(&self, id: TableId) -> Option<&'static TableSpec> {
        self.report.tables.get(id).map(|t| t.spec)
    }

    pub fn value(&self, at: CellRef) -> Option<f64> {
        self.report.tables.cell(at).and_then(|c| c.value)
    }

    pub fn original_value(&self, at: CellRef) -> Option<f64> {
        let t = self.original.tables.get(at.table)?;
        // A table added by hand has no parsed values.
        if !std::ptr::eq(t.spec, self.spec(at.table)?) {
            return None;
        }
        t.cell(at.row, at.col).and_then(|c| c.value)
    }

    pub fn kind(&self, at: CellRef) -> Option<ValueKind> {
        Some(
            self.spec(at.table)?
                .rows
                .get(at.row)?
                .columns
                .get(at.col)?
                .kind,
        )
    }

    /// Whether the cell differs from what the parser read.
    pub fn is_edited(&self, at: CellRef) -> bool {
        self.value(at) != self.original_value(at) || self.original.tables.get(at.table).is_none()
    }

    /// The text shown in a cell or metadata field.
    pub fn display(&self, target: Target) -> String {
        match target {
            Target::Cell(at) => self
                .value(at)
                .map(|v| Number(v).to_string())
                .unwrap_or_default(),
            Target::Meta(f) => match meta_value(&self.report, f) {
                MetaValue::Text(t) => t.unwrap_or_default(),
                MetaValue::Year(y) => y.map(|y| y.to_string()).unwrap_or_default(),
            },
        }
    }

    /// Every check of the report: its own, then the cross-year ones.
    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        self.report.checks.iter().chain(&self.cross_year)
    }

    /// The rules that do not pass and involve this cell, worst first.
    pub fn problems_at(&self, at: CellRef) -> Vec<&Check> {
        problems_among(self.checks(), Some(at))
    }

    /// The checks as they would be with `typed` stored in cell `at`: the
    /// rules re-checked live while a person types, before the value is
    /// stored. `None` when the text is not (yet) a valid value or changes
    /// nothing.
    pub fn preview_checks(&self, at: CellRef, typed: &str) -> Option<Vec<Check>> {
        let kind = self.kind(at)?;
        let value = super::input::parse_cell(typed, kind).ok()?;
        if value == self.value(at) {
            return None;
        }
        let mut tables = self.report.tables.clone();
        tables.get_mut(at.table)?.cell_mut(at.row, at.col)?.value = value;
        Some(crate::rules::report::run(&tables, &self.report.narrative))
    }

    /// The rows the parser found but could not place that are still empty,
    /// with their index in `report.unread_rows` (the problems list shows
    /// them beside the failing rules).
    pub fn unread_rows(&self) -> Vec<(usize, &UnreadRow)> {
        self.report
            .unread_rows
            .iter()
            .enumerate()
            .filter(|(_, u)| crate::rules::repair::is_unfilled(&self.report, u))
            .collect()
    }

    /// Failing and advisory checks, failures first.
    pub fn problems(&self) -> Vec<&Check> {
        problems_among(self.checks(), None)
    }

    pub fn summary(&self) -> StatusCounts {
        // Which tables there are is asked anew: three fields, and a
        // report's tables may be set directly (tests take one away).
        StatusCounts {
            missing_tables: self.missing_table_count(),
            ..self.keys.counts
        }
    }

    /// What the lists sort the report by, as of its last change.
    pub fn list_keys(&self) -> &ListKeys {
        &self.keys
    }

    /// The agency's name normalised (`rules::agency::agency_key`), else the
    /// file name's: what the lists sort by.
    pub fn agency_key(&self) -> &str {
        self.keys.agency.as_str()
    }

    /// The `cross_year.*` checks (see the field).
    pub fn cross_year(&self) -> &[Check] {
        &self.cross_year
    }

    /// Sets the `cross_year.*` checks; whether they changed.
    pub fn set_cross_year(&mut self, checks: Vec<Check>) -> bool {
        if checks == self.cross_year {
            return false;
        }
        self.cross_year = checks;
        self.keys.counts = self.count();
        true
    }

    /// The failures and warnings among the checks now, and the tables
    /// missing.
    fn count(&self) -> StatusCounts {
        let count = |s| self.checks().filter(|c| c.status == s).count();
        StatusCounts {
            failures: count(Status::Fail),
            warnings: count(Status::Warn),
            missing_tables: self.missing_table_count(),
        }
    }

    fn missing_table_count(&self) -> usize {
        TableId::ALL
            .iter()
            .filter(|&&id| self.report.tables.get(id).is_none())
            .count()
    }

    /// Every cell that differs from the parsed report, parsed value → new
    /// value, in table order; plus the year, the one numeric metadata field.
    pub fn corrections(&self) -> Vec<Correction> {
        let mut out = Vec::new();
        if self.report.meta.year != self.original.meta.year {
            out.push(Correction {
                cell: MetaField::Year.key().to_string(),
                from: self.original.meta.year.map(|y| Number(f64::from(y))),
                to: self.report.meta.year.map(|y| Number(f64::from(y))),
            });
        }
        for (at, spec, from, to) in self.changed_cells() {
            out.push(Correction {
                cell: at.path(spec),
                from: from.map(Number),
                to: to.map(Number),
            });
        }
        out
    }

    /// The region as the overview shows it: `province city county`.
    pub fn region_text(&self) -> &str {
        self.keys.region.as_str()
    }

    /// The file's format as the overview shows it: txt, pdf, docx…
    pub fn format(&self) -> &str {
        self.keys.format.as_str()
    }

    /// How many [`Document::corrections`] there are, as counted at the last
    /// change: the report list and the overview show it for every row in
    /// view each frame, and the overview sorts by it.
    pub fn correction_count(&self) -> usize {
        self.keys.edits
    }

    fn count_corrections(&self) -> usize {
        usize::from(self.report.meta.year != self.original.meta.year) + self.changed_cells().count()
    }

    /// The cells whose value differs from the parsed one: where, the
    /// table's spec, parsed and current value.
    #[allow(clippy::type_complexity)]
    fn changed_cells(
        &self,
    ) -> impl Iterator<Item = (CellRef, &'static TableSpec, Option<f64>, Option<f64>)> + '_ {
        TableId::ALL.into_iter().flat_map(move |id| {
            let table = self.report.tables.get(id);
            table.into_iter().flat_map(move |t| {
                t.cells.iter().enumerate().flat_map(move |(r, row)| {
                    (0..row.len()).filter_map(move |c| {
                        let at = CellRef {
                            table: id,
                            row: r,
                            col: c,
                        };
                        let (from, to) = (self.original_value(at), self.value(at));
                        (from != to).then_some((at, t.spec, from, to))
                    })
                })
            })
        })
    }

    /// The report as exported: corrected values, checks recomputed,
    /// `corrections` filled.
    pub fn export_report(&self) -> Report {
        let mut r = self.report.clone();
        recheck(&mut r);
        r.checks.extend(self.cross_year.iter().cloned());
        r.corrections = self.corrections();
        r.review_remarks = self.remarks.clone();
        r
    }

    pub fn export_json(&self) -> Result<Vec<u8>, super::error::FileError> {
        let mut bytes = serde_json::to_vec_pretty(&self.export_report())?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Every editable target in reading order: metadata, then tables 2, 3, 4
    /// row by row. Tab walks this order.
    pub fn targets(&self) -> Vec<Target> {
        let mut v: Vec<Target> = MetaField::ALL.into_iter().map(Target::Meta).collect();
        for id in TableId::ALL {
            if let Some(t) = self.report.tables.get(id) {
                for (r, row) in t.cells.iter().enumerate() {
                    for c in 0..row.len() {
                        v.push(Target::Cell(CellRef {
                            table: id,
                            row: r,
                            col: c,
                        }));
                    }
                }
            }
        }
        v
    }
}

/// The checks among `checks` that fail or warn (about cell `at`, when
/// given), failures first.
pub fn problems_among<'a>(
    checks: impl Iterator<Item = &'a Check>,
    at: Option<CellRef>,
) -> Vec<&'a Check> {
    let mut v: Vec<&Check> = checks
        .filter(|c| matches!(c.status, Status::Fail | Status::Warn))
        .filter(|c| at.is_none_or(|at| c.cell_refs.contains(&at)))
        .collect();
    v.sort_by_key(|c| c.status != Status::Fail);
    v
}

/// Report `id` among `documents`. The state keeps them in the order they
/// were opened, which is the order of their ids, so this is a binary search:
/// the window asks for reports by id many times a frame, and a walk over
/// 10,000 reports each time would cost more than the frame.
pub fn find(documents: &[Box<Document>], id: u64) -> Option<&Document> {
    let i = position(documents, id)?;
    Some(&documents[i])
}

pub fn find_mut(documents: &mut [Box<Document>], id: u64) -> Option<&mut Document> {
    let i = position(documents, id)?;
    Some(&mut documents[i])
}

/// Where report `id` stands among `documents` (see [`find`]).
pub fn position(documents: &[Box<Document>], id: u64) -> Option<usize> {
    // Ids are mostly consecutive (a folder's reports numbered as they
    // open): where the id would stand if they were is tried first. Each
    // probe reads a report elsewhere in memory, and sorting or placing in
    // the lists looks reports up at every comparison.
    let (first, last) = (documents.first()?.id, documents.last()?.id);
    if (first..=last).contains(&id) {
        let span = (last - first).max(1) as u128;
        let guess = ((id - first) as u128 * (documents.len() - 1) as u128 / span) as usize;
        if documents[guess].id == id {
            return Some(guess);
        }
    }
    let found = documents.binary_search_by_key(&id, |d| d.id).ok();
    // Out of order, the search could miss a report that is there.
    debug_assert!(
        found.is_some() || documents.iter().all(|d| d.id != id),
        "documents are kept in the order of their ids"
    );
    found
}
