//! The whole pipeline for one file: decode → normalise → sections → tables
//! → metadata → narrative → checks.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::compact::compact;
use crate::decode::MAX_FILE_BYTES;
use crate::error::ParseError;
use crate::model::{Report, Sections as SectionTexts, SourceInfo, Tables};
use crate::normalize::Normalized;
use crate::sections::{body_text, find_sections};
use crate::tables::read_table;
use crate::template::{Layout, TableId};
use crate::{checks, meta, narrative};

/// A parsed report together with the decoded text its spans point into.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The decoded source text; every [`crate::Span`] is a byte range in it.
    pub text: String,
    pub report: Report,
}

/// Reads and parses the file at `path`.
pub fn parse_path(path: &Path) -> Result<Parsed, ParseError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ParseError::IsDirectory);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ParseError::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit, in case the file grew.
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    let name = path.to_string_lossy();
    parse_bytes(&name, &bytes)
}

/// Parses one report file's bytes. `file` is written to `source.file`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Parsed, ParseError> {
    let decoded = crate::formats::decode_any(file, bytes)?;
    let doc = Normalized::new(&decoded.text);
    let sections = find_sections(&doc);
    let mut warnings = Vec::new();
    let mut tables = Tables::default();
    let mut unread_rows = Vec::new();
    for (k, id) in [
        (1, TableId::ActiveDisclosure),
        (2, TableId::Applications),
        (3, TableId::ReviewLitigation),
    ] {
        let region = sections.region(k, doc.line_count());
        let read = read_table(&doc, id, region, sections.bodies[k].is_some());
        warnings.extend(read.warnings);
        unread_rows.extend(read.unread);
        *tables.slot(id) = read.table;
    }
    // Rendered documents keep their own tables' rows and columns.
    if matches!(decoded.format, "html" | "docx" | "doc" | "wps" | "pdf") {
        let index = crate::formats::grid_position::GridIndex::new(&decoded.text);
        for id in TableId::ALL {
            if let Some(t) = tables.get_mut(id) {
                for span in t
                    .cells
                    .iter_mut()
                    .flatten()
                    .filter_map(|c| c.source.as_mut())
                {
                    span.grid = index.at(span.start);
                    span.pdf = crate::decode::place_at(&decoded.places, span.start);
                }
            }
        }
        for span in unread_rows.iter_mut().flat_map(|u| u.sources.iter_mut()) {
            span.grid = index.at(span.start);
            span.pdf = crate::decode::place_at(&decoded.places, span.start);
        }
    }
    let (mut meta, mut meta_sources) = meta::extract(&doc, &sections);
    for span in [
        &mut meta_sources.agency,
        &mut meta_sources.year,
        &mut meta_sources.published,
    ]
    .into_iter()
    .flatten()
    {
        span.pdf = crate::decode::place_at(&decoded.places, span.start);
    }
    meta.template = tables
        .applications
        .as_ref()
        .or(tables.active_disclosure.as_ref())
        .map(|t| t.spec.layout)
        .or_else(|| template_from_text(&doc.text, meta.year));
    for id in TableId::ALL {
        if tables.get(id).is_none() {
            warnings.push(format!(
                "未找到{}（{}），该表记为 null",
                crate::tables::short_title(id),
                id.title()
            ));
        }
    }
    // Section 六 ends where the signature (agency and date) starts.
    let signature_line = meta_sources.published.map(|s| s.line - 1).map(|l| {
        let above = (0..l).rev().find(|&i| !doc.line(i).1.trim().is_empty());
        match above {
            Some(a)
                if meta
                    .agency
                    .as_deref()
                    .is_some_and(|name| compact(doc.line(a).1, usize::MAX).ends_with(name)) =>
            {
                a
            }
            _ => l,
        }
    });
    let text_of = |k: usize| {
        sections.bodies[k]
            .as_ref()
            .map(|r| {
                let end = signature_line
                    .filter(|&s| s >= r.start && s < r.end)
                    .unwrap_or(r.end);
                body_text(&doc, &decoded.text, &(r.start..end))
            })
            .unwrap_or_default()
    };
    let section_texts = SectionTexts {
        overview: text_of(0),
        problems: text_of(4),
        other: text_of(5),
    };
    let overview_range = match &sections.bodies[0] {
        Some(r) if !section_texts.overview.is_empty() => {
            let start = doc.line(r.start.min(doc.line_count() - 1)).0;
            let end = if r.end >= doc.line_count() {
                doc.text.len()
            } else {
                doc.line(r.end).0
            };
            start..end
        }
        _ => 0..doc.text.len(),
    };
    let narrative = narrative::extract(&doc, overview_range);
    let checks = checks::run(&tables, &narrative);
    let format = decoded.format.to_string();
    let report = Report {
        source: SourceInfo {
            file: file.to_string(),
            format,
            encoding: decoded.encoding.to_string(),
            sha256: hex(&Sha256::digest(bytes)),
        },
        meta,
        meta_sources,
        tables,
        checks,
        warnings,
        sections: section_texts,
        narrative,
        corrections: Vec::new(),
        unread_rows,
    };
    Ok(Parsed {
        text: decoded.text,
        report,
    })
}

/// Recomputes `report.checks` from its (possibly corrected) tables.
pub fn recheck(report: &mut crate::model::Report) {
    report.checks = checks::run(&report.tables, &report.narrative);
}

/// With no table to tell the format, the circular the report cites, else
/// its year: reports on 2019 and 2020 used the 2019 format.
fn template_from_text(text: &str, year: Option<i32>) -> Option<Layout> {
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

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
