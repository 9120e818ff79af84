//! Exporting one report or all of them, and what a finished export clears.

use std::path::PathBuf;

use super::State;
use crate::review::command::{Command, Effect, ExportSet};
use crate::review::error::FileError;
use crate::review::recovery;
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
        let Some(d) = self.documents.iter_mut().find(|d| d.id == doc) else {
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

    fn exported_all(
        &mut self,
        path: PathBuf,
        saved: Vec<(u64, u64)>,
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
            let Some(d) = self.documents.iter_mut().find(|d| d.id == id) else {
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
        self.note(Text::new(
            format!("{n} 份报告已导出到 {}", path.display()),
            format!("{n} report(s) exported to {}", path.display()),
        ));
        effects
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
