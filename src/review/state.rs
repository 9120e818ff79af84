//! The review state of the window as plain data, and the one function that
//! changes it: `apply(command) -> effects`, dispatched to one part per
//! concern: opening (`open`), editing (`editing`), reading folders
//! (`folder`) and exporting (`export`).

mod chooser;
mod editing;
mod export;
mod figures;
mod folder;
mod open;
mod reading;
mod remarks;

use std::path::PathBuf;

use crate::rules::cross_year::YearFacts;
use crate::template::TableId;
use crate::text::{Lang, Text};

use super::command::{Command, Effect};
use super::compare::{self as compare_view, CompareView};
use super::document::Document;
use super::recovery::{self, Found, Journal};
use super::report_list::{self as batch_view, Batch, FailedFile, ListFilter, ListItem};

/// A line for the person: an error to read or a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub error: bool,
    pub text: Text,
}

#[derive(Debug, Default)]
pub struct State {
    pub documents: Vec<Box<Document>>,
    /// The id of the report shown.
    pub active: Option<u64>,
    next_id: u64,
    /// Where journals of unsaved corrections go; `None` keeps none.
    pub recovery_dir: Option<PathBuf>,
    /// Journals left by an earlier run, offered back.
    pub recoverable: Vec<Found>,
    pub messages: Vec<Message>,
    /// Why the last input was refused, shown beside the grid until the next input.
    pub hint: Option<Text>,
    /// Reports being read on the background thread.
    pub pending: usize,
    /// Reports asked for and not yet open: being read, or cancelled.
    pub reading: Vec<super::reading::Reading>,
    /// The report being read that the person chose to look at.
    pub viewing: Option<u64>,
    /// The folder being read in the background, if any.
    pub batch: Option<Batch>,
    next_batch: u64,
    /// Files of a batch that could not be read, listed with their reasons.
    pub failed: Vec<FailedFile>,
    /// The report list's filter and order.
    pub filter: ListFilter,
    /// The report list and the overview as last sorted: kept while a report
    /// is edited, so that the selected one never jumps away (see
    /// [`State::refresh_lists`]).
    listed: Vec<ListItem>,
    overview: Vec<ListItem>,
    /// The overview's column and direction.
    pub overview_sort: super::overview::OverviewSort,
    /// The report list, and the overview, wait to be sorted again (while a
    /// folder reads: once a frame). Apart, because a change of one's order
    /// leaves the other as it is.
    list_stale: bool,
    overview_stale: bool,
    /// See [`State::set_overview_hidden`].
    overview_hidden: bool,
    /// Reports opened from a folder being read, and its files that could
    /// not be read, waiting to be placed in the sorted lists (once a frame):
    /// each put where it belongs rather than every report sorted again.
    lists_to_place: Vec<ListItem>,
    /// Reports already placed whose place may have changed (their checks
    /// did), to be taken out of the lists and placed anew. Apart from the
    /// new ones, which cannot be in the lists: taking items out walks both
    /// lists whole (10,000 items each, every frame of a folder's reading).
    lists_to_replace: Vec<ListItem>,
    /// The cross-year rules need recomputing (held off while a batch reads).
    cross_year_stale: bool,
    /// What the cross-year rules were last computed against, kept so that
    /// an edit rechecks its own report without walking every report again.
    years: super::open_years::OpenYears,
    /// The window's own file chooser, when shown.
    pub chooser: Option<super::file_chooser::FileChooser>,
    /// Folders chosen in it, latest first.
    pub recent_folders: Vec<PathBuf>,
    /// The 对比 view, when open.
    pub compare: Option<CompareView>,
    /// Counts changes to the reports and their checks (opened, closed,
    /// edited, cross-year rules): statistics are recomputed when it moves.
    pub revision: u64,
    /// The batch figures: changes for the worker, the last figures received.
    figures: figures::FiguresFeed,
    /// Unreadable files among the listed, counted when the list is sorted.
    listed_unreadable: usize,
    /// Reports opened by the command being applied (see [`State::add_document`]).
    opened_now: Vec<u64>,
    /// The open reports by the file they were read from: a folder's file
    /// already open is told at once, not by a walk over every report
    /// (10,000 of them, for each file read).
    pub(super) by_path: std::collections::HashMap<PathBuf, Vec<u64>>,
}

/// Reports placed in the lists together (one copy of each list), between
/// looks at the frame's deadline; without a deadline, all of them at once
/// (a folder's end, placing having lagged: the waiting reports sorted
/// among themselves cost less than sorting every report again).
const PLACE_CHUNK: usize = 32;

impl State {
    /// A state keeping journals in `recovery_dir`, offering back those found there.
    pub fn new(recovery_dir: Option<PathBuf>) -> State {
        let recoverable = recovery_dir
            .as_deref()
            .map(recovery::scan)
            .unwrap_or_default();
        State {
            recovery_dir,
            recoverable,
            ..State::default()
        }
    }

    /// Adds an opened report where its id puts it. Ids are given when a
    /// file is asked for, and files read side by side finish in any order:
    /// appending would break the id order [`super::document::find`] relies on.
    ///
    /// Each report is boxed: the list of 10,000 stays a list of pointers,
    /// and a report arriving from a folder's reading thread is not copied
    /// into one large block (growing it into fresh memory cost the window
    /// 6.5 ms every 722 reports).
    fn add_document(&mut self, doc: Box<Document>) {
        let at = self.documents.partition_point(|d| d.id < doc.id);
        self.opened_now.push(doc.id);
        if let Some(path) = &doc.path {
            self.by_path.entry(path.clone()).or_default().push(doc.id);
        }
        self.documents.insert(at, doc);
    }

    /// Takes report `i` (of `documents`) out.
    fn remove_document(&mut self, i: usize) -> Box<Document> {
        let d = self.documents.remove(i);
        if let Some(path) = &d.path
            && let Some(ids) = self.by_path.get_mut(path)
        {
            ids.retain(|&id| id != d.id);
            if ids.is_empty() {
                self.by_path.remove(path);
            }
        }
        d
    }

    /// The open report read from `path` (`None`: the sample) with these
    /// contents, if any.
    fn open_copy(&self, path: Option<&PathBuf>, sha256: &str) -> Option<u64> {
        let same = |d: &Document| d.path.as_ref() == path && d.report.source.sha256 == sha256;
        match path {
            Some(p) => self
                .by_path
                .get(p)?
                .iter()
                .copied()
                .find(|&id| self.doc(id).is_some_and(same)),
            None => self.documents.iter().find(|d| same(d)).map(|d| d.id),
        }
    }

    pub fn doc(&self, id: u64) -> Option<&Document> {
        super::document::find(&self.documents, id)
    }

    pub fn active_doc(&self) -> Option<&Document> {
        self.doc(self.active?)
    }

    fn active_mut(&mut self) -> Option<&mut Document> {
        let id = self.active?;
        super::document::find_mut(&mut self.documents, id)
    }

    pub fn has_unsaved(&self) -> bool {
        self.documents.iter().any(|d| d.dirty)
    }

    fn error(&mut self, text: Text) {
        self.messages.push(Message { error: true, text });
    }

    fn note(&mut self, text: Text) {
        self.messages.push(Message { error: false, text });
    }

    /// The report list as filtered and sorted.
    pub fn list(&self) -> Vec<ListItem> {
        self.listed.clone()
    }

    /// The report list, without a copy.
    pub fn listed(&self) -> &[ListItem] {
        &self.listed
    }

    /// How many of the listed are unreadable files.
    pub fn listed_unreadable(&self) -> usize {
        self.listed_unreadable
    }

    /// The overview's rows as filtered and sorted.
    pub fn overview(&self) -> &[ListItem] {
        &self.overview
    }

    /// Sorts the report list and the overview again if anything but an
    /// edit changed them. `apply` does this itself, except for each file of
    /// a folder being read: the window calls it once a frame.
    pub fn refresh_lists(&mut self) {
        self.refresh_lists_until(None);
    }

    /// As [`State::refresh_lists`], but the reports waiting to be placed
    /// are placed only until `deadline`; the rest wait for the next call
    /// ([`State::lists_pending`]). The window's frame budget: a folder's
    /// reports arrive faster than a frame can place them all.
    pub fn refresh_lists_until(&mut self, deadline: Option<std::time::Instant>) {
        if !self.list_stale && !self.overview_due() {
            self.place_in_lists(deadline);
            return;
        }
        if self.lists_pending_placing() {
            // Those waiting are placed in both lists, or sorted with both.
            self.mark_lists_stale();
        }
        self.lists_to_place.clear();
        self.lists_to_replace.clear();
        if std::mem::take(&mut self.list_stale) {
            self.listed = batch_view::list(&self.documents, &self.failed, &self.filter);
            self.listed_unreadable = self
                .listed
                .iter()
                .filter(|i| matches!(i, ListItem::Failed(_)))
                .count();
        }
        if !self.overview_hidden && std::mem::take(&mut self.overview_stale) {
            self.overview = super::overview::order(
                &self.documents,
                &self.failed,
                &self.filter,
                self.overview_sort,
            );
        }
    }

    /// Both lists to be sorted again at the next refresh.
    pub(super) fn mark_lists_stale(&mut self) {
        self.list_stale = true;
        self.overview_stale = true;
    }

    /// Places the reports waiting in `lists_to_place` in the lists as they
    /// stand, where sorting everything again would put them; with a
    /// `deadline`, those not placed by then wait for the next call (out of
    /// the lists until then: a report whose checks changed is never shown
    /// out of order).
    fn place_in_lists(&mut self, deadline: Option<std::time::Instant>) {
        if !self.lists_pending_placing() {
            return;
        }
        if self.overview_hidden {
            // Out of sight: sorted whole when shown, not kept by insertions.
            self.overview_stale = true;
        }
        let again = std::mem::take(&mut self.lists_to_replace);
        if !again.is_empty() {
            // Out first, so that a report whose checks changed is placed
            // anew (one pass over the lists for all of them).
            let out: std::collections::HashSet<ListItem> = again.iter().copied().collect();
            let unreadable_out = self
                .listed
                .iter()
                .filter(|i| matches!(i, ListItem::Failed(_)) && out.contains(i))
                .count();
            self.listed.retain(|i| !out.contains(i));
            if !self.overview_stale {
                self.overview.retain(|i| !out.contains(i));
            }
            self.listed_unreadable -= unreadable_out;
        }
        let mut items = std::mem::take(&mut self.lists_to_place);
        items.extend(again);
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        items.retain(|i| seen.insert(*i));
        let mut placed = 0;
        let chunk_len = if deadline.is_some() {
            PLACE_CHUNK
        } else {
            items.len().max(1)
        };
        for chunk in items.chunks(chunk_len) {
            if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                // Out of the lists now: placed as new ones next time.
                self.lists_to_place = items[placed..].to_vec();
                return;
            }
            self.listed_unreadable += batch_view::insert_all(
                &mut self.listed,
                &self.documents,
                &self.failed,
                &self.filter,
                chunk,
            );
            // An overview out of sight waits to be sorted whole when shown.
            if !self.overview_stale {
                super::overview::insert_all(
                    &mut self.overview,
                    &self.documents,
                    &self.failed,
                    &self.filter,
                    self.overview_sort,
                    chunk,
                );
            }
            placed += chunk.len();
        }
    }

    /// Whether reports wait to be placed in the lists (a budgeted
    /// [`State::refresh_lists_until`] left some).
    pub fn lists_pending(&self) -> bool {
        self.list_stale || self.overview_due() || self.lists_pending_placing()
    }

    /// The overview is to be sorted again and is shown.
    fn overview_due(&self) -> bool {
        self.overview_stale && !self.overview_hidden
    }

    /// Whether the overview is out of sight (the window shows the report
    /// list instead). While it is, it is not sorted: a filter changed sorts
    /// the report list alone, and a folder's reports are placed in that
    /// list alone; the overview is sorted once when it is shown again.
    pub fn set_overview_hidden(&mut self, hidden: bool) {
        self.overview_hidden = hidden;
    }

    /// The overview about to be drawn: sorted now if it waited out of
    /// sight (shown in the frame it was switched to, never stale). Reports
    /// waiting to be placed are sorted in with it, not left out.
    pub fn overview_shown(&mut self) {
        self.overview_hidden = false;
        if self.overview_due() {
            self.refresh_lists_until(Some(std::time::Instant::now()));
        }
    }

    fn lists_pending_placing(&self) -> bool {
        !self.lists_to_place.is_empty() || !self.lists_to_replace.is_empty()
    }

    /// Report `id` of a folder opened: its cross-year rules, and those of
    /// the reports checked against it, brought up to date; the reports
    /// whose rules changed wait to be placed in the lists anew.
    fn cross_year_opened(&mut self, id: u64) {
        let Some(d) = super::document::find(&self.documents, id) else {
            return;
        };
        let recheck = self.years.add(d);
        self.recheck_cross_year(recheck);
    }

    /// The cross-year rules of reports `ids` checked again against the
    /// index as it stands. While a folder reads, those whose rules changed
    /// are placed in the lists anew: they are kept sorted for the binary
    /// searches that place each arriving report (otherwise the lists keep
    /// their order after an edit, as after any edit).
    fn recheck_cross_year(&mut self, ids: Vec<u64>) {
        let counts = |s: &State, id| super::document::find(&s.documents, id).map(|d| d.summary());
        for other in ids {
            let before = counts(self, other);
            if batch_view::update_cross_year_of(&mut self.documents, &self.years.index, other) {
                self.cross_year_changed(other);
                // The lists place a report by its counts, and filter by
                // them and by its rules: with the counts the same and no
                // rule filter, it stays where it is. (A new year most often
                // changes only the numbers its neighbours are checked
                // against, and taking reports out walks both lists.)
                if self.batch.is_some()
                    && (before != counts(self, other) || self.filter.rule.is_some())
                {
                    self.lists_to_replace.push(ListItem::Doc(other));
                }
            }
        }
    }

    /// Applies one command; returns what the window must do next.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let changes_reports = matches!(
            command,
            Command::Opened { .. }
                | Command::BatchOpened { .. }
                | Command::BatchFinished { .. }
                | Command::CancelBatch
                | Command::Close { .. }
        );
        let edits_active = matches!(
            command,
            Command::Edit { .. }
                | Command::Clear(_)
                | Command::Undo
                | Command::Redo
                | Command::AddTable(..)
                | Command::ApplySuggestion(_)
        );
        let one_of_batch = matches!(command, Command::BatchOpened { .. });
        // The end of a folder's reading changes no report: their cross-year
        // rules and places in the lists were kept current as they opened.
        let ends_batch = matches!(
            command,
            Command::BatchFinished { .. } | Command::CancelBatch
        );
        // Edits and moves keep the lists' order; anything else may change it.
        let keeps_order = edits_active
            || ends_batch
            || matches!(
                command,
                Command::Select(_)
                    | Command::Move(_)
                    | Command::Activate(_)
                    | Command::JournalFailed(_)
                    | Command::DismissMessage(_)
                    | Command::Chooser(_)
                    | Command::OpenProgress { .. }
                    | Command::BatchProgress { .. }
                    | Command::ShowReading(_)
                    | Command::FiguresComputed(_)
                    | Command::Suggested { .. }
            );
        let facts = |s: &State| s.active_doc().map(|d| YearFacts::of(&d.report));
        let facts_before = if edits_active { facts(self) } else { None };
        let changes_data =
            changes_reports || edits_active || matches!(command, Command::DismissFailed(_));
        let opened_before = self.documents.len();
        let closing = match &command {
            Command::Close { doc, .. } => Some(*doc),
            _ => None,
        };
        let generation = |s: &State| s.active_doc().map(|d| (d.id, d.generation));
        let generation_before = if edits_active { generation(self) } else { None };
        let filter_before = matches!(command, Command::SetFilter(_)).then(|| self.filter.clone());
        let sets_overview_sort = matches!(command, Command::SetOverviewSort(_));
        // Commands that change a report's values, so its repair proposals.
        let may_need_proposals = edits_active || matches!(command, Command::Opened { .. });
        let mut effects = self.apply_inner(command);
        if may_need_proposals
            && let Some(d) = self.active_doc()
            && let Some((revision, report)) = d.suggestion_due()
        {
            effects.push(Effect::Suggest {
                doc: d.id,
                revision,
                report: Box::new(report),
            });
        }
        if changes_data {
            self.revision += 1;
        }
        // The batch figures' facts of what changed, and only of that.
        if edits_active
            && let Some((id, g)) = generation(self)
            && generation_before != Some((id, g))
        {
            self.facts_changed(id);
        }
        let opened = std::mem::take(&mut self.opened_now);
        for &id in &opened {
            self.facts_changed(id);
        }
        if let Some(id) = closing
            && self.documents.len() < opened_before
        {
            self.facts_closed(id);
        }
        if one_of_batch && !self.cross_year_stale {
            // A report of a folder: its own cross-year rules and those of
            // the same agency's next year checked now, not every report's
            // once the folder is read.
            for &id in &opened {
                self.cross_year_opened(id);
            }
        } else if changes_reports && !ends_batch {
            self.cross_year_stale = true;
        } else if edits_active && !self.cross_year_stale {
            // What other reports are checked against (agency, year, 结转下年度
            // and 现行有效件数) unchanged: the index stands, and only the
            // edited report's own cross-year checks can change.
            let facts_after = facts(self);
            if facts_before != facts_after {
                // 结转下年度 or 现行有效件数 edited: the index takes the new
                // facts, and the reports checked against them are checked
                // again; an agency or year edited: the report moves from
                // one place of the index to another (`OpenYears::moved`).
                let same_place = match (&facts_before, &facts_after) {
                    (Some(Some((k0, y0, _))), Some(Some((k1, y1, _)))) => k0 == k1 && y0 == y1,
                    _ => false,
                };
                match (self.active, facts_after.flatten()) {
                    (Some(id), Some(now)) if same_place => {
                        let recheck = self.years.facts_changed(id, now);
                        self.recheck_cross_year(recheck);
                    }
                    (Some(id), _) => {
                        // An agency or year edited: the report leaves its
                        // old place (whose next year may now be checked
                        // against another report, or none) for the new one.
                        let before = facts_before.flatten().map(|(k, y, _)| (k, y));
                        let recheck = match super::document::find(&self.documents, id) {
                            Some(d) => self.years.moved(d, before, &self.documents),
                            None => Vec::new(),
                        };
                        self.recheck_cross_year(recheck);
                    }
                    _ => self.cross_year_stale = true,
                }
            } else if let Some(id) = self.active
                && batch_view::update_cross_year_of(&mut self.documents, &self.years.index, id)
            {
                self.cross_year_changed(id);
            }
        }
        // While a batch reads, once at its end rather than after every file.
        if self.cross_year_stale && self.batch.is_none() {
            self.years = super::open_years::OpenYears::of(&self.documents);
            for id in batch_view::update_cross_year(&mut self.documents, &self.years.index) {
                self.cross_year_changed(id);
            }
            self.cross_year_stale = false;
        }
        if !keeps_order {
            // A report of a folder opened: placed in the lists next frame
            // (unless a file that could not be read changed them: sorted).
            if one_of_batch {
                self.lists_to_place
                    .extend(opened.into_iter().map(ListItem::Doc));
            } else {
                let (list, overview) = match filter_before {
                    Some(before) => filter_changes(&before, &self.filter),
                    // The overview's order is the overview's alone.
                    None if sets_overview_sort => (false, true),
                    None => (true, true),
                };
                self.list_stale |= list;
                self.overview_stale |= overview;
                self.refresh_lists();
            }
        }
        if edits_active
            && self.batch.is_some()
            && let Some(id) = self.active
        {
            // While a folder reads, its reports are placed by binary search
            // in lists that must stay sorted: the edited report is placed
            // anew too (as the whole list was sorted each frame before).
            self.lists_to_replace.push(ListItem::Doc(id));
        }
        if ends_batch {
            // Every report of the folder placed, as they stand.
            self.refresh_lists();
        }
        if let Some(view) = &mut self.compare {
            view.refresh(&self.documents);
        }
        effects
    }

    fn apply_inner(&mut self, command: Command) -> Vec<Effect> {
        use Command::*;
        if let Activate(_) = command {
            // A report chosen: the one being read is no longer shown.
            self.viewing = None;
        }
        match command {
            c @ (OpenProgress { .. }
            | CancelOpen(_)
            | RetryOpen(_)
            | DismissReading(_)
            | ShowReading(_)) => self.apply_reading(c),
            c @ (ChooseFiles
            | OpenFiles(_)
            | LoadSample
            | Opened { .. }
            | Close { .. }
            | RestoreJournal(_)
            | DiscardJournal(_)) => self.apply_open(c),
            c @ (Activate(_)
            | Select(_)
            | Move(_)
            | Edit { .. }
            | Clear(_)
            | Undo
            | Redo
            | AddTable(..)
            | ApplySuggestion(_)) => self.apply_edit(c),
            c @ (ChooseFolder
            | OpenFolders(_)
            | BatchStarted { .. }
            | BatchProgress { .. }
            | BatchOpened { .. }
            | BatchFinished { .. }
            | CancelBatch
            | DismissFailed(_)
            | SetFilter(_)
            | SetOverviewSort(_)) => self.apply_folder(c),
            c @ (ChooseExportPath
            | Export(_)
            | Exported { .. }
            | ChooseExportAll(_)
            | ExportAll { .. }
            | ExportedAll { .. }
            | ChooseReportFile(_)
            | ExportReportFile { .. }
            | ExportedReportFile { .. }) => self.apply_export(c),
            Chooser(action) => self.apply_chooser(action),
            FiguresComputed(figures) => {
                self.figures_computed(figures);
                vec![]
            }
            Suggested {
                doc,
                revision,
                suggestions,
            } => {
                if let Some(d) = super::document::find_mut(&mut self.documents, doc) {
                    d.take_suggestions(revision, suggestions);
                }
                vec![]
            }
            SetRemarks(text) => self.set_remarks(text),
            Compare(c) => {
                compare_view::apply(&mut self.compare, &mut self.documents, self.active, c);
                vec![]
            }
            JournalFailed(reason) => {
                let text = Text::new(
                    format!(
                        "无法保存修改记录（用于程序意外退出后恢复）：{reason}。修改仍在窗口中，请及时导出"
                    ),
                    format!(
                        "cannot save the record of corrections (for recovery after a crash): {}. The corrections are still in the window; export them soon",
                        reason.text(Lang::En)
                    ),
                );
                // Every edit tries again: say it once while it is shown.
                if !self.messages.iter().any(|m| m.text == text) {
                    self.error(text);
                }
                vec![]
            }
            DismissMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
                vec![]
            }
        }
    }

    /// Rewrites the active report's journal (or removes it once every edit
    /// is undone).
    fn journal_effects(&self) -> Vec<Effect> {
        let (Some(dir), Some(d)) = (&self.recovery_dir, self.active_doc()) else {
            return vec![];
        };
        let path = recovery::journal_path(dir, &d.report.source.sha256);
        if d.history.done.is_empty() && d.remarks.is_empty() {
            return vec![Effect::RemoveJournal(path)];
        }
        let mut journal = Journal::new(d.path.clone(), &d.report, d.history.changes());
        journal.remarks = d.remarks.clone();
        match serde_json::to_vec_pretty(&journal) {
            Ok(bytes) => vec![Effect::WriteJournal { path, bytes }],
            Err(_) => vec![],
        }
    }

    /// Applies a command and does its file work in place, as the window's
    /// background thread would; returns the remaining (dialog) effects. For
    /// tests and headless runs.
    pub fn apply_blocking(&mut self, command: Command) -> Vec<Effect> {
        let mut queue = std::collections::VecDeque::from([command]);
        let mut rest = Vec::new();
        while let Some(c) = queue.pop_front() {
            for e in self.apply(c) {
                if let Effect::ParseBatch {
                    batch,
                    paths,
                    cancel,
                } = e
                {
                    super::worker::run_batch(batch, &paths, &cancel.0, &mut |c| queue.push_back(c));
                } else if let Effect::Parse(request) = e {
                    // OCR's progress first, in order, then the report.
                    let (tx, rx) = std::sync::mpsc::channel();
                    let emit = move |c| {
                        let _ = tx.send(c);
                    };
                    let opened = super::worker::parse(request, std::sync::Arc::new(emit));
                    queue.extend(rx.try_iter());
                    queue.push_back(opened);
                } else if e.is_io() {
                    queue.extend(super::worker::perform(e));
                } else {
                    rest.push(e);
                }
            }
        }
        rest
    }
}

/// Which lists setting the filter from `before` to `now` sorts again: (the
/// report list, the overview). The list always (the same filter set again
/// sorts it anew, after edits); the overview follows the filter but not the
/// list's order, so a change of that alone leaves it as it is.
fn filter_changes(before: &ListFilter, now: &ListFilter) -> (bool, bool) {
    let only_order = before.sort != now.sort
        && ListFilter {
            sort: now.sort,
            ..before.clone()
        } == *now;
    (true, !only_order)
}

/// Tables the report lacks, which the window offers to add.
pub fn missing_tables(d: &Document) -> Vec<TableId> {
    TableId::ALL
        .into_iter()
        .filter(|&id| d.report.tables.get(id).is_none())
        .collect()
}
