//! The page view (原件) as plain data: which tab the source pane shows,
//! the zoom, the page, where to scroll, and the geometry of pages laid out
//! one below the other — fit to width, boxes to screen, a click to a cell.
//! No window: the window draws from this and tests check it without one.
//!
//! Coordinates: *page units* are those of [`DocLayout`] (points for PDF,
//! pixels for images); *content* coordinates are screen points inside the
//! scrolled column of pages, origin at its top-left.

use crate::model::{CellRef, PdfBox, Tables};
use crate::page::{DocLayout, PageError, PageRect};
use crate::template::TableId;

/// Space around and between pages, in screen points.
pub const PAGE_GAP: f32 = 12.0;
/// The zoom range, in screen points per page unit (1.0: a PDF point is a
/// screen point, 100 %).
pub const MIN_SCALE: f32 = 0.2;
pub const MAX_SCALE: f32 = 6.0;
/// One zoom step (a button press or a wheel notch).
pub const ZOOM_STEP: f32 = 1.2;
/// A click this close to a box (screen points) still hits it.
pub const HIT_SLOP: f32 = 3.0;

/// The source pane's two views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceTab {
    /// 原文: the decoded text.
    #[default]
    Text,
    /// 原件: the page as published.
    Page,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Zoom {
    /// The widest page fills the pane's width.
    #[default]
    FitWidth,
    /// Screen points per page unit.
    Scale(f32),
}

/// The pages of the document shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Pages {
    /// Not asked for yet.
    #[default]
    None,
    /// The worker is opening the file.
    Opening,
    Ready(DocLayout),
    Failed(PageError),
}

/// Where to scroll on the next frame, resolved against the geometry then.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScrollTarget {
    /// The top of a page (0-based).
    Page(usize),
    /// A box on a page, shown if not in view (a selected cell).
    Box(PdfBox),
    /// An exact content offset (after a zoom, to keep the same place
    /// under the pointer).
    Offset([f32; 2]),
}

/// The page view's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageView {
    pub tab: SourceTab,
    pub zoom: Zoom,
    /// The report whose pages these are.
    pub doc: Option<u64>,
    pub pages: Pages,
    /// The page in view (0-based): the one at the top of the pane.
    pub page: usize,
    pub scroll_to: Option<ScrollTarget>,
}

/// Pages laid out for one pane width at one scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// Screen points per page unit.
    pub scale: f32,
    /// Each page's rectangle in content coordinates.
    pub pages: Vec<PageRect>,
    /// The whole column's size.
    pub size: [f32; 2],
}

impl PageView {
    /// Shows report `doc` (a different one resets page and scroll; tab and
    /// zoom stay). Returns whether its pages must be asked for.
    pub fn show_doc(&mut self, doc: u64) -> bool {
        if self.doc == Some(doc) {
            return false;
        }
        self.doc = Some(doc);
        self.pages = Pages::Opening;
        self.page = 0;
        self.scroll_to = Some(ScrollTarget::Page(0));
        true
    }

    /// Forgets the document (closed, or one without pages).
    pub fn clear(&mut self) {
        self.doc = None;
        self.pages = Pages::None;
        self.page = 0;
        self.scroll_to = None;
    }

    /// The worker's answer for `doc`; ignored when another report is shown now.
    pub fn opened(&mut self, doc: u64, result: Result<DocLayout, PageError>) {
        if self.doc != Some(doc) {
            return;
        }
        self.pages = match result {
            Ok(layout) => Pages::Ready(layout),
            Err(e) => Pages::Failed(e),
        };
    }

    pub fn layout(&self) -> Option<&DocLayout> {
        match &self.pages {
            Pages::Ready(l) => Some(l),
            _ => None,
        }
    }

    pub fn page_count(&self) -> usize {
        self.layout().map_or(0, DocLayout::page_count)
    }

    /// Screen points per page unit for a pane `width` points wide.
    pub fn scale(&self, width: f32) -> f32 {
        match self.zoom {
            Zoom::Scale(s) => s,
            Zoom::FitWidth => fit_width_scale(self.layout(), width),
        }
    }

    /// The pages laid out for a pane `width` points wide.
    pub fn geometry(&self, width: f32) -> Option<Geometry> {
        let layout = self.layout()?;
        Some(lay_out(layout, self.scale(width), width))
    }

    /// Zooms by `factor` about `anchor` (a point of the viewport, in its
    /// own coordinates), keeping the page point under it in place; the
    /// viewport shows `offset` of the content and is `viewport` large.
    pub fn zoom_by(&mut self, factor: f32, anchor: [f32; 2], offset: [f32; 2], viewport: [f32; 2]) {
        let Some(before) = self.geometry(viewport[0]) else {
            return;
        };
        let scale = (before.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        if (scale - before.scale).abs() < 1e-6 {
            return;
        }
        self.zoom = Zoom::Scale(scale);
        let Some(after) = self.geometry(viewport[0]) else {
            return;
        };
        let point = [offset[0] + anchor[0], offset[1] + anchor[1]];
        let moved = match page_point(&before, point) {
            Some((page, [u, v])) => {
                let r = after.pages[page];
                [r[0] + u * after.scale, r[1] + v * after.scale]
            }
            None => point,
        };
        self.scroll_to = Some(ScrollTarget::Offset([
            (moved[0] - anchor[0]).max(0.0),
            (moved[1] - anchor[1]).max(0.0),
        ]));
    }

    /// Back to fitting the width, staying on the current page.
    pub fn fit_width(&mut self) {
        self.zoom = Zoom::FitWidth;
        self.scroll_to = Some(ScrollTarget::Page(self.page));
    }

    /// Goes to page `page` (0-based, clamped to the document).
    pub fn go_to(&mut self, page: usize) {
        let last = self.page_count().saturating_sub(1);
        self.page = page.min(last);
        self.scroll_to = Some(ScrollTarget::Page(self.page));
    }

    pub fn next_page(&mut self) {
        self.go_to(self.page + 1);
    }

    pub fn previous_page(&mut self) {
        self.go_to(self.page.saturating_sub(1));
    }

    /// The page at the top of the viewport after scrolling by hand.
    pub fn scrolled(&mut self, geometry: &Geometry, offset_y: f32) {
        self.page = page_at(geometry, offset_y + PAGE_GAP);
    }

    /// Where the viewport (`viewport` large, now at `offset`) should move to
    /// show the pending target; `None` when it already shows it.
    pub fn resolve_scroll(
        &self,
        geometry: &Geometry,
        offset: [f32; 2],
        viewport: [f32; 2],
    ) -> Option<[f32; 2]> {
        match self.scroll_to? {
            ScrollTarget::Offset(o) => Some(o),
            ScrollTarget::Page(p) => {
                let r = geometry.pages.get(p)?;
                Some([offset[0], (r[1] - PAGE_GAP).max(0.0)])
            }
            ScrollTarget::Box(b) => {
                let (_, r) = self.box_on_screen(geometry, &b)?;
                reveal(r, offset, viewport)
            }
        }
    }

    /// A parser box on screen: its page (0-based) and content rectangle.
    pub fn box_on_screen(&self, geometry: &Geometry, b: &PdfBox) -> Option<(usize, PageRect)> {
        let (page, r) = self.layout()?.place(b)?;
        let p = geometry.pages.get(page)?;
        let s = geometry.scale;
        Some((
            page,
            [
                p[0] + r[0] * s,
                p[1] + r[1] * s,
                p[0] + r[2] * s,
                p[1] + r[3] * s,
            ],
        ))
    }

    /// The cell whose box is under a click at `point` (content
    /// coordinates): the smallest box holding it; else the nearest box
    /// within [`HIT_SLOP`] (a small page makes digits' boxes a few points
    /// wide, so a box must not lose to a neighbour's slop).
    pub fn cell_at(
        &self,
        geometry: &Geometry,
        tables: &Tables,
        point: [f32; 2],
    ) -> Option<CellRef> {
        let mut best: Option<((f32, f32), CellRef)> = None;
        for (at, b) in cell_boxes(tables) {
            let Some((_, r)) = self.box_on_screen(geometry, &b) else {
                continue;
            };
            let dx = (r[0] - point[0]).max(point[0] - r[2]).max(0.0);
            let dy = (r[1] - point[1]).max(point[1] - r[3]).max(0.0);
            let distance = dx.max(dy);
            if distance > HIT_SLOP {
                continue;
            }
            let area = (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
            let score = (distance, area);
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, at));
            }
        }
        best.map(|(_, at)| at)
    }
}

/// Every cell of the report that has a place on a page.
pub fn cell_boxes(tables: &Tables) -> impl Iterator<Item = (CellRef, PdfBox)> + '_ {
    TableId::ALL.into_iter().flat_map(move |table| {
        tables.get(table).into_iter().flat_map(move |t| {
            t.cells.iter().enumerate().flat_map(move |(row, cells)| {
                cells.iter().enumerate().filter_map(move |(col, cell)| {
                    let b = cell.source?.pdf?;
                    Some((CellRef { table, row, col }, b))
                })
            })
        })
    })
}

/// The cells marked for a person's look ([`crate::model::ReviewMark`]:
/// placed by position, digits rebuilt, low OCR confidence) that have a
/// place on a page.
pub fn review_boxes(tables: &Tables) -> impl Iterator<Item = (CellRef, PdfBox)> + '_ {
    cell_boxes(tables).filter(|(at, _)| tables.cell(*at).is_some_and(|c| c.review.is_some()))
}

/// The scale at which the widest page fills `width` less the margins.
pub fn fit_width_scale(layout: Option<&DocLayout>, width: f32) -> f32 {
    let widest = layout
        .and_then(|l| l.sizes.iter().map(|s| s.width).reduce(f32::max))
        .filter(|w| *w > 0.0)
        .unwrap_or(595.0);
    ((width - 2.0 * PAGE_GAP) / widest).clamp(MIN_SCALE, MAX_SCALE)
}

/// Pages one below the other, centred in a column at least `width` wide.
pub fn lay_out(layout: &DocLayout, scale: f32, width: f32) -> Geometry {
    let widest = layout
        .sizes
        .iter()
        .map(|s| s.width * scale)
        .fold(0.0, f32::max);
    let column = (widest + 2.0 * PAGE_GAP).max(width);
    let mut y = PAGE_GAP;
    let pages = layout
        .sizes
        .iter()
        .map(|s| {
            let (w, h) = (s.width * scale, s.height * scale);
            let x = ((column - w) / 2.0).max(PAGE_GAP);
            let r = [x, y, x + w, y + h];
            y += h + PAGE_GAP;
            r
        })
        .collect();
    Geometry {
        scale,
        pages,
        size: [column, y],
    }
}

/// The page at content height `y`: the one holding it, or the last one
/// starting above it.
pub fn page_at(geometry: &Geometry, y: f32) -> usize {
    geometry.pages.iter().rposition(|r| r[1] <= y).unwrap_or(0)
}

/// The pages (0-based, in order) that meet the viewport's rows
/// `offset_y .. offset_y + height`, with one more on either side to have
/// ready when scrolling.
pub fn pages_in_view(geometry: &Geometry, offset_y: f32, height: f32) -> Vec<usize> {
    let seen: Vec<usize> = geometry
        .pages
        .iter()
        .enumerate()
        .filter(|(_, r)| r[3] >= offset_y && r[1] <= offset_y + height)
        .map(|(i, _)| i)
        .collect();
    let (Some(&first), Some(&last)) = (seen.first(), seen.last()) else {
        return Vec::new();
    };
    let mut pages = seen;
    if last + 1 < geometry.pages.len() {
        pages.push(last + 1);
    }
    if first > 0 {
        pages.push(first - 1);
    }
    pages
}

/// A content point as (page, page units), when it falls on a page.
fn page_point(geometry: &Geometry, point: [f32; 2]) -> Option<(usize, [f32; 2])> {
    let page = page_at(geometry, point[1]);
    let r = geometry.pages.get(page)?;
    Some((
        page,
        [
            (point[0] - r[0]) / geometry.scale,
            (point[1] - r[1]) / geometry.scale,
        ],
    ))
}

/// The offset that brings `r` into a viewport now at `offset`: unchanged
/// when it is in view, else with the box in the middle.
pub fn reveal(r: PageRect, offset: [f32; 2], viewport: [f32; 2]) -> Option<[f32; 2]> {
    let inside = r[0] >= offset[0]
        && r[2] <= offset[0] + viewport[0]
        && r[1] >= offset[1]
        && r[3] <= offset[1] + viewport[1];
    if inside {
        return None;
    }
    let centre = |lo: f32, hi: f32, view: f32, now: f32| {
        if hi - lo > view || lo < now || hi > now + view {
            ((lo + hi) / 2.0 - view / 2.0).max(0.0)
        } else {
            now
        }
    };
    Some([
        centre(r[0], r[2], viewport[0], offset[0]),
        centre(r[1], r[3], viewport[1], offset[1]),
    ])
}
