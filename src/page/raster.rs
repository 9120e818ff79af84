//! An image file (PNG, JPEG, TIFF) as one page: decoded once, scaled on
//! request. Its page units are its pixels.

use image::{DynamicImage, ImageReader, Limits};

use super::{MAX_IMAGE_SIDE, PageError, PageImage, PageSize};

pub struct RasterPage {
    image: DynamicImage,
    pub(super) size: PageSize,
}

impl RasterPage {
    pub fn open(bytes: &[u8]) -> Result<RasterPage, PageError> {
        let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| PageError::BadImage(e.to_string()))?;
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_IMAGE_SIDE);
        limits.max_image_height = Some(MAX_IMAGE_SIDE);
        limits.max_alloc = Some(1024 * 1024 * 1024);
        reader.limits(limits);
        let image = reader
            .decode()
            .map_err(|e| PageError::BadImage(e.to_string()))?;
        if image.width() == 0 || image.height() == 0 {
            return Err(PageError::BadImage("0×0".into()));
        }
        let size = PageSize {
            width: image.width() as f32,
            height: image.height() as f32,
        };
        Ok(RasterPage { image, size })
    }

    /// The image at `scale` (already capped): area-averaged when smaller,
    /// bilinear when larger.
    pub fn render(&self, scale: f32) -> PageImage {
        let w = ((self.size.width * scale).round() as u32).max(1);
        let h = ((self.size.height * scale).round() as u32).max(1);
        let scaled = if (w, h) == (self.image.width(), self.image.height()) {
            self.image.to_rgba8()
        } else if w < self.image.width() {
            self.image.thumbnail_exact(w, h).to_rgba8()
        } else {
            self.image
                .resize_exact(w, h, image::imageops::FilterType::Triangle)
                .to_rgba8()
        };
        let (width, height) = scaled.dimensions();
        let mut rgba = scaled.into_raw();
        // Transparent PNGs are shown on white paper.
        for px in rgba.chunks_exact_mut(4) {
            if px[3] != 255 {
                let a = u16::from(px[3]);
                for c in &mut px[..3] {
                    *c = ((u16::from(*c) * a + 255 * (255 - a)) / 255) as u8;
                }
                px[3] = 255;
            }
        }
        PageImage {
            width,
            height,
            rgba,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut img = image::RgbImage::from_pixel(w, h, image::Rgb([255, 255, 255]));
        for x in 10..30 {
            img.put_pixel(x, 5, image::Rgb([0, 0, 0]));
        }
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn an_image_is_one_page_in_its_pixels() {
        let page = RasterPage::open(&png(40, 20)).unwrap();
        assert_eq!(
            page.size,
            PageSize {
                width: 40.0,
                height: 20.0
            }
        );
        let same = page.render(1.0);
        assert_eq!(same.rgb(15, 5), Some([0, 0, 0]));
        assert_eq!(same.rgb(15, 6), Some([255, 255, 255]));
        let double = page.render(2.0);
        assert_eq!((double.width, double.height), (80, 40));
        let half = page.render(0.5);
        assert_eq!((half.width, half.height), (20, 10));
    }

    #[test]
    fn truncated_images_are_errors() {
        let bytes = png(40, 20);
        for cut in [8, 30, bytes.len() / 2] {
            assert!(RasterPage::open(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
