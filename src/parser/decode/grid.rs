//! A table as its markup describes it (rows of cells, some spanning several
//! rows or columns) → the real grid → one tab-separated line per grid row.
//!
//! The table reader downstream finds a cell's row by its label and its
//! column by its position in the line, so merged cells must leave their
//! spanned positions in place: the text goes to the first position, the
//! others stay empty (never "0": an empty cell is not a zero).

/// One cell as the markup gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanCell {
    pub text: String,
    /// Rows the cell covers, 1 for an ordinary cell.
    pub rowspan: usize,
    /// Columns the cell covers, 1 for an ordinary cell.
    pub colspan: usize,
}

impl SpanCell {
    pub fn new(text: String, rowspan: usize, colspan: usize) -> Self {
        SpanCell {
            text,
            rowspan,
            colspan,
        }
    }
}

/// No report table comes near these; hostile markup (`colspan="99999"`)
/// must not make the grid explode.
const MAX_SPAN: usize = 64;
const MAX_COLUMNS: usize = 256;

/// Places `rows` on a grid the way browsers do: each cell takes the first
/// column of its row that no cell from above still covers, and covers
/// `rowspan` × `colspan` positions. Rowspans are clipped to the table.
pub fn resolve(rows: &[Vec<SpanCell>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = vec![Vec::new(); rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0usize;
        for cell in row {
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            if col >= MAX_COLUMNS {
                break;
            }
            let colspan = cell.colspan.clamp(1, MAX_SPAN).min(MAX_COLUMNS - col);
            let last_row = (r + cell.rowspan.clamp(1, MAX_SPAN)).min(rows.len());
            for (k, line) in grid[r..last_row].iter_mut().enumerate() {
                if line.len() < col + colspan {
                    line.resize(col + colspan, None);
                }
                for (j, slot) in line[col..col + colspan].iter_mut().enumerate() {
                    // An overlap (malformed spans) keeps the first cell.
                    if slot.is_none() {
                        *slot = Some(if k == 0 && j == 0 {
                            clean(&cell.text)
                        } else {
                            String::new()
                        });
                    }
                }
            }
            col += colspan;
        }
    }
    grid.into_iter()
        .map(|line| line.into_iter().map(Option::unwrap_or_default).collect())
        .collect()
}

/// Writes a resolved grid as tab-separated lines, padding every line to the
/// table's width and leaving out rows with no text at all.
pub fn write_tsv(grid: &[Vec<String>], out: &mut String) {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for line in grid {
        if line.iter().all(|c| c.is_empty()) {
            continue;
        }
        for c in 0..width {
            if c > 0 {
                out.push('\t');
            }
            if let Some(text) = line.get(c) {
                out.push_str(text);
            }
        }
        out.push('\n');
    }
}

/// A cell's text on one line: tabs and line breaks inside a cell would split
/// it into several cells or rows, so they become single spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str, rowspan: usize, colspan: usize) -> SpanCell {
        SpanCell::new(text.into(), rowspan, colspan)
    }

    #[test]
    fn rowspan_and_colspan_keep_positions() {
        let rows = vec![
            vec![
                c("三、本年度办理结果", 3, 1),
                c("（一）予以公开", 1, 2),
                c("12", 1, 1),
            ],
            vec![
                c("（三）不予公开", 2, 1),
                c("1.属于国家秘密", 1, 1),
                c("", 1, 1),
            ],
            vec![c("2.其他", 1, 1), c("7", 1, 1)],
        ];
        let mut out = String::new();
        write_tsv(&resolve(&rows), &mut out);
        assert_eq!(
            out,
            "三、本年度办理结果\t（一）予以公开\t\t12\n\
             \t（三）不予公开\t1.属于国家秘密\t\n\
             \t\t2.其他\t7\n"
        );
    }

    #[test]
    fn hostile_spans_stay_bounded() {
        let rows = vec![vec![c("a", usize::MAX, usize::MAX), c("b", 0, 0)]];
        let grid = resolve(&rows);
        assert_eq!(grid.len(), 1);
        assert!(grid[0].len() <= MAX_COLUMNS);
    }

    #[test]
    fn cell_text_is_one_line() {
        assert_eq!(clean(" 结果\n 维持\t"), "结果 维持");
    }
}
