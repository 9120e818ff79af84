//! Opening and closing reports, and offering back unsaved work after a crash.

use super::State;
use crate::review::command::{Command, Effect, OpenRequest, Source};
use crate::review::document::Document;
use crate::review::error::FileError;
use crate::review::recovery;
use crate::text::Text;

impl State {
    /// Files and the sample opened, reports closed, journals restored or discarded.
    pub(super) fn apply_open(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ChooseFiles => vec![Effect::AskOpenFiles],
            Command::OpenFiles(paths) => paths
                .into_iter()
                .map(|p| self.start_reading(Source::File(p), None))
                .collect(),
            Command::LoadSample => vec![self.start_reading(Source::Sample, None)],
            Command::Opened { request, result } => self.opened(request, result),
            Command::Close { doc, discard } => {
                let Some(i) = crate::review::document::position(&self.documents, doc) else {
                    return vec![];
                };
                if self.documents[i].dirty && !discard {
                    return vec![Effect::ConfirmClose { doc }];
                }
                let d = self.remove_document(i);
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
                vec![self.start_reading(source, Some(Box::new(found.journal)))]
            }
            Command::DiscardJournal(path) => {
                self.recoverable.retain(|f| f.path != path);
                vec![Effect::RemoveJournal(path)]
            }
            // Commands of the other parts never come here (see `apply_inner`).
            _ => Vec::new(),
        }
    }

    fn opened(
        &mut self,
        request: OpenRequest,
        result: Result<Box<crate::parser::Parsed>, FileError>,
    ) -> Vec<Effect> {
        self.pending = self.pending.saturating_sub(1);
        if let Err(FileError::Open {
            source: crate::ParseError::Cancelled,
            ..
        }) = &result
        {
            // Stopped by the person: listed as cancelled, to read again.
            // (A late answer of a reading started again since is dropped.)
            if let Some(r) = self
                .reading
                .iter_mut()
                .find(|r| r.id == request.job && r.cancel == request.cancel)
            {
                r.cancelled = true;
            }
            return vec![];
        }
        // Read (or unreadable): no longer being read. Another reading of
        // the same entry still running is stopped.
        for r in self.reading.iter().filter(|r| r.id == request.job) {
            r.cancel.cancel();
        }
        self.reading.retain(|r| r.id != request.job);
        if self.viewing == Some(request.job) {
            self.viewing = None;
        }
        let parsed = match result {
            Ok(p) => p,
            Err(e) => {
                self.error(e.both());
                // Listed too, as a folder's unreadable files are: the list,
                // its count and "export all" then agree however it was opened.
                if let (Source::File(path), FileError::Open { source, .. }) = (&request.source, &e)
                {
                    self.add_failed(path.clone(), source);
                }
                return vec![];
            }
        };
        let path = match &request.source {
            Source::File(p) => Some(p.clone()),
            Source::Sample => None,
        };
        // Read now: no longer an unreadable file of the list.
        self.failed.retain(|f| Some(&f.path) != path.as_ref());
        let mut effects: Vec<Effect> = path.iter().cloned().map(Effect::Opened).collect();
        // The same file twice: show the open one rather than fork the edits.
        if request.replay.is_none()
            && let Some(id) = self.open_copy(path.as_ref(), &parsed.report.source.sha256)
        {
            self.active = Some(id);
            return effects;
        }
        // The id its reading had, so the page view goes on showing its pages.
        let id = if self.documents.iter().any(|d| d.id == request.job) {
            self.next_id += 1;
            self.next_id
        } else {
            request.job
        };
        let mut doc = Document::new(id, path, *parsed);
        if let Some(journal) = request.replay {
            if journal.sha256 != doc.report.source.sha256 {
                let dir = self
                    .recovery_dir
                    .as_deref()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default();
                self.error(Text::new(
                    format!(
                        "{} 已经改变，无法恢复上次未保存的修改（修改记录仍保留在 {dir}）",
                        doc.name
                    ),
                    format!(
                        "{} has changed: the unsaved corrections of last time cannot be restored (their record stays in {dir})",
                        doc.name
                    ),
                ));
            } else {
                let mut scratch = doc.report.clone();
                let (changes, lost) = journal.replay(&mut scratch);
                let n = changes.len();
                doc.commit(changes);
                if !journal.remarks.is_empty() {
                    doc.remarks = journal.remarks.clone();
                    doc.dirty = true;
                    doc.generation += 1;
                }
                let (remarks, remarks_en) = if journal.remarks.is_empty() {
                    ("", "")
                } else {
                    ("和审核意见", " and the review remarks")
                };
                self.note(Text::new(
                    format!("{}：已恢复 {n} 处未保存的修改{remarks}", doc.name),
                    format!(
                        "{}: {n} unsaved correction(s){remarks_en} restored",
                        doc.name
                    ),
                ));
                if lost > 0 {
                    self.error(Text::new(
                        format!("{}：有 {lost} 处修改与报告对不上，未能恢复", doc.name),
                        format!(
                            "{}: {lost} correction(s) no longer fit the report and were not restored",
                            doc.name
                        ),
                    ));
                }
            }
        }
        self.active = Some(doc.id);
        self.add_document(Box::new(doc));
        effects.extend(self.journal_effects());
        effects
    }
}
