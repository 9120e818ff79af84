//! Pictures in a Word document read by OCR: tables pasted as screenshots
//! (seed 003's three tables were), each read where it stands in the text.
//! The DOCX reader leaves [`MARK`] in the paragraph of each picture and
//! lists its relationship id; here each id is followed to its part under
//! `word/media/`, the image read, and the mark replaced by what it said.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::ocr::engine::{EngineError, INSTALL, Tesseract};
use super::ocr::page::PageImage;
use super::ocr::{self, DEFAULT_DPI, raster};
use super::{OcrMark, OcrOutcome};
use crate::parser::error::ParseError;
use crate::parser::options::{OcrProgress, ParseOptions};
use crate::text::Text;

/// Stands in the text where a picture was (U+FFFC OBJECT REPLACEMENT
/// CHARACTER, which no report's text holds).
pub const MARK: &str = "\u{FFFC}";
/// Pictures read per document, at most.
pub const MAX_PICTURES: usize = 64;
/// A picture part larger than this is not read.
const MAX_PICTURE_BYTES: u64 = 32 * 1024 * 1024;
/// Smaller pictures (icons, seals, signatures) hold no table.
const MIN_SIDE: usize = 150;

/// The relationship id of a picture element: DrawingML `a:blip r:embed`
/// or VML `v:imagedata r:id`.
pub fn reference(e: &BytesStart<'_>) -> Option<String> {
    let key: &[u8] = match e.local_name().as_ref() {
        b"blip" => b"embed",
        b"imagedata" => b"id",
        _ => return None,
    };
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| String::from_utf8(a.value.to_vec()).ok())
}

/// Replaces each [`MARK`] of `text` by the text of its picture (`ids`, in
/// order); the OCR marks point into the new text. Without the engine the
/// marks are removed and a note names the install line.
pub fn read_into(
    docx: &[u8],
    ids: &[String],
    text: &str,
    options: &ParseOptions,
) -> Result<(String, OcrOutcome), ParseError> {
    let mut archive =
        ZipArchive::new(Cursor::new(docx)).map_err(|e| ParseError::BadArchive(e.to_string()))?;
    let targets = relationships(&mut archive);
    let engine = Tesseract::installed().map(|e| e.with_cancel(options.cancel.clone()));
    let total = text.matches(MARK).count();
    let mut progress = OcrProgress {
        done: 0,
        total,
        cells: 0,
    };
    let mut out = String::with_capacity(text.len());
    let mut outcome = OcrOutcome::default();
    let mut unread = 0usize;
    let mut missing: Option<String> = None;
    for (k, piece) in text.split(MARK).enumerate() {
        if k > 0 {
            if options.is_cancelled() {
                return Err(ParseError::Cancelled);
            }
            let id = &ids[(k - 1).min(ids.len() - 1)];
            let image = targets
                .iter()
                .find(|(rid, _)| rid == id)
                .and_then(|(_, target)| picture(&mut archive, target));
            match (image, &engine) {
                (Some(image), Ok(engine)) => {
                    let page = PageImage::whole(k as u32, image, DEFAULT_DPI);
                    // One picture at a time: its progress is this document's.
                    let quiet = ParseOptions {
                        progress: None,
                        ..options.clone()
                    };
                    match ocr::read_pages(std::slice::from_ref(&page), engine, &quiet) {
                        Ok(reads) => {
                            progress.cells += reads.iter().map(|r| r.cells.len()).sum::<usize>();
                            let (read, _, marks) = ocr::assemble(Vec::new(), reads);
                            let base = out.len() + 1;
                            out.push('\n');
                            out.push_str(&read);
                            outcome
                                .marks
                                .extend(marks.marks.into_iter().map(|m| OcrMark {
                                    start: m.start + base,
                                    end: m.end + base,
                                    ..m
                                }));
                        }
                        Err(EngineError::Failed(_)) => unread += 1,
                        Err(EngineError::Missing(why)) => missing = Some(why),
                        Err(EngineError::Cancelled) => return Err(ParseError::Cancelled),
                    }
                }
                (Some(_), Err(EngineError::Missing(why) | EngineError::Failed(why))) => {
                    missing = Some(why.clone());
                }
                (Some(_), Err(EngineError::Cancelled)) => return Err(ParseError::Cancelled),
                (None, _) => {}
            }
            progress.done += 1;
            options.report(progress);
        }
        out.push_str(piece);
    }
    if let Some(why) = missing {
        outcome.notes.push(Text::new(
            format!("文档中的图片未能识别：{why}；请安装：{INSTALL}"),
            format!("the document's pictures were not read by OCR: {why}; install: {INSTALL}"),
        ));
    } else if unread > 0 {
        outcome.notes.push(Text::new(
            format!("{unread} 张图片识别失败"),
            format!("{unread} pictures could not be read by OCR"),
        ));
    }
    Ok((out, outcome))
}

/// `word/_rels/document.xml.rels`: relationship id → part name.
fn relationships(archive: &mut ZipArchive<Cursor<&[u8]>>) -> Vec<(String, String)> {
    let mut xml = Vec::new();
    let Ok(file) = archive.by_name("word/_rels/document.xml.rels") else {
        return Vec::new();
    };
    if file.take(4 * 1024 * 1024).read_to_end(&mut xml).is_err() {
        return Vec::new();
    }
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut out = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| String::from_utf8(a.value.to_vec()).ok())
                };
                if let (Some(id), Some(target)) = (attr(b"Id"), attr(b"Target")) {
                    out.push((id, target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The picture part `target` (relative to `word/`), decoded, when it is
/// large enough to hold a table.
fn picture(archive: &mut ZipArchive<Cursor<&[u8]>>, target: &str) -> Option<raster::Gray> {
    let name = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("word/{target}"),
    };
    let file = archive.by_name(&name).ok()?;
    if file.size() > MAX_PICTURE_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_PICTURE_BYTES).read_to_end(&mut bytes).ok()?;
    let image = raster::decode_image(&bytes).ok()?.into_iter().next()?;
    (image.width >= MIN_SIDE && image.height >= MIN_SIDE / 2).then_some(image)
}
