//! Exporting one report (JSON, its Excel workbook, its review sheet) or
//! all the list shows, and what a finished export clears.

use std::path::PathBuf;

use super::State;
use crate::review::command::{Command, Effect, ExportScope, ExportSet, ReportFile};
use crate::review::error::FileError;
use crate::review::recovery;
use crate::review::report_list::ListItem;
use crate::text::{Lang, Text};

impl State {
    /// Export of the active report or of every open one.
    pub(super) fn apply_export(&mut self, command: Command) -> Vec<Effect> {
        match command {
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
                        self.error(e.both());
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
            Command::ChooseExportAll(kind) => {
                if self.documents.is_empty() && self.failed.is_empty() {
                    return vec![];
                }
                if self.export_scope().listed == 0 {
                    self.error(Text::new(
                        "筛选后没有报告可导出：请放宽报告列表的筛选",
                        "the filter leaves no report to export: widen the report list's filter",
                    ));
                    return vec![];
                }
                vec![Effect::AskExportAllPath { kind }]
            }
            Command::ExportAll { kind, path } => {
                // What the list shows, in its order: the filter decides.
                let scope = self.export_scope();
                let mut outcomes = Vec::new();
                let mut saved = Vec::new();
                for item in self.list() {
                    match item {
                        ListItem::Doc(id) => {
                            if let Some(d) = self.doc(id) {
                                outcomes.push(crate::batch::Outcome::Parsed(Box::new(
                                    d.export_report(),
                                )));
                                saved.push((d.id, d.generation));
                            }
                        }
                        ListItem::Failed(i) => {
                            if let Some(f) = self.failed.get(i) {
                                outcomes.push(crate::batch::Outcome::Failed {
                                    file: f.path.to_string_lossy().into_owned(),
                                    reason: f.reason.clone(),
                                });
                            }
                        }
                    }
                }
                vec![Effect::WriteExportAll {
                    kind,
                    path,
                    reports: ExportSet(outcomes),
                    saved,
                    scope,
                }]
            }
            Command::ExportedAll {
                path,
                saved,
                scope,
                result,
            } => self.exported_all(path, saved, scope, result),
            Command::ChooseReportFile(kind) => match self.active_doc() {
                Some(d) => vec![Effect::AskReportFilePath {
                    kind,
                    file_name: file_name(&d.name, kind),
                }],
                None => vec![],
            },
            Command::ExportReportFile { kind, path } => match self.active_doc() {
                Some(d) => vec![Effect::WriteReportFile {
                    doc: d.id,
                    generation: d.generation,
                    kind,
                    path,
                    report: Box::new(d.export_report()),
                    date: crate::export::review_sheet::today_in_china(),
                }],
                None => vec![],
            },
            Command::ExportedReportFile {
                doc,
                generation,
                kind,
                path,
                result,
            } => {
                if kind.saves_corrections() || result.is_err() {
                    return self.exported(doc, generation, path, result);
                }
                let name = self.doc(doc).map(|d| d.name.clone()).unwrap_or_default();
                self.note(Text::new(
                    format!("{name} 的审核意见已导出到 {}", path.display()),
                    format!("{name}: review sheet exported to {}", path.display()),
                ));
                vec![]
            }
            // Commands of the other parts never come here (see `apply_inner`).
            _ => Vec::new(),
        }
    }

    fn exported(
        &mut self,
        doc: u64,
        generation: u64,
        path: PathBuf,
        result: Result<(), FileError>,
    ) -> Vec<Effect> {
        if let Err(e) = result {
            self.error(Text::new(
                format!("导出失败，修改仍保留：{e}"),
                format!(
                    "export failed; the corrections are kept: {}",
                    e.text(Lang::En)
                ),
            ));
            return vec![];
        }
        let dir = self.recovery_dir.clone();
        let Some(d) = crate::review::document::find_mut(&mut self.documents, doc) else {
            return vec![];
        };
        let mut effects = vec![];
        if d.generation == generation {
            d.mark_saved();
            if let Some(dir) = dir {
                effects.push(Effect::RemoveJournal(recovery::journal_path(
                    &dir,
                    &d.report.source.sha256,
                )));
            }
        }
        let name = d.name.clone();
        self.note(Text::new(
            format!("{name} 已导出到 {}", path.display()),
            format!("{name} exported to {}", path.display()),
        ));
        effects
    }

    /// How many reports (and unreadable files) an export of all writes:
    /// those the list shows, of all there are.
    pub fn export_scope(&self) -> ExportScope {
        ExportScope {
            listed: self.listed().len(),
            total: self.documents.len() + self.failed.len(),
        }
    }

    fn exported_all(
        &mut self,
        path: PathBuf,
        saved: Vec<(u64, u64)>,
        scope: ExportScope,
        result: Result<usize, FileError>,
    ) -> Vec<Effect> {
        let n = match result {
            Ok(n) => n,
            Err(e) => {
                self.error(Text::new(
                    format!("全部导出失败，修改仍保留：{e}"),
                    format!(
                        "export of all reports failed; the corrections are kept: {}",
                        e.text(Lang::En)
                    ),
                ));
                return vec![];
            }
        };
        let mut effects = vec![];
        for (id, generation) in saved {
            let Some(d) = crate::review::document::find_mut(&mut self.documents, id) else {
                continue;
            };
            if d.generation == generation && d.dirty {
                d.mark_saved();
                if let Some(dir) = &self.recovery_dir {
                    effects.push(Effect::RemoveJournal(recovery::journal_path(
                        dir,
                        &d.report.source.sha256,
                    )));
                }
            }
        }
        let (filtered, filtered_en) = if scope.filtered() {
            (
                format!(
                    "（导出筛选后的 {} 份报告，共 {} 份）",
                    scope.listed, scope.total
                ),
                format!(
                    " (the {} reports the filter shows, of {})",
                    scope.listed, scope.total
                ),
            )
        } else {
            (String::new(), String::new())
        };
        self.note(Text::new(
            format!("{n} 份报告已导出到 {}{filtered}", path.display()),
            format!("{n} report(s) exported to {}{filtered_en}", path.display()),
        ));
        effects
    }
}

/// The default name of an office file: the report's name, a word saying
/// what the file is, the extension.
fn file_name(name: &str, kind: ReportFile) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let extension = kind.extension();
    match kind {
        ReportFile::Xlsx => format!("{stem}.{extension}"),
        ReportFile::ReviewSheet => format!("{stem}-审核意见.{extension}"),
    }
}

/// The default name of an export: the report's name with `.json`.
fn export_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    format!("{stem}.json")
}
