//! Stage 4a: the lines of a table region → a stream of tokens: words of
//! label text, numbers, nil marks (“/”, “-”, “—”, 无) and empty cells.
//!
//! Line structure is kept only where it means something: tab- or
//! pipe-separated lines are split into cells (so an empty cell is seen), and
//! everything else is split at white space. Lines that are page furniture
//! (`- 3 -`, `第 3 页`) and markdown rule lines are dropped.

use crate::normalize::Normalized;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TokenKind {
    /// Label text (`start..end` in the normalised text, no white space).
    Text,
    /// A number.
    Value(f64),
    /// A cell marked as having no value: “/”, “-”, “—”, 无.
    Nil,
    /// An empty cell between separators (tab or pipe).
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// Tokenises lines `lines` of `doc`.
pub fn tokenize(doc: &Normalized, lines: std::ops::Range<usize>) -> Vec<Token> {
    // About one token per four bytes of a table; growing the list is a
    // good part of the work otherwise.
    let bytes =
        match (lines.start < lines.end).then(|| (doc.line(lines.start), doc.line(lines.end - 1))) {
            Some(((a, _), (b, last))) => b + last.len() - a,
            None => 0,
        };
    let mut out = Vec::with_capacity(bytes / 4);
    let mut cells = Vec::new();
    for i in lines {
        let (base, line) = doc.line(i);
        tokenize_line(base, line, &mut out, &mut cells);
    }
    out
}

/// Tokenises one line; `cells` is scratch space for its cells' byte ranges.
fn tokenize_line(base: usize, line: &str, out: &mut Vec<Token>, cells: &mut Vec<(usize, usize)>) {
    let trimmed = line.trim();
    if trimmed.is_empty() || is_page_furniture(trimmed) || is_rule_line(trimmed) {
        return;
    }
    let first = out.len();
    if memchr::memchr2(b'\t', b'|', line.as_bytes()).is_some() {
        // Cells. A leading or trailing pipe closes the row and is no cell.
        cells.clear();
        let mut start = 0;
        for i in memchr::memchr2_iter(b'\t', b'|', line.as_bytes()) {
            cells.push((start, i));
            start = i + 1;
        }
        cells.push((start, line.len()));
        let blank = |&(a, b): &(usize, usize)| is_blank(&line[a..b]);
        // The piece after a closing pipe is no cell; nor is the piece before
        // an opening one (`| a | b |`), but `  |` alone is one empty cell.
        if cells.len() > 1 && cells.last().is_some_and(blank) && line.trim_end().ends_with('|') {
            cells.pop();
        }
        let mut first_cell = 0;
        if cells.len() > 1 && blank(&cells[0]) && line.trim_start().starts_with('|') {
            first_cell = 1;
        }
        for &(a, b) in &cells[first_cell..] {
            let cell = &line[a..b];
            if is_blank(cell) {
                out.push(Token {
                    kind: TokenKind::Empty,
                    start: base + a,
                    end: base + a,
                });
            } else {
                words(base + a, cell, out);
            }
        }
    } else {
        words(base, line, out);
        // A small number opening a plain line and followed by text is a list
        // marker (“1 属于国家秘密”), not a value.
        if out.len() >= first + 2
            && matches!(out[first].kind, TokenKind::Value(v) if (1.0..=20.0).contains(&v) && v.fract() == 0.0)
            && out[first + 1].kind == TokenKind::Text
        {
            out[first].kind = TokenKind::Text;
        }
    }
    // 无 is a nil mark only among values, never inside a label.
    for k in first..out.len() {
        if out[k].kind == TokenKind::Text && line_slice(base, line, &out[k]) == "无" {
            let near_value = |t: Option<&Token>| {
                matches!(
                    t.map(|t| t.kind),
                    Some(TokenKind::Value(_) | TokenKind::Nil)
                )
            };
            let prev = if k > first { out.get(k - 1) } else { None };
            if near_value(prev) || near_value(out.get(k + 1)) {
                out[k].kind = TokenKind::Nil;
            }
        }
    }
}

/// Whether `s` is all white space (stops at the first other character,
/// where trimming would look at both ends).
fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn line_slice<'a>(base: usize, line: &'a str, t: &Token) -> &'a str {
    &line[t.start - base..t.end - base]
}

/// Splits `text` (starting at normalised offset `base`) at white space.
fn words(base: usize, text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Byte-wise: ASCII white space, and the few non-ASCII spaces that
        // normalising leaves (their lead bytes are C2, E1, E2, E3); every
        // other character is skipped by its length.
        let (len, space) = match b {
            0..=0x7F => (1, matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let ch = text[i..].chars().next().expect("inside the text");
                (ch.len_utf8(), ch.is_whitespace())
            }
            0xC0..=0xDF => (2, false),
            0xE0..=0xEF => (3, false),
            _ => (4, false),
        };
        if space {
            if let Some(s) = start.take() {
                word(base + s, &text[s..i], out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        word(base + s, &text[s..], out);
    }
}

/// Measure words a table cell may carry after its number (“3件”, “1.5万元”).
const UNITS: [&str; 7] = ["万元", "元", "件", "个", "项", "条", "份"];

fn word(start: usize, w: &str, out: &mut Vec<Token>) {
    let end = start + w.len();
    // The units are Chinese: only a word ending in a non-ASCII byte may
    // carry one.
    let bare = if w.as_bytes().last().is_some_and(|&b| b >= 0x80) {
        UNITS
            .iter()
            .find_map(|u| w.strip_suffix(u))
            .filter(|b| !b.is_empty())
            .unwrap_or(w)
    } else {
        w
    };
    if let Some(v) = number(bare) {
        out.push(Token {
            kind: TokenKind::Value(v),
            start,
            end,
        });
        return;
    }
    if is_nil(w) {
        out.push(Token {
            kind: TokenKind::Nil,
            start,
            end,
        });
        return;
    }
    // (The common CJK block first: all of it is alphanumeric, and the
    // general test is a table lookup.)
    if !w
        .chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF) || c.is_alphanumeric())
    {
        return; // stray punctuation
    }
    // A number glued to the end of a label (“行政处罚1”) is a value; one glued
    // to text on both sides (“第5项”, “2021年”) or ending a list marker is not.
    let digits_from = w
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .len();
    if digits_from > 0 && digits_from < w.len() {
        let head = &w[..digits_from];
        let tail = &w[digits_from..];
        let before = head.chars().next_back().unwrap_or(' ');
        let glued_to_label = is_cjk(before) || matches!(before, ')' | '”' | '】' | '》');
        if glued_to_label && before != '第' && !tail.starts_with('.') {
            if let Some(v) = number(tail) {
                out.push(Token {
                    kind: TokenKind::Text,
                    start,
                    end: start + digits_from,
                });
                out.push(Token {
                    kind: TokenKind::Value(v),
                    start: start + digits_from,
                    end,
                });
                return;
            }
        }
    }
    out.push(Token {
        kind: TokenKind::Text,
        start,
        end,
    });
}

/// A number as tables write it: `12`, `1,234`, `0.5`, `+19`, `-8`.
pub fn number(w: &str) -> Option<f64> {
    let (sign, body) = match w.as_bytes().first()? {
        b'+' => (1.0, &w[1..]),
        b'-' => (-1.0, &w[1..]),
        _ => (1.0, w),
    };
    let bytes = body.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut seen_dot = false;
    let mut group = 0usize; // digits since the last thousands comma
    let mut commas = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => group += 1,
            b',' if !seen_dot && (1..=3).contains(&group) && (commas || i <= 3) => {
                if commas && group != 3 {
                    return None;
                }
                commas = true;
                group = 0;
            }
            b'.' if !seen_dot => {
                if commas && group != 3 {
                    return None;
                }
                seen_dot = true;
                group = 0;
            }
            _ => return None,
        }
    }
    if commas && !seen_dot && group != 3 {
        return None;
    }
    // Whole numbers, by far the most common, without allocating.
    if !seen_dot && !commas && bytes.len() <= 15 {
        let v = bytes
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        return Some(sign * v as f64);
    }
    let clean: String = body.chars().filter(|&c| c != ',').collect();
    clean.parse::<f64>().ok().map(|v| sign * v)
}

fn is_nil(w: &str) -> bool {
    matches!(
        w,
        "-" | "--" | "—" | "——" | "–" | "/" | "\\" | "－" | "一一" | "×"
    )
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3007)
}

/// The marks page numbers stand between (`- 3 -`, `— 12 —`).
const PAGE_DASHES: [char; 6] = ['-', '—', '–', '_', '~', '·'];

/// `- 3 -`, `— 12 —`, `第 3 页`, `第3页 共10页`, `3/10`.
pub fn is_page_furniture(t: &str) -> bool {
    // Page numbers are short and have digits; most lines are neither.
    if t.len() > 32 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // Every form starts with a dash or 第, or has a slash; rows of numbers
    // (short lines with digits too) have none of these.
    let first = t.trim_start().chars().next().unwrap_or(' ');
    if !PAGE_DASHES.contains(&first) && first != '第' && !t.contains('/') {
        return false;
    }
    // The line without white space, on the stack (it is at most 32 bytes).
    let mut buf = [0u8; 32];
    let mut n = 0;
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    let compact = std::str::from_utf8(&buf[..n]).expect("whole characters");
    let inner = compact.trim_matches(PAGE_DASHES);
    if inner.len() < compact.len() && !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit())
    {
        return compact.starts_with(PAGE_DASHES) && compact.ends_with(PAGE_DASHES);
    }
    if let Some(rest) = compact.strip_prefix('第') {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if digits.len() < rest.len() && (digits == "页" || digits.starts_with("页共")) {
            return true;
        }
    }
    if let Some((a, b)) = compact.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
            && a != "0";
    }
    false
}

/// Markdown table rules (`|---|:--:|`) and horizontal rules (`-----`).
fn is_rule_line(t: &str) -> bool {
    t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | '+' | '=' | ' ' | '\t'))
        && t.matches('-').count() + t.matches('=').count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let doc = Normalized::new(text);
        tokenize(&doc, 0..doc.line_count())
            .iter()
            .map(|t| match t.kind {
                TokenKind::Text => format!("T:{}", &doc.text[t.start..t.end]),
                TokenKind::Value(v) => format!("V:{v}"),
                TokenKind::Nil => "N".into(),
                TokenKind::Empty => "E".into(),
            })
            .collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("0.50"), Some(0.5));
        assert_eq!(number("+19"), Some(19.0));
        assert_eq!(number("-8"), Some(-8.0));
        for bad in ["1.", "1,2", "12,34", "-", "1.2.3", "１", "2021年", "100%"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn list_markers_are_label_text() {
        assert_eq!(
            kinds("1.属于国家秘密 0 0"),
            ["T:1.属于国家秘密", "V:0", "V:0"]
        );
        assert_eq!(
            kinds("1. 属于国家秘密 3"),
            ["T:1.", "T:属于国家秘密", "V:3"]
        );
        assert_eq!(kinds("1 属于国家秘密 3"), ["T:1", "T:属于国家秘密", "V:3"]);
        assert_eq!(kinds("第二十条第（五）项"), ["T:第二十条第(五)项"]);
    }

    #[test]
    fn cells_and_nils() {
        assert_eq!(kinds("行政许可\t0\t\t"), ["T:行政许可", "V:0", "E", "E"]);
        assert_eq!(kinds("| 规章 | / | - | 12 |"), ["T:规章", "N", "N", "V:12"]);
        assert_eq!(kinds("2 |"), ["V:2"]);
        assert_eq!(kinds(" |"), ["E"]);
        assert_eq!(kinds("|---|:---:|"), Vec::<String>::new());
        assert_eq!(kinds("行政处罚 无 3"), ["T:行政处罚", "N", "V:3"]);
        assert_eq!(kinds("（四）无\n法提供"), ["T:(四)无", "T:法提供"]);
    }

    #[test]
    fn numbers_with_units() {
        assert_eq!(kinds("行政许可 3件"), ["T:行政许可", "V:3"]);
        assert_eq!(
            kinds("行政事业性收费\t1.5万元"),
            ["T:行政事业性收费", "V:1.5"]
        );
        assert_eq!(kinds("件"), ["T:件"]);
    }

    #[test]
    fn glued_numbers() {
        assert_eq!(kinds("行政处罚12"), ["T:行政处罚", "V:12"]);
        assert_eq!(kinds("2021年 第5项"), ["T:2021年", "T:第5项"]);
    }

    #[test]
    fn page_furniture() {
        for p in ["- 3 -", "— 12 —", "第 3 页", "第3页共10页", "3/10"] {
            assert!(is_page_furniture(p), "{p}");
        }
        for p in ["0", "-8", "3", "0 0 0"] {
            assert!(!is_page_furniture(p), "{p}");
        }
    }
}
