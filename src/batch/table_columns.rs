//! The columns of the one-row-per-report table and each report's values in
//! them, shared by the CSV (`csv_table`) and the Excel workbook
//! (`export::xlsx_batch`): the report's file, metadata and rule counts, then
//! one column per cell of every layout. The columns and their order come
//! from the template (`assets/template.tsv`), so they are stable.

use crate::batch::Outcome;
use crate::model::{Cell, Status};
use crate::template::{LAYOUTS, TableId, TableSpec};

/// The columns before the cells (their English keys).
pub const LEADING_COLUMNS: &[&str] = &[
    "file",
    "agency",
    "year",
    "template",
    "published",
    "province",
    "city",
    "county",
    "region_code",
    "encoding",
    "failed_rules",
    "advisory_rules",
    "tables_missing",
    "error",
];

/// The Chinese headers of [`LEADING_COLUMNS`], in the same order.
pub const LEADING_COLUMNS_ZH: &[&str] = &[
    "文件",
    "机关",
    "年度",
    "格式",
    "发布日期",
    "省",
    "市",
    "县区",
    "行政区划代码",
    "编码",
    "不符规则数",
    "提示数",
    "缺少的表",
    "无法读取的原因",
];

/// Which words head the columns: the English keys (`applications.granted.total`,
/// stable for scripts) or Chinese (`表三 （一）予以公开 总计`, for people).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Headers {
    #[default]
    En,
    Zh,
}

/// One cell column: table, row key, column key.
pub type CellColumn = (TableId, &'static str, &'static str);

/// Every cell column: table by table, the 2021 layout's rows and columns
/// first, then those only the 2019 layout has.
pub fn cell_columns() -> Vec<CellColumn> {
    let mut out: Vec<CellColumn> = Vec::new();
    for id in TableId::ALL {
        for spec in LAYOUTS.iter().filter(|l| l.id == id) {
            for row in spec.rows {
                for col in row.columns {
                    if !out
                        .iter()
                        .any(|&(t, r, c)| t == id && r == row.key && c == col.key)
                    {
                        out.push((id, row.key, col.key));
                    }
                }
            }
        }
    }
    out
}

/// The header of every column, leading columns then cells.
pub fn header(headers: Headers, cells: &[CellColumn]) -> Vec<String> {
    let leading = match headers {
        Headers::En => LEADING_COLUMNS,
        Headers::Zh => LEADING_COLUMNS_ZH,
    };
    leading
        .iter()
        .map(|s| s.to_string())
        .chain(cells.iter().map(|&c| cell_header(headers, c)))
        .collect()
}

/// A cell column's header: `applications.granted.total`, or in Chinese the
/// table's short name, the row's name and the column's label as the first
/// layout having them writes them (`表三 （一）予以公开 总计`).
pub fn cell_header(headers: Headers, (id, row, col): CellColumn) -> String {
    if headers == Headers::En {
        return format!("{}.{row}.{col}", id.key());
    }
    let named = LAYOUTS.iter().filter(|l| l.id == id).find_map(|spec| {
        let r = &spec.rows[spec.row(row)?];
        Some((r.name, r.columns[r.column(col)?].label))
    });
    let (row, col) = named.unwrap_or((row, col));
    format!("{} {row} {col}", id.short_title())
}

/// One value of a row: numbers stay numbers (Excel sums them), nulls stay empty.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Empty,
    Text(String),
    Number(f64),
}

impl Field {
    fn text(v: Option<String>) -> Field {
        v.filter(|s| !s.is_empty())
            .map(Field::Text)
            .unwrap_or(Field::Empty)
    }
}

/// How many columns lead the cells; index of the `error` column.
pub const ERROR_COLUMN: usize = 13;

/// The values of one report (or unreadable file) in the table's columns.
/// `headers` chooses how the missing tables are named (keys or 表二…).
pub fn record(outcome: &Outcome, cells: &[CellColumn], headers: Headers) -> Vec<Field> {
    let mut record: Vec<Field> = Vec::with_capacity(LEADING_COLUMNS.len() + cells.len());
    match outcome {
        Outcome::Failed { file, reason } => {
            record.push(Field::Text(file.clone()));
            record.extend(std::iter::repeat_n(Field::Empty, ERROR_COLUMN - 1));
            record.push(Field::Text(reason.clone()));
            record.extend(std::iter::repeat_n(Field::Empty, cells.len()));
        }
        Outcome::Parsed(r) => {
            let count = |s: Status| r.checks.iter().filter(|c| c.status == s).count() as f64;
            let missing: Vec<&str> = TableId::ALL
                .iter()
                .filter(|&&id| r.tables.get(id).is_none())
                .map(|&id| match headers {
                    Headers::En => id.key(),
                    Headers::Zh => id.short_title(),
                })
                .collect();
            record.push(Field::Text(r.source.file.clone()));
            record.push(Field::text(r.meta.agency.clone()));
            record.push(
                r.meta
                    .year
                    .map(|y| Field::Number(f64::from(y)))
                    .unwrap_or(Field::Empty),
            );
            record.push(Field::text(r.meta.template.map(|t| t.as_str().to_string())));
            record.push(Field::text(r.meta.published.clone()));
            let region = r.meta.region.clone().unwrap_or_default();
            record.extend(
                [region.province, region.city, region.county, region.code].map(Field::text),
            );
            record.push(Field::Text(r.source.encoding.clone()));
            record.push(Field::Number(count(Status::Fail)));
            record.push(Field::Number(count(Status::Warn)));
            record.push(Field::text(Some(missing.join(" "))));
            record.push(Field::Empty);
            for &(id, row, col) in cells {
                let v = r
                    .tables
                    .get(id)
                    .and_then(|t| cell_value(t.spec, &t.cells, row, col));
                record.push(v.map(Field::Number).unwrap_or(Field::Empty));
            }
        }
    }
    record
}

fn cell_value(spec: &TableSpec, cells: &[Vec<Cell>], row: &str, col: &str) -> Option<f64> {
    let r = spec.row(row)?;
    let c = spec.rows[r].column(col)?;
    cells[r][c].value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_headers_are_unique_and_name_the_cell() {
        let cells = cell_columns();
        let zh = header(Headers::Zh, &cells);
        let unique: std::collections::HashSet<&String> = zh.iter().collect();
        assert_eq!(unique.len(), zh.len());
        assert!(zh.contains(&"表三 （一）予以公开 总计".to_string()));
        assert!(zh.contains(&"表四 行政复议 结果维持".to_string()));
        assert_eq!(LEADING_COLUMNS.len(), LEADING_COLUMNS_ZH.len());
        assert_eq!(LEADING_COLUMNS[ERROR_COLUMN], "error");
    }
}
