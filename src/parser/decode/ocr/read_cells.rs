//! The cells of a page read by the engine: each cell's ink cropped, the
//! number cells in one strip (digits only), the text cells in another
//! (Chinese), side by side; number cells the strip read as nothing read
//! again larger, then alone. A cell whose shape and place disagree
//! (narrow glyphs where labels stand, or a square glyph among numbers) is
//! read both ways, and is text only where the Chinese read finds two
//! characters or more and the number read is no number or less sure.

use super::LOW_CONFIDENCE;
use super::cells::{CellInk, PxBox};
use super::engine::{EngineError, Script, Tesseract, Word};
use super::montage::{TARGET_GLYPH_PX, read_all, read_alone};
use super::number::{
    MISCOUNTED, chinese_chars, clean_number, number_confidence, signed, well_formed,
};
use super::raster::Gray;

/// How a cell is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Chinese text: a label or a header.
    Text,
    /// A number or nil mark: digits only.
    Number,
    /// Either: read both ways, decided by what the reads find.
    Either,
}

/// One cell to read: its area on the page (pixels, the crop stays inside
/// it, `inset` pixels from its sides), its ink, and how to read it.
#[derive(Clone, Debug)]
pub struct CellJob {
    pub area: PxBox,
    pub inset: usize,
    pub ink: CellInk,
    pub kind: Kind,
}

/// What a cell with ink was read as.
#[derive(Clone, Debug, PartialEq)]
pub struct CellText {
    /// The text: a well-formed number or nil mark for a number cell (else
    /// empty), the words in reading order for a text cell.
    pub text: String,
    /// 0–100: the engine's confidence, lowered where a number's read
    /// disagrees with the glyphs counted in the cell.
    pub confidence: f32,
    /// Ink the engine read as nothing, or as no number: left empty.
    pub unread: bool,
    /// Read as a number.
    pub numeric: bool,
}

/// The glyph height of the second strip, for cells the first read as
/// nothing.
const RETRY_GLYPH_PX: f64 = 52.0;
/// Cells read alone (one engine call each, or two) per page, at most.
const MAX_ALONE: usize = 8;

/// Reads every job's cell from `gray` (`None` for a cell without ink),
/// and runs `beside`, another engine call of the page (its free text), in
/// the digits' lane: see below.
pub fn read_cells<T: Send>(
    engine: &Tesseract,
    gray: &Gray,
    jobs: &[CellJob],
    beside: impl FnOnce() -> T + Send,
) -> (Result<Vec<Option<CellText>>, EngineError>, T) {
    let crops: Vec<Option<(Gray, usize)>> = jobs.iter().map(|j| crop_of(gray, j)).collect();
    let pick = |want: fn(Kind) -> bool| -> Vec<usize> {
        (0..jobs.len())
            .filter(|&i| crops[i].is_some() && want(jobs[i].kind))
            .collect()
    };
    let digit_idx = pick(|k| k != Kind::Text);
    let text_idx = pick(|k| k != Kind::Number);
    let strip = |idx: &[usize]| -> Vec<(Gray, usize)> {
        idx.iter()
            .filter_map(|&i| crops[i].clone())
            .collect::<Vec<_>>()
    };
    let (digit_crops, text_crops) = (strip(&digit_idx), strip(&text_idx));
    // Two lanes, one a core: the labels' Chinese strip, the page's longest
    // call (about 1.3 s of a table page's 2), alone in one; the page's free
    // text, then the digits, in the other. Three calls at once made the
    // strip share a core and finish last (a table page 2.1 s; 1.8 s so).
    // Cutting the strip in two instead was as fast but read some lines
    // differently (Tesseract reads a line a little differently with other
    // lines beside it): each strip here is what it was.
    let (digit_words, text_words, beside_out) = std::thread::scope(|s| {
        let t = s.spawn(|| read_all(engine, &text_crops, Script::Chinese, TARGET_GLYPH_PX));
        let b = beside();
        let d = read_all(engine, &digit_crops, Script::Digits, TARGET_GLYPH_PX);
        let t = t
            .join()
            .unwrap_or_else(|_| Err(EngineError::Failed("OCR thread panicked".into())));
        (d, t, b)
    });
    let cells = settle(
        engine,
        jobs,
        &crops,
        &digit_idx,
        &text_idx,
        digit_words,
        text_words,
    );
    (cells, beside_out)
}

/// The strips' reads made into each cell's text: doubtful numbers read
/// again, larger, then alone.
fn settle(
    engine: &Tesseract,
    jobs: &[CellJob],
    crops: &[Option<(Gray, usize)>],
    digit_idx: &[usize],
    text_idx: &[usize],
    digit_words: Result<Vec<Vec<Word>>, EngineError>,
    text_words: Result<Vec<Vec<Word>>, EngineError>,
) -> Result<Vec<Option<CellText>>, EngineError> {
    let (mut digit_words, text_words) = (digit_words?, text_words?);
    let mut chinese: Vec<Option<Vec<Word>>> = vec![None; jobs.len()];
    for (&i, words) in text_idx.iter().zip(text_words) {
        chinese[i] = Some(words);
    }
    let reads_chinese = |i: usize| {
        chinese[i]
            .as_ref()
            .is_some_and(|w| chinese_chars(&joined(w)) >= 2)
    };

    // Number cells the strip read as nothing, as no number, or with low
    // confidence (a lone “0” is the usual case, and the engine reads some
    // clean numbers as “.” with confidence 0): read again, all in one strip
    // at a larger size, the better read kept; what is still no number,
    // alone, as a word and as a character (not a cell that may be text and
    // was read as Chinese).
    let doubtful: Vec<usize> = (0..digit_idx.len())
        .filter(|&k| number_read(&digit_words[k], &jobs[digit_idx[k]].ink).1 < LOW_CONFIDENCE)
        .collect();
    if !doubtful.is_empty() {
        let again_crops: Vec<(Gray, usize)> = doubtful
            .iter()
            .filter_map(|&k| crops[digit_idx[k]].clone())
            .collect();
        let again = read_all(engine, &again_crops, Script::Digits, RETRY_GLYPH_PX)?;
        let mut alone = 0;
        for (&k, words) in doubtful.iter().zip(again) {
            let ink = &jobs[digit_idx[k]].ink;
            let (first, second) = (number_read(&digit_words[k], ink), number_read(&words, ink));
            if second.1 > first.1 || (first.0.is_empty() && !second.0.is_empty()) {
                digit_words[k] = words;
            }
            if !well_formed(&number_read(&digit_words[k], ink).0)
                && !reads_chinese(digit_idx[k])
                && alone < MAX_ALONE
                && let Some((crop, glyph)) = &crops[digit_idx[k]]
            {
                alone += 1;
                let words = read_alone(engine, crop, *glyph, Script::Digits)?;
                if well_formed(&number_read(&words, ink).0) {
                    digit_words[k] = words;
                }
            }
        }
    }

    let mut out: Vec<Option<CellText>> = vec![None; jobs.len()];
    for (&i, words) in digit_idx.iter().zip(&digit_words) {
        let (text, mut confidence) = number_read(words, &jobs[i].ink);
        if !jobs[i].ink.numeric {
            // Ink not shaped like a number, read as one for its place: its
            // glyphs cannot check the read (a “+6” whose plus touches the
            // 6 reads “46”, one wide glyph for two characters), so it is
            // never trusted unmarked.
            confidence = confidence.min(MISCOUNTED);
        }
        let formed = well_formed(&text);
        out[i] = Some(CellText {
            // A read that is no number (a “7” read as “.”) is left out: the
            // cell stays empty and marked, and the rest of its row is read.
            text: if formed { text } else { String::new() },
            confidence,
            unread: !formed,
            numeric: true,
        });
    }
    for &i in text_idx {
        let Some(words) = &chinese[i] else {
            continue;
        };
        let text = joined(words);
        let confidence = words.iter().map(|w| w.confidence).fold(100.0f32, f32::min);
        // A text cell read as digits alone (a number whose glyphs touch
        // and look square, the Chinese engine reading it) is a value the
        // glyph count never checked: never trusted unmarked.
        let digits_only = chinese_chars(&text) == 0 && text.chars().any(|c| c.is_ascii_digit());
        let confidence = if digits_only {
            confidence.min(MISCOUNTED)
        } else {
            confidence
        };
        let read = CellText {
            confidence: if words.is_empty() { 0.0 } else { confidence },
            unread: words.is_empty(),
            numeric: false,
            text,
        };
        // A cell read both ways is a number unless the Chinese read found
        // characters (two or more: one may be a digit misread) and the
        // number read is no number or less sure.
        let number_sure = out[i]
            .as_ref()
            .is_some_and(|n| !n.unread && n.confidence >= read.confidence);
        if jobs[i].kind == Kind::Either && (number_sure || !reads_chinese(i)) {
            continue;
        }
        out[i] = Some(read);
    }
    Ok(out)
}

/// A number cell's read: its number characters, with a sign read as a
/// digit put right (see [`signed`]), and how sure it is — 0 when it is no
/// well-formed number.
fn number_read(words: &[Word], ink: &CellInk) -> (String, f32) {
    let text: String = words.iter().map(|w| clean_number(&w.text)).collect();
    let (text, fixed) = match signed(&text, ink) {
        Some(t) => (t, true),
        None => (text, false),
    };
    if !well_formed(&text) {
        return (text, 0.0);
    }
    let confidence = number_confidence(&text, words, ink);
    // A character put right is the shape's reading, not the engine's.
    (
        text,
        if fixed {
            confidence.min(MISCOUNTED)
        } else {
            confidence
        },
    )
}

/// A text cell's words in reading order (the engine's lines, each left to
/// right) as one run: a wrapped label is one label, whatever boxes the
/// engine gave its words.
fn joined(words: &[Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect()
}

/// A cell's ink cropped with a margin (inside its area) and the height of
/// its glyphs; `None` for a cell without ink.
fn crop_of(gray: &Gray, job: &CellJob) -> Option<(Gray, usize)> {
    let b = job.ink.bounds?;
    let glyph = glyph_height(&job.ink);
    let pad = (glyph / 3).max(3);
    let (area, inset) = (job.area, job.inset);
    let x0 = b.x0.saturating_sub(pad).max(area.x0 + inset);
    let y0 = b.y0.saturating_sub(pad).max(area.y0 + inset);
    let x1 = (b.x1 + pad).min(area.x1.saturating_sub(inset)).max(x0 + 1);
    let y1 = (b.y1 + pad).min(area.y1.saturating_sub(inset)).max(y0 + 1);
    Some((gray.crop(x0, y0, x1, y1), glyph))
}

/// The typical height of a cell's glyphs (of full-size ones).
pub fn glyph_height(ink: &CellInk) -> usize {
    let mut h: Vec<usize> = ink.glyphs.iter().map(PxBox::height).collect();
    h.sort_unstable();
    let tall = h.last().copied().unwrap_or(0);
    let full: Vec<usize> = h.into_iter().filter(|&v| v * 2 > tall).collect();
    full.get(full.len() / 2).copied().unwrap_or(tall).max(1)
}
