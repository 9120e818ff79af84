//! What a caller may hand a parse besides the bytes: a way to stop it and
//! a place for its progress. Only OCR takes long enough to need either
//! (a second or two a page, where everything else reads in milliseconds),
//! so the OCR reader is where both are looked at: between pages and
//! between engine calls, whose running program is stopped on cancel.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Shared with the parse; once set, the parse stops at its next check and
/// returns [`ParseError::Cancelled`](super::ParseError::Cancelled).
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// A token that shares `flag` (a flag the caller already keeps).
    pub fn from_flag(flag: Arc<AtomicBool>) -> CancelToken {
        CancelToken(flag)
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for CancelToken {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// How far OCR has got with a file's image pages, as plain data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OcrProgress {
    /// Image pages read so far.
    pub done: usize,
    /// Image pages to read (pictures, for a Word document).
    pub total: usize,
    /// Table cells read so far.
    pub cells: usize,
}

impl OcrProgress {
    /// The page being read, counted from 1 (the last one once all are done).
    pub fn current(&self) -> usize {
        (self.done + 1).min(self.total.max(1))
    }

    /// Share done, 0–1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f32 / self.total as f32).clamp(0.0, 1.0)
        }
    }

    /// “识别第 i/n 页…” in both languages.
    pub fn text(&self) -> crate::text::Text {
        let (i, n) = (self.current(), self.total);
        crate::text::Text::new(
            format!("识别第 {i}/{n} 页…"),
            format!("Reading page {i} of {n}…"),
        )
    }
}

/// Called with each step of OCR's progress, from whichever thread read
/// the page: it must be quick (send it on, store it).
pub type ProgressFn = Arc<dyn Fn(OcrProgress) + Send + Sync>;

/// Options of one parse. The default is what `parse_bytes` does: nothing
/// reported, never cancelled.
#[derive(Clone, Default)]
pub struct ParseOptions {
    pub cancel: Option<CancelToken>,
    pub progress: Option<ProgressFn>,
}

impl ParseOptions {
    pub fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(CancelToken::is_cancelled)
    }

    /// Tells the caller how far OCR has got.
    pub fn report(&self, progress: OcrProgress) {
        if let Some(f) = &self.progress {
            f(progress);
        }
    }
}

impl fmt::Debug for ParseOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseOptions")
            .field("cancel", &self.cancel)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn progress_names_the_page_being_read() {
        let p = OcrProgress {
            done: 1,
            total: 3,
            cells: 40,
        };
        assert_eq!(p.current(), 2);
        assert_eq!(p.text().text(Lang::Zh), "识别第 2/3 页…");
        assert_eq!(p.text().text(Lang::En), "Reading page 2 of 3…");
        let all = OcrProgress { done: 3, ..p };
        assert_eq!(all.current(), 3);
        assert!((all.fraction() - 1.0).abs() < 1e-6);
        assert_eq!(OcrProgress::default().fraction(), 0.0);
    }

    #[test]
    fn a_token_cancels_every_clone() {
        let t = CancelToken::new();
        let opts = ParseOptions {
            cancel: Some(t.clone()),
            progress: None,
        };
        assert!(!opts.is_cancelled());
        t.cancel();
        assert!(opts.is_cancelled());
        assert!(!ParseOptions::default().is_cancelled());
    }
}
