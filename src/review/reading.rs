//! Reports being read on a background thread, as plain data: listed from
//! the moment they are asked for until they open, with OCR's progress
//! (“识别第 i/n 页…”), a way to cancel, and, once cancelled, to start
//! again. A scan takes seconds a page; the person sees it coming, can
//! look at its pages meanwhile, and can stop it.

use std::path::Path;

use super::command::Source;
use super::recovery::Journal;
use super::report_list::CancelFlag;
use crate::parser::OcrProgress;
use crate::text::Text;

/// One report being read (or whose reading was cancelled).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The id the report will have once open: the page view shows its
    /// pages under this id before and after.
    pub id: u64,
    pub source: Source,
    /// OCR's progress, once image pages are being read.
    pub progress: Option<OcrProgress>,
    pub cancel: CancelFlag,
    /// Stopped by the person; stays listed to be started again.
    pub cancelled: bool,
    /// The journal to replay once read (a restore), kept over a cancel so
    /// that no correction is lost.
    pub replay: Option<Box<Journal>>,
}

impl Reading {
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(p) => Some(p),
            Source::Sample => None,
        }
    }

    /// The file's name as listed.
    pub fn name(&self) -> String {
        match &self.source {
            Source::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            Source::Sample => crate::SAMPLE_NAME.to_string(),
        }
    }

    /// What the list says of it.
    pub fn status(&self) -> Text {
        if self.cancelled {
            return Text::new("已取消，可重新读取", "cancelled; can be read again");
        }
        match self.progress {
            Some(p) if p.total > 0 => p.text(),
            _ => Text::new("正在读取…", "Reading…"),
        }
    }

    /// Share done, 0–1 (0 until OCR reports).
    pub fn fraction(&self) -> f32 {
        self.progress.map_or(0.0, |p| p.fraction())
    }
}
