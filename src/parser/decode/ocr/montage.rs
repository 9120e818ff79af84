//! Many cells read in one engine call: their crops stacked down a white
//! strip, far enough apart to be separate lines, each scaled so its text
//! is the height the engine reads best. Each word read is given back to
//! the crop whose band holds its middle.

use super::engine::{EngineError, Layout, Script, Tesseract, Word};
use super::raster::Gray;

/// The glyph height in pixels the engine reads most reliably.
pub const TARGET_GLYPH_PX: f64 = 34.0;
/// White around each crop and between crops, in strip pixels: more than
/// a glyph's height, or the engine joins neighbouring lines and misreads
/// both.
const MARGIN: usize = 48;

/// One crop placed on the strip.
struct Slot {
    top: usize,
    bottom: usize,
    scale: f64,
}

/// Reads `crops` (each with the height of its glyphs in its own pixels),
/// scaled so that glyphs are `glyph_px` high, and returns each crop's
/// words, boxes in the crop's own pixels.
pub fn read_all(
    engine: &Tesseract,
    crops: &[(Gray, usize)],
    script: Script,
    glyph_px: f64,
) -> Result<Vec<Vec<Word>>, EngineError> {
    let mut out = vec![Vec::new(); crops.len()];
    if crops.is_empty() {
        return Ok(out);
    }
    let scaled: Vec<(Gray, f64)> = crops
        .iter()
        .map(|(g, glyph)| {
            let scale = (glyph_px / (*glyph).max(4) as f64).clamp(0.5, 5.0);
            (g.scaled(scale), scale)
        })
        .collect();
    let width = scaled.iter().map(|(g, _)| g.width).max().unwrap_or(0) + 2 * MARGIN;
    let height: usize = scaled.iter().map(|(g, _)| g.height + MARGIN).sum::<usize>() + MARGIN;
    let mut strip = Gray::blank(width, height);
    let mut slots = Vec::with_capacity(scaled.len());
    let mut y = MARGIN;
    for (g, scale) in &scaled {
        strip.paste(g, MARGIN, y);
        slots.push(Slot {
            top: y,
            bottom: y + g.height,
            scale: *scale,
        });
        y += g.height + MARGIN;
    }
    for w in engine.read(&strip, script, Layout::Block)? {
        let mid = (w.y0 + w.y1) / 2;
        let Some(i) = slots
            .iter()
            .position(|s| mid + MARGIN / 2 >= s.top && mid < s.bottom + MARGIN / 2)
        else {
            continue;
        };
        let s = &slots[i];
        let back = |v: usize, origin: usize| ((v.saturating_sub(origin)) as f64 / s.scale) as usize;
        out[i].push(Word {
            x0: back(w.x0, MARGIN),
            x1: back(w.x1, MARGIN),
            y0: back(w.y0, s.top),
            y1: back(w.y1, s.top),
            ..w
        });
    }
    Ok(out)
}

/// Reads one crop alone, enlarged and with wide margins, as one word and
/// then as one character: for a cell whose ink the strip read as nothing
/// (a lone “0” is the usual case).
pub fn read_alone(
    engine: &Tesseract,
    crop: &Gray,
    glyph: usize,
    script: Script,
) -> Result<Vec<Word>, EngineError> {
    for (factor, layout) in [(1.0, Layout::Word), (1.5, Layout::Char)] {
        let scale = (factor * TARGET_GLYPH_PX / glyph.max(4) as f64).clamp(0.5, 6.0);
        let big = crop.scaled(scale);
        let pad = 3 * MARGIN;
        let mut canvas = Gray::blank(big.width + 2 * pad, big.height + 2 * pad);
        canvas.paste(&big, pad, pad);
        let words = engine.read(&canvas, script, layout)?;
        if !words.is_empty() {
            return Ok(words
                .into_iter()
                .map(|w| Word {
                    x0: (w.x0.saturating_sub(pad) as f64 / scale) as usize,
                    x1: (w.x1.saturating_sub(pad) as f64 / scale) as usize,
                    y0: (w.y0.saturating_sub(pad) as f64 / scale) as usize,
                    y1: (w.y1.saturating_sub(pad) as f64 / scale) as usize,
                    ..w
                })
                .collect());
        }
    }
    Ok(Vec::new())
}
