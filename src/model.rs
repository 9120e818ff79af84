//! The data model of one parsed report and its JSON form
//! (`../shared/spec/REPORT_FORMAT.md`, "The exported JSON of one report").

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::fmt;

use crate::template::{Layout, TableId, TableSpec};

/// The years a report can be about or be signed in: the disclosure
/// regulations took effect in 2008. A number outside is not a year.
pub const REPORT_YEARS: std::ops::RangeInclusive<i32> = 2008..=2100;

/// Whether `y` is in [`REPORT_YEARS`].
pub fn is_report_year(y: impl Into<i64>) -> bool {
    let y = y.into();
    i64::from(*REPORT_YEARS.start()) <= y && y <= i64::from(*REPORT_YEARS.end())
}

/// The version of the exported JSON.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a value stands in the decoded text of the source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Span {
    /// Byte range in the decoded (UTF-8) text.
    pub start: usize,
    pub end: usize,
    /// 1-based line number in the decoded text.
    pub line: usize,
    /// For HTML, DOCX and DOC sources: where the cell stands in the
    /// document's own table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridPos>,
    /// For PDF sources: the page and the box the value was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<PdfBox>,
}

/// A place on a PDF page: the page (1-based, in document order) and a box
/// `[x0, y0, x1, y1]` in points from the top-left corner of the page as
/// displayed (its `/Rotate` applied), y growing down the page — the frame
/// of pdfplumber's `x0, top, x1, bottom`. For a value, the box of its
/// glyphs; for an empty ruled cell, the cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PdfBox {
    pub page: u32,
    #[serde(rename = "box")]
    pub bbox: [f64; 4],
}

impl PdfBox {
    /// A box rounded to hundredths of a point (what the JSON shows).
    pub fn new(page: u32, x0: f64, y0: f64, x1: f64, y1: f64) -> PdfBox {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        PdfBox {
            page,
            bbox: [r(x0), r(y0), r(x1), r(y1)],
        }
    }

    /// The smallest box holding both (on this box's page).
    pub fn union(self, other: PdfBox) -> PdfBox {
        let [a0, b0, a1, b1] = self.bbox;
        let [c0, d0, c1, d1] = other.bbox;
        PdfBox {
            page: self.page,
            bbox: [a0.min(c0), b0.min(d0), a1.max(c1), b1.max(d1)],
        }
    }
}

/// A cell's place in a document table: the table's number in the document
/// and the row and column of its grid (merged cells resolved), all 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GridPos {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// One table cell: its value and where it was read.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    /// `None` when the report has no value here: a blank, “/”, “-”, an
    /// unreadable cell, or a row that was not found.
    pub value: Option<f64>,
    /// Where the value (or the blank or dash) stands in the source; `None`
    /// when the cell was never found in it.
    pub source: Option<Span>,
    /// Set when the value was read by inference rather than seen where it
    /// belongs, so a person should look at it (written as `review_cells`).
    pub review: Option<ReviewMark>,
}

/// Why a read cell still asks for a person's look. A value the parser
/// placed or rebuilt is its best reading, not a certainty: a reviewer
/// trusts what is not marked, so everything inferred is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// The row's label was missing or misprinted; its values were put into
    /// the one template row their place between recognised rows leaves.
    PlacedByPosition,
    /// The row's digits stood run together (or split apart) and were cut
    /// into cells by the one reading the template's rules allow.
    DigitsRebuilt,
    /// Read from an image by OCR with a confidence below the threshold.
    LowOcrConfidence,
    /// The image has ink in this cell that OCR could not read as a number:
    /// left empty, never guessed.
    OcrUnread,
}

/// A cell's review mark: why, and for OCR the engine's confidence (0–1).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ReviewMark {
    pub reason: ReviewReason,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl ReviewMark {
    pub fn new(reason: ReviewReason) -> ReviewMark {
        ReviewMark {
            reason,
            confidence: None,
        }
    }
}

/// One table in the layout it actually has.
#[derive(Clone, Debug)]
pub struct Table {
    pub spec: &'static TableSpec,
    /// `cells[row][column]`, in the order of `spec`.
    pub cells: Vec<Vec<Cell>>,
}

impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        std::ptr::eq(self.spec, other.spec) && self.cells == other.cells
    }
}

impl Table {
    /// An empty table (every cell `None`) of the given layout.
    pub fn empty(spec: &'static TableSpec) -> Table {
        Table {
            spec,
            cells: spec
                .rows
                .iter()
                .map(|r| vec![Cell::default(); r.columns.len()])
                .collect(),
        }
    }

    pub fn value(&self, row: &str, col: &str) -> Option<f64> {
        let r = self.spec.row(row)?;
        let c = self.spec.rows[r].column(col)?;
        self.cells[r][c].value
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.get(row)?.get(col)
    }

    pub fn cell_mut(&mut self, row: usize, col: usize) -> Option<&mut Cell> {
        self.cells.get_mut(row)?.get_mut(col)
    }

    /// How many cells hold a value.
    pub fn filled(&self) -> usize {
        self.cells
            .iter()
            .flatten()
            .filter(|c| c.value.is_some())
            .count()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Row<'a>(&'a crate::template::RowSpec, &'a [Cell]);
        impl Serialize for Row<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.1.len()))?;
                for (col, cell) in self.0.columns.iter().zip(self.1) {
                    m.serialize_entry(col.key, &cell.value.map(Number))?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(self.cells.len()))?;
        for (row, cells) in self.spec.rows.iter().zip(&self.cells) {
            m.serialize_entry(row.key, &Row(row, cells))?;
        }
        m.end()
    }
}

/// A number written as a JSON integer when it is whole, so that counts read
/// `3`, not `3.0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            write!(f, "{}", v as i64)
        } else {
            write!(f, "{v}")
        }
    }
}

/// The three tables; `None` where the report does not contain the table.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tables {
    pub active_disclosure: Option<Table>,
    pub applications: Option<Table>,
    pub review_litigation: Option<Table>,
}

impl Tables {
    pub fn get(&self, id: TableId) -> Option<&Table> {
        match id {
            TableId::ActiveDisclosure => self.active_disclosure.as_ref(),
            TableId::Applications => self.applications.as_ref(),
            TableId::ReviewLitigation => self.review_litigation.as_ref(),
        }
    }

    pub fn get_mut(&mut self, id: TableId) -> Option<&mut Table> {
        self.slot(id).as_mut()
    }

    /// The place where table `id` is kept, present or not.
    pub fn slot(&mut self, id: TableId) -> &mut Option<Table> {
        match id {
            TableId::ActiveDisclosure => &mut self.active_disclosure,
            TableId::Applications => &mut self.applications,
            TableId::ReviewLitigation => &mut self.review_litigation,
        }
    }

    pub fn cell(&self, at: CellRef) -> Option<&Cell> {
        self.get(at.table)?.cell(at.row, at.col)
    }
}

/// The address of one cell: table, row index and column index in the
/// table's layout. Written as `applications.granted.total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub table: TableId,
    pub row: usize,
    pub col: usize,
}

impl CellRef {
    /// The dotted path of the cell within `tables`' layouts, e.g.
    /// `applications.granted.total`.
    pub fn path(&self, spec: &TableSpec) -> String {
        let row = &spec.rows[self.row];
        format!(
            "{}.{}.{}",
            self.table.key(),
            row.key,
            row.columns[self.col].key
        )
    }

    /// Reads `applications.granted.total` against the layout `spec`.
    pub fn parse(path: &str, spec: &TableSpec) -> Option<CellRef> {
        let mut parts = path.split('.');
        let table = TableId::from_key(parts.next()?)?;
        if table != spec.id {
            return None;
        }
        let row = spec.row(parts.next()?)?;
        let col = spec.rows[row].column(parts.next()?)?;
        parts
            .next()
            .is_none()
            .then_some(CellRef { table, row, col })
    }
}

/// The report's metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub template: Option<Layout>,
    /// The date the report is signed, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where the agency belongs, from the place names its name begins with
    /// (an addition to the spec's keys; null when unknown).
    pub region: Option<Region>,
}

/// An agency's place among China's administrative divisions (GB/T 2260).
/// Each level is null where the agency's name does not settle it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Region {
    /// 省、自治区、直辖市: `江苏省`, `上海市`.
    pub province: Option<String>,
    /// 地级市、自治州、地区、盟; for a municipality the municipality itself.
    pub city: Option<String>,
    /// 县、区、县级市、旗.
    pub county: Option<String>,
    /// The six-digit division code of the most specific level known
    /// (`320813` 洪泽区, `320800` 淮安市, `310000` 上海市).
    pub code: Option<String>,
}

/// Where each metadata value was read.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MetaSources {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Span>,
}

/// The narrative text of sections 一, 五 and 六.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SectionTexts {
    pub overview: String,
    pub problems: String,
    pub other: String,
}

/// A count that the narrative text states, with where it says so.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Stated {
    pub value: f64,
    pub source: Span,
}

/// Counts the narrative states, compared with the tables by advisory rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Narrative {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applications_received: Option<Stated>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_cases: Option<Stated>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub litigation_cases: Option<Stated>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Advisory: worth a look, not a proven error.
    Warn,
    /// Not assessable: a cell the rule needs has no value.
    Skipped,
}

/// The outcome of one consistency rule at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub rule: &'static str,
    /// Written as `where`.
    pub place: String,
    pub status: Status,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    /// Why the rule does not hold, in both languages; empty when it passes.
    pub message: crate::text::Text,
    /// The cells the rule looks at (written as dotted paths under `cells`).
    pub cell_refs: Vec<CellRef>,
    /// The layout of the table the cells belong to.
    pub layout: Layout,
}

impl Check {
    /// The dotted paths of the cells the rule looks at.
    pub fn cell_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.cell_refs
            .iter()
            .map(|c| c.path(TableSpec::get(c.table, self.layout)))
    }
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Paths<'a>(&'a Check);
        impl Serialize for Paths<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let check = self.0;
                s.collect_seq(
                    check
                        .cell_refs
                        .iter()
                        .map(|c| CellPath(*c, TableSpec::get(c.table, check.layout))),
                )
            }
        }
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("rule", self.rule)?;
        m.serialize_entry("where", &self.place)?;
        m.serialize_entry("status", &self.status)?;
        m.serialize_entry("expected", &self.expected)?;
        m.serialize_entry("actual", &self.actual)?;
        m.serialize_entry("message", &self.message)?;
        m.serialize_entry("cells", &Paths(self))?;
        m.end()
    }
}

/// A cell's dotted path, written straight into the output.
struct CellPath(CellRef, &'static TableSpec);

impl fmt::Display for CellPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = &self.1.rows[self.0.row];
        write!(
            f,
            "{}.{}.{}",
            self.0.table.key(),
            row.key,
            row.columns[self.0.col].key
        )
    }
}

impl Serialize for CellPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A cell a person changed by hand.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Correction {
    pub cell: String,
    pub from: Option<Number>,
    pub to: Option<Number>,
}

/// Where the report came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceInfo {
    pub file: String,
    pub format: String,
    pub encoding: String,
    pub sha256: String,
}

/// The values of a row the parser found but could not place, because their
/// number does not fit the row's columns (the row itself is left empty).
/// Kept so that a person, or a repair suggestion, can fill the row from them.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadRow {
    pub table: TableId,
    /// The template row's key; `None` when the values were to fill the whole
    /// table in order (table 4 read as one run of 15 values).
    pub row: Option<&'static str>,
    /// The values in source order: numbers, and `None` for a nil mark (“/”, “-”).
    pub values: Vec<Option<f64>>,
    /// Where each value stands in the source.
    pub sources: Vec<Span>,
}

impl Serialize for UnreadRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("table", self.table.key())?;
        m.serialize_entry("row", &self.row)?;
        let values: Vec<Option<Number>> = self.values.iter().map(|v| v.map(Number)).collect();
        m.serialize_entry("values", &values)?;
        m.serialize_entry("sources", &self.sources)?;
        m.end()
    }
}

/// One report, as exported.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub source: SourceInfo,
    pub meta: Meta,
    pub meta_sources: MetaSources,
    pub tables: Tables,
    /// Every rule at every place, passes included; the JSON lists all but passes.
    pub checks: Vec<Check>,
    /// What could not be read, in both languages (the JSON: Chinese).
    pub warnings: Vec<crate::text::Text>,
    pub sections: SectionTexts,
    pub narrative: Narrative,
    pub corrections: Vec<Correction>,
    /// Rows found but not placed (written as `unread_rows`, only when any).
    pub unread_rows: Vec<UnreadRow>,
    /// What the reviewer wrote about the report in the window (written as
    /// `review_remarks`, only when not empty; an addition to the spec's keys).
    pub review_remarks: String,
}

impl Report {
    /// Its messages (checks and warnings) written in `lang` in its JSON.
    pub fn write_in(&mut self, lang: crate::text::Lang) {
        for c in &mut self.checks {
            c.message.write_in(lang);
        }
        for w in &mut self.warnings {
            w.write_in(lang);
        }
    }

    /// The checks that failed (status `fail`).
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.status == Status::Fail)
    }

    /// Every cell with a review mark, as (`table3.row.col` key, mark), in
    /// template order.
    pub fn review_cells(&self) -> impl Iterator<Item = (String, ReviewMark)> + '_ {
        TableId::ALL.into_iter().flat_map(move |id| {
            self.tables.get(id).into_iter().flat_map(move |t| {
                t.spec.rows.iter().enumerate().flat_map(move |(r, row)| {
                    row.columns.iter().enumerate().filter_map(move |(c, col)| {
                        t.cells[r][c]
                            .review
                            .map(|mark| (format!("{}.{}.{}", id.key(), row.key, col.key), mark))
                    })
                })
            })
        })
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Listed<'a>(&'a [Check]);
        impl Serialize for Listed<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().filter(|c| c.status != Status::Pass))
            }
        }
        struct ProvenanceMap<'a>(&'a Report);
        impl Serialize for ProvenanceMap<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let r = self.0;
                let mut m = s.serialize_map(None)?;
                let meta = [
                    ("meta.agency", &r.meta_sources.agency),
                    ("meta.year", &r.meta_sources.year),
                    ("meta.published", &r.meta_sources.published),
                ];
                for (key, span) in meta {
                    if let Some(span) = span {
                        m.serialize_entry(key, span)?;
                    }
                }
                // One buffer for all the keys: a report has a few hundred.
                let mut key = String::new();
                for id in TableId::ALL {
                    let Some(t) = r.tables.get(id) else { continue };
                    for (r, row) in t.spec.rows.iter().enumerate() {
                        for (c, col) in row.columns.iter().enumerate() {
                            if let Some(span) = &t.cells[r][c].source {
                                key.clear();
                                key.push_str(id.key());
                                key.push('.');
                                key.push_str(row.key);
                                key.push('.');
                                key.push_str(col.key);
                                m.serialize_entry(key.as_str(), span)?;
                            }
                        }
                    }
                }
                m.end()
            }
        }
        struct ReviewMap<'a>(&'a Report);
        impl Serialize for ReviewMap<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                for (key, mark) in self.0.review_cells() {
                    m.serialize_entry(&key, &mark)?;
                }
                m.end()
            }
        }
        let unread = !self.unread_rows.is_empty();
        let marked = self.review_cells().next().is_some();
        let remarks = !self.review_remarks.is_empty();
        let optional = usize::from(unread) + usize::from(marked) + usize::from(remarks);
        let mut m = s.serialize_map(Some(10 + optional))?;
        m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("meta", &self.meta)?;
        m.serialize_entry("tables", &self.tables)?;
        m.serialize_entry("checks", &Listed(&self.checks))?;
        m.serialize_entry("warnings", &self.warnings)?;
        m.serialize_entry("sections", &self.sections)?;
        m.serialize_entry("corrections", &self.corrections)?;
        m.serialize_entry("narrative", &self.narrative)?;
        if unread {
            m.serialize_entry("unread_rows", &self.unread_rows)?;
        }
        if marked {
            m.serialize_entry("review_cells", &ReviewMap(self))?;
        }
        if remarks {
            m.serialize_entry("review_remarks", &self.review_remarks)?;
        }
        m.serialize_entry("provenance", &ProvenanceMap(self))?;
        m.end()
    }
}
