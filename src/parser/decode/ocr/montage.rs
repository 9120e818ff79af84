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

/// `read_all` in `parts` strips of consecutive crops read side by side,
/// each about the same height: the Chinese strip of a table page's labels
/// is the longest engine call of a page (about 1.3 s of a page's 2), and
/// while it runs alone the other core would stand idle. Each crop is read
/// in a strip as it is in one (a block of separate lines), and its words
/// come back in the crops' order.
pub fn read_all_parts(
    engine: &Tesseract,
    crops: &[(Gray, usize)],
    script: Script,
    glyph_px: f64,
    parts: usize,
) -> Result<Vec<Vec<Word>>, EngineError> {
    if parts <= 1 || crops.len() < 2 * parts {
        return read_all(engine, crops, script, glyph_px);
    }
    let heights: Vec<usize> = crops.iter().map(|(g, _)| g.height).collect();
    let cuts = cuts(&heights, parts);
    let reads: Vec<Result<Vec<Vec<Word>>, EngineError>> = std::thread::scope(|s| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let part = &crops[w[0]..w[1]];
                s.spawn(move || read_all(engine, part, script, glyph_px))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(EngineError::Failed("OCR thread panicked".into())))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(crops.len());
    for r in reads {
        out.extend(r?);
    }
    Ok(out)
}

/// Where `parts` strips of consecutive crops of these heights begin, and
/// the end: each cut where the running height passes its share of the
/// whole, no strip empty.
fn cuts(heights: &[usize], parts: usize) -> Vec<usize> {
    let total: usize = heights.iter().map(|h| h.max(&1)).sum();
    let mut cuts = vec![0];
    let mut run = 0;
    for (i, h) in heights.iter().enumerate() {
        run += h.max(&1);
        if cuts.len() < parts && run * parts >= total * cuts.len() && i + 1 < heights.len() {
            cuts.push(i + 1);
        }
    }
    cuts.push(heights.len());
    cuts
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

#[cfg(test)]
mod tests {
    use super::cuts;

    #[test]
    fn strips_share_the_height() {
        assert_eq!(cuts(&[10; 8], 2), vec![0, 4, 8]);
        // One tall crop first: it is a strip of its own.
        assert_eq!(cuts(&[70, 10, 10, 10], 2), vec![0, 1, 4]);
        // Three strips of about a third each.
        assert_eq!(cuts(&[10; 9], 3), vec![0, 3, 6, 9]);
        // No cut after the last crop: no strip is empty.
        assert_eq!(cuts(&[1, 1, 100], 2), vec![0, 3]);
        assert_eq!(cuts(&[5, 5], 1), vec![0, 2]);
    }
}
