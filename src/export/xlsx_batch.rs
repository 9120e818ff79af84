//! The Excel workbook of many reports: a 汇总 sheet with a row per report
//! (the CSV's columns, `batch::table_columns`, under Chinese headers; the
//! header row and the file and agency columns frozen; a filter on every
//! column), a 问题 sheet with every report's failing rules, advisories and
//! corrections, and, when asked, a sheet per report with its three tables
//! laid out as the printed template (the 汇总 row's file links to it).
//!
//! Reports are added one at a time, in the order they should be listed.

use rust_xlsxwriter::{Format, Url, Workbook, Worksheet, XlsxError};

use super::ExportError;
use super::xlsx_report::{
    LeadValue, Marks, ProblemsSheet, Styles, set_widths, write_heading, write_table,
};
use crate::batch::Outcome;
use crate::batch::table_columns::{
    CellColumn, Field, Headers, LEADING_COLUMNS, cell_columns, header, record,
};
use crate::template::TableId;

/// The longest sheet name Excel takes.
const MAX_SHEET_NAME: usize = 31;

pub struct BatchWorkbook {
    styles: Styles,
    summary: Worksheet,
    problems: Worksheet,
    problems_sheet: ProblemsSheet,
    /// Each report's sheet, when asked for.
    reports: Option<Vec<Worksheet>>,
    cells: Vec<CellColumn>,
    row: u32,
}

impl BatchWorkbook {
    /// An empty workbook; `with_reports` adds a sheet per report.
    pub fn new(with_reports: bool) -> Result<BatchWorkbook, ExportError> {
        let styles = Styles::default();
        let cells = cell_columns();
        let mut summary = Worksheet::new();
        summary.set_name("汇总")?;
        let header_format = styles.header.clone();
        for (c, name) in header(Headers::Zh, &cells).iter().enumerate() {
            summary.write_string_with_format(0, c as u16, name, &header_format)?;
            let width = match c {
                0 => 36.0,
                1 => 28.0,
                _ if c < LEADING_COLUMNS.len() => 10.0,
                _ => 14.0,
            };
            summary.set_column_width(c as u16, width)?;
        }
        // The cell columns' headers are long: room for four lines.
        summary.set_row_height(0, 60.0)?;
        summary.set_freeze_panes(1, 2)?;
        let mut problems = Worksheet::new();
        problems.set_name("问题")?;
        let problems_sheet = ProblemsSheet::new(
            &mut problems,
            &styles,
            &[("文件", 30.0), ("机关", 24.0), ("年度", 7.0)],
        )?;
        Ok(BatchWorkbook {
            styles,
            summary,
            problems,
            problems_sheet,
            reports: with_reports.then(Vec::new),
            cells,
            row: 0,
        })
    }

    /// Adds a report (or an unreadable file) as the next row.
    pub fn add(&mut self, outcome: &Outcome) -> Result<(), ExportError> {
        self.row += 1;
        let row = self.row;
        let fields = record(outcome, &self.cells, Headers::Zh);
        for (c, f) in fields.iter().enumerate() {
            let c = c as u16;
            match f {
                Field::Empty => {}
                Field::Text(t) => {
                    self.summary.write_string(row, c, t)?;
                }
                Field::Number(v) => {
                    self.summary.write_number(row, c, *v)?;
                }
            }
        }
        let Outcome::Parsed(report) = outcome else {
            return Ok(());
        };
        let lead = [
            LeadValue::Text(report.source.file.clone()),
            report
                .meta
                .agency
                .clone()
                .map(LeadValue::Text)
                .unwrap_or(LeadValue::Empty),
            report
                .meta
                .year
                .map(|y| LeadValue::Number(f64::from(y)))
                .unwrap_or(LeadValue::Empty),
        ];
        self.problems_sheet
            .add(&mut self.problems, &self.styles, report, &lead)?;
        if let Some(sheets) = &mut self.reports {
            let name = sheet_name(sheets.len() + 1, report);
            let mut ws = Worksheet::new();
            ws.set_name(&name)?;
            write_report_sheet(&mut ws, &self.styles, report)?;
            sheets.push(ws);
            // The file links to the report's sheet.
            let link = Url::new(format!("internal:'{name}'!A1")).set_text(&report.source.file);
            self.summary.write_url(row, 0, link)?;
        }
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let last_col = (LEADING_COLUMNS.len() + self.cells.len() - 1) as u16;
        self.summary.autofilter(0, 0, self.row.max(1), last_col)?;
        self.problems_sheet.finish(&mut self.problems)?;
        let mut book = Workbook::new();
        book.push_worksheet(self.summary);
        book.push_worksheet(self.problems);
        for ws in self.reports.into_iter().flatten() {
            book.push_worksheet(ws);
        }
        Ok(book.save_to_buffer()?)
    }
}

/// One report's sheet in a batch: its three tables one under another.
fn write_report_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    report: &crate::model::Report,
) -> Result<(), XlsxError> {
    let marks = Marks::of(report);
    write_heading(ws, styles, report, "政府信息公开工作年度报告", 0)?;
    let mut top = 3;
    let mut widths: Vec<f64> = Vec::new();
    for id in TableId::ALL {
        ws.write_string_with_format(top, 0, id.title(), &Format::new().set_bold())?;
        let w = write_table(ws, styles, report, &marks, id, top + 1)?;
        for (i, v) in w.iter().enumerate() {
            match widths.get_mut(i) {
                Some(have) => *have = have.max(*v),
                None => widths.push(*v),
            }
        }
        let height = report
            .tables
            .get(id)
            .map(|t| super::layout::plan(t.spec).height)
            .unwrap_or(1);
        top += 1 + height + 2;
    }
    set_widths(ws, &widths)
}

/// A sheet name Excel takes, unique by its number: `12 某市人民政府`.
/// Excel forbids `[]:*?/\` and a leading or trailing apostrophe.
pub fn sheet_name(n: usize, report: &crate::model::Report) -> String {
    let base = report.meta.agency.clone().unwrap_or_else(|| {
        std::path::Path::new(&report.source.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let clean: String = base
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .filter(|c| !c.is_control())
        .collect();
    let name = format!("{n} {clean}");
    name.chars()
        .take(MAX_SHEET_NAME)
        .collect::<String>()
        .trim_end()
        .to_string()
}
