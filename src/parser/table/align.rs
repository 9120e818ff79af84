//! Stage 5: raw rows → template rows. A row is identified by its label,
//! never by its position alone: each raw row is scored against each row of a
//! layout by the row's distinctive phrases (exact, or within a few typing
//! errors), and the best assignment that keeps the template's order is found
//! by dynamic programming — so missing rows, extra rows, merged header text
//! and typos do not shift anything.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::parser::table::rows::RawRow;
use crate::template::{LAYOUTS, TableId, TableSpec};

/// All phrases of one table's layouts, for one pass over each label.
struct PhraseIndex {
    /// The phrases, by id, and each one's first four bytes.
    phrases: Vec<&'static str>,
    heads: Vec<u32>,
    /// Phrase ids by the hash of their first four bytes (see
    /// [`PhraseIndex::find`]): bucket `h` holds `ids[buckets[h].0..buckets[h].1]`.
    buckets: Vec<(u16, u16)>,
    ids: Vec<u16>,
    /// Phrase length in characters, by pattern id.
    lengths: Vec<usize>,
    /// For each phrase: the (layout index, row index) pairs that use it.
    users: Vec<Vec<(usize, usize)>>,
    /// Each phrase's characters and their bits (see [`char_bit`]), for the
    /// fuzzy search.
    chars: Vec<Vec<char>>,
    masks: Vec<u128>,
    /// Each phrase's adjacent character pairs, hashed (see [`pair_hash`]).
    pairs: Vec<Vec<u16>>,
    /// For each layout (index into `LAYOUTS`; empty for other tables'),
    /// each row: its phrases' ids.
    row_phrases: Vec<Vec<Vec<usize>>>,
}

static INDEXES: LazyLock<Vec<PhraseIndex>> =
    LazyLock::new(|| TableId::ALL.iter().map(|&id| build_index(id)).collect());

fn index_for(id: TableId) -> &'static PhraseIndex {
    let k = TableId::ALL
        .iter()
        .position(|&t| t == id)
        .expect("every table is in ALL");
    &INDEXES[k]
}

fn build_index(id: TableId) -> PhraseIndex {
    let mut ids: HashMap<&'static str, usize> = HashMap::new();
    let mut phrases: Vec<&'static str> = Vec::new();
    let mut users: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut row_phrases = Vec::new();
    for (l, layout) in LAYOUTS.iter().enumerate() {
        let mut rows = Vec::new();
        if layout.id != id {
            row_phrases.push(rows);
            continue;
        }
        for (r, row) in layout.rows.iter().enumerate() {
            let mut pids = Vec::new();
            for p in row.phrases {
                let id = *ids.entry(p).or_insert_with(|| {
                    phrases.push(p);
                    users.push(Vec::new());
                    phrases.len() - 1
                });
                users[id].push((l, r));
                pids.push(id);
            }
            rows.push(pids);
        }
        row_phrases.push(rows);
    }
    let lengths = phrases.iter().map(|p| p.chars().count()).collect();
    let chars: Vec<Vec<char>> = phrases.iter().map(|p| p.chars().collect()).collect();
    let masks = chars
        .iter()
        .map(|cs| cs.iter().fold(0, |m, &c| m | char_bit(c)))
        .collect();
    let pairs = chars
        .iter()
        .map(|cs| cs.windows(2).map(|w| pair_hash(w[0], w[1])).collect())
        .collect();
    assert!(
        phrases.iter().all(|p| p.len() >= 4),
        "every phrase is at least two characters (see `head`)"
    );
    let heads: Vec<u32> = phrases.iter().map(|p| head(p.as_bytes(), 0)).collect();
    let mut by_bucket: Vec<(usize, u16)> = heads
        .iter()
        .enumerate()
        .map(|(pid, &h)| (bucket(h), pid as u16))
        .collect();
    by_bucket.sort_unstable();
    let mut buckets = vec![(0u16, 0u16); BUCKETS];
    for (k, &(b, _)) in by_bucket.iter().enumerate() {
        if buckets[b].1 == 0 {
            buckets[b].0 = k as u16;
        }
        buckets[b].1 = k as u16 + 1;
    }
    let ids = by_bucket.into_iter().map(|(_, pid)| pid).collect();
    PhraseIndex {
        phrases,
        heads,
        buckets,
        ids,
        lengths,
        users,
        chars,
        masks,
        pairs,
        row_phrases,
    }
}

/// Hash buckets of the phrase index: a few dozen phrases in a thousand
/// buckets leave most label characters an empty bucket.
const BUCKETS: usize = 1024;

/// The four bytes of `text` at `i`, as a number (every phrase is at least
/// two characters, so at least four bytes).
fn head(text: &[u8], i: usize) -> u32 {
    let b: [u8; 4] = text[i..i + 4].try_into().expect("four bytes");
    u32::from_le_bytes(b)
}

fn bucket(head: u32) -> usize {
    (head.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

impl PhraseIndex {
    /// Calls `found` with the id of every occurrence of a phrase in
    /// `label` (overlapping ones too). A lookup by each character's first
    /// four bytes: labels are short and phrases few, where an Aho-Corasick
    /// automaton spent ten times as long stepping through every byte.
    fn find(&self, label: &str, mut found: impl FnMut(usize)) {
        let text = label.as_bytes();
        let mut i = 0;
        while i + 4 <= text.len() {
            let key = head(text, i);
            let (a, b) = self.buckets[bucket(key)];
            for &pid in &self.ids[usize::from(a)..usize::from(b)] {
                let pid = usize::from(pid);
                if self.heads[pid] == key && text[i..].starts_with(self.phrases[pid].as_bytes()) {
                    found(pid);
                }
            }
            // On to the next character (a phrase starts at one).
            i += match text[i] {
                0..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
        }
    }
}

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

/// A 128-bit set of hashed characters: a character whose bit is missing
/// from a label's mask is certainly not in the label.
fn char_bit(c: char) -> u128 {
    1u128 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
}

/// Two adjacent characters hashed to 10 bits.
fn pair_hash(a: char, b: char) -> u16 {
    ((a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77)).rotate_left(7)
        as u16
        & 0x3FF
}

/// A label as the fuzzy search needs it: its characters, their bits, and
/// the set of its adjacent pairs' hashes (1024 bits).
struct FuzzyLabel {
    chars: Vec<char>,
    mask: u128,
    pairs: [u64; 16],
}

impl FuzzyLabel {
    fn has_pair(&self, h: u16) -> bool {
        self.pairs[usize::from(h >> 6)] & (1 << (h & 63)) != 0
    }
}

/// The phrases (of any layout) each raw row's label contains, found in one
/// pass per label and shared by the layouts tried.
pub struct PhraseHits {
    /// The table whose phrases were looked for.
    table: TableId,
    /// Phrase ids found, row after row.
    pids: Vec<usize>,
    /// Each row's part of `pids`.
    ranges: Vec<(usize, usize)>,
    /// Each row's label prepared for the fuzzy search, when a layout needs
    /// it (most labels hold an exact phrase and never do).
    fuzzy: Vec<OnceCell<FuzzyLabel>>,
}

impl PhraseHits {
    fn of_row(&self, i: usize) -> &[usize] {
        let (a, b) = self.ranges[i];
        &self.pids[a..b]
    }

    fn fuzzy_label(&self, i: usize, label: &str) -> &FuzzyLabel {
        self.fuzzy[i].get_or_init(|| {
            let chars: Vec<char> = label.chars().collect();
            let mask = chars.iter().fold(0, |m, &c| m | char_bit(c));
            let mut pairs = [0u64; 16];
            for w in chars.windows(2) {
                let h = pair_hash(w[0], w[1]);
                pairs[usize::from(h >> 6)] |= 1 << (h & 63);
            }
            FuzzyLabel { chars, mask, pairs }
        })
    }
}

/// Finds the phrases of table `table` in every raw row's label.
pub fn phrase_hits(rows: &[RawRow], table: TableId) -> PhraseHits {
    let index = index_for(table);
    let mut pids = Vec::with_capacity(rows.len() * 2);
    let mut ranges = Vec::with_capacity(rows.len());
    for raw in rows {
        let start = pids.len();
        // A label with no values after it can be no row.
        if !raw.cells.is_empty() {
            index.find(&raw.label, |pid| pids.push(pid));
        }
        ranges.push((start, pids.len()));
    }
    PhraseHits {
        table,
        pids,
        ranges,
        fuzzy: (0..rows.len()).map(|_| OnceCell::new()).collect(),
    }
}

/// How well each raw row's label names each row of `spec`: the length in
/// characters of the best matching phrase, less the typing errors; row
/// `i`'s score for template row `j` is at `i * spec.rows.len() + j`.
pub fn label_scores(rows: &[RawRow], hits: &PhraseHits, spec: &TableSpec) -> Vec<f32> {
    let li = layout_index(spec);
    assert_eq!(hits.table, spec.id, "phrase hits of the table aligned");
    let index = index_for(spec.id);
    let m = spec.rows.len();
    let mut all = vec![0f32; rows.len() * m];
    let mut column = Vec::new();
    for (i, raw) in rows.iter().enumerate() {
        if raw.cells.is_empty() {
            continue;
        }
        let scores = &mut all[i * m..(i + 1) * m];
        for &pid in hits.of_row(i) {
            for &(l, r) in &index.users[pid] {
                if l == li {
                    scores[r] = scores[r].max(index.lengths[pid] as f32);
                }
            }
        }
        // Only labels with no telling exact phrase are worth the fuzzy
        // search, and only row-sized ones: a long stretch of narrative
        // is no row label, and would make the search quadratic. A label
        // that names a row of the table's other layout exactly is no typo
        // of this one's either (this is most of the wrong layout's rows).
        let other_layout = || {
            hits.of_row(i).iter().any(|&pid| {
                index.lengths[pid] > 2
                    && index.users[pid]
                        .iter()
                        .any(|&(l, _)| l != li && LAYOUTS[l].id == spec.id)
            })
        };
        if scores.iter().all(|&s| s <= 2.0)
            && !raw.label.is_empty()
            && raw.label.len() <= MAX_FUZZY_LABEL
            && !other_layout()
        {
            let label = hits.fuzzy_label(i, &raw.label);
            for (r, pids) in index.row_phrases[li].iter().enumerate() {
                for &pid in pids {
                    let phrase = &index.chars[pid];
                    if phrase.len() < 4 {
                        continue;
                    }
                    let allowed = phrase.len() / 4;
                    // Cheap filter first: a phrase within `allowed` edits
                    // lacks at most `allowed` of its characters from the
                    // label; each of its character bits the label lacks is
                    // at least one such character.
                    let missing = (index.masks[pid] & !label.mask).count_ones() as usize;
                    if missing > allowed {
                        continue;
                    }
                    // And the q-gram lemma: each edit spoils at most two of
                    // the phrase's adjacent pairs, so at least
                    // len − 1 − 2·allowed of them stand in the label.
                    let needed = (phrase.len() - 1).saturating_sub(2 * allowed);
                    if needed > 0
                        && index.pairs[pid]
                            .iter()
                            .filter(|&&h| label.has_pair(h))
                            .count()
                            < needed
                    {
                        continue;
                    }
                    let d = distance_with(phrase, &label.chars, &mut column);
                    if d <= allowed {
                        scores[r] = scores[r].max((phrase.len() - d) as f32 - d as f32);
                    }
                }
            }
        }
    }
    all
}

/// Edit distance between `pattern` and its best-matching substring of `text`
/// (Sellers' algorithm).
#[cfg(test)]
fn substring_distance(pattern: &[char], text: &[char]) -> usize {
    distance_with(pattern, text, &mut Vec::new())
}

/// [`substring_distance`] with the column buffer given, so that a search
/// over many phrases allocates it once.
fn distance_with(pattern: &[char], text: &[char], col: &mut Vec<usize>) -> usize {
    let m = pattern.len();
    col.clear();
    col.extend(0..=m);
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
    /// Template rows placed by their position alone (see [`by_position`]).
    pub by_position: Vec<bool>,
}

/// Finds the order-keeping assignment of raw rows (those with cells) to the
/// rows of `spec` with the highest total score. A row whose cell count
/// matches the template scores more than one that does not.
pub fn align(rows: &[RawRow], spec: &TableSpec) -> Alignment {
    align_with(rows, &phrase_hits(rows, spec.id), spec)
}

/// [`align`] with the phrase hits already found.
pub fn align_with(rows: &[RawRow], hits: &PhraseHits, spec: &TableSpec) -> Alignment {
    let label = label_scores(rows, hits, spec);
    let n = rows.len();
    let m = spec.rows.len();
    let score = |i: usize, j: usize| -> f32 {
        let s = label[i * m + j];
        if s <= 0.0 || rows[i].cells.is_empty() {
            return 0.0;
        }
        let n = spec.rows[j].columns.len();
        if rows[i].blank {
            // A row of empty cells: placed by its label alone.
            s
        } else if rows[i].cells.len() == n {
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
    if spec.id == TableId::ActiveDisclosure {
        out_of_order(rows, &label, spec, &mut assigned);
    }
    let by_position = by_position(rows, spec, &mut assigned);
    let complete_rows = assigned
        .iter()
        .enumerate()
        .filter(|(j, a)| a.is_some_and(|i| rows[i].fits(spec.rows[*j].columns.len())))
        .count();
    Alignment {
        assigned,
        score: best[n * w + m],
        complete_rows,
        by_position,
    }
}

/// Table 2 is a set of small blocks (第二十条第（一）项, （五）, （六）,
/// （八）) that a converter may write in another order (规章 after the （八）
/// block). A template row left unplaced (or placed on a row whose values do
/// not fit) takes a row standing out of order
/// where that is certain: the one unplaced row whose label ends naming it
/// (a table cell's, after any header text) and names no other unplaced
/// row, with exactly its number of values.
fn out_of_order(rows: &[RawRow], label: &[f32], spec: &TableSpec, assigned: &mut [Option<usize>]) {
    let m = spec.rows.len();
    let mut used = vec![false; rows.len()];
    for i in assigned.iter().flatten() {
        used[*i] = true;
    }
    // Open: unplaced, or placed on a row whose values do not fit (a
    // number in a sentence before the table: “行政规范性文件 13 件”).
    let open: Vec<usize> = (0..m)
        .filter(|&j| assigned[j].is_none_or(|i| !rows[i].fits(spec.rows[j].columns.len())))
        .collect();
    for &j in &open {
        let n = spec.rows[j].columns.len();
        let mut candidates = (0..rows.len()).filter(|&i| {
            !used[i]
                && !rows[i].blank
                && label[i * m + j] > 0.0
                && rows[i].cells.len() == n
                && own_label_names(&rows[i].label, spec.rows[j].phrases)
        });
        let (Some(i), None) = (candidates.next(), candidates.next()) else {
            continue;
        };
        if open.iter().any(|&o| o != j && label[i * m + o] > 0.0) {
            continue;
        }
        assigned[j] = Some(i);
        used[i] = true;
    }
}

/// Whether the end of `label` (its last twelve characters: the row's own
/// cell, after any header text joined before it) holds one of `phrases`.
fn own_label_names(label: &str, phrases: &[&str]) -> bool {
    let start = label.char_indices().rev().nth(11).map_or(0, |(k, _)| k);
    let tail = &label[start..];
    phrases.iter().any(|p| tail.contains(p))
}

/// The template fixes the order of rows: between two rows placed by their
/// labels, the rows with values left unplaced (a label missing, misprinted
/// or floated away) take the template rows left between, in order — only
/// where their count is exactly the number of those template rows and each
/// fits its row's columns. Otherwise they stay unplaced. Returns which
/// template rows were so placed.
fn by_position(rows: &[RawRow], spec: &TableSpec, assigned: &mut [Option<usize>]) -> Vec<bool> {
    let mut placed = vec![false; assigned.len()];
    let anchors: Vec<(usize, usize)> = assigned
        .iter()
        .enumerate()
        .filter_map(|(j, a)| a.map(|i| (j, i)))
        .collect();
    for pair in anchors.windows(2) {
        let ((j1, i1), (j2, i2)) = (pair[0], pair[1]);
        if j2 - j1 < 2 {
            continue;
        }
        let free: Vec<usize> = (i1 + 1..i2)
            .filter(|&i| !rows[i].cells.is_empty() && !rows[i].blank)
            .collect();
        if free.len() != j2 - j1 - 1 {
            continue;
        }
        let fits = free
            .iter()
            .zip(j1 + 1..j2)
            .all(|(&i, j)| rows[i].fits(spec.rows[j].columns.len()));
        if fits {
            for (&i, j) in free.iter().zip(j1 + 1..j2) {
                assigned[j] = Some(i);
                placed[j] = true;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_index_finds_every_occurrence() {
        for id in TableId::ALL {
            let index = index_for(id);
            // Every row label of the table's layouts, run together with
            // overlaps and noise between them.
            let mut label = String::from("x（其他其他）");
            for layout in LAYOUTS.iter().filter(|l| l.id == id) {
                for row in layout.rows {
                    label.push_str(row.label);
                    label.push_str(row.phrases[0]);
                    label.push('1');
                }
            }
            let mut found = Vec::new();
            index.find(&label, |pid| found.push(pid));
            let mut expected = Vec::new();
            for (i, _) in label.char_indices() {
                for (pid, p) in index.phrases.iter().enumerate() {
                    if label[i..].starts_with(p) {
                        expected.push(pid);
                    }
                }
            }
            found.sort_unstable();
            expected.sort_unstable();
            assert!(!expected.is_empty());
            assert_eq!(found, expected, "{id:?}");
        }
    }

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
