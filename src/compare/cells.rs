//! Every cell of tables 二, 三 and 四 of two reports side by side: both
//! values and what changed. Cells are matched by their JSON keys (table,
//! row, column), so a 2019-format table meets a 2021-format one on the rows
//! and columns they share, and the rest shows as missing on one side.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{CellRef, Number, Table, Tables};
use crate::rules::same;
use crate::template::TableId;

/// A cell by its keys, the same in both reports whatever their layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub table: TableId,
    pub row: &'static str,
    pub col: &'static str,
}

impl CellKey {
    /// The dotted path, e.g. `applications.granted.total`.
    pub fn path(&self) -> String {
        format!("{}.{}.{}", self.table.key(), self.row, self.col)
    }

    /// This cell's address in `tables`, if its table has the row and column.
    pub fn locate(&self, tables: &Tables) -> Option<CellRef> {
        let t = tables.get(self.table)?;
        let row = t.spec.row(self.row)?;
        let col = t.spec.rows[row].column(self.col)?;
        Some(CellRef {
            table: self.table,
            row,
            col,
        })
    }

    /// The key of the cell at `at` in `tables`.
    pub fn of(at: CellRef, tables: &Tables) -> Option<CellKey> {
        let row = tables.get(at.table)?.spec.rows.get(at.row)?;
        Some(CellKey {
            table: at.table,
            row: row.key,
            col: row.columns.get(at.col)?.key,
        })
    }
}

/// What happened to a cell from last year to this year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    Unchanged,
    Changed,
    /// Last year has a value, this year none (blank, or no such table or row).
    MissingThis,
    /// This year has a value, last year none.
    MissingLast,
    /// Neither has a value.
    Empty,
}

/// One cell in both reports.
#[derive(Clone, Debug, PartialEq)]
pub struct CellChange {
    pub key: CellKey,
    /// The row as messages name it, and the column's label.
    pub row_name: &'static str,
    pub column: &'static str,
    /// Where the cell stands in each report's layout (`None`: not there).
    pub this_ref: Option<CellRef>,
    pub last_ref: Option<CellRef>,
    pub this: Option<f64>,
    pub last: Option<f64>,
    pub status: CellStatus,
}

impl CellChange {
    /// This year's value less last year's, when both have one; rounded to
    /// millionths, so that amounts' differences do not show floating-point
    /// residue (7545 − 7730.28 is −185.28, not −185.27999999999975).
    pub fn delta(&self) -> Option<f64> {
        let d = self.this? - self.last?;
        Some((d * 1e6).round() / 1e6)
    }
}

impl Serialize for CellChange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("cell", &self.key.path())?;
        m.serialize_entry("row", self.row_name)?;
        m.serialize_entry("column", self.column)?;
        m.serialize_entry("this", &self.this.map(Number))?;
        m.serialize_entry("last", &self.last.map(Number))?;
        m.serialize_entry("change", &self.delta().map(Number))?;
        m.serialize_entry("status", &self.status)?;
        m.end()
    }
}

fn status(this: Option<f64>, last: Option<f64>) -> CellStatus {
    match (this, last) {
        (Some(a), Some(b)) if same(a, b) => CellStatus::Unchanged,
        (Some(_), Some(_)) => CellStatus::Changed,
        (None, Some(_)) => CellStatus::MissingThis,
        (Some(_), None) => CellStatus::MissingLast,
        (None, None) => CellStatus::Empty,
    }
}

/// Every cell of the three tables in either report: this year's layout in
/// its order, then what only last year's has. A table neither has is left out.
pub fn compare_cells(this: &Tables, last: &Tables) -> Vec<CellChange> {
    let mut out = Vec::new();
    for id in TableId::ALL {
        let (a, b) = (this.get(id), last.get(id));
        let order: Vec<&Table> = a.into_iter().chain(b).collect();
        let mut seen: Vec<CellKey> = Vec::new();
        for t in order {
            for row in t.spec.rows {
                for col in row.columns {
                    let key = CellKey {
                        table: id,
                        row: row.key,
                        col: col.key,
                    };
                    if seen.contains(&key) {
                        continue;
                    }
                    seen.push(key);
                    let this_ref = key.locate(this);
                    let last_ref = key.locate(last);
                    let value = |tables: &Tables, at: Option<CellRef>| {
                        at.and_then(|at| tables.cell(at)).and_then(|c| c.value)
                    };
                    let (v_this, v_last) = (value(this, this_ref), value(last, last_ref));
                    out.push(CellChange {
                        key,
                        row_name: row.name,
                        column: col.label,
                        this_ref,
                        last_ref,
                        this: v_this,
                        last: v_last,
                        status: status(v_this, v_last),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Layout, TableSpec};

    fn table(id: TableId, layout: Layout) -> Table {
        Table::empty(TableSpec::get(id, layout))
    }

    #[test]
    fn statuses_and_missing_tables() {
        let mut this = Tables::default();
        let mut last = Tables::default();
        let mut t = table(TableId::ReviewLitigation, Layout::Y2021);
        t.cells[0][0].value = Some(3.0);
        t.cells[0][1].value = Some(1.0);
        this.review_litigation = Some(t.clone());
        t.cells[0][0].value = Some(3.0);
        t.cells[0][1].value = Some(2.0);
        t.cells[0][2].value = Some(5.0);
        last.review_litigation = Some(t);
        last.applications = Some(table(TableId::Applications, Layout::Y2021));
        let cells = compare_cells(&this, &last);
        let by = |path: &str| cells.iter().find(|c| c.key.path() == path).unwrap();
        assert_eq!(
            by("review_litigation.review.upheld").status,
            CellStatus::Unchanged
        );
        let changed = by("review_litigation.review.corrected");
        assert_eq!(changed.status, CellStatus::Changed);
        assert_eq!(changed.delta(), Some(-1.0));
        let amounts = CellChange {
            this: Some(7545.0),
            last: Some(7730.28),
            ..changed.clone()
        };
        assert_eq!(amounts.delta(), Some(-185.28));
        assert_eq!(
            by("review_litigation.review.other").status,
            CellStatus::MissingThis
        );
        let absent = by("applications.granted.total");
        assert_eq!(absent.status, CellStatus::Empty);
        assert!(absent.this_ref.is_none() && absent.last_ref.is_some());
        assert!(
            cells
                .iter()
                .all(|c| c.key.table != TableId::ActiveDisclosure)
        );
    }

    #[test]
    fn layouts_meet_on_shared_keys() {
        let this = Tables {
            active_disclosure: Some(table(TableId::ActiveDisclosure, Layout::Y2021)),
            ..Tables::default()
        };
        let last = Tables {
            active_disclosure: Some(table(TableId::ActiveDisclosure, Layout::Y2019)),
            ..Tables::default()
        };
        let cells = compare_cells(&this, &last);
        let both = cells
            .iter()
            .filter(|c| c.this_ref.is_some() && c.last_ref.is_some())
            .count();
        // Rows and columns both layouts have (licensing/punishment/enforcement decisions).
        assert!(both >= 3, "{both}");
        let n2021 = TableSpec::get(TableId::ActiveDisclosure, Layout::Y2021).cell_count();
        let n2019 = TableSpec::get(TableId::ActiveDisclosure, Layout::Y2019).cell_count();
        assert_eq!(cells.len(), n2021 + n2019 - both);
    }
}
