//! A PDF's pages → positioned glyphs and straight ruling segments, through
//! pdf-extract's output device (it decodes fonts, ToUnicode CMaps included).
//!
//! Coordinates are turned to a top-down frame (y grows down the page) in
//! points, the frame the layout code thinks in.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// A glyph's box on its page, top-down.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Top and bottom of the glyph's em box.
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
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
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
}

/// Bounds on what one document may produce: a hostile file must end in an
/// error, not exhaust memory.
pub const MAX_GLYPHS: usize = 2_000_000;
pub const MAX_SEGMENTS: usize = 200_000;

/// A filled rectangle thinner than this is a drawn rule (Word and WPS draw
/// table borders as thin filled boxes as often as stroked lines).
const RULE_THICKNESS: f64 = 3.0;
/// Lines tilted more than this are not table rules.
const STRAIGHT: f64 = 0.5;

#[derive(Default)]
pub struct Collector {
    pub pages: Vec<Page>,
    /// Set when a limit was hit; extraction stops with an error then.
    pub overflow: bool,
    media: Option<MediaBox>,
    glyphs: usize,
    segments: usize,
}

impl Collector {
    fn page(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }

    /// PDF user space (y up) → top-down page points.
    fn flip(&self, x: f64, y: f64) -> (f64, f64) {
        match self.media {
            Some(m) => (x - m.llx, m.ury - y),
            None => (x, -y),
        }
    }

    fn limit_hit(&mut self) -> OutputError {
        self.overflow = true;
        OutputError::FormatError(std::fmt::Error)
    }

    fn add_segment(&mut self, ctm: &Transform, a: (f64, f64), b: (f64, f64)) {
        let (ax, ay) = apply(ctm, a);
        let (bx, by) = apply(ctm, b);
        let (x0, y0) = self.flip(ax, ay);
        let (x1, y1) = self.flip(bx, by);
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return;
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
            return;
        };
        self.segments += 1;
        if let Some(page) = self.page() {
            page.segments.push(seg);
        }
    }

    fn add_rect(&mut self, ctm: &Transform, x: f64, y: f64, w: f64, h: f64, filled: bool) {
        let (w_abs, h_abs) = (w.abs(), h.abs());
        if filled {
            // A thin filled box is one rule along its long side; a large one
            // is shading or a background, not a border.
            if h_abs <= RULE_THICKNESS && w_abs > h_abs {
                let ym = y + h / 2.0;
                self.add_segment(ctm, (x, ym), (x + w, ym));
            } else if w_abs <= RULE_THICKNESS && h_abs > w_abs {
                let xm = x + w / 2.0;
                self.add_segment(ctm, (xm, y), (xm, y + h));
            }
            return;
        }
        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
        for i in 0..4 {
            self.add_segment(ctm, corners[i], corners[(i + 1) % 4]);
        }
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) -> Result<(), OutputError> {
        let mut start: Option<(f64, f64)> = None;
        let mut current: Option<(f64, f64)> = None;
        for op in &path.ops {
            if self.segments >= MAX_SEGMENTS {
                return Err(self.limit_hit());
            }
            match *op {
                PathOp::MoveTo(x, y) => {
                    start = Some((x, y));
                    current = Some((x, y));
                }
                PathOp::LineTo(x, y) => {
                    if let Some(from) = current {
                        self.add_segment(ctm, from, (x, y));
                    }
                    current = Some((x, y));
                }
                PathOp::CurveTo(.., x, y) => current = Some((x, y)),
                PathOp::Rect(x, y, w, h) => {
                    self.add_rect(ctm, x, y, w, h, filled);
                    current = None;
                }
                PathOp::Close => {
                    if let (Some(from), Some(to)) = (current, start) {
                        self.add_segment(ctm, from, to);
                    }
                    current = start;
                }
            }
        }
        Ok(())
    }
}

/// A point through a PDF matrix (row vector times matrix, as the spec and
/// euclid's `transform_point` do it).
fn apply(m: &Transform, (x, y): (f64, f64)) -> (f64, f64) {
    (x * m.m11 + y * m.m21 + m.m31, x * m.m12 + y * m.m22 + m.m32)
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.media = Some(*media_box);
        self.pages.push(Page {
            number: page_num,
            height: (media_box.ury - media_box.lly).abs(),
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs >= MAX_GLYPHS {
            return Err(self.limit_hit());
        }
        let text: String = char.chars().filter(|c| !c.is_control()).collect();
        if text.trim().is_empty() {
            // Spaces carry no cell content; gaps are read from positions.
            return Ok(());
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, baseline) = self.flip(trm.m31, trm.m32);
        let advance = width * size;
        if ![x, baseline, size, advance].iter().all(|v| v.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        self.glyphs += 1;
        let glyph = Glyph {
            text,
            x0: x,
            x1: x + advance.max(size * 0.2),
            top: baseline - size * 0.85,
            bottom: baseline + size * 0.15,
            size,
        };
        if let Some(page) = self.page() {
            page.glyphs.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false)
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, true)
    }
}
