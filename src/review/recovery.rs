//! Unsaved corrections kept on disk as they are made, so that a crash or a
//! kill loses nothing. One small JSON journal per source file, named by the
//! source's sha256, rewritten after every edit and removed on export or when
//! the person closes without saving.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{CellRef, Report};
use crate::template::{Layout, TableId, TableSpec};

use super::edit::{Change, MetaField, MetaValue};

/// The default folder: `$XDG_DATA_HOME/nianbao/recovery`, else
/// `$HOME/.local/share/nianbao/recovery`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("nianbao").join("recovery"))
}

/// The journal of one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    /// The source file; `None` for the built-in sample.
    pub source_path: Option<PathBuf>,
    pub source_name: String,
    pub sha256: String,
    /// Seconds since 1970 of the last edit.
    pub saved_at: u64,
    pub changes: Vec<JournalChange>,
    /// The reviewer's remarks (审核意见) typed so far; absent when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
}

/// A change in a form that outlives the program: cells by their dotted path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JournalChange {
    Cell {
        cell: String,
        from: Option<f64>,
        to: Option<f64>,
    },
    Meta {
        field: String,
        from: Option<String>,
        to: Option<String>,
    },
    AddTable {
        table: String,
        layout: Layout,
    },
}

pub fn journal_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(format!("{sha256}.json"))
}

impl Journal {
    pub fn new<'a>(
        source_path: Option<PathBuf>,
        report: &Report,
        changes: impl Iterator<Item = &'a Change>,
    ) -> Journal {
        // Layouts as they stand after the changes: the paths are read against them.
        let changes = changes.filter_map(|c| to_journal(c, report)).collect();
        Journal {
            version: 1,
            source_path,
            source_name: report.source.file.clone(),
            sha256: report.source.sha256.clone(),
            saved_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            changes,
            remarks: String::new(),
        }
    }

    /// Whether there is anything to offer back.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.remarks.is_empty()
    }

    /// The changes again, against the report they apply to; changes that no
    /// longer fit (another parser version, say) are left out and counted.
    pub fn replay(&self, report: &mut Report) -> (Vec<Change>, usize) {
        let mut out = Vec::new();
        let mut lost = 0;
        for jc in &self.changes {
            match from_journal(jc, report) {
                Some(c) => {
                    c.apply(report, true);
                    out.push(c);
                }
                None => lost += 1,
            }
        }
        (out, lost)
    }
}

fn to_journal(c: &Change, report: &Report) -> Option<JournalChange> {
    Some(match c {
        Change::Cell { at, before, after } => JournalChange::Cell {
            cell: at.path(report.tables.get(at.table)?.spec),
            from: *before,
            to: *after,
        },
        Change::Meta {
            field,
            before,
            after,
        } => {
            let s = |v: &MetaValue| match v {
                MetaValue::Text(t) => t.clone(),
                MetaValue::Year(y) => y.map(|y| y.to_string()),
            };
            JournalChange::Meta {
                field: field.key().to_string(),
                from: s(before),
                to: s(after),
            }
        }
        Change::AddTable { id, layout } => JournalChange::AddTable {
            table: id.key().to_string(),
            layout: *layout,
        },
    })
}

fn from_journal(jc: &JournalChange, report: &Report) -> Option<Change> {
    Some(match jc {
        JournalChange::Cell { cell, from, to } => {
            let id = TableId::from_key(cell.split('.').next()?)?;
            let at: CellRef = CellRef::parse(cell, report.tables.get(id)?.spec)?;
            Change::Cell {
                at,
                before: *from,
                after: *to,
            }
        }
        JournalChange::Meta { field, from, to } => {
            let field = MetaField::from_key(field)?;
            let v = |s: &Option<String>| -> Option<MetaValue> {
                Some(match field {
                    MetaField::Year => MetaValue::Year(match s {
                        Some(s) => Some(s.parse().ok()?),
                        None => None,
                    }),
                    _ => MetaValue::Text(s.clone()),
                })
            };
            Change::Meta {
                field,
                before: v(from)?,
                after: v(to)?,
            }
        }
        JournalChange::AddTable { table, layout } => {
            let id = TableId::from_key(table)?;
            if report.tables.get(id).is_some() {
                return None;
            }
            let _ = TableSpec::get(id, *layout);
            Change::AddTable {
                id,
                layout: *layout,
            }
        }
    })
}

/// A journal found on disk at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    pub journal: Journal,
}

/// Every readable journal in `dir`, newest first. Unreadable ones are
/// skipped, not deleted: they may be a newer program's.
pub fn scan(dir: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let journal: Journal = serde_json::from_slice(&bytes).ok()?;
            (!journal.is_empty()).then_some(Found { path, journal })
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.journal.saved_at));
    found
}
