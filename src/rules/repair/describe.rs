//! What a proposal does and why, in Chinese and English, naming the rows
//! as the report does (quoted in English, see `crate::text`).

use super::*;
use crate::model::{CellRef, Number, Report, Table, UnreadRow};
use crate::text::{Lang, Text};

/// A value as shown in a proposal: the number, or 空 / blank.
pub(super) fn show(v: Option<f64>, lang: Lang) -> String {
    v.map(|v| Number(v).to_string())
        .unwrap_or_else(|| lang.t("空", "blank").into())
}

pub(super) fn describe(report: &Report, c: &Candidate) -> Text {
    let (at, to) = c.changes[0];
    let Some(t) = report.tables.get(at.table) else {
        return Text::default();
    };
    match c.kind {
        Kind::WrongRow => {
            let (to_at, _) = c.changes[1];
            let from = t.cells[at.row][at.col]
                .value
                .map(|v| Number(v).to_string())
                .unwrap_or_default();
            let (row, col, to_row) = (
                t.spec.rows[at.row].name,
                t.spec.rows[at.row].columns[at.col].label,
                t.spec.rows[to_at.row].name,
            );
            Text::new(
                format!(
                    "{row}·{col} 的 {from} 移到“{to_row}”同一列（疑似填错行，移动后两行合计都成立）"
                ),
                format!(
                    "move the {from} of “{row}” · “{col}” to the same column of “{to_row}” (likely entered in the wrong row; both rows add up after the move)"
                ),
            )
        }
        Kind::Join { at, left, right } => {
            let row = &t.spec.rows[at.row];
            let joined = join_digits(left, right)
                .map(|j| Number(j).to_string())
                .unwrap_or_default();
            let last = row.columns[row.columns.len() - 1].label;
            let (left, right) = (Number(left), Number(right));
            Text::new(
                format!(
                    "{}：把“{left}”和“{right}”合为 {joined}（数字被拆成两格），其后各格左移一格，“{last}”留空",
                    row.name
                ),
                format!(
                    "“{}”: join “{left}” and “{right}” into {joined} (one number split over two cells); the cells after it move left one, “{last}” left blank",
                    row.name
                ),
            )
        }
        Kind::Shift { at, right } => {
            let row = &t.spec.rows[at.row];
            if right {
                let first = row.columns[0].label;
                Text::new(
                    format!(
                        "{}：整行右移一列（“{first}”留空；疑似漏读了行首的空格）",
                        row.name
                    ),
                    format!(
                        "“{}”: move the whole row right one column (“{first}” left blank; a blank cell at its start was likely missed)",
                        row.name
                    ),
                )
            } else {
                let last = row.columns[row.columns.len() - 1].label;
                Text::new(
                    format!(
                        "{}：整行左移一列（“{last}”留空；疑似多读了一个空格）",
                        row.name
                    ),
                    format!(
                        "“{}”: move the whole row left one column (“{last}” left blank; an extra blank cell was likely read)",
                        row.name
                    ),
                )
            }
        }
        Kind::SingleCell | Kind::DroppedDigit => {
            let row = &t.spec.rows[at.row];
            let col = &row.columns[at.col];
            let (why, why_en) = if c.kind == Kind::DroppedDigit {
                ("疑似漏读一位数字", "a digit was likely missed")
            } else {
                (
                    "只改这一格即可使勾稽关系成立",
                    "changing this one cell makes the rules hold",
                )
            };
            let old = t.cells[at.row][at.col].value;
            Text::new(
                format!(
                    "{}·{}：{} → {}（{why}）",
                    row.name,
                    col.label,
                    show(old, Lang::Zh),
                    show(to, Lang::Zh)
                ),
                format!(
                    "“{}” · “{}”: {} → {} ({why_en})",
                    row.name,
                    col.label,
                    show(old, Lang::En),
                    show(to, Lang::En)
                ),
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
) -> Text {
    let name = unread_name(report, u);
    let label = |at: &CellRef, lang: Lang| {
        let row = &t.spec.rows[at.row];
        let col = row.columns[at.col].label;
        match (u.row.is_some(), lang) {
            (true, _) => col.to_string(),
            (false, Lang::Zh) => format!("{}·{col}", row.name),
            (false, Lang::En) => format!("{}” · “{col}", row.name),
        }
    };
    let v = &u.values;
    let one = |lang: Lang| {
        let values: Vec<String> = cells
            .iter()
            .map(|at| {
                show(
                    changes.iter().find(|(c, _)| c == at).and_then(|(_, v)| *v),
                    lang,
                )
            })
            .collect();
        let values = values.join(" ");
        let name = name.text(lang);
        match (fill, lang) {
            (Fill::AsRead, Lang::Zh) => format!("{name}：按读到的数依次填入 {values}"),
            (Fill::AsRead, Lang::En) => format!("{name}: fill in the values as read: {values}"),
            (Fill::Join(j), _) => {
                let joined = show(
                    changes
                        .iter()
                        .find(|(c, _)| *c == cells[j])
                        .and_then(|(_, v)| *v),
                    lang,
                );
                let (a, b) = (show(v[j], lang), show(v[j + 1], lang));
                match lang {
                    Lang::Zh => format!(
                        "{name}：把“{a}”和“{b}”合为 {joined}（数字被拆成两格），依次填入 {values}"
                    ),
                    Lang::En => format!(
                        "{name}: join “{a}” and “{b}” into {joined} (one number split over two cells), then fill in {values}"
                    ),
                }
            }
            (Fill::DropFirst, Lang::Zh) => format!(
                "{name}：整行左移一列（舍去行首多读的“{}”），填入 {values}",
                show(v[0], lang)
            ),
            (Fill::DropFirst, Lang::En) => format!(
                "{name}: move the row left one column (dropping the extra “{}” read at its start), fill in {values}",
                show(v[0], lang)
            ),
            (Fill::DropLast, Lang::Zh) => format!(
                "{name}：舍去行末多读的“{}”，依次填入 {values}",
                show(v[v.len() - 1], lang)
            ),
            (Fill::DropLast, Lang::En) => format!(
                "{name}: drop the extra “{}” read at the row's end, fill in {values}",
                show(v[v.len() - 1], lang)
            ),
            (Fill::BlankFirst, Lang::Zh) => format!(
                "{name}：整行右移一列（“{}”留空），填入 {values}",
                label(&cells[0], lang)
            ),
            (Fill::BlankFirst, Lang::En) => format!(
                "{name}: move the row right one column (“{}” left blank), fill in {values}",
                label(&cells[0], lang)
            ),
            (Fill::BlankLast, Lang::Zh) => format!(
                "{name}：依次填入 {values}，“{}”留空",
                label(&cells[cells.len() - 1], lang)
            ),
            (Fill::BlankLast, Lang::En) => format!(
                "{name}: fill in {values}, “{}” left blank",
                label(&cells[cells.len() - 1], lang)
            ),
        }
    };
    Text::new(one(Lang::Zh), one(Lang::En))
}
