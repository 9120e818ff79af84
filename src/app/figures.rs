//! The window's side of the batch figures: the state's requests handed to
//! the figures worker thread (`review::figures`), its answers collected each
//! frame. Headless (tests) the same service runs in place, so a frame shows
//! its result without waiting on a thread.

use std::sync::Arc;

use crate::review::figures::{Figures, FiguresRequest, FiguresService, FiguresWorker};

pub enum FiguresRunner {
    Threaded(FiguresWorker),
    InPlace(FiguresService),
}

impl FiguresRunner {
    /// The worker thread, waking the window with each answer; in place if
    /// no thread can be started.
    pub fn threaded(ctx: &egui::Context) -> FiguresRunner {
        let ctx = ctx.clone();
        match FiguresWorker::spawn(move || ctx.request_repaint()) {
            Ok(worker) => FiguresRunner::Threaded(worker),
            Err(_) => FiguresRunner::in_place(),
        }
    }

    pub fn in_place() -> FiguresRunner {
        FiguresRunner::InPlace(FiguresService::default())
    }

    /// Hands `request` over; figures computed in place come back at once.
    pub fn send(&mut self, request: FiguresRequest) -> Option<Arc<Figures>> {
        match self {
            FiguresRunner::Threaded(worker) => {
                // The thread ends only with the window (it drops the sender).
                worker.send(request);
                None
            }
            FiguresRunner::InPlace(service) => service.run(request).map(Arc::new),
        }
    }

    /// Figures the thread has finished since the last call.
    pub fn received(&self) -> Vec<Arc<Figures>> {
        match self {
            FiguresRunner::Threaded(worker) => worker.replies.try_iter().collect(),
            FiguresRunner::InPlace(_) => Vec::new(),
        }
    }
}
