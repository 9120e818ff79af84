//! Tables drawn without rules ("stream" tables): consecutive lines that
//! break into chunks at wide gaps and carry numbers are rows; their columns
//! are the x ranges where the value chunks of all rows overlap. A row
//! missing a value leaves that column empty instead of shifting the rest.

use super::lines::{Line, PlacedText};
use crate::model::PdfBox;

/// Whether `line` looks like a row of an unruled table.
pub fn is_row(line: &Line) -> bool {
    line.chunks.len() > 1 && line.chunks.iter().any(|c| is_number(c))
}

pub fn is_number(s: &str) -> bool {
    let s = s.trim();
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
}

/// The rows as a grid: column 0 holds the labels (a row's first chunk when
/// it is text), the others the value columns in x order. An empty value
/// cell's place is its column's extent on its row.
pub fn grid(rows: &[&Line]) -> Vec<Vec<PlacedText>> {
    // Value chunks: all but a leading label.
    let values = |l: &&Line| {
        let skip = usize::from(!is_number(&l.chunks[0]));
        l.spans.iter().skip(skip).copied().collect::<Vec<_>>()
    };
    let mut ranges: Vec<(f64, f64)> = rows.iter().flat_map(values).collect();
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in ranges {
        match columns.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => columns.push((x0, x1)),
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for line in rows {
        let mut cells = vec![PlacedText::default(); columns.len() + 1];
        for (i, ((text, &(x0, x1)), &at)) in line
            .chunks
            .iter()
            .zip(&line.spans)
            .zip(&line.places)
            .enumerate()
        {
            let col = if i == 0 && !is_number(text) {
                0
            } else {
                // The column this chunk overlaps most, else the nearest.
                let centre = (x0 + x1) / 2.0;
                columns
                    .iter()
                    .enumerate()
                    .min_by(|a, b| distance(a.1, centre).total_cmp(&distance(b.1, centre)))
                    .map_or(0, |(j, _)| j + 1)
            };
            let cell = &mut cells[col];
            if !cell.text.is_empty() {
                cell.text.push(' ');
            }
            cell.text
                .push_str(&crate::parser::decode::grid::clean(text));
            cell.at = match (cell.at, at) {
                (Some(a), Some(b)) if a.page == b.page => Some(a.union(b)),
                (a, b) => a.or(b),
            };
        }
        let page = line.places.iter().flatten().map(|p| p.page).next();
        if let Some(page) = page {
            for (cell, &(x0, x1)) in cells[1..].iter_mut().zip(&columns) {
                if cell.text.is_empty() {
                    cell.at = Some(PdfBox::new(page, x0, line.top, x1, line.bottom));
                }
            }
        }
        out.push(cells);
    }
    out
}

fn distance(&(x0, x1): &(f64, f64), x: f64) -> f64 {
    if x < x0 {
        x0 - x
    } else if x > x1 {
        x - x1
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(grid: Vec<Vec<PlacedText>>) -> Vec<Vec<String>> {
        grid.into_iter()
            .map(|r| r.into_iter().map(|c| c.text).collect())
            .collect()
    }

    fn line(chunks: &[(&str, f64)]) -> Line {
        Line {
            top: 0.0,
            bottom: 10.0,
            x0: 0.0,
            x1: 0.0,
            chunks: chunks.iter().map(|(t, _)| t.to_string()).collect(),
            spans: chunks
                .iter()
                .map(|(t, x)| (*x, x + 6.0 * t.chars().count() as f64))
                .collect(),
            places: vec![None; chunks.len()],
        }
    }

    #[test]
    fn missing_value_leaves_its_column_empty() {
        let a = line(&[
            ("行政许可", 0.0),
            ("58", 200.0),
            ("+4", 260.0),
            ("2315", 320.0),
        ]);
        let b = line(&[("其他对外管理服务事项", 0.0), ("21", 200.0), ("-3", 260.0)]);
        let c = line(&[("行政强制", 0.0), ("9", 202.0), ("26", 322.0)]);
        assert!(is_row(&a) && is_row(&b) && is_row(&c));
        assert_eq!(
            text(grid(&[&a, &b, &c])),
            vec![
                vec!["行政许可", "58", "+4", "2315"],
                vec!["其他对外管理服务事项", "21", "-3", ""],
                vec!["行政强制", "9", "", "26"],
            ]
        );
    }
}
