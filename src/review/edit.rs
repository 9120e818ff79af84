//! One edit of a report and the undo/redo history of edits. An edit keeps
//! the value before it, so undo needs nothing else.

use crate::model::{CellRef, Report, Table};
use crate::template::{Layout, TableId, TableSpec};

/// A metadata field a person may correct. The template is not among them:
/// it follows the layouts of the tables themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaField {
    Agency,
    Year,
    Published,
}

impl MetaField {
    pub const ALL: [MetaField; 3] = [MetaField::Agency, MetaField::Year, MetaField::Published];

    pub fn key(self) -> &'static str {
        match self {
            MetaField::Agency => "meta.agency",
            MetaField::Year => "meta.year",
            MetaField::Published => "meta.published",
        }
    }

    pub fn from_key(key: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// What can be selected and edited: a table cell or a metadata field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Cell(CellRef),
    Meta(MetaField),
}

/// A metadata value, typed by its field.
#[derive(Clone, Debug, PartialEq)]
pub enum MetaValue {
    Text(Option<String>),
    Year(Option<i32>),
}

/// One change to a report.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Cell {
        at: CellRef,
        before: Option<f64>,
        after: Option<f64>,
    },
    Meta {
        field: MetaField,
        before: MetaValue,
        after: MetaValue,
    },
    /// A table the report lacked, added empty.
    AddTable { id: TableId, layout: Layout },
}

impl Change {
    /// Applies the change (`forward`) or takes it back.
    pub fn apply(&self, report: &mut Report, forward: bool) {
        match self {
            Change::Cell { at, before, after } => {
                let value = if forward { *after } else { *before };
                if let Some(cell) = report
                    .tables
                    .get_mut(at.table)
                    .and_then(|t| t.cell_mut(at.row, at.col))
                {
                    cell.value = value;
                }
            }
            Change::Meta {
                field,
                before,
                after,
            } => {
                let value = if forward { after } else { before }.clone();
                set_meta(report, *field, value);
            }
            Change::AddTable { id, layout } => {
                *report.tables.slot(*id) = if forward {
                    Some(Table::empty(TableSpec::get(*id, *layout)))
                } else {
                    None
                };
            }
        }
    }
}

pub fn meta_value(report: &Report, field: MetaField) -> MetaValue {
    match field {
        MetaField::Agency => MetaValue::Text(report.meta.agency.clone()),
        MetaField::Year => MetaValue::Year(report.meta.year),
        MetaField::Published => MetaValue::Text(report.meta.published.clone()),
    }
}

fn set_meta(report: &mut Report, field: MetaField, value: MetaValue) {
    match (field, value) {
        (MetaField::Agency, MetaValue::Text(v)) => report.meta.agency = v,
        (MetaField::Published, MetaValue::Text(v)) => report.meta.published = v,
        (MetaField::Year, MetaValue::Year(v)) => report.meta.year = v,
        _ => debug_assert!(false, "meta value of the wrong type"),
    }
}

/// Changes made together and undone together (one typed value, one
/// applied suggestion).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub changes: Vec<Change>,
}

/// Undo and redo stacks. A new step clears the redo stack, as everywhere.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub done: Vec<Step>,
    pub undone: Vec<Step>,
}

impl History {
    pub fn record(&mut self, step: Step) {
        self.done.push(step);
        self.undone.clear();
    }

    /// Takes back the last step; returns whether there was one.
    pub fn undo(&mut self, report: &mut Report) -> bool {
        let Some(step) = self.done.pop() else {
            return false;
        };
        for change in step.changes.iter().rev() {
            change.apply(report, false);
        }
        self.undone.push(step);
        true
    }

    pub fn redo(&mut self, report: &mut Report) -> bool {
        let Some(step) = self.undone.pop() else {
            return false;
        };
        for change in &step.changes {
            change.apply(report, true);
        }
        self.done.push(step);
        true
    }

    /// Every change in effect, oldest first (what the recovery journal keeps).
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.done.iter().flat_map(|s| s.changes.iter())
    }
}
