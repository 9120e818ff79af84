//! Repeated text between this year's report and last year's: the share of
//! this year's text that repeats last year's, and the repeated passages as
//! byte ranges in both texts.
//!
//! The measure (documented in ARCHITECTURE.md, "Repeated text"):
//!
//! 1. Both texts are normalised into units, each mapped back to its byte
//!    range in the source: white space and punctuation are dropped,
//!    full-width forms folded to ASCII, Latin letters lower-cased, and every
//!    run of digits becomes one unit `0`. Folding digits is deliberate: a
//!    report copied from last year's with this year's numbers typed in is
//!    still a copied report, and its sentences must count as repeated.
//! 2. Every run of [`SHINGLE`] consecutive units of last year's text is
//!    hashed (a polynomial rolling hash) into a table of first occurrences.
//! 3. This year's text is tiled greedily from left to right: at each unit,
//!    if the shingle starting there occurs in last year's text (checked unit
//!    by unit, so a hash collision never counts), the match is extended as
//!    far as both texts agree and becomes one passage; the scan resumes
//!    after it. Passages therefore never overlap in this year's text.
//! 4. The share is the number of this year's units inside passages over all
//!    of this year's units: 1 for a text against itself, 0 for texts with no
//!    run of [`SHINGLE`] units in common.
//!
//! Ten units is about a short clause in Chinese (“本机关严格落实条例要求”):
//! long enough that two unrelated reports rarely share one by chance, short
//! enough that a sentence with one word changed still shows its repeated
//! halves.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use serde::Serialize;

/// Units in a shingle: the shortest passage that counts as repeated.
pub const SHINGLE: usize = 10;

/// One repeated passage: where it stands in this year's and last year's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Byte range in this year's text (on character boundaries).
    pub this: Range<usize>,
    /// Byte range in last year's text.
    pub last: Range<usize>,
    /// Normalised units the passage spans.
    pub units: usize,
}

/// How much of one text repeats another.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Similarity {
    /// Normalised units of this year's and last year's text.
    pub this_units: usize,
    pub last_units: usize,
    /// Units of this year's text inside repeated passages.
    pub repeated_units: usize,
    /// `repeated_units / this_units`, 0 for an empty text.
    pub share: f64,
    pub passages: Vec<Passage>,
}

/// A text as normalised units, each with its byte range in the source.
struct Units {
    units: Vec<u32>,
    spans: Vec<Range<usize>>,
}

/// The unit every digit run becomes.
const DIGITS: u32 = '0' as u32;

fn normalise(text: &str) -> Units {
    let mut units = Vec::with_capacity(text.len() / 3);
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(text.len() / 3);
    let mut in_digits = false;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        };
        if c.is_ascii_digit() {
            if in_digits {
                if let Some(last) = spans.last_mut() {
                    last.end = end;
                }
            } else {
                units.push(DIGITS);
                spans.push(at..end);
                in_digits = true;
            }
            continue;
        }
        // A decimal point or a thousands separator inside a number keeps it one run.
        if in_digits && matches!(c, '.' | ',') {
            continue;
        }
        in_digits = false;
        if !c.is_alphanumeric() {
            continue;
        }
        units.push(c.to_ascii_lowercase() as u32);
        spans.push(at..end);
    }
    Units { units, spans }
}

/// The multiplier of the rolling hash (odd, large, few patterns).
const BASE: u64 = 0x100_0000_01b3;

/// `BASE^(SHINGLE-1)`, to take the leaving unit off the rolling hash.
fn base_power() -> u64 {
    (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(BASE))
}

/// The hash of every shingle of `units`, by its first unit.
fn shingle_hashes(units: &[u32]) -> Vec<u64> {
    if units.len() < SHINGLE {
        return Vec::new();
    }
    let top = base_power();
    let mut out = Vec::with_capacity(units.len() - SHINGLE + 1);
    let mut h = 0u64;
    for (i, &u) in units.iter().enumerate() {
        if i >= SHINGLE {
            h = h.wrapping_sub(u64::from(units[i - SHINGLE]).wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(u));
        if i + 1 >= SHINGLE {
            out.push(h);
        }
    }
    out
}

/// The rolling hashes are already well mixed: a table keyed by them needs
/// no second hash (SipHash would be most of the time here).
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        // Fold the high bits down: the table indexes by the low ones.
        self.0 ^ (self.0 >> 29) ^ (self.0 >> 47)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// How much of `this` repeats `last`, with the passages.
pub fn repeated(this: &str, last: &str) -> Similarity {
    let a = normalise(this);
    let b = normalise(last);
    let mut out = Similarity {
        this_units: a.units.len(),
        last_units: b.units.len(),
        ..Similarity::default()
    };
    let hb = shingle_hashes(&b.units);
    let ha = shingle_hashes(&a.units);
    if ha.is_empty() || hb.is_empty() {
        return out;
    }
    let mut first: HashMap<u64, u32, BuildHasherDefault<Mixed>> =
        HashMap::with_capacity_and_hasher(hb.len(), Default::default());
    for (j, &h) in hb.iter().enumerate() {
        first.entry(h).or_insert(j as u32);
    }
    let mut i = 0;
    while i < ha.len() {
        let Some(&j) = first.get(&ha[i]) else {
            i += 1;
            continue;
        };
        let j = j as usize;
        if a.units[i..i + SHINGLE] != b.units[j..j + SHINGLE] {
            i += 1;
            continue;
        }
        let mut len = SHINGLE;
        while i + len < a.units.len()
            && j + len < b.units.len()
            && a.units[i + len] == b.units[j + len]
        {
            len += 1;
        }
        out.passages.push(Passage {
            this: a.spans[i].start..a.spans[i + len - 1].end,
            last: b.spans[j].start..b.spans[j + len - 1].end,
            units: len,
        });
        out.repeated_units += len;
        i += len;
    }
    out.share = out.repeated_units as f64 / out.this_units as f64;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_punctuation_and_width_fold() {
        let u = normalise("本年 新收１２３件，（２０２４年）ＡＢ");
        let s: String = u.units.iter().filter_map(|&c| char::from_u32(c)).collect();
        assert_eq!(s, "本年新收0件0年ab");
        assert_eq!(u.units.len(), u.spans.len());
    }

    #[test]
    fn rolling_hash_equals_direct_hash() {
        let units: Vec<u32> = "一二三四五六七八九十甲乙丙丁"
            .chars()
            .map(|c| c as u32)
            .collect();
        let rolled = shingle_hashes(&units);
        for (i, h) in rolled.iter().enumerate() {
            let direct = units[i..i + SHINGLE].iter().fold(0u64, |h, &u| {
                h.wrapping_mul(BASE).wrapping_add(u64::from(u))
            });
            assert_eq!(*h, direct, "shingle {i}");
        }
    }

    #[test]
    fn passages_slice_both_texts_to_the_same_units() {
        let last = "一、总体情况\n本机关严格落实《中华人民共和国政府信息公开条例》，全年主动公开信息 1,234 条。\n（二）依申请公开";
        let this = "本年度，本机关严格落实《中华人民共和国政府信息公开条例》，全年主动公开信息 987 条，较上年有所增加。";
        let sim = repeated(this, last);
        assert_eq!(sim.passages.len(), 1, "{sim:?}");
        let p = &sim.passages[0];
        let (a, b) = (&this[p.this.clone()], &last[p.last.clone()]);
        assert_eq!(normalise(a).units, normalise(b).units);
        assert!(a.starts_with("本机关") && a.ends_with("987 条"), "{a}");
        assert!(b.ends_with("1,234 条"), "{b}");
        assert_eq!(p.units, normalise(a).units.len());
    }
}
