//! The review state of the window as plain data, and the one function that
//! changes it: `apply(command) -> effects`.

use std::path::PathBuf;

use crate::model::CellRef;
use crate::template::TableId;

use super::batch::{self as batch_view, Batch, CancelFlag, FailedFile, ListFilter, ListItem};
use super::command::{Command, Direction, Effect, ExportSet, OpenRequest, Source};
use super::document::Document;
use super::edit::{Change, MetaField, MetaValue, Target, meta_value};
use super::input;
use super::recovery::{self, Found, Journal};

/// A line for the person: an error to read or a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub error: bool,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct State {
    pub documents: Vec<Document>,
    /// The id of the report shown.
    pub active: Option<u64>,
    next_id: u64,
    /// Where journals of unsaved corrections go; `None` keeps none.
    pub recovery_dir: Option<PathBuf>,
    /// Journals left by an earlier run, offered back.
    pub recoverable: Vec<Found>,
    pub messages: Vec<Message>,
    /// Why the last input was refused, shown beside the grid until the next input.
    pub hint: Option<String>,
    /// Reports being read on the background thread.
    pub pending: usize,
    /// The folder being read in the background, if any.
    pub batch: Option<Batch>,
    next_batch: u64,
    /// Files of a batch that could not be read, listed with their reasons.
    pub failed: Vec<FailedFile>,
    /// The report list's filter and order.
    pub filter: ListFilter,
    /// The cross-year rules need recomputing (held off while a batch reads).
    cross_year_stale: bool,
}

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

    pub fn doc(&self, id: u64) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn active_doc(&self) -> Option<&Document> {
        self.doc(self.active?)
    }

    fn active_mut(&mut self) -> Option<&mut Document> {
        let id = self.active?;
        self.documents.iter_mut().find(|d| d.id == id)
    }

    pub fn has_unsaved(&self) -> bool {
        self.documents.iter().any(|d| d.dirty)
    }

    fn error(&mut self, text: String) {
        self.messages.push(Message { error: true, text });
    }

    fn note(&mut self, text: String) {
        self.messages.push(Message { error: false, text });
    }

    /// The report list as filtered and sorted.
    pub fn list(&self) -> Vec<ListItem> {
        batch_view::list(&self.documents, &self.failed, &self.filter)
    }

    /// Applies one command; returns what the window must do next.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let changes_reports = matches!(
            command,
            Command::Opened { .. }
                | Command::BatchOpened { .. }
                | Command::BatchFinished { .. }
                | Command::CancelBatch
                | Command::Edit { .. }
                | Command::Clear(_)
                | Command::Undo
                | Command::Redo
                | Command::AddTable(..)
                | Command::ApplySuggestion(_)
                | Command::Close { .. }
        );
        let effects = self.apply_inner(command);
        if changes_reports {
            self.cross_year_stale = true;
        }
        // While a batch reads, once at its end rather than after every file.
        if self.cross_year_stale && self.batch.is_none() {
            batch_view::update_cross_year(&mut self.documents);
            self.cross_year_stale = false;
        }
        effects
    }

    fn apply_inner(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ChooseFiles => vec![Effect::AskOpenFiles],
            Command::OpenFiles(paths) => {
                self.pending += paths.len();
                paths
                    .into_iter()
                    .map(|p| {
                        Effect::Parse(OpenRequest {
                            source: Source::File(p),
                            replay: None,
                        })
                    })
                    .collect()
            }
            Command::LoadSample => {
                self.pending += 1;
                vec![Effect::Parse(OpenRequest {
                    source: Source::Sample,
                    replay: None,
                })]
            }
            Command::Opened { request, result } => self.opened(request, result),
            Command::Activate(id) => {
                if self.doc(id).is_some() {
                    self.active = Some(id);
                }
                vec![]
            }
            Command::Select(target) => {
                if let Some(d) = self.active_mut() {
                    d.selected = Some(target);
                }
                vec![]
            }
            Command::Move(dir) => {
                if let Some(d) = self.active_mut() {
                    d.selected = moved(d, dir);
                }
                vec![]
            }
            Command::Edit { target, text } => self.edit(target, &text),
            Command::Clear(target) => self.edit(target, ""),
            Command::Undo | Command::Redo => {
                let redo = matches!(command, Command::Redo);
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                let changed = if redo { d.redo() } else { d.undo() };
                self.hint = None;
                if changed {
                    self.journal_effects()
                } else {
                    vec![]
                }
            }
            Command::AddTable(id, layout) => {
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                if d.report.tables.get(id).is_some() {
                    return vec![];
                }
                d.commit(vec![Change::AddTable { id, layout }]);
                self.journal_effects()
            }
            Command::ApplySuggestion(s) => {
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                let changes: Vec<Change> = s
                    .changes
                    .iter()
                    .filter_map(|&(at, after)| {
                        d.report.tables.cell(at).map(|c| Change::Cell {
                            at,
                            before: c.value,
                            after,
                        })
                    })
                    .collect();
                if let Some(&(at, _)) = s.changes.first() {
                    d.selected = Some(Target::Cell(at));
                }
                d.commit(changes);
                self.journal_effects()
            }
            Command::ChooseExportPath => match self.active_doc() {
                Some(d) => vec![Effect::AskExportPath {
                    doc: d.id,
                    file_name: export_name(&d.name),
                }],
                None => vec![],
            },
            Command::Export(path) => {
                let Some(d) = self.active_doc() else {
                    return vec![];
                };
                let (doc, generation) = (d.id, d.generation);
                match d.export_json() {
                    Ok(bytes) => vec![Effect::WriteExport {
                        doc,
                        generation,
                        path,
                        bytes,
                    }],
                    Err(e) => {
                        self.error(e);
                        vec![]
                    }
                }
            }
            Command::Exported {
                doc,
                generation,
                path,
                result,
            } => self.exported(doc, generation, path, result),
            Command::Close { doc, discard } => {
                let Some(i) = self.documents.iter().position(|d| d.id == doc) else {
                    return vec![];
                };
                if self.documents[i].dirty && !discard {
                    return vec![Effect::ConfirmClose { doc }];
                }
                let d = self.documents.remove(i);
                if self.active == Some(doc) {
                    self.active = self
                        .documents
                        .get(i.min(self.documents.len().saturating_sub(1)))
                        .map(|d| d.id);
                }
                match (&self.recovery_dir, d.dirty) {
                    (Some(dir), true) => vec![Effect::RemoveJournal(recovery::journal_path(
                        dir,
                        &d.report.source.sha256,
                    ))],
                    _ => vec![],
                }
            }
            Command::RestoreJournal(path) => {
                let Some(i) = self.recoverable.iter().position(|f| f.path == path) else {
                    return vec![];
                };
                let found = self.recoverable.remove(i);
                let source = match &found.journal.source_path {
                    Some(p) => Source::File(p.clone()),
                    None => Source::Sample,
                };
                self.pending += 1;
                vec![Effect::Parse(OpenRequest {
                    source,
                    replay: Some(found.journal),
                })]
            }
            Command::DiscardJournal(path) => {
                self.recoverable.retain(|f| f.path != path);
                vec![Effect::RemoveJournal(path)]
            }
            Command::DismissMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
                vec![]
            }
            Command::ChooseFolder => vec![Effect::AskFolder],
            Command::OpenFolders(paths) => {
                if paths.is_empty() {
                    return vec![];
                }
                // One batch at a time: a new folder replaces the one reading.
                if let Some(old) = self.batch.take() {
                    old.cancel.cancel();
                }
                self.next_batch += 1;
                let cancel = CancelFlag::default();
                self.batch = Some(Batch {
                    id: self.next_batch,
                    done: 0,
                    total: None,
                    current: None,
                    cancel: cancel.clone(),
                });
                vec![Effect::ParseBatch {
                    batch: self.next_batch,
                    paths,
                    cancel,
                }]
            }
            Command::BatchStarted { batch, total } => {
                if let Some(b) = self.batch.as_mut().filter(|b| b.id == batch) {
                    b.total = Some(total);
                }
                vec![]
            }
            Command::BatchOpened {
                batch,
                done,
                path,
                result,
            } => self.batch_opened(batch, done, path, result),
            Command::BatchFinished { batch, completed } => {
                let Some(b) = self.batch.take_if(|b| b.id == batch) else {
                    return vec![];
                };
                let total = b.total.unwrap_or(0);
                if total == 0 {
                    self.error("所选文件夹中没有可读取的报告文件".into());
                } else if completed {
                    let failed = self.failed.len();
                    self.note(if failed > 0 {
                        format!("已读取 {total} 个文件（其中 {failed} 个无法读取，见列表）")
                    } else {
                        format!("已读取 {total} 个文件")
                    });
                }
                vec![]
            }
            Command::CancelBatch => {
                if let Some(b) = self.batch.take() {
                    b.cancel.cancel();
                    self.note(format!(
                        "已取消读取：读取了 {} / {} 个文件，已读取的报告仍可查看",
                        b.done,
                        b.total.map(|t| t.to_string()).unwrap_or_else(|| "?".into())
                    ));
                }
                vec![]
            }
            Command::DismissFailed(path) => {
                self.failed.retain(|f| f.path != path);
                vec![]
            }
            Command::SetFilter(filter) => {
                self.filter = filter;
                vec![]
            }
            Command::ChooseExportAll(kind) => {
                if self.documents.is_empty() && self.failed.is_empty() {
                    return vec![];
                }
                vec![Effect::AskExportAllPath { kind }]
            }
            Command::ExportAll { kind, path } => {
                let mut outcomes = Vec::new();
                let mut saved = Vec::new();
                for d in &self.documents {
                    outcomes.push(crate::batch::Outcome::Parsed(Box::new(d.export_report())));
                    saved.push((d.id, d.generation));
                }
                for f in &self.failed {
                    outcomes.push(crate::batch::Outcome::Failed {
                        file: f.path.to_string_lossy().into_owned(),
                        reason: f.reason.clone(),
                    });
                }
                vec![Effect::WriteExportAll {
                    kind,
                    path,
                    reports: ExportSet(outcomes),
                    saved,
                }]
            }
            Command::ExportedAll {
                path,
                saved,
                result,
            } => self.exported_all(path, saved, result),
        }
    }

    fn batch_opened(
        &mut self,
        batch: u64,
        done: usize,
        path: PathBuf,
        result: Result<Box<crate::parse::Parsed>, String>,
    ) -> Vec<Effect> {
        // A cancelled or replaced batch's stragglers are dropped.
        let Some(b) = self.batch.as_mut().filter(|b| b.id == batch) else {
            return vec![];
        };
        b.done = done;
        b.current = Some(path.clone());
        let parsed = match result {
            Ok(p) => p,
            Err(reason) => {
                self.failed.retain(|f| f.path != path);
                self.failed.push(FailedFile { path, reason });
                return vec![];
            }
        };
        let path = Some(path);
        if self
            .documents
            .iter()
            .any(|d| d.path == path && d.report.source.sha256 == parsed.report.source.sha256)
        {
            return vec![];
        }
        self.failed.retain(|f| Some(&f.path) != path.as_ref());
        self.next_id += 1;
        let doc = Document::new(self.next_id, path, *parsed);
        if self.active.is_none() {
            self.active = Some(doc.id);
        }
        self.documents.push(doc);
        vec![]
    }

    fn exported_all(
        &mut self,
        path: PathBuf,
        saved: Vec<(u64, u64)>,
        result: Result<usize, String>,
    ) -> Vec<Effect> {
        let n = match result {
            Ok(n) => n,
            Err(e) => {
                self.error(format!("全部导出失败，修改仍保留：{e}"));
                return vec![];
            }
        };
        let mut effects = vec![];
        for (id, generation) in saved {
            let Some(d) = self.documents.iter_mut().find(|d| d.id == id) else {
                continue;
            };
            if d.generation == generation && d.dirty {
                d.dirty = false;
                if let Some(dir) = &self.recovery_dir {
                    effects.push(Effect::RemoveJournal(recovery::journal_path(
                        dir,
                        &d.report.source.sha256,
                    )));
                }
            }
        }
        self.note(format!("{n} 份报告已导出到 {}", path.display()));
        effects
    }

    fn opened(
        &mut self,
        request: OpenRequest,
        result: Result<Box<crate::parse::Parsed>, String>,
    ) -> Vec<Effect> {
        self.pending = self.pending.saturating_sub(1);
        let parsed = match result {
            Ok(p) => p,
            Err(e) => {
                self.error(e);
                return vec![];
            }
        };
        let path = match &request.source {
            Source::File(p) => Some(p.clone()),
            Source::Sample => None,
        };
        let mut effects: Vec<Effect> = path.iter().cloned().map(Effect::Opened).collect();
        // The same file twice: show the open one rather than fork the edits.
        if request.replay.is_none()
            && let Some(d) = self
                .documents
                .iter()
                .find(|d| d.path == path && d.report.source.sha256 == parsed.report.source.sha256)
        {
            self.active = Some(d.id);
            return effects;
        }
        self.next_id += 1;
        let mut doc = Document::new(self.next_id, path, *parsed);
        if let Some(journal) = request.replay {
            if journal.sha256 != doc.report.source.sha256 {
                self.error(format!(
                    "{} 已经改变，无法恢复上次未保存的修改（修改记录仍保留在 {}）",
                    doc.name,
                    self.recovery_dir
                        .as_deref()
                        .map(|d| d.display().to_string())
                        .unwrap_or_default()
                ));
            } else {
                let mut scratch = doc.report.clone();
                let (changes, lost) = journal.replay(&mut scratch);
                let n = changes.len();
                doc.commit(changes);
                self.note(format!("{}：已恢复 {n} 处未保存的修改", doc.name));
                if lost > 0 {
                    self.error(format!(
                        "{}：有 {lost} 处修改与报告对不上，未能恢复",
                        doc.name
                    ));
                }
            }
        }
        self.active = Some(doc.id);
        self.documents.push(doc);
        effects.extend(self.journal_effects());
        effects
    }

    fn edit(&mut self, target: Target, text: &str) -> Vec<Effect> {
        let Some(d) = self.active_doc() else {
            return vec![];
        };
        let change = match proposed_change(d, target, text) {
            Ok(Some(change)) => change,
            Ok(None) => {
                self.hint = None;
                return vec![];
            }
            Err(hint) => {
                self.hint = Some(hint);
                return vec![];
            }
        };
        self.hint = None;
        if let Some(d) = self.active_mut() {
            d.selected = Some(target);
            d.commit(vec![change]);
        }
        self.journal_effects()
    }

    fn exported(
        &mut self,
        doc: u64,
        generation: u64,
        path: PathBuf,
        result: Result<(), String>,
    ) -> Vec<Effect> {
        if let Err(e) = result {
            self.error(format!("导出失败，修改仍保留：{e}"));
            return vec![];
        }
        let dir = self.recovery_dir.clone();
        let Some(d) = self.documents.iter_mut().find(|d| d.id == doc) else {
            return vec![];
        };
        let mut effects = vec![];
        if d.generation == generation {
            d.dirty = false;
            if let Some(dir) = dir {
                effects.push(Effect::RemoveJournal(recovery::journal_path(
                    &dir,
                    &d.report.source.sha256,
                )));
            }
        }
        let name = d.name.clone();
        self.note(format!("{name} 已导出到 {}", path.display()));
        effects
    }

    /// Rewrites the active report's journal (or removes it once every edit
    /// is undone).
    fn journal_effects(&self) -> Vec<Effect> {
        let (Some(dir), Some(d)) = (&self.recovery_dir, self.active_doc()) else {
            return vec![];
        };
        let path = recovery::journal_path(dir, &d.report.source.sha256);
        if d.history.done.is_empty() {
            return vec![Effect::RemoveJournal(path)];
        }
        let journal = Journal::new(d.path.clone(), &d.report, d.history.changes());
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

/// The change that typing `text` into `target` makes: `Ok(None)` when it
/// changes nothing, `Err(hint)` when the input is refused.
fn proposed_change(d: &Document, target: Target, text: &str) -> Result<Option<Change>, String> {
    let change = match target {
        Target::Cell(at) => {
            let Some(kind) = d.kind(at) else {
                return Ok(None);
            };
            let after = input::parse_cell(text, kind)?;
            let before = d.value(at);
            if before == after {
                return Ok(None);
            }
            Change::Cell { at, before, after }
        }
        Target::Meta(field) => {
            let after = match field {
                MetaField::Agency => MetaValue::Text(input::parse_text(text)),
                MetaField::Year => MetaValue::Year(input::parse_year(text)?),
                MetaField::Published => MetaValue::Text(input::parse_date(text)?),
            };
            let before = meta_value(&d.report, field);
            if before == after {
                return Ok(None);
            }
            Change::Meta {
                field,
                before,
                after,
            }
        }
    };
    Ok(Some(change))
}

/// The default name of an export: the report's name with `.json`.
fn export_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    format!("{stem}.json")
}

/// The selection after a move, spreadsheet-like: arrows stay within a table.
fn moved(d: &Document, dir: Direction) -> Option<Target> {
    let targets = d.targets();
    let Some(current) = d.selected else {
        return targets.first().copied();
    };
    let i = targets.iter().position(|t| *t == current)?;
    let step = |forward: bool| {
        if forward {
            targets.get(i + 1).copied().or(Some(current))
        } else {
            i.checked_sub(1)
                .and_then(|j| targets.get(j).copied())
                .or(Some(current))
        }
    };
    match (dir, current) {
        (Direction::Next, _) => step(true),
        (Direction::Prev, _) => step(false),
        (Direction::Up | Direction::Down | Direction::Left | Direction::Right, Target::Meta(_)) => {
            step(matches!(dir, Direction::Down | Direction::Right))
        }
        (Direction::Left | Direction::Right, Target::Cell(at)) => {
            let len = d.spec(at.table)?.rows[at.row].columns.len();
            let col = match dir {
                Direction::Left => at.col.saturating_sub(1),
                _ => (at.col + 1).min(len - 1),
            };
            Some(Target::Cell(CellRef { col, ..at }))
        }
        (_, Target::Cell(at)) => {
            let spec = d.spec(at.table)?;
            let row = match dir {
                Direction::Up => at.row.checked_sub(1),
                _ => (at.row + 1 < spec.rows.len()).then_some(at.row + 1),
            };
            let Some(row) = row else {
                return Some(current);
            };
            let col = at.col.min(spec.rows[row].columns.len() - 1);
            Some(Target::Cell(CellRef { row, col, ..at }))
        }
    }
}

/// Tables the report lacks, which the window offers to add.
pub fn missing_tables(d: &Document) -> Vec<TableId> {
    TableId::ALL
        .into_iter()
        .filter(|&id| d.report.tables.get(id).is_none())
        .collect()
}
