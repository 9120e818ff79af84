//! Text-layer PDFs (most exported from Word or WPS) → the same text the
//! HTML and DOCX readers give: lines in reading order, each ruled table as
//! tab-separated grid rows.
//!
//! PDF libraries can panic or loop on hostile files, so extraction runs on
//! its own thread under `catch_unwind` and a time limit, with caps on pages,
//! glyphs and rules: a bad file is an error message, never a crash or hang.

pub mod ccitt;
pub mod cmap;
pub mod content;
pub mod extract;
pub mod font;
mod glyph_names;
pub mod images;
pub mod interpret;
pub mod jbig2;
pub mod jpx;
pub mod lattice;
pub mod layout;
pub mod lines;
pub mod stream;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::Duration;

use lopdf::{Document, Object};

use crate::parser::decode::ocr::engine::{self, EngineError, Tesseract};
use crate::parser::decode::ocr::{self, page::PageImage};
use crate::parser::decode::{Decoded, OcrOutcome, SourceFormat, TextPlace};
use crate::parser::error::ParseError;
use crate::parser::options::ParseOptions;

/// No annual report has more pages than this.
pub const MAX_PAGES: usize = 500;
/// A report reads in milliseconds; a file that takes this long is refused.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);
/// Lopdf holds every object in memory; no report has near this many.
const MAX_OBJECTS: usize = 2_000_000;

/// Renders a PDF file to text.
pub fn render(bytes: &[u8]) -> Result<Decoded, ParseError> {
    render_with(bytes, &ParseOptions::default())
}

/// [`render`], its image pages read by OCR with `options` (progress, cancel).
pub fn render_with(bytes: &[u8], options: &ParseOptions) -> Result<Decoded, ParseError> {
    quiet_reader_panics();
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(READER_THREAD.into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| read(&owned))).unwrap_or_else(|_| {
                Err(ParseError::BadPdf(
                    "PDF 解析库崩溃 (reader panicked)".into(),
                ))
            });
            // The receiver may have given up waiting; nothing to do then.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(ParseError::Io(e));
    }
    // On time-out the thread is left to finish on its own (a thread cannot
    // be killed); its result is dropped.
    let read = match rx.recv_timeout(TIME_LIMIT) {
        Ok(result) => result?,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(ParseError::PdfTimeout(TIME_LIMIT.as_secs()));
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(ParseError::BadPdf("PDF 解析中断 (reader stopped)".into()));
        }
    };
    let (text, places, ocr) = match read {
        Read::Text(text, places) => (text, places, Default::default()),
        // OCR runs here, outside the reader's time limit: a scanned page
        // takes a second or two, not the milliseconds a text page does.
        Read::WithImages(pages, images) => with_images(pages, images, options)?,
    };
    Ok(Decoded {
        text,
        encoding: "utf-8",
        format: SourceFormat::Pdf,
        places,
        ocr,
    })
}

/// What the reader thread gives: a text PDF rendered, or the text pages
/// and the page images still to read by OCR.
enum Read {
    Text(String, Vec<TextPlace>),
    WithImages(Vec<extract::Page>, Vec<PageImage>),
}

/// Text pages and page images → text: the images read by OCR and laid out
/// with the text pages. Without the engine, the text pages alone with a
/// note naming the install line, or an error when there are no text pages.
fn with_images(
    pages: Vec<extract::Page>,
    images: Vec<PageImage>,
    options: &ParseOptions,
) -> Result<(String, Vec<TextPlace>, OcrOutcome), ParseError> {
    let has_text = pages.iter().any(|p| !p.glyphs.is_empty());
    let numbers: Vec<String> = images.iter().map(|i| i.number.to_string()).collect();
    let unread_note = |why: &str| {
        let pages = numbers.join("、");
        crate::text::Text::new(
            format!("第 {pages} 页是图像，未能识别：{why}"),
            format!("pages {pages} are images and were not read by OCR: {why}"),
        )
    };
    let reads = match Tesseract::installed() {
        Ok(engine) => ocr::read_pages(&images, &engine, options),
        Err(e) => Err(e),
    };
    match reads {
        Ok(reads) => Ok(ocr::assemble(pages, reads)),
        Err(e) if has_text => {
            let why = match &e {
                EngineError::Missing(why) => format!("{why}；请安装：{}", engine::INSTALL),
                EngineError::Failed(why) => why.clone(),
                // Stopped by the caller: no report, not the text pages alone.
                EngineError::Cancelled => return Err(ParseError::Cancelled),
            };
            let (text, places, mut outcome) = ocr::assemble(pages, Vec::new());
            outcome.notes.push(unread_note(&why));
            Ok((text, places, outcome))
        }
        Err(e) => Err(ocr::needs_engine(e)),
    }
}

const READER_THREAD: &str = "nianbao-pdf";

/// A panic inside the PDF library is caught and becomes a `BadPdf` or a
/// lost page; the default hook would still print its message and backtrace
/// to stderr for every damaged file. The hook installed here stays silent
/// on the reader's threads and hands every other panic to the previous one.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(READER_THREAD) {
                previous(info);
            }
        }));
    });
}

fn read(bytes: &[u8]) -> Result<Read, ParseError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| ParseError::BadPdf(e.to_string()))?;
    if doc.objects.len() > MAX_OBJECTS {
        return Err(ParseError::BadPdf(format!(
            "{} 个对象 (too many objects)",
            doc.objects.len()
        )));
    }
    if doc.is_encrypted() {
        // Many published PDFs are "encrypted" with an empty user password
        // only to restrict copying; they open without one.
        doc.decrypt("")
            .map_err(|_| ParseError::BadPdf("文件已加密 (encrypted; needs a password)".into()))?;
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(ParseError::TooManyPages {
            found: pages.len(),
            limit: MAX_PAGES,
        });
    }
    if pages.is_empty() {
        return Err(ParseError::BadPdf("没有页面 (no pages)".into()));
    }
    let extract::Extracted {
        pages: out,
        failed,
        overflow,
    } = extract::extract(&doc, &pages);
    if overflow {
        return Err(ParseError::BadPdf(
            "文字或线条过多 (too many glyphs or rules)".into(),
        ));
    }
    // Pictures of text (scanned pages, pasted screenshots of tables) are
    // read by OCR after this thread; a PDF without any is read as before.
    let mut images = Vec::new();
    let mut unreadable = None;
    for page in &out {
        for placed in images::to_read(page, page.width) {
            match images::decode(&doc, &placed) {
                Ok(image) => images.push(PageImage {
                    number: page.number,
                    image,
                    page_height: page.height,
                    placed: placed.rect,
                }),
                Err(why) => unreadable = Some(why),
            }
        }
    }
    let glyphs: usize = out.iter().map(|p| p.glyphs.len()).sum();
    if !images.is_empty() {
        return Ok(Read::WithImages(out, images));
    }
    if glyphs == 0 {
        if let Some(why) = unreadable {
            return Err(ParseError::BadImage(why));
        }
        if has_images(&doc) {
            return Err(ParseError::ScannedPdf);
        }
        return Err(ParseError::BadPdf(if failed > 0 {
            format!("{failed} 页无法读取 ({failed} pages unreadable)")
        } else {
            "没有文字 (no text on any page)".into()
        }));
    }
    let (text, places) = layout::render(out);
    Ok(Read::Text(text, places))
}

/// Whether the file holds any image: with no text, it is a scan.
fn has_images(doc: &Document) -> bool {
    doc.objects.values().any(|o| match o {
        Object::Stream(s) => s
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image"),
        _ => false,
    })
}
