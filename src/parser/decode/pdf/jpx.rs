//! JPEG 2000 images (`JPXDecode`), which some scanning software writes:
//! decoded with hayro's decoder (`hayro-jpeg2000`, pure Rust) into grey
//! pixels for OCR. The codestream carries its own size and colour
//! components (the PDF's `ColorSpace` may be absent); grey, RGB and CMYK
//! are read, alpha ignored.

use hayro_jpeg2000::{DecodeSettings, DecoderContext, Image};

use crate::parser::decode::ocr::raster::{Gray, MAX_PIXELS};

/// The pixels of a JPEG 2000 image (a JP2 file or a bare codestream), grey.
pub fn decode(data: &[u8]) -> Result<Gray, String> {
    let bad = |e: &dyn std::fmt::Debug| {
        format!("JPEG 2000 图像无法解码：{e:?} (JPEG 2000 image cannot be decoded)")
    };
    let image = Image::new(data, &DecodeSettings::default()).map_err(|e| bad(&e))?;
    let (w, h) = (image.width() as usize, image.height() as usize);
    if (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!("{w}×{h} 像素过大 (image too large)"));
    }
    let colours = usize::from(image.color_space().num_channels());
    let alpha = usize::from(image.has_alpha());
    let mut ctx = DecoderContext::default();
    let decoded = image.decode(&mut ctx).map_err(|e| bad(&e))?;
    let samples = decoded.data_u8();
    let stride = colours + alpha;
    if stride == 0 || samples.len() < w * h * stride {
        return Err("JPEG 2000 图像数据不完整 (truncated JPEG 2000 image)".into());
    }
    let pixels = samples[..w * h * stride]
        .chunks_exact(stride)
        .map(|px| match colours {
            3 => {
                ((u32::from(px[0]) * 299 + u32::from(px[1]) * 587 + u32::from(px[2]) * 114) / 1000)
                    as u8
            }
            // CMYK: darkness is the sum of the inks.
            4 => 255u32.saturating_sub(
                (u32::from(px[0]) + u32::from(px[1]) + u32::from(px[2])) / 3 + u32::from(px[3]),
            ) as u8,
            _ => px[0],
        })
        .collect();
    Ok(Gray {
        width: w,
        height: h,
        pixels,
    })
}
