//! The file work behind effects: reading and parsing reports, writing
//! exports and journals. The window runs it on a background thread; tests
//! run it in place. It never panics on bad input: errors come back as
//! Chinese messages inside the resulting command.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::command::{Command, Effect, ExportSet, OpenRequest, ReportFile, Source};
use super::document::Document;
use super::error::FileError;
use super::report_list::{ExportKind, folder_names};
use crate::batch::Outcome;
use crate::io::atomic::{AtomicFile, write_file};
use crate::parser::{CancelToken, ParseOptions};

/// Files read in parallel between deliveries to the window: small, so the
/// list fills steadily and a cancel is quick.
const WINDOW_CHUNK: usize = 8;

/// Performs an I/O effect; returns the command that reports its outcome.
pub fn perform(effect: Effect) -> Option<Command> {
    match effect {
        Effect::Parse(request) => Some(parse(request, Arc::new(|_| {}))),
        Effect::WriteExport {
            doc,
            generation,
            path,
            bytes,
        } => {
            let result = write_atomically(&path, &bytes);
            Some(Command::Exported {
                doc,
                generation,
                path,
                result,
            })
        }
        Effect::WriteJournal { path, bytes } => {
            // A journal that cannot be written must not stop the editing;
            // the window says so, and the next edit tries again.
            let dir_failed = path
                .parent()
                .and_then(|dir| std::fs::create_dir_all(dir).err().map(|e| (dir, e)))
                .map(|(dir, source)| FileError::CreateFolder {
                    path: dir.to_path_buf(),
                    source,
                });
            match (write_atomically(&path, &bytes), dir_failed) {
                (Ok(()), _) => None,
                (Err(_), Some(reason)) | (Err(reason), None) => {
                    Some(Command::JournalFailed(reason))
                }
            }
        }
        Effect::RemoveJournal(path) => {
            let _ = std::fs::remove_file(path);
            None
        }
        // A batch sends a command per file: its callers run `run_batch`.
        Effect::ParseBatch { .. } => None,
        Effect::WriteExportAll {
            kind,
            path,
            reports,
            saved,
            scope,
        } => {
            let result = write_export_all(kind, &path, &reports);
            Some(Command::ExportedAll {
                path,
                saved,
                scope,
                result,
            })
        }
        Effect::WriteReportFile {
            doc,
            generation,
            kind,
            path,
            report,
            date,
        } => {
            let bytes = match kind {
                ReportFile::Xlsx => crate::export::xlsx_report::report_workbook(&report),
                ReportFile::ReviewSheet => {
                    crate::export::review_sheet::review_sheet(&report, &date)
                }
            };
            let result = bytes
                .map_err(FileError::from)
                .and_then(|bytes| write_atomically(&path, &bytes));
            Some(Command::ExportedReportFile {
                doc,
                generation,
                kind,
                path,
                result,
            })
        }
        Effect::ListFolder { dir, listing } => {
            let result = super::file_chooser::list_folder(&dir, listing);
            Some(Command::Chooser(
                super::file_chooser::ChooserAction::Listed { dir, result },
            ))
        }
        Effect::Suggest {
            doc,
            revision,
            report,
        } => Some(Command::Suggested {
            doc,
            revision,
            suggestions: crate::rules::repair::suggestions(&report),
        }),
        Effect::AskOpenFiles
        | Effect::AskFolder
        | Effect::AskExportAllPath { .. }
        | Effect::AskExportPath { .. }
        | Effect::AskReportFilePath { .. }
        | Effect::ConfirmClose { .. }
        | Effect::Opened(_) => None,
    }
}

/// Reads one report, sending OCR's progress through `emit` as
/// `OpenProgress` (from the threads reading its pages); returns `Opened`.
/// The request's cancel flag stops it: `Opened` with `ParseError::Cancelled`.
pub fn parse(request: OpenRequest, emit: Arc<dyn Fn(Command) + Send + Sync>) -> Command {
    let job = request.job;
    let options = ParseOptions {
        cancel: Some(CancelToken::from_flag(request.cancel.0.clone())),
        progress: Some(Arc::new(move |progress| {
            emit(Command::OpenProgress { job, progress })
        })),
    };
    let result = match &request.source {
        Source::Sample => {
            crate::parse_bytes_with(crate::SAMPLE_NAME, crate::SAMPLE_BYTES, &options)
        }
        Source::File(path) => crate::parse_path_with(path, &options),
    }
    .map(Box::new)
    .map_err(|source| FileError::Open {
        name: match &request.source {
            Source::Sample => crate::SAMPLE_NAME.to_string(),
            Source::File(p) => p.display().to_string(),
        },
        source,
    });
    Command::Opened { request, result }
}

/// Lists the folders and reads every report below them in parallel
/// (`batch::run_with`), sending a command per file in order, then
/// `BatchFinished`. Setting `cancel` stops it within a few files, and
/// a scan being read by OCR at once.
pub fn run_batch(
    batch: u64,
    paths: &[PathBuf],
    cancel: &AtomicBool,
    emit: &mut dyn FnMut(Command),
) {
    run_batch_reporting(batch, paths, cancel, emit, None);
}

/// [`run_batch`], with OCR's page progress on each scan sent as
/// `BatchProgress` through `ocr` from the threads reading the pages (the
/// files' commands still go through `emit`, in order).
pub fn run_batch_reporting(
    batch: u64,
    paths: &[PathBuf],
    cancel: &AtomicBool,
    emit: &mut dyn FnMut(Command),
    ocr: Option<Arc<dyn Fn(Command) + Send + Sync>>,
) {
    use std::sync::atomic::Ordering;
    let files = crate::batch::expand_inputs(paths);
    emit(Command::BatchStarted {
        batch,
        total: files.len(),
    });
    // The flag, mirrored into a token the parses look at: a scan being
    // read stops at once (its Tesseract killed), not at its last page.
    let token = CancelToken::new();
    let finished = AtomicBool::new(false);
    let run = std::thread::scope(|s| {
        s.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                if cancel.load(Ordering::Relaxed) {
                    token.cancel();
                    return;
                }
                std::thread::sleep(CANCEL_POLL);
            }
        });
        // Each file's own options: its page progress names it.
        let options = |path: &Path| ParseOptions {
            cancel: Some(token.clone()),
            progress: ocr.clone().map(|send| {
                let path = path.to_path_buf();
                Arc::new(move |progress| {
                    send(Command::BatchProgress {
                        batch,
                        path: path.clone(),
                        progress,
                    })
                }) as crate::parser::ProgressFn
            }),
        };
        let mut done = 0;
        let run = crate::batch::run_with(
            &files,
            WINDOW_CHUNK,
            cancel,
            &|_, _, _| {},
            |path: &Path| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                // The document made here, not on the window's thread: its
                // repair proposals rerun the rules for every candidate.
                let result = crate::parse_path_with(path, &options(path))
                    .map(|parsed| Box::new(Document::new(0, Some(path.to_path_buf()), parsed)));
                Some((path.to_path_buf(), result))
            },
            |item| {
                let Some((path, result)) = item else {
                    return Err(());
                };
                if cancel.load(Ordering::Relaxed) {
                    return Err(());
                }
                done += 1;
                emit(Command::BatchOpened {
                    batch,
                    done,
                    path,
                    result,
                });
                Ok(())
            },
        );
        finished.store(true, Ordering::Relaxed);
        run
    });
    emit(Command::BatchFinished {
        batch,
        completed: run == Ok(true),
    });
}

/// How often a folder's reading looks at its cancel flag for the parses.
const CANCEL_POLL: std::time::Duration = std::time::Duration::from_millis(20);

/// Writes all reports as one JSON Lines file, a folder of JSON files, the
/// CSV table (Chinese headers, a BOM for Excel) or the Excel workbook, each
/// file atomically. Returns how many reports were written.
pub fn write_export_all(
    kind: ExportKind,
    path: &Path,
    reports: &ExportSet,
) -> Result<usize, FileError> {
    let reason = |e: std::io::Error| FileError::write(path)(e);
    let parsed = reports
        .0
        .iter()
        .filter(|o| matches!(o, Outcome::Parsed(_)))
        .count();
    match kind {
        ExportKind::JsonLines => {
            let mut file = AtomicFile::create(path).map_err(reason)?;
            for outcome in &reports.0 {
                outcome.write_json_line(&mut file, false).map_err(reason)?;
            }
            file.commit().map_err(reason)?;
        }
        ExportKind::JsonFolder => {
            std::fs::create_dir_all(path).map_err(reason)?;
            let reports: Vec<&crate::model::Report> = reports
                .0
                .iter()
                .filter_map(|o| match o {
                    Outcome::Parsed(r) => Some(&**r),
                    Outcome::Failed { .. } => None,
                })
                .collect();
            let files: Vec<&str> = reports.iter().map(|r| r.source.file.as_str()).collect();
            for (r, name) in reports.iter().zip(folder_names(&files)) {
                let mut bytes = serde_json::to_vec_pretty(r)?;
                bytes.push(b'\n');
                write_atomically(&path.join(name), &bytes)?;
            }
        }
        ExportKind::Csv => {
            let file = AtomicFile::create(path).map_err(reason)?;
            let csv_error = |source: csv::Error| FileError::Csv {
                path: path.to_path_buf(),
                source,
            };
            let mut table = crate::batch::csv_table::CsvTable::with_headers(
                file,
                crate::batch::csv_table::Headers::Zh,
            )
            .map_err(csv_error)?;
            for outcome in &reports.0 {
                table.write(outcome).map_err(csv_error)?;
            }
            table.finish().map_err(reason)?.commit().map_err(reason)?;
        }
        ExportKind::Xlsx | ExportKind::XlsxWithReports => {
            let mut book =
                crate::export::xlsx_batch::BatchWorkbook::new(kind == ExportKind::XlsxWithReports)?;
            for outcome in &reports.0 {
                book.add(outcome)?;
            }
            write_atomically(path, &book.finish()?)?;
        }
        ExportKind::RegionTotalsCsv => {
            let totals =
                crate::review::stats::region_totals(reports.0.iter().filter_map(|o| match o {
                    Outcome::Parsed(r) => Some(&**r),
                    Outcome::Failed { .. } => None,
                }));
            let bytes = crate::review::stats::region_totals_csv(&totals).map_err(|source| {
                FileError::Csv {
                    path: path.to_path_buf(),
                    source,
                }
            })?;
            write_atomically(path, &bytes)?;
        }
    }
    Ok(parsed)
}

/// Writes a whole buffer atomically.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_file(path, bytes).map_err(FileError::write(path))
}
