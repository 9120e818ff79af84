//! Digit runs split by the template's rules: in run-together text
//! ([`crate::parser::flat`]) a row's cells stand glued into one run of
//! digits (`801000081` for 80 1 0 0 0 0 81). A run is split into the row's
//! column count of numbers, none with a leading zero but `0` itself, and a
//! split is kept only when it is the one split the rules binding the row
//! allow — table 3: the applicant columns sum to 总计 and, across rows, its
//! column balance; table 4: each group's four results sum to its 总计.
//! Several splits, or none: the row stays empty, with a warning. Never a
//! guess.

use crate::parser::normalize::Normalized;
use crate::parser::table::rows::{RawCell, RawRow};
use crate::parser::table::tokens::TokenKind;
use crate::template::{TableId, TableSpec};
use crate::text::Text;

/// Longest number a split gives, in digits.
const MAX_DIGITS: usize = 12;
/// Splits looked for at most; more means “several” all the same.
const MAX_SPLITS: usize = 64;
/// Combinations of ambiguous table 3 rows tried against the column rules.
const MAX_COMBINATIONS: usize = 100_000;

/// Splits tried at most for one run: a long run into many numbers has
/// more ways than can be looked at, and then its split is not known.
const MAX_STEPS: usize = 1_000_000;

/// The ways (byte ranges inside `run`) to split the digit run `run` into
/// `n` numbers, none with a leading zero, that `ok` accepts; at most
/// `limit + 1`, more than `limit` standing for “several”. A run with more
/// ways than can be tried gives `limit + 1` too: never one split taken for
/// the only one.
pub fn splits(
    run: &str,
    n: usize,
    ok: &dyn Fn(&[u64]) -> bool,
    limit: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    if n == 0 || run.is_empty() || !run.bytes().all(|b| b.is_ascii_digit()) || run.len() < n {
        return out;
    }
    let mut search = Search {
        run: run.as_bytes(),
        n,
        ok,
        limit: limit + 1,
        steps: MAX_STEPS,
        parts: Vec::with_capacity(n),
        values: Vec::with_capacity(n),
        out: Vec::new(),
    };
    search.walk(0);
    out.append(&mut search.out);
    if search.steps == 0 {
        // Gave up: as many as stand for several.
        while out.len() <= limit {
            out.push(Vec::new());
        }
    }
    out
}

struct Search<'a> {
    run: &'a [u8],
    n: usize,
    ok: &'a dyn Fn(&[u64]) -> bool,
    limit: usize,
    steps: usize,
    parts: Vec<(usize, usize)>,
    values: Vec<u64>,
    out: Vec<Vec<(usize, usize)>>,
}

impl Search<'_> {
    fn walk(&mut self, at: usize) {
        if self.out.len() >= self.limit || self.steps == 0 {
            return;
        }
        self.steps -= 1;
        let run = self.run;
        let left = self.n - self.parts.len();
        if left == 0 {
            if at == run.len() && (self.ok)(&self.values) {
                self.out.push(self.parts.clone());
            }
            return;
        }
        let rest = run.len() - at;
        // Each number left needs a digit and holds at most MAX_DIGITS.
        if rest < left || rest > left * MAX_DIGITS {
            return;
        }
        let longest = if run[at] == b'0' { 1 } else { MAX_DIGITS };
        for len in 1..=longest.min(rest - (left - 1)) {
            let v = run[at..at + len]
                .iter()
                .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
            self.parts.push((at, at + len));
            self.values.push(v);
            self.walk(at + len);
            self.parts.pop();
            self.values.pop();
        }
    }
}

/// `run` without a trailing numbering mark of the next row (`2.`, `2、`),
/// when `next` is that row's number.
pub fn strip_next_mark(run: &str, next: Option<u32>) -> &str {
    let Some(next) = next else { return run };
    let Some(body) = run.strip_suffix(['.', '、', '．', ',']) else {
        return run;
    };
    body.strip_suffix(next.to_string().as_str()).unwrap_or(run)
}

/// The six applicant columns sum to 总计.
pub fn applicants_balance(v: &[u64]) -> bool {
    v.len() == 7 && v[..6].iter().sum::<u64>() == v[6]
}

/// Table 4: in each group of five, the four results sum to 总计.
pub fn outcomes_balance(v: &[u64]) -> bool {
    v.len() % 5 == 0 && v.chunks(5).all(|g| g[..4].iter().sum::<u64>() == g[4])
}

/// The rule that binds one row's columns of table `id`, if any.
fn row_rule(id: TableId, columns: usize) -> Option<fn(&[u64]) -> bool> {
    match (id, columns) {
        (TableId::Applications, 7) => Some(applicants_balance),
        (TableId::ReviewLitigation, 5) => Some(outcomes_balance),
        _ => None,
    }
}

/// The splits a glued row's own rule allows (empty: none), each as byte
/// ranges inside its run.
type Splits = Vec<Vec<(usize, usize)>>;

/// One glued row: its raw row, its cell, its digits and their splits.
type GluedRow = (usize, RawCell, String, Splits);

/// The row's one digit-run cell, if its values are exactly that: the cell
/// and its digits, a trailing mark of the next row taken off.
fn glued_cell<'a>(
    doc: &'a Normalized,
    raw: &RawRow,
    next: Option<u32>,
) -> Option<(RawCell, &'a str)> {
    let cells: Vec<&RawCell> = raw
        .cells
        .iter()
        .filter(|c| c.kind != TokenKind::Empty)
        .collect();
    let [cell] = cells.as_slice() else {
        return None;
    };
    let text = &doc.text[cell.start..cell.end];
    let run = strip_next_mark(text, next);
    (run.len() >= 2 && run.bytes().all(|b| b.is_ascii_digit())).then_some(((*cell).clone(), run))
}

/// The number a row's label opens with (`2.没有现成信息` → 2).
fn own_number(label: &str) -> Option<u32> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    let rest = &label[digits.len()..];
    if digits.is_empty() || !rest.starts_with(['.', '、']) {
        return None;
    }
    digits.parse().ok()
}

/// Table 2 and 3 rows aligned to `spec` whose values are one digit run,
/// split where the rules allow exactly one split. Returns the rows (split
/// rows with one cell per number, at its place in the run) and the indices
/// of glued rows left unsplit (their warning is in `warnings`).
pub fn split_rows(
    doc: &Normalized,
    spec: &TableSpec,
    rows: &[RawRow],
    assigned: &[Option<usize>],
    warnings: &mut Vec<Text>,
) -> (Vec<RawRow>, Vec<usize>) {
    let short = spec.id.short_title();
    let mut out = rows.to_vec();
    let mut left = Vec::new();
    // Per template row: (raw index, cell, run, splits).
    let mut glued: Vec<Option<GluedRow>> = vec![None; spec.rows.len()];
    for (r, row) in spec.rows.iter().enumerate() {
        let Some(i) = assigned[r] else { continue };
        let n = row.columns.len();
        if n < 2 || rows[i].fits(n) {
            continue;
        }
        let next = spec.rows.get(r + 1).and_then(|s| own_number(s.label));
        let Some((cell, run)) = glued_cell(doc, &rows[i], next) else {
            continue;
        };
        let rule = row_rule(spec.id, n);
        let ok = |v: &[u64]| rule.is_none_or(|f| f(v));
        let found = splits(run, n, &ok, MAX_SPLITS);
        glued[r] = Some((i, cell, run.to_string(), found));
    }
    if spec.id == TableId::Applications {
        settle_by_columns(spec, rows, assigned, &mut glued);
    }
    for (r, g) in glued.into_iter().enumerate() {
        let Some((i, cell, run, found)) = g else {
            continue;
        };
        let row = &spec.rows[r];
        let line = doc.line_of(cell.start) + 1;
        if let [one] = found.as_slice() {
            let cells = split_cells(cell.start, &run, one);
            let shown: Vec<&str> = one.iter().map(|&(s, e)| &run[s..e]).collect();
            let (by, by_en) = if row_rule(spec.id, row.columns.len()).is_some() {
                ("按勾稽关系拆分为", "split by the consistency rules into")
            } else {
                (
                    "位数与列数相同，逐位拆分为",
                    "one digit per column, split into",
                )
            };
            warnings.push(Text::new(
                format!(
                    "{short}：“{}”一行的数字连在一起（{run}），{by} {}，请核对（第 {line} 行）",
                    row.name,
                    shown.join(" ")
                ),
                format!(
                    "{}: the digits of row “{}” run together ({run}), {by_en} {}; please check (line {line})",
                    spec.id.short_title_en(),
                    row.name,
                    shown.join(" ")
                ),
            ));
            out[i].cells = cells;
            out[i].lead.clear();
            out[i].trail.clear();
            out[i].without_stray = None;
        } else {
            let (why, why_en) = if found.is_empty() {
                (
                    "没有一种拆分符合勾稽关系",
                    "no split keeps the consistency rules",
                )
            } else if row_rule(spec.id, row.columns.len()).is_none() {
                (
                    "可拆成多种，无勾稽关系可定",
                    "it splits several ways and no rule decides",
                )
            } else {
                (
                    "有多种拆分都符合勾稽关系",
                    "several splits keep the consistency rules",
                )
            };
            warnings.push(Text::new(
                format!(
                    "{short}：“{}”一行的数字连在一起（{run}），{why}，无法确定各列，该行留空（第 {line} 行）",
                    row.name
                ),
                format!(
                    "{}: the digits of row “{}” run together ({run}); {why_en}, so the row is left empty (line {line})",
                    spec.id.short_title_en(),
                    row.name
                ),
            ));
            left.push(i);
        }
    }
    (out, left)
}

fn number(digits: &str) -> f64 {
    digits
        .bytes()
        .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0')) as f64
}

/// Table 3 rows with several splits settled by the column rules: 一+二 =
/// （七）总计+四 and （七）总计 = the sum of 三's rows, column by column.
/// A row is settled when every combination of the open rows' splits that
/// keeps the rules gives it the same split.
fn settle_by_columns(
    spec: &TableSpec,
    rows: &[RawRow],
    assigned: &[Option<usize>],
    glued: &mut [Option<GluedRow>],
) {
    let n_rows = spec.rows.len();
    let cols = 7;
    // Each template row's candidate values: one fixed, several open, or
    // unknown (None).
    let mut candidates: Vec<Option<Vec<Vec<u64>>>> = vec![None; n_rows];
    for r in 0..n_rows {
        if let Some((_, _, run, found)) = &glued[r] {
            // All its splits, each whole (not cut short by the limits).
            if !found.is_empty() && found.len() <= MAX_SPLITS && found.iter().all(|p| !p.is_empty())
            {
                candidates[r] = Some(
                    found
                        .iter()
                        .map(|p| p.iter().map(|&(s, e)| number(&run[s..e]) as u64).collect())
                        .collect(),
                );
            }
        } else if let Some(i) = assigned[r] {
            if let Some(cells) = rows[i].fitted(cols) {
                let v: Option<Vec<u64>> = cells
                    .iter()
                    .map(|c| {
                        c.value
                            .filter(|x| x.fract() == 0.0 && *x >= 0.0)
                            .map(|x| x as u64)
                    })
                    .collect();
                candidates[r] = v.map(|v| vec![v]);
            }
        }
    }
    let open: Vec<usize> = (0..n_rows)
        .filter(|&r| candidates[r].as_ref().is_some_and(|c| c.len() > 1))
        .collect();
    if open.is_empty() {
        return;
    }
    let combos = open.iter().try_fold(1usize, |acc, &r| {
        acc.checked_mul(candidates[r].as_ref().map_or(1, Vec::len))
    });
    if combos.is_none_or(|c| c > MAX_COMBINATIONS) {
        return;
    }
    let key = |k: &str| spec.row(k);
    let (Some(new), Some(carried), Some(total), Some(forward)) = (
        key("new_received"),
        key("carried_over"),
        key("total_processed"),
        key("carried_forward"),
    ) else {
        return;
    };
    let outcome_rows: Vec<usize> = (carried + 1..total).collect();
    // The choice per open row that each valid combination makes.
    let mut agreed: Vec<Option<Option<usize>>> = vec![None; open.len()];
    let mut any = false;
    let mut choice = vec![0usize; open.len()];
    loop {
        let value = |r: usize| -> Option<&Vec<u64>> {
            let c = candidates[r].as_ref()?;
            match open.iter().position(|&o| o == r) {
                Some(k) => c.get(choice[k]),
                None => c.first(),
            }
        };
        let balance_ok = (0..cols).all(|c| {
            let get = |r: usize| value(r).map(|v| v[c]);
            let a = match (get(new), get(carried), get(total), get(forward)) {
                (Some(a), Some(b), Some(t), Some(f)) => a + b == t + f,
                _ => true,
            };
            let sum: Option<u64> = outcome_rows.iter().map(|&r| get(r)).sum();
            let b = match (sum, get(total)) {
                (Some(s), Some(t)) => s == t,
                _ => true,
            };
            a && b
        });
        if balance_ok {
            any = true;
            for (k, slot) in agreed.iter_mut().enumerate() {
                *slot = match *slot {
                    None => Some(Some(choice[k])),
                    Some(Some(c)) if c == choice[k] => Some(Some(c)),
                    _ => Some(None),
                };
            }
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == open.len() {
                break;
            }
            choice[k] += 1;
            if choice[k] < candidates[open[k]].as_ref().map_or(1, Vec::len) {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
        if k == open.len() {
            break;
        }
    }
    if !any {
        return;
    }
    for (k, &r) in open.iter().enumerate() {
        if let Some(Some(c)) = agreed[k] {
            if let Some((_, _, _, found)) = &mut glued[r] {
                let keep = found[c].clone();
                *found = vec![keep];
            }
        }
    }
}

/// Table 4's fifteen cells from one digit run, when exactly one split keeps
/// each group's balance.
pub fn split_outcomes(
    doc: &Normalized,
    cell: &RawCell,
    want: usize,
) -> Result<Vec<RawCell>, usize> {
    let run = &doc.text[cell.start..cell.end];
    let found = splits(run, want, &outcomes_balance, MAX_SPLITS);
    match found.as_slice() {
        [one] => Ok(split_cells(cell.start, run, one)),
        _ => Err(found.len()),
    }
}

/// The cells of one split of the digit run `run` (starting at `start` in
/// the text): each part a value.
fn split_cells(start: usize, run: &str, parts: &[(usize, usize)]) -> Vec<RawCell> {
    parts
        .iter()
        .map(|&(s, e)| RawCell {
            value: Some(number(&run[s..e])),
            kind: TokenKind::Value(number(&run[s..e])),
            start: start + s,
            end: start + e,
            rebuilt: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(run: &str, n: usize, ok: &dyn Fn(&[u64]) -> bool) -> Vec<Vec<String>> {
        splits(run, n, ok, MAX_SPLITS)
            .into_iter()
            .map(|p| p.iter().map(|&(s, e)| run[s..e].to_string()).collect())
            .collect()
    }

    #[test]
    fn unique_split_by_the_row_total() {
        assert_eq!(
            shown("801000081", 7, &applicants_balance),
            vec![vec!["80", "1", "0", "0", "0", "0", "81"]]
        );
        assert_eq!(shown("0000000", 7, &applicants_balance).len(), 1);
    }

    #[test]
    fn ambiguous_split_gives_several() {
        // 22 0 0 0 0 0 22 and 2 20 0 0 0 0 22 both balance.
        assert_eq!(shown("220000022", 7, &applicants_balance).len(), 2);
        // No rule: 77 132 470, 7 71 32470, …
        assert!(shown("77132470", 3, &|_| true).len() > 1);
    }

    #[test]
    fn no_split_when_nothing_balances_or_too_few_digits() {
        assert!(shown("900000081", 7, &applicants_balance).is_empty());
        assert!(shown("000000", 7, &applicants_balance).is_empty());
    }

    #[test]
    fn leading_zeros_only_for_zero_itself() {
        // 1 0 0 0 0 0 01 would be a split were 01 a number.
        for split in shown("10000001", 7, &|_| true) {
            assert!(
                split.iter().all(|s| s == "0" || !s.starts_with('0')),
                "{split:?}"
            );
        }
        assert_eq!(shown("000", 3, &|_| true), vec![vec!["0", "0", "0"]]);
    }

    #[test]
    fn numbering_mark_of_the_next_row_removed() {
        assert_eq!(strip_next_mark("3100000312.", Some(2)), "310000031");
        assert_eq!(strip_next_mark("00000003、", Some(3)), "0000000");
        // Not the next row's number: kept as it is.
        assert_eq!(strip_next_mark("3100000312.", Some(3)), "3100000312.");
        assert_eq!(strip_next_mark("310000031", Some(1)), "310000031");
        assert_eq!(
            shown(
                strip_next_mark("3100000312.", Some(2)),
                7,
                &applicants_balance
            ),
            vec![vec!["31", "0", "0", "0", "0", "0", "31"]]
        );
    }

    #[test]
    fn too_long_a_run_is_never_one_split() {
        let run = "1".repeat(120);
        // Far too many ways to try: as many as stand for several.
        assert!(splits(&run, 15, &outcomes_balance, MAX_SPLITS).len() > 1);
    }

    #[test]
    fn table_four_groups_balance() {
        assert_eq!(
            shown("110024001510102", 15, &outcomes_balance),
            vec![vec![
                "1", "1", "0", "0", "2", "4", "0", "0", "1", "5", "1", "0", "1", "0", "2"
            ]]
        );
    }
}
