//! Numbers outside ruled tables: the values of a table drawn without
//! ruling lines, found in the ink before any OCR so that they are read as
//! ruled cells are (digits only, confidence kept, glyphs counted) instead
//! of inside the one Chinese block read of the page's free text, which
//! loses and changes digits. The stages, plain data between them:
//!
//! ```text
//! free ink ─components→ pieces ─joined (same line, close, or one
//!   character's stacked parts)→ chunks ─cell_ink→ number-shaped chunks
//!   ─place (another number on its line, another in its column)→ CellJobs
//! ```
//!
//! The chunks' numbers become glyphs where their ink stands, and the PDF
//! reader's stream layout (`pdf/stream.rs`) puts them into columns by
//! their alignment, exactly as an unruled text PDF is read.

use super::cells::{CellInk, PxBox, cell_ink, components};
use super::raster::Ink;
use super::read_cells::{CellJob, Kind};

/// A chunk of several glyphs this much taller (percent) than the
/// numbers beside it is text: digits of one table's row are one height
/// (a larger table type's beside a smaller one's differ by a seventh).
const TALLER_PERCENT: usize = 125;
/// A gap wider than this many glyph heights separates chunks of a line
/// (between a table's columns it is two or more; between the digits of a
/// number, or the characters of a label, a fraction).
const CHUNK_GAP: f64 = 0.8;
/// Number-shaped ink lower than this (points) is a dot or a dash, no
/// number: the digits of the smallest table type (7 pt) stand about 5 pt.
const MIN_DIGIT_PT: f64 = 3.5;

/// The number-shaped chunks of `ink` (ink outside ruled tables) as cells to
/// read. A chunk with another number on its line and another in its
/// column (overlapping across) is a number; one that is only shaped like
/// one (a bracket, a lone character) is read both ways.
pub fn number_jobs(ink: &Ink, dpi: f64, speck: usize) -> Vec<CellJob> {
    let whole = PxBox {
        x0: 0,
        y0: 0,
        x1: ink.width,
        y1: ink.height,
    };
    let pieces = components(ink, whole, speck);
    let min_height = (MIN_DIGIT_PT * dpi / 72.0) as usize;
    let numbers: Vec<(PxBox, CellInk)> = chunks(&pieces)
        .into_iter()
        .filter(|c| c.height() >= min_height)
        .filter_map(|c| {
            let found = cell_ink(ink, grown(c, 1, ink), 0, speck);
            found.numeric.then_some((c, found))
        })
        .collect();
    // Brackets and Chinese characters stand taller than digits: a chunk of
    // several glyphs taller than the numbers on its line (a “（七）总计”
    // whose strokes fell apart into narrow pieces) is no number.
    let numbers: Vec<(PxBox, CellInk)> = numbers
        .iter()
        .filter(|(b, found)| {
            let mut beside: Vec<usize> = numbers
                .iter()
                .filter(|(o, _)| o != b && same_line(b, o))
                .map(|(o, _)| o.height())
                .collect();
            beside.sort_unstable();
            found.glyphs.len() < 2
                || beside
                    .get(beside.len() / 2)
                    .is_none_or(|&h| b.height() * 100 <= h * TALLER_PERCENT)
        })
        .cloned()
        .collect();
    numbers
        .iter()
        .enumerate()
        .map(|(i, (b, found))| {
            let on_line = numbers
                .iter()
                .enumerate()
                .any(|(j, (o, _))| j != i && same_line(b, o));
            let in_column = numbers
                .iter()
                .enumerate()
                .any(|(j, (o, _))| j != i && !same_line(b, o) && o.x0 < b.x1 && b.x0 < o.x1);
            // The crop stays inside this area: half a glyph around the ink,
            // never as far as the next chunk (a column gap away).
            let pad = (b.height() / 2).max(2);
            CellJob {
                area: grown(*b, pad, ink),
                inset: 0,
                ink: found.clone(),
                kind: if on_line && in_column {
                    Kind::Number
                } else {
                    Kind::Either
                },
            }
        })
        .collect()
}

/// Whether two chunks stand on one line: their middles within half the
/// taller one's height.
fn same_line(a: &PxBox, b: &PxBox) -> bool {
    let (ca, cb) = (a.y0 + a.y1, b.y0 + b.y1);
    ca.abs_diff(cb) <= a.height().max(b.height())
}

fn grown(b: PxBox, by: usize, ink: &Ink) -> PxBox {
    PxBox {
        x0: b.x0.saturating_sub(by),
        y0: b.y0.saturating_sub(by),
        x1: (b.x1 + by).min(ink.width),
        y1: (b.y1 + by).min(ink.height),
    }
}

/// Pieces of ink → chunks: pieces on one line (overlapping down the page)
/// less than `CHUNK_GAP` glyph heights apart, and the stacked parts of one
/// character (overlapping across, close, together no taller than a
/// character and a half), are one chunk.
pub fn chunks(pieces: &[PxBox]) -> Vec<PxBox> {
    let mut order: Vec<PxBox> = pieces.to_vec();
    order.sort_by_key(|p| (p.y0, p.x0));
    let tallest = order.iter().map(PxBox::height).max().unwrap_or(0);
    let mut parent: Vec<usize> = (0..order.len()).collect();
    for i in 0..order.len() {
        let a = order[i];
        for (j, b) in order.iter().enumerate().skip(i + 1) {
            // Sorted by top: nothing further down can touch `a`.
            if b.y0 > a.y1 + tallest {
                break;
            }
            if joined(&a, b) {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut out: Vec<Option<PxBox>> = vec![None; order.len()];
    for (i, p) in order.iter().enumerate() {
        let r = root(&mut parent, i);
        out[r] = Some(match out[r] {
            Some(b) => union(b, *p),
            None => *p,
        });
    }
    out.into_iter().flatten().collect()
}

fn joined(a: &PxBox, b: &PxBox) -> bool {
    let h = a.height().max(b.height());
    let across = a.x0 < b.x1 && b.x0 < a.x1;
    let down = a.y0 < b.y1 && b.y0 < a.y1;
    let gap_x = b.x0.saturating_sub(a.x1).max(a.x0.saturating_sub(b.x1));
    let gap_y = b.y0.saturating_sub(a.y1).max(a.y0.saturating_sub(b.y1));
    let one_line = down && (gap_x as f64) <= CHUNK_GAP * h as f64;
    let stacked = across && gap_y * 2 <= h && union(*a, *b).height() * 2 <= h * 3;
    one_line || stacked
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(a: PxBox, b: PxBox) -> PxBox {
    PxBox {
        x0: a.x0.min(b.x0),
        y0: a.y0.min(b.y0),
        x1: a.x1.max(b.x1),
        y1: a.y1.max(b.y1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: usize, y0: usize, x1: usize, y1: usize) -> PxBox {
        PxBox { x0, y0, x1, y1 }
    }

    #[test]
    fn columns_apart_digits_together_lines_apart() {
        // “12” and “345” on one line, a column gap apart; “6” on the next.
        let pieces = [
            b(0, 0, 8, 16),
            b(10, 0, 18, 16),
            b(60, 1, 68, 16),
            b(70, 0, 78, 16),
            b(80, 0, 88, 16),
            b(60, 40, 68, 56),
        ];
        let mut found = chunks(&pieces);
        found.sort_by_key(|c| (c.y0, c.x0));
        assert_eq!(
            found,
            vec![b(0, 0, 18, 16), b(60, 0, 88, 16), b(60, 40, 68, 56)]
        );
    }

    #[test]
    fn a_characters_dots_above_it_stay_with_it() {
        // A dot over the body of a character: one chunk.
        let pieces = [b(4, 0, 8, 4), b(0, 6, 16, 20)];
        assert_eq!(chunks(&pieces), vec![b(0, 0, 16, 20)]);
    }
}
