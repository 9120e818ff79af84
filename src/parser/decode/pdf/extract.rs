//! A PDF's pages → positioned glyphs and straight ruling segments, read by
//! our own pass over the content streams ([`super::interpret`]) with fonts
//! decoded once per document ([`super::font::FontCache`]).
//!
//! Coordinates are in the page as displayed (its `/Rotate` applied), top
//! down (y grows down the page), in points from the top-left corner of the
//! media box: the frame the layout code thinks in, and the frame of the
//! boxes written to a cell's provenance.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{FontCache, deref, get, num};
use super::interpret::{Frame, Interp};

/// A glyph's box on its page, top-down.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Top and bottom of the glyph's em box.
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
    /// The page (1-based) the glyph is on.
    pub page: u32,
    /// How far `top` and `bottom` were moved down to join a table continued
    /// from an earlier page; 0 otherwise. `top - shift` is on the page.
    pub shift: f64,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A horizontal or vertical ruling, top-down: `(a0, a1)` is its extent along
/// its own direction, `at` its position across it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub horizontal: bool,
    pub at: f64,
    pub a0: f64,
    pub a1: f64,
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub number: u32,
    pub height: f64,
    /// The page's width in points (for telling how much of it an image
    /// covers).
    pub width: f64,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Images drawn on the page (for OCR of pictured text).
    pub images: Vec<PlacedImage>,
}

/// An image XObject drawn on a page: its object and the rectangle it
/// covers, top-down page points `[x0, y0, x1, y1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedImage {
    pub id: ObjectId,
    pub rect: [f64; 4],
    /// How its pixels stand on the page as displayed (`/Rotate` and the
    /// drawing's own turns applied): see `images::Orientation`.
    pub orientation: super::images::Orientation,
}

/// Bounds on what one document may produce: a hostile file must end in an
/// error, not exhaust memory.
pub const MAX_GLYPHS: usize = 2_000_000;
pub const MAX_SEGMENTS: usize = 200_000;
/// Images remembered per page.
const MAX_IMAGES: usize = 256;

/// Lines tilted more than this are not table rules.
const STRAIGHT: f64 = 0.5;

/// A limit of [`MAX_GLYPHS`] or [`MAX_SEGMENTS`] was hit.
#[derive(Debug)]
pub struct Overflow;

/// What the content streams draw, page by page.
#[derive(Default)]
pub struct Collector {
    pub pages: Vec<Page>,
    glyphs: usize,
    segments: usize,
}

impl Collector {
    pub fn begin_page(&mut self, number: u32, height: f64) {
        self.pages.push(Page {
            number,
            height,
            ..Page::default()
        });
    }

    pub fn glyph(&mut self, g: Glyph) -> Result<(), Overflow> {
        if self.glyphs >= MAX_GLYPHS {
            return Err(Overflow);
        }
        self.glyphs += 1;
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(g);
        }
        Ok(())
    }

    /// An image drawn on the current page (a few hundred at most are kept).
    pub fn image(&mut self, image: PlacedImage) {
        if let Some(page) = self.pages.last_mut()
            && page.images.len() < MAX_IMAGES
        {
            page.images.push(image);
        }
    }

    /// A straight line between two page points; kept when horizontal or
    /// vertical.
    pub fn line(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> Result<(), Overflow> {
        if self.segments >= MAX_SEGMENTS {
            return Err(Overflow);
        }
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        let seg = if (y0 - y1).abs() <= STRAIGHT && (x0 - x1).abs() > STRAIGHT {
            Segment {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                a0: x0.min(x1),
                a1: x0.max(x1),
            }
        } else if (x0 - x1).abs() <= STRAIGHT && (y0 - y1).abs() > STRAIGHT {
            Segment {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                a0: y0.min(y1),
                a1: y0.max(y1),
            }
        } else {
            return Ok(());
        };
        self.segments += 1;
        if let Some(page) = self.pages.last_mut() {
            page.segments.push(seg);
        }
        Ok(())
    }
}

/// What reading the pages gave.
pub struct Extracted {
    pub pages: Vec<Page>,
    /// Pages that could not be read (a broken stream, a panic).
    pub failed: usize,
    /// A limit was hit: the document is refused.
    pub overflow: bool,
}

/// Page dictionaries inherit these from the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}

fn frame_of(doc: &Document, page: &Dictionary) -> Frame {
    let media: Vec<f64> = inherited(doc, page, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().filter_map(|o| num(deref(doc, o))).collect())
        .filter(|v: &Vec<f64>| v.len() == 4)
        .unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
    let rotate = inherited(doc, page, b"Rotate").and_then(num).unwrap_or(0.0);
    Frame::new(
        media[0].min(media[2]),
        media[1].min(media[3]),
        media[0].max(media[2]),
        media[1].max(media[3]),
        rotate,
    )
}

/// Reads every page; a page that fails loses that page only.
pub fn extract(doc: &Document, pages: &BTreeMap<u32, ObjectId>) -> Extracted {
    let mut out = Collector::default();
    let mut fonts = FontCache::default();
    let mut failed = 0usize;
    for (&number, &id) in pages {
        let Ok(page) = doc.get_dictionary(id) else {
            failed += 1;
            continue;
        };
        let frame = frame_of(doc, page);
        out.begin_page(number, frame.height());
        if let Some(p) = out.pages.last_mut() {
            p.width = frame.width();
        }
        let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let result = catch_unwind(AssertUnwindSafe(|| {
            let content = doc.get_page_content(id).unwrap_or_default();
            let mut interp = Interp::new(doc, &mut fonts, &mut out, frame, number);
            interp.run(&content, resources)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(Overflow)) => {
                return Extracted {
                    pages: out.pages,
                    failed,
                    overflow: true,
                };
            }
            // What the page gave before it failed is kept.
            Err(_) => failed += 1,
        }
    }
    Extracted {
        pages: out.pages,
        failed,
        overflow: false,
    }
}
