//! Stage 2: decoded text → normalised text, with a map back to the decoded
//! text so that every value keeps where it came from.
//!
//! Folds what extraction and typing vary without changing meaning: CRLF and
//! CR line breaks, form feeds (page breaks), full-width digits, letters and
//! punctuation (（一） → (一), ０ → 0, ． → .), ideographic and no-break
//! spaces, zero-width characters, and CJK radicals and compatibility
//! ideographs that browser-printed PDFs write for ideographs (⼈ → 人, see
//! [`crate::parser::cjk_fold`]).

use crate::model::Span;

pub struct Normalized {
    pub text: String,
    /// `(normalised offset, decoded offset)` at the start of each stretch over
    /// which the two advance together.
    anchors: Vec<(usize, usize)>,
    decoded_len: usize,
    /// Byte offset of the start of each line of `text`.
    line_starts: Vec<usize>,
    /// Whether line breaks were put into run-together text
    /// ([`crate::parser::flat`]): table cells there may be digit runs.
    pub flat: bool,
}

impl Normalized {
    pub fn new(decoded: &str) -> Normalized {
        let mut text = String::with_capacity(decoded.len());
        let mut anchors = vec![(0usize, 0usize)];
        let bytes = decoded.as_bytes();
        let mut run_start = 0usize; // start of the current run copied as is
        let mut i = 0usize;
        while i < bytes.len() {
            // Jump to the next byte that may start a change; UTF-8
            // continuation bytes are never among them.
            match bytes[i..].iter().position(|&b| MAY_CHANGE[usize::from(b)]) {
                Some(k) => i += k,
                None => break,
            }
            let b = bytes[i];
            if b == b'\r' {
                text.push_str(&decoded[run_start..i]);
                text.push('\n');
                let skip = if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                i += skip;
                anchors.push((text.len(), i));
                run_start = i;
                continue;
            }
            if b == 0x0C || b == 0x0B {
                text.push_str(&decoded[run_start..i]);
                text.push('\n');
                i += 1;
                run_start = i;
                continue;
            }
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let ch = decoded[i..].chars().next().expect("inside the text");
            match fold_char(ch) {
                Folded::Same => {}
                Folded::To(new) => {
                    text.push_str(&decoded[run_start..i]);
                    text.push(new);
                    if new.len_utf8() != len {
                        anchors.push((text.len(), i + len));
                    }
                    run_start = i + len;
                }
                Folded::Dropped => {
                    text.push_str(&decoded[run_start..i]);
                    anchors.push((text.len(), i + len));
                    run_start = i + len;
                }
            }
            i += len;
        }
        text.push_str(&decoded[run_start..]);
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        Normalized {
            text,
            anchors,
            decoded_len: decoded.len(),
            line_starts,
            flat: false,
        }
    }

    /// The text with a line break put in before each normalised offset of
    /// `breaks` (increasing, on character boundaries); each inserted break
    /// maps to the decoded offset of the character after it.
    pub fn with_breaks(self, breaks: &[usize]) -> Normalized {
        if breaks.is_empty() {
            return self;
        }
        let mut text = String::with_capacity(self.text.len() + breaks.len());
        let mut anchors = Vec::with_capacity(self.anchors.len() + breaks.len());
        let mut last = 0;
        for &b in breaks {
            text.push_str(&self.text[last..b]);
            text.push('\n');
            anchors.push((text.len(), self.to_decoded(b)));
            last = b;
        }
        text.push_str(&self.text[last..]);
        for &(n, d) in &self.anchors {
            // An anchor standing where a break goes (after a folded
            // character, say) holds for the inserted break too.
            let shift = breaks.partition_point(|&b| b < n);
            anchors.push((n + shift, d));
        }
        anchors.sort_by_key(|&(n, _)| n);
        anchors.dedup_by_key(|a| a.0);
        if anchors.first().is_none_or(|a| a.0 != 0) {
            anchors.insert(0, (0, 0));
        }
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        Normalized {
            text,
            anchors,
            decoded_len: self.decoded_len,
            line_starts,
            flat: true,
        }
    }

    /// The decoded offset of normalised offset `pos`.
    pub fn to_decoded(&self, pos: usize) -> usize {
        let k = self.anchors.partition_point(|&(n, _)| n <= pos) - 1;
        self.decoded_at(k, pos)
    }

    /// The decoded offset of normalised offset `pos`, which lies in the
    /// stretch starting at anchor `k`.
    fn decoded_at(&self, k: usize, pos: usize) -> usize {
        let (n, d) = self.anchors[k];
        // Within a stretch a folded character may sit at the very end; never
        // point past the next anchor or the text.
        let next = self
            .anchors
            .get(k + 1)
            .map_or(self.decoded_len, |&(_, d2)| d2);
        (d + (pos - n)).min(next).min(self.decoded_len)
    }

    /// The source span of normalised range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.to_decoded(start),
            end: self.to_decoded(end),
            line: self.line_of(start) + 1,
            grid: None,
            pdf: None,
        }
    }

    /// A cursor for mapping many ranges in increasing order (a table's
    /// cells): each lookup walks on from the last instead of searching
    /// the whole map again.
    pub fn cursor(&self) -> SpanCursor<'_> {
        SpanCursor {
            doc: self,
            anchor: 0,
            line: 0,
        }
    }

    /// The 0-based line index of normalised offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= pos) - 1
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line `i` without its line break, and its start offset.
    pub fn line(&self, i: usize) -> (usize, &str) {
        let start = self.line_starts[i];
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e - 1);
        (start, &self.text[start..end])
    }
}

/// Bytes that may start a character the fold changes: CR, VT and FF, and
/// the lead bytes of NBSP and NEL (C2), the U+2000 block (E2), the
/// ideographic space (E3), full-width forms, compatibility ideographs and
/// the BOM (EF), and supplementary compatibility ideographs (F0); CJK
/// radicals (U+2E80 … U+2FD5) lead with E2.
static MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [b'\r', 0x0B, 0x0C, 0xC2, 0xE2, 0xE3, 0xEF, 0xF0];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// See [`Normalized::cursor`]. Gives the same spans as [`Normalized::span`]
/// in any order, and is fastest when offsets only grow.
pub struct SpanCursor<'a> {
    doc: &'a Normalized,
    /// Index of the anchor and of the line the last lookup ended in.
    anchor: usize,
    line: usize,
}

impl SpanCursor<'_> {
    pub fn span(&mut self, start: usize, end: usize) -> Span {
        let line = self.line_of(start);
        let start = self.to_decoded(start);
        let end = self.to_decoded(end);
        Span {
            start,
            end,
            line: line + 1,
            grid: None,
            pdf: None,
        }
    }

    /// Index of the last entry of `starts` at or before `pos`, walking on
    /// from `from` (a few steps at most for a table's next cell), or
    /// searching when `pos` lies behind it.
    fn walk(starts: impl Fn(usize) -> Option<usize>, from: usize, pos: usize) -> Option<usize> {
        if starts(from)? > pos {
            return None;
        }
        let mut k = from;
        while starts(k + 1).is_some_and(|s| s <= pos) {
            k += 1;
        }
        Some(k)
    }

    fn line_of(&mut self, pos: usize) -> usize {
        let starts = &self.doc.line_starts;
        self.line = Self::walk(|k| starts.get(k).copied(), self.line, pos)
            .unwrap_or_else(|| self.doc.line_of(pos));
        self.line
    }

    /// The decoded offset of normalised offset `pos`. Takes `&mut self`:
    /// the cursor moves on to `pos`, so the next look-up starts there.
    #[allow(clippy::wrong_self_convention)]
    pub fn to_decoded(&mut self, pos: usize) -> usize {
        let anchors = &self.doc.anchors;
        let k = Self::walk(|k| anchors.get(k).map(|a| a.0), self.anchor, pos)
            .unwrap_or_else(|| anchors.partition_point(|&(n, _)| n <= pos) - 1);
        self.anchor = k;
        self.doc.decoded_at(k, pos)
    }
}

enum Folded {
    Same,
    To(char),
    Dropped,
}

#[inline]
fn fold_char(ch: char) -> Folded {
    let c = ch as u32;
    match c {
        0xFF01..=0xFF5E => Folded::To(char::from_u32(c - 0xFEE0).unwrap_or(ch)),
        0x3000 | 0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F => Folded::To(' '),
        0x200B..=0x200D | 0x2060 | 0xFEFF => Folded::Dropped,
        0x85 | 0x2028 | 0x2029 => Folded::To('\n'),
        // Radicals and compatibility ideographs (⼈ → 人, ⺠ → 民).
        0x2E80..=0x2FD5 | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => {
            crate::parser::cjk_fold::fold(c).map_or(Folded::Same, Folded::To)
        }
        _ => Folded::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A break put in right after a folded character (（ → (, three bytes
    /// to one) maps back after that character, as the text after it does.
    #[test]
    fn a_break_after_a_folded_character_maps_past_it() {
        let src = "收费金额（万元）行政事业性收费 5";
        let n = Normalized::new(src);
        let at = n.text.find("行政").unwrap();
        let broken = n.with_breaks(&[at]);
        let newline = broken.text.find('\n').unwrap();
        let after = src.find("行政").unwrap();
        assert_eq!(broken.to_decoded(newline), after);
        assert_eq!(broken.to_decoded(newline + 1), after);
        for (pos, _) in broken.text.char_indices() {
            assert!(src.is_char_boundary(broken.to_decoded(pos)), "{pos}");
        }
    }

    #[test]
    fn folds_and_maps_back() {
        let src = "（一）予以公开\u{3000}３\r\n行政许可\u{200b} 0\r总计 12";
        let n = Normalized::new(src);
        assert_eq!(n.text, "(一)予以公开 3\n行政许可 0\n总计 12");
        // every normalised digit maps back onto the same digit in the source
        for (pos, ch) in n.text.char_indices() {
            if ch.is_ascii_digit() {
                let d = n.to_decoded(pos);
                let orig = src[d..].chars().next().unwrap();
                assert!(
                    orig == ch || orig as u32 == ch as u32 + 0xFEE0,
                    "{ch} at {pos} → {orig}"
                );
            }
        }
        assert_eq!(n.line_count(), 3);
        assert_eq!(n.line(1).1, "行政许可 0");
        let twelve = n.text.find("12").unwrap();
        let span = n.span(twelve, twelve + 2);
        assert_eq!(&src[span.start..span.end], "12");
        assert_eq!(span.line, 3);
    }

    #[test]
    fn radicals_fold_to_ideographs() {
        // A browser-printed PDF: Kangxi radicals, a radicals-supplement
        // form and a supplementary compatibility ideograph.
        let src = "⼀、本年新收政府信息公开申请数量 3\n上海市⼈⺠政府 \u{2F800}1";
        let n = Normalized::new(src);
        assert_eq!(
            n.text,
            "一、本年新收政府信息公开申请数量 3\n上海市人民政府 丽1"
        );
        let one = n.text.rfind('1').unwrap();
        let span = n.span(one, one + 1);
        assert_eq!(&src[span.start..span.end], "1");
    }

    #[test]
    fn cursor_gives_the_same_spans_in_any_order() {
        let src = "（一）予以公开\u{3000}３\r\n行政许可\u{200b} 0\r\n\r\n总计 12\r\n其他\t５";
        let n = Normalized::new(src);
        let len = n.text.len();
        let mut ranges: Vec<(usize, usize)> = (0..=len)
            .filter(|&i| n.text.is_char_boundary(i))
            .map(|i| (i, (i + 3).min(len)))
            .filter(|&(_, e)| n.text.is_char_boundary(e))
            .collect();
        let mut cursor = n.cursor();
        for &(s, e) in &ranges {
            assert_eq!(cursor.span(s, e), n.span(s, e), "{s}..{e}");
        }
        ranges.reverse();
        let mut cursor = n.cursor();
        for &(s, e) in &ranges {
            assert_eq!(cursor.span(s, e), n.span(s, e), "{s}..{e} backwards");
        }
    }
}
