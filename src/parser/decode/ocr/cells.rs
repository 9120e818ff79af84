//! What is inside one cell before any OCR: where its ink is, how many
//! glyphs it has, and whether they are shaped like a number. Digits are
//! narrow (about half as wide as tall), Chinese characters square; a cell
//! of narrow glyphs on one line is read with the digits-only engine, any
//! other with the Chinese one. The glyph count also checks the engine: a
//! number read with fewer characters than the cell has glyphs lost some.

use super::raster::Ink;

/// A box of ink in pixels, `x1`/`y1` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PxBox {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

impl PxBox {
    pub fn width(&self) -> usize {
        self.x1 - self.x0
    }
    pub fn height(&self) -> usize {
        self.y1 - self.y0
    }
    fn union(self, o: PxBox) -> PxBox {
        PxBox {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
}

/// The ink of one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct CellInk {
    /// The glyphs, left to right (connected pieces joined where they
    /// overlap across, as the parts of one character do), page pixels.
    pub glyphs: Vec<PxBox>,
    /// All the ink's box, page pixels; `None` for an empty cell.
    pub bounds: Option<PxBox>,
    /// One line of narrow glyphs: a number, “/” or “-”.
    pub numeric: bool,
    /// More than one line of text.
    pub lines: usize,
}

/// Reads the ink inside `x0..x1, y0..y1` (a cell's rectangle within its
/// rules). `inset` pixels along each side are skipped (the rules' own
/// ink), and pieces smaller than `speck` pixels are dust.
pub fn cell_ink(ink: &Ink, rect: PxBox, inset: usize, speck: usize) -> CellInk {
    let inner = PxBox {
        x0: (rect.x0 + inset).min(ink.width),
        y0: (rect.y0 + inset).min(ink.height),
        x1: rect.x1.saturating_sub(inset).min(ink.width),
        y1: rect.y1.saturating_sub(inset).min(ink.height),
    };
    let empty = CellInk {
        glyphs: Vec::new(),
        bounds: None,
        numeric: false,
        lines: 0,
    };
    if inner.x1 <= inner.x0 + 1 || inner.y1 <= inner.y0 + 1 {
        return empty;
    }
    let mut pieces = components(ink, inner, speck);
    // A rule's remains along the cell's side: one long thin piece touching
    // the side. Not text.
    // A rule's remains: thin, along most of a side, touching it.
    pieces.retain(|p| {
        let thin_h = p.height() <= 3
            && p.width() * 5 > inner.width() * 4
            && (p.y0 <= inner.y0 + 1 || p.y1 + 1 >= inner.y1);
        let thin_v = p.width() <= 3
            && p.height() * 5 > inner.height() * 4
            && (p.x0 <= inner.x0 + 1 || p.x1 + 1 >= inner.x1);
        !(thin_h || thin_v)
    });
    if pieces.is_empty() {
        return empty;
    }
    let lines = text_lines(&pieces);
    // Pieces → glyphs: parts of one character overlap across, or stand
    // close together within a square (a Chinese character's left and
    // right parts); two digits side by side are wider than a square, and
    // a narrow “1” stands apart from its neighbours.
    let line_height = pieces.iter().map(PxBox::height).max().unwrap_or(1);
    let mut glyphs: Vec<PxBox> = Vec::new();
    pieces.sort_by_key(|p| p.x0);
    for p in pieces {
        match glyphs.iter_mut().find(|g| {
            let overlap = g.x1.min(p.x1).saturating_sub(g.x0.max(p.x0));
            // On one line: overlapping down the page, or stacked close
            // within one character's height (a character's upper and
            // lower parts), never a character of the next line.
            let joined_v = g.union(p);
            let same_line = (g.y0 < p.y1 && p.y0 < g.y1)
                || (p.y0.saturating_sub(g.y1).max(g.y0.saturating_sub(p.y1)) * 100
                    <= line_height * 15
                    && joined_v.height() * 100 <= line_height * 110);
            let gap = p.x0.saturating_sub(g.x1);
            let joined = g.union(p);
            // (A decimal point or a minus sign, small, is never joined so.)
            let close = gap * 100 <= line_height * 15
                && p.height() * 2 >= line_height
                && g.height() * 2 >= line_height
                && joined.width() * 100 <= joined.height().max(line_height / 2) * 95;
            same_line && (overlap * 2 >= p.width().min(g.width()) || close)
        }) {
            Some(g) => *g = g.union(p),
            None => glyphs.push(p),
        }
    }
    glyphs.sort_by_key(|g| (g.x0, g.y0));
    let bounds = glyphs.iter().copied().reduce(PxBox::union);
    let tall = glyphs.iter().map(PxBox::height).max().unwrap_or(0);
    // Digits are all one height (a decimal point, a minus or a plus sign,
    // small, at most once), none as wide as a Chinese character but where two
    // touch. Chinese labels fall apart into pieces of many heights (the
    // dots of 总, the radical of 计) and have square glyphs through them.
    // (A plus sign stands seven tenths as high as the digits: small too.)
    let full: Vec<&PxBox> = glyphs
        .iter()
        .filter(|g| g.height() * 100 >= tall * 80)
        .collect();
    let small = glyphs.len() - full.len();
    // One height, tops and bottoms in line (brackets around a label
    // reach above and below its characters).
    let top = full.iter().map(|g| g.y0).min().unwrap_or(0);
    let bottom = full.iter().map(|g| g.y1).max().unwrap_or(0);
    let even = full.iter().all(|g| {
        g.height() * 100 >= tall * 88
            && (g.y0 - top) * 100 <= tall * 12
            && (bottom - g.y1) * 100 <= tall * 12
    });
    let square = full
        .iter()
        .filter(|g| g.width() * 100 > g.height() * 80)
        .count();
    let numeric = lines == 1
        && glyphs.len() <= 16
        && !full.is_empty()
        && small <= 1
        && even
        && (square == 0 || (square == 1 && full.len() >= 2));
    CellInk {
        glyphs,
        bounds,
        numeric,
        lines,
    }
}

/// Lines of text among the pieces: bands of rows holding ink.
fn text_lines(pieces: &[PxBox]) -> usize {
    let mut spans: Vec<(usize, usize)> = pieces.iter().map(|p| (p.y0, p.y1)).collect();
    spans.sort();
    let mut lines = 0;
    let mut end = 0;
    for (a, b) in spans {
        if lines == 0 || a >= end {
            lines += 1;
            end = b;
        } else {
            end = end.max(b);
        }
    }
    lines
}

/// Connected pieces of ink (8-neighbours) inside `area`, each as its box,
/// larger than `speck` pixels.
pub fn components(ink: &Ink, area: PxBox, speck: usize) -> Vec<PxBox> {
    let (w, h) = (area.width(), area.height());
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for sy in 0..h {
        for sx in 0..w {
            if seen[sy * w + sx] || !ink.at(area.x0 + sx, area.y0 + sy) {
                continue;
            }
            seen[sy * w + sx] = true;
            stack.push((sx, sy));
            let mut b = PxBox {
                x0: sx,
                y0: sy,
                x1: sx + 1,
                y1: sy + 1,
            };
            let mut size = 0usize;
            while let Some((x, y)) = stack.pop() {
                size += 1;
                b = b.union(PxBox {
                    x0: x,
                    y0: y,
                    x1: x + 1,
                    y1: y + 1,
                });
                for (dx, dy) in [
                    (-1i64, -1i64),
                    (0, -1),
                    (1, -1),
                    (-1, 0),
                    (1, 0),
                    (-1, 1),
                    (0, 1),
                    (1, 1),
                ] {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let (nx, ny) = (nx as usize, ny as usize);
                    if !seen[ny * w + nx] && ink.at(area.x0 + nx, area.y0 + ny) {
                        seen[ny * w + nx] = true;
                        stack.push((nx, ny));
                    }
                }
            }
            if size > speck {
                out.push(PxBox {
                    x0: b.x0 + area.x0,
                    y0: b.y0 + area.y0,
                    x1: b.x1 + area.x0,
                    y1: b.y1 + area.y0,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink_from(rows: &[&str]) -> Ink {
        Ink {
            width: rows[0].len(),
            height: rows.len(),
            dark: rows
                .iter()
                .flat_map(|r| r.bytes().map(|b| b == b'#'))
                .collect(),
        }
    }

    fn whole(ink: &Ink) -> PxBox {
        PxBox {
            x0: 0,
            y0: 0,
            x1: ink.width,
            y1: ink.height,
        }
    }

    #[test]
    fn narrow_glyphs_on_one_line_are_a_number() {
        let ink = ink_from(&[
            "..............",
            ".##...###.....",
            "..#.....#.....",
            "..#...###.....",
            "..#...#.......",
            ".###..###.....",
            "..............",
        ]);
        let cell = cell_ink(&ink, whole(&ink), 0, 0);
        assert_eq!(cell.glyphs.len(), 2);
        assert!(cell.numeric);
        assert_eq!(cell.lines, 1);
    }

    #[test]
    fn a_plus_sign_before_digits_keeps_them_a_number() {
        // “+0”: the sign two thirds of the digit's height, in its middle.
        let ink = ink_from(&[
            "...............",
            "........#####..",
            "........#...#..",
            "...#....#...#..",
            "...#....#...#..",
            "...#....#...#..",
            ".#####..#...#..",
            "...#....#...#..",
            "...#....#...#..",
            "........#...#..",
            "........#####..",
            "...............",
        ]);
        let cell = cell_ink(&ink, whole(&ink), 0, 0);
        assert_eq!(cell.glyphs.len(), 2, "{cell:?}");
        assert!(cell.numeric, "{cell:?}");
    }

    #[test]
    fn square_glyphs_are_text_and_an_empty_cell_has_no_ink() {
        let ink = ink_from(&[
            "............",
            ".#####.#####",
            ".#...#.#...#",
            ".#####.#####",
            ".#...#.#...#",
            ".#####.#####",
            "............",
        ]);
        let cell = cell_ink(&ink, whole(&ink), 0, 0);
        assert!(!cell.numeric);
        let blank = ink_from(&["......", "......", "......"]);
        let cell = cell_ink(&blank, whole(&blank), 0, 0);
        assert!(cell.bounds.is_none() && cell.glyphs.is_empty());
    }

    #[test]
    fn a_rule_left_along_the_side_is_not_ink() {
        let ink = ink_from(&[
            "##############",
            "..............",
            "..#...........",
            "..#...........",
            "..#...........",
            "..............",
        ]);
        let cell = cell_ink(&ink, whole(&ink), 0, 0);
        assert_eq!(cell.glyphs.len(), 1, "{cell:?}");
    }
}
