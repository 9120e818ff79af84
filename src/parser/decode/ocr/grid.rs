//! Rules → tables: rules that meet form one table; its distinct rule
//! positions are the grid's row and column boundaries, and two
//! neighbouring grid positions are one merged cell wherever no rule
//! separates them (as the PDF lattice reader does with drawn rules).

use super::ruling::{Rule, covers};
use crate::parser::decode::rule_groups::{cluster, find, groups_that_meet, union};

/// A ruled table on the page image, in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Row boundaries, top to bottom (one more than the rows).
    pub ys: Vec<f64>,
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Every cell, merged ones once, in reading order.
    pub cells: Vec<Cell>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }
    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        (
            self.xs[0],
            self.ys[0],
            self.xs[self.cols()],
            self.ys[self.rows()],
        )
    }
}

/// One cell: its grid position (the top-left of a merged cell), how many
/// rows and columns it covers, and its rectangle inside the rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// No report table has more rows or columns; more is a hatched drawing.
const MAX_LINES: usize = 200;

/// The tables the rules form, top to bottom.
pub fn find_tables(rules: &[Rule], touch: usize) -> Vec<Table> {
    let mut tables: Vec<Table> = groups_that_meet(rules, |a, b| meet(a, b, touch))
        .into_iter()
        .filter_map(|g| table_of(&g, touch))
        .collect();
    tables.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    tables
}

fn meet(a: &Rule, b: &Rule, touch: usize) -> bool {
    let t = touch as f64;
    if a.horizontal == b.horizontal {
        // Collinear pieces of one rule, or parallel rules don't meet.
        return (a.at - b.at).abs() <= t && a.a0 <= b.a1 + touch && b.a0 <= a.a1 + touch;
    }
    let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
    covers(h, v.at, touch) && covers(v, h.at, touch)
}

/// A group of meeting rules as a table: at least two rows of rules and
/// two columns, else it is a frame, an underline or a box around text.
fn table_of(rules: &[Rule], touch: usize) -> Option<Table> {
    let t = touch as f64;
    let ys = cluster(rules.iter().filter(|r| r.horizontal).map(|r| r.at), t);
    let xs = cluster(rules.iter().filter(|r| !r.horizontal).map(|r| r.at), t);
    if ys.len() < 2 || xs.len() < 2 || ys.len() > MAX_LINES || xs.len() > MAX_LINES {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    // A rule separates two grid positions when it covers most of their
    // shared side.
    let separated = |horizontal: bool, at: f64, from: f64, to: f64| {
        let need = (to - from) * 0.6;
        rules.iter().any(|r| {
            r.horizontal == horizontal
                && (r.at - at).abs() <= t
                && (to.min(r.a1 as f64) - from.max(r.a0 as f64)) >= need
        })
    };
    let id = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !separated(false, xs[c + 1], ys[r], ys[r + 1]) {
                union(&mut parent, id(r, c), id(r, c + 1));
            }
            if r + 1 < rows && !separated(true, ys[r + 1], xs[c], xs[c + 1]) {
                union(&mut parent, id(r, c), id(r + 1, c));
            }
        }
    }
    // Each group's extent; its first position in reading order is where
    // its text goes.
    let mut extent: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, id(r, c));
            let e = extent.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut cells: Vec<Cell> = extent
        .into_values()
        .map(|(r0, c0, r1, c1)| Cell {
            row: r0,
            col: c0,
            rows: r1 - r0 + 1,
            cols: c1 - c0 + 1,
            x0: xs[c0],
            y0: ys[r0],
            x1: xs[c1 + 1],
            y1: ys[r1 + 1],
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    Some(Table { ys, xs, cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, a0: usize, a1: usize) -> Rule {
        Rule {
            horizontal: true,
            at,
            a0,
            a1,
            thickness: 2,
        }
    }
    fn v(at: f64, a0: usize, a1: usize) -> Rule {
        Rule {
            horizontal: false,
            at,
            a0,
            a1,
            thickness: 2,
        }
    }

    #[test]
    fn a_plain_grid_has_every_cell() {
        let rules = vec![
            h(10.0, 10, 310),
            h(50.0, 10, 310),
            h(90.0, 10, 310),
            v(10.0, 10, 90),
            v(110.0, 10, 90),
            v(210.0, 10, 90),
            v(310.0, 10, 90),
        ];
        let tables = find_tables(&rules, 3);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!((t.rows(), t.cols()), (2, 3));
        assert_eq!(t.cells.len(), 6);
        assert!(t.cells.iter().all(|c| c.rows == 1 && c.cols == 1));
    }

    #[test]
    fn missing_rules_merge_cells() {
        // Row 0: one cell across all three columns (no verticals inside);
        // column 0: one cell down rows 1 and 2 (no rule between them).
        let rules = vec![
            h(0.0, 0, 300),
            h(40.0, 0, 300),
            h(80.0, 100, 300),
            h(120.0, 0, 300),
            v(0.0, 0, 120),
            v(100.0, 40, 120),
            v(200.0, 40, 120),
            v(300.0, 0, 120),
        ];
        let t = &find_tables(&rules, 3)[0];
        assert_eq!((t.rows(), t.cols()), (3, 3));
        let spans: Vec<_> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rows, c.cols))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 0, 1, 3),
                (1, 0, 2, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1)
            ]
        );
    }

    /// A table drawn on a page image, turned by 1.2° as a scanner leaves
    /// it: straightened, ruled, gridded, its merged header cell found.
    #[test]
    fn a_tilted_drawn_table_is_found_with_its_merged_cell() {
        use crate::parser::decode::ocr::deskew::skew_degrees;
        use crate::parser::decode::ocr::raster::{Gray, binarize};
        use crate::parser::decode::ocr::ruling::{Scale, find_rules};
        let mut img = Gray::blank(1000, 700);
        let mut fill = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    img.pixels[y * 1000 + x] = 30;
                }
            }
        };
        // 4 rows × 3 columns; the top row one cell across all columns.
        for y in [150, 230, 310, 390, 470] {
            fill(100, y, 900, y + 3);
        }
        for x in [100, 900] {
            fill(x, 150, x + 3, 473);
        }
        for x in [400, 650] {
            fill(x, 230, x + 3, 473);
        }
        // Some "text" in the cells.
        for (x, y) in [(200, 180), (500, 260), (700, 420)] {
            fill(x, y, x + 30, y + 4);
            fill(x + 12, y - 10, x + 16, y + 20);
        }
        let tilted = img.rotated(1.2);
        let angle = skew_degrees(&binarize(&tilted, 31));
        assert!((angle - 1.2).abs() < 0.1, "skew {angle}");
        let straight = tilted.rotated(-angle);
        let scale = Scale::for_dpi(200.0);
        let rules = find_rules(&binarize(&straight, 31), &scale);
        let tables = find_tables(&rules, scale.touch);
        assert_eq!(tables.len(), 1, "{rules:?}");
        let t = &tables[0];
        assert_eq!((t.rows(), t.cols()), (4, 3));
        assert_eq!(t.cells.len(), 1 + 3 * 3);
        assert_eq!((t.cells[0].rows, t.cells[0].cols), (1, 3));
    }

    #[test]
    fn separate_boxes_are_separate_tables_and_a_line_is_none() {
        let mut rules = vec![
            h(0.0, 0, 100),
            h(50.0, 0, 100),
            v(0.0, 0, 50),
            v(100.0, 0, 50),
        ];
        rules.extend([
            h(300.0, 0, 100),
            h(350.0, 0, 100),
            v(0.0, 300, 350),
            v(100.0, 300, 350),
        ]);
        rules.push(h(500.0, 0, 400));
        let tables = find_tables(&rules, 3);
        assert_eq!(tables.len(), 2);
        assert!(tables[0].ys[0] < tables[1].ys[0]);
    }
}
