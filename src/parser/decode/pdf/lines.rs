//! Glyphs → lines of text. A line is the glyphs whose vertical centres lie
//! close together, read left to right; wide gaps split it into chunks,
//! which is how columns of a table drawn without rules show up.

use super::extract::Glyph;
use crate::model::PdfBox;

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub top: f64,
    pub bottom: f64,
    pub x0: f64,
    pub x1: f64,
    /// Runs of text separated by gaps wider than a column gap.
    pub chunks: Vec<String>,
    /// Each chunk's left and right edge.
    pub spans: Vec<(f64, f64)>,
    /// Each chunk's place on its page.
    pub places: Vec<Option<PdfBox>>,
}

/// A table cell's text and where on which page it was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlacedText {
    pub text: String,
    pub at: Option<PdfBox>,
}

impl PlacedText {
    pub fn new(text: &str, at: Option<PdfBox>) -> PlacedText {
        PlacedText {
            text: text.to_string(),
            at,
        }
    }
}

/// A glyph's box on its own page (a continued table's shift undone).
pub fn glyph_box(g: &Glyph) -> PdfBox {
    PdfBox::new(g.page, g.x0, g.top - g.shift, g.x1, g.bottom - g.shift)
}

/// Where a run of glyphs was read: the first page it is on, and the box of
/// its glyphs on that page.
pub fn place_of(glyphs: &[&Glyph]) -> Option<PdfBox> {
    let page = glyphs.iter().map(|g| g.page).min()?;
    glyphs
        .iter()
        .filter(|g| g.page == page)
        .map(|g| glyph_box(g))
        .reduce(PdfBox::union)
}

impl Line {
    pub fn text(&self) -> String {
        self.chunks.join(" ")
    }
}

/// Between words of Latin text; CJK text is set without spaces. Below the
/// narrowest usual space (a quarter em in Times and Liberation Serif), so
/// that a real space is not lost to rounding.
const WORD_GAP: f64 = 0.2;
/// Between columns of a table drawn without rules.
const COLUMN_GAP: f64 = 1.5;

/// Groups `glyphs` into lines, top to bottom.
pub fn group(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut order: Vec<&Glyph> = glyphs.to_vec();
    order.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut centre = f64::NEG_INFINITY;
    let mut size = 0.0f64;
    for g in order {
        // Within 40% of the size, a glyph is on the same line: sub- and
        // superscripts stay, the next line (≥ 100% away) does not.
        if rows.is_empty() || (g.cy() - centre).abs() > 0.4 * size.max(g.size) {
            rows.push(Vec::new());
            centre = g.cy();
            size = g.size;
        }
        if let Some(row) = rows.last_mut() {
            row.push(g);
        }
    }
    rows.into_iter().filter_map(line_of).collect()
}

fn line_of(mut glyphs: Vec<&Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut chunks: Vec<String> = Vec::new();
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut places: Vec<Option<PdfBox>> = Vec::new();
    let mut current = String::new();
    let mut place: Option<PdfBox> = None;
    let mut start = glyphs.first().map_or(0.0, |g| g.x0);
    let mut prev: Option<&Glyph> = None;
    for g in &glyphs {
        if let Some(p) = prev {
            // Fake bold draws each glyph twice at nearly the same place.
            if p.text == g.text && (g.x0 - p.x0).abs() < 0.3 * g.size {
                continue;
            }
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size);
            if gap > COLUMN_GAP * size {
                chunks.push(std::mem::take(&mut current));
                spans.push((start, p.x1));
                places.push(place.take());
                start = g.x0;
            } else if gap > WORD_GAP * size && !is_cjk_edge(&current, &g.text) {
                current.push(' ');
            }
        }
        current.push_str(&g.text);
        let b = glyph_box(g);
        place = Some(match place {
            Some(p) if p.page == b.page => p.union(b),
            Some(p) => p,
            None => b,
        });
        prev = Some(g);
    }
    if !current.is_empty() {
        chunks.push(current);
        spans.push((start, prev.map_or(start, |p| p.x1)));
        places.push(place);
    }
    if chunks.is_empty() {
        return None;
    }
    Some(Line {
        top: glyphs.iter().map(|g| g.top).fold(f64::INFINITY, f64::min),
        bottom: glyphs
            .iter()
            .map(|g| g.bottom)
            .fold(f64::NEG_INFINITY, f64::max),
        x0: glyphs.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min),
        x1: glyphs
            .iter()
            .map(|g| g.x1)
            .fold(f64::NEG_INFINITY, f64::max),
        chunks,
        spans,
        places,
    })
}

/// CJK characters and full-width punctuation: text set without spaces
/// between characters (unlike `tokens::is_cjk`, ideographs only).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

pub fn is_cjk_edge(before: &str, after: &str) -> bool {
    before.chars().last().is_some_and(is_wide) || after.chars().next().is_some_and(is_wide)
}

/// The text of a table cell whose glyphs wrap over several lines. A number
/// wrapped inside a narrow cell (`12⏎6`) is one number again, and CJK text
/// joins without a space.
pub fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for line in group(glyphs) {
        let text = line.text();
        if !out.is_empty() {
            let numeric_join = out.chars().last().is_some_and(is_number_char)
                && text.chars().next().is_some_and(is_number_char);
            if !numeric_join && !is_cjk_edge(&out, &text) {
                out.push(' ');
            }
        }
        out.push_str(&text);
    }
    out
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '，' | '．')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f64, top: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            x1: x0 + 10.0,
            top,
            bottom: top + 10.0,
            size: 10.0,
            ..Glyph::default()
        }
    }

    #[test]
    fn lines_chunks_and_words() {
        let glyphs = [
            g("自", 0.0, 0.0),
            g("然", 10.0, 0.5),
            g("1", 60.0, 0.0),
            g("A", 0.0, 20.0),
            g("B", 14.0, 20.0),
        ];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let lines = group(&refs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].chunks, vec!["自然", "1"]);
        assert_eq!(lines[1].chunks, vec!["A B"]);
    }

    #[test]
    fn wrapped_number_is_one_number() {
        let glyphs = [g("1", 0.0, 0.0), g("2", 10.0, 0.0), g("6", 0.0, 12.0)];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(cell_text(&refs), "126");
        let words = [g("商", 0.0, 0.0), g("业", 0.0, 12.0)];
        let refs: Vec<&Glyph> = words.iter().collect();
        assert_eq!(cell_text(&refs), "商业");
    }
}
