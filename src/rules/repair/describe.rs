//! What a proposal does and why, in Chinese, naming the rows as the report
//! does.

use super::*;
use crate::model::{CellRef, Number, Report, Table, UnreadRow};

pub(super) fn show(v: Option<f64>) -> String {
    v.map(|v| Number(v).to_string())
        .unwrap_or_else(|| "空".into())
}

pub(super) fn describe(report: &Report, c: &Candidate) -> String {
    let (at, to) = c.changes[0];
    let Some(t) = report.tables.get(at.table) else {
        return String::new();
    };
    match c.kind {
        Kind::WrongRow => {
            let (to_at, _) = c.changes[1];
            let from = t.cells[at.row][at.col]
                .value
                .map(|v| Number(v).to_string())
                .unwrap_or_default();
            format!(
                "{}·{} 的 {from} 移到“{}”同一列（疑似填错行，移动后两行合计都成立）",
                t.spec.rows[at.row].name,
                t.spec.rows[at.row].columns[at.col].label,
                t.spec.rows[to_at.row].name
            )
        }
        Kind::Join { at, left, right } => {
            let row = &t.spec.rows[at.row];
            let joined = join_digits(left, right).map(Number);
            format!(
                "{}：把“{}”和“{}”合为 {}（数字被拆成两格），其后各格左移一格，“{}”留空",
                row.name,
                Number(left),
                Number(right),
                joined.map(|j| j.to_string()).unwrap_or_default(),
                row.columns[row.columns.len() - 1].label
            )
        }
        Kind::Shift { at, right } => {
            let row = &t.spec.rows[at.row];
            if right {
                format!(
                    "{}：整行右移一列（“{}”留空；疑似漏读了行首的空格）",
                    row.name, row.columns[0].label
                )
            } else {
                format!(
                    "{}：整行左移一列（“{}”留空；疑似多读了一个空格）",
                    row.name,
                    row.columns[row.columns.len() - 1].label
                )
            }
        }
        Kind::SingleCell | Kind::DroppedDigit => {
            let row = &t.spec.rows[at.row];
            let col = &row.columns[at.col];
            let why = if c.kind == Kind::DroppedDigit {
                "疑似漏读一位数字"
            } else {
                "只改这一格即可使勾稽关系成立"
            };
            format!(
                "{}·{}：{} → {}（{why}）",
                row.name,
                col.label,
                show(t.cells[at.row][at.col].value),
                show(to)
            )
        }
    }
}

pub(super) fn describe_fill(
    report: &Report,
    u: &UnreadRow,
    t: &Table,
    cells: &[CellRef],
    fill: Fill,
    changes: &[(CellRef, Option<f64>)],
) -> String {
    let name = unread_name(report, u);
    let values: Vec<String> = cells
        .iter()
        .map(|at| show(changes.iter().find(|(c, _)| c == at).and_then(|(_, v)| *v)))
        .collect();
    let values = values.join(" ");
    let label = |at: &CellRef| {
        let row = &t.spec.rows[at.row];
        if u.row.is_some() {
            row.columns[at.col].label.to_string()
        } else {
            format!("{}·{}", row.name, row.columns[at.col].label)
        }
    };
    let v = &u.values;
    match fill {
        Fill::AsRead => format!("{name}：按读到的数依次填入 {values}"),
        Fill::Join(j) => format!(
            "{name}：把“{}”和“{}”合为 {}（数字被拆成两格），依次填入 {values}",
            show(v[j]),
            show(v[j + 1]),
            show(
                changes
                    .iter()
                    .find(|(c, _)| *c == cells[j])
                    .and_then(|(_, v)| *v)
            )
        ),
        Fill::DropFirst => format!(
            "{name}：整行左移一列（舍去行首多读的“{}”），填入 {values}",
            show(v[0])
        ),
        Fill::DropLast => format!(
            "{name}：舍去行末多读的“{}”，依次填入 {values}",
            show(v[v.len() - 1])
        ),
        Fill::BlankFirst => format!(
            "{name}：整行右移一列（“{}”留空），填入 {values}",
            label(&cells[0])
        ),
        Fill::BlankLast => format!(
            "{name}：依次填入 {values}，“{}”留空",
            label(&cells[cells.len() - 1])
        ),
    }
}
