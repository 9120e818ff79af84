//! Many reports in the window, as plain data: a folder read in the
//! background (progress, cancel), files that could not be read, the report
//! list's filter and order, cross-year rules between open reports, and
//! exporting everything at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Status;
use crate::rules::agency::agency_key;
use crate::rules::cross_year::YearIndex;
use crate::text::Text;

use super::document::Document;
use super::sort_text::SortText;
use super::stats::{RegionLevel, agency_group_key, region_at};

/// The flag a background batch checks to stop; shared with its thread.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag(pub Arc<AtomicBool>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for CancelFlag {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A folder (or several files) being read in the background.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub id: u64,
    /// Files read so far, and how many there are (`None` while the folders
    /// are still being listed).
    pub done: usize,
    pub total: Option<usize>,
    /// The file read last.
    pub current: Option<PathBuf>,
    /// A file being read by OCR and its page progress, until it is read.
    pub ocr: Option<(PathBuf, crate::parser::OcrProgress)>,
    /// Files of this batch that could not be read: what its closing note
    /// counts (the list may hold failures of earlier batches too).
    pub failed: usize,
    pub cancel: CancelFlag,
}

/// A file of a batch that could not be read, shown in the list with why.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedFile {
    pub path: PathBuf,
    /// Why, as the JSON's `error.reason` writes it (both languages at once).
    pub reason: String,
    /// Why, for the window in one language.
    pub why: crate::text::Text,
}

impl FailedFile {
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

/// The status mark of a report, also what the list filters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocStatus {
    /// Every table there and no rule fails (advisories may remain).
    AllPass,
    /// `n` rules fail.
    Problems(usize),
    /// At least one table is missing (and no rule fails).
    TablesMissing,
}

pub fn doc_status(d: &Document) -> DocStatus {
    status_of(&d.summary())
}

fn status_of(s: &super::document::StatusCounts) -> DocStatus {
    if s.failures > 0 {
        DocStatus::Problems(s.failures)
    } else if s.missing_tables > 0 {
        DocStatus::TablesMissing
    } else {
        DocStatus::AllPass
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    AllPass,
    Problems,
    TablesMissing,
    Unreadable,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::Problems,
        StatusFilter::TablesMissing,
        StatusFilter::Unreadable,
        StatusFilter::AllPass,
    ];
}

/// The order of the report list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Most failing rules first, then missing tables, unreadable, passing.
    #[default]
    Problems,
    /// By agency (normalised name), then year.
    Agency,
    /// By year, newest first, then agency.
    Year,
    /// As opened.
    Opened,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Problems,
        SortKey::Agency,
        SortKey::Year,
        SortKey::Opened,
    ];
}

/// What the report list shows and in which order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListFilter {
    /// Part of the agency's name (or the file name), any width or spacing.
    pub agency: String,
    /// Exactly one agency: its group key (`stats::agency_group_key`, what
    /// the batch charts sum by) and its name as shown.
    pub exact_agency: Option<(String, String)>,
    pub year: Option<i32>,
    pub status: Option<StatusFilter>,
    /// A rule that fails (or warns) in the report.
    pub rule: Option<&'static str>,
    /// The region at a level (`""`: not known at that level), as the batch
    /// charts group reports; see `stats::region_at`.
    pub region: Option<(RegionLevel, String)>,
    pub sort: SortKey,
}

/// One line of the report list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListItem {
    Doc(u64),
    /// An index into `State::failed`.
    Failed(usize),
}

impl ListFilter {
    pub fn is_active(&self) -> bool {
        !self.agency.trim().is_empty()
            || self.exact_agency.is_some()
            || self.year.is_some()
            || self.status.is_some()
            || self.rule.is_some()
            || self.region.is_some()
    }

    pub(super) fn matches_doc(&self, d: &Document) -> bool {
        if let Some(y) = self.year
            && d.report.meta.year != Some(y)
        {
            return false;
        }
        if let Some(rule) = self.rule
            && !d
                .checks()
                .any(|c| c.rule == rule && matches!(c.status, Status::Fail | Status::Warn))
        {
            return false;
        }
        if let Some((level, name)) = &self.region
            && region_at(&d.report, *level).unwrap_or("") != name
        {
            return false;
        }
        if let Some((key, _)) = &self.exact_agency {
            let agency = d.report.meta.agency.as_deref().unwrap_or(&d.name);
            if agency_group_key(&d.report, agency) != *key {
                return false;
            }
        }
        let status = doc_status(d);
        let status_ok = match self.status {
            None => true,
            Some(StatusFilter::AllPass) => status == DocStatus::AllPass,
            Some(StatusFilter::Problems) => matches!(status, DocStatus::Problems(_)),
            Some(StatusFilter::TablesMissing) => d.summary().missing_tables > 0,
            Some(StatusFilter::Unreadable) => false,
        };
        status_ok && self.matches_name(d.report.meta.agency.as_deref().unwrap_or(""), &d.name)
    }

    /// Whether the list shows `item` (a report or unreadable file there).
    pub(super) fn shows(
        &self,
        documents: &[Box<Document>],
        failed: &[FailedFile],
        item: ListItem,
    ) -> bool {
        match item {
            ListItem::Doc(id) => {
                super::document::find(documents, id).is_some_and(|d| self.matches_doc(d))
            }
            ListItem::Failed(i) => failed.get(i).is_some_and(|f| self.matches_failed(f)),
        }
    }

    pub(super) fn matches_failed(&self, f: &FailedFile) -> bool {
        self.year.is_none()
            && self.exact_agency.is_none()
            && self.rule.is_none()
            && self.region.is_none()
            && matches!(self.status, None | Some(StatusFilter::Unreadable))
            && self.matches_name("", &f.name())
    }

    fn matches_name(&self, agency: &str, file: &str) -> bool {
        let typed = self.agency.trim();
        if typed.is_empty() {
            return true;
        }
        let want = agency_key(typed);
        want.is_empty() || agency_key(agency).contains(&want) || file.contains(typed)
    }
}

/// Where an item stands in the list: (rank, -failures, agency key, year,
/// position among the reports then the unreadable files).
type Key<'a> = (u8, i64, SortText<'a>, i64, usize);

/// Read from the report's `ListKeys` alone (see there why).
fn doc_key(d: &Document, pos: usize) -> Key<'_> {
    let keys = d.list_keys();
    let (rank, n) = match status_of(&keys.counts) {
        DocStatus::Problems(n) => (0, n as i64),
        DocStatus::TablesMissing => (1, 0),
        DocStatus::AllPass => (3, 0),
    };
    let year = i64::from(keys.year.unwrap_or(0));
    (rank, -n, keys.agency.borrowed(), year, pos)
}

fn failed_key<'a>(documents: &[Box<Document>], i: usize, f: &FailedFile) -> Key<'a> {
    (2, 0, SortText::new(f.name()), 0, documents.len() + i)
}

/// The key of an item of the list as it stands (`None`: no longer there).
fn item_key<'a>(
    documents: &'a [Box<Document>],
    failed: &[FailedFile],
    item: ListItem,
) -> Option<Key<'a>> {
    match item {
        ListItem::Doc(id) => {
            let pos = super::document::position(documents, id)?;
            Some(doc_key(&documents[pos], pos))
        }
        ListItem::Failed(i) => failed.get(i).map(|f| failed_key(documents, i, f)),
    }
}

/// The list's order; the position in each key makes it total, so sorting
/// and inserting one by one give the same list.
fn compare(sort: SortKey, a: &Key, b: &Key) -> std::cmp::Ordering {
    match sort {
        SortKey::Problems => a.cmp(b),
        SortKey::Agency => (&a.2, a.3, a.4).cmp(&(&b.2, b.3, b.4)),
        SortKey::Year => (-a.3, &a.2, a.4).cmp(&(-b.3, &b.2, b.4)),
        SortKey::Opened => a.4.cmp(&b.4),
    }
}

/// The list as filtered and sorted.
pub fn list(
    documents: &[Box<Document>],
    failed: &[FailedFile],
    filter: &ListFilter,
) -> Vec<ListItem> {
    // With no filter every report is shown: none asked.
    let active = filter.is_active();
    let mut items: Vec<(Key, ListItem)> = Vec::with_capacity(documents.len() + failed.len());
    for (pos, d) in documents.iter().enumerate() {
        if !active || filter.matches_doc(d) {
            items.push((doc_key(d, pos), ListItem::Doc(d.id)));
        }
    }
    for (i, f) in failed.iter().enumerate() {
        if filter.matches_failed(f) {
            items.push((failed_key(documents, i, f), ListItem::Failed(i)));
        }
    }
    // The keys are total (positions differ), so an unstable sort gives the
    // one order; it moves each item less than a stable one.
    items.sort_unstable_by(|a, b| compare(filter.sort, &a.0, &b.0));
    items.into_iter().map(|(_, item)| item).collect()
}

/// Puts `items` (each left out of `listed`, a list as `list` made it)
/// where `list` would have them, those the filter shows; how many of them
/// are unreadable files. Reports opened (or files that could not be read)
/// while a folder reads are placed by binary searches and one copy of the
/// list (`sorted_merge`), not by sorting every report again.
pub fn insert_all(
    listed: &mut Vec<ListItem>,
    documents: &[Box<Document>],
    failed: &[FailedFile],
    filter: &ListFilter,
    items: &[ListItem],
) -> usize {
    let mut new: Vec<(Key, ListItem)> = items
        .iter()
        .filter(|&&item| filter.shows(documents, failed, item))
        .filter_map(|&item| Some((item_key(documents, failed, item)?, item)))
        .collect();
    new.sort_unstable_by(|a, b| compare(filter.sort, &a.0, &b.0));
    super::sorted_merge::merge_sorted(listed, &new, |other, key| {
        item_key(documents, failed, other).is_some_and(|k| compare(filter.sort, &k, key).is_lt())
    });
    new.iter()
        .filter(|(_, item)| matches!(item, ListItem::Failed(_)))
        .count()
}

/// Rules that fail or warn in the open reports, with how many reports,
/// most frequent first: what the rule filter offers.
pub fn failing_rules(documents: &[Box<Document>]) -> Vec<(&'static str, usize)> {
    let mut counts: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for d in documents {
        let mut rules: Vec<&'static str> = d
            .checks()
            .filter(|c| matches!(c.status, Status::Fail | Status::Warn))
            .map(|c| c.rule)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        for r in rules {
            *counts.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

/// Recomputes the cross-year rules of every open report against the same
/// agency's report for the year before, if that one is open too (`index`,
/// of these documents); the ids of the reports whose rules changed.
pub fn update_cross_year(documents: &mut [Box<Document>], index: &YearIndex) -> Vec<u64> {
    let mut changed = Vec::new();
    for d in documents.iter_mut() {
        if d.set_cross_year(index.checks_for(&d.report)) {
            changed.push(d.id);
        }
    }
    changed
}

/// Recomputes the cross-year rules of report `id` alone, when what the
/// others are checked against (`index`) has not changed; whether they changed.
pub fn update_cross_year_of(documents: &mut [Box<Document>], index: &YearIndex, id: u64) -> bool {
    let Some(d) = super::document::find_mut(documents, id) else {
        return false;
    };
    d.set_cross_year(index.checks_for(&d.report))
}

/// The three forms of "export all".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// One JSON Lines file: a line per report, unreadable files as `error` lines.
    JsonLines,
    /// A folder with a JSON file per report.
    JsonFolder,
    /// The one-row-per-report CSV table (Chinese headers, a BOM for Excel).
    Csv,
    /// The Excel workbook: a row per report, and the problems.
    Xlsx,
    /// The Excel workbook with a sheet per report besides.
    XlsxWithReports,
    /// The totals by region and level (`stats::region_totals`) as CSV.
    RegionTotalsCsv,
}

impl ExportKind {
    pub const ALL: [ExportKind; 6] = [
        ExportKind::JsonLines,
        ExportKind::JsonFolder,
        ExportKind::Csv,
        ExportKind::Xlsx,
        ExportKind::XlsxWithReports,
        ExportKind::RegionTotalsCsv,
    ];

    /// The file name the save dialog proposes (none for a folder).
    pub fn default_name(self) -> &'static str {
        match self {
            ExportKind::JsonLines => "reports.jsonl",
            ExportKind::JsonFolder => "",
            ExportKind::Csv => "reports.csv",
            ExportKind::Xlsx | ExportKind::XlsxWithReports => "reports.xlsx",
            ExportKind::RegionTotalsCsv => "region_totals.csv",
        }
    }
}

/// The file names of a folder export: each report's name with `.json`,
/// numbered when two reports share a name.
pub fn folder_names(files: &[&str]) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    files
        .iter()
        .map(|f| {
            let stem = Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "report".into());
            let mut name = format!("{stem}.json");
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{stem}-{n}.json");
                n += 1;
            }
            name
        })
        .collect()
}

impl Batch {
    /// What the progress bar says: files read of all, the file read last,
    /// and, while a scan is being read, its page (“识别第 i/n 页…”).
    pub fn status(&self) -> Text {
        let Some(total) = self.total else {
            return Text::new("正在查找报告文件…", "Looking for report files…");
        };
        let name = |p: &PathBuf| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let done = self.done;
        let file = self.current.as_ref().map(name).unwrap_or_default();
        let files = Text::new(
            format!("正在读取 {done} / {total}  {file}"),
            format!("Reading {done} of {total}  {file}"),
        );
        match &self.ocr {
            Some((path, p)) if p.total > 0 => {
                let (scan, page) = (name(path), p.text());
                Text::new(
                    format!("{}  ·  {scan} {}", files.zh(), page.zh()),
                    format!("{}  ·  {scan}: {}", files.en(), page.en()),
                )
            }
            _ => files,
        }
    }

    /// Share of the files read, 0–1.
    pub fn fraction(&self) -> f32 {
        self.total
            .map_or(0.0, |t| self.done as f32 / t.max(1) as f32)
    }
}
