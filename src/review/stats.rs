//! What the charts show, as plain data: one report's applications by
//! outcome and by applicant, one agency's figures over the years open, and
//! a batch's failing rules by rule and by region, applications per agency,
//! the share passing every rule, and totals by region and level.
//!
//! A batch's statistics are sums over each report's small [`DocFacts`]; the
//! window has them computed on a worker thread (`review::figures`), never
//! in a frame.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Check, Region, Report, Status, Table};
use crate::rules::agency::agency_key;
use crate::template::TableId;

use super::document::Document;

/// One bar or point: what it counts and how much.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The key to filter by (a rule id, a region, an agency) or a row key.
    pub key: String,
    pub zh: String,
    pub en: String,
    pub value: f64,
}

/// The outcome groups of table 3 (三、本年度办理结果), each the rows whose
/// keys start with its prefix, summed over the 总计 column.
pub const OUTCOMES: [(&str, &str, &str); 6] = [
    ("granted", "予以公开", "Granted"),
    ("partially_granted", "部分公开", "Partly granted"),
    ("withheld_", "不予公开", "Withheld"),
    ("unable_", "无法提供", "Cannot provide"),
    ("rejected_", "不予处理", "Not handled"),
    ("other_", "其他处理", "Other handling"),
];

/// English names of the applicant columns (the Chinese are the template's).
fn applicant_en(key: &str) -> &'static str {
    match key {
        "natural_person" => "Natural persons",
        "commercial" => "Businesses",
        "research" => "Research bodies",
        "social_welfare" => "Public-interest groups",
        "legal_service" => "Legal services",
        _ => "Other",
    }
}

fn total_of(t: &Table, row: usize) -> Option<f64> {
    let col = t.spec.rows[row].column("total")?;
    t.cells[row][col].value
}

/// Table 3's outcome groups, summed over their rows' 总计; `None` when the
/// report has no table 3 or none of a group's rows has a value.
pub fn outcomes(report: &Report) -> Vec<(usize, Option<f64>)> {
    let Some(t) = report.tables.applications.as_ref() else {
        return Vec::new();
    };
    OUTCOMES
        .iter()
        .enumerate()
        .map(|(i, (prefix, _, _))| {
            let mut sum = None;
            for (r, row) in t.spec.rows.iter().enumerate() {
                let hit = if prefix.ends_with('_') {
                    row.key.starts_with(prefix)
                } else {
                    row.key == *prefix
                };
                if hit && let Some(v) = total_of(t, r) {
                    *sum.get_or_insert(0.0) += v;
                }
            }
            (i, sum)
        })
        .collect()
}

/// One report's applications by outcome (bars, blanks left out).
pub fn outcome_bars(report: &Report) -> Vec<Bar> {
    outcomes(report)
        .into_iter()
        .filter_map(|(i, v)| {
            let (key, zh, en) = OUTCOMES[i];
            Some(Bar {
                key: key.trim_end_matches('_').into(),
                zh: zh.into(),
                en: en.into(),
                value: v?,
            })
        })
        .collect()
}

/// One report's new applications by applicant type (表三 一、本年新收, each
/// column but 总计).
pub fn applicant_bars(report: &Report) -> Vec<Bar> {
    let Some(t) = report.tables.applications.as_ref() else {
        return Vec::new();
    };
    let Some(r) = t.spec.row("new_received") else {
        return Vec::new();
    };
    t.spec.rows[r]
        .columns
        .iter()
        .zip(&t.cells[r])
        .filter(|(c, _)| c.key != "total")
        .filter_map(|(c, cell)| {
            Some(Bar {
                key: c.key.into(),
                zh: c.label.into(),
                en: applicant_en(c.key).into(),
                value: cell.value?,
            })
        })
        .collect()
}

/// The figures of one report that the charts over years draw.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearFigures {
    pub year: i32,
    /// 一、本年新收 总计.
    pub received: Option<f64>,
    /// Each of [`OUTCOMES`].
    pub outcomes: [Option<f64>; 6],
    /// 行政复议 总计; 行政诉讼 (both kinds) 总计.
    pub review: Option<f64>,
    pub litigation: Option<f64>,
}

pub fn figures(report: &Report) -> Option<YearFigures> {
    let year = report.meta.year?;
    let mut f = YearFigures {
        year,
        ..YearFigures::default()
    };
    if let Some(t) = &report.tables.applications {
        f.received = t.spec.row("new_received").and_then(|r| total_of(t, r));
        for (i, v) in outcomes(report) {
            f.outcomes[i] = v;
        }
    }
    if let Some(t) = &report.tables.review_litigation {
        f.review = t.spec.row("review").and_then(|r| total_of(t, r));
        let direct = t.spec.row("litigation_direct").and_then(|r| total_of(t, r));
        let after = t
            .spec
            .row("litigation_after_review")
            .and_then(|r| total_of(t, r));
        f.litigation = match (direct, after) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
    }
    Some(f)
}

/// The agency of report `id` over the years open, oldest first (one report
/// a year: the first opened; agencies matched as `compare::same_agency` does).
pub fn agency_years(documents: &[Box<Document>], id: u64) -> Vec<YearFigures> {
    let Some(d) = super::document::find(documents, id) else {
        return Vec::new();
    };
    let mut by_year: BTreeMap<i32, YearFigures> = BTreeMap::new();
    for o in documents {
        if o.id != id && !super::compare::same_agency(&d.report, &o.report) {
            continue;
        }
        if let Some(f) = figures(&o.report) {
            by_year.entry(f.year).or_insert(f);
        }
    }
    by_year.into_values().collect()
}

/// The level of the administrative divisions a batch is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionLevel {
    Province,
    City,
    County,
}

impl RegionLevel {
    pub const ALL: [RegionLevel; 3] = [
        RegionLevel::Province,
        RegionLevel::City,
        RegionLevel::County,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            RegionLevel::Province => "省级",
            RegionLevel::City => "市级",
            RegionLevel::County => "县级",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
            RegionLevel::County => "county",
        }
    }
}

/// The name of `report`'s region at `level`, if the parser gave it.
pub fn region_at(report: &Report, level: RegionLevel) -> Option<&str> {
    let r: &Region = report.meta.region.as_ref()?;
    match level {
        RegionLevel::Province => r.province.as_deref(),
        RegionLevel::City => r.city.as_deref(),
        RegionLevel::County => r.county.as_deref(),
    }
}

/// A report passes every rule: all three tables there, no rule fails.
pub fn passes_every_rule(report: &Report) -> bool {
    TableId::ALL
        .into_iter()
        .all(|id| report.tables.get(id).is_some())
        && !report.checks.iter().any(|c| c.status == Status::Fail)
}

/// One line of the totals by region and level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegionTotal {
    pub level: Option<RegionLevel>,
    /// The region's name; the province (and city) it belongs to.
    pub name: String,
    pub parent: String,
    pub reports: usize,
    pub passing: usize,
    pub received: f64,
    pub granted: f64,
    pub review: f64,
    pub litigation: f64,
}

/// The name of the line for reports whose region is not known.
pub const UNKNOWN_REGION: &str = "（地区不明）";

/// What the batch figures need of one report: small, so that a batch's
/// figures are sums over these rather than walks over every report's
/// tables and checks, and cheap to make when one report changes.
#[derive(Clone, Debug, PartialEq)]
pub struct DocFacts {
    pub agency: String,
    /// What the applications per agency are summed under and the list's
    /// exact agency filter matches: see [`agency_group_key`].
    pub agency_key: String,
    /// For matching one agency's years as `compare::same_agency` does: the
    /// normalised name and the placed key, when the report names its agency.
    named: Option<(String, Option<String>)>,
    pub year: Option<i32>,
    /// The figures the charts over years draw (`None` without a year).
    pub figures: Option<YearFigures>,
    /// Province, city, county where known.
    pub region: [Option<String>; 3],
    pub passes: bool,
    /// Rules failing or warning, each once, sorted.
    pub rules: Vec<&'static str>,
    pub received: Option<f64>,
    pub granted: Option<f64>,
    pub review: Option<f64>,
    pub litigation: Option<f64>,
}

/// The key one agency's reports share however fully they name it: the
/// division code and the name after its place names where the parser placed
/// the agency (see `compare::same_agency`), else the normalised name.
pub fn agency_group_key(report: &Report, agency: &str) -> String {
    match super::compare::placed_key(report, agency) {
        Some((code, rest)) => format!("{code}:{rest}"),
        None => agency_key(agency),
    }
}

/// The rules among `checks` that fail or warn, each once, sorted.
pub fn flagged_rules<'a>(checks: impl IntoIterator<Item = &'a Check>) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = checks
        .into_iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Warn))
        .map(|c| c.rule)
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

impl DocFacts {
    /// The facts of `report` with the `extra` checks (cross-year) beside its own.
    pub fn of(report: &Report, extra: &[Check], fallback_name: &str) -> DocFacts {
        let f = figures(report);
        let received = report
            .tables
            .applications
            .as_ref()
            .and_then(|t| t.spec.row("new_received").and_then(|r| total_of(t, r)));
        let agency = report
            .meta
            .agency
            .clone()
            .unwrap_or_else(|| fallback_name.to_string());
        let named = report.meta.agency.as_deref().map(|name| {
            let placed = super::compare::placed_key(report, name)
                .map(|(code, rest)| format!("{code}:{rest}"));
            (agency_key(name), placed)
        });
        DocFacts {
            agency_key: agency_group_key(report, &agency),
            agency,
            named,
            year: report.meta.year,
            figures: f,
            region: RegionLevel::ALL.map(|l| region_at(report, l).map(str::to_string)),
            passes: passes_every_rule(report),
            rules: flagged_rules(report.checks.iter().chain(extra)),
            received,
            granted: outcomes(report).first().and_then(|o| o.1),
            review: f.and_then(|f| f.review),
            litigation: f.and_then(|f| f.litigation),
        }
    }

    pub fn region_at(&self, level: RegionLevel) -> Option<&str> {
        self.region[level as usize].as_deref()
    }

    /// The same agency as `other`, as `compare::same_agency` tells.
    pub fn same_agency(&self, other: &DocFacts) -> bool {
        match (&self.named, &other.named) {
            (Some((a, pa)), Some((b, pb))) => a == b || (pa.is_some() && pa == pb),
            _ => false,
        }
    }
}

/// [`agency_years`] from the facts of the open reports, in the order they
/// were opened, with their ids.
pub fn agency_years_of<'a>(
    facts: impl IntoIterator<Item = (u64, &'a DocFacts)> + Clone,
    id: u64,
) -> Vec<YearFigures> {
    let Some(d) = facts
        .clone()
        .into_iter()
        .find(|(i, _)| *i == id)
        .map(|f| f.1)
    else {
        return Vec::new();
    };
    let mut by_year: BTreeMap<i32, YearFigures> = BTreeMap::new();
    for (i, o) in facts {
        if i != id && !d.same_agency(o) {
            continue;
        }
        if let Some(f) = o.figures {
            by_year.entry(f.year).or_insert(f);
        }
    }
    by_year.into_values().collect()
}

/// The years of the open reports, newest first (the list's year filter).
pub fn years_of<'a>(facts: impl IntoIterator<Item = &'a DocFacts>) -> Vec<i32> {
    let mut v: Vec<i32> = facts.into_iter().filter_map(|f| f.year).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

/// Totals of `reports` for every province, city and county they belong to
/// (a county's reports count in its city and province too), then the
/// reports of no known region; by level, then name.
pub fn region_totals<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<RegionTotal> {
    let facts: Vec<DocFacts> = reports
        .into_iter()
        .map(|r| DocFacts::of(r, &[], &r.source.file))
        .collect();
    region_totals_of(facts.iter())
}

/// [`region_totals`] from the reports' facts.
pub fn region_totals_of<'a>(facts: impl IntoIterator<Item = &'a DocFacts>) -> Vec<RegionTotal> {
    let mut lines: HashMap<(Option<RegionLevel>, &'a str), RegionTotal> = HashMap::new();
    for f in facts {
        let mut parent = "";
        let mut known = false;
        let mut add = |level: Option<RegionLevel>, name: &'a str, parent: &'a str| {
            let line = lines.entry((level, name)).or_insert_with(|| RegionTotal {
                level,
                name: name.to_string(),
                parent: parent.to_string(),
                ..RegionTotal::default()
            });
            line.reports += 1;
            line.passing += usize::from(f.passes);
            line.received += f.received.unwrap_or(0.0);
            line.granted += f.granted.unwrap_or(0.0);
            line.review += f.review.unwrap_or(0.0);
            line.litigation += f.litigation.unwrap_or(0.0);
        };
        for level in RegionLevel::ALL {
            if let Some(name) = f.region_at(level) {
                add(Some(level), name, parent);
                parent = name;
                known = true;
            }
        }
        if !known {
            add(None, UNKNOWN_REGION, "");
        }
    }
    let mut v: Vec<RegionTotal> = lines.into_values().collect();
    // Known levels first, province to county; unknown last.
    v.sort_by(|a, b| {
        (a.level.is_none(), a.level, &a.parent, &a.name).cmp(&(
            b.level.is_none(),
            b.level,
            &b.parent,
            &b.name,
        ))
    });
    v
}

/// The header of the totals table (Chinese, as the exported sheet has it).
pub const REGION_TOTALS_HEADER: [&str; 10] = [
    "级别",
    "地区",
    "上级",
    "报告数",
    "全部通过",
    "通过比例",
    "新收申请",
    "予以公开",
    "行政复议",
    "行政诉讼",
];

/// The totals table as rows of text, header first: for the CSV export and
/// for a sheet of the Excel workbook.
pub fn region_total_rows(totals: &[RegionTotal]) -> Vec<Vec<String>> {
    let n = |v: f64| crate::model::Number(v).to_string();
    let mut rows = vec![REGION_TOTALS_HEADER.iter().map(|s| s.to_string()).collect()];
    for t in totals {
        rows.push(vec![
            t.level.map(RegionLevel::zh).unwrap_or("").to_string(),
            t.name.clone(),
            t.parent.clone(),
            t.reports.to_string(),
            t.passing.to_string(),
            format!("{:.1}%", 100.0 * t.passing as f64 / t.reports.max(1) as f64),
            n(t.received),
            n(t.granted),
            n(t.review),
            n(t.litigation),
        ]);
    }
    rows
}

/// The totals table as CSV bytes (UTF-8 with BOM, so spreadsheet programs
/// read the Chinese).
pub fn region_totals_csv(totals: &[RegionTotal]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    for row in region_total_rows(totals) {
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// How a batch's failures are grouped: by a level of region, or, when the
/// parser gave no region that splits the batch, by agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Region(RegionLevel),
    Agency,
}

/// A batch's statistics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchStats {
    pub reports: usize,
    /// Reports passing every rule (all tables there, no rule failing).
    pub passing: usize,
    /// Reports in which each rule fails or warns, most first (as the list's
    /// rule filter counts them).
    pub by_rule: Vec<(&'static str, usize)>,
    pub grouping: Option<Grouping>,
    /// Reports with a failing rule in each group, most first; a bar's key is
    /// the region's name (empty: not known at that level) or the agency's
    /// group key ([`agency_group_key`]).
    pub failing_by_group: Vec<Bar>,
    /// New applications (表三 一、本年新收 总计) per agency, most first; a
    /// bar's key is the agency's group key, its label the name first opened.
    pub per_agency: Vec<Bar>,
    pub region_totals: Vec<RegionTotal>,
}

impl BatchStats {
    pub fn share_passing(&self) -> f64 {
        self.passing as f64 / self.reports.max(1) as f64
    }
}

/// The coarsest level at which the reports' regions differ.
fn grouping(facts: &[&DocFacts]) -> Grouping {
    for level in RegionLevel::ALL {
        let mut names = facts.iter().filter_map(|f| f.region_at(level));
        if let Some(first) = names.next()
            && names.any(|n| n != first)
        {
            return Grouping::Region(level);
        }
    }
    // One region for all (or none known): the agencies tell them apart.
    Grouping::Agency
}

fn bars(counts: HashMap<&str, (&str, f64)>) -> Vec<Bar> {
    let mut v: Vec<Bar> = counts
        .into_iter()
        .map(|(key, (label, value))| Bar {
            key: key.to_string(),
            zh: label.to_string(),
            en: label.to_string(),
            value,
        })
        .collect();
    v.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.key.cmp(&b.key)));
    v
}

/// The statistics of the open reports, computed in place (tests; the window
/// has them computed by `review::figures` on a worker thread).
pub fn batch_stats(documents: &[Box<Document>]) -> BatchStats {
    let facts: Vec<DocFacts> = documents
        .iter()
        .map(|d| DocFacts::of(&d.report, d.cross_year(), &d.name))
        .collect();
    batch_stats_of(&facts.iter().collect::<Vec<_>>())
}

/// A batch's statistics from its reports' facts, in the order opened.
pub fn batch_stats_of(facts: &[&DocFacts]) -> BatchStats {
    let grouping_now = grouping(facts);
    let mut by_rule: HashMap<&'static str, usize> = HashMap::new();
    let mut by_group: HashMap<&str, (&str, f64)> = HashMap::new();
    let mut per_agency: HashMap<&str, (&str, f64)> = HashMap::new();
    let mut passing = 0;
    for f in facts {
        passing += usize::from(f.passes);
        for rule in &f.rules {
            *by_rule.entry(rule).or_default() += 1;
        }
        if !f.passes {
            let (key, label) = match grouping_now {
                Grouping::Region(level) => match f.region_at(level) {
                    Some(name) => (name, name),
                    None => ("", UNKNOWN_REGION),
                },
                Grouping::Agency => (f.agency_key.as_str(), f.agency.as_str()),
            };
            by_group.entry(key).or_insert((label, 0.0)).1 += 1.0;
        }
        if let Some(v) = f.received {
            per_agency
                .entry(f.agency_key.as_str())
                .or_insert((f.agency.as_str(), 0.0))
                .1 += v;
        }
    }
    // A bar's key is the agency's group key (`agency_group_key`), which the
    // list's exact agency filter matches.
    let per_agency: Vec<Bar> = bars(per_agency);
    let mut by_rule: Vec<(&'static str, usize)> = by_rule.into_iter().collect();
    by_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    BatchStats {
        reports: facts.len(),
        passing,
        by_rule,
        grouping: (!facts.is_empty()).then_some(grouping_now),
        failing_by_group: bars(by_group),
        per_agency,
        region_totals: region_totals_of(facts.iter().copied()),
    }
}
