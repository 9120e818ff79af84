//! A Word document (DOCX) → text: each paragraph a line, each table as
//! tab-separated grid rows with `w:gridSpan`, `w:vMerge` and `w:gridBefore`
//! honoured, read straight from `word/document.xml`.
//!
//! The archive is untrusted: the number of entries and the unpacked size of
//! the one part we read are capped, so a zip bomb is refused after a few
//! megabytes of work, and every malformed byte ends in a `ParseError`.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::docx_pictures as pictures;
use super::grid::{self, SpanCell};
use crate::parser::decode::{Decoded, SourceFormat};
use crate::parser::error::ParseError;
use crate::parser::options::ParseOptions;

/// A report's `document.xml` is well under 1 MiB; 32 MiB leaves room for
/// embedded oddities while refusing bombs.
pub const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;
/// A Word document has a few dozen parts.
const MAX_ENTRIES: usize = 10_000;
/// Tables nested deeper than this are read as text of the enclosing cell.
const MAX_TABLE_DEPTH: usize = 32;

/// Renders a DOCX file to the pipeline's text.
pub fn render(bytes: &[u8]) -> Result<Decoded, ParseError> {
    render_with(bytes, &ParseOptions::default())
}

/// [`render`], its pictures read by OCR with `options` (progress, cancel).
pub fn render_with(bytes: &[u8], options: &ParseOptions) -> Result<Decoded, ParseError> {
    let xml = document_xml(bytes)?;
    let (blocks, pictures) = parse_with_pictures(&xml)?;
    let mut text = String::new();
    write_blocks(&blocks, &mut text);
    // Pictures (tables pasted as screenshots) read by OCR where they stand.
    let (text, ocr) = if pictures.is_empty() {
        (text, Default::default())
    } else {
        pictures::read_into(bytes, &pictures, &text, options)?
    };
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: "utf-8",
        format: SourceFormat::Docx,
        places: Vec::new(),
        ocr,
    })
}

/// The bytes of `word/document.xml`, read with a cap.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, ParseError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(archive_error)?;
    if archive.len() > MAX_ENTRIES {
        return Err(ParseError::BadArchive(format!(
            "{} 个条目 ({} entries)",
            archive.len(),
            archive.len()
        )));
    }
    let has = |a: &ZipArchive<Cursor<&[u8]>>, name: &str| a.file_names().any(|n| n == name);
    if !has(&archive, "word/document.xml") {
        return Err(ParseError::UnsupportedFormat(
            if has(&archive, "xl/workbook.xml") {
                "XLSX"
            } else if has(&archive, "content.xml") {
                "ODF"
            } else {
                "ZIP"
            },
        ));
    }
    let file = archive
        .by_name("word/document.xml")
        .map_err(archive_error)?;
    if file.size() > MAX_XML_BYTES {
        return Err(ParseError::Unpacked {
            limit: MAX_XML_BYTES,
        });
    }
    // The declared size may lie; the read itself is capped too.
    let mut xml = Vec::new();
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ParseError::BadArchive(e.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(ParseError::Unpacked {
            limit: MAX_XML_BYTES,
        });
    }
    Ok(xml)
}

fn archive_error(e: ZipError) -> ParseError {
    ParseError::BadArchive(e.to_string())
}

/// The document's content in reading order.
#[derive(Debug)]
enum Block {
    Para(String),
    Table(Vec<Row>),
}

#[derive(Debug, Default)]
struct Row {
    grid_before: usize,
    cells: Vec<Cell>,
}

#[derive(Debug)]
struct Cell {
    span: usize,
    /// `w:vMerge` without `restart`: the cell continues the one above and
    /// its own text (normally none) is not a value.
    continues: bool,
    blocks: Vec<Block>,
}

/// What is open while reading: the innermost frame is last.
enum Frame {
    Table(Vec<Row>),
    Row(Row),
    Cell(Cell),
    Para(String),
}

/// Reads `document.xml` into blocks. Elements are matched by local name
/// with the `w` prefix (or none), so DrawingML text in shapes (`a:p`,
/// `a:tbl`) does not leak in.
#[cfg(test)]
fn parse(xml: &[u8]) -> Result<Vec<Block>, ParseError> {
    parse_with_pictures(xml).map(|(blocks, _)| blocks)
}

/// [`parse`], and the relationship ids of the pictures in the text, in
/// order; each stands in its paragraph as [`pictures::MARK`].
fn parse_with_pictures(xml: &[u8]) -> Result<(Vec<Block>, Vec<String>), ParseError> {
    let mut pictures: Vec<String> = Vec::new();
    let mut reader = Reader::from_reader(xml);
    let mut body: Vec<Block> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut tables = 0usize;
    // Depth inside `w:t` and `w:r`, and inside skipped subtrees.
    let (mut in_text, mut in_run, mut skip) = (0usize, 0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ParseError::BadDocument(e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match word_name(&e) {
                    // The fallback repeats the choice's text for old readers.
                    None if e.local_name().as_ref() == b"Fallback" => skip = 1,
                    Some(b"tbl") if tables < MAX_TABLE_DEPTH => {
                        tables += 1;
                        stack.push(Frame::Table(Vec::new()));
                    }
                    Some(b"tr") if matches!(stack.last(), Some(Frame::Table(_))) => {
                        stack.push(Frame::Row(Row::default()));
                    }
                    Some(b"tc") if matches!(stack.last(), Some(Frame::Row(_))) => {
                        stack.push(Frame::Cell(Cell {
                            span: 1,
                            continues: false,
                            blocks: Vec::new(),
                        }));
                    }
                    Some(b"p") => stack.push(Frame::Para(String::new())),
                    Some(b"t") => in_text += 1,
                    Some(b"r") => in_run += 1,
                    Some(b"delText" | b"instrText") => skip = 1,
                    _ => property(&e, &mut stack),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                if let Some(id) = pictures::reference(&e)
                    && matches!(stack.last(), Some(Frame::Para(_)))
                    && pictures.len() < pictures::MAX_PICTURES
                {
                    push_text(&mut stack, pictures::MARK);
                    pictures.push(id);
                }
                match word_name(&e) {
                    Some(b"tab") if in_run > 0 => push_text(&mut stack, "\t"),
                    Some(b"br" | b"cr") if in_run > 0 => push_text(&mut stack, "\n"),
                    _ => property(&e, &mut stack),
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let local = e.local_name();
                let name = local.as_ref();
                let word = e.name().prefix().is_none_or(|p| p.as_ref() == b"w");
                if !word {
                    continue;
                }
                match name {
                    b"t" => in_text = in_text.saturating_sub(1),
                    b"r" => in_run = in_run.saturating_sub(1),
                    b"p" => {
                        if matches!(stack.last(), Some(Frame::Para(_))) {
                            if let Some(Frame::Para(text)) = stack.pop() {
                                attach(&mut stack, &mut body, Block::Para(text));
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(Frame::Cell(_)) = stack.last() {
                            if let (Some(Frame::Cell(cell)), Some(Frame::Row(row))) =
                                (stack.pop(), stack.last_mut())
                            {
                                row.cells.push(cell);
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(Frame::Row(_)) = stack.last() {
                            if let (Some(Frame::Row(row)), Some(Frame::Table(rows))) =
                                (stack.pop(), stack.last_mut())
                            {
                                rows.push(row);
                            }
                        }
                    }
                    b"tbl" => {
                        if let Some(Frame::Table(_)) = stack.last() {
                            if let Some(Frame::Table(rows)) = stack.pop() {
                                tables -= 1;
                                attach(&mut stack, &mut body, Block::Table(rows));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text > 0 && skip == 0 => {
                let s = t
                    .decode()
                    .map_err(|e| ParseError::BadDocument(e.to_string()))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) if in_text > 0 && skip == 0 => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => r
                        .decode()
                        .ok()
                        .and_then(|n| quick_xml::escape::resolve_predefined_entity(&n))
                        .unwrap_or("")
                        .to_string(),
                };
                push_text(&mut stack, &ch);
            }
            _ => {}
        }
    }
    // Unclosed frames (a truncated part) still give their text.
    while let Some(frame) = stack.pop() {
        let block = match frame {
            Frame::Para(text) => Block::Para(text),
            Frame::Table(rows) => Block::Table(rows),
            Frame::Row(row) => Block::Table(vec![row]),
            Frame::Cell(cell) => Block::Table(vec![Row {
                grid_before: 0,
                cells: vec![cell],
            }]),
        };
        attach(&mut stack, &mut body, block);
    }
    Ok((body, pictures))
}

/// The local name of a WordprocessingML element, or `None` for other
/// vocabularies.
fn word_name<'a>(e: &'a BytesStart<'_>) -> Option<&'a [u8]> {
    let name = e.name();
    let word = name.prefix().is_none_or(|p| p.as_ref() == b"w");
    if !word {
        return None;
    }
    let raw = e.name().into_inner();
    Some(match raw.iter().position(|&b| b == b':') {
        Some(i) => &raw[i + 1..],
        None => raw,
    })
}

/// Span properties of the innermost row or cell.
fn property(e: &BytesStart<'_>, stack: &mut [Frame]) {
    let val = || -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"val")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let number = || val().and_then(|v| v.trim().parse::<usize>().ok());
    match (word_name(e), stack.last_mut()) {
        (Some(b"gridBefore"), Some(Frame::Row(row))) => {
            row.grid_before = number().unwrap_or(0);
        }
        (Some(b"gridSpan"), Some(Frame::Cell(cell))) => {
            cell.span = number().unwrap_or(1);
        }
        (Some(b"vMerge"), Some(Frame::Cell(cell))) => {
            cell.continues = val().as_deref() != Some("restart");
        }
        _ => {}
    }
}

fn push_text(stack: &mut [Frame], s: &str) {
    if let Some(Frame::Para(text)) = stack.last_mut() {
        text.push_str(s);
    }
}

/// Adds a finished block to the innermost cell, or to the body.
fn attach(stack: &mut [Frame], body: &mut Vec<Block>, block: Block) {
    match stack.last_mut() {
        Some(Frame::Cell(cell)) => cell.blocks.push(block),
        // A paragraph inside a paragraph (a text box) becomes its own line.
        Some(Frame::Para(_)) | None => body.push(block),
        // Text directly in a row or table is malformed; keep it as a line.
        Some(Frame::Row(_) | Frame::Table(_)) => body.push(block),
    }
}

fn write_blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Para(text) => {
                for line in text.split('\n') {
                    let line = line.trim_matches(|c: char| c.is_whitespace() && c != '\t');
                    if !line.trim().is_empty() {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Block::Table(rows) => write_table(rows, out),
        }
    }
}

/// A table holding another table is layout: its cells are read as blocks.
fn write_table(rows: &[Row], out: &mut String) {
    let layout = rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Table(_)));
    if layout {
        for cell in rows.iter().flat_map(|r| &r.cells) {
            write_blocks(&cell.blocks, out);
        }
        return;
    }
    let spans: Vec<Vec<SpanCell>> = rows
        .iter()
        .map(|row| {
            let mut cells = Vec::with_capacity(row.cells.len() + 1);
            if row.grid_before > 0 {
                cells.push(SpanCell::new(String::new(), 1, row.grid_before));
            }
            for cell in &row.cells {
                let text = if cell.continues {
                    String::new()
                } else {
                    cell_text(&cell.blocks)
                };
                cells.push(SpanCell::new(text, 1, cell.span));
            }
            cells
        })
        .collect();
    grid::write_tsv(&grid::resolve(&spans), out);
}

fn cell_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        if let Block::Para(p) = b {
            parts.push(grid::clean(p));
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>"
        );
        let mut out = String::new();
        write_blocks(&parse(xml.as_bytes()).unwrap(), &mut out);
        out
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn spans_and_merges_keep_positions() {
        let t = text(&format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1\"/></w:tabs></w:pPr>\
             <w:r><w:t>三、收到和处理</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>\
             <w:tr>{}{}{}</w:tr></w:tbl>",
            tc("<w:vMerge w:val=\"restart\"/>", "三、本年度办理结果"),
            tc("<w:gridSpan w:val=\"2\"/>", "（一）予以公开"),
            tc("", "1&amp;2"),
            tc("<w:gridSpan w:val=\"2\"/>", "（二）部分公开"),
            tc("", "34"),
            tc("<w:vMerge/>", ""),
            tc("<w:gridSpan w:val=\"2\"/>", "（三）"),
            tc("", ""),
        ));
        assert_eq!(
            t,
            "三、收到和处理\n\
             三、本年度办理结果\t（一）予以公开\t\t1&2\n\
             \t（二）部分公开\t\t34\n\
             \t（三）\t\t\n"
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        let r = parse(b"<w:document><w:body><w:p><w:r><w:t>a</w:x></w:body>");
        assert!(r.is_err() || r.is_ok());
        assert!(parse(b"<w:t>&#0;&bogus;</w:t>").is_ok());
    }
}
