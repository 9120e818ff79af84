//! CCITT fax images (`CCITTFaxDecode`), which black-and-white scanners
//! write: decoded with hayro's decoder (`hayro-ccitt`, pure Rust) into
//! grey pixels for OCR. The stream's `DecodeParms` say how it was coded
//! (`K`: Group 3 one- or two-dimensional, or Group 4) and which bit is
//! black (`BlackIs1`); the image's samples then read as any 1-bit grey
//! image's do (0 dark).

use hayro_ccitt::{DecodeSettings, Decoder, DecoderContext, EncodingMode};
use lopdf::{Dictionary, Document, Object, Stream};

use super::font::{deref, get};
use crate::parser::decode::ocr::raster::Gray;

/// The pixels of a CCITT-coded image `w` × `h`, grey.
pub fn decode(doc: &Document, stream: &Stream, w: usize, h: usize) -> Result<Gray, String> {
    let params = params(doc, stream);
    let int = |key: &[u8], default: i64| {
        params
            .and_then(|p| get(doc, p, key))
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(default)
    };
    let flag = |key: &[u8], default: bool| {
        params
            .and_then(|p| get(doc, p, key))
            .and_then(|o| o.as_bool().ok())
            .unwrap_or(default)
    };
    let k = int(b"K", 0);
    let columns = u32::try_from(int(b"Columns", 1728)).unwrap_or(0);
    if columns as usize != w {
        return Err(format!(
            "CCITT 图像宽度不符：{columns} ≠ {w} (CCITT columns differ from the image width)"
        ));
    }
    let settings = DecodeSettings {
        columns,
        rows: h as u32,
        end_of_block: flag(b"EndOfBlock", true),
        end_of_line: flag(b"EndOfLine", false),
        rows_are_byte_aligned: flag(b"EncodedByteAlign", false),
        encoding: match k {
            k if k < 0 => EncodingMode::Group4,
            0 => EncodingMode::Group3_1D,
            _ => EncodingMode::Group3_2D,
        },
        strict: false,
    };
    let mut sink = Rows {
        width: w,
        height: h,
        black_is_1: flag(b"BlackIs1", false),
        pixels: Vec::with_capacity(w * h),
    };
    let mut ctx = DecoderContext::new(settings);
    // A damaged stream still gives the rows before the damage.
    let decoded = hayro_ccitt::decode(&stream.content, &mut sink, &mut ctx);
    let rows = sink.pixels.len() / w.max(1);
    if rows < h / 2 {
        return Err(match decoded {
            Err(e) => format!("CCITT 图像无法解码：{e:?} (CCITT image cannot be decoded)"),
            Ok(_) => "CCITT 图像数据不完整 (truncated CCITT image)".into(),
        });
    }
    // Rows missing at the end stay white.
    sink.pixels.resize(w * h, 255);
    Ok(Gray {
        width: w,
        height: h,
        pixels: sink.pixels,
    })
}

/// The stream's `DecodeParms` for its CCITT filter (the one, or the
/// matching entry of an array).
fn params<'a>(doc: &'a Document, stream: &'a Stream) -> Option<&'a Dictionary> {
    let filters = get(doc, &stream.dict, b"Filter");
    let index = match filters {
        Some(Object::Array(a)) => a
            .iter()
            .position(|f| deref(doc, f).as_name().ok() == Some(b"CCITTFaxDecode"))?,
        _ => 0,
    };
    match get(doc, &stream.dict, b"DecodeParms")? {
        Object::Dictionary(d) => Some(d),
        Object::Array(a) => a.get(index).and_then(|o| deref(doc, o).as_dict().ok()),
        _ => None,
    }
}

/// Decoded rows into grey: a black pixel is the filter's 0 bit (its 1 bit
/// with `BlackIs1`), and a 0 sample is dark.
struct Rows {
    width: usize,
    height: usize,
    black_is_1: bool,
    pixels: Vec<u8>,
}

impl Decoder for Rows {
    fn push_row(&mut self, changes: &[u32]) {
        if self.pixels.len() >= self.width * self.height {
            return;
        }
        let (black, white) = if self.black_is_1 { (255, 0) } else { (0, 255) };
        let start = self.pixels.len();
        self.pixels.resize(start + self.width, white);
        let row = &mut self.pixels[start..];
        // Runs from changes[0] to changes[1], changes[2] to changes[3], … are black.
        for pair in changes.chunks(2) {
            let from = (pair[0] as usize).min(self.width);
            let to = pair
                .get(1)
                .map_or(self.width, |&e| (e as usize).min(self.width));
            row[from..to.max(from)].fill(black);
        }
    }
}
