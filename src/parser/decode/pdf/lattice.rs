//! Ruling lines → table grids ("lattice" tables). Rules that touch each
//! other form one table; the distinct x of its vertical rules and y of its
//! horizontal rules are the grid's column and row edges, and a missing rule
//! between two neighbouring positions means they are one merged cell.

use super::extract::{Glyph, Segment};
use super::lines::{PlacedText, cell_text, is_cjk_edge, place_of};
use crate::model::PdfBox;
use crate::parser::decode::rule_groups::{cluster, find, groups_that_meet, union};

/// Rules closer than this are the same rule: exporters draw adjacent cell
/// borders a fraction of a point apart.
const SNAP: f64 = 2.0;
/// Above this many rules on a page, rules are not read as tables (the
/// grouping below is quadratic); no report page has more than a few hundred.
const MAX_PAGE_SEGMENTS: usize = 5_000;
const MAX_ROWS: usize = 2_000;
const MAX_COLUMNS: usize = 256;

/// A table's rules and, once assigned, its glyphs, top-down page points.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub segments: Vec<Segment>,
    pub glyphs: Vec<Glyph>,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// Where the parts of a table continued over page breaks meet.
    pub breaks: Vec<f64>,
    /// The parts, top to bottom: where each starts (in this table's
    /// frame), its page, and how far it was moved down to join.
    pub parts: Vec<Part>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Part {
    pub from: f64,
    pub page: u32,
    pub shift: f64,
}

impl Table {
    /// Sets the page a table found on one page is on.
    pub fn on_page(&mut self, page: u32) {
        self.parts = vec![Part {
            from: self.top,
            page,
            shift: 0.0,
        }];
    }

    /// The page and shift of the part holding `y`.
    fn part_at(&self, y: f64) -> Part {
        let i = self.parts.partition_point(|p| p.from <= y);
        self.parts
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or_default()
    }

    pub fn contains(&self, g: &Glyph) -> bool {
        let (x, y) = (g.cx(), g.cy());
        x >= self.x0 - 1.0 && x <= self.x1 + 1.0 && y >= self.top - 1.0 && y <= self.bottom + 1.0
    }

    /// Appends `other` (the same table continued on the next page) below
    /// this one.
    pub fn append(&mut self, mut other: Table) {
        let shift = self.bottom - other.top;
        for s in &mut other.segments {
            if s.horizontal {
                s.at += shift;
            } else {
                s.a0 += shift;
                s.a1 += shift;
            }
        }
        for g in &mut other.glyphs {
            g.top += shift;
            g.bottom += shift;
            g.shift += shift;
        }
        self.breaks.push(self.bottom);
        self.breaks.extend(other.breaks.iter().map(|b| b + shift));
        self.parts.extend(other.parts.iter().map(|p| Part {
            from: p.from + shift,
            page: p.page,
            shift: p.shift + shift,
        }));
        self.segments.append(&mut other.segments);
        self.glyphs.append(&mut other.glyphs);
        self.x0 = self.x0.min(other.x0);
        self.x1 = self.x1.max(other.x1);
        self.bottom = other.bottom + shift;
    }
}

fn touches(a: &Segment, b: &Segment) -> bool {
    if a.horizontal == b.horizontal {
        // Collinear pieces of one long rule.
        (a.at - b.at).abs() <= SNAP && a.a0 <= b.a1 + SNAP && b.a0 <= a.a1 + SNAP
    } else {
        let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
        v.at >= h.a0 - SNAP && v.at <= h.a1 + SNAP && h.at >= v.a0 - SNAP && h.at <= v.a1 + SNAP
    }
}

/// The tables a page's rules draw, top to bottom. Lone rules (underlines,
/// separators) are not tables.
pub fn find_tables(segments: &[Segment]) -> Vec<Table> {
    let segs: Vec<Segment> = segments
        .iter()
        .filter(|s| s.a1 - s.a0 >= 2.0)
        .copied()
        .collect();
    if segs.len() > MAX_PAGE_SEGMENTS {
        return Vec::new();
    }
    let mut tables: Vec<Table> = groups_that_meet(&segs, touches)
        .into_iter()
        .filter_map(|segments| {
            let rows = cluster(segments.iter().filter(|s| s.horizontal).map(|s| s.at), SNAP);
            let cols = cluster(
                segments.iter().filter(|s| !s.horizontal).map(|s| s.at),
                SNAP,
            );
            if rows.len() < 2 || cols.len() < 2 {
                return None;
            }
            let x0 = segments
                .iter()
                .map(|s| if s.horizontal { s.a0 } else { s.at });
            let x1 = segments
                .iter()
                .map(|s| if s.horizontal { s.a1 } else { s.at });
            let y0 = segments
                .iter()
                .map(|s| if s.horizontal { s.at } else { s.a0 });
            let y1 = segments
                .iter()
                .map(|s| if s.horizontal { s.at } else { s.a1 });
            Some(Table {
                x0: x0.fold(f64::INFINITY, f64::min),
                x1: x1.fold(f64::NEG_INFINITY, f64::max),
                top: y0.fold(f64::INFINITY, f64::min),
                bottom: y1.fold(f64::NEG_INFINITY, f64::max),
                segments,
                glyphs: Vec::new(),
                breaks: Vec::new(),
                parts: Vec::new(),
            })
        })
        .collect();
    tables.sort_by(|a, b| a.top.total_cmp(&b.top));
    tables
}

/// Index of the band of `edges` that holds `v`, clamped to the outer bands.
fn band(edges: &[f64], v: f64) -> usize {
    let i = edges.partition_point(|e| *e <= v);
    i.saturating_sub(1).min(edges.len().saturating_sub(2))
}

/// Whether a rule of the given direction lies at `at` and spans `across`.
fn ruled(segments: &[Segment], horizontal: bool, at: f64, across: f64) -> bool {
    segments.iter().any(|s| {
        s.horizontal == horizontal
            && (s.at - at).abs() <= SNAP
            && across >= s.a0 - SNAP
            && across <= s.a1 + SNAP
    })
}

/// The table as a grid of cells: a merged cell's text at its top-left
/// position, the positions it spans empty. A cell with text is placed by
/// its glyphs, an empty one by its ruled box.
pub fn grid(table: &Table) -> Vec<Vec<PlacedText>> {
    let mut xs = cluster(
        table
            .segments
            .iter()
            .filter(|s| !s.horizontal)
            .map(|s| s.at),
        SNAP,
    );
    let mut ys = cluster(
        table.segments.iter().filter(|s| s.horizontal).map(|s| s.at),
        SNAP,
    );
    // Tables drawn without outer side rules still end where their rules do.
    if xs.first().is_some_and(|x| x - table.x0 > SNAP) {
        xs.insert(0, table.x0);
    }
    if xs.last().is_some_and(|x| table.x1 - x > SNAP) {
        xs.push(table.x1);
    }
    if ys.first().is_some_and(|y| y - table.top > SNAP) {
        ys.insert(0, table.top);
    }
    if ys.last().is_some_and(|y| table.bottom - y > SNAP) {
        ys.push(table.bottom);
    }
    if xs.len() < 2 || ys.len() < 2 {
        return Vec::new();
    }
    xs.truncate(MAX_COLUMNS + 1);
    ys.truncate(MAX_ROWS + 1);
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let verticals: Vec<Segment> = table
        .segments
        .iter()
        .filter(|s| !s.horizontal)
        .copied()
        .collect();
    let horizontals: Vec<Segment> = table
        .segments
        .iter()
        .filter(|s| s.horizontal)
        .copied()
        .collect();
    let at = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        let ym = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..cols {
            let xm = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < cols && !ruled(&verticals, false, xs[c + 1], ym) {
                union(&mut parent, at(r, c), at(r, c + 1));
            }
            if r + 1 < rows && !ruled(&horizontals, true, ys[r + 1], xm) {
                union(&mut parent, at(r, c), at(r + 1, c));
            }
        }
    }
    // Each cell's glyphs go to its root; the text is written at the cell's
    // top-left position, which is the root (union keeps the lowest index).
    let mut cell_glyphs: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
    for g in &table.glyphs {
        let root = find(&mut parent, at(band(&ys, g.cy()), band(&xs, g.cx())));
        cell_glyphs[root].push(g);
    }
    // Each merged cell's ruled box, by root.
    let mut boxes: Vec<Option<[f64; 4]>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, at(r, c));
            let [x0, y0, x1, y1] = boxes[root].get_or_insert([xs[c], ys[r], xs[c + 1], ys[r + 1]]);
            *x0 = x0.min(xs[c]);
            *y0 = y0.min(ys[r]);
            *x1 = x1.max(xs[c + 1]);
            *y1 = y1.max(ys[r + 1]);
        }
    }
    let mut out = vec![vec![PlacedText::default(); cols]; rows];
    for (i, cell) in out.iter_mut().flatten().enumerate() {
        let glyphs = &cell_glyphs[i];
        if !glyphs.is_empty() {
            cell.text = crate::parser::decode::grid::clean(&cell_text(glyphs));
            cell.at = place_of(glyphs);
        } else if let Some([x0, y0, x1, y1]) = boxes[find(&mut parent, i)] {
            let part = table.part_at(y0);
            cell.at = Some(PdfBox::new(
                part.page,
                x0,
                y0 - part.shift,
                x1,
                y1 - part.shift,
            ));
        }
    }
    // Rows that start a continuation, last first so indices stay valid.
    let mut starts: Vec<usize> = table
        .breaks
        .iter()
        .filter_map(|b| ys.iter().position(|y| (y - b).abs() <= SNAP))
        .filter(|&r| r > 0 && r < rows)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    for r in starts.into_iter().rev() {
        rejoin_split_row(&mut out, r);
    }
    out
}

/// A row that the page break cut in two (`商业⏎企业`, a label wrapped onto
/// the next page) shows as the continuation's first row holding only the
/// rest of texts begun in the row above. Such a row is put back together;
/// one with numbers, or text under a number or an empty cell, is a row of
/// its own (a repeated header, the next data row).
fn rejoin_split_row(out: &mut Vec<Vec<PlacedText>>, r: usize) {
    let (above, row) = (&out[r - 1], &out[r]);
    let split = row.iter().any(|t| !t.text.is_empty())
        && row.iter().zip(above).all(|(t, a)| {
            t.text.is_empty()
                || (!is_numeric(&t.text) && !a.text.is_empty() && !is_numeric(&a.text))
        });
    if !split {
        return;
    }
    let row = out.remove(r);
    for (a, t) in out[r - 1].iter_mut().zip(row) {
        if !t.text.is_empty() {
            let glue = if is_cjk_edge(&a.text, &t.text) {
                ""
            } else {
                " "
            };
            a.text.push_str(glue);
            a.text.push_str(&t.text);
            // The text begins above the break: its place stays there.
        }
    }
}

fn is_numeric(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Segment {
        Segment {
            horizontal: true,
            at: y,
            a0: x0,
            a1: x1,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Segment {
        Segment {
            horizontal: false,
            at: x,
            a0: y0,
            a1: y1,
        }
    }
    fn g(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0: x,
            x1: x + 8.0,
            top: y,
            bottom: y + 8.0,
            size: 8.0,
            ..Glyph::default()
        }
    }

    fn text(grid: Vec<Vec<PlacedText>>) -> Vec<Vec<String>> {
        grid.into_iter()
            .map(|r| r.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn merged_cells_leave_empty_positions() {
        // Two rows, three columns; the first row's first two cells merged.
        let segs = vec![
            h(0.0, 0.0, 90.0),
            h(20.0, 0.0, 90.0),
            h(40.0, 0.0, 90.0),
            v(0.0, 0.0, 40.0),
            v(30.0, 20.0, 40.0),
            v(60.0, 0.0, 40.0),
            v(90.0, 0.0, 40.0),
            // A separator elsewhere on the page is no table.
            h(300.0, 0.0, 200.0),
        ];
        let mut tables = find_tables(&segs);
        assert_eq!(tables.len(), 1);
        tables[0].glyphs = vec![g("合", 5.0, 5.0), g("1", 65.0, 5.0), g("2", 35.0, 25.0)];
        assert_eq!(
            text(grid(&tables[0])),
            vec![vec!["合", "", "1"], vec!["", "2", ""]]
        );
    }

    fn one_cell(top: f64) -> Table {
        find_tables(&[
            h(top, 0.0, 50.0),
            h(top + 20.0, 0.0, 50.0),
            v(0.0, top, top + 20.0),
            v(50.0, top, top + 20.0),
        ])
        .remove(0)
    }

    #[test]
    fn continued_table_is_appended_below() {
        let mut a = one_cell(700.0);
        a.glyphs.push(g("a", 5.0, 705.0));
        let mut b = one_cell(50.0);
        b.glyphs.push(g("1", 5.0, 55.0));
        a.append(b);
        assert_eq!(text(grid(&a)), vec![vec!["a"], vec!["1"]]);
    }

    #[test]
    fn continued_cells_keep_their_own_page_and_box() {
        let mut a = one_cell(700.0);
        a.on_page(1);
        a.glyphs.push(Glyph {
            page: 1,
            ..g("a", 5.0, 705.0)
        });
        let mut b = one_cell(50.0);
        b.on_page(2);
        b.glyphs.push(Glyph {
            page: 2,
            ..g("1", 5.0, 55.0)
        });
        // An empty cell below, on page 2: placed by its ruled box.
        let mut c = one_cell(70.0);
        c.on_page(2);
        b.append(c);
        a.append(b);
        let cells = grid(&a);
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cells[0][0].at,
            Some(PdfBox::new(1, 5.0, 705.0, 13.0, 713.0))
        );
        assert_eq!(cells[1][0].at, Some(PdfBox::new(2, 5.0, 55.0, 13.0, 63.0)));
        assert_eq!(cells[2][0].text, "");
        assert_eq!(cells[2][0].at, Some(PdfBox::new(2, 0.0, 70.0, 50.0, 90.0)));
    }

    #[test]
    fn row_cut_by_page_break_is_rejoined() {
        let mut a = one_cell(700.0);
        a.glyphs.push(g("商", 5.0, 705.0));
        a.glyphs.push(g("业", 13.0, 705.0));
        let mut b = one_cell(50.0);
        b.glyphs.push(g("企", 5.0, 55.0));
        b.glyphs.push(g("业", 13.0, 55.0));
        a.append(b);
        assert_eq!(text(grid(&a)), vec![vec!["商业企业"]]);
    }
}
