//! The overview: every open report (and every file that could not be read)
//! as one row of a table — agency, region, year, format, failing rules,
//! advisories, corrections, unreadable — sorted by any column and filtered
//! by the report list's filter. Plain data, so that sorting and filtering
//! are tested without a window; the window draws only the rows in view.

use std::cmp::Ordering;

use crate::model::Region;
use crate::rules::agency::agency_key;
use crate::text::Text;

use super::document::Document;
use super::report_list::{FailedFile, ListFilter, ListItem};
use super::sort_text::SortText;

/// A column of the overview, each one a sort key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Column {
    #[default]
    Agency,
    Region,
    Year,
    Format,
    Failures,
    Warnings,
    Edits,
    Unreadable,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Agency,
        Column::Region,
        Column::Year,
        Column::Format,
        Column::Failures,
        Column::Warnings,
        Column::Edits,
        Column::Unreadable,
    ];

    /// The column's heading.
    pub fn title(self) -> Text {
        let (zh, en) = match self {
            Column::Agency => ("机关", "Agency"),
            Column::Region => ("地区", "Region"),
            Column::Year => ("年度", "Year"),
            Column::Format => ("格式", "Format"),
            Column::Failures => ("不符规则", "Failing"),
            Column::Warnings => ("提示", "Advisories"),
            Column::Edits => ("修改", "Edits"),
            Column::Unreadable => ("无法读取", "Unreadable"),
        };
        Text::new(zh, en)
    }

    /// Counts sort largest first at the first click; names, A to Z.
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            Column::Year | Column::Failures | Column::Warnings | Column::Edits | Column::Unreadable
        )
    }
}

/// The overview's order: a column and its direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OverviewSort {
    pub column: Column,
    pub descending: bool,
}

impl OverviewSort {
    /// The order after the heading of `column` is clicked: the other
    /// direction of the same column, or a new column its natural way.
    pub fn clicked(self, column: Column) -> OverviewSort {
        if self.column == column {
            OverviewSort {
                column,
                descending: !self.descending,
            }
        } else {
            OverviewSort {
                column,
                descending: column.descending_first(),
            }
        }
    }
}

/// One row of the overview, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub item: ListItem,
    /// The agency's name, else the file name.
    pub agency: String,
    pub region: String,
    pub year: Option<i32>,
    /// The file's kind: txt, pdf, docx, html, doc…
    pub format: String,
    pub failures: usize,
    pub warnings: usize,
    pub missing_tables: usize,
    /// Cells corrected (against the parsed values).
    pub edits: usize,
    /// Corrections not yet exported.
    pub dirty: bool,
    /// Why the file could not be read.
    pub unreadable: Option<Text>,
    /// The whole path, for the hover.
    pub path: String,
}

/// `province city county`, a level repeated by a municipality shown once.
pub fn region_text(region: Option<&Region>) -> String {
    let Some(r) = region else {
        return String::new();
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in [&r.province, &r.city, &r.county].into_iter().flatten() {
        if parts.last() != Some(&p.as_str()) {
            parts.push(p);
        }
    }
    parts.join(" ")
}

/// The format shown for a file: its extension, lower case, else what the
/// parser told by content.
pub fn format_of(path: &str, told: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| told.to_ascii_lowercase())
}

pub fn doc_row(d: &Document) -> Row {
    let s = d.summary();
    let path = d
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| d.name.clone());
    Row {
        item: ListItem::Doc(d.id),
        agency: d
            .report
            .meta
            .agency
            .clone()
            .unwrap_or_else(|| d.name.clone()),
        region: d.region_text().to_string(),
        year: d.report.meta.year,
        format: d.format().to_string(),
        failures: s.failures,
        warnings: s.warnings,
        missing_tables: s.missing_tables,
        edits: d.correction_count(),
        dirty: d.dirty,
        unreadable: None,
        path,
    }
}

pub fn failed_row(i: usize, f: &FailedFile) -> Row {
    let path = f.path.display().to_string();
    Row {
        item: ListItem::Failed(i),
        agency: f.name(),
        region: String::new(),
        year: None,
        format: format_of(&path, ""),
        failures: 0,
        warnings: 0,
        missing_tables: 0,
        edits: 0,
        dirty: false,
        unreadable: Some(f.why.clone()),
        path,
    }
}

/// The row of one item, if it is still there.
pub fn row(documents: &[Box<Document>], failed: &[FailedFile], item: ListItem) -> Option<Row> {
    match item {
        ListItem::Doc(id) => super::document::find(documents, id).map(doc_row),
        ListItem::Failed(i) => failed.get(i).map(|f| failed_row(i, f)),
    }
}

/// The sorted column's value of a row: (text key, number key).
type Key<'a> = (SortText<'a>, i64);

/// Read from the report's `ListKeys` alone (see there why).
fn doc_key(sort: OverviewSort, d: &Document) -> Key<'_> {
    let keys = d.list_keys();
    let none = SortText::new("");
    match sort.column {
        Column::Agency => (keys.agency.borrowed(), 0),
        Column::Region => (keys.region.borrowed(), 0),
        Column::Format => (keys.format.borrowed(), 0),
        Column::Year => (none, i64::from(keys.year.unwrap_or(0))),
        Column::Failures => (none, keys.counts.failures as i64),
        Column::Warnings => (none, keys.counts.warnings as i64),
        Column::Edits => (none, keys.edits as i64),
        Column::Unreadable => (none, 0),
    }
}

fn failed_key<'a>(sort: OverviewSort, f: &FailedFile) -> Key<'a> {
    let none = SortText::new("");
    match sort.column {
        Column::Agency => (SortText::new(agency_key(&f.name())), 0),
        Column::Format => (
            SortText::new(format_of(&f.path.display().to_string(), "")),
            0,
        ),
        Column::Unreadable => (none, 1),
        _ => (none, 0),
    }
}

/// An item's key and position among the reports then the unreadable
/// files, as it stands (`None`: no longer there).
fn item_key<'a>(
    sort: OverviewSort,
    documents: &'a [Box<Document>],
    failed: &[FailedFile],
    item: ListItem,
) -> Option<(Key<'a>, usize)> {
    match item {
        ListItem::Doc(id) => {
            let pos = super::document::position(documents, id)?;
            Some((doc_key(sort, &documents[pos]), pos))
        }
        ListItem::Failed(i) => failed
            .get(i)
            .map(|f| (failed_key(sort, f), documents.len() + i)),
    }
}

/// The overview's order of two rows by (key, position among the reports
/// then the unreadable files): empty names and regions last whichever the
/// direction, ties in the order of opening. Total, so sorting and
/// inserting one by one give the same order.
fn compare(sort: OverviewSort, a: (&Key, usize), b: (&Key, usize)) -> Ordering {
    let text_column = matches!(
        sort.column,
        Column::Agency | Column::Region | Column::Format
    );
    if text_column && a.0.0.is_empty() != b.0.0.is_empty() {
        return if a.0.0.is_empty() {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    let by_key = a.0.cmp(b.0);
    let by_key = if sort.descending {
        by_key.reverse()
    } else {
        by_key
    };
    by_key.then(a.1.cmp(&b.1))
}

/// The overview's rows as filtered (the report list's filter) and sorted;
/// ties keep the order of opening, so the order is the same every time.
/// Only the sorted column is computed for each report.
pub fn order(
    documents: &[Box<Document>],
    failed: &[FailedFile],
    filter: &ListFilter,
    sort: OverviewSort,
) -> Vec<ListItem> {
    // The report list's filter asked of each row directly (with no filter
    // every row is shown): no list built and searched for it.
    let active = filter.is_active();
    let mut keyed: Vec<(Key, usize, ListItem)> = Vec::with_capacity(documents.len() + failed.len());
    keyed.extend(
        documents
            .iter()
            .map(|d| {
                (!active || filter.matches_doc(d)).then(|| (ListItem::Doc(d.id), doc_key(sort, d)))
            })
            .chain(failed.iter().enumerate().map(|(i, f)| {
                (!active || filter.matches_failed(f))
                    .then(|| (ListItem::Failed(i), failed_key(sort, f)))
            }))
            .enumerate()
            .filter_map(|(pos, row)| row.map(|(item, key)| (key, pos, item))),
    );
    // Total (positions differ): an unstable sort gives the one order.
    keyed.sort_unstable_by(|a, b| compare(sort, (&a.0, a.1), (&b.0, b.1)));
    keyed.into_iter().map(|(_, _, item)| item).collect()
}

/// Puts `items` (each left out of `rows`, an order as `order` made it)
/// where `order` would have them, those the filter shows: reports (or
/// unreadable files) of a folder being read are placed by binary searches
/// and one copy of the rows (`sorted_merge`).
pub fn insert_all(
    rows: &mut Vec<ListItem>,
    documents: &[Box<Document>],
    failed: &[FailedFile],
    filter: &ListFilter,
    sort: OverviewSort,
    items: &[ListItem],
) {
    let active = filter.is_active();
    let mut new: Vec<((Key, usize), ListItem)> = items
        .iter()
        .filter(|&&item| !active || filter.shows(documents, failed, item))
        .filter_map(|&item| Some((item_key(sort, documents, failed, item)?, item)))
        .collect();
    new.sort_unstable_by(|a, b| compare(sort, (&a.0.0, a.0.1), (&b.0.0, b.0.1)));
    super::sorted_merge::merge_sorted(rows, &new, |other, (key, pos)| {
        item_key(sort, documents, failed, other)
            .is_some_and(|(k, p)| compare(sort, (&k, p), (key, *pos)).is_lt())
    });
}
