//! Tables read from images (OCR): scanned pages, image-only PDF pages,
//! pictures of tables in PDF and DOCX files, and PNG, JPEG and TIFF files.
//! Each page image is read into glyphs and ruling segments
//! (`page::read_page`, the stages listed there) and handed to the PDF
//! reader's layout, so a scanned table becomes the same tab-separated
//! grid rows a drawn one does. Every cell read keeps its confidence:
//! [`OcrMark`]s in [`Decoded::ocr`](super::Decoded).
//!
//! The engine is Tesseract (`engine`); without it, image pages are not
//! read and the error or note names the install line.

pub mod cells;
pub mod child;
pub mod deskew;
pub mod engine;
pub mod grid;
pub mod montage;
pub mod number;
pub mod page;
pub mod raster;
pub mod read_cells;
pub mod ruling;
pub mod unruled;

use crate::model::PdfBox;
use crate::parser::decode::pdf::extract::Page;
use crate::parser::decode::pdf::layout;
use crate::parser::decode::{Decoded, OcrMark, OcrOutcome, SourceFormat, TextPlace};
use crate::parser::error::ParseError;
use crate::parser::options::{OcrProgress, ParseOptions};
use engine::{EngineError, Tesseract};
use page::{PageImage, ReadPage, read_page};

/// Below this confidence (0–100) a number read by OCR is marked for
/// review. Tesseract gives its right digit reads 85–96 on these scans;
/// the wrong ones it gives under this, or the glyph count check caps them.
pub const LOW_CONFIDENCE: f32 = 80.0;

/// Scans say their resolution; when one does not, this is assumed (the
/// resolution of most office scanners' default).
pub const DEFAULT_DPI: f64 = 200.0;

/// An image file (PNG, JPEG, TIFF) of report pages → text.
pub fn render_image_file(
    bytes: &[u8],
    format: SourceFormat,
    options: &ParseOptions,
) -> Result<Decoded, ParseError> {
    let pages = raster::decode_image(bytes)
        .map_err(|e| ParseError::BadImage(format!("{}: {e}", format.as_str().to_uppercase())))?;
    let dpi = raster::image_dpi(bytes).unwrap_or(DEFAULT_DPI);
    let engine = Tesseract::installed().map_err(needs_engine)?;
    let images: Vec<PageImage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, g)| PageImage::whole(i as u32 + 1, g, dpi))
        .collect();
    let reads = read_pages(&images, &engine, options).map_err(needs_engine)?;
    let (text, places, ocr) = assemble(Vec::new(), reads);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: "utf-8",
        format,
        places,
        ocr,
    })
}

/// The error for an engine that is missing or failed.
pub fn needs_engine(e: EngineError) -> ParseError {
    match e {
        EngineError::Missing(why) => ParseError::NeedsTesseract(why),
        EngineError::Failed(why) => ParseError::OcrFailed(why),
        EngineError::Cancelled => ParseError::Cancelled,
    }
}

/// Reads every page image, pages side by side on the cores (each page's
/// own work is mostly waiting for its engine calls). Progress is reported
/// as each page is done. With a cancel token the pages are read on a
/// thread of their own and a cancel returns at once: the engine's
/// running programs are killed, pages not begun are skipped, and a page
/// still being prepared (thresholds, rules: no engine call yet) stops at
/// its first engine call, its result dropped.
pub fn read_pages(
    pages: &[PageImage],
    engine: &Tesseract,
    options: &ParseOptions,
) -> Result<Vec<ReadPage>, EngineError> {
    let Some(cancel) = options.cancel.clone() else {
        return read_all_pages(pages, engine, options);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let (pages, engine, opts) = (pages.to_vec(), engine.clone(), options.clone());
    std::thread::Builder::new()
        .name("nianbao-ocr".into())
        .spawn(move || {
            // The caller may have stopped waiting (cancelled): nothing to do then.
            let _ = tx.send(read_all_pages(&pages, &engine, &opts));
        })
        .map_err(|e| EngineError::Failed(e.to_string()))?;
    loop {
        match rx.recv_timeout(CANCEL_POLL) {
            Ok(result) => return result,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if cancel.is_cancelled() => {
                return Err(EngineError::Cancelled);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(EngineError::Failed("OCR thread stopped".into()));
            }
        }
    }
}

/// How often a caller waiting for OCR looks at its cancel token.
const CANCEL_POLL: std::time::Duration = std::time::Duration::from_millis(20);

fn read_all_pages(
    pages: &[PageImage],
    engine: &Tesseract,
    options: &ParseOptions,
) -> Result<Vec<ReadPage>, EngineError> {
    use rayon::prelude::*;
    use std::sync::Mutex;
    let engine = engine.clone().with_cancel(options.cancel.clone());
    let total = pages.len();
    let so_far = Mutex::new(OcrProgress {
        done: 0,
        total,
        cells: 0,
    });
    options.report(OcrProgress {
        done: 0,
        total,
        cells: 0,
    });
    pages
        .par_iter()
        .map(|p| {
            if options.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let read = read_page(p, &engine)?;
            // Counted and reported under the lock, so reports never go back.
            if let Ok(mut progress) = so_far.lock() {
                progress.done += 1;
                progress.cells += read.cells.len();
                options.report(*progress);
            }
            Ok(read)
        })
        .collect()
}

/// Text pages and pages read by OCR → the rendered text, the places, and
/// the OCR marks. With no OCR pages this is exactly the PDF reader's
/// layout of the text pages.
pub fn assemble(
    text_pages: Vec<Page>,
    reads: Vec<ReadPage>,
) -> (String, Vec<TextPlace>, OcrOutcome) {
    let mut pages = text_pages;
    let mut by_page: Vec<(u32, ReadPage)> = Vec::new();
    for r in reads {
        let mut r = r;
        pages.push(std::mem::take(&mut r.page));
        by_page.push((pages.last().map_or(0, |p| p.number), r));
    }
    pages.sort_by_key(|p| p.number);
    let (text, mut places) = layout::render(pages);
    let mut marks = Vec::new();
    for place in &mut places {
        let Some((_, read)) = by_page.iter().find(|(n, _)| *n == place.at.page) else {
            continue;
        };
        let [x0, y0, x1, y1] = place.at.bbox;
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        if let Some(cell) = read
            .cells
            .iter()
            .find(|c| c.rect[0] <= cx && cx <= c.rect[2] && c.rect[1] <= cy && cy <= c.rect[3])
        {
            marks.push(OcrMark {
                start: place.start,
                end: place.end,
                confidence: cell.confidence,
                unread: cell.unread,
                numeric: cell.numeric,
            });
        }
        // The box on the page as published (the image was straightened).
        if read.turned != 0.0 {
            let corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)].map(|(x, y)| read.to_page(x, y));
            let fold = |f: fn(f64, f64) -> f64, pick: fn(&(f64, f64)) -> f64| {
                corners.iter().map(pick).reduce(f).unwrap_or(0.0)
            };
            place.at = PdfBox::new(
                place.at.page,
                fold(f64::min, |c| c.0),
                fold(f64::min, |c| c.1),
                fold(f64::max, |c| c.0),
                fold(f64::max, |c| c.1),
            );
        }
    }
    (
        text,
        places,
        OcrOutcome {
            marks,
            notes: Vec::new(),
        },
    )
}
