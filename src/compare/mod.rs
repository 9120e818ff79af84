//! Two reports side by side, as plain data: every cell of tables 二, 三 and
//! 四 with both values and the change ([`cells`]), the `cross_year.*` rules
//! of this year's report against last year's, and for each narrative
//! section (一, 五, 六) and the whole text the share of this year's text that
//! repeats last year's, with the passages ([`similarity`]).
//!
//! `nianbao compare` prints a [`Comparison`] as JSON; the window's 对比
//! shows the same.

pub mod cells;
pub mod similarity;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{Check, Report};
use crate::rules::cross_year::{YearFacts, cross_year_checks};

pub use cells::{CellChange, CellKey, CellStatus, compare_cells};
pub use similarity::{Passage, SHINGLE, Similarity, repeated};

/// One report to compare: the parsed report and the decoded text its spans
/// (and the whole-text comparison) point into.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub report: &'a Report,
    pub text: &'a str,
}

/// The texts compared for repetition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextPart {
    /// 一、总体情况.
    Overview,
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    Other,
    /// The whole decoded text, tables included.
    Whole,
}

impl TextPart {
    pub const ALL: [TextPart; 4] = [
        TextPart::Overview,
        TextPart::Problems,
        TextPart::Other,
        TextPart::Whole,
    ];

    /// The key in the JSON (the section keys of `sections`, and `whole`).
    pub fn key(self) -> &'static str {
        match self {
            TextPart::Overview => "overview",
            TextPart::Problems => "problems",
            TextPart::Other => "other",
            TextPart::Whole => "whole",
        }
    }

    /// The text of this part in `side`.
    pub fn text<'a>(self, side: Side<'a>) -> &'a str {
        match self {
            TextPart::Overview => &side.report.sections.overview,
            TextPart::Problems => &side.report.sections.problems,
            TextPart::Other => &side.report.sections.other,
            TextPart::Whole => side.text,
        }
    }
}

/// The repetition of one part.
#[derive(Clone, Debug, PartialEq)]
pub struct PartRepeat {
    pub part: TextPart,
    pub similarity: Similarity,
}

impl Serialize for PartRepeat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sim = &self.similarity;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("section", self.part.key())?;
        m.serialize_entry("share", &((sim.share * 10_000.0).round() / 10_000.0))?;
        m.serialize_entry("this_units", &sim.this_units)?;
        m.serialize_entry("last_units", &sim.last_units)?;
        m.serialize_entry("repeated_units", &sim.repeated_units)?;
        m.serialize_entry("passages", &sim.passages)?;
        m.end()
    }
}

/// Which report a side is, in the JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Identity {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
}

impl Identity {
    fn of(report: &Report) -> Identity {
        Identity {
            file: report.source.file.clone(),
            agency: report.meta.agency.clone(),
            year: report.meta.year,
        }
    }
}

/// This year's report against last year's.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub this: Identity,
    pub last: Identity,
    pub cells: Vec<CellChange>,
    /// The `cross_year.*` rules of this report against the other, passes
    /// included, whatever their agencies and years.
    pub cross_year: Vec<Check>,
    /// Overview, problems, other, whole text, in that order.
    pub repeats: Vec<PartRepeat>,
}

impl Comparison {
    /// How many cells have each status.
    pub fn count(&self, status: CellStatus) -> usize {
        self.cells.iter().filter(|c| c.status == status).count()
    }

    pub fn repeat(&self, part: TextPart) -> Option<&PartRepeat> {
        self.repeats.iter().find(|r| r.part == part)
    }

    /// The compared cell with `key`.
    pub fn cell(&self, key: CellKey) -> Option<&CellChange> {
        self.cells.iter().find(|c| c.key == key)
    }
}

impl Serialize for Comparison {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Counts {
            changed: usize,
            unchanged: usize,
            missing_this: usize,
            missing_last: usize,
            empty: usize,
        }
        #[derive(Serialize)]
        struct Method {
            measure: &'static str,
            shingle_units: usize,
            normalisation: &'static str,
        }
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("this", &self.this)?;
        m.serialize_entry("last", &self.last)?;
        m.serialize_entry(
            "counts",
            &Counts {
                changed: self.count(CellStatus::Changed),
                unchanged: self.count(CellStatus::Unchanged),
                missing_this: self.count(CellStatus::MissingThis),
                missing_last: self.count(CellStatus::MissingLast),
                empty: self.count(CellStatus::Empty),
            },
        )?;
        m.serialize_entry("cells", &self.cells)?;
        m.serialize_entry("cross_year", &self.cross_year)?;
        m.serialize_entry(
            "repeat_method",
            &Method {
                measure: "greedy tiling of shared shingles; share = repeated units / this year's units",
                shingle_units: SHINGLE,
                normalisation: "white space and punctuation dropped, full-width folded, Latin lower-cased, each digit run one unit",
            },
        )?;
        m.serialize_entry("repeats", &self.repeats)?;
        m.end()
    }
}

/// Compares this year's report with last year's.
pub fn compare(this: Side<'_>, last: Side<'_>) -> Comparison {
    Comparison {
        this: Identity::of(this.report),
        last: Identity::of(last.report),
        cells: compare_cells(&this.report.tables, &last.report.tables),
        cross_year: cross_year_checks(this.report, &YearFacts::from_report(last.report)),
        repeats: TextPart::ALL
            .into_iter()
            .map(|part| PartRepeat {
                part,
                similarity: repeated(part.text(this), part.text(last)),
            })
            .collect(),
    }
}

/// Orders two reports as (this year, last year): the later year first when
/// both years are known and differ, otherwise as given.
pub fn by_year<'a>(a: Side<'a>, b: Side<'a>) -> (Side<'a>, Side<'a>) {
    match (a.report.meta.year, b.report.meta.year) {
        (Some(ya), Some(yb)) if ya < yb => (b, a),
        _ => (a, b),
    }
}
