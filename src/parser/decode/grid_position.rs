//! Where a value of a rendered document stands in the document's own table.
//! HTML and DOCX tables are rendered as blocks of tab-separated lines, one
//! line per grid row, so a position in the rendered text tells the table
//! (which block), the row (which line of it) and the column (how many tabs
//! before it on its line).

use crate::model::GridPos;

/// The tables of one rendered text, ready for lookups.
pub struct GridIndex<'a> {
    text: &'a str,
    /// (line start, table number, row) for every line of a table block.
    lines: Vec<(usize, usize, usize)>,
}

impl<'a> GridIndex<'a> {
    pub fn new(text: &'a str) -> GridIndex<'a> {
        let mut lines = Vec::new();
        let (mut table, mut row, mut in_table) = (0, 0, false);
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            if line.contains('\t') {
                if !in_table {
                    table += 1;
                    row = 0;
                    in_table = true;
                }
                row += 1;
                lines.push((start, table, row));
            } else {
                in_table = false;
            }
            start += line.len();
        }
        GridIndex { text, lines }
    }

    /// The grid position of the text at byte `offset`, if it is in a table.
    pub fn at(&self, offset: usize) -> Option<GridPos> {
        let k = self
            .lines
            .partition_point(|&(s, _, _)| s <= offset)
            .checked_sub(1)?;
        let (line_start, table, row) = self.lines[k];
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |e| line_start + e);
        if offset > line_end {
            return None;
        }
        let col = self.text[line_start..offset].matches('\t').count() + 1;
        Some(GridPos { table, row, col })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_rows_columns() {
        let text = "标题\n规章\t1\t2\n行政许可\t3\n\n正文\n总计\t\t9\n";
        let g = GridIndex::new(text);
        let at = |needle: &str| g.at(text.find(needle).unwrap());
        assert_eq!(
            at("2\n"),
            Some(GridPos {
                table: 1,
                row: 1,
                col: 3
            })
        );
        assert_eq!(
            at("3\n"),
            Some(GridPos {
                table: 1,
                row: 2,
                col: 2
            })
        );
        assert_eq!(
            at("9"),
            Some(GridPos {
                table: 2,
                row: 1,
                col: 3
            })
        );
        assert_eq!(at("正文"), None);
    }
}
