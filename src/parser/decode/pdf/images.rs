//! Pages whose text is a picture: which images on a page to read by OCR,
//! and their pixels, turned upright as the page is displayed (a page with
//! `/Rotate 90`, or an image drawn turned, is read the way a person sees
//! it). Scanners and "print to PDF" of scans store each page as one JPEG
//! (DCTDecode) or as deflated samples (FlateDecode); both are decoded
//! here, black-and-white fax images (CCITTFaxDecode) in `ccitt`, JBIG2
//! (JBIG2Decode) in `jbig2` and JPEG 2000 (JPXDecode) in `jpx`. Those
//! behind a further filter are not, and say so, naming the filter.

use lopdf::{Document, Object, Stream};

use super::extract::{Page, PlacedImage};
use super::font::{deref, get};
use crate::parser::decode::ocr::raster::{Gray, MAX_PIXELS, decode_image};

/// An image smaller than this share of its page is a logo, a seal or a
/// signature, not text to read.
const MIN_SHARE: f64 = 0.12;
/// Too few pixels to hold readable text.
const MIN_PIXELS: u64 = 200 * 100;
/// Text over an image is its text layer (a scan made searchable) when
/// there is at least this much of it; less is a heading or a page number
/// written over a pictured table, which is still read from its picture.
const LAYER_GLYPHS: usize = 40;
/// … or when its glyphs cover at least this share of the image.
const LAYER_SHARE: f64 = 0.05;

/// How an image's pixels stand on the displayed page: clockwise quarter
/// turns that bring its first row to run left to right along the top,
/// then whether its rows run up the page (drawn mirrored).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Orientation {
    pub quarter_turns: u8,
    pub mirrored: bool,
}

impl Orientation {
    /// From where the image's first pixel, the end of its first row and
    /// the start of its last row land on the displayed page (top-down).
    pub fn of(first: (f64, f64), row_end: (f64, f64), last_row: (f64, f64)) -> Orientation {
        let across = (row_end.0 - first.0, row_end.1 - first.1);
        let down = (last_row.0 - first.0, last_row.1 - first.1);
        let quarter_turns = if across.0.abs() >= across.1.abs() {
            if across.0 >= 0.0 { 0 } else { 2 }
        } else if across.1 > 0.0 {
            1
        } else {
            3
        };
        // Upright (across right, down down) has a positive cross product
        // in top-down coordinates; turning keeps its sign, a mirror flips it.
        let cross = across.0 * down.1 - across.1 * down.0;
        Orientation {
            quarter_turns,
            mirrored: cross < 0.0,
        }
    }

    /// The pixels as they are seen on the page.
    pub fn upright(self, g: Gray) -> Gray {
        let mut g = match self.quarter_turns % 4 {
            0 => g,
            turns => turn(&g, turns),
        };
        if self.mirrored {
            flip_rows(&mut g);
        }
        g
    }
}

/// `g` turned clockwise by `turns` quarter turns (1–3).
fn turn(g: &Gray, turns: u8) -> Gray {
    let (w, h) = (g.width, g.height);
    let (nw, nh) = if turns == 2 { (w, h) } else { (h, w) };
    let mut pixels = vec![255u8; w * h];
    for y in 0..nh {
        for x in 0..nw {
            // The source pixel each target pixel comes from.
            let (sx, sy) = match turns {
                1 => (y, h - 1 - x),
                2 => (w - 1 - x, h - 1 - y),
                _ => (w - 1 - y, x),
            };
            pixels[y * nw + x] = g.pixels[sy * w + sx];
        }
    }
    Gray {
        width: nw,
        height: nh,
        pixels,
    }
}

/// The rows in reverse order (an image drawn upside down in a mirror).
fn flip_rows(g: &mut Gray) {
    let w = g.width;
    for y in 0..g.height / 2 {
        let (top, bottom) = g.pixels.split_at_mut((g.height - 1 - y) * w);
        top[y * w..y * w + w].swap_with_slice(&mut bottom[..w]);
    }
}

/// The images of `page` to read: large ones with no text layer over them
/// (a scan under an invisible OCR layer is read from that layer, as
/// now). A few glyphs over a picture (a heading, a page number written
/// on it) are no text layer: the picture is read.
pub fn to_read(page: &Page, page_width: f64) -> Vec<PlacedImage> {
    let area = (page_width * page.height).max(1.0);
    page.images
        .iter()
        .filter(|im| {
            let [x0, y0, x1, y1] = im.rect;
            let image_area = ((x1 - x0) * (y1 - y0)).max(1.0);
            let over: Vec<_> = page
                .glyphs
                .iter()
                .filter(|g| {
                    let (x, y) = (g.cx(), g.cy());
                    x0 <= x && x <= x1 && y0 <= y && y <= y1
                })
                .collect();
            let inked: f64 = over
                .iter()
                .map(|g| (g.x1 - g.x0).abs() * (g.bottom - g.top).abs())
                .sum();
            let layer = over.len() >= LAYER_GLYPHS || inked / image_area >= LAYER_SHARE;
            image_area / area >= MIN_SHARE && !layer
        })
        .copied()
        .collect()
}

/// The pixels of an image XObject, grey, upright as the page shows them.
pub fn decode(doc: &Document, image: &PlacedImage) -> Result<Gray, String> {
    stored(doc, image).map(|g| image.orientation.upright(g))
}

/// The pixels as the file stores them.
fn stored(doc: &Document, image: &PlacedImage) -> Result<Gray, String> {
    let stream = doc
        .get_object(image.id)
        .and_then(Object::as_stream)
        .map_err(|e| e.to_string())?;
    let dict = &stream.dict;
    let num = |key: &[u8]| get(doc, dict, key).and_then(|o| o.as_i64().ok());
    let (w, h) = (num(b"Width").unwrap_or(0), num(b"Height").unwrap_or(0));
    if w <= 0 || h <= 0 || (w as u64) * (h as u64) < MIN_PIXELS {
        return Err("图像过小 (image too small)".into());
    }
    if (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!("{w}×{h} 像素过大 (image too large)"));
    }
    let filters = filters(doc, stream);
    match filters.last().map(Vec::as_slice) {
        Some(b"DCTDecode") if filters.len() == 1 => {
            let mut pages = decode_image(&stream.content)?;
            pages.pop().ok_or_else(|| "JPEG 无内容 (empty JPEG)".into())
        }
        Some(b"CCITTFaxDecode") if filters.len() == 1 => {
            super::ccitt::decode(doc, stream, w as usize, h as usize)
        }
        Some(b"JPXDecode") if filters.len() == 1 => super::jpx::decode(&stream.content),
        Some(b"JBIG2Decode") if filters.len() == 1 => super::jbig2::decode(doc, stream),
        Some(b"JBIG2Decode" | b"CCITTFaxDecode" | b"JPXDecode" | b"DCTDecode") => Err(format!(
            "{} 图像暂不支持 (image compression not supported)",
            String::from_utf8_lossy(filters.last().map_or(&[][..], Vec::as_slice))
        )),
        _ => samples(doc, stream, w as usize, h as usize),
    }
}

/// The stream's filter names, in order.
fn filters(doc: &Document, stream: &Stream) -> Vec<Vec<u8>> {
    match get(doc, &stream.dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// Raw samples (deflated or not): 8-bit grey, RGB or CMYK, or 1-bit.
fn samples(doc: &Document, stream: &Stream, w: usize, h: usize) -> Result<Gray, String> {
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let dict = &stream.dict;
    let bits = get(doc, dict, b"BitsPerComponent")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(8);
    let is_mask = get(doc, dict, b"ImageMask")
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false);
    let components = if is_mask {
        1
    } else {
        components(doc, get(doc, dict, b"ColorSpace"))?
    };
    let mut pixels = Vec::with_capacity(w * h);
    match bits {
        8 => {
            let stride = w * components;
            if data.len() < stride * h {
                return Err("图像数据不完整 (truncated image)".into());
            }
            for px in data[..stride * h].chunks_exact(components) {
                pixels.push(match components {
                    1 => px[0],
                    3 => {
                        ((u32::from(px[0]) * 299 + u32::from(px[1]) * 587 + u32::from(px[2]) * 114)
                            / 1000) as u8
                    }
                    // CMYK: darkness is the sum of the inks.
                    _ => 255u32.saturating_sub(
                        (u32::from(px[0]) + u32::from(px[1]) + u32::from(px[2])) / 3
                            + u32::from(px[3]),
                    ) as u8,
                });
            }
        }
        1 if components == 1 => {
            let stride = w.div_ceil(8);
            if data.len() < stride * h {
                return Err("图像数据不完整 (truncated image)".into());
            }
            // An image mask paints its 0 samples (with the default Decode);
            // a 1-bit grey image has 0 black.
            for y in 0..h {
                for x in 0..w {
                    let bit = data[y * stride + x / 8] & (0x80 >> (x % 8)) != 0;
                    pixels.push(if bit { 255 } else { 0 });
                }
            }
        }
        _ => return Err(format!("{bits} 位图像暂不支持 (unsupported sample depth)")),
    }
    Ok(Gray {
        width: w,
        height: h,
        pixels,
    })
}

/// Colour components of a colour space: grey 1, RGB 3, CMYK 4, an ICC
/// profile its `N`. Indexed and other spaces are refused.
fn components(doc: &Document, space: Option<&Object>) -> Result<usize, String> {
    let Some(space) = space else { return Ok(1) };
    match space {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Ok(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Ok(3),
            b"DeviceCMYK" | b"CMYK" => Ok(4),
            other => Err(format!(
                "颜色空间 {} 暂不支持 (unsupported colour space)",
                String::from_utf8_lossy(other)
            )),
        },
        Object::Array(a) => {
            let kind = a
                .first()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_name().ok());
            match kind {
                Some(b"ICCBased") => {
                    let n = a
                        .get(1)
                        .map(|o| deref(doc, o))
                        .and_then(|o| o.as_stream().ok())
                        .and_then(|s| get(doc, &s.dict, b"N"))
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(3);
                    match n {
                        1 | 3 | 4 => Ok(n as usize),
                        _ => Err("ICC 颜色空间有误 (bad ICC colour space)".into()),
                    }
                }
                Some(b"CalGray") => Ok(1),
                Some(b"CalRGB") => Ok(3),
                _ => Err("颜色空间暂不支持 (unsupported colour space)".into()),
            }
        }
        _ => Err("颜色空间有误 (bad colour space)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3 × 2 image with every pixel its own value.
    fn numbered() -> Gray {
        Gray {
            width: 3,
            height: 2,
            pixels: vec![1, 2, 3, 4, 5, 6],
        }
    }

    #[test]
    fn quarter_turns_move_pixels_clockwise() {
        let g = numbered();
        // 1 2 3      4 1
        // 4 5 6  →   5 2
        //            6 3
        let once = turn(&g, 1);
        assert_eq!((once.width, once.height), (2, 3));
        assert_eq!(once.pixels, vec![4, 1, 5, 2, 6, 3]);
        assert_eq!(turn(&g, 2).pixels, vec![6, 5, 4, 3, 2, 1]);
        assert_eq!(turn(&g, 3).pixels, vec![3, 6, 2, 5, 1, 4]);
        assert_eq!(turn(&turn(&g, 1), 3).pixels, g.pixels);
        let mut f = numbered();
        flip_rows(&mut f);
        assert_eq!(f.pixels, vec![4, 5, 6, 1, 2, 3]);
    }

    #[test]
    fn orientation_is_told_by_where_the_first_row_lands() {
        let upright = Orientation::of((0.0, 0.0), (10.0, 0.0), (0.0, 5.0));
        assert_eq!(upright, Orientation::default());
        // The first row running down the page: drawn a quarter turn clockwise.
        let quarter = Orientation::of((10.0, 0.0), (10.0, 10.0), (5.0, 0.0));
        assert_eq!(
            quarter,
            Orientation {
                quarter_turns: 1,
                mirrored: false
            }
        );
        assert_eq!(
            Orientation::of((10.0, 10.0), (0.0, 10.0), (10.0, 5.0)).quarter_turns,
            2
        );
        assert_eq!(
            Orientation::of((0.0, 10.0), (0.0, 0.0), (5.0, 10.0)).quarter_turns,
            3
        );
        // Drawn with its rows going up (a negative height): mirrored.
        let flipped = Orientation::of((0.0, 5.0), (10.0, 5.0), (0.0, 0.0));
        assert_eq!(
            flipped,
            Orientation {
                quarter_turns: 0,
                mirrored: true
            }
        );
        assert_eq!(flipped.upright(numbered()).pixels, vec![4, 5, 6, 1, 2, 3]);
    }
}
