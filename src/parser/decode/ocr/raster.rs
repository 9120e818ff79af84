//! Page images as plain pixel data: a greyscale image, its ink mask, and
//! the rotation that deskew applies. Decoding files (PNG, JPEG, TIFF) into
//! [`Gray`] is the only place that touches the `image` crate.

use std::io::Cursor;

/// No report page needs more: an A4 page at 600 dpi is 5,000 × 7,000.
/// Bigger images are refused rather than allocated.
pub const MAX_PIXELS: u64 = 60_000_000;

/// An 8-bit greyscale image, row by row; 0 is black, 255 white.
#[derive(Clone, Debug, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Gray {
    /// A white image.
    pub fn blank(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![255; width * height],
        }
    }

    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// The rectangle `x0..x1, y0..y1`, clipped to the image.
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::blank(x1 - x0, y1 - y0);
        for y in y0..y1 {
            let src = &self.pixels[y * self.width + x0..y * self.width + x1];
            out.pixels[(y - y0) * out.width..(y - y0 + 1) * out.width].copy_from_slice(src);
        }
        out
    }

    /// Copies `other` into this image with its top-left corner at `(x, y)`,
    /// clipped.
    pub fn paste(&mut self, other: &Gray, x: usize, y: usize) {
        for row in 0..other.height {
            let ty = y + row;
            if ty >= self.height || x >= self.width {
                break;
            }
            let n = other.width.min(self.width - x);
            let dst = ty * self.width + x;
            self.pixels[dst..dst + n].copy_from_slice(&other.pixels[row * other.width..][..n]);
        }
    }

    /// Paints the rectangle white (a table already read, before the page's
    /// free text is read).
    pub fn whiten(&mut self, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0.min(self.height)..y1.min(self.height) {
            let row = &mut self.pixels[y * self.width..(y + 1) * self.width];
            row[x0.min(self.width)..x1.min(self.width)].fill(255);
        }
    }

    /// Scaled by an integer factor (pixel repetition smoothed by a box
    /// filter would blur; Tesseract reads small digits better enlarged
    /// with bilinear interpolation).
    pub fn scaled(&self, factor: f64) -> Gray {
        let w = ((self.width as f64 * factor).round() as usize).max(1);
        let h = ((self.height as f64 * factor).round() as usize).max(1);
        let mut out = Gray::blank(w, h);
        for y in 0..h {
            let sy = ((y as f64 + 0.5) / factor - 0.5).max(0.0);
            for x in 0..w {
                let sx = ((x as f64 + 0.5) / factor - 0.5).max(0.0);
                out.pixels[y * w + x] = self.bilinear(sx, sy).unwrap_or(255);
            }
        }
        out
    }

    /// The value at a fractional position, `None` outside the image.
    pub fn bilinear(&self, x: f64, y: f64) -> Option<u8> {
        if !(x >= 0.0 && y >= 0.0) || x > (self.width - 1) as f64 || y > (self.height - 1) as f64 {
            return None;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - x0 as f64, y - y0 as f64);
        let p = |x, y| f64::from(self.get(x, y));
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        Some((top * (1.0 - fy) + bottom * fy).round() as u8)
    }

    /// Rotated by `degrees` (counter-clockwise as shown) about the centre,
    /// the same size, uncovered corners white.
    pub fn rotated(&self, degrees: f64) -> Gray {
        if degrees == 0.0 || self.width == 0 || self.height == 0 {
            return self.clone();
        }
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f64 / 2.0, self.height as f64 / 2.0);
        let mut out = Gray::blank(self.width, self.height);
        for y in 0..self.height {
            let dy = y as f64 - cy;
            for x in 0..self.width {
                let dx = x as f64 - cx;
                // The source of output pixel (x, y): the inverse rotation.
                let sx = c * dx - s * dy + cx;
                let sy = s * dx + c * dy + cy;
                if let Some(v) = self.bilinear(sx, sy) {
                    out.pixels[y * self.width + x] = v;
                }
            }
        }
        out
    }

    /// The image as a binary PGM file (what Tesseract reads from stdin
    /// without any encoder).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }
}

/// The image with its paper made white: each pixel divided by the paper's
/// brightness around it (the 90th percentile of its block, interpolated
/// between blocks). Grey, unevenly lit scans become black on white, so
/// the engine's own global threshold works on crops and on a page with
/// parts whitened.
pub fn flatten(img: &Gray, block: usize) -> Gray {
    let block = block.max(8);
    let (bw, bh) = (
        img.width.div_ceil(block).max(1),
        img.height.div_ceil(block).max(1),
    );
    let mut paper = vec![255f64; bw * bh];
    for by in 0..bh {
        for bx in 0..bw {
            let mut hist = [0u32; 256];
            let mut n = 0u32;
            for y in by * block..((by + 1) * block).min(img.height) {
                for x in bx * block..((bx + 1) * block).min(img.width) {
                    hist[img.get(x, y) as usize] += 1;
                    n += 1;
                }
            }
            let mut seen = 0u32;
            for (v, &c) in hist.iter().enumerate() {
                seen += c;
                if seen * 10 >= n * 9 {
                    // A block that is mostly ink (a solid shape) says
                    // nothing of the paper; the floor keeps it from
                    // turning dark grey into white.
                    paper[by * bw + bx] = (v as f64).max(96.0);
                    break;
                }
            }
        }
    }
    let mut out = Gray::blank(img.width, img.height);
    let half = block as f64 / 2.0;
    for y in 0..img.height {
        let fy = ((y as f64 - half) / block as f64).clamp(0.0, (bh - 1) as f64);
        let (y0, ty) = (fy.floor() as usize, fy - fy.floor());
        let y1 = (y0 + 1).min(bh - 1);
        for x in 0..img.width {
            let fx = ((x as f64 - half) / block as f64).clamp(0.0, (bw - 1) as f64);
            let (x0, tx) = (fx.floor() as usize, fx - fx.floor());
            let x1 = (x0 + 1).min(bw - 1);
            let p = |bx: usize, by: usize| paper[by * bw + bx];
            let bg = (p(x0, y0) * (1.0 - tx) + p(x1, y0) * tx) * (1.0 - ty)
                + (p(x0, y1) * (1.0 - tx) + p(x1, y1) * tx) * ty;
            let v = f64::from(img.get(x, y)) * 255.0 / bg.max(1.0);
            out.pixels[y * img.width + x] = v.min(255.0) as u8;
        }
    }
    out
}

/// Where ink is: `true` for a dark pixel, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub dark: Vec<bool>,
}

impl Ink {
    pub fn at(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }
}

/// Ink by a local threshold: a pixel is ink when it is clearly darker than
/// the mean of its neighbourhood (`window` pixels square). Scans and phone
/// photos have grey, unevenly lit paper, so one global threshold would
/// lose faint ink on the dark side of the page and flood the other.
pub fn binarize(img: &Gray, window: usize) -> Ink {
    let (w, h) = (img.width, img.height);
    // Summed-area table, one row and column of zeros in front.
    let mut sum = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(img.get(x, y));
            sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
        }
    }
    let half = (window / 2).max(1);
    let mut dark = vec![false; w * h];
    for y in 0..h {
        let (ya, yb) = (y.saturating_sub(half), (y + half + 1).min(h));
        for x in 0..w {
            let (xa, xb) = (x.saturating_sub(half), (x + half + 1).min(w));
            let area = ((yb - ya) * (xb - xa)) as u64;
            let total = sum[yb * (w + 1) + xb] + sum[ya * (w + 1) + xa]
                - sum[ya * (w + 1) + xb]
                - sum[yb * (w + 1) + xa];
            let mean = total as f64 / area as f64;
            let v = f64::from(img.get(x, y));
            // Darker than the neighbourhood by a margin that grows with the
            // paper's brightness: sensor noise on grey paper stays paper.
            dark[y * w + x] = v < mean - (12.0 + mean * 0.08) && v < 200.0;
        }
    }
    Ink {
        width: w,
        height: h,
        dark,
    }
}

/// A decoded image file, or why not.
/// TIFF files give every page; PNG and JPEG one.
pub fn decode_image(bytes: &[u8]) -> Result<Vec<Gray>, String> {
    let format = image::guess_format(bytes).map_err(|e| e.to_string())?;
    if format == image::ImageFormat::Tiff {
        return decode_tiff(bytes);
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| e.to_string())?;
    Ok(vec![from_dynamic(img)?])
}

fn from_dynamic(img: image::DynamicImage) -> Result<Gray, String> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!("{w}×{h} 像素过大 (image too large)"));
    }
    let luma = img.into_luma8();
    Ok(Gray {
        width: w,
        height: h,
        pixels: luma.into_raw(),
    })
}

/// Every page of a TIFF file (scanners write a report as one multi-page
/// TIFF): 8-bit grey, grey with alpha, RGB, RGBA and 1-bit (fax) pages.
fn decode_tiff(bytes: &[u8]) -> Result<Vec<Gray>, String> {
    use tiff::ColorType;
    use tiff::decoder::{Decoder, DecodingResult};
    let err = |e: tiff::TiffError| e.to_string();
    let mut decoder = Decoder::new(Cursor::new(bytes)).map_err(err)?;
    let mut pages = Vec::new();
    loop {
        let (w, h) = decoder.dimensions().map_err(err)?;
        let (w, h) = (w as usize, h as usize);
        if (w as u64) * (h as u64) > MAX_PIXELS {
            return Err(format!("{w}×{h} 像素过大 (image too large)"));
        }
        let color = decoder.colortype().map_err(err)?;
        let DecodingResult::U8(buf) = decoder.read_image().map_err(err)? else {
            return Err(format!("TIFF {color:?} 不支持 (unsupported TIFF samples)"));
        };
        let channels = match color {
            ColorType::Gray(8) => 1,
            ColorType::GrayA(8) => 2,
            ColorType::RGB(8) => 3,
            ColorType::RGBA(8) => 4,
            ColorType::Gray(1) => 0,
            other => return Err(format!("TIFF {other:?} 不支持 (unsupported TIFF colours)")),
        };
        let pixels: Vec<u8> = if channels == 0 {
            // One bit a pixel, rows padded to whole bytes, 0 is black
            // (the decoder has already applied WhiteIsZero).
            let stride = w.div_ceil(8);
            (0..h)
                .flat_map(|y| (0..w).map(move |x| (y, x)))
                .map(|(y, x)| {
                    let byte = buf.get(y * stride + x / 8).copied().unwrap_or(0xFF);
                    if byte & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                })
                .collect()
        } else {
            buf.chunks_exact(channels)
                .map(|p| match channels {
                    1 | 2 => p[0],
                    _ => {
                        ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114)
                            / 1000) as u8
                    }
                })
                .collect()
        };
        if pixels.len() != w * h {
            return Err("TIFF 数据不完整 (truncated TIFF)".into());
        }
        pages.push(Gray {
            width: w,
            height: h,
            pixels,
        });
        if !decoder.more_images() || pages.len() >= MAX_IMAGE_PAGES {
            break;
        }
        decoder.next_image().map_err(err)?;
    }
    Ok(pages)
}

/// Pages of one image file, at most.
pub const MAX_IMAGE_PAGES: usize = 200;

/// The resolution an image file declares (PNG `pHYs`, JPEG JFIF density),
/// when plausible for a scan; else, for a page shaped like A4, the
/// resolution that makes it A4 wide.
pub fn image_dpi(bytes: &[u8]) -> Option<f64> {
    declared_dpi(bytes)
        .filter(|d| (100.0..=1200.0).contains(d))
        .or_else(|| {
            let pages = image::ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .ok()?
                .into_dimensions()
                .ok()?;
            let (w, h) = (f64::from(pages.0), f64::from(pages.1));
            let a4 = 297.0 / 210.0;
            ((h / w - a4).abs() / a4 < 0.05).then(|| w / (210.0 / 25.4))
        })
}

fn declared_dpi(bytes: &[u8]) -> Option<f64> {
    if bytes.starts_with(b"\x89PNG") {
        let at = memchr::memmem::find(bytes, b"pHYs")?;
        let d = bytes.get(at + 4..at + 13)?;
        let ppu = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
        return (d[8] == 1).then_some(f64::from(ppu) * 0.0254);
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let at = memchr::memmem::find(&bytes[..bytes.len().min(64)], b"JFIF\0")?;
        let d = bytes.get(at + 7..at + 12)?;
        let x = f64::from(u16::from_be_bytes([d[1], d[2]]));
        return match d[0] {
            1 => Some(x),
            2 => Some(x * 2.54),
            _ => None,
        };
    }
    None
}
