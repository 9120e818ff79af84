//! What a number cell's read is worth: the characters a number may hold,
//! whether the read is a well-formed number or nil mark, and how sure it
//! is — the engine's confidence, capped where the read has another
//! number of characters than the cell has glyphs.

use super::cells::{CellInk, PxBox};
use super::engine::{DIGIT_CHARS, Word};

/// The confidence of a read with another number of characters than the
/// cell's glyphs make: below `LOW_CONFIDENCE`, so the cell is marked.
pub const MISCOUNTED: f32 = 40.0;

/// The characters of a number cell's read that a number may hold.
pub fn clean_number(text: &str) -> String {
    text.chars().filter(|c| DIGIT_CHARS.contains(*c)).collect()
}

/// Whether `text` is a number (`12`, `-3`, `12.5`) or a nil mark (`/`,
/// `-`): anything else (`2-`, `1.2.3`, `.`) is a misread.
pub fn well_formed(text: &str) -> bool {
    if text == "/" || text == "-" {
        return true;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    match unsigned.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(unsigned),
    }
}

/// How sure a well-formed number read is: the engine's lowest word
/// confidence, capped low when the read has another number of
/// characters than the cell has glyphs. (A read that is not well formed
/// is no number at all: see [`well_formed`].)
pub fn number_confidence(text: &str, words: &[Word], ink: &CellInk) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let engine = words.iter().map(|w| w.confidence).fold(100.0f32, f32::min);
    if expected_chars(ink) != text.chars().count() {
        return engine.min(MISCOUNTED);
    }
    engine
}

/// How many characters a number cell's glyphs make: each digit-high
/// glyph one, or as many as its width holds when digits touch; smaller
/// glyphs (point, minus, plus: under four fifths of the digits' height)
/// one each.
pub fn expected_chars(ink: &CellInk) -> usize {
    let tall = ink.glyphs.iter().map(PxBox::height).max().unwrap_or(0);
    ink.glyphs
        .iter()
        .map(|g| {
            if g.height() * 100 >= tall * 80 {
                let per = g.height() as f64 * 0.62;
                ((g.width() as f64 / per).round() as usize).max(1)
            } else {
                1
            }
        })
        .sum()
}

/// A read whose first character stands on a sign, put right: the engine
/// (digits, point, minus and “/” only) reads a “+” as a “4” or a “-”, and
/// may read a minus as a digit. The cell's first glyph is a sign when it is small
/// (under four fifths of the digits' height: a “+” is seven tenths) and stands in the middle
/// of their height, not on their baseline as a point does: a “+” if it is
/// about as high as wide, a “-” if flat. Only where the read has as many
/// characters as the glyphs make, so the first character is that glyph's.
pub fn signed(text: &str, ink: &CellInk) -> Option<String> {
    let first = ink.glyphs.first()?;
    let tall = ink.glyphs.iter().map(PxBox::height).max()?;
    let full: Vec<&PxBox> = ink
        .glyphs
        .iter()
        .filter(|g| g.height() * 100 >= tall * 80)
        .collect();
    let (top, bottom) = (
        full.iter().map(|g| g.y0).min()?,
        full.iter().map(|g| g.y1).max()?,
    );
    let centre = (first.y0 + first.y1) as f64 / 2.0;
    let band = (bottom - top) as f64;
    let middle = centre > top as f64 + band * 0.3 && centre < top as f64 + band * 0.7;
    let small = first.height() * 100 < tall * 80;
    let lead = text.chars().next()?;
    if !small || !middle || !(lead.is_ascii_digit() || lead == '-') || full.is_empty() {
        return None;
    }
    if expected_chars(ink) != text.chars().count() {
        return None;
    }
    let sign = if first.height() * 10 >= first.width() * 6 {
        '+'
    } else {
        '-'
    };
    (sign != lead).then(|| format!("{sign}{}", &text[lead.len_utf8()..]))
}

/// How many Chinese characters a read holds: a cell taken for a number
/// whose Chinese read finds some may be a label (`（七）总计` in one cell
/// across two columns, its strokes fallen apart into narrow pieces).
pub fn chinese_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::decode::ocr::LOW_CONFIDENCE;

    fn glyph(x0: usize, width: usize, height: usize) -> PxBox {
        PxBox {
            x0,
            y0: 10,
            x1: x0 + width,
            y1: 10 + height,
        }
    }

    fn ink(glyphs: Vec<PxBox>) -> CellInk {
        CellInk {
            bounds: glyphs.iter().copied().reduce(|a, b| PxBox {
                x0: a.x0.min(b.x0),
                y0: a.y0.min(b.y0),
                x1: a.x1.max(b.x1),
                y1: a.y1.max(b.y1),
            }),
            glyphs,
            numeric: true,
            lines: 1,
        }
    }

    fn word(text: &str, confidence: f32) -> Word {
        Word {
            text: text.into(),
            x0: 0,
            y0: 0,
            x1: 10,
            y1: 10,
            confidence,
            line: (1, 1, 1),
        }
    }

    #[test]
    fn touching_digits_count_as_two() {
        // "27" apart, "00" touching (one piece as wide as two), "8.5".
        assert_eq!(
            expected_chars(&ink(vec![glyph(0, 11, 20), glyph(14, 11, 20)])),
            2
        );
        assert_eq!(expected_chars(&ink(vec![glyph(0, 24, 20)])), 2);
        let point = PxBox {
            x0: 13,
            y0: 27,
            x1: 16,
            y1: 30,
        };
        assert_eq!(
            expected_chars(&ink(vec![glyph(0, 11, 20), point, glyph(18, 11, 20)])),
            3
        );
    }

    #[test]
    fn numbers_and_nil_marks_are_well_formed_and_nothing_else() {
        for ok in ["0", "27", "-3", "+8", "12.5", "/", "-"] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in ["", "2-", "1.2.3", ".", "5.", ".5", "//", "-/"] {
            assert!(!well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn a_read_that_disagrees_with_the_ink_is_doubtful() {
        let two = ink(vec![glyph(0, 11, 20), glyph(14, 11, 20)]);
        assert_eq!(number_confidence("27", &[word("27", 93.0)], &two), 93.0);
        // A digit lost, nothing read: never trusted.
        assert!(number_confidence("2", &[word("2", 96.0)], &two) < LOW_CONFIDENCE);
        assert_eq!(number_confidence("", &[], &two), 0.0);
        assert_eq!(
            number_confidence("/", &[word("/", 90.0)], &ink(vec![glyph(0, 9, 20)])),
            90.0
        );
    }

    #[test]
    fn a_sign_read_as_a_digit_is_put_right() {
        // “+12”: a plus in the middle of the digits' height, 12 × 12 px
        // beside digits 20 high; “-5”: a flat bar; “1.5”: a point on the
        // baseline is no sign.
        let plus = PxBox {
            x0: 0,
            y0: 14,
            x1: 12,
            y1: 26,
        };
        let digits = [glyph(15, 11, 20), glyph(29, 11, 20)];
        let cell = ink(vec![plus, digits[0], digits[1]]);
        assert_eq!(signed("412", &cell).as_deref(), Some("+12"));
        // A read missing a character is not put right (which is the sign?).
        assert_eq!(signed("12", &cell), None);
        let minus = PxBox {
            x0: 0,
            y0: 19,
            x1: 8,
            y1: 21,
        };
        assert_eq!(
            signed("75", &ink(vec![minus, digits[1]])).as_deref(),
            Some("-5")
        );
        let point = PxBox {
            x0: 13,
            y0: 27,
            x1: 16,
            y1: 30,
        };
        assert_eq!(signed("15", &ink(vec![glyph(0, 11, 20), point])), None);
        assert_eq!(signed("+12", &cell), None);
        // A plus read as a minus is a plus; a minus read so stays.
        assert_eq!(signed("-12", &cell).as_deref(), Some("+12"));
        assert_eq!(signed("-5", &ink(vec![minus, digits[1]])), None);
    }

    #[test]
    fn chinese_is_told_from_digits_and_marks() {
        assert_eq!(chinese_chars("(七)总计"), 3);
        assert_eq!(chinese_chars("12.5"), 0);
        assert_eq!(chinese_chars("l1|"), 0);
    }
}
