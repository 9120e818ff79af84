//! Stage 2: decoded text → normalised text, with a map back to the decoded
//! text so that every value keeps where it came from.
//!
//! Folds what extraction and typing vary without changing meaning: CRLF and
//! CR line breaks, form feeds (page breaks), full-width digits, letters and
//! punctuation (（一） → (一), ０ → 0, ． → .), ideographic and no-break
//! spaces, and zero-width characters.

use crate::model::Span;

pub struct Normalized {
    pub text: String,
    /// `(normalised offset, decoded offset)` at the start of each stretch over
    /// which the two advance together.
    anchors: Vec<(usize, usize)>,
    decoded_len: usize,
    /// Byte offset of the start of each line of `text`.
    line_starts: Vec<usize>,
}

impl Normalized {
    pub fn new(decoded: &str) -> Normalized {
        let mut text = String::with_capacity(decoded.len());
        let mut anchors = vec![(0usize, 0usize)];
        let bytes = decoded.as_bytes();
        let mut run_start = 0usize; // start of the current run copied as is
        let mut i = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
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
                } else if b == 0x0C || b == 0x0B {
                    text.push_str(&decoded[run_start..i]);
                    text.push('\n');
                    i += 1;
                    run_start = i;
                } else {
                    i += 1;
                }
                continue;
            }
            // Only characters led by these bytes ever change (NBSP, NEL;
            // the U+2000 block; the ideographic space; full-width forms and
            // the BOM); every other character is skipped by its length.
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            if !matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF) {
                i += len;
                continue;
            }
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
        line_starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        Normalized {
            text,
            anchors,
            decoded_len: decoded.len(),
            line_starts,
        }
    }

    /// The decoded offset of normalised offset `pos`.
    pub fn to_decoded(&self, pos: usize) -> usize {
        let k = self.anchors.partition_point(|&(n, _)| n <= pos) - 1;
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
        _ => Folded::Same,
    }
}

fn memchr_iter(needle: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    hay.iter()
        .enumerate()
        .filter(move |(_, b)| **b == needle)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
