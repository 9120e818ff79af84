//! The render worker: a background thread that opens a report's file and
//! draws the pages the window asks for, so the window never waits for the
//! rasterizer. A new request replaces the ones not yet started (the pages
//! that were visible a moment ago are no longer wanted); finished pages go
//! back over a channel, and a wake call asks the window to repaint.
//!
//! [`PageService`] is the work itself, without a thread: the worker runs it
//! on its thread, tests run it in place.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::{DocLayout, PageError, PageImage, PageSource};

/// What the window asks of the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum RenderJob {
    /// Open the file of report `doc` (the pages of one report are kept open
    /// at a time) and send its [`DocLayout`].
    Open { doc: u64, path: PathBuf },
    /// Draw these pages of `doc`, in this order, replacing every request
    /// not yet started.
    Want { doc: u64, pages: Vec<PageWant> },
}

/// One page at one scale (pixels per page unit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageWant {
    /// 0-based.
    pub page: usize,
    pub scale: f32,
}

/// What the worker sends back.
#[derive(Debug)]
pub enum RenderReply {
    Opened {
        doc: u64,
        result: Result<DocLayout, PageError>,
    },
    Rendered {
        doc: u64,
        want: PageWant,
        result: Result<PageImage, PageError>,
        /// The rasterizer's time for this page.
        took: Duration,
    },
}

/// The open file and the rendering, without a thread.
#[derive(Debug, Default)]
pub struct PageService {
    open: Option<(u64, Result<PageSource, PageError>)>,
}

impl PageService {
    /// Opens `path` as report `doc`'s pages, unless it is open already.
    pub fn open(&mut self, doc: u64, path: &std::path::Path) -> RenderReply {
        if !matches!(&self.open, Some((d, _)) if *d == doc) {
            // The last report's pages go before the next are read.
            self.open = None;
            self.open = Some((doc, PageSource::open_path(path)));
        }
        let result = match &self.open {
            Some((_, Ok(source))) => Ok(source.layout()),
            Some((_, Err(e))) => Err(e.clone()),
            None => Err(PageError::NotAPage),
        };
        RenderReply::Opened { doc, result }
    }

    /// Draws a page of `doc`; `None` when `doc` is no longer the open report.
    pub fn render(&mut self, doc: u64, want: PageWant) -> Option<RenderReply> {
        let (open_doc, source) = self.open.as_ref()?;
        if *open_doc != doc {
            return None;
        }
        let started = Instant::now();
        let result = match source {
            Ok(source) => source.render(want.page, want.scale),
            Err(e) => Err(e.clone()),
        };
        Some(RenderReply::Rendered {
            doc,
            want,
            result,
            took: started.elapsed(),
        })
    }

    /// Carries out one job at once: what a test or a headless window does.
    pub fn run(&mut self, job: RenderJob) -> Vec<RenderReply> {
        match job {
            RenderJob::Open { doc, path } => vec![self.open(doc, &path)],
            RenderJob::Want { doc, pages } => pages
                .into_iter()
                .filter_map(|want| self.render(doc, want))
                .collect(),
        }
    }
}

/// The thread and its two channels.
pub struct RenderWorker {
    jobs: Sender<RenderJob>,
    pub replies: Receiver<RenderReply>,
}

pub const WORKER_THREAD: &str = "nianbao-page-render";

impl RenderWorker {
    /// Starts the thread; `wake` is called after every reply (the window
    /// passes its repaint request).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<RenderWorker> {
        let (jobs, job_rx) = channel::<RenderJob>();
        let (reply_tx, replies) = channel();
        std::thread::Builder::new()
            .name(WORKER_THREAD.into())
            .spawn(move || serve(&job_rx, &reply_tx, &wake))?;
        Ok(RenderWorker { jobs, replies })
    }

    /// Hands a job to the thread. `false` when the thread is gone.
    pub fn send(&self, job: RenderJob) -> bool {
        self.jobs.send(job).is_ok()
    }
}

/// The thread's loop: waits for jobs, takes every job that has arrived
/// before drawing the next page, so stale requests are dropped unseen.
/// Ends when the window drops its sender.
fn serve(jobs: &Receiver<RenderJob>, replies: &Sender<RenderReply>, wake: &dyn Fn()) {
    let mut service = PageService::default();
    let mut queue: VecDeque<(u64, PageWant)> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => take(job, &mut service, &mut queue, replies, wake),
                Err(_) => return,
            }
        }
        while let Ok(job) = jobs.try_recv() {
            take(job, &mut service, &mut queue, replies, wake);
        }
        if let Some((doc, want)) = queue.pop_front()
            && let Some(reply) = service.render(doc, want)
        {
            if replies.send(reply).is_err() {
                return;
            }
            wake();
        }
    }
}

fn take(
    job: RenderJob,
    service: &mut PageService,
    queue: &mut VecDeque<(u64, PageWant)>,
    replies: &Sender<RenderReply>,
    wake: &dyn Fn(),
) {
    match job {
        RenderJob::Open { doc, path } => {
            queue.clear();
            let _ = replies.send(service.open(doc, &path));
            wake();
        }
        RenderJob::Want { doc, pages } => {
            *queue = pages.into_iter().map(|w| (doc, w)).collect();
        }
    }
}
