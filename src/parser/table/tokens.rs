//! Stage 4a: the lines of a table region → a stream of tokens: words of
//! label text, numbers, nil marks (“/”, “-”, “—”, 无) and empty cells.
//!
//! Line structure is kept only where it means something: tab- or
//! pipe-separated lines are split into cells (so an empty cell is seen), and
//! everything else is split at white space. Lines that are page furniture
//! (`- 3 -`, `第 3 页`) and markdown rule lines are dropped.

use crate::parser::decode::UNREAD_CELL;
use crate::parser::normalize::Normalized;

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
    // A table copied one cell to a line writes an empty cell as a blank
    // line between lines of one cell each: where blank lines are rare, each
    // blank line; where one blank line follows every line (the `gap`), each
    // further two.
    let blank = |i: usize| doc.line(i).1.trim().is_empty();
    let (mut blanks, mut single_runs, mut run) = (0usize, 0usize, 0usize);
    for i in lines.clone() {
        if blank(i) {
            blanks += 1;
            run += 1;
        } else {
            single_runs += usize::from(run == 1);
            run = 0;
        }
    }
    let nonblank = lines.len() - blanks;
    let gap = if blanks * 4 < nonblank {
        Some(0)
    } else if single_runs * 4 >= nonblank * 3 {
        Some(1)
    } else {
        None
    };
    let mut i = lines.start;
    while i < lines.end {
        let (base, line) = doc.line(i);
        if line.trim().is_empty() {
            let end = (i..lines.end).find(|&j| !blank(j)).unwrap_or(lines.end);
            if let Some(g) = gap.filter(|_| i > lines.start && end < lines.end) {
                let k = (end - i).saturating_sub(g) / (g + 1);
                if (1..=6).contains(&k) && empty_cells_between(doc, i - 1, end) {
                    out.extend((0..k).map(|_| empty(base)));
                }
            }
            i = end;
            continue;
        }
        tokenize_line(base, line, &mut out);
        i += 1;
    }
    nil_words(&doc.text, &mut out);
    out
}

/// Whether lines `before` and `after`, with blank lines between them, are
/// lines of one cell each, one of them a value (or nil mark): the blank
/// lines are empty cells of a table copied one cell to a line.
fn empty_cells_between(doc: &Normalized, before: usize, after: usize) -> bool {
    let one_cell = |j: usize| -> Option<bool> {
        let (base, line) = doc.line(j);
        let t = line.trim();
        if t.is_empty() || t.contains(['\t', '|']) {
            return None;
        }
        let mut tokens = Vec::new();
        tokenize_line(base, line, &mut tokens);
        match tokens.as_slice() {
            [t] => Some(matches!(t.kind, TokenKind::Value(_) | TokenKind::Nil)),
            _ => None,
        }
    };
    match (one_cell(before), one_cell(after)) {
        (Some(a), Some(b)) => a || b,
        _ => false,
    }
}

/// Tokenises one line.
fn tokenize_line(base: usize, line: &str, out: &mut Vec<Token>) {
    let trimmed = line.trim();
    if trimmed.is_empty()
        || is_page_furniture(trimmed)
        || is_rule_line(trimmed)
        || is_running_title(trimmed)
    {
        return;
    }
    let first = out.len();
    // (A plain count: table lines are short and dense with separators,
    // where a search restarting at each one costs more.)
    let separators = line.bytes().filter(|&b| b == b'\t' || b == b'|').count();
    if separators > 0 {
        // Cells. A trailing pipe closes the row: the piece after it is no
        // cell; nor is the piece before an opening pipe where one closes it
        // too (`| a | b |`), but `  |` alone is one empty cell, and so is
        // the piece before the first pipe of a row written without outer
        // pipes (` | 5 | 0`: its first cell is blank).
        let drop_last = trimmed.ends_with('|');
        let cells = separators + 1 - usize::from(drop_last);
        let skip_first = cells > 1 && drop_last && trimmed.starts_with('|');
        split(base, line, Some((skip_first, drop_last)), out);
    } else {
        split(base, line, None, out);
        // A small number opening a plain line and followed by text is a list
        // marker (“1 属于国家秘密”), not a value.
        if out.len() >= first + 2
            && matches!(out[first].kind, TokenKind::Value(v) if (1.0..=20.0).contains(&v) && v.fract() == 0.0)
            && out[first + 1].kind == TokenKind::Text
            && !nil_word_among_values(base, line, &out[first + 1..])
        {
            out[first].kind = TokenKind::Text;
        }
    }
}

/// Whether `tokens` (of `line`, at offset `base`) open with a 无 that a
/// value or the line's end follows (“13 无 0”), not a label's 无 (“4 无正当
/// 理由”, spaced out: “4 . 无 正 当”).
fn nil_word_among_values(base: usize, line: &str, tokens: &[Token]) -> bool {
    let text = |t: &Token| &line[t.start - base..t.end - base];
    tokens.first().is_some_and(|t| text(t) == "无")
        && tokens.get(1).is_none_or(|t| {
            matches!(t.kind, TokenKind::Value(_) | TokenKind::Nil) || text(t) == "无"
        })
}

/// 无 is a nil mark only among values, never inside a label: words 无 next
/// to a value or nil mark, on their line or (one cell to a line) on the line
/// before or after, or two or more of them in a row (“无 无 无”).
fn nil_words(text: &str, out: &mut [Token]) {
    let is_word = |t: &Token| {
        t.kind == TokenKind::Text && t.end - t.start == "无".len() && &text[t.start..t.end] == "无"
    };
    let near_value = |t: Option<&Token>| {
        matches!(
            t.map(|t| t.kind),
            Some(TokenKind::Value(_) | TokenKind::Nil)
        )
    };
    let mut k = 0;
    while k < out.len() {
        if !is_word(&out[k]) {
            k += 1;
            continue;
        }
        let end = k + out[k..].iter().take_while(|t| is_word(t)).count();
        if end - k >= 2 || near_value(k.checked_sub(1).map(|p| &out[p])) || near_value(out.get(end))
        {
            for t in &mut out[k..end] {
                t.kind = TokenKind::Nil;
            }
        }
        k = end;
    }
}

/// Splits `line` (starting at normalised offset `base`) into words at white
/// space, in one pass over its bytes. With `cells` (whether to skip the
/// first and drop the last piece), tabs and pipes also end cells, and a
/// cell with nothing but white space is an [`TokenKind::Empty`] token.
fn split(base: usize, line: &str, cells: Option<(bool, bool)>, out: &mut Vec<Token>) {
    let bytes = line.as_bytes();
    let mut word_start = None;
    let mut cell_start = 0;
    let mut cell_blank = true;
    // Words in the cell, and how many of them were HTML space entities
    // (`&nbsp;`: a blank cell of a copied web table).
    let (mut cell_words, mut cell_entities) = (0usize, 0usize);
    let mut cell_index = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = usize::from(ORDINARY_LEN[usize::from(b)]);
        if len != 0 {
            // A run of characters that are neither white space nor
            // separators: (part of) a word, stepped through by a table.
            cell_blank = false;
            if word_start.is_none() {
                word_start = Some(i);
            }
            i += len;
            while let Some(&b) = bytes.get(i) {
                match ORDINARY_LEN[usize::from(b)] {
                    0 => break,
                    len => i += usize::from(len),
                }
            }
            continue;
        }
        let (len, space) = match b {
            b'\t' | b'|' if cells.is_some() => {
                if let Some(s) = word_start.take() {
                    cell_words += 1;
                    cell_entities += usize::from(word(base + s, &line[s..i], out));
                }
                let blank = cell_blank || (cell_words > 0 && cell_words == cell_entities);
                if blank && !(cell_index == 0 && cells.is_some_and(|(skip, _)| skip)) {
                    out.push(empty(base + cell_start));
                }
                cell_start = i + 1;
                cell_blank = true;
                (cell_words, cell_entities) = (0, 0);
                cell_index += 1;
                i += 1;
                continue;
            }
            0..=0x7F => (1, b != b'|'),
            0xC0..=0xDF => (2, b == 0xC2 && matches!(bytes[i + 1], 0x85 | 0xA0)),
            0xE0..=0xEF => (3, is_wide_space(b, bytes[i + 1], bytes[i + 2])),
            _ => (4, false),
        };
        if space {
            if let Some(s) = word_start.take() {
                cell_words += 1;
                cell_entities += usize::from(word(base + s, &line[s..i], out));
            }
        } else {
            cell_blank = false;
            if word_start.is_none() {
                word_start = Some(i);
            }
        }
        i += len;
    }
    if let Some(s) = word_start {
        cell_words += 1;
        cell_entities += usize::from(word(base + s, &line[s..], out));
    }
    let last_dropped = cells.is_some_and(|(_, drop)| drop);
    let blank = cell_blank || (cell_words > 0 && cell_words == cell_entities);
    if cells.is_some() && blank && !last_dropped {
        out.push(empty(base + cell_start));
    }
}

/// For each byte: the length of the character it starts when that
/// character is certainly neither white space nor a cell separator, else 0
/// (ASCII white space, `|`, and the lead bytes of the few non-ASCII spaces:
/// C2, E1, E2, E3, looked at whole by [`split`]).
static ORDINARY_LEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'|' => 0,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => 0,
            0x00..=0x7F => 1,
            // (Continuation bytes never start a character.)
            0x80..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    t
};

fn empty(at: usize) -> Token {
    Token {
        kind: TokenKind::Empty,
        start: at,
        end: at,
    }
}

/// Whether the three-byte character `a b c` is white space (the U+1680,
/// U+2000 block and ideographic spaces; see `char::is_whitespace`).
fn is_wide_space(a: u8, b: u8, c: u8) -> bool {
    match (a, b) {
        (0xE1, 0x9A) => c == 0x80,
        (0xE2, 0x80) => matches!(c, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
        (0xE2, 0x81) => c == 0x9F,
        (0xE3, 0x80) => c == 0x80,
        _ => false,
    }
}

/// Measure words a table cell may carry after its number (“3件”, “1.5万元”).
const UNITS: [&str; 7] = ["万元", "元", "件", "个", "项", "条", "份"];

/// Pushes the token of word `w` (if it is more than stray punctuation);
/// returns whether it was an HTML space entity (`&nbsp;`), which is white
/// space.
fn word(start: usize, w: &str, out: &mut Vec<Token>) -> bool {
    let end = start + w.len();
    let bytes = w.as_bytes();
    // OCR's stand-in for ink it could not read: an empty cell, as a space
    // entity is, that keeps its place (and so its review mark).
    if (bytes[0] == b'&' && is_space_entity(w)) || w == UNREAD_CELL {
        return true;
    }
    // Only a word opening like a number may be one (the units are Chinese:
    // only a word ending in a non-ASCII byte may carry one).
    if matches!(bytes[0], b'0'..=b'9' | b'+' | b'-') {
        let bare = if bytes[bytes.len() - 1] >= 0x80 {
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
            return false;
        }
    }
    // A measure word set apart from its number (“3 件”, a PDF's spacing)
    // belongs to the number before it.
    if bytes[0] >= 0x80
        && UNITS.contains(&w)
        && out
            .last()
            .is_some_and(|t| matches!(t.kind, TokenKind::Value(_)) && start - t.end <= 3)
    {
        return false;
    }
    if is_nil(w) {
        out.push(Token {
            kind: TokenKind::Nil,
            start,
            end,
        });
        return false;
    }
    // (The common CJK block first: all of it is alphanumeric, and the
    // general test is a table lookup.)
    if !w
        .chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF) || c.is_alphanumeric())
    {
        return false; // stray punctuation
    }
    // A number glued to the end of a label (“行政处罚1”) is a value; one glued
    // to text on both sides (“第5项”, “2021年”) or ending a list marker is not.
    let digits_from = if bytes[bytes.len() - 1].is_ascii_digit() {
        w.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len()
    } else {
        w.len()
    };
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
                return false;
            }
        }
    }
    out.push(Token {
        kind: TokenKind::Text,
        start,
        end,
    });
    false
}

/// `&nbsp;` and the other HTML entities of spaces, once or repeated (the
/// semicolon sometimes lost).
fn is_space_entity(w: &str) -> bool {
    const ENTITIES: [&str; 6] = ["&nbsp;", "&#160;", "&ensp;", "&emsp;", "&#12288;", "&nbsp"];
    let mut rest = w;
    while !rest.is_empty() {
        match ENTITIES.iter().find(|e| rest.starts_with(*e)) {
            Some(e) => rest = &rest[e.len()..],
            None => return false,
        }
    }
    true
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
        // One number on each side: “3 / 10”, never a row of numbers with a
        // nil mark among them (“1 0 3 / 0 3 7”).
        let lone = |s: &str| !s.trim().contains(char::is_whitespace);
        let (left, right) = t.split_once('/').expect("the line has the slash");
        return lone(left)
            && lone(right)
            && !a.is_empty()
            && !b.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
            && a != "0";
    }
    false
}

/// The report's title repeated as a page header inside a table (“某某局2023年
/// 政府信息公开工作年度报告”): no table cell names the annual report.
fn is_running_title(t: &str) -> bool {
    // 报 is E6 8A A5; most lines have no A5 byte at all.
    let b = t.as_bytes();
    let has_bao =
        memchr::memchr_iter(0xA5, b).any(|i| i >= 2 && b[i - 2] == 0xE6 && b[i - 1] == 0x8A);
    has_bao && {
        let c = crate::parser::compact::compact(t, 80);
        c.contains("年度报告") && c.contains("信息公开") && !c.contains(['\t', '|'])
    }
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
        assert_eq!(kinds(" | 5 | 0"), ["E", "V:5", "V:0"]);
        assert_eq!(kinds("| 规章 | &nbsp; | 3 |"), ["T:规章", "E", "V:3"]);
        assert_eq!(kinds("规章\t&nbsp;&nbsp;\t3"), ["T:规章", "E", "V:3"]);
        assert_eq!(kinds("行政许可 &nbsp; 3"), ["T:行政许可", "V:3"]);
        assert_eq!(kinds("| | 5 | 0 |"), ["E", "V:5", "V:0"]);
        assert_eq!(kinds("|---|:---:|"), Vec::<String>::new());
        assert_eq!(kinds("行政处罚 无 3"), ["T:行政处罚", "N", "V:3"]);
        assert_eq!(kinds("（四）无\n法提供"), ["T:(四)无", "T:法提供"]);
        assert_eq!(kinds("3\n无\n5"), ["V:3", "N", "V:5"]);
        assert_eq!(kinds("予以公开 无 无 无"), ["T:予以公开", "N", "N", "N"]);
        assert_eq!(kinds("13 无 0"), ["V:13", "N", "V:0"]);
        assert_eq!(kinds("4 . 无 正 当"), ["T:4", "T:无", "T:正", "T:当"]);
        assert_eq!(kinds("无 法 提 供"), ["T:无", "T:法", "T:提", "T:供"]);
    }

    #[test]
    fn numbers_with_units() {
        assert_eq!(kinds("行政许可 3件"), ["T:行政许可", "V:3"]);
        assert_eq!(
            kinds("行政事业性收费\t1.5万元"),
            ["T:行政事业性收费", "V:1.5"]
        );
        assert_eq!(kinds("件"), ["T:件"]);
        assert_eq!(
            kinds("规章 3 件 0 件 12 个"),
            ["T:规章", "V:3", "V:0", "V:12"]
        );
    }

    #[test]
    fn glued_numbers() {
        assert_eq!(kinds("行政处罚12"), ["T:行政处罚", "V:12"]);
        assert_eq!(kinds("2021年 第5项"), ["T:2021年", "T:第5项"]);
    }

    #[test]
    fn wide_spaces_are_exactly_the_three_byte_white_space() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_wide_space(b[0], b[1], b[2]), c.is_whitespace(), "{c:?}");
        }
        assert_eq!(
            kinds("行政许可\u{3000}3\u{00A0}4"),
            ["T:行政许可", "V:3", "V:4"]
        );
    }

    #[test]
    fn page_furniture() {
        for p in [
            "- 3 -",
            "— 12 —",
            "第 3 页",
            "第3页共10页",
            "3/10",
            "3 / 10",
        ] {
            assert!(is_page_furniture(p), "{p}");
        }
        for p in ["0", "-8", "3", "0 0 0", "1 0 3 / 0 3 7", "1 13 / 2 16"] {
            assert!(!is_page_furniture(p), "{p}");
        }
        assert!(is_running_title(
            "某某县民政局2023年政府信息公开工作年度报告"
        ));
        assert!(is_running_title(
            "某 某 县 民 政 局 2023 年 政 府 信 息 公 开 工 作 年 度 报 告"
        ));
        assert!(!is_running_title(
            "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"
        ));
    }
}
