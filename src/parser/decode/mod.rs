//! Stage 1: a published file (text, HTML, DOCX, PDF …) → text for the
//! pipeline. Text files are decoded as they are; richer formats are rendered
//! to text in which each table row is one tab-separated line, so their cell
//! structure reaches the table reader intact.
//!
//! The format is told by the file's content, never its name: reports are
//! often saved as `.htm` files that are really Word documents and the like.

pub mod docx;
pub mod docx_pictures;
pub mod grid;
pub mod grid_position;
pub mod html;
pub mod legacy_word;
pub mod ocr;
pub mod pdf;
pub mod rule_groups;
pub mod text;

use crate::model::PdfBox;
use crate::parser::error::ParseError;
use crate::parser::options::ParseOptions;
use text::decode;

/// Files larger than this are refused: no report comes near it, and the whole
/// file is held in memory several times over while parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as written in `source.encoding`: `utf-8`,
    /// `utf-16le`, `utf-16be`, `gb18030`, …
    pub encoding: &'static str,
    /// What the file was.
    pub format: SourceFormat,
    /// For PDF: where on which page each cell or chunk of `text` was read,
    /// sorted by `start`, not overlapping. Empty for other formats.
    pub places: Vec<TextPlace>,
    /// What OCR read, for pages and pictures that were images: each cell's
    /// confidence, and notes on images left unread. Empty otherwise.
    pub ocr: OcrOutcome,
}

/// The cells read by OCR and what could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrOutcome {
    /// Sorted by `start`.
    pub marks: Vec<OcrMark>,
    /// Images not read (no engine, a failed page).
    pub notes: Vec<crate::text::Text>,
}

/// A cell of the decoded text `start..end` read by OCR.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrMark {
    pub start: usize,
    pub end: usize,
    /// 0–100, see `ocr::LOW_CONFIDENCE`.
    pub confidence: f32,
    /// The cell had ink that nothing read: left empty.
    pub unread: bool,
    /// Read as a number (digits only).
    pub numeric: bool,
}

/// What OCR writes in a number cell whose ink it could not read: the
/// table reader takes it for an empty cell (no value, never a guess), and
/// its place carries the cell's [`OcrMark`] to the table, so the empty
/// cell is marked for review. Without it an unread cell had no text, no
/// place, and no mark.
pub const UNREAD_CELL: &str = "\u{FFFD}";

/// A run `start..end` of the decoded text (a cell, a chunk of a line) and
/// the place on a PDF page it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextPlace {
    pub start: usize,
    pub end: usize,
    pub at: PdfBox,
}

/// The place of the text at byte `offset` (an empty cell's place when
/// `offset` is where the empty cell stands).
pub fn place_at(places: &[TextPlace], offset: usize) -> Option<PdfBox> {
    let i = places
        .partition_point(|p| p.start <= offset)
        .checked_sub(1)?;
    let p = &places[i];
    (offset <= p.end).then_some(p.at)
}

/// What a report file was, as written in `source.format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    Txt,
    Html,
    Docx,
    Doc,
    Wps,
    Pdf,
    /// Image files of report pages, read by OCR.
    Png,
    Jpeg,
    Tiff,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Txt => "txt",
            SourceFormat::Html => "html",
            SourceFormat::Docx => "docx",
            SourceFormat::Doc => "doc",
            SourceFormat::Wps => "wps",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Png => "png",
            SourceFormat::Jpeg => "jpeg",
            SourceFormat::Tiff => "tiff",
        }
    }

    /// Rendered from a document with tables of its own (every format but
    /// plain text), so a value has a row and column there.
    pub fn is_rendered(self) -> bool {
        self != SourceFormat::Txt
    }
}

/// Refuses a file over [`MAX_FILE_BYTES`].
pub fn check_size(size: u64) -> Result<(), ParseError> {
    if size > MAX_FILE_BYTES {
        return Err(ParseError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// What a file is, by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A zip archive: DOCX when it holds `word/document.xml`.
    Zip,
    Pdf,
    Html,
    /// An OLE compound document: DOC or WPS.
    Ole,
    /// A PNG, JPEG or TIFF image.
    Image(SourceFormat),
    /// Anything else: plain text, or a binary format `decode` names.
    Other,
}

/// Decodes or renders `bytes` (from a file named `file`) to text.
pub fn decode_any(file: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
    decode_with(file, bytes, &ParseOptions::default())
}

/// [`decode_any`], OCR reporting its progress and stopping on cancel.
pub fn decode_with(
    file: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Decoded, ParseError> {
    check_size(bytes.len() as u64)?;
    if options.is_cancelled() {
        return Err(ParseError::Cancelled);
    }
    match sniff(bytes) {
        Format::Zip => docx::render_with(bytes, options),
        Format::Pdf => pdf::render_with(bytes, options),
        Format::Html => html::render(bytes),
        Format::Ole => legacy_word::render_with(file, bytes, options),
        Format::Image(kind) => ocr::render_image_file(bytes, kind, options),
        Format::Other => decode(bytes),
    }
}

/// Tells the format from the start of the file.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Zip;
    }
    if bytes.starts_with(legacy_word::OLE_MAGIC) {
        return Format::Ole;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Format::Image(SourceFormat::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Format::Image(SourceFormat::Jpeg);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Format::Image(SourceFormat::Tiff);
    }
    // The header may follow some junk; readers accept it within 1 KiB.
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if looks_like_html(bytes) || has_table_markup(bytes) {
        return Format::Html;
    }
    Format::Other
}

/// Markup with tables is HTML wherever its first tag stands: a page's
/// fragment (`<p …>` first, the first `<table>` kilobytes in) or text
/// with a few tagged lines before the report. Table markup (`<table`,
/// `<tr`, `<td`) must be present, and the text's lines must be marked up
/// too (paragraph, division or break tags): a text file that merely
/// mentions `<table>` stays text.
fn has_table_markup(bytes: &[u8]) -> bool {
    // UTF-16 without markup at its start is left to `decode`.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    // Tags seen: table, tr, td or th, and line tags (p, div, br, /p).
    let (mut table, mut tr, mut cell, mut lines) = (false, false, false, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let name_len = rest
            .iter()
            .take(7)
            .take_while(|b| b.is_ascii_alphabetic() || **b == b'/')
            .count();
        if name_len == 0 || name_len == 7 {
            continue;
        }
        // A tag name ends at '>', white space or '/'.
        if !rest
            .get(name_len)
            .is_some_and(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n'))
        {
            continue;
        }
        let mut name = [0u8; 6];
        for (d, s) in name.iter_mut().zip(&rest[..name_len]) {
            *d = s.to_ascii_lowercase();
        }
        match &name[..name_len] {
            b"table" => table = true,
            b"tr" => tr = true,
            b"td" | b"th" => cell = true,
            b"p" | b"/p" | b"div" | b"br" => lines += 1,
            _ => {}
        }
        if table && tr && cell && lines >= 3 {
            return true;
        }
    }
    false
}

/// Markup that only a web page starts with, within its first kilobyte.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    // Most files are plain text: no markup at their first visible byte and
    // no byte-order mark that could hide it (UTF-8's starts with EF).
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(first, Some(b'<' | 0xEF | 0xFE | 0xFF | 0x00)) {
        return false;
    }
    // UTF-16 pages are sniffed on their decoded start.
    let head: Vec<u8> = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom_len)) if enc != encoding_rs::UTF_8 => {
            let (text, _) = enc.decode_without_bom_handling(&head[bom_len..]);
            text.bytes().collect()
        }
        Some((_, bom_len)) => head[bom_len..].to_vec(),
        None => head.to_vec(),
    };
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..head.len().min(start + 1024)].to_ascii_lowercase();
    if !head.starts_with(b"<") {
        return false;
    }
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<table",
        b"<meta",
    ]
    .iter()
    .any(|m| head.windows(m.len()).any(|w| w == *m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(sniff(b"\xEF\xBB\xBF \n<!DOCTYPE HTML><html>"), Format::Html);
        assert_eq!(sniff(b"<?xml version='1.0'?>\n<HTML>"), Format::Html);
        assert_eq!(sniff(b"<TABLE><tr><td>1</td></tr></TABLE>"), Format::Html);
        assert_eq!(sniff("一、总体情况 <table>".as_bytes()), Format::Other);
        // A fragment: paragraphs first, the table far in.
        let fragment = format!(
            "<p style='text-align: center'>年度报告</p>{}<table><tr><td>1</td></tr></table>",
            "<p>一、总体情况</p>".repeat(400)
        );
        assert_eq!(sniff(fragment.as_bytes()), Format::Html);
        // Text before the first tag, tables marked up.
        let tagged =
            "标题: 年度报告\n<p>一</p><p>二</p><div>三</div><table><tr><td>1</td></tr></table>";
        assert_eq!(sniff(tagged.as_bytes()), Format::Html);
        assert_eq!(
            sniff("| 项目 | <table> 说明 |\n<tr> <td>".as_bytes()),
            Format::Other
        );
        assert_eq!(sniff(b"%PDF-1.7"), Format::Pdf);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html><body>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff(&utf16), Format::Html);
    }

    #[test]
    fn binary_formats_keep_clear_errors() {
        assert!(matches!(
            decode_any("a.pdf", b"%PDF-1.7 ..."),
            Err(ParseError::BadPdf(_))
        ));
        // DOC/WPS go to LibreOffice, which reads garbage as text or fails;
        // without it the error names the package.
        match decode_any("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....") {
            Ok(d) => assert_eq!(d.format, SourceFormat::Doc),
            Err(ParseError::ConversionFailed("DOC", _) | ParseError::NeedsLibreOffice("DOC")) => {}
            Err(ParseError::Empty) => {}
            Err(e) => panic!("unexpected: {e}"),
        }
        assert!(matches!(
            decode_any("a.docx", b"PK\x03\x04...."),
            Err(ParseError::BadArchive(_))
        ));
    }
}
