//! The parser: one published file's bytes → a [`Report`] with every cell's
//! source. A pipeline of small stages with plain data between them:
//!
//! ```text
//! bytes ─decode→ Decoded (text; tables as tab-separated lines; PDF places)
//!       ─normalize→ Normalized ─flat→ run-together lines broken
//!       ─sections→ Sections (line regions)
//!       ─table (tokens → rows → align → read)→ Tables, warnings, unread rows
//!       ─provenance→ spans with table positions and PDF boxes
//!       ─meta, narrative→ Meta, Narrative ─rules→ Checks
//! ```
//!
//! Each stage module is crate-private; [`stages`] exposes them to the
//! benchmarks and examples only.

mod cjk_fold;
mod compact;
pub mod decode;
mod error;
mod flat;
mod meta;
mod narrative;
mod normalize;
mod ocr_review;
pub mod options;
mod provenance;
mod region;
mod sections;
pub(crate) mod table;

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::ParseError;
pub use options::{CancelToken, OcrProgress, ParseOptions, ProgressFn};

use crate::model::{Report, SectionTexts, SourceInfo, Tables};
use crate::rules;
use crate::template::{Layout, TableId};
use crate::text::Text;
use compact::compact;
use decode::{Decoded, MAX_FILE_BYTES};
use normalize::Normalized;
use sections::{Section, Sections, body_text, find_sections};

/// A parsed report together with the decoded text its spans point into.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The decoded source text; every [`crate::Span`] is a byte range in it.
    pub text: String,
    pub report: Report,
}

/// Reads and parses the file at `path`.
pub fn parse_path(path: &Path) -> Result<Parsed, ParseError> {
    parse_path_with(path, &ParseOptions::default())
}

/// [`parse_path`] with a way to cancel and a place for OCR's progress.
pub fn parse_path_with(path: &Path, options: &ParseOptions) -> Result<Parsed, ParseError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ParseError::IsDirectory);
    }
    decode::check_size(meta.len())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit, in case the file grew.
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    let name = path.to_string_lossy();
    parse_bytes_with(&name, &bytes, options)
}

/// Parses one report file's bytes. `file` is written to `source.file`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Parsed, ParseError> {
    parse_bytes_with(file, bytes, &ParseOptions::default())
}

/// [`parse_bytes`] with a way to cancel and a place for OCR's progress.
/// A cancelled parse is [`ParseError::Cancelled`], never a partial report.
pub fn parse_bytes_with(
    file: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Parsed, ParseError> {
    let decoded = decode::decode_with(file, bytes, options)?;
    let doc = flat::unflatten(Normalized::new(&decoded.text));
    let sections = find_sections(&doc);
    let (mut tables, mut warnings, mut unread_rows) = read_tables(&doc, &sections);
    provenance::locate_cells(&decoded, &mut tables, &mut unread_rows);
    warnings.extend(ocr_review::mark_cells(&decoded, &mut tables));
    let (mut meta, mut meta_sources) = meta::extract(&doc, &sections);
    provenance::locate_meta(&decoded, &mut meta_sources);
    provenance::snap_to_chars(
        &decoded.text,
        &mut tables,
        &mut unread_rows,
        &mut meta_sources,
    );
    meta.template = layout_of(&tables, &doc.text, meta.year);
    meta.region = region::region_of(meta.agency.as_deref(), &doc.text);
    warnings.extend(missing_table_warnings(&tables));
    let signature = signature_line(
        &doc,
        meta.agency.as_deref(),
        meta_sources.published.as_ref(),
    );
    let section_texts = section_texts(&doc, &decoded, &sections, signature);
    let overview = overview_range(&doc, &sections, &section_texts);
    let narrative = narrative::extract(&doc, overview);
    let checks = rules::report::run(&tables, &narrative);
    let report = Report {
        source: source_info(file, bytes, &decoded),
        meta,
        meta_sources,
        tables,
        checks,
        warnings,
        sections: section_texts,
        narrative,
        corrections: Vec::new(),
        unread_rows,
        review_remarks: String::new(),
    };
    Ok(Parsed {
        text: decoded.text,
        report,
    })
}

/// Recomputes `report.checks` from its (possibly corrected) tables.
pub fn recheck(report: &mut Report) {
    report.checks = rules::report::run(&report.tables, &report.narrative);
}

/// Tables 二, 三 and 四, each read from its own section, with the reader's
/// warnings and the rows it could not place.
fn read_tables(
    doc: &Normalized,
    sections: &Sections,
) -> (Tables, Vec<Text>, Vec<crate::model::UnreadRow>) {
    let mut warnings = Vec::new();
    let mut tables = Tables::default();
    let mut unread_rows = Vec::new();
    for id in TableId::ALL {
        let section = Section::of_table(id);
        let region = sections.region(section, doc.line_count());
        let read = table::read_table(doc, id, region, sections.body(section).is_some());
        warnings.extend(read.warnings);
        unread_rows.extend(read.unread);
        *tables.slot(id) = read.table;
    }
    (tables, warnings, unread_rows)
}

/// The layout the report follows: told by its tables, else by the circular
/// it cites, else by its year.
fn layout_of(tables: &Tables, text: &str, year: Option<i32>) -> Option<Layout> {
    tables
        .applications
        .as_ref()
        .or(tables.active_disclosure.as_ref())
        .map(|t| t.spec.layout)
        .or_else(|| layout_from_text(text, year))
}

/// With no table to tell the format, the circular the report cites, else
/// its year: reports on 2019 and 2020 used the 2019 format.
fn layout_from_text(text: &str, year: Option<i32>) -> Option<Layout> {
    if text.contains("〔2021〕30") || text.contains("[2021]30") {
        return Some(Layout::Y2021);
    }
    if text.contains("〔2019〕60") || text.contains("[2019]60") {
        return Some(Layout::Y2019);
    }
    year.map(|y| {
        if y >= 2021 {
            Layout::Y2021
        } else {
            Layout::Y2019
        }
    })
}

fn missing_table_warnings(tables: &Tables) -> impl Iterator<Item = Text> + '_ {
    TableId::ALL
        .into_iter()
        .filter(|&id| tables.get(id).is_none())
        .map(|id| {
            Text::new(
                format!(
                    "未找到{}（{}），该表记为 null",
                    id.short_title(),
                    id.title()
                ),
                format!(
                    "{} ({}) not found; written as null",
                    id.short_title_en(),
                    id.title_en()
                ),
            )
        })
}

/// The line where the signature (agency and date) starts: section 六 ends
/// there.
fn signature_line(
    doc: &Normalized,
    agency: Option<&str>,
    published: Option<&crate::model::Span>,
) -> Option<usize> {
    let l = published?.line - 1;
    let above = (0..l).rev().find(|&i| !doc.line(i).1.trim().is_empty());
    match above {
        Some(a)
            if agency.is_some_and(|name| compact(doc.line(a).1, usize::MAX).ends_with(name)) =>
        {
            Some(a)
        }
        _ => Some(l),
    }
}

/// The source text of sections 一, 五 and 六, the signature left out.
fn section_texts(
    doc: &Normalized,
    decoded: &Decoded,
    sections: &Sections,
    signature: Option<usize>,
) -> SectionTexts {
    let text_of = |section: Section| {
        sections
            .body(section)
            .map(|r| {
                let end = signature
                    .filter(|&s| s >= r.start && s < r.end)
                    .unwrap_or(r.end);
                body_text(doc, &decoded.text, &(r.start..end))
            })
            .unwrap_or_default()
    };
    SectionTexts {
        overview: text_of(Section::Overview),
        problems: text_of(Section::Problems),
        other: text_of(Section::Other),
    }
}

/// The bytes of section 一 in the normalised text (where the narrative
/// states its counts), or the whole text when it has none.
fn overview_range(
    doc: &Normalized,
    sections: &Sections,
    texts: &SectionTexts,
) -> std::ops::Range<usize> {
    match sections.body(Section::Overview) {
        Some(r) if !texts.overview.is_empty() => {
            let start = doc.line(r.start.min(doc.line_count() - 1)).0;
            let end = if r.end >= doc.line_count() {
                doc.text.len()
            } else {
                doc.line(r.end).0
            };
            start..end
        }
        _ => 0..doc.text.len(),
    }
}

fn source_info(file: &str, bytes: &[u8], decoded: &Decoded) -> SourceInfo {
    SourceInfo {
        file: file.to_string(),
        format: decoded.format.as_str().to_string(),
        encoding: decoded.encoding.to_string(),
        sha256: hex(&Sha256::digest(bytes)),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The stages one by one, for the benchmarks and `examples/` that time
/// them. Not a stable interface.
#[doc(hidden)]
pub mod stages {
    pub use super::decode::pdf::extract::extract as pdf_extract;
    pub use super::flat::unflatten;
    pub use super::meta::extract as extract_meta;
    pub use super::narrative::extract as extract_narrative;
    pub use super::normalize::Normalized;
    pub use super::sections::{Section, find_sections};
    pub use super::table::align::{align_with, phrase_hits};
    pub use super::table::read_table;
    pub use super::table::rows::raw_rows;
    pub use super::table::tokens::tokenize;
}
