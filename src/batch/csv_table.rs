//! The table a researcher loads into a spreadsheet: one row per report, one
//! column per cell of every layout (`applications.granted.total`, …), plus
//! the report's file, metadata and rule counts. The columns and their order
//! come from the template (`assets/template.tsv`), so they are stable.

use std::io::Write;

use crate::batch::Outcome;
use crate::model::{Number, Status};
use crate::template::{LAYOUTS, TableId, TableSpec};

/// The columns before the cells.
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

/// Every cell column: table by table, the 2021 layout's rows and columns
/// first, then those only the 2019 layout has.
pub fn cell_columns() -> Vec<(TableId, &'static str, &'static str)> {
    let mut out: Vec<(TableId, &str, &str)> = Vec::new();
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

pub struct CsvTable<W: Write> {
    writer: csv::Writer<W>,
    cells: Vec<(TableId, &'static str, &'static str)>,
}

impl<W: Write> CsvTable<W> {
    /// Starts the table and writes its header.
    pub fn new(out: W) -> csv::Result<Self> {
        let cells = cell_columns();
        let mut writer = csv::Writer::from_writer(out);
        let header: Vec<String> = LEADING_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .chain(cells.iter().map(|(t, r, c)| format!("{}.{r}.{c}", t.key())))
            .collect();
        writer.write_record(&header)?;
        Ok(CsvTable { writer, cells })
    }

    pub fn write(&mut self, outcome: &Outcome) -> csv::Result<()> {
        let mut record: Vec<String> = Vec::with_capacity(LEADING_COLUMNS.len() + self.cells.len());
        match outcome {
            Outcome::Failed { file, reason } => {
                record.push(file.clone());
                record.extend(std::iter::repeat_n(
                    String::new(),
                    LEADING_COLUMNS.len() - 2,
                ));
                record.push(reason.clone());
                record.extend(std::iter::repeat_n(String::new(), self.cells.len()));
            }
            Outcome::Parsed(r) => {
                let opt = |v: Option<String>| v.unwrap_or_default();
                let count = |s: Status| {
                    r.checks
                        .iter()
                        .filter(|c| c.status == s)
                        .count()
                        .to_string()
                };
                let missing: Vec<&str> = TableId::ALL
                    .iter()
                    .filter(|&&id| r.tables.get(id).is_none())
                    .map(|id| id.key())
                    .collect();
                record.push(r.source.file.clone());
                record.push(opt(r.meta.agency.clone()));
                record.push(opt(r.meta.year.map(|y| y.to_string())));
                record.push(opt(r.meta.template.map(|t| t.as_str().to_string())));
                record.push(opt(r.meta.published.clone()));
                let region = r.meta.region.clone().unwrap_or_default();
                record.extend([region.province, region.city, region.county, region.code].map(opt));
                record.push(r.source.encoding.clone());
                record.push(count(Status::Fail));
                record.push(count(Status::Warn));
                record.push(missing.join(" "));
                record.push(String::new());
                for &(id, row, col) in &self.cells {
                    let v = r
                        .tables
                        .get(id)
                        .and_then(|t| cell_value(t.spec, &t.cells, row, col));
                    record.push(v.map(|v| Number(v).to_string()).unwrap_or_default());
                }
            }
        }
        self.writer.write_record(&record)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.writer.flush()?;
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

fn cell_value(
    spec: &TableSpec,
    cells: &[Vec<crate::model::Cell>],
    row: &str,
    col: &str,
) -> Option<f64> {
    let r = spec.row(row)?;
    let c = spec.rows[r].column(col)?;
    cells[r][c].value
}
