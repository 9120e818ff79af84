//! The window's side of page rendering: the render worker (or, headless,
//! the same work in place), the rendered pages as textures in a cache
//! bounded by bytes, and which pages are on their way. The UI thread only
//! uploads finished images; it never draws a page itself.

use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::page::{
    ByteLru, PageError, PageService, PageWant, RenderJob, RenderReply, RenderWorker,
};
use crate::review::page_view::PageView;

/// Rendered pages kept as textures: a few pages at screen resolution
/// (an A4 page 700 pixels wide is 2.8 MB).
pub const TEXTURE_BUDGET: usize = 64 * 1024 * 1024;

/// A texture drawn at a scale this close to the one wanted is good enough
/// (no new render for a small resize of the pane).
const SCALE_TOLERANCE: f32 = 0.12;

/// One rendered page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextureKey {
    pub doc: u64,
    pub page: usize,
    /// Pixels per page unit it was drawn at.
    pub scale: f32,
}

/// Where the rendering runs.
enum Renderer {
    Thread(RenderWorker),
    /// Headless (tests): in place, answered within the frame.
    InPlace(PageService),
    /// The thread could not start: the page view says so.
    Unavailable,
}

pub struct PageTextures {
    renderer: Renderer,
    textures: ByteLru<TextureKey, TextureHandle>,
    /// Pages asked for and not yet back.
    pending: Vec<(u64, PageWant)>,
    /// Pages that failed, with why.
    failed: HashMap<(u64, usize), PageError>,
    /// The last render's time, for the status line.
    pub last_render_ms: Option<f32>,
    /// In-place replies waiting for the next `poll`.
    queued: Vec<RenderReply>,
}

impl PageTextures {
    /// With a render thread that asks `ctx` to repaint when a page is ready.
    pub fn threaded(ctx: &egui::Context) -> PageTextures {
        let ctx = ctx.clone();
        let renderer = match RenderWorker::spawn(move || ctx.request_repaint()) {
            Ok(w) => Renderer::Thread(w),
            Err(_) => Renderer::Unavailable,
        };
        PageTextures::with(renderer)
    }

    /// Rendering in place, for tests.
    pub fn in_place() -> PageTextures {
        PageTextures::with(Renderer::InPlace(PageService::default()))
    }

    fn with(renderer: Renderer) -> PageTextures {
        PageTextures {
            renderer,
            textures: ByteLru::new(TEXTURE_BUDGET),
            pending: Vec::new(),
            failed: HashMap::new(),
            last_render_ms: None,
            queued: Vec::new(),
        }
    }

    fn send(&mut self, job: RenderJob) -> bool {
        match &mut self.renderer {
            Renderer::Thread(w) => w.send(job),
            Renderer::InPlace(s) => {
                let replies = s.run(job);
                self.queued.extend(replies);
                true
            }
            Renderer::Unavailable => false,
        }
    }

    /// Opens report `doc`'s file for the page view; the pages of other
    /// reports leave the cache.
    pub fn open(&mut self, view: &mut PageView, doc: u64, path: std::path::PathBuf) {
        self.textures.retain(|k| k.doc == doc);
        self.pending.clear();
        self.failed.retain(|(d, _), _| *d == doc);
        if !self.send(RenderJob::Open { doc, path }) {
            view.opened(doc, Err(PageError::RenderFailed));
        }
    }

    /// Takes the worker's answers: the layout into the view, pages into
    /// textures. Returns whether anything arrived.
    pub fn poll(&mut self, ctx: &egui::Context, view: &mut PageView) -> bool {
        let mut replies = std::mem::take(&mut self.queued);
        if let Renderer::Thread(w) = &self.renderer {
            replies.extend(w.replies.try_iter());
        }
        let any = !replies.is_empty();
        for reply in replies {
            match reply {
                RenderReply::Opened { doc, result } => view.opened(doc, result),
                RenderReply::Rendered {
                    doc,
                    want,
                    result,
                    took,
                } => {
                    self.pending.retain(|(d, w)| !(*d == doc && *w == want));
                    if view.doc != Some(doc) {
                        continue;
                    }
                    self.last_render_ms = Some(took.as_secs_f32() * 1000.0);
                    match result {
                        Ok(img) => {
                            let bytes = img.bytes();
                            let size = [img.width as usize, img.height as usize];
                            let texture = ctx.load_texture(
                                format!("page-{doc}-{}", want.page),
                                ColorImage::from_rgba_premultiplied(size, &img.rgba),
                                TextureOptions::LINEAR,
                            );
                            self.failed.remove(&(doc, want.page));
                            // The same page at another scale is no longer needed.
                            self.textures
                                .retain(|k| !(k.doc == doc && k.page == want.page));
                            let key = TextureKey {
                                doc,
                                page: want.page,
                                scale: want.scale,
                            };
                            self.textures.insert(key, texture, bytes);
                        }
                        Err(e) => {
                            self.failed.insert((doc, want.page), e);
                        }
                    }
                }
            }
        }
        any
    }

    /// The texture of a page, whatever its scale (drawn stretched until
    /// the right one arrives).
    pub fn texture(&mut self, doc: u64, page: usize) -> Option<(TextureKey, TextureHandle)> {
        self.textures
            .find(|k| k.doc == doc && k.page == page)
            .map(|(k, t)| (*k, t.clone()))
    }

    pub fn failure(&self, doc: u64, page: usize) -> Option<&PageError> {
        self.failed.get(&(doc, page))
    }

    /// Asks for the pages in view at `scale` pixels per page unit, those
    /// not already drawn close to it nor on their way. Pages asked for
    /// earlier and out of view now are dropped by the worker.
    pub fn want(&mut self, doc: u64, pages: &[usize], scale: f32) {
        let needed: Vec<PageWant> = pages
            .iter()
            .filter(|&&page| !self.failed.contains_key(&(doc, page)))
            .filter(|&&page| {
                let drawn = self
                    .textures
                    .keys()
                    .any(|k| k.doc == doc && k.page == page && close_enough(k.scale, scale));
                let coming = self
                    .pending
                    .iter()
                    .any(|(d, w)| *d == doc && w.page == page && close_enough(w.scale, scale));
                !drawn && !coming
            })
            .map(|&page| PageWant { page, scale })
            .collect();
        if needed.is_empty() {
            return;
        }
        // The new request replaces what the worker has not started; keep
        // what is still wanted among the pending ones in it.
        let mut request: Vec<PageWant> = needed;
        for (d, w) in &self.pending {
            if *d == doc && pages.contains(&w.page) && !request.iter().any(|r| r.page == w.page) {
                request.push(*w);
            }
        }
        self.pending = request.iter().map(|w| (doc, *w)).collect();
        if !self.send(RenderJob::Want {
            doc,
            pages: request,
        }) {
            for page in pages {
                self.failed.insert((doc, *page), PageError::RenderFailed);
            }
        }
    }

    /// Bytes of textures held.
    pub fn bytes(&self) -> usize {
        self.textures.used()
    }
}

/// Whether a page drawn at `have` serves for `want`.
pub fn close_enough(have: f32, want: f32) -> bool {
    want > 0.0 && ((have / want) - 1.0).abs() <= SCALE_TOLERANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_resize_keeps_the_texture() {
        assert!(close_enough(1.0, 1.05));
        assert!(close_enough(1.1, 1.0));
        assert!(!close_enough(1.0, 1.5));
        assert!(!close_enough(1.0, 0.0));
    }
}
