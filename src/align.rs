//! Stage 5: raw rows → template rows. A row is identified by its label,
//! never by its position alone: each raw row is scored against each row of a
//! layout by the row's distinctive phrases (exact, or within a few typing
//! errors), and the best assignment that keeps the template's order is found
//! by dynamic programming — so missing rows, extra rows, merged header text
//! and typos do not shift anything.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::rows::RawRow;
use crate::template::{LAYOUTS, TableSpec};

/// All phrases of all layouts, for one pass over each label.
struct PhraseIndex {
    automaton: AhoCorasick,
    /// Phrase length in characters, by pattern id.
    lengths: Vec<usize>,
    /// For each phrase: the (layout index, row index) pairs that use it.
    users: Vec<Vec<(usize, usize)>>,
}

static INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let mut ids: HashMap<&'static str, usize> = HashMap::new();
    let mut phrases: Vec<&'static str> = Vec::new();
    let mut users: Vec<Vec<(usize, usize)>> = Vec::new();
    for (l, layout) in LAYOUTS.iter().enumerate() {
        for (r, row) in layout.rows.iter().enumerate() {
            for p in row.phrases {
                let id = *ids.entry(p).or_insert_with(|| {
                    phrases.push(p);
                    users.push(Vec::new());
                    phrases.len() - 1
                });
                users[id].push((l, r));
            }
        }
    }
    let lengths = phrases.iter().map(|p| p.chars().count()).collect();
    // A contiguous NFA: a DFA runs a little faster over the few kilobytes
    // of labels in a report, but building it cost more than reading a
    // whole report (1.5 ms, two thirds of a one-file `nianbao parse` of a
    // text file).
    let automaton = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&phrases)
        .expect("phrases build an automaton");
    PhraseIndex {
        automaton,
        lengths,
        users,
    }
});

/// Bytes of label text the fuzzy search looks at, at most (the longest
/// template label is about 40 characters, 120 bytes; wrapped headers add
/// some).
const MAX_FUZZY_LABEL: usize = 600;

fn layout_index(spec: &TableSpec) -> usize {
    LAYOUTS
        .iter()
        .position(|l| std::ptr::eq(l, spec))
        .expect("spec is one of LAYOUTS")
}

/// The phrases (of any layout) each raw row's label contains, found in one
/// pass per label and shared by the layouts tried.
pub fn phrase_hits(rows: &[RawRow]) -> Vec<Vec<usize>> {
    let index = &*INDEX;
    rows.iter()
        .map(|raw| {
            // A label with no values after it can be no row.
            if raw.cells.is_empty() {
                return Vec::new();
            }
            index
                .automaton
                .find_overlapping_iter(raw.label.as_str())
                .map(|m| m.pattern().as_usize())
                .collect()
        })
        .collect()
}

/// How well each raw row's label names each row of `spec`: the length in
/// characters of the best matching phrase, less the typing errors.
pub fn label_scores(rows: &[RawRow], hits: &[Vec<usize>], spec: &TableSpec) -> Vec<Vec<f32>> {
    let li = layout_index(spec);
    let index = &*INDEX;
    rows.iter()
        .zip(hits)
        .map(|(raw, hits)| {
            let mut scores = vec![0f32; spec.rows.len()];
            if raw.cells.is_empty() {
                return scores;
            }
            for &pid in hits {
                for &(l, r) in &index.users[pid] {
                    if l == li {
                        scores[r] = scores[r].max(index.lengths[pid] as f32);
                    }
                }
            }
            // Only labels with no telling exact phrase are worth the fuzzy
            // search, and only row-sized ones: a long stretch of narrative
            // is no row label, and would make the search quadratic.
            if scores.iter().all(|&s| s <= 2.0)
                && !raw.label.is_empty()
                && raw.label.len() <= MAX_FUZZY_LABEL
            {
                let label: Vec<char> = raw.label.chars().collect();
                for (r, row) in spec.rows.iter().enumerate() {
                    for p in row.phrases {
                        let phrase: Vec<char> = p.chars().collect();
                        if phrase.len() < 4 {
                            continue;
                        }
                        let allowed = phrase.len() / 4;
                        // Cheap filter first: a phrase within `allowed` edits
                        // shares all but `allowed` of its characters with the label.
                        let shared = phrase.iter().filter(|c| label.contains(c)).count();
                        if shared + allowed < phrase.len() {
                            continue;
                        }
                        let d = substring_distance(&phrase, &label);
                        if d <= allowed {
                            scores[r] = scores[r].max((phrase.len() - d) as f32 - d as f32);
                        }
                    }
                }
            }
            scores
        })
        .collect()
}

/// Edit distance between `pattern` and its best-matching substring of `text`
/// (Sellers' algorithm).
pub fn substring_distance(pattern: &[char], text: &[char]) -> usize {
    let m = pattern.len();
    let mut col: Vec<usize> = (0..=m).collect();
    let mut best = m;
    for &t in text {
        let mut diag = col[0]; // D[i-1][j-1]
        col[0] = 0;
        for i in 1..=m {
            let up = col[i];
            let cost = usize::from(pattern[i - 1] != t);
            col[i] = (diag + cost).min(col[i - 1] + 1).min(up + 1);
            diag = up;
        }
        best = best.min(col[m]);
    }
    best
}

/// The result of aligning raw rows with one layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    /// For each template row, the raw row assigned to it.
    pub assigned: Vec<Option<usize>>,
    pub score: f32,
    /// Template rows whose raw row has the right number of cells.
    pub complete_rows: usize,
}

/// Finds the order-keeping assignment of raw rows (those with cells) to the
/// rows of `spec` with the highest total score. A row whose cell count
/// matches the template scores more than one that does not.
pub fn align(rows: &[RawRow], spec: &TableSpec) -> Alignment {
    align_with(rows, &phrase_hits(rows), spec)
}

/// [`align`] with the phrase hits already found.
pub fn align_with(rows: &[RawRow], hits: &[Vec<usize>], spec: &TableSpec) -> Alignment {
    let label = label_scores(rows, hits, spec);
    let n = rows.len();
    let m = spec.rows.len();
    let score = |i: usize, j: usize| -> f32 {
        let s = label[i][j];
        if s <= 0.0 || rows[i].cells.is_empty() {
            return 0.0;
        }
        let n = spec.rows[j].columns.len();
        if rows[i].cells.len() == n {
            s + 2.0
        } else if rows[i].fits(n) {
            // Fitted by reading empty cells as blanks or merge remains: a
            // little less sure than an exact count.
            s + 1.0
        } else {
            s * 0.5
        }
    };
    // best[i][j]: best total over raw rows ..i and template rows ..j.
    let w = m + 1;
    let mut best = vec![0f32; (n + 1) * w];
    for i in 1..=n {
        for j in 1..=m {
            let mut v = best[(i - 1) * w + j].max(best[i * w + j - 1]);
            let s = score(i - 1, j - 1);
            if s > 0.0 {
                v = v.max(best[(i - 1) * w + j - 1] + s);
            }
            best[i * w + j] = v;
        }
    }
    let mut assigned = vec![None; m];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = best[i * w + j];
        let s = score(i - 1, j - 1);
        if s > 0.0 && (here - (best[(i - 1) * w + j - 1] + s)).abs() < 1e-4 {
            assigned[j - 1] = Some(i - 1);
            i -= 1;
            j -= 1;
        } else if (here - best[(i - 1) * w + j]).abs() < 1e-4 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    let complete_rows = assigned
        .iter()
        .enumerate()
        .filter(|(j, a)| a.is_some_and(|i| rows[i].fits(spec.rows[*j].columns.len())))
        .count();
    Alignment {
        assigned,
        score: best[n * w + m],
        complete_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sellers_distance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            substring_distance(&c("行政处罚"), &c("信息内容行政处罚")),
            0
        );
        assert_eq!(substring_distance(&c("行政处罚"), &c("行政处法")), 1);
        assert_eq!(
            substring_distance(&c("三安全一稳定"), &c("3.危及“三安全一稳走”")),
            1
        );
    }
}
