//! What a batch came to: how many reports pass every rule, fail some, lack
//! tables or could not be read, and which rules fail most often.

use std::collections::HashMap;
use std::fmt;

use crate::batch::Outcome;
use crate::model::Status;
use crate::template::TableId;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub reports: usize,
    /// Every table there and no rule failed.
    pub all_pass: usize,
    /// Every table there, some rule failed.
    pub with_failures: usize,
    /// At least one table missing.
    pub tables_missing: usize,
    pub unreadable: usize,
    /// (rule id → reports in which it fails).
    pub failing_rules: HashMap<&'static str, usize>,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome) {
        self.reports += 1;
        let report = match outcome {
            Outcome::Failed { .. } => {
                self.unreadable += 1;
                return;
            }
            Outcome::Parsed(r) => r,
        };
        let mut rules: Vec<&'static str> = report.failures().map(|c| c.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        for rule in &rules {
            *self.failing_rules.entry(rule).or_default() += 1;
        }
        if TableId::ALL
            .iter()
            .any(|&id| report.tables.get(id).is_none())
        {
            self.tables_missing += 1;
        } else if rules.is_empty() && report.checks.iter().all(|c| c.status != Status::Fail) {
            self.all_pass += 1;
        } else {
            self.with_failures += 1;
        }
    }

    /// Rules by how many reports fail them, most first.
    pub fn top_rules(&self) -> Vec<(&'static str, usize)> {
        let mut v: Vec<_> = self.failing_rules.iter().map(|(&r, &n)| (r, n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "报告 {} 份 (reports)", self.reports)?;
        writeln!(f, "  全部通过 (all rules pass):      {}", self.all_pass)?;
        writeln!(
            f,
            "  有不符规则 (some rule fails):   {}",
            self.with_failures
        )?;
        writeln!(
            f,
            "  缺表 (tables missing):          {}",
            self.tables_missing
        )?;
        writeln!(f, "  无法读取 (unreadable):          {}", self.unreadable)?;
        let top = self.top_rules();
        if !top.is_empty() {
            writeln!(f, "最常见的不符规则 (most frequent failing rules):")?;
            for (rule, n) in top.iter().take(10) {
                writeln!(f, "  {n:>6}  {rule}")?;
            }
        }
        Ok(())
    }
}

impl Summary {
    /// The summary in English alone (`nianbao parse --lang en --summary`);
    /// `Display` gives both languages, as it always has.
    pub fn english(&self) -> String {
        let mut s = format!(
            "{} reports\n  all rules pass:     {}\n  some rule fails:    {}\n  tables missing:     {}\n  unreadable:         {}\n",
            self.reports, self.all_pass, self.with_failures, self.tables_missing, self.unreadable
        );
        let top = self.top_rules();
        if !top.is_empty() {
            s.push_str("most frequent failing rules:\n");
            for (rule, n) in top.iter().take(10) {
                s.push_str(&format!(
                    "  {n:>6}  {rule} ({})\n",
                    crate::rules::names::rule_name(rule).en()
                ));
            }
        }
        s
    }
}
