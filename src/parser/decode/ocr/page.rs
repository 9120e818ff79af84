//! One page image → what the PDF reader gets from a text page: glyphs
//! with boxes and ruling segments, in page points. The stages, each with
//! plain data between them:
//!
//! ```text
//! Gray ─binarize→ Ink ─deskew→ angle (image turned straight)
//!      ─ruling→ Rules ─grid→ Tables with merged cells
//!      ─cells→ each cell's ink: empty, number-shaped or text
//!      ─engine (montage: one call for the number cells, one for the
//!        label cells, one for the text outside the tables)→ words
//!      → Glyphs and Segments (a pdf::extract::Page) + each cell's confidence
//! ```
//!
//! The PDF reader's own layout then makes lines and tab-separated grid
//! rows of it, so a scanned table reaches the table reader exactly as a
//! drawn one does (tables continued over a page break joined, unruled
//! tables aligned into columns).

use super::cells::{CellInk, PxBox, cell_ink};
use super::deskew::skew_degrees;
use super::engine::{DIGIT_CHARS, EngineError, Script, Tesseract, Word};
use super::grid::{Table, find_tables};
use super::montage::{TARGET_GLYPH_PX, read_all, read_alone};
use super::raster::{Gray, binarize, flatten};
use super::ruling::{Scale, find_rules};
use crate::parser::decode::pdf::extract::{Glyph, Page, Segment};

/// A page image and where it lies on its page.
#[derive(Clone, Debug)]
pub struct PageImage {
    /// 1-based page number.
    pub number: u32,
    pub image: Gray,
    /// The page's height in points.
    pub page_height: f64,
    /// The image's rectangle on the page, in points from the top left,
    /// y down: `[x0, y0, x1, y1]`.
    pub placed: [f64; 4],
}

impl PageImage {
    /// An image file's page: `dpi` pixels per inch, the page its size.
    pub fn whole(number: u32, image: Gray, dpi: f64) -> PageImage {
        let to_pt = 72.0 / dpi;
        let (w, h) = (image.width as f64 * to_pt, image.height as f64 * to_pt);
        PageImage {
            number,
            image,
            page_height: h,
            placed: [0.0, 0.0, w, h],
        }
    }

    /// Pixels per inch of the image as placed.
    pub fn dpi(&self) -> f64 {
        let w = (self.placed[2] - self.placed[0]).abs().max(1.0);
        (self.image.width as f64 * 72.0 / w).clamp(30.0, 1200.0)
    }
}

/// A cell read by OCR: its rectangle (page points, in the deskewed frame
/// of `ReadPage::page`), the engine's confidence and whether it held ink
/// that nothing could read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellRead {
    pub rect: [f64; 4],
    /// 0–100: Tesseract's confidence, lowered where the read disagrees
    /// with the glyphs counted in the cell or is not a well-formed number.
    pub confidence: f32,
    /// Ink the engine read as nothing: left empty, never guessed.
    pub unread: bool,
    /// Read as a number.
    pub numeric: bool,
}

/// What one page image gave.
#[derive(Clone, Debug)]
pub struct ReadPage {
    pub page: Page,
    pub cells: Vec<CellRead>,
    /// The angle the image was turned by to straighten it (degrees) and
    /// the point it turned about (page points): boxes in `page` are in the
    /// straightened frame; `to_page` maps them back.
    pub turned: f64,
    pub centre: (f64, f64),
}

impl ReadPage {
    /// A point of the straightened frame on the page as published.
    pub fn to_page(&self, x: f64, y: f64) -> (f64, f64) {
        let (s, c) = (-self.turned).to_radians().sin_cos();
        let (dx, dy) = (x - self.centre.0, y - self.centre.1);
        (
            c * dx - s * dy + self.centre.0,
            s * dx + c * dy + self.centre.1,
        )
    }
}

/// The confidence of a read that is not a well-formed number or nil mark.
const MALFORMED: f32 = 20.0;

/// The glyph height of the second strip, for cells the first read as
/// nothing.
const RETRY_GLYPH_PX: f64 = 52.0;
/// Cells read alone (one engine call each, or two) per page, at most.
const MAX_ALONE: usize = 8;

/// Skews smaller than this are left alone (under a pixel across a page).
const MIN_TURN: f64 = 0.03;

/// Reads one page image.
pub fn read_page(p: &PageImage, engine: &Tesseract) -> Result<ReadPage, EngineError> {
    let dpi = p.dpi();
    let window = ((dpi * 0.15) as usize) | 1;
    let mut gray = flatten(&p.image, (dpi * 0.25) as usize);
    let mut ink = binarize(&gray, window);
    let angle = skew_degrees(&ink);
    if angle.abs() >= MIN_TURN {
        gray = gray.rotated(-angle);
        ink = binarize(&gray, window);
    }
    let scale = Scale::for_dpi(dpi);
    let rules = find_rules(&ink, &scale);
    let tables = find_tables(&rules, scale.touch);
    let px = PxMap::new(p);

    // Each cell's ink, and how it is to be read.
    let inset = scale.max_thickness / 2 + 2;
    // Dust is smaller than a minus sign (about 7 × 2 px at 200 dpi).
    let speck = ((dpi / 100.0).powi(2) * 1.5) as usize;
    let mut jobs: Vec<CellJob> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let inks: Vec<CellInk> = table
            .cells
            .iter()
            .map(|c| cell_ink(&ink, px_rect(c.x0, c.y0, c.x1, c.y1), inset, speck))
            .collect();
        let digits = number_cells(table, &inks);
        // With NIANBAO_OCR_DUMP set (see `engine`), each cell's grid place
        // and ink on stderr.
        if std::env::var_os("NIANBAO_OCR_DUMP").is_some() {
            for (c, i) in table.cells.iter().zip(&inks) {
                eprintln!(
                    "p{} t{t} r{} c{} {}x{} [{:.0},{:.0},{:.0},{:.0}] glyphs {} lines {} numeric {}",
                    p.number,
                    c.row,
                    c.col,
                    c.rows,
                    c.cols,
                    c.x0,
                    c.y0,
                    c.x1,
                    c.y1,
                    i.glyphs.len(),
                    i.lines,
                    i.numeric
                );
            }
        }
        for (k, cell_ink) in inks.into_iter().enumerate() {
            jobs.push(CellJob {
                table: t,
                cell: k,
                digits: digits[k],
                ink: cell_ink,
            });
        }
    }

    // The crops for the two strips.
    let crop_of = |job: &CellJob| -> Option<(Gray, usize, PxBox)> {
        let b = job.ink.bounds?;
        let glyph = glyph_height(&job.ink);
        let pad = (glyph / 3).max(3);
        let c = &tables[job.table].cells[job.cell];
        let area = px_rect(c.x0, c.y0, c.x1, c.y1);
        let x0 = b.x0.saturating_sub(pad).max(area.x0 + inset);
        let y0 = b.y0.saturating_sub(pad).max(area.y0 + inset);
        let x1 = (b.x1 + pad).min(area.x1.saturating_sub(inset)).max(x0 + 1);
        let y1 = (b.y1 + pad).min(area.y1.saturating_sub(inset)).max(y0 + 1);
        let origin = PxBox { x0, y0, x1, y1 };
        Some((gray.crop(x0, y0, x1, y1), glyph, origin))
    };
    let mut digit_jobs = Vec::new();
    let mut text_jobs = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if let Some(crop) = crop_of(job) {
            if job.digits {
                digit_jobs.push((i, crop));
            } else {
                text_jobs.push((i, crop));
            }
        }
    }
    // The text outside the tables: the page with the tables whitened.
    let mut free = gray.clone();
    for t in &tables {
        let (x0, y0, x1, y1) = t.bounds();
        let m = scale.touch as f64;
        free.whiten(
            (x0 - m).max(0.0) as usize,
            (y0 - m).max(0.0) as usize,
            (x1 + m) as usize + 1,
            (y1 + m) as usize + 1,
        );
    }
    let strip = |list: &[(usize, (Gray, usize, PxBox))]| -> Vec<(Gray, usize)> {
        list.iter().map(|(_, (g, h, _))| (g.clone(), *h)).collect()
    };
    let (digit_crops, text_crops) = (strip(&digit_jobs), strip(&text_jobs));
    let has_free_ink = free.pixels.iter().any(|&v| v < 128);
    let (digit_words, text_words, free_words) = std::thread::scope(|s| {
        let d = s.spawn(|| read_all(engine, &digit_crops, Script::Digits, TARGET_GLYPH_PX));
        let t = s.spawn(|| read_all(engine, &text_crops, Script::Chinese, TARGET_GLYPH_PX));
        let f = if has_free_ink {
            engine.read(&free, Script::Chinese, super::engine::Layout::Block)
        } else {
            Ok(Vec::new())
        };
        let join = |h: std::thread::ScopedJoinHandle<'_, _>| {
            h.join()
                .unwrap_or_else(|_| Err(EngineError::Failed("OCR thread panicked".into())))
        };
        (join(d), join(t), f)
    });
    let (digit_words, text_words, free_words) = (digit_words?, text_words?, free_words?);

    let mut glyphs: Vec<Glyph> = Vec::new();
    let mut cells: Vec<CellRead> = Vec::new();
    // Number cells whose ink the strip read as nothing (a lone “0” is the
    // usual case): read again, all in one strip at a larger size, and what
    // that still misses alone, as a word and as a character.
    let mut digit_words = digit_words;
    let empty: Vec<usize> = (0..digit_jobs.len())
        .filter(|&k| {
            digit_words[k]
                .iter()
                .all(|w| clean_number(&w.text).is_empty())
        })
        .collect();
    if !empty.is_empty() {
        let crops: Vec<(Gray, usize)> = empty
            .iter()
            .map(|&k| (digit_jobs[k].1.0.clone(), digit_jobs[k].1.1))
            .collect();
        let again = read_all(engine, &crops, Script::Digits, RETRY_GLYPH_PX)?;
        let mut alone = 0;
        for (&k, words) in empty.iter().zip(again) {
            digit_words[k] = if words.iter().any(|w| !clean_number(&w.text).is_empty()) {
                words
            } else if alone < MAX_ALONE {
                alone += 1;
                let (crop, glyph, _) = &digit_jobs[k].1;
                read_alone(engine, crop, *glyph, Script::Digits)?
            } else {
                Vec::new()
            };
        }
    }
    for ((i, _), words) in digit_jobs.iter().zip(digit_words) {
        let job = &jobs[*i];
        let text: String = words.iter().map(|w| clean_number(&w.text)).collect();
        let confidence = number_confidence(&text, &words, &job.ink);
        let c = &tables[job.table].cells[job.cell];
        cells.push(CellRead {
            rect: px.rect(c.x0, c.y0, c.x1, c.y1),
            confidence,
            unread: text.is_empty() || confidence <= MALFORMED,
            numeric: true,
        });
        // A read that is no number (a “7” read as “.”) is left out: the
        // cell stays empty and marked, and the rest of its row is read.
        if let Some(b) = job.ink.bounds
            && !text.is_empty()
            && confidence > MALFORMED
        {
            // The characters spread over the cell's ink, touching, so that
            // the layout reads them as one run.
            spread(&text, b, &px, p.number, &mut glyphs);
        }
    }
    for ((i, _), words) in text_jobs.iter().zip(text_words) {
        let job = &jobs[*i];
        let c = &tables[job.table].cells[job.cell];
        let confidence = words.iter().map(|w| w.confidence).fold(100.0f32, f32::min);
        cells.push(CellRead {
            rect: px.rect(c.x0, c.y0, c.x1, c.y1),
            confidence: if words.is_empty() { 0.0 } else { confidence },
            unread: words.is_empty(),
            numeric: false,
        });
        // The cell's text in reading order (the engine's lines, each left
        // to right), spread over the cell's ink as one run: a wrapped
        // label is one label, whatever boxes the engine gave its words.
        let text: String = words.iter().map(|w| w.text.as_str()).collect();
        if let Some(b) = job.ink.bounds {
            spread(&text, b, &px, p.number, &mut glyphs);
        }
    }
    for (text, b) in free_chunks(&free_words) {
        spread(&text, b, &px, p.number, &mut glyphs);
    }

    let mut segments = Vec::new();
    for t in &tables {
        for c in &t.cells {
            let [x0, y0, x1, y1] = px.rect(c.x0, c.y0, c.x1, c.y1);
            segments.extend([
                Segment {
                    horizontal: true,
                    at: y0,
                    a0: x0,
                    a1: x1,
                },
                Segment {
                    horizontal: true,
                    at: y1,
                    a0: x0,
                    a1: x1,
                },
                Segment {
                    horizontal: false,
                    at: x0,
                    a0: y0,
                    a1: y1,
                },
                Segment {
                    horizontal: false,
                    at: x1,
                    a0: y0,
                    a1: y1,
                },
            ]);
        }
    }
    let (cx, cy) = px.point(gray.width as f64 / 2.0, gray.height as f64 / 2.0);
    Ok(ReadPage {
        page: Page {
            number: p.number,
            height: p.page_height,
            glyphs,
            segments,
            ..Page::default()
        },
        cells,
        turned: if angle.abs() >= MIN_TURN { angle } else { 0.0 },
        centre: (cx, cy),
    })
}

/// One cell to read.
struct CellJob {
    table: usize,
    cell: usize,
    digits: bool,
    ink: CellInk,
}

/// Pixels of the image → page points.
struct PxMap {
    x0: f64,
    y0: f64,
    sx: f64,
    sy: f64,
}

impl PxMap {
    fn new(p: &PageImage) -> PxMap {
        let [x0, y0, x1, y1] = p.placed;
        PxMap {
            x0,
            y0,
            sx: (x1 - x0) / p.image.width.max(1) as f64,
            sy: (y1 - y0) / p.image.height.max(1) as f64,
        }
    }
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        (self.x0 + x * self.sx, self.y0 + y * self.sy)
    }
    fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> [f64; 4] {
        let (a, b) = self.point(x0, y0);
        let (c, d) = self.point(x1, y1);
        [a, b, c, d]
    }
}

fn px_rect(x0: f64, y0: f64, x1: f64, y1: f64) -> PxBox {
    PxBox {
        x0: x0.max(0.0).round() as usize,
        y0: y0.max(0.0).round() as usize,
        x1: x1.max(0.0).round() as usize,
        y1: y1.max(0.0).round() as usize,
    }
}

/// The typical height of a cell's glyphs (of full-size ones).
fn glyph_height(ink: &CellInk) -> usize {
    let mut h: Vec<usize> = ink.glyphs.iter().map(PxBox::height).collect();
    h.sort_unstable();
    let tall = h.last().copied().unwrap_or(0);
    let full: Vec<usize> = h.into_iter().filter(|&v| v * 2 > tall).collect();
    full.get(full.len() / 2).copied().unwrap_or(tall).max(1)
}

/// Which cells of `table` hold numbers: number-shaped ones, and any
/// one-line cell in a column and a row where other cells are numbers (a
/// number whose digits touch may look square).
fn number_cells(table: &Table, inks: &[CellInk]) -> Vec<bool> {
    let cols = table.cols();
    let rows = table.rows();
    let mut col_numbers = vec![0usize; cols];
    let mut col_text = vec![0usize; cols];
    let mut row_numbers = vec![0usize; rows];
    for (c, ink) in table.cells.iter().zip(inks) {
        if ink.bounds.is_none() {
            continue;
        }
        if ink.numeric {
            col_numbers[c.col] += 1;
            row_numbers[c.row] += 1;
        } else if c.cols == 1 {
            col_text[c.col] += 1;
        }
    }
    table
        .cells
        .iter()
        .zip(inks)
        .map(|(c, ink)| {
            ink.bounds.is_some()
                && (ink.numeric
                    // (Never a cell of the first column, the rows' labels.)
                    || (c.col > 0
                        && ink.lines == 1
                        && c.cols == 1
                        && ink.glyphs.len() <= 8
                        && col_numbers[c.col] > col_text[c.col]
                        && row_numbers[c.row] >= 2))
        })
        .collect()
}

/// The characters of a number cell's read that a number may hold.
fn clean_number(text: &str) -> String {
    text.chars().filter(|c| DIGIT_CHARS.contains(*c)).collect()
}

/// How sure a number read is: the engine's lowest word confidence, capped
/// low when the read is not a well-formed number or nil mark, or has
/// another number of characters than the cell has glyphs.
fn number_confidence(text: &str, words: &[Word], ink: &CellInk) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let engine = words.iter().map(|w| w.confidence).fold(100.0f32, f32::min);
    let well_formed = text == "/"
        || text == "-"
        || text
            .strip_prefix(['-', '+'])
            .unwrap_or(text)
            .split_once('.')
            .map_or_else(
                || {
                    text.trim_start_matches(['-', '+'])
                        .chars()
                        .all(|c| c.is_ascii_digit())
                },
                |(a, b)| {
                    !a.is_empty()
                        && !b.is_empty()
                        && a.chars().all(|c| c.is_ascii_digit())
                        && b.chars().all(|c| c.is_ascii_digit())
                },
            );
    if !well_formed {
        return engine.min(MALFORMED);
    }
    if expected_chars(ink) != text.chars().count() {
        return engine.min(40.0);
    }
    engine
}

/// How many characters a number cell's glyphs make: each full-height
/// glyph one, or as many as its width holds when digits touch; small
/// glyphs (point, minus) one each.
fn expected_chars(ink: &CellInk) -> usize {
    let tall = ink.glyphs.iter().map(PxBox::height).max().unwrap_or(0);
    ink.glyphs
        .iter()
        .map(|g| {
            if g.height() * 2 > tall {
                let per = g.height() as f64 * 0.62;
                ((g.width() as f64 / per).round() as usize).max(1)
            } else {
                1
            }
        })
        .sum()
}

/// Glyphs for `text`, its characters side by side across `b` (page
/// pixels), touching.
fn spread(text: &str, b: PxBox, px: &PxMap, page: u32, out: &mut Vec<Glyph>) {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return;
    }
    let [x0, top, x1, bottom] = px.rect(b.x0 as f64, b.y0 as f64, b.x1 as f64, b.y1 as f64);
    let step = (x1 - x0) / chars.len() as f64;
    for (i, ch) in chars.iter().enumerate() {
        out.push(Glyph {
            text: ch.to_string(),
            x0: x0 + step * i as f64,
            x1: x0 + step * (i + 1) as f64,
            top,
            bottom,
            size: (bottom - top).max(1.0),
            page,
            shift: 0.0,
        });
    }
}

/// The text outside tables as runs: the engine's words of one line in
/// its order, joined while they stand closer than a line's height (a
/// wider gap separates columns, which the layout keeps apart). Spreading
/// a run over its box keeps the engine's order, which word boxes (often
/// overlapping for Chinese) would not.
fn free_chunks(words: &[Word]) -> Vec<(String, PxBox)> {
    let mut out: Vec<(String, PxBox, (u32, u32, u32))> = Vec::new();
    for w in words {
        let b = PxBox {
            x0: w.x0,
            y0: w.y0,
            x1: w.x1.max(w.x0 + 1),
            y1: w.y1.max(w.y0 + 1),
        };
        if let Some((text, run, line)) = out.last_mut()
            && *line == w.line
            && b.x0 <= run.x1 + run.height().max(b.height())
        {
            text.push_str(&w.text);
            *run = PxBox {
                x0: run.x0.min(b.x0),
                y0: run.y0.min(b.y0),
                x1: run.x1.max(b.x1),
                y1: run.y1.max(b.y1),
            };
            continue;
        }
        out.push((w.text.clone(), b, w.line));
    }
    out.into_iter().map(|(t, b, _)| (t, b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x0: usize, width: usize, height: usize) -> PxBox {
        PxBox {
            x0,
            y0: 10,
            x1: x0 + width,
            y1: 10 + height,
        }
    }

    fn ink(glyphs: Vec<PxBox>) -> CellInk {
        CellInk {
            bounds: glyphs.iter().copied().reduce(|a, b| PxBox {
                x0: a.x0.min(b.x0),
                y0: a.y0.min(b.y0),
                x1: a.x1.max(b.x1),
                y1: a.y1.max(b.y1),
            }),
            glyphs,
            numeric: true,
            lines: 1,
        }
    }

    fn word(text: &str, confidence: f32) -> Word {
        Word {
            text: text.into(),
            x0: 0,
            y0: 0,
            x1: 10,
            y1: 10,
            confidence,
            line: (1, 1, 1),
        }
    }

    #[test]
    fn touching_digits_count_as_two() {
        // "27" apart, "00" touching (one piece as wide as two), "8.5".
        assert_eq!(
            expected_chars(&ink(vec![glyph(0, 11, 20), glyph(14, 11, 20)])),
            2
        );
        assert_eq!(expected_chars(&ink(vec![glyph(0, 24, 20)])), 2);
        let point = PxBox {
            x0: 13,
            y0: 27,
            x1: 16,
            y1: 30,
        };
        assert_eq!(
            expected_chars(&ink(vec![glyph(0, 11, 20), point, glyph(18, 11, 20)])),
            3
        );
    }

    #[test]
    fn a_read_that_disagrees_with_the_ink_is_doubtful() {
        let two = ink(vec![glyph(0, 11, 20), glyph(14, 11, 20)]);
        assert_eq!(number_confidence("27", &[word("27", 93.0)], &two), 93.0);
        // A digit lost, a malformed read, nothing read: never trusted.
        assert!(number_confidence("2", &[word("2", 96.0)], &two) < LOW_CONFIDENCE_FOR_TESTS);
        assert!(number_confidence("2-", &[word("2-", 96.0)], &two) < LOW_CONFIDENCE_FOR_TESTS);
        assert_eq!(number_confidence("", &[], &two), 0.0);
        assert_eq!(
            number_confidence("/", &[word("/", 90.0)], &ink(vec![glyph(0, 9, 20)])),
            90.0
        );
    }

    const LOW_CONFIDENCE_FOR_TESTS: f32 = crate::parser::decode::ocr::LOW_CONFIDENCE;
}
