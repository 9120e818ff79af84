//! PDF pages through hayro, and the map from the parser's page frame to
//! hayro's.
//!
//! The parser places a value in the page as displayed measured from the
//! media box (`parser/decode/pdf/interpret.rs`, `Frame`); hayro draws the
//! crop box. A page whose crop box is smaller than its media box shifts
//! every box, so each page keeps the full transform: the parser's frame →
//! PDF user space → hayro's rendered frame.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::page::{Page, Rotation};
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use super::{PageError, PageImage, PageSize};

/// An opened PDF: its pages' sizes and box maps, and the document hayro
/// draws from.
pub struct PdfPages {
    pdf: Pdf,
    pub(super) sizes: Vec<PageSize>,
    /// Per page: the parser's frame → the rendered page at scale 1.
    placement: Vec<Affine>,
    settings: InterpreterSettings,
}

impl PdfPages {
    pub fn open(bytes: Vec<u8>) -> Result<PdfPages, PageError> {
        let bytes = super::unembedded::rewrite(&bytes).unwrap_or(bytes);
        let pdf = Pdf::new(bytes).map_err(|e| match e {
            LoadPdfError::Decryption(_) => PageError::Encrypted,
            LoadPdfError::Invalid => PageError::BadPdf,
        })?;
        let pages = pdf.pages();
        if pages.is_empty() {
            return Err(PageError::NoPages);
        }
        let sizes = pages
            .iter()
            .map(|p| {
                let (width, height) = p.render_dimensions();
                PageSize { width, height }
            })
            .collect();
        let placement = pages.iter().map(placement).collect();
        Ok(PdfPages {
            pdf,
            sizes,
            placement,
            settings: InterpreterSettings {
                font_resolver: super::fonts::resolver(),
                ..Default::default()
            },
        })
    }

    /// Draws page `index` at `scale` (already capped) on white.
    pub fn render(&self, index: usize, scale: f32) -> Result<PageImage, PageError> {
        let cache = RenderCache::new();
        self.render_with(&cache, index, scale)
    }

    /// As [`render`](Self::render), with hayro's font and glyph caches kept
    /// by the caller across pages of this document.
    pub fn render_with<'a>(
        &'a self,
        cache: &RenderCache<'a>,
        index: usize,
        scale: f32,
    ) -> Result<PageImage, PageError> {
        let page = self.pdf.pages().get(index).ok_or(PageError::NoSuchPage {
            page: index + 1,
            count: self.sizes.len(),
        })?;
        let pixmap = hayro::render(
            page,
            cache,
            &self.settings,
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Drawn on opaque white: premultiplied and straight alpha agree.
        let rgba = pixmap.data_as_u8_slice().to_vec();
        Ok(PageImage {
            width,
            height,
            rgba,
        })
    }

    /// Per page: the parser's box frame → the rendered page at scale 1.
    pub fn placements(&self) -> Vec<super::layout::Placement> {
        self.placement.iter().map(|m| m.as_coeffs()).collect()
    }
}

/// Clockwise quarter turns of the page's `/Rotate`.
fn quarter_turns(page: &Page<'_>) -> u8 {
    match page.rotation() {
        Rotation::None => 0,
        Rotation::Horizontal => 1,
        Rotation::Flipped => 2,
        Rotation::FlippedHorizontal => 3,
    }
}

/// The parser's frame (top-left of the displayed media box, y down) →
/// hayro's rendered frame at scale 1: the inverse of the parser's
/// `Frame::point`, then hayro's own initial transform.
fn placement(page: &Page<'_>) -> Affine {
    let media = page.media_box();
    let (llx, lly) = (media.x0.min(media.x1), media.y0.min(media.y1));
    let (urx, ury) = (media.x0.max(media.x1), media.y0.max(media.y1));
    // Affine coefficients [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
    let to_user = match quarter_turns(page) {
        0 => Affine::new([1.0, 0.0, 0.0, -1.0, llx, ury]),
        1 => Affine::new([0.0, 1.0, 1.0, 0.0, llx, lly]),
        2 => Affine::new([-1.0, 0.0, 0.0, 1.0, urx, lly]),
        _ => Affine::new([0.0, -1.0, -1.0, 0.0, urx, ury]),
    };
    page.initial_transform(true).to_kurbo() * to_user
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::decode::pdf::interpret::Frame;
    use lopdf::{Document, Object, Stream, dictionary};

    /// A one-page PDF with a black square at user-space `(x, y)` (lower
    /// left), size `s`, on a page with the given boxes and rotation.
    fn square_pdf(
        media: [f64; 4],
        crop: Option<[f64; 4]>,
        rotate: i64,
        x: f64,
        y: f64,
        s: f64,
    ) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let content = format!("0 0 0 rg {x} {y} {s} {s} re f");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let pages_id = doc.new_object_id();
        let arr = |b: [f64; 4]| Object::Array(b.iter().map(|v| Object::Real(*v as f32)).collect());
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => arr(media),
            "Contents" => content_id,
            "Rotate" => rotate,
        };
        if let Some(c) = crop {
            page.set("CropBox", arr(c));
        }
        let page_id = doc.add_object(page);
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// The dark pixels' bounding box.
    fn ink(img: &PageImage) -> [u32; 4] {
        let mut b = [u32::MAX, u32::MAX, 0, 0];
        for y in 0..img.height {
            for x in 0..img.width {
                if img.rgb(x, y).unwrap()[0] < 128 {
                    b = [b[0].min(x), b[1].min(y), b[2].max(x + 1), b[3].max(y + 1)];
                }
            }
        }
        b
    }

    /// Whatever the rotation and crop box, the box the parser computes for
    /// a mark lands on the mark in hayro's image.
    #[test]
    fn parser_boxes_land_on_the_rendered_marks() {
        let media = [0.0, 0.0, 300.0, 400.0];
        for crop in [None, Some([20.0, 30.0, 280.0, 390.0])] {
            for rotate in [0, 90, 180, 270] {
                let (x, y, s) = (60.0, 250.0, 40.0);
                let pages = PdfPages::open(square_pdf(media, crop, rotate, x, y, s)).unwrap();
                let frame = Frame::new(media[0], media[1], media[2], media[3], rotate as f64);
                let (ax, ay) = frame.point(x, y);
                let (bx, by) = frame.point(x + s, y + s);
                let bbox = [ax.min(bx), ay.min(by), ax.max(bx), ay.max(by)];
                let layout = super::super::DocLayout {
                    sizes: pages.sizes.clone(),
                    placements: pages.placements(),
                };
                let (_, placed) = layout
                    .place(&crate::model::PdfBox { page: 1, bbox })
                    .unwrap();
                let img = pages.render(0, 1.0).unwrap();
                let got = ink(&img);
                for (p, g) in placed.iter().zip(got) {
                    assert!(
                        (p - g as f32).abs() <= 1.0,
                        "rotate {rotate} crop {crop:?}: placed {placed:?}, drawn {got:?}"
                    );
                }
                let size = pages.sizes[0];
                assert_eq!(
                    (img.width, img.height),
                    (size.width as u32, size.height as u32)
                );
            }
        }
    }

    #[test]
    fn garbage_and_truncated_pdfs_are_errors() {
        assert!(PdfPages::open(b"%PDF-1.7\n garbage".to_vec()).is_err());
        let good = square_pdf([0.0, 0.0, 200.0, 200.0], None, 0, 10.0, 10.0, 20.0);
        for cut in [10, good.len() / 3, good.len() / 2, good.len() - 30] {
            // Truncated files either open (hayro repairs what it can) or are
            // an error; rendering them never panics.
            if let Ok(p) = PdfPages::open(good[..cut].to_vec()) {
                for i in 0..p.sizes.len() {
                    let _ = super::super::guarded(|| p.render(i, 1.0));
                }
            }
        }
    }
}
