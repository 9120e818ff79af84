//! Rules across one agency's reports for consecutive years
//! (`cross_year.carried_over`, `cross_year.in_force`, advisory): what a
//! report must keep of itself for them is small, so thousands fit in memory.

use std::collections::HashMap;

use super::agency::agency_key;
use super::same;
use crate::model::{CellRef, Check, Number, Report, Status};
use crate::template::{Layout, TableId, TableSpec};
use crate::text::Text;

/// What the next year's report is checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFacts {
    pub file: String,
    pub agency: String,
    /// 四、结转下年度继续办理, column by column (table 3 columns).
    pub carried_forward: Option<Vec<Option<f64>>>,
    /// 2021 table 2: (in_force) of 规章 and 行政规范性文件.
    pub in_force: Option<[Option<f64>; 2]>,
}

impl YearFacts {
    pub fn of(report: &Report) -> Option<(String, i32, YearFacts)> {
        let agency = report.meta.agency.as_deref()?;
        let year = report.meta.year?;
        Some((agency_key(agency), year, YearFacts::from_report(report)))
    }

    /// The facts of `report` whatever its agency and year: for comparing
    /// two reports a person chose (an unnamed agency is written empty).
    pub fn from_report(report: &Report) -> YearFacts {
        let agency = report.meta.agency.clone().unwrap_or_default();
        let carried_forward = report.tables.applications.as_ref().and_then(|t| {
            let r = t.spec.row("carried_forward")?;
            Some(t.cells[r].iter().map(|c| c.value).collect())
        });
        let in_force = report
            .tables
            .active_disclosure
            .as_ref()
            .filter(|t| t.spec.layout == Layout::Y2021)
            .map(|t| {
                [
                    t.value("rules", "in_force"),
                    t.value("normative_documents", "in_force"),
                ]
            });
        YearFacts {
            file: report.source.file.clone(),
            agency,
            carried_forward,
            in_force,
        }
    }
}

/// Facts of every report, by (agency key, year).
#[derive(Debug, Default)]
pub struct YearIndex {
    facts: HashMap<(String, i32), YearFacts>,
}

impl YearIndex {
    pub fn add(&mut self, report: &Report) {
        if let Some(facts) = YearFacts::of(report) {
            self.insert(facts);
        }
    }

    /// Keeps the first report seen for each agency and year.
    pub fn insert(&mut self, (key, year, facts): (String, i32, YearFacts)) {
        self.facts.entry((key, year)).or_insert(facts);
    }

    /// Sets the facts of an agency's year, whatever was there.
    pub fn replace(&mut self, (key, year, facts): (String, i32, YearFacts)) {
        self.facts.insert((key, year), facts);
    }

    /// Forgets an agency's year (its last report's agency or year edited).
    pub fn remove(&mut self, key: &str, year: i32) {
        self.facts.remove(&(key.to_owned(), year));
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The facts of the same agency's report for the year before `report`'s.
    pub fn previous(&self, report: &Report) -> Option<&YearFacts> {
        let key = agency_key(report.meta.agency.as_deref()?);
        self.facts.get(&(key, report.meta.year? - 1))
    }

    /// Adds the cross-year checks of `report` against the year before, if
    /// that report is known.
    pub fn check(&self, report: &mut Report) {
        let checks = self.checks_for(report);
        report.checks.extend(checks);
    }

    /// The cross-year checks of `report` against the year before: none when
    /// that report is not known.
    pub fn checks_for(&self, report: &Report) -> Vec<Check> {
        self.previous(report)
            .map(|prev| cross_year_checks(report, prev))
            .unwrap_or_default()
    }
}

/// The cross-year rules of `report` against last year's `prev`.
pub fn cross_year_checks(report: &Report, prev: &YearFacts) -> Vec<Check> {
    let mut out = Vec::new();
    let other = format!("{}（{}）", prev.agency, short_file(&prev.file));
    // The agency and file are the report's own words: quoted in English.
    let other_en = format!("“{}” ({})", prev.agency, short_file(&prev.file));
    if let (Some(t), Some(forward)) = (&report.tables.applications, &prev.carried_forward) {
        if let Some(r) = t.spec.row("carried_over") {
            // One check for the row (its place is the row); the message names
            // every column that differs.
            let columns = t.spec.rows[r].columns;
            let mut differ = Vec::new();
            let mut blank = false;
            for (c, col) in columns.iter().enumerate() {
                match (t.cells[r][c].value, forward.get(c).copied().flatten()) {
                    (Some(a), Some(b)) if !same(a, b) => differ.push((
                        c,
                        format!("{} 本年 {} / 上年 {}", col.label, Number(a), Number(b)),
                        format!(
                            "“{}” this year {} / last year {}",
                            col.label,
                            Number(a),
                            Number(b)
                        ),
                    )),
                    (Some(_), Some(_)) => {}
                    _ => blank = true,
                }
            }
            let total = columns.len() - 1;
            let (status, message) = if !differ.is_empty() {
                let zh: Vec<&str> = differ.iter().map(|(_, m, _)| m.as_str()).collect();
                let en: Vec<&str> = differ.iter().map(|(_, _, m)| m.as_str()).collect();
                (
                    Status::Warn,
                    Text::new(
                        format!(
                            "本年“二、上年结转”与上年报告{other}“四、结转下年度继续办理”不一致：{}",
                            zh.join("；")
                        ),
                        format!(
                            "this year's “二、上年结转” differs from “四、结转下年度继续办理” in last year's report {other_en}: {}",
                            en.join("; ")
                        ),
                    ),
                )
            } else if blank {
                (
                    Status::Skipped,
                    Text::new(
                        "本年或上年报告的结转数有空格，无法核对",
                        "a carried-over number is blank in this or last year's report; cannot check",
                    ),
                )
            } else {
                (Status::Pass, Text::default())
            };
            let cells: Vec<usize> = if differ.is_empty() {
                (0..columns.len()).collect()
            } else {
                differ.iter().map(|d| d.0).collect()
            };
            out.push(Check {
                rule: "cross_year.carried_over",
                place: "applications.carried_over".into(),
                status,
                expected: forward.get(total).copied().flatten().map(Number),
                actual: t.cells[r][total].value.map(Number),
                message,
                cell_refs: cells
                    .into_iter()
                    .map(|c| CellRef {
                        table: TableId::Applications,
                        row: r,
                        col: c,
                    })
                    .collect(),
                layout: t.spec.layout,
            });
        }
    }
    if let (Some(t), Some(last)) = (&report.tables.active_disclosure, prev.in_force) {
        if t.spec.layout == Layout::Y2021 {
            let spec = TableSpec::get(TableId::ActiveDisclosure, Layout::Y2021);
            for (k, key) in ["rules", "normative_documents"].into_iter().enumerate() {
                let Some(r) = spec.row(key) else { continue };
                let row = &spec.rows[r];
                let get = |col: &str| t.value(key, col);
                let cols = ["issued", "repealed", "in_force"]
                    .map(|c| row.column(c).expect("2021 columns"));
                let (status, expected, actual, message) = match (
                    last[k],
                    get("issued"),
                    get("repealed"),
                    get("in_force"),
                ) {
                    (Some(before), Some(issued), Some(repealed), Some(now)) => {
                        let expected = before + issued - repealed;
                        if same(expected, now) {
                            (Status::Pass, Some(expected), Some(now), Text::default())
                        } else {
                            (
                                Status::Warn,
                                Some(expected),
                                Some(now),
                                Text::new(
                                    format!(
                                        "{}：上年报告{other}现行有效 {} + 本年制发 {} − 本年废止 {} = {}，本年现行有效填 {}",
                                        row.name,
                                        Number(before),
                                        Number(issued),
                                        Number(repealed),
                                        Number(expected),
                                        Number(now)
                                    ),
                                    format!(
                                        "“{}”: in force in last year's report {other_en} {} + issued {} − repealed {} = {}, but in force this year holds {}",
                                        row.name,
                                        Number(before),
                                        Number(issued),
                                        Number(repealed),
                                        Number(expected),
                                        Number(now)
                                    ),
                                ),
                            )
                        }
                    }
                    _ => (
                        Status::Skipped,
                        None,
                        None,
                        Text::new(
                            format!("{}：本年或上年报告有空格，无法核对现行有效件数", row.name),
                            format!(
                                "“{}”: a cell is blank in this or last year's report; cannot check the documents in force",
                                row.name
                            ),
                        ),
                    ),
                };
                out.push(Check {
                    rule: "cross_year.in_force",
                    place: format!("active_disclosure.{key}"),
                    status,
                    expected: expected.map(Number),
                    actual: actual.map(Number),
                    message,
                    cell_refs: cols
                        .iter()
                        .map(|&c| CellRef {
                            table: TableId::ActiveDisclosure,
                            row: r,
                            col: c,
                        })
                        .collect(),
                    layout: Layout::Y2021,
                });
            }
        }
    }
    out
}

fn short_file(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
