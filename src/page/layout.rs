//! A document's pages as plain data, for the window: how large each page
//! is and where the parser's boxes stand on it. The worker sends it when a
//! file is opened; the view lays pages out and draws boxes from it alone.

use crate::model::PdfBox;

use super::{PageRect, PageSize};

/// Affine coefficients `[a, b, c, d, e, f]`: `x' = a·x + c·y + e`,
/// `y' = b·x + d·y + f`.
pub type Placement = [f64; 6];

/// The identity: boxes already in the page's own units.
pub const SAME_PLACE: Placement = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone, Debug, PartialEq)]
pub struct DocLayout {
    /// Every page as displayed, in document order.
    pub sizes: Vec<PageSize>,
    /// Per page: the parser's box frame → the rendered page's units.
    pub placements: Vec<Placement>,
}

impl DocLayout {
    /// Pages whose boxes are in their own units (image files, tests).
    pub fn plain(sizes: Vec<PageSize>) -> DocLayout {
        let placements = vec![SAME_PLACE; sizes.len()];
        DocLayout { sizes, placements }
    }

    pub fn page_count(&self) -> usize {
        self.sizes.len()
    }

    /// Where a parser box stands on its page (0-based page index and the
    /// rectangle in page units); `None` for a page the document lacks or a
    /// box that is not finite.
    pub fn place(&self, b: &PdfBox) -> Option<(usize, PageRect)> {
        let index = (b.page as usize).checked_sub(1)?;
        let [a, bb, c, d, e, f] = *self.placements.get(index)?;
        if b.bbox.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let [x0, y0, x1, y1] = b.bbox;
        let corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
            .map(|(x, y)| (a * x + c * y + e, bb * x + d * y + f));
        let xs = corners.map(|p| p.0);
        let ys = corners.map(|p| p.1);
        let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
        let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
        let rect = [min(xs), min(ys), max(xs), max(ys)];
        Some((index, rect.map(|v| v as f32)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_map_through_their_page() {
        let size = PageSize {
            width: 100.0,
            height: 200.0,
        };
        let mut layout = DocLayout::plain(vec![size, size]);
        // Page 2 shifted by a crop box 10 points in and 5 down.
        layout.placements[1] = [1.0, 0.0, 0.0, 1.0, -10.0, -5.0];
        let b = PdfBox::new(2, 20.0, 30.0, 40.0, 50.0);
        assert_eq!(layout.place(&b), Some((1, [10.0, 25.0, 30.0, 45.0])));
        assert_eq!(layout.place(&PdfBox::new(3, 0.0, 0.0, 1.0, 1.0)), None);
        assert_eq!(layout.place(&PdfBox::new(0, 0.0, 0.0, 1.0, 1.0)), None);
        assert_eq!(layout.place(&PdfBox::new(1, f64::NAN, 0.0, 1.0, 1.0)), None);
    }
}
