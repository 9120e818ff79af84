//! The page as published (原件): a report's PDF pages or image file drawn
//! to pixels, for the window's page view (and for anything else that needs
//! a page as an image). No window here: the renderer, the box mapping from
//! the parser's page frame to the rendered image, a byte-bounded cache and
//! the background worker that renders on request.
//!
//! PDFs are rasterized by hayro (pure Rust); fonts a PDF names but does not
//! embed fall back to a CJK face ([`fonts`]). PNG, JPEG and TIFF files are
//! one page each, decoded by the `image` crate. Every entry point returns a
//! [`PageError`] on a bad file, never panics: the rasterizer runs under
//! `catch_unwind`.

pub mod fonts;
pub mod layout;
pub mod lru;
mod pdf;
mod raster;
mod unembedded;
pub mod worker;

use std::panic::{AssertUnwindSafe, catch_unwind};

use thiserror::Error;

pub use layout::DocLayout;
pub use lru::ByteLru;
pub use worker::{PageService, PageWant, RenderJob, RenderReply, RenderWorker};

/// No rendered page is larger than this many pixels (32 MiB of RGBA): a
/// page zoomed further is drawn from this image, enlarged.
pub const MAX_PIXELS: u64 = 8 * 1024 * 1024;
/// Nor wider or taller than this (textures above 8192 fail on some GPUs).
pub const MAX_SIDE: u32 = 8192;
/// Files larger than this are not opened for the page view.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Image files: no side longer than this is decoded (a decompression bomb
/// is refused before it allocates).
const MAX_IMAGE_SIDE: u32 = 20_000;

/// Why a page could not be shown; the message names the cause in Chinese
/// and English, for the page view to show as is.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum PageError {
    #[error("无法读取文件 (cannot read file): {0}")]
    Io(String),
    #[error("文件过大，无法显示原件 (file too large to show)")]
    TooLarge,
    #[error("不是 PDF 或图片文件，没有可显示的原件 (not a PDF or image file: no page to show)")]
    NotAPage,
    #[error("PDF 已加密，无法显示原件 (encrypted PDF: cannot show its pages)")]
    Encrypted,
    #[error("PDF 文件已损坏，无法显示原件 (damaged PDF: cannot show its pages)")]
    BadPdf,
    #[error("PDF 没有页面 (the PDF has no pages)")]
    NoPages,
    #[error("图片无法解码：{0} (cannot decode the image)")]
    BadImage(String),
    #[error("没有第 {page} 页（共 {count} 页） (no such page)")]
    NoSuchPage { page: usize, count: usize },
    #[error("这一页无法绘制，渲染库出错 (the renderer failed on this page)")]
    RenderFailed,
}

/// A page's size as displayed, in the units its boxes are given in: points
/// for a PDF page (its `/Rotate` applied), pixels for an image file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

/// A rendered page: RGBA, 8 bits a channel, opaque, rows top to bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for PageImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageImage({}×{})", self.width, self.height)
    }
}

impl PageImage {
    /// The bytes it holds (what the caches count).
    pub fn bytes(&self) -> usize {
        self.rgba.len()
    }

    /// The pixel at `(x, y)` as RGB.
    pub fn rgb(&self, x: u32, y: u32) -> Option<[u8; 3]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = self.rgba.get(i..i + 3)?;
        Some([p[0], p[1], p[2]])
    }
}

/// A rectangle `[x0, y0, x1, y1]` on a rendered page, in page units
/// (multiply by the render scale for pixels), top-left origin, y down.
pub type PageRect = [f32; 4];

/// An opened file whose pages can be drawn.
pub enum PageSource {
    Pdf(pdf::PdfPages),
    Raster(raster::RasterPage),
}

impl std::fmt::Debug for PageSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageSource::Pdf(p) => write!(f, "PageSource::Pdf({} pages)", p.sizes.len()),
            PageSource::Raster(r) => write!(f, "PageSource::Raster({:?})", r.size),
        }
    }
}

/// What a file is, by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageFormat {
    Pdf,
    Image,
}

/// Whether the bytes are a PDF or an image file the page view can show.
pub fn sniff(bytes: &[u8]) -> Option<PageFormat> {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Some(PageFormat::Pdf);
    }
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::Tiff) => {
            Some(PageFormat::Image)
        }
        _ => None,
    }
}

/// Whether a file, by its name, may have pages to show (PDF and images):
/// the window offers the page view for these before reading them.
pub fn may_have_pages(path: &std::path::Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "pdf" | "png" | "jpg" | "jpeg" | "tif" | "tiff"
    )
}

impl PageSource {
    /// Opens a PDF or an image file from its bytes.
    pub fn open(bytes: Vec<u8>) -> Result<PageSource, PageError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(PageError::TooLarge);
        }
        match sniff(&bytes) {
            Some(PageFormat::Pdf) => guarded(|| pdf::PdfPages::open(bytes)).map(PageSource::Pdf),
            Some(PageFormat::Image) => {
                guarded(|| raster::RasterPage::open(&bytes)).map(PageSource::Raster)
            }
            None => Err(PageError::NotAPage),
        }
    }

    /// Reads and opens a file.
    pub fn open_path(path: &std::path::Path) -> Result<PageSource, PageError> {
        let size = std::fs::metadata(path)
            .map_err(|e| PageError::Io(e.to_string()))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(PageError::TooLarge);
        }
        let bytes = std::fs::read(path).map_err(|e| PageError::Io(e.to_string()))?;
        PageSource::open(bytes)
    }

    /// Every page's size as displayed, in document order.
    pub fn page_sizes(&self) -> Vec<PageSize> {
        match self {
            PageSource::Pdf(p) => p.sizes.clone(),
            PageSource::Raster(r) => vec![r.size],
        }
    }

    pub fn page_count(&self) -> usize {
        match self {
            PageSource::Pdf(p) => p.sizes.len(),
            PageSource::Raster(_) => 1,
        }
    }

    /// Draws page `index` (0-based) at `scale` pixels per page unit, on
    /// white; the scale is lowered where the image would pass
    /// [`MAX_PIXELS`] or [`MAX_SIDE`].
    pub fn render(&self, index: usize, scale: f32) -> Result<PageImage, PageError> {
        let count = self.page_count();
        if index >= count {
            return Err(PageError::NoSuchPage {
                page: index + 1,
                count,
            });
        }
        let size = self.page_sizes_at(index);
        let scale = capped_scale(size, scale);
        match self {
            PageSource::Pdf(p) => guarded(|| p.render(index, scale)),
            PageSource::Raster(r) => guarded(|| Ok(r.render(scale))),
        }
    }

    fn page_sizes_at(&self, index: usize) -> PageSize {
        match self {
            PageSource::Pdf(p) => p.sizes[index],
            PageSource::Raster(r) => r.size,
        }
    }

    /// The pages' sizes and box maps, as plain data for the window.
    pub fn layout(&self) -> DocLayout {
        match self {
            PageSource::Pdf(p) => DocLayout {
                sizes: p.sizes.clone(),
                placements: p.placements(),
            },
            PageSource::Raster(r) => DocLayout::plain(vec![r.size]),
        }
    }
}

/// The scale lowered so that the page stays within [`MAX_PIXELS`] and
/// [`MAX_SIDE`] and is at least one pixel.
pub fn capped_scale(size: PageSize, scale: f32) -> f32 {
    let w = size.width.max(1.0);
    let h = size.height.max(1.0);
    let mut s = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    s = s.min(MAX_SIDE as f32 / w).min(MAX_SIDE as f32 / h);
    let pixels = (w * s) as f64 * (h * s) as f64;
    if pixels > MAX_PIXELS as f64 {
        s *= (MAX_PIXELS as f64 / pixels).sqrt() as f32;
    }
    s.max(1.0 / w.min(h))
}

/// Runs a rasterizer call: a panic inside the library becomes an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, PageError>) -> Result<T, PageError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(Err(PageError::RenderFailed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_capped_by_pixels_and_side() {
        let a4 = PageSize {
            width: 595.0,
            height: 842.0,
        };
        assert_eq!(capped_scale(a4, 1.0), 1.0);
        let big = capped_scale(a4, 20.0);
        let pixels = (595.0 * big) as u64 * (842.0 * big) as u64;
        assert!(pixels <= MAX_PIXELS, "{pixels}");
        let strip = PageSize {
            width: 100.0,
            height: 100_000.0,
        };
        assert!(100_000.0 * capped_scale(strip, 1.0) <= MAX_SIDE as f32 + 0.5);
        assert!(capped_scale(a4, f32::NAN) > 0.0);
    }

    #[test]
    fn garbage_is_not_a_page() {
        assert_eq!(
            PageSource::open(b"hello, world".to_vec()).unwrap_err(),
            PageError::NotAPage
        );
        assert_eq!(
            PageSource::open(Vec::new()).unwrap_err(),
            PageError::NotAPage
        );
    }

    #[test]
    fn names_that_may_have_pages() {
        assert!(may_have_pages(std::path::Path::new("a/报告.PDF")));
        assert!(may_have_pages(std::path::Path::new("scan.jpeg")));
        assert!(!may_have_pages(std::path::Path::new("report.docx")));
    }
}
