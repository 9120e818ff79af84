//! Reading a folder in the background: progress, files that could not be read, cancelling, and the list's filter.

use std::path::PathBuf;

use super::State;
use crate::review::command::{Command, Effect};
use crate::review::document::Document;
use crate::review::report_list::{Batch, CancelFlag, FailedFile, ListItem};
use crate::text::Text;

impl State {
    /// Folders read in the background and the report list.
    pub(super) fn apply_folder(&mut self, command: Command) -> Vec<Effect> {
        match command {
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
                    ocr: None,
                    failed: 0,
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
                    // Room for every report now, in one frame at the start,
                    // rather than a slow frame at each doubling of the list
                    // of documents and the index by file while they arrive
                    // (fresh memory costs milliseconds here).
                    self.documents.reserve(total);
                    self.by_path.reserve(total);
                }
                vec![]
            }
            Command::BatchProgress {
                batch,
                path,
                progress,
            } => {
                if let Some(b) = self.batch.as_mut().filter(|b| b.id == batch) {
                    b.ocr = Some((path, progress));
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
                    self.error(Text::new(
                        "所选文件夹中没有可读取的报告文件",
                        "the chosen folder holds no report files",
                    ));
                } else if completed {
                    // This batch's failures, not every failure listed: an
                    // earlier folder's unreadable files are no news here.
                    let failed = b.failed;
                    self.note(if failed > 0 {
                        Text::new(
                            format!("已读取 {total} 个文件（其中 {failed} 个无法读取，见列表）"),
                            format!(
                                "{total} files read ({failed} of them unreadable, see the list)"
                            ),
                        )
                    } else {
                        Text::new(
                            format!("已读取 {total} 个文件"),
                            format!("{total} files read"),
                        )
                    });
                }
                vec![]
            }
            Command::CancelBatch => {
                if let Some(b) = self.batch.take() {
                    b.cancel.cancel();
                    let total = b.total.map(|t| t.to_string()).unwrap_or_else(|| "?".into());
                    self.note(Text::new(
                        format!(
                            "已取消读取：读取了 {} / {total} 个文件，已读取的报告仍可查看",
                            b.done
                        ),
                        format!(
                            "reading cancelled: {} of {total} files read; the reports read stay open",
                            b.done
                        ),
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
            Command::SetOverviewSort(sort) => {
                self.overview_sort = sort;
                vec![]
            }
            // Commands of the other parts never come here (see `apply_inner`).
            _ => Vec::new(),
        }
    }

    fn batch_opened(
        &mut self,
        batch: u64,
        done: usize,
        path: PathBuf,
        result: Result<Box<Document>, crate::parser::ParseError>,
    ) -> Vec<Effect> {
        // A cancelled or replaced batch's stragglers are dropped.
        let Some(b) = self.batch.as_mut().filter(|b| b.id == batch) else {
            return vec![];
        };
        b.done = done;
        b.current = Some(path.clone());
        // Its pages are read: no more page progress to show for it.
        b.ocr.take_if(|(p, _)| *p == path);
        let mut doc = match result {
            Ok(d) => d,
            Err(e) => {
                b.failed += 1;
                if self.add_failed(path, &e) {
                    // One listed before: the unreadable files' places change.
                    self.mark_lists_stale();
                } else {
                    let last = self.failed.len() - 1;
                    self.lists_to_place.push(ListItem::Failed(last));
                }
                return vec![];
            }
        };
        let path = Some(path);
        if self
            .open_copy(path.as_ref(), &doc.report.source.sha256)
            .is_some()
        {
            return vec![];
        }
        let failed_before = self.failed.len();
        self.failed.retain(|f| Some(&f.path) != path.as_ref());
        if self.failed.len() != failed_before {
            self.mark_lists_stale();
        }
        self.next_id += 1;
        doc.id = self.next_id;
        doc.path = path;
        if self.active.is_none() {
            self.active = Some(doc.id);
        }
        self.add_document(doc);
        vec![]
    }

    /// A file that could not be read, listed (once) with why: what the list
    /// shows, the count says and the exports write are this one list.
    /// Whether the file was listed unreadable already (and is now again,
    /// last).
    pub(super) fn add_failed(&mut self, path: PathBuf, e: &crate::parser::ParseError) -> bool {
        let before = self.failed.len();
        self.failed.retain(|f| f.path != path);
        let again = self.failed.len() != before;
        self.failed.push(FailedFile {
            path,
            reason: e.to_string(),
            why: e.both(),
        });
        again
    }
}
