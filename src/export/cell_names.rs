//! Cells named for people, as the report names them: `表三 （一）予以公开 ·
//! 总计`, and the cells and values of a rule.

use crate::model::{CellRef, Check, Number, Report};
use crate::template::{TableId, TableSpec};

/// The cell's name: table, row and column as the report writes them.
pub fn cell_name(spec: &TableSpec, at: CellRef) -> String {
    match spec.rows.get(at.row) {
        Some(row) => match row.columns.get(at.col) {
            Some(col) => format!("{} {} · {}", at.table.short_title(), row.name, col.label),
            None => format!("{} {}", at.table.short_title(), row.name),
        },
        None => at.table.short_title().to_string(),
    }
}

/// A correction's cell (`applications.granted.total`, `meta.year`) named.
pub fn path_name(report: &Report, path: &str) -> String {
    match path {
        "meta.agency" => return "机关名称".into(),
        "meta.year" => return "年度".into(),
        "meta.published" => return "发布日期".into(),
        _ => {}
    }
    let at = path
        .split('.')
        .next()
        .and_then(TableId::from_key)
        .and_then(|id| report.tables.get(id))
        .and_then(|t| Some((t.spec, CellRef::parse(path, t.spec)?)));
    match at {
        Some((spec, at)) => cell_name(spec, at),
        None => path.to_string(),
    }
}

/// A value as the report would print it; empty is 空.
pub fn show(v: Option<f64>) -> String {
    v.map(|v| Number(v).to_string())
        .unwrap_or_else(|| "空".into())
}

/// The cells a rule looks at, each named with its current value:
/// `表三 （一）予以公开 · 总计 = 5`.
pub fn check_cells(report: &Report, check: &Check) -> Vec<String> {
    check
        .cell_refs
        .iter()
        .map(|&at| {
            let spec = report
                .tables
                .get(at.table)
                .map(|t| t.spec)
                .unwrap_or_else(|| TableSpec::get(at.table, check.layout));
            let value = report.tables.cell(at).and_then(|c| c.value);
            format!("{} = {}", cell_name(spec, at), show(value))
        })
        .collect()
}

/// A rule's expected and actual amounts, when it has them: `应为 12，实为 10`.
pub fn expected_actual(check: &Check) -> Option<String> {
    match (check.expected, check.actual) {
        (Some(e), Some(a)) => Some(format!("应为 {e}，实为 {a}")),
        _ => None,
    }
}
