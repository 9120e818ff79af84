//! One page's content stream → glyphs and rules: the graphics and text
//! state of PDF 1.7 §8–9 as far as positions go (CTM, `q`/`Q`, text
//! matrices, font size, character/word spacing, horizontal scaling, rise,
//! `TJ` adjustments), paths (`m l c v y h re` painted by `S s f F f* B B* b
//! b*`), and form XObjects. Colours, clipping, images and shading draw
//! nothing the reader needs.

use std::rc::Rc;

use lopdf::{Dictionary, Document};

use super::content::{Lexer, Operand};
use super::extract::{Collector, Glyph, Overflow, PlacedImage};
use super::font::{Font, FontCache, deref, get, num, stream_bytes};
use super::images::Orientation;

/// `[a b c d e f]`, PDF's row-vector convention.
pub type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`: first `a`, then `b`.
pub fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// User space → the page as displayed, top-down, origin at its top-left.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    llx: f64,
    lly: f64,
    urx: f64,
    ury: f64,
    /// Clockwise quarter turns of `/Rotate`.
    quarter: u8,
}

impl Frame {
    pub fn new(llx: f64, lly: f64, urx: f64, ury: f64, rotate: f64) -> Frame {
        let quarter = if rotate.is_finite() {
            ((rotate / 90.0).round() as i64).rem_euclid(4) as u8
        } else {
            0
        };
        Frame {
            llx,
            lly,
            urx,
            ury,
            quarter,
        }
    }

    pub fn width(&self) -> f64 {
        if self.quarter % 2 == 0 {
            self.urx - self.llx
        } else {
            self.ury - self.lly
        }
    }

    pub fn height(&self) -> f64 {
        if self.quarter % 2 == 0 {
            self.ury - self.lly
        } else {
            self.urx - self.llx
        }
    }

    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        match self.quarter {
            0 => (x - self.llx, self.ury - y),
            1 => (y - self.lly, x - self.llx),
            2 => (self.urx - x, y - self.lly),
            _ => (self.ury - y, self.urx - x),
        }
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Nested form XObjects deeper than this are not drawn.
const MAX_FORM_DEPTH: u32 = 8;
/// Form XObjects drawn on one page, at most (a form that draws itself
/// several times would otherwise multiply at every level).
const MAX_FORMS: usize = 2_000;
/// `q` nested deeper than this is not saved.
const MAX_SAVED: usize = 256;
/// A filled box thinner than this is a drawn rule (Word and WPS draw table
/// borders as thin filled boxes as often as stroked lines).
const RULE_THICKNESS: f64 = 3.0;

type Pt = (f64, f64);

/// The current path, in page points.
#[derive(Default)]
struct PathBuf {
    lines: Vec<(Pt, Pt)>,
    /// Rectangles (`re`) as their four corners.
    rects: Vec<[Pt; 4]>,
    start: Option<Pt>,
    current: Option<Pt>,
}

impl PathBuf {
    fn clear(&mut self) {
        self.lines.clear();
        self.rects.clear();
        self.start = None;
        self.current = None;
    }
    fn close(&mut self) {
        if let (Some(a), Some(b)) = (self.current, self.start) {
            self.lines.push((a, b));
        }
        self.current = self.start;
    }
}

pub struct Interp<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    out: &'a mut Collector,
    frame: Frame,
    page: u32,
    path: PathBuf,
    forms: usize,
}

fn nums<const N: usize>(ops: &[Operand]) -> Option<[f64; N]> {
    let tail = ops.get(ops.len().checked_sub(N)?..)?;
    let mut out = [0.0; N];
    for (o, v) in tail.iter().zip(out.iter_mut()) {
        *v = o.num().filter(|n| n.is_finite())?;
    }
    Some(out)
}

impl<'a> Interp<'a> {
    pub fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        out: &'a mut Collector,
        frame: Frame,
        page: u32,
    ) -> Interp<'a> {
        Interp {
            doc,
            fonts,
            out,
            frame,
            page,
            path: PathBuf::default(),
            forms: 0,
        }
    }

    /// Runs a page's content.
    pub fn run(&mut self, content: &[u8], resources: Option<&Dictionary>) -> Result<(), Overflow> {
        self.run_stream(content, resources, State::new(IDENTITY), 0)
    }

    fn to_page(&self, ctm: &Matrix, x: f64, y: f64) -> Pt {
        let (ux, uy) = apply(ctm, x, y);
        self.frame.point(ux, uy)
    }

    fn run_stream(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        mut st: State,
        depth: u32,
    ) -> Result<(), Overflow> {
        let doc = self.doc;
        let mut saved: Vec<State> = Vec::new();
        let mut unsaved = 0usize;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut lx = Lexer::new(content);
        let mut ops: Vec<Operand> = Vec::new();
        self.path.clear();
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"q" => {
                    if saved.len() < MAX_SAVED {
                        saved.push(st.clone());
                    } else {
                        unsaved += 1;
                    }
                }
                b"Q" => {
                    if unsaved > 0 {
                        unsaved -= 1;
                    } else if let Some(s) = saved.pop() {
                        st = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = nums::<6>(&ops) {
                        st.ctm = mul(&m, &st.ctm);
                    }
                }
                b"BT" | b"ET" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let (Some(name), Some(size)) = (
                        ops.first().and_then(Operand::name),
                        ops.get(1).and_then(Operand::num),
                    ) {
                        st.size = size;
                        st.font = resources
                            .and_then(|r| get(doc, r, b"Font"))
                            .and_then(|f| f.as_dict().ok())
                            .and_then(|f| f.get(name).ok())
                            .map(|entry| self.fonts.get(doc, entry));
                    }
                }
                b"Tc" => {
                    if let Some([v]) = nums::<1>(&ops) {
                        st.char_spacing = v;
                    }
                }
                b"Tw" => {
                    if let Some([v]) = nums::<1>(&ops) {
                        st.word_spacing = v;
                    }
                }
                b"Tz" => {
                    if let Some([v]) = nums::<1>(&ops) {
                        st.h_scale = v / 100.0;
                    }
                }
                b"TL" => {
                    if let Some([v]) = nums::<1>(&ops) {
                        st.leading = v;
                    }
                }
                b"Ts" => {
                    if let Some([v]) = nums::<1>(&ops) {
                        st.rise = v;
                    }
                }
                b"Td" | b"TD" => {
                    if let Some([tx, ty]) = nums::<2>(&ops) {
                        if op == b"TD" {
                            st.leading = -ty;
                        }
                        tlm = mul(&translate(tx, ty), &tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = nums::<6>(&ops) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = mul(&translate(0.0, -st.leading), &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(s) = ops.first().and_then(Operand::bytes) {
                        self.show(&st, &mut tm, s)?;
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\""
                        && let (Some(aw), Some(ac)) = (
                            ops.first().and_then(Operand::num),
                            ops.get(1).and_then(Operand::num),
                        )
                    {
                        st.word_spacing = aw;
                        st.char_spacing = ac;
                    }
                    tlm = mul(&translate(0.0, -st.leading), &tlm);
                    tm = tlm;
                    if let Some(s) = ops.last().and_then(Operand::bytes) {
                        self.show(&st, &mut tm, s)?;
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(&st, &mut tm, s)?,
                                Operand::Num(n) if n.is_finite() => {
                                    let tx = -n / 1000.0 * st.size * st.h_scale;
                                    tm = mul(&translate(tx, 0.0), &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"gs" => {
                    // An ExtGState may set the font.
                    let font = ops
                        .first()
                        .and_then(Operand::name)
                        .and_then(|name| {
                            let states = get(doc, resources?, b"ExtGState")?.as_dict().ok()?;
                            let state = deref(doc, states.get(name).ok()?).as_dict().ok()?;
                            get(doc, state, b"Font")?.as_array().ok()
                        })
                        .filter(|a| a.len() == 2);
                    if let Some(f) = font {
                        st.font = Some(self.fonts.get(doc, &f[0]));
                        if let Some(size) = num(deref(doc, &f[1])) {
                            st.size = size;
                        }
                    }
                }
                b"m" => {
                    if let Some([x, y]) = nums::<2>(&ops) {
                        let p = self.to_page(&st.ctm, x, y);
                        self.path.start = Some(p);
                        self.path.current = Some(p);
                    }
                }
                b"l" => {
                    if let Some([x, y]) = nums::<2>(&ops) {
                        let p = self.to_page(&st.ctm, x, y);
                        if let Some(from) = self.path.current {
                            self.path.lines.push((from, p));
                        }
                        self.path.current = Some(p);
                    }
                }
                b"c" | b"v" | b"y" => {
                    if let Some([x, y]) = nums::<2>(&ops) {
                        self.path.current = Some(self.to_page(&st.ctm, x, y));
                    }
                }
                b"h" => self.path.close(),
                b"re" => {
                    if let Some([x, y, w, h]) = nums::<4>(&ops) {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                            .map(|(px, py)| self.to_page(&st.ctm, px, py));
                        self.path.rects.push(corners);
                        self.path.start = Some(corners[0]);
                        self.path.current = Some(corners[0]);
                    }
                }
                b"S" => self.paint(false)?,
                b"s" => {
                    self.path.close();
                    self.paint(false)?;
                }
                b"f" | b"F" | b"f*" => self.paint(true)?,
                b"B" | b"B*" => self.paint(false)?,
                b"b" | b"b*" => {
                    self.path.close();
                    self.paint(false)?;
                }
                b"n" => self.path.clear(),
                b"Do" => {
                    if depth < MAX_FORM_DEPTH
                        && self.forms < MAX_FORMS
                        && let Some(name) = ops.first().and_then(Operand::name)
                    {
                        self.forms += 1;
                        let name = name.to_vec();
                        self.form(&name, resources, &st, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Draws a form XObject (images draw nothing the reader needs).
    fn form(
        &mut self,
        name: &[u8],
        resources: Option<&Dictionary>,
        st: &State,
        depth: u32,
    ) -> Result<(), Overflow> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| get(doc, r, b"XObject"))
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let xobject = deref(doc, entry);
        let Ok(stream) = xobject.as_stream() else {
            return Ok(());
        };
        let subtype = get(doc, &stream.dict, b"Subtype").and_then(|o| o.as_name().ok());
        if subtype == Some(b"Image") {
            // Where the image lands: its unit square under the CTM. Kept
            // for OCR of pages whose text is a picture.
            if let Ok(id) = entry.as_reference() {
                let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                    .map(|(x, y)| self.to_page(&st.ctm, x, y));
                let xs = corners.map(|c| c.0);
                let ys = corners.map(|c| c.1);
                let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
                let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
                self.out.image(PlacedImage {
                    id,
                    rect: [min(xs), min(ys), max(xs), max(ys)],
                    // The image's first row runs from unit (0, 1) to
                    // (1, 1); its rows go down towards (0, 0).
                    orientation: Orientation::of(corners[2], corners[3], corners[0]),
                });
            }
            return Ok(());
        }
        if subtype != Some(b"Form") {
            return Ok(());
        }
        let matrix = get(doc, &stream.dict, b"Matrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| {
                let v: Vec<f64> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
                <[f64; 6]>::try_from(v).ok()
            })
            .unwrap_or(IDENTITY);
        let inner = get(doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let Some(content) = stream_bytes(xobject) else {
            return Ok(());
        };
        let mut state = st.clone();
        state.ctm = mul(&matrix, &st.ctm);
        let path = std::mem::take(&mut self.path);
        let result = self.run_stream(&content, inner, state, depth + 1);
        self.path = path;
        result
    }

    /// Paints the current path: stroked lines are rules; of a filled path,
    /// its lines and its thin rectangles (a large filled box is shading).
    fn paint(&mut self, filled: bool) -> Result<(), Overflow> {
        let path = std::mem::take(&mut self.path);
        for &(a, b) in &path.lines {
            self.out.line(a, b)?;
        }
        for r in &path.rects {
            if !filled {
                for i in 0..4 {
                    self.out.line(r[i], r[(i + 1) % 4])?;
                }
                continue;
            }
            let len = |a: Pt, b: Pt| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            let mid = |a: Pt, b: Pt| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            let (w, h) = (len(r[0], r[1]), len(r[0], r[3]));
            if h <= RULE_THICKNESS && w > h {
                self.out.line(mid(r[0], r[3]), mid(r[1], r[2]))?;
            } else if w <= RULE_THICKNESS && h > w {
                self.out.line(mid(r[0], r[1]), mid(r[3], r[2]))?;
            }
        }
        self.path = path;
        self.path.clear();
        Ok(())
    }

    fn show(&mut self, st: &State, tm: &mut Matrix, bytes: &[u8]) -> Result<(), Overflow> {
        let Some(font) = st.font.clone() else {
            return Ok(());
        };
        for shown in font.codes(bytes) {
            let trm = mul(
                &[st.size * st.h_scale, 0.0, 0.0, st.size, 0.0, st.rise],
                &mul(tm, &st.ctm),
            );
            if let Some(text) = font.text(shown.code, shown.len) {
                self.glyph(&trm, shown.width, text)?;
            }
            let mut spacing = st.char_spacing;
            if shown.code == 32 && shown.len == 1 {
                spacing += st.word_spacing;
            }
            let tx = (shown.width * st.size + spacing) * st.h_scale;
            *tm = mul(&translate(tx, 0.0), tm);
        }
        Ok(())
    }

    /// A glyph drawn by the text rendering matrix `trm`, `width` wide in
    /// text space: its em box on the page.
    fn glyph(&mut self, trm: &Matrix, width: f64, text: String) -> Result<(), Overflow> {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        if text.trim().is_empty() {
            // Spaces carry no cell content; gaps are read from positions.
            return Ok(());
        }
        let page = |x: f64, y: f64| {
            let (ux, uy) = apply(trm, x, y);
            self.frame.point(ux, uy)
        };
        let origin = page(0.0, 0.0);
        let end = page(width.max(0.2), 0.0);
        let top = page(0.0, 1.0);
        let up = (top.0 - origin.0, top.1 - origin.1);
        let size = (up.0 * up.0 + up.1 * up.1).sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let (mut x0, mut x1, mut y0, mut y1) = (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        );
        for base in [origin, end] {
            for t in [-0.15, 0.85] {
                let (x, y) = (base.0 + t * up.0, base.1 + t * up.1);
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
        }
        if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        self.out.glyph(Glyph {
            text,
            x0,
            x1,
            top: y0,
            bottom: y1,
            size,
            page: self.page,
            shift: 0.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotated_pages_map_to_the_displayed_page() {
        // A4 portrait shown turned a quarter clockwise.
        let f = Frame::new(0.0, 0.0, 595.0, 842.0, 90.0);
        assert_eq!(f.height(), 595.0);
        // The bottom-left corner of the media box is the top-left shown.
        assert_eq!(f.point(0.0, 0.0), (0.0, 0.0));
        assert_eq!(f.point(595.0, 0.0), (0.0, 595.0));
        assert_eq!(f.point(0.0, 842.0), (842.0, 0.0));
        let f = Frame::new(0.0, 0.0, 595.0, 842.0, -90.0);
        assert_eq!(f.point(0.0, 842.0), (0.0, 595.0));
        let f = Frame::new(0.0, 0.0, 595.0, 842.0, 0.0);
        assert_eq!(f.point(10.0, 842.0), (10.0, 0.0));
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let m = mul(&translate(10.0, 0.0), &[2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        assert_eq!(apply(&m, 1.0, 1.0), (22.0, 2.0));
    }
}
