//! Many reports at once: folders expanded into report files, parsed in
//! parallel on all cores, delivered in input order to a sink that writes
//! them out as it goes — so memory does not grow with the number of
//! reports — with the cross-year rules applied between one agency's reports
//! for consecutive years.

pub mod csv_table;
pub mod summary;
pub mod table_columns;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::model::Report;
use crate::parser::{OcrProgress, ParseOptions, parse_path_with};
use crate::rules::cross_year::{self, YearIndex};
use crate::text::Lang;

/// File name endings a folder is searched for.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "tsv", "htm", "html", "xhtml", "shtml", "docx", "pdf", "doc",
    "wps",
];

/// How many files are parsed in parallel before their results are written.
const CHUNK: usize = 256;

/// The result for one input file.
#[derive(Debug)]
pub enum Outcome {
    Parsed(Box<Report>),
    Failed { file: String, reason: String },
}

impl Outcome {
    pub fn file(&self) -> &str {
        match self {
            Outcome::Parsed(r) => &r.source.file,
            Outcome::Failed { file, .. } => file,
        }
    }

    /// Writes the outcome as one line of JSON Lines (pretty: several
    /// lines): the report, or `{"source": {"file"}, "error": {"file",
    /// "reason"}}` for a file that could not be read.
    pub fn write_json_line(
        &self,
        out: &mut dyn std::io::Write,
        pretty: bool,
    ) -> std::io::Result<()> {
        match self {
            Outcome::Parsed(report) if pretty => serde_json::to_writer_pretty(&mut *out, report)?,
            Outcome::Parsed(report) => serde_json::to_writer(&mut *out, report)?,
            Outcome::Failed { file, reason } => {
                let v = serde_json::json!({"source": {"file": file}, "error": {"file": file, "reason": reason}});
                serde_json::to_writer(&mut *out, &v)?;
            }
        }
        out.write_all(b"\n")
    }
}

/// Files named on the command line or dropped on the window, folders
/// replaced by the report files below them (sorted, hidden entries and
/// links to folders skipped). A named file is kept whatever its ending.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        let path = e.path();
        if kind.is_dir() {
            walk(&path, out, depth + 1);
        } else if (kind.is_file() || kind.is_symlink() && path.is_file()) && is_report_file(&path) {
            out.push(path);
        }
    }
}

pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn parse_one(path: &Path, lang: Lang, ocr_progress: Option<OcrProgressFn>) -> Outcome {
    let options = ParseOptions {
        cancel: None,
        progress: ocr_progress.map(|f| {
            let path = path.to_path_buf();
            std::sync::Arc::new(move |p| f(&path, p)) as crate::parser::ProgressFn
        }),
    };
    match parse_path_with(path, &options) {
        Ok(parsed) => Outcome::Parsed(Box::new(parsed.report)),
        Err(e) => Outcome::Failed {
            file: path.to_string_lossy().into_owned(),
            // Chinese with the English in brackets, as always; English
            // alone when asked for.
            reason: match lang {
                Lang::Zh => e.to_string(),
                Lang::En => e.text(Lang::En),
            },
        },
    }
}

/// What to do besides parsing.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Check `cross_year.*` rules between the inputs (costs a first pass
    /// over all of them).
    pub cross_year: bool,
    /// The language of the messages written (the JSON's keys never change).
    pub lang: Lang,
    /// Told of OCR's progress through each file's image pages (the
    /// command line prints it when its error stream is a terminal).
    pub ocr_progress: Option<OcrProgressFn>,
}

/// Where a file's OCR progress goes: a plain function, so `Options` stays
/// plain data.
pub type OcrProgressFn = fn(&Path, OcrProgress);

impl Default for Options {
    fn default() -> Self {
        Options {
            cross_year: true,
            lang: Lang::Zh,
            ocr_progress: None,
        }
    }
}

/// Parses `files` in parallel and hands each outcome to `sink` in input
/// order. `progress(done, total, file)` is called as files finish;
/// setting `cancel` stops the run after the files under way. Returns
/// whether the run was completed (not cancelled) or the sink's error.
pub fn run<E>(
    files: &[PathBuf],
    options: Options,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
    sink: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<bool, E> {
    let index = if options.cross_year && files.len() > 1 {
        match year_index(files, cancel) {
            Some(index) => Some(index),
            None => return Ok(false),
        }
    } else {
        None
    };
    run_with(
        files,
        CHUNK,
        cancel,
        progress,
        |p| {
            let mut outcome = parse_one(p, options.lang, options.ocr_progress);
            if let Outcome::Parsed(report) = &mut outcome {
                if let Some(index) = &index {
                    index.check(report);
                }
                if options.lang != Lang::Zh {
                    report.write_in(options.lang);
                }
            }
            outcome
        },
        sink,
    )
}

/// The parallel, ordered, cancellable core of [`run`] with the work per
/// file given, `chunk` files parsed in parallel between deliveries: the
/// window uses it with small chunks, keeping each report's source text.
pub fn run_with<T: Send, E>(
    files: &[PathBuf],
    chunk: usize,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
    work: impl Fn(&Path) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<bool, E> {
    let total = files.len();
    let mut done = 0;
    for chunk in files.chunks(chunk.max(1)) {
        if cancel.load(Ordering::Relaxed) {
            return Ok(false);
        }
        // One file gains nothing from the thread pool; not starting it is
        // a tenth of a one-file `nianbao parse`.
        let results: Vec<T> = if let [one] = chunk {
            vec![work(one)]
        } else {
            chunk.par_iter().map(|p| work(p)).collect()
        };
        for (path, result) in chunk.iter().zip(results) {
            done += 1;
            progress(done, total, path);
            sink(result)?;
        }
    }
    Ok(true)
}

/// The first pass of a cross-year run: what each report's successor needs.
fn year_index(files: &[PathBuf], cancel: &AtomicBool) -> Option<YearIndex> {
    let mut index = YearIndex::default();
    for chunk in files.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let facts: Vec<_> = chunk
            .par_iter()
            .filter_map(|p| {
                crate::parser::parse_path(p)
                    .ok()
                    .and_then(|parsed| cross_year::YearFacts::of(&parsed.report))
            })
            .collect();
        for f in facts {
            index.insert(f);
        }
    }
    Some(index)
}
