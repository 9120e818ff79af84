//! JBIG2 images (`JBIG2Decode`), which office scanners very often write
//! for black-and-white pages: decoded with hayro's decoder (`hayro-jbig2`,
//! pure Rust) into grey pixels for OCR. A PDF holds the page's segments
//! in the embedded organisation; the segments several pages share (symbol
//! dictionaries) stand in the stream named by `/DecodeParms
//! /JBIG2Globals`, decoded first. JBIG2's 1 bit is black.

use hayro_jbig2::{DecodeSettings, Decoder, Globals, Page};
use lopdf::{Document, Object, Stream};

use super::font::{deref, get};
use crate::parser::decode::ocr::raster::{Gray, MAX_PIXELS};

/// The pixels of a JBIG2-coded image, grey.
pub fn decode(doc: &Document, stream: &Stream) -> Result<Gray, String> {
    let bad = |e: &dyn std::fmt::Debug| {
        format!("JBIG2 图像无法解码：{e:?} (JBIG2 image cannot be decoded)")
    };
    // Lenient, as the other decoders: what a scanner wrote slightly off
    // the standard is still read.
    let settings = DecodeSettings::default();
    let globals = match globals_data(doc, stream) {
        Some(data) => Some(Globals::new(&data, &settings).map_err(|e| {
            format!("JBIG2 共享数据无法解码：{e:?} (JBIG2 globals cannot be decoded)")
        })?),
        None => None,
    };
    let page =
        Page::new_embedded(&stream.content, globals.as_ref(), &settings).map_err(|e| bad(&e))?;
    let (w, h) = (page.width() as usize, page.height() as usize);
    if w == 0 || h == 0 {
        return Err("JBIG2 图像无内容 (empty JBIG2 image)".into());
    }
    // Checked before decoding: the decoder allocates the whole page.
    if (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!("{w}×{h} 像素过大 (image too large)"));
    }
    let mut sink = Pixels {
        width: w,
        pixels: Vec::with_capacity(w * h),
        row_start: 0,
    };
    page.decode(&mut sink).map_err(|e| bad(&e))?;
    if sink.pixels.len() < w * h {
        return Err("JBIG2 图像数据不完整 (truncated JBIG2 image)".into());
    }
    sink.pixels.truncate(w * h);
    Ok(Gray {
        width: w,
        height: h,
        pixels: sink.pixels,
    })
}

/// The decompressed bytes of the `JBIG2Globals` stream of the stream's
/// `DecodeParms` (the one, or the entry matching its JBIG2 filter).
fn globals_data(doc: &Document, stream: &Stream) -> Option<Vec<u8>> {
    let index = match get(doc, &stream.dict, b"Filter") {
        Some(Object::Array(a)) => a
            .iter()
            .position(|f| deref(doc, f).as_name().ok() == Some(b"JBIG2Decode"))?,
        _ => 0,
    };
    let params = match get(doc, &stream.dict, b"DecodeParms")? {
        Object::Dictionary(d) => d,
        Object::Array(a) => a.get(index).and_then(|o| deref(doc, o).as_dict().ok())?,
        _ => return None,
    };
    let globals = get(doc, params, b"JBIG2Globals")?.as_stream().ok()?;
    // A globals stream may itself be deflated.
    Some(
        globals
            .decompressed_content()
            .unwrap_or_else(|_| globals.content.clone()),
    )
}

/// Decoded pixels into grey: black (JBIG2's 1) is 0, white 255. Rows are
/// padded or cut to the page's width.
struct Pixels {
    width: usize,
    pixels: Vec<u8>,
    row_start: usize,
}

impl Decoder for Pixels {
    fn push_pixel(&mut self, black: bool) {
        if self.pixels.len() - self.row_start < self.width {
            self.pixels.push(if black { 0 } else { 255 });
        }
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        let room = self.width - (self.pixels.len() - self.row_start);
        let n = (chunk_count as usize * 8).min(room);
        let value = if black { 0 } else { 255 };
        self.pixels.resize(self.pixels.len() + n, value);
    }

    fn next_line(&mut self) {
        // A short row is padded white, so every row starts at its place.
        self.pixels.resize(self.row_start + self.width, 255);
        self.row_start = self.pixels.len();
    }
}
