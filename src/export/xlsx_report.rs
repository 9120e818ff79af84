//! The Excel workbook of one report: sheets 表二, 表三 and 表四 laid out as
//! the printed template (`layout`), holding the report's current values
//! (corrections applied); a corrected cell filled yellow with a note giving
//! the value the parser read; each cell of a failing rule filled red with
//! the rule's message in its note; and a 问题 sheet listing every failing
//! rule, advisory, reading warning and correction with its cells and values.
//!
//! The same pieces write each report's sheet of a batch workbook
//! (`xlsx_batch`): the three tables one under another.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use super::ExportError;
use super::cell_names::{cell_name, check_cells, expected_actual, path_name, show};
use super::layout::{Area, Plan, TextKind, plan};
use crate::model::{CellRef, Check, Report, Status};
use crate::template::{TableId, TableSpec};

/// The fill of a corrected cell.
pub const EDITED_FILL: u32 = 0xFFF2CC;
/// The fill of a cell a failing rule involves.
pub const FAILING_FILL: u32 = 0xF8CBAD;
const HEADER_FILL: u32 = 0xDDEBF7;

/// The longest text written into one cell (Excel's limit is 32,767).
const MAX_CELL_TEXT: usize = 32_000;

/// The author written on every note.
const AUTHOR: &str = "nianbao";

/// The cell formats of the workbooks.
pub struct Styles {
    pub title: Format,
    pub header: Format,
    pub label: Format,
    pub value: Format,
    pub edited: Format,
    pub failing: Format,
    pub text: Format,
}

impl Default for Styles {
    fn default() -> Self {
        let boxed = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let value = boxed.clone().set_align(FormatAlign::Right);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: boxed
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER_FILL)),
            label: boxed.clone().set_text_wrap(),
            edited: value.clone().set_background_color(Color::RGB(EDITED_FILL)),
            failing: value.clone().set_background_color(Color::RGB(FAILING_FILL)),
            value,
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// What a cell's note says and how it is filled.
#[derive(Debug, Default)]
struct Mark {
    /// The value the parser read, when the cell was corrected.
    corrected_from: Option<Option<f64>>,
    /// The failing rules that involve the cell.
    failing: Vec<String>,
}

/// The marked cells of one report: corrected, or involved in a failing rule.
#[derive(Debug, Default)]
pub struct Marks(BTreeMap<CellRef, Mark>);

impl Marks {
    pub fn of(report: &Report) -> Marks {
        let mut out: BTreeMap<CellRef, Mark> = BTreeMap::new();
        for c in &report.corrections {
            if let Some(at) = cell_of_path(report, &c.cell) {
                out.entry(at).or_default().corrected_from = Some(c.from.map(|n| n.0));
            }
        }
        for check in report.checks.iter().filter(|c| c.status == Status::Fail) {
            for &at in &check.cell_refs {
                out.entry(at).or_default().failing.push(rule_text(check));
            }
        }
        Marks(out)
    }
}

/// The cell of a dotted path (`applications.granted.total`) in the report's layouts.
fn cell_of_path(report: &Report, path: &str) -> Option<CellRef> {
    let id = TableId::from_key(path.split('.').next()?)?;
    CellRef::parse(path, report.tables.get(id)?.spec)
}

/// A rule as notes and the 问题 sheet say it: its message, and the amounts.
fn rule_text(check: &Check) -> String {
    match expected_actual(check) {
        Some(ea) => format!("{}（{ea}）", check.message),
        None => check.message.to_string(),
    }
}

/// A marked cell's note.
fn note_text(spec: &TableSpec, at: CellRef, mark: &Mark) -> String {
    let mut lines = vec![cell_name(spec, at)];
    if let Some(from) = mark.corrected_from {
        lines.push(format!("已更正：原值（解析）{}", show(from)));
    }
    for rule in &mark.failing {
        lines.push(format!("不符：{rule}"));
    }
    lines.join("\n")
}

/// The workbook of one report: 表二, 表三, 表四, 问题.
pub fn report_workbook(report: &Report) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::default();
    let marks = Marks::of(report);
    let mut book = Workbook::new();
    for id in TableId::ALL {
        let ws = book.add_worksheet();
        ws.set_name(id.short_title())?;
        // Printed, each table is one page wide, as the template is.
        ws.set_landscape().set_print_fit_to_pages(1, 0);
        write_heading(ws, &styles, report, id.title(), 0)?;
        let widths = write_table(ws, &styles, report, &marks, id, 3)?;
        set_widths(ws, &widths)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("问题")?;
    let mut problems = ProblemsSheet::new(ws, &styles, &[])?;
    problems.add(ws, &styles, report, &[])?;
    problems.finish(ws)?;
    Ok(book.save_to_buffer()?)
}

/// A title and the report's agency, year and file, on two rows from `top`.
pub fn write_heading(
    ws: &mut Worksheet,
    styles: &Styles,
    report: &Report,
    title: &str,
    top: u32,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(top, 0, title, &styles.title)?;
    let m = &report.meta;
    let unknown = || "（未识别）".to_string();
    let line = format!(
        "机关：{}　年度：{}　文件：{}",
        m.agency.clone().unwrap_or_else(unknown),
        m.year.map(|y| y.to_string()).unwrap_or_else(unknown),
        report.source.file
    );
    ws.write_string(top + 1, 0, line)?;
    Ok(())
}

/// The width each column of a sheet wants, in Excel's character units.
pub type Widths = Vec<f64>;

/// Sets the columns' widths.
pub fn set_widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, &w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// Writes table `id` with its header at row `top`; returns the rows it took
/// and the widths its columns want. A table the report lacks is one line
/// saying so.
pub fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    report: &Report,
    marks: &Marks,
    id: TableId,
    top: u32,
) -> Result<Widths, XlsxError> {
    let Some(table) = report.tables.get(id) else {
        ws.write_string_with_format(top, 0, "（报告中没有此表）", &styles.title)?;
        return Ok(vec![]);
    };
    let p = plan(table.spec);
    let shift = |a: Area| Area {
        first_row: a.first_row + top,
        last_row: a.last_row + top,
        ..a
    };
    for t in &p.texts {
        let format = match t.kind {
            TextKind::Header => &styles.header,
            TextKind::Label => &styles.label,
        };
        put(ws, shift(t.area), Value::Text(&t.text), format)?;
    }
    for (r, row) in table.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Some(&area) = p.values.get(r).and_then(|v| v.get(c)) else {
                continue;
            };
            let here = CellRef {
                table: id,
                row: r,
                col: c,
            };
            let mark = marks.0.get(&here);
            let format = match mark {
                Some(m) if m.corrected_from.is_some() => &styles.edited,
                Some(m) if !m.failing.is_empty() => &styles.failing,
                _ => &styles.value,
            };
            let area = shift(area);
            put(ws, area, Value::Number(cell.value), format)?;
            if let Some(m) = mark {
                let note = Note::new(note_text(table.spec, here, m))
                    .set_author(AUTHOR)
                    .add_author_prefix(false)
                    .set_width(300)
                    .set_height(120);
                ws.insert_note(area.first_row, area.first_col, &note)?;
            }
        }
    }
    let widths = widths(&p, id);
    for (row, lines) in row_lines(&p, &widths) {
        if lines > 1 {
            ws.set_row_height(top + row, 15.0 * lines as f64)?;
        }
    }
    Ok(widths)
}

/// A cell's content.
enum Value<'a> {
    Text(&'a str),
    Number(Option<f64>),
}

/// Writes a value into an area, merging it when it spans several cells;
/// an empty value leaves the cell blank (with its format).
fn put(ws: &mut Worksheet, a: Area, value: Value, format: &Format) -> Result<(), XlsxError> {
    if a.is_merged() {
        let text = match value {
            Value::Text(t) => t,
            Value::Number(_) => "",
        };
        ws.merge_range(
            a.first_row,
            a.first_col,
            a.last_row,
            a.last_col,
            text,
            format,
        )?;
        if let Value::Number(Some(v)) = value {
            ws.write_number_with_format(a.first_row, a.first_col, v, format)?;
        }
        return Ok(());
    }
    match value {
        Value::Text(t) => ws.write_string_with_format(a.first_row, a.first_col, t, format)?,
        Value::Number(Some(v)) => {
            ws.write_number_with_format(a.first_row, a.first_col, v, format)?
        }
        Value::Number(None) => ws.write_blank(a.first_row, a.first_col, format)?,
    };
    Ok(())
}

/// Column widths for a table's plan: label columns wide enough for the
/// template's labels, value columns for their headers.
fn widths(p: &Plan, id: TableId) -> Widths {
    let labels: &[f64] = match id {
        TableId::ActiveDisclosure => &[22.0],
        TableId::Applications => &[12.0, 14.0, 40.0],
        TableId::ReviewLitigation => &[],
    };
    let value = match id {
        TableId::ActiveDisclosure => 16.0,
        TableId::Applications => 11.0,
        TableId::ReviewLitigation => 9.0,
    };
    (0..p.width as usize)
        .map(|c| labels.get(c).copied().unwrap_or(value))
        .collect()
}

/// Rows whose text needs more than one line at these widths, and how many:
/// Excel does not grow a row for wrapped text it did not lay out itself.
fn row_lines(p: &Plan, widths: &[f64]) -> Vec<(u32, usize)> {
    let mut out: BTreeMap<u32, usize> = BTreeMap::new();
    for t in p
        .texts
        .iter()
        .filter(|t| t.area.first_row == t.area.last_row)
    {
        let width: f64 = (t.area.first_col..=t.area.last_col)
            .map(|c| widths.get(c as usize).copied().unwrap_or(10.0))
            .sum();
        // A Chinese character takes about two units of width.
        let units: f64 = t
            .text
            .chars()
            .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
            .sum();
        let lines = (units / (width - 1.0).max(1.0)).ceil() as usize;
        let e = out.entry(t.area.first_row).or_default();
        *e = (*e).max(lines);
    }
    out.into_iter().collect()
}

/// The columns of a 问题 sheet after any leading ones (a batch's file, agency, year).
const PROBLEM_COLUMNS: &[(&str, f64)] = &[
    ("类型", 8.0),
    ("规则", 26.0),
    ("位置", 26.0),
    ("说明", 50.0),
    ("应为", 9.0),
    ("实为", 9.0),
    ("单元格及数值", 60.0),
];

/// A 问题 sheet being written: every failing rule, advisory, reading
/// warning and correction, a row each, and the reviewer's remarks, under a
/// frozen, filtered header.
pub struct ProblemsSheet {
    row: u32,
    lead: u16,
}

impl ProblemsSheet {
    /// Starts the sheet: `leading` columns (name, width) before the problem's own.
    pub fn new(
        ws: &mut Worksheet,
        styles: &Styles,
        leading: &[(&str, f64)],
    ) -> Result<ProblemsSheet, XlsxError> {
        for (c, (name, width)) in leading.iter().chain(PROBLEM_COLUMNS).enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &styles.header)?;
            ws.set_column_width(c as u16, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(ProblemsSheet {
            row: 1,
            lead: leading.len() as u16,
        })
    }

    /// The report's rows, each after the `leading` values.
    pub fn add(
        &mut self,
        ws: &mut Worksheet,
        styles: &Styles,
        report: &Report,
        leading: &[LeadValue],
    ) -> Result<(), XlsxError> {
        let checks = report
            .checks
            .iter()
            .filter(|c| c.status == Status::Fail)
            .chain(report.checks.iter().filter(|c| c.status == Status::Warn));
        for check in checks {
            let kind = if check.status == Status::Fail {
                "不符"
            } else {
                "提示"
            };
            self.start_row(ws, styles, leading)?;
            let c = self.lead;
            let r = self.row;
            ws.write_string_with_format(r, c, kind, &styles.text)?;
            ws.write_string_with_format(r, c + 1, check.rule, &styles.text)?;
            ws.write_string_with_format(r, c + 2, &check.place, &styles.text)?;
            ws.write_string_with_format(r, c + 3, check.message.zh(), &styles.text)?;
            if let Some(e) = check.expected {
                ws.write_number_with_format(r, c + 4, e.0, &styles.text)?;
            }
            if let Some(a) = check.actual {
                ws.write_number_with_format(r, c + 5, a.0, &styles.text)?;
            }
            let cells = check_cells(report, check).join("\n");
            ws.write_string_with_format(r, c + 6, cells, &styles.text)?;
            self.row += 1;
        }
        for w in &report.warnings {
            self.start_row(ws, styles, leading)?;
            ws.write_string_with_format(self.row, self.lead, "读取提示", &styles.text)?;
            ws.write_string_with_format(self.row, self.lead + 3, w.zh(), &styles.text)?;
            self.row += 1;
        }
        for corr in &report.corrections {
            self.start_row(ws, styles, leading)?;
            let (r, c) = (self.row, self.lead);
            ws.write_string_with_format(r, c, "已更正", &styles.text)?;
            let from = corr.from.map(|n| n.0);
            let to = corr.to.map(|n| n.0);
            let what = format!("原值（解析）{} → 更正为 {}", show(from), show(to));
            ws.write_string_with_format(r, c + 3, what, &styles.text)?;
            let cell = format!("{} = {}", path_name(report, &corr.cell), show(to));
            ws.write_string_with_format(r, c + 6, cell, &styles.text)?;
            self.row += 1;
        }
        let remarks = report.review_remarks.trim();
        if !remarks.is_empty() {
            self.start_row(ws, styles, leading)?;
            ws.write_string_with_format(self.row, self.lead, "审核意见", &styles.text)?;
            // Excel holds at most 32,767 characters in a cell; the review
            // sheet has the whole text.
            let remarks: String = remarks.chars().take(MAX_CELL_TEXT).collect();
            ws.write_string_with_format(self.row, self.lead + 3, remarks, &styles.text)?;
            self.row += 1;
        }
        Ok(())
    }

    fn start_row(
        &self,
        ws: &mut Worksheet,
        styles: &Styles,
        leading: &[LeadValue],
    ) -> Result<(), XlsxError> {
        for (c, v) in leading.iter().enumerate() {
            match v {
                LeadValue::Text(t) => {
                    ws.write_string_with_format(self.row, c as u16, t, &styles.text)?
                }
                LeadValue::Number(n) => {
                    ws.write_number_with_format(self.row, c as u16, *n, &styles.text)?
                }
                LeadValue::Empty => ws,
            };
        }
        Ok(())
    }

    /// The filter over everything written.
    pub fn finish(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let last_col = self.lead + PROBLEM_COLUMNS.len() as u16 - 1;
        ws.autofilter(0, 0, self.row.max(1) - 1, last_col)?;
        Ok(())
    }
}

/// A leading value of a 问题 row.
pub enum LeadValue {
    Text(String),
    Number(f64),
    Empty,
}
