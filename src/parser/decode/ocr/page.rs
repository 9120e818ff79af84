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
use super::engine::{EngineError, Layout, Script, Tesseract, Word};
use super::grid::{Table, find_tables};
use super::number::{MISCOUNTED, chinese_chars};
use super::raster::{Gray, binarize, flatten};
use super::read_cells::{CellJob, Kind, read_cells};
use super::ruling::{Scale, find_rules};
use super::unruled::number_jobs;
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
        let kinds = cell_kinds(table, &inks);
        // With NIANBAO_OCR_DUMP set (see `engine`), each cell's grid place
        // and ink on stderr.
        if std::env::var_os("NIANBAO_OCR_DUMP").is_some() {
            for ((c, i), k) in table.cells.iter().zip(&inks).zip(&kinds) {
                eprintln!(
                    "p{} t{t} r{} c{} {}x{} [{:.0},{:.0},{:.0},{:.0}] glyphs {} lines {} numeric {} {k:?}",
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
        for ((c, cell_ink), kind) in table.cells.iter().zip(inks).zip(kinds) {
            jobs.push(CellJob {
                area: px_rect(c.x0, c.y0, c.x1, c.y1),
                inset,
                ink: cell_ink,
                kind,
            });
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
    // The numbers outside the tables (a table drawn without rules) are
    // read as cells are, and taken out of the free text's block read.
    let mut free_ink = ink.clone();
    for t in &tables {
        let (x0, y0, x1, y1) = t.bounds();
        let m = scale.touch as f64;
        let (x0, x1) = ((x0 - m).max(0.0) as usize, (x1 + m) as usize + 1);
        for y in (y0 - m).max(0.0) as usize..((y1 + m) as usize + 1).min(free_ink.height) {
            let w = free_ink.width;
            free_ink.dark[y * w..(y + 1) * w][x0.min(w)..x1.min(w)].fill(false);
        }
    }
    let free_jobs = number_jobs(&free_ink, dpi, speck);
    for job in &free_jobs {
        if let Some(b) = job.ink.bounds {
            free.whiten(
                b.x0.saturating_sub(2),
                b.y0.saturating_sub(2),
                b.x1 + 2,
                b.y1 + 2,
            );
        }
    }
    if std::env::var_os("NIANBAO_OCR_DUMP").is_some() {
        for j in &free_jobs {
            eprintln!(
                "p{} free {:?} glyphs {} {:?}",
                p.number,
                j.area,
                j.ink.glyphs.len(),
                j.kind
            );
        }
    }
    jobs.extend(free_jobs);
    let has_free_ink = free.pixels.iter().any(|&v| v < 128);
    let (reads, free_words) = read_cells(engine, &gray, &jobs, || {
        if has_free_ink {
            engine.read(&free, Script::Chinese, Layout::Block)
        } else {
            Ok(Vec::new())
        }
    });
    let (reads, free_words) = (reads?, free_words?);

    let mut glyphs: Vec<Glyph> = Vec::new();
    let mut cells: Vec<CellRead> = Vec::new();
    for (job, read) in jobs.iter().zip(reads) {
        let (Some(read), Some(b)) = (read, job.ink.bounds) else {
            continue;
        };
        let a = job.area;
        cells.push(CellRead {
            rect: px.rect(a.x0 as f64, a.y0 as f64, a.x1 as f64, a.y1 as f64),
            confidence: read.confidence,
            unread: read.unread,
            numeric: read.numeric,
        });
        // The characters spread over the cell's ink, touching, so that the
        // layout reads them as one run (a number, or a label however the
        // engine boxed its words). A cell whose ink read as nothing (a
        // number's, or ink not shaped like one) keeps its place with the
        // stand-in, so its mark reaches the table.
        let text = if read.unread && read.text.is_empty() {
            crate::parser::decode::UNREAD_CELL
        } else {
            &read.text
        };
        spread(text, b, &px, p.number, &mut glyphs);
    }
    for (text, b) in free_chunks(&free_words) {
        // Digits the Chinese block read found (number ink not shaped like
        // one, so not read as a number above): no count checked them, so
        // never trusted unmarked.
        if chinese_chars(&text) == 0 && text.chars().any(|c| c.is_ascii_digit()) {
            cells.push(CellRead {
                rect: px.rect(b.x0 as f64, b.y0 as f64, b.x1 as f64, b.y1 as f64),
                confidence: MISCOUNTED,
                unread: false,
                numeric: false,
            });
        }
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

/// How each cell of `table` is to be read. Its shape (narrow glyphs on
/// one line, `CellInk::numeric`) and its place (one column wide, in a
/// column with at least as many number-shaped cells as text and a row
/// with two or more) agreeing: a number. Disagreeing: either — a label
/// whose strokes fell apart into narrow pieces, a number in a merged
/// cell, digits that touch and look square — read both ways. Neither:
/// text.
fn cell_kinds(table: &Table, inks: &[CellInk]) -> Vec<Kind> {
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
            let place = c.cols == 1
                && col_numbers[c.col] > 0
                && col_numbers[c.col] >= col_text[c.col]
                && row_numbers[c.row] >= 2;
            let short = ink.lines == 1 && ink.glyphs.len() <= 8;
            match (ink.bounds.is_some() && ink.numeric, place) {
                (true, true) => Kind::Number,
                (true, false) => Kind::Either,
                (false, true) if short && ink.bounds.is_some() => Kind::Either,
                _ => Kind::Text,
            }
        })
        .collect()
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
