//! The table a researcher loads into a spreadsheet: one row per report, one
//! column per cell of every layout (`applications.granted.total`, …), plus
//! the report's file, metadata and rule counts (`table_columns`).
//!
//! The file starts with a UTF-8 byte order mark: without it Excel reads the
//! Chinese as the system's code page (garbled). Python reads it with
//! `encoding="utf-8-sig"`; the `csv` crate and pandas skip it.

use std::io::Write;

use crate::batch::Outcome;
use crate::model::Number;

pub use crate::batch::table_columns::{
    CellColumn, Headers, LEADING_COLUMNS, LEADING_COLUMNS_ZH, cell_columns,
};
use crate::batch::table_columns::{Field, header, record};

/// The UTF-8 byte order mark the CSV starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct CsvTable<W: Write> {
    writer: csv::Writer<W>,
    cells: Vec<CellColumn>,
    headers: Headers,
}

impl<W: Write> CsvTable<W> {
    /// Starts the table with English key headers.
    pub fn new(out: W) -> csv::Result<Self> {
        Self::with_headers(out, Headers::En)
    }

    /// Starts the table: the byte order mark, then the header in `headers`.
    pub fn with_headers(mut out: W, headers: Headers) -> csv::Result<Self> {
        out.write_all(BOM)?;
        let cells = cell_columns();
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(header(headers, &cells))?;
        Ok(CsvTable {
            writer,
            cells,
            headers,
        })
    }

    pub fn write(&mut self, outcome: &Outcome) -> csv::Result<()> {
        let fields = record(outcome, &self.cells, self.headers);
        self.writer.write_record(fields.iter().map(|f| match f {
            Field::Empty => String::new(),
            Field::Text(t) => t.clone(),
            Field::Number(v) => Number(*v).to_string(),
        }))
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.writer.flush()?;
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}
