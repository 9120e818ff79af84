//! Each rule's name for people, in both languages: what the window's
//! filters and lists show instead of the rule's id.

use crate::text::Text;

/// Every rule id the library checks, in the order the spec lists them.
pub const RULES: [&str; 11] = [
    "applications.row_total",
    "applications.balance",
    "applications.outcomes",
    "review_litigation.total",
    "value.non_negative",
    "active_disclosure.in_force",
    "narrative.applications",
    "narrative.review",
    "narrative.litigation",
    "cross_year.carried_over",
    "cross_year.in_force",
];

/// The rule's name; an id not known here (a rule added later) is shown as
/// it is rather than hidden.
pub fn rule_name(rule: &str) -> Text {
    let (zh, en) = match rule {
        "applications.row_total" => (
            "表三：各类申请人合计等于总计",
            "Table 3: applicants add up to the total",
        ),
        "applications.balance" => (
            "表三：收支平衡（新收＋结转＝办结＋结转下年）",
            "Table 3: balance (new + carried over = handled + carried forward)",
        ),
        "applications.outcomes" => (
            "表三：各项办理结果合计等于总计",
            "Table 3: outcomes add up to the total handled",
        ),
        "review_litigation.total" => (
            "表四：各项结果合计等于总计",
            "Table 4: results add up to the total",
        ),
        "value.non_negative" => ("数值应为不小于 0 的数", "Values must not be negative"),
        "active_disclosure.in_force" => ("表二：现行有效件数", "Table 2: documents in force"),
        "narrative.applications" => ("正文与表三的申请数", "Applications in the text vs table 3"),
        "narrative.review" => (
            "正文与表四的行政复议数",
            "Administrative reviews in the text vs table 4",
        ),
        "narrative.litigation" => ("正文与表四的行政诉讼数", "Lawsuits in the text vs table 4"),
        "cross_year.carried_over" => (
            "跨年：上年结转与上年报告一致",
            "Across years: carried over matches last year's report",
        ),
        "cross_year.in_force" => (
            "跨年：现行有效件数与上年报告衔接",
            "Across years: documents in force follow from last year's",
        ),
        other => return Text::new(other, other),
    };
    Text::new(zh, en)
}
