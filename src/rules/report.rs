//! The consistency rules (勾稽关系) of the spec, within one report.
//! Each rule is checked only where all the cells it names have values; a
//! blank or a dash makes it `skipped`, never a 0. Messages name the rows as
//! the report does.

use super::{at_most, same};
use crate::model::{CellRef, Check, Narrative, Number, Status, Table, Tables};
use crate::template::{Layout, TableId, ValueKind};
use crate::text::Text;

/// All rules at all places, passes included.
pub fn run(tables: &Tables, narrative: &Narrative) -> Vec<Check> {
    run_in(tables, narrative, Scope::ALL)
}

/// Which rules a run checks, and whether it writes their messages.
///
/// Every rule's outcome depends only on the cells it reads (and the
/// narrative, and the template), so after a change to some cells only the
/// rules reading one of them can have another outcome: a repair candidate
/// is judged by running those alone, without messages (see
/// `rules::repair::judge`).
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// `None`: every rule; else only the rules reading one of these cells.
    reading: Option<&'a [CellRef]>,
    /// Whether failing and skipped checks get their message (else empty).
    pub messages: bool,
}

impl<'a> Scope<'a> {
    /// Every rule, with messages: what `run` does.
    pub const ALL: Scope<'static> = Scope {
        reading: None,
        messages: true,
    };

    /// Every rule, outcomes only.
    pub const ALL_QUIET: Scope<'static> = Scope {
        reading: None,
        messages: false,
    };

    /// Only the rules reading one of `cells`, outcomes only.
    pub fn reading(cells: &'a [CellRef]) -> Scope<'a> {
        Scope {
            reading: Some(cells),
            messages: false,
        }
    }

    /// Whether a rule reading `cells` is run.
    fn reads(&self, mut cells: impl Iterator<Item = CellRef>) -> bool {
        self.reading
            .is_none_or(|changed| cells.any(|c| changed.contains(&c)))
    }

    /// For a rule that reads `cell` besides the cells it names: every rule
    /// when `cell` is among the changed ones.
    fn also(self, cell: CellRef) -> Scope<'a> {
        match self.reading {
            Some(changed) if changed.contains(&cell) => Scope {
                reading: None,
                ..self
            },
            _ => self,
        }
    }

    /// Whether any rule reading table `id` can be run.
    fn reads_table(&self, id: TableId) -> bool {
        self.reading
            .is_none_or(|changed| changed.iter().any(|c| c.table == id))
    }
}

/// The rules `scope` asks for, in the order `run` gives them (the order
/// of `run`'s list restricted to them).
pub fn run_in(tables: &Tables, narrative: &Narrative, scope: Scope) -> Vec<Check> {
    // Room for a whole report's checks (about fifty), so that the list is
    // not copied as it grows.
    let mut out = Vec::with_capacity(if scope.reading.is_some() { 8 } else { 64 });
    if let Some(t) = &tables.applications
        && scope.reads_table(t.spec.id)
    {
        applications(t, scope, &mut out);
    }
    if let Some(t) = &tables.review_litigation
        && scope.reads_table(t.spec.id)
    {
        review_litigation(t, scope, &mut out);
    }
    if let Some(t) = &tables.active_disclosure
        && scope.reads_table(t.spec.id)
    {
        in_force(t, scope, &mut out);
    }
    for t in [
        &tables.active_disclosure,
        &tables.applications,
        &tables.review_litigation,
    ]
    .into_iter()
    .flatten()
    {
        if scope.reads_table(t.spec.id) {
            non_negative(t, scope, &mut out);
        }
    }
    narrative_rules(tables, narrative, scope, &mut out);
    out
}

fn n(v: f64) -> Number {
    Number(v)
}

/// A template label quoted in an English message (see `crate::text`).
fn q(label: &str) -> String {
    format!("“{label}”")
}

/// A place named by a template label: itself in Chinese, quoted in English.
fn label(name: &str) -> Text {
    Text::new(name, q(name))
}

struct Rule<'a> {
    table: &'a Table,
    rule: &'static str,
    place: String,
    cells: Vec<CellRef>,
    /// Whether a check that does not pass gets its message (`Scope::messages`).
    messages: bool,
}

impl<'a> Rule<'a> {
    /// The rule at a place reading `cells`, when `scope` runs it; its place
    /// is written only then.
    /// (The cells are gathered only then too: a judged candidate reaches
    /// a few rules of the many.)
    fn new(
        table: &'a Table,
        rule: &'static str,
        place: impl FnOnce() -> String,
        cells: impl Iterator<Item = CellRef> + Clone,
        scope: Scope,
    ) -> Option<Rule<'a>> {
        scope.reads(cells.clone()).then(|| Rule {
            table,
            rule,
            place: place(),
            cells: cells.collect(),
            messages: scope.messages,
        })
    }

    /// Values of all the rule's cells, or `None` if any is missing.
    fn values(&self) -> Option<Vec<f64>> {
        self.cells
            .iter()
            .map(|c| self.table.cells[c.row][c.col].value)
            .collect()
    }

    /// The check's outcome; `message` is only called when the rule does not
    /// pass, so passing rules cost no formatting.
    fn finish(
        self,
        status: Status,
        expected: Option<f64>,
        actual: Option<f64>,
        message: impl FnOnce() -> Text,
    ) -> Check {
        Check {
            rule: self.rule,
            place: self.place,
            status,
            expected: expected.map(n),
            actual: actual.map(n),
            message: if status == Status::Pass || !self.messages {
                Text::default()
            } else {
                message()
            },
            cell_refs: self.cells,
            layout: self.table.spec.layout,
        }
    }

    fn skipped(self, what: &Text) -> Check {
        self.finish(Status::Skipped, None, None, || {
            Text::new(
                format!("{what}：有空格或“/”“-”，无法核对"),
                format!(
                    "{}: a cell is blank or holds “/” or “-”; cannot check",
                    what.en()
                ),
            )
        })
    }
}

/// `table.key` as a place, without the formatting machinery (this runs for
/// every check of every report).
fn dotted(table: &str, key: &str) -> String {
    let mut s = String::with_capacity(table.len() + 1 + key.len());
    s.push_str(table);
    s.push('.');
    s.push_str(key);
    s
}

fn cref(t: &Table, row: usize, col: usize) -> CellRef {
    CellRef {
        table: t.spec.id,
        row,
        col,
    }
}

fn applications(t: &Table, scope: Scope, out: &mut Vec<Check>) {
    let spec = t.spec;
    let total_col = spec.rows[0].columns.len() - 1;
    for (r, row) in spec.rows.iter().enumerate() {
        let Some(rule) = Rule::new(
            t,
            "applications.row_total",
            || dotted("applications", row.key),
            (0..=total_col).map(|c| cref(t, r, c)),
            scope,
        ) else {
            continue;
        };
        out.push(sum_check(
            rule,
            &label(row.name),
            &Text::new("各类申请人", "the applicant columns"),
            "总计",
        ));
    }
    let (Some(new), Some(carried), Some(granted), Some(total), Some(forward)) = (
        spec.row("new_received"),
        spec.row("carried_over"),
        spec.row("granted"),
        spec.row("total_processed"),
        spec.row("carried_forward"),
    ) else {
        return;
    };
    for (c, col) in spec.rows[0].columns.iter().enumerate() {
        // 第一项加第二项之和，等于第三项加第四项之和.
        let balance = Rule::new(
            t,
            "applications.balance",
            || dotted("applications", col.key),
            [new, carried, total, forward]
                .iter()
                .map(|&r| cref(t, r, c)),
            scope,
        );
        if let Some(rule) = balance {
            match rule.values() {
                None => out.push(rule.skipped(&Text::new(
                    format!("{}列收支平衡", col.label),
                    format!("balance of column {}", q(col.label)),
                ))),
                Some(v) => {
                    let (lhs, rhs) = (v[0] + v[1], v[2] + v[3]);
                    let status = if same(lhs, rhs) {
                        Status::Pass
                    } else {
                        Status::Fail
                    };
                    let msg = || {
                        Text::new(
                            format!(
                                "{}：一、本年新收 {} + 二、上年结转 {} = {}，（七）总计 {} + 四、结转下年度继续办理 {} = {}",
                                col.label,
                                n(v[0]),
                                n(v[1]),
                                n(lhs),
                                n(v[2]),
                                n(v[3]),
                                n(rhs)
                            ),
                            format!(
                                "{}: new this year {} + carried over {} = {}, but total handled {} + carried forward {} = {}",
                                q(col.label),
                                n(v[0]),
                                n(v[1]),
                                n(lhs),
                                n(v[2]),
                                n(v[3]),
                                n(rhs)
                            ),
                        )
                    };
                    out.push(rule.finish(status, Some(lhs), Some(rhs), msg));
                }
            }
        }
        // （七）总计 = the sum of every outcome row.
        let cells = (granted..total)
            .chain(std::iter::once(total))
            .map(|r| cref(t, r, c));
        let Some(rule) = Rule::new(
            t,
            "applications.outcomes",
            || dotted("applications", col.key),
            cells,
            scope,
        ) else {
            continue;
        };
        out.push(sum_check(
            rule,
            &label(col.label),
            &Text::new("（一）至（六）各项办理结果", "the outcomes (1) to (6)"),
            "（七）总计",
        ));
    }
}

fn review_litigation(t: &Table, scope: Scope, out: &mut Vec<Check>) {
    for (r, row) in t.spec.rows.iter().enumerate() {
        let total_col = row.columns.len() - 1;
        let Some(rule) = Rule::new(
            t,
            "review_litigation.total",
            || dotted("review_litigation", row.key),
            (0..=total_col).map(|c| cref(t, r, c)),
            scope,
        ) else {
            continue;
        };
        out.push(sum_check(
            rule,
            &label(row.name),
            &Text::new(
                "结果维持、结果纠正、其他结果、尚未审结",
                "upheld, corrected, other and pending",
            ),
            "总计",
        ));
    }
}

/// A rule that the last of the rule's cells is the sum of the others; the
/// message names the place (`what`), the parts summed and the total's column.
fn sum_check(rule: Rule<'_>, what: &Text, parts: &Text, total: &str) -> Check {
    // Summed in place: this runs for most checks of every report.
    let (mut sum, mut stated) = (0.0, 0.0);
    let last = rule.cells.len() - 1;
    for (k, c) in rule.cells.iter().enumerate() {
        let Some(v) = rule.table.cells[c.row][c.col].value else {
            return rule.skipped(what);
        };
        if k == last {
            stated = v;
        } else {
            sum += v;
        }
    }
    let status = if same(sum, stated) {
        Status::Pass
    } else {
        Status::Fail
    };
    rule.finish(status, Some(sum), Some(stated), || {
        Text::new(
            format!("{what}：{parts}合计 {}，{total}栏填 {}", n(sum), n(stated)),
            format!(
                "{}: {} add up to {}, but {} holds {}",
                what.en(),
                parts.en(),
                n(sum),
                q(total),
                n(stated)
            ),
        )
    })
}

fn in_force(t: &Table, scope: Scope, out: &mut Vec<Check>) {
    for key in ["rules", "normative_documents"] {
        let Some(r) = t.spec.row(key) else { continue };
        let row = &t.spec.rows[r];
        let col = |k: &str| row.column(k).map(|c| cref(t, r, c));
        let (cells, layout) = match t.spec.layout {
            Layout::Y2021 => (
                vec![col("issued"), col("repealed"), col("in_force")],
                Layout::Y2021,
            ),
            Layout::Y2019 => (
                vec![col("published"), col("total_published")],
                Layout::Y2019,
            ),
        };
        let Some(cells) = cells.into_iter().collect::<Option<Vec<_>>>() else {
            continue;
        };
        let Some(rule) = Rule::new(
            t,
            "active_disclosure.in_force",
            || dotted("active_disclosure", key),
            cells.into_iter(),
            scope,
        ) else {
            continue;
        };
        let Some(v) = rule.values() else {
            out.push(rule.skipped(&label(row.name)));
            continue;
        };
        let check = match layout {
            Layout::Y2021 => {
                let (issued, repealed, force) = (v[0], v[1], v[2]);
                let ok = at_most(issued, force + repealed);
                let msg = || {
                    Text::new(
                        format!(
                            "{}：本年制发 {} 件，多于现行有效 {} 件与本年废止 {} 件之和",
                            row.name,
                            n(issued),
                            n(force),
                            n(repealed)
                        ),
                        format!(
                            "{}: {} issued this year, more than {} in force plus {} repealed",
                            q(row.name),
                            n(issued),
                            n(force),
                            n(repealed)
                        ),
                    )
                };
                rule.finish(
                    if ok { Status::Pass } else { Status::Warn },
                    Some(issued),
                    Some(force + repealed),
                    msg,
                )
            }
            Layout::Y2019 => {
                let (published, total) = (v[0], v[1]);
                let ok = at_most(published, total);
                let msg = || {
                    Text::new(
                        format!(
                            "{}：本年新公开 {} 件，多于对外公开总数 {} 件",
                            row.name,
                            n(published),
                            n(total)
                        ),
                        format!(
                            "{}: {} newly published this year, more than the {} published in all",
                            q(row.name),
                            n(published),
                            n(total)
                        ),
                    )
                };
                rule.finish(
                    if ok { Status::Pass } else { Status::Warn },
                    Some(published),
                    Some(total),
                    msg,
                )
            }
        };
        out.push(check);
    }
}

fn non_negative(t: &Table, scope: Scope, out: &mut Vec<Check>) {
    for (r, row) in t.spec.rows.iter().enumerate() {
        for (c, col) in row.columns.iter().enumerate() {
            let Some(v) = t.cells[r][c].value else {
                continue;
            };
            let ok = match col.kind {
                ValueKind::Count => v >= 0.0 && v.fract() == 0.0,
                ValueKind::Signed => v.fract() == 0.0,
                ValueKind::Amount => v >= 0.0,
            };
            if ok {
                continue;
            }
            if let Some(rule) = Rule::new(
                t,
                "value.non_negative",
                || format!("{}.{}.{}", t.spec.id.key(), row.key, col.key),
                std::iter::once(cref(t, r, c)),
                scope,
            ) {
                let (want, want_en) = match col.kind {
                    ValueKind::Count => ("不小于 0 的整数", "a whole number, 0 or more"),
                    ValueKind::Signed => ("整数", "a whole number"),
                    ValueKind::Amount => ("不小于 0 的数", "a number, 0 or more"),
                };
                let msg = || {
                    Text::new(
                        format!("{}·{}：填 {}，应为{want}", row.name, col.label, n(v)),
                        format!(
                            "{} · {}: holds {}, should be {want_en}",
                            q(row.name),
                            q(col.label),
                            n(v)
                        ),
                    )
                };
                out.push(rule.finish(Status::Fail, None, Some(v), msg));
            }
        }
    }
}

fn narrative_rules(tables: &Tables, narrative: &Narrative, scope: Scope, out: &mut Vec<Check>) {
    if let (Some(stated), Some(t)) = (narrative.applications_received, &tables.applications) {
        if let (Some(r_new), Some(r_carried)) =
            (t.spec.row("new_received"), t.spec.row("carried_over"))
        {
            let total_col = t.spec.rows[r_new].columns.len() - 1;
            // Reads 二、上年结转 too, though it names only 本年新收.
            let carried_cell = cref(t, r_carried, total_col);
            let rule = Rule::new(
                t,
                "narrative.applications",
                || "applications.new_received".into(),
                std::iter::once(cref(t, r_new, total_col)),
                scope.also(carried_cell),
            );
            if let Some(rule) = rule {
                match rule.values() {
                    None => out.push(rule.skipped(&label("一、本年新收政府信息公开申请数量"))),
                    Some(v) => {
                        let carried = t.cells[r_carried][total_col].value.unwrap_or(0.0);
                        let ok = same(stated.value, v[0]) || same(stated.value, v[0] + carried);
                        let msg = || {
                            Text::new(
                                format!(
                                    "正文称收到政府信息公开申请 {} 件，表三本年新收总计 {}",
                                    n(stated.value),
                                    n(v[0])
                                ),
                                format!(
                                    "the text says {} applications were received; table 3's new this year total is {}",
                                    n(stated.value),
                                    n(v[0])
                                ),
                            )
                        };
                        out.push(rule.finish(
                            if ok { Status::Pass } else { Status::Warn },
                            Some(stated.value),
                            Some(v[0]),
                            msg,
                        ));
                    }
                }
            }
        }
    }
    let Some(t) = &tables.review_litigation else {
        return;
    };
    let total_col = t.spec.rows[0].columns.len() - 1;
    let cases = [
        (
            "narrative.review",
            narrative.review_cases,
            vec![0usize],
            Text::new("行政复议", "administrative review"),
        ),
        (
            "narrative.litigation",
            narrative.litigation_cases,
            vec![1, 2],
            Text::new("行政诉讼", "administrative litigation"),
        ),
    ];
    for (id, stated, rows, what) in cases {
        let Some(stated) = stated else { continue };
        let Some(rule) = Rule::new(
            t,
            id,
            || dotted("review_litigation", t.spec.rows[rows[0]].key),
            rows.iter().map(|&r| cref(t, r, total_col)),
            scope,
        ) else {
            continue;
        };
        match rule.values() {
            None => out.push(rule.skipped(&what)),
            Some(v) => {
                let sum: f64 = v.iter().sum();
                let ok = same(stated.value, sum);
                let msg = || {
                    Text::new(
                        format!(
                            "正文称{what} {} 件，表四{what}总计 {}",
                            n(stated.value),
                            n(sum)
                        ),
                        format!(
                            "the text says {} {} cases; table 4's {} total is {}",
                            n(stated.value),
                            what.en(),
                            what.en(),
                            n(sum)
                        ),
                    )
                };
                out.push(rule.finish(
                    if ok { Status::Pass } else { Status::Warn },
                    Some(stated.value),
                    Some(sum),
                    msg,
                ));
            }
        }
    }
}

/// The table a check belongs to.
pub fn table_of(check: &Check) -> Option<TableId> {
    check.cell_refs.first().map(|c| c.table)
}
