//! Stage 2b: text whose section headings and table rows stand run together
//! on one long line (a crawler's rendering of a page, every cell glued to
//! the next) gets line breaks before each section heading and each template
//! row label (and the headings rows stand under), so the later stages see
//! one row a line. Only such lines change: a line holding two or more
//! section headings, or many table rows each directly followed by digits.
//! Text whose rows already stand one a line but with each label glued to a
//! run of digits (six such table 3 rows or more) is marked run-together
//! too, without breaks. The digit runs themselves are split in
//! [`crate::parser::table::digits`].

use crate::parser::normalize::Normalized;
use crate::parser::sections::heading_of;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::template::{LAYOUTS, TableId, TableSpec};

/// Lines shorter than this (bytes) are never taken for run-together text.
const MIN_LINE: usize = 300;
/// Rows, each directly followed by a digit, that make a line run-together
/// text without any section heading on it.
const MIN_GLUED_ROWS: usize = 6;

/// `doc` with line breaks put into its run-together lines, if it has any.
pub fn unflatten(doc: Normalized) -> Normalized {
    let mut breaks = Vec::new();
    for i in 0..doc.line_count() {
        let (start, line) = doc.line(i);
        if line.len() >= MIN_LINE {
            breaks.extend(line_breaks(line).into_iter().map(|b| start + b));
        }
    }
    if breaks.is_empty() {
        let mut doc = doc;
        doc.flat = glued_row_lines(&doc) >= MIN_GLUED_ROWS;
        return doc;
    }
    breaks.sort_unstable();
    breaks.dedup();
    doc.with_breaks(&breaks)
}

/// Lines that are one table 3 row, its label glued to one run of at least
/// as many digits as the row has columns (`(一)予以公开220000022`): rows
/// already one a line whose cells were run together.
fn glued_row_lines(doc: &Normalized) -> usize {
    let spec = TableSpec::get(TableId::Applications, crate::template::Layout::Y2021);
    let fewest_columns = spec.rows.iter().map(|r| r.columns.len()).min().unwrap_or(1);
    (0..doc.line_count())
        .filter(|&i| {
            let line = doc.line(i).1.trim();
            // Cheap first: the line must end in a run of at least a row's
            // column count of digits glued to what stands before it (most
            // lines end otherwise, and ordinary table rows end in a spaced
            // number), before any label is looked for.
            line.len() < MIN_LINE
                && glued_trailing_digits(line) >= fewest_columns
                && spec.rows.iter().any(|row| {
                    line.find(fold(row.label)).is_some_and(|p| {
                        let rest = &line[p + fold(row.label).len()..];
                        rest.len() >= row.columns.len() && rest.bytes().all(|b| b.is_ascii_digit())
                    })
                })
        })
        .count()
}

/// How many digits end `line` directly after a character that is neither a
/// digit nor white space (`予以公开220000022` → 9; `予以公开 1` → 0).
fn glued_trailing_digits(line: &str) -> usize {
    let digits = line.len() - line.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let before = line[..line.len() - digits].chars().next_back();
    match before {
        Some(c) if !c.is_whitespace() => digits,
        _ => 0,
    }
}

/// Words a number in prose is counted in (352条, 2021年, 36件): a digit
/// run followed by one is prose, never a row's values, which the next
/// row's label or numbering follows (no label begins with one of these;
/// a unit test checks the template).
const MEASURE_WORDS: &str = "件条年月日次个人项篇万元家期场号名户份位所批天余多%％";

/// Runs of digits glued to the word before them and not followed by a
/// measure word: at least one for every row glued to its digits.
fn glued_digit_runs(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut count = 0;
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && !bytes[i - 1].is_ascii_digit()
            && !bytes[i - 1].is_ascii_whitespace()
        {
            let end = (i..bytes.len())
                .find(|&j| !bytes[j].is_ascii_digit() && bytes[j] != b'.')
                .unwrap_or(bytes.len());
            let next = line[end..].chars().next();
            if !next.is_some_and(|c| MEASURE_WORDS.contains(c)) {
                count += 1;
            }
            i = end;
        }
        i += 1;
    }
    count
}

/// Where one line breaks (byte offsets inside it), or nothing when it is
/// not run-together text.
fn line_breaks(line: &str) -> Vec<usize> {
    let headings = section_headings(line);
    // A long paragraph with fewer than two headings and too few numbers
    // glued to words cannot be run-together rows: skip the label search.
    let mut sections: Vec<usize> = headings.iter().map(|h| h.1).collect();
    sections.dedup();
    if sections.len() < 2 && glued_digit_runs(line) < MIN_GLUED_ROWS {
        return Vec::new();
    }
    let mut breaks: Vec<usize> = Vec::new();
    let mut glued = 0;
    // The stretches between headings (the whole line where there is none),
    // with the section each belongs to.
    let mut bounds: Vec<(usize, Option<usize>)> = vec![(0, None)];
    bounds.extend(headings.iter().map(|&(at, k, _)| (at, Some(k))));
    for (idx, &(from, section)) in bounds.iter().enumerate() {
        let to = bounds.get(idx + 1).map_or(line.len(), |b| b.0);
        let mut from = from;
        if let Some(&(at, _, end)) = headings.iter().find(|h| h.0 == from) {
            breaks.push(at);
            if end > at && end < to {
                breaks.push(end);
                from = end;
            }
        }
        let tables: &[TableId] = match section {
            Some(1) => &[TableId::ActiveDisclosure],
            Some(2) => &[TableId::Applications],
            Some(_) => &[],
            None => &[TableId::ActiveDisclosure, TableId::Applications],
        };
        for &id in tables {
            let (found, digits) = row_breaks(&line[from..to], id);
            glued += digits;
            breaks.extend(found.into_iter().map(|b| from + b));
        }
        if section == Some(3) {
            // Table 4: its fifteen numbers run together after the header.
            if let Some(b) = trailing_digit_run(&line[from..to]) {
                breaks.push(from + b);
            }
        }
    }
    let distinct = {
        let mut k: Vec<usize> = headings.iter().map(|h| h.1).collect();
        k.dedup();
        k.len()
    };
    if distinct >= 2 || glued >= MIN_GLUED_ROWS {
        breaks.retain(|&b| b > 0 && b < line.len());
        breaks
    } else {
        Vec::new()
    }
}

/// Section headings standing inside the line: (start, section, end of the
/// template's title where the text holds it whole).
fn section_headings(line: &str) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (at, c) in line.char_indices() {
        if !NUMERALS.contains(&c) || !line[at + c.len_utf8()..].starts_with('、') {
            continue;
        }
        // “(一)主动公开” is a paragraph's numbering, not a heading.
        if line[..at].ends_with(['(', '（']) {
            continue;
        }
        let Some(k) = heading_of(&line[at..], None) else {
            continue;
        };
        // In order, one heading a section.
        if found.last().is_some_and(|&(_, last, _)| last >= k) {
            continue;
        }
        let end = TITLES
            .iter()
            .find(|t| line[at..].starts_with(*t))
            .map_or(at, |t| at + t.len());
        found.push((at, k, end));
    }
    found
}

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];
/// The tables' section titles, after which the table starts.
const TITLES: [&str; 3] = [
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
];

/// Breaks before the rows of table `id` found in order in `text`, and
/// before the headings they stand under, for the layout that finds most
/// rows; and how many of those rows are directly followed by a digit.
fn row_breaks(text: &str, id: TableId) -> (Vec<usize>, usize) {
    TableSpec::layouts(id)
        .map(|spec| {
            let mut breaks = Vec::new();
            let mut digits = 0;
            let mut cursor = 0;
            for row in spec.rows {
                let Some((at, end)) = find_row(text, cursor, row.label, row.phrases) else {
                    continue;
                };
                // The headings the row stands under, between the last row
                // and this one.
                for group in row.group.split(' ').filter(|g| !g.is_empty()) {
                    let g = fold(group);
                    if let Some(p) = text[cursor..at].find(g) {
                        breaks.push(cursor + p);
                    }
                }
                breaks.push(at);
                if text[end..].starts_with(|c: char| c.is_ascii_digit()) {
                    digits += 1;
                }
                cursor = end;
            }
            (breaks, digits)
        })
        // On a tie the first layout (2021) wins, as in the table reader.
        .reduce(|best, next| {
            if (next.1, next.0.len()) > (best.1, best.0.len()) {
                next
            } else {
                best
            }
        })
        .unwrap_or_default()
}

/// The next place at or after `from` where a row stands: its whole label,
/// else its most specific phrase, with a numbering mark just before the
/// phrase taken with it. (start, end) of the match.
fn find_row(
    text: &str,
    from: usize,
    label: &'static str,
    phrases: &[&'static str],
) -> Option<(usize, usize)> {
    let label = fold(label);
    if let Some(p) = text[from..].find(label) {
        return Some((from + p, from + p + label.len()));
    }
    for phrase in phrases {
        let phrase = fold(phrase);
        if let Some(p) = text[from..].find(phrase) {
            let at = from + p;
            // The label's own words before the phrase (its numbering
            // mark written `1.`, `1、` or `1．`), if they are there.
            let start = label
                .find(phrase)
                .map(|o| &label[..o])
                .filter(|pre| !pre.is_empty())
                .and_then(|pre| {
                    ['.', '、', '．']
                        .iter()
                        .map(|&m| pre.replacen('.', m.encode_utf8(&mut [0; 4]), 1))
                        .find(|p| text[from..at].ends_with(p.as_str()))
                        .map(|p| at - p.len())
                })
                .unwrap_or(at);
            return Some((start, at + phrase.len()));
        }
    }
    None
}

/// A template string as normalised text has it (full-width forms folded),
/// folded once for all the template's labels, phrases and headings.
fn fold(s: &'static str) -> &'static str {
    FOLDED.get(s).map_or(s, String::as_str)
}

static FOLDED: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    let mut folded = HashMap::new();
    for spec in LAYOUTS {
        for row in spec.rows {
            let words = [row.label]
                .into_iter()
                .chain(row.phrases.iter().copied())
                .chain(row.group.split(' '));
            for w in words {
                folded.entry(w).or_insert_with(|| Normalized::new(w).text);
            }
        }
    }
    folded
});

/// Where a run of at least 15 digits ends `text`, with label text before it.
fn trailing_digit_run(text: &str) -> Option<usize> {
    let t = text.trim_end();
    let start = t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (t.len() - start >= 15 && start > 0).then_some(start)
}

#[cfg(test)]
mod tests {

    #[test]
    fn no_label_begins_with_a_measure_word() {
        for spec in LAYOUTS {
            for row in spec.rows {
                let words = std::iter::once(row.label)
                    .chain(row.phrases.iter().copied())
                    .chain(row.group.split(' '));
                for w in words {
                    let first = fold(w).chars().next();
                    assert!(!first.is_some_and(|c| MEASURE_WORDS.contains(c)), "{w}");
                }
            }
        }
    }

    #[test]
    fn prose_numbers_are_not_glued_rows() {
        assert_eq!(
            glued_digit_runs("发布信息352条，回复8条，共36件，2021年"),
            0
        );
        assert_eq!(glued_digit_runs("规章000行政规范性文件77132470第二十条"), 2);
        assert_eq!(glued_digit_runs("1.属于国家秘密00000002.其他"), 1);
    }

    use super::*;

    fn lines(text: &str) -> Vec<String> {
        let doc = unflatten(Normalized::new(text));
        (0..doc.line_count())
            .map(|i| doc.line(i).1.to_string())
            .collect()
    }

    #[test]
    fn ordinary_lines_are_kept() {
        let long = "本年新收申请 10 件，予以公开 5 件。".repeat(20);
        let text = format!("一、总体情况\n{long}\n二、主动公开政府信息情况\n规章 0 0 1\n");
        let doc = unflatten(Normalized::new(&text));
        assert_eq!(doc.text, Normalized::new(&text).text);
        assert!(!doc.flat);
    }

    #[test]
    fn run_together_line_breaks_before_headings_and_rows() {
        let text = format!(
            "{}一、总体情况全年主动公开信息。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数规章000行政规范性文件123行政许可5三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量3000003二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开2000002（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000五、存在的主要问题及改进情况无。",
            "说明".repeat(60)
        );
        let got = lines(&text);
        for want in [
            "二、主动公开政府信息情况",
            "规章000",
            "行政许可5",
            "一、本年新收政府信息公开申请数量3000003",
            "三、本年度办理结果",
            "(一)予以公开2000002",
            "(三)不予公开",
            "1.属于国家秘密0000000",
            "2.其他法律行政法规禁止公开0000000",
        ] {
            assert!(
                got.iter().any(|l| l == want),
                "{want} not a line of {got:#?}"
            );
        }
        // Every break maps back into the source: the text is the source's.
        let doc = unflatten(Normalized::new(&text));
        assert!(doc.flat);
        assert_eq!(doc.text.replace('\n', ""), Normalized::new(&text).text);
        let at = doc.text.find("规章000").unwrap();
        let span = doc.span(at, at + "规章000".len());
        assert_eq!(&text[span.start..span.end], "规章000");
    }
}
