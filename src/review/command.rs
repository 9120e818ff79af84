//! What the window asks for (`Command`) and what the state asks the window
//! to do in return (`Effect`). Commands are plain data, so tests send them
//! with no window and no dialog.

use std::path::PathBuf;

use crate::parser::Parsed;
use crate::template::{Layout, TableId};

use super::edit::Target;
use super::error::FileError;
use super::file_chooser::{ChooserAction, Listing};
use super::recovery::Journal;
use super::report_list::{CancelFlag, ExportKind, ListFilter};
use crate::rules::repair::Suggestion;

/// Where a report to open comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(PathBuf),
    /// The report embedded in the program.
    Sample,
}

/// A report to read, and journal to replay onto it once read.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenRequest {
    pub source: Source,
    /// Boxed: commands carrying a request stay small.
    pub replay: Option<Box<Journal>>,
    /// Its entry among the reports being read (`State::reading`), and the
    /// id the report gets once open.
    pub job: u64,
    /// Set by the person's cancel; the parse stops at its next check.
    pub cancel: CancelFlag,
}

/// Moving the selection, as in a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
    /// Tab: the next cell in reading order.
    Next,
    /// Shift+Tab.
    Prev,
}

#[derive(Debug)]
pub enum Command {
    /// Show the open dialog.
    ChooseFiles,
    OpenFiles(Vec<PathBuf>),
    LoadSample,
    /// A report was read (or could not be), on a background thread.
    Opened {
        request: OpenRequest,
        result: Result<Box<Parsed>, FileError>,
    },
    /// OCR's progress on a report being read (`OpenRequest::job`).
    OpenProgress {
        job: u64,
        progress: crate::parser::OcrProgress,
    },
    /// Stop reading this report; it stays listed as cancelled.
    CancelOpen(u64),
    /// Read a cancelled report again.
    RetryOpen(u64),
    /// Take a cancelled report off the list.
    DismissReading(u64),
    /// Show a report being read (its pages) in place of the open report.
    ShowReading(u64),
    Activate(u64),
    Select(Target),
    Move(Direction),
    /// The person typed `text` into `target`: validated, then stored or refused.
    Edit {
        target: Target,
        text: String,
    },
    /// Delete: the cell becomes empty (null).
    Clear(Target),
    Undo,
    Redo,
    /// Add a table the report lacks, empty, in the given layout.
    AddTable(TableId, Layout),
    ApplySuggestion(Suggestion),
    /// The repair proposals for report revision `revision` of a document,
    /// made off the window's thread (`Effect::Suggest`).
    Suggested {
        doc: u64,
        revision: u64,
        suggestions: Vec<Suggestion>,
    },
    /// Show the save dialog for the active report.
    ChooseExportPath,
    /// Export the active report to this file.
    Export(PathBuf),
    Exported {
        doc: u64,
        generation: u64,
        path: PathBuf,
        result: Result<(), FileError>,
    },
    /// Close a report; with unsaved corrections only when `discard`.
    Close {
        doc: u64,
        discard: bool,
    },
    RestoreJournal(PathBuf),
    DiscardJournal(PathBuf),
    DismissMessage(usize),
    /// Show the folder dialog.
    ChooseFolder,
    /// Read every report under these folders (and these files) in the
    /// background, with progress and a way to cancel.
    OpenFolders(Vec<PathBuf>),
    /// The folders are listed: `total` files to read.
    BatchStarted {
        batch: u64,
        total: usize,
    },
    /// OCR's progress on a file of a batch (its image pages), from the
    /// threads reading them.
    BatchProgress {
        batch: u64,
        path: PathBuf,
        progress: crate::parser::OcrProgress,
    },
    /// One file of a batch was read (or could not be); `done` of the total
    /// so far. The report comes as a document made on the reading thread
    /// (checks and repair proposals done there), given its id when opened.
    BatchOpened {
        batch: u64,
        done: usize,
        path: PathBuf,
        result: Result<Box<super::document::Document>, crate::parser::ParseError>,
    },
    /// The overview sorted by another column or direction.
    SetOverviewSort(super::overview::OverviewSort),
    /// The batch ended, read to the end or cancelled.
    BatchFinished {
        batch: u64,
        completed: bool,
    },
    /// Stop reading; what was read stays open.
    CancelBatch,
    /// Take an unreadable file off the list.
    DismissFailed(PathBuf),
    /// Filter and sort the report list.
    SetFilter(ListFilter),
    /// Ask where to export all open reports.
    ChooseExportAll(ExportKind),
    /// Export the reports the list shows (its filter applied) to this file
    /// (or folder).
    ExportAll {
        kind: ExportKind,
        path: PathBuf,
    },
    ExportedAll {
        path: PathBuf,
        /// (document, generation) of every report written.
        saved: Vec<(u64, u64)>,
        scope: ExportScope,
        result: Result<usize, FileError>,
    },
    /// Show the save dialog for an office file of the active report.
    ChooseReportFile(ReportFile),
    /// Write an office file of the active report.
    ExportReportFile {
        kind: ReportFile,
        path: PathBuf,
    },
    ExportedReportFile {
        doc: u64,
        generation: u64,
        kind: ReportFile,
        path: PathBuf,
        result: Result<(), FileError>,
    },
    /// The reviewer's remarks on the active report (审核意见) now read this.
    SetRemarks(String),
    /// The window's own file chooser, when no native dialog can be shown.
    Chooser(ChooserAction),
    /// The journal of unsaved corrections could not be written: why.
    JournalFailed(FileError),
    /// The 对比 view: open, choose the two reports, select a cell in both.
    Compare(super::compare::CompareCommand),
    /// The batch figures, computed off the window's thread for the key they carry.
    FiguresComputed(std::sync::Arc<super::figures::Figures>),
}

/// An office file of one report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFile {
    /// The Excel workbook: 表二, 表三, 表四 as printed, and 问题.
    Xlsx,
    /// The review sheet (审核意见) to send back to the agency, a Word document.
    ReviewSheet,
}

impl ReportFile {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFile::Xlsx => "xlsx",
            ReportFile::ReviewSheet => "docx",
        }
    }

    /// Whether writing it saves the corrections (the workbook holds every
    /// corrected value and what it was; the review sheet is a letter).
    pub fn saves_corrections(self) -> bool {
        self == ReportFile::Xlsx
    }
}

/// How many of the open reports (and unreadable files) an "export all"
/// writes: those the list shows, of all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportScope {
    pub listed: usize,
    pub total: usize,
}

impl ExportScope {
    pub fn filtered(&self) -> bool {
        self.listed < self.total
    }
}

/// The reports of an "export all", as the batch writers take them.
#[derive(Debug)]
pub struct ExportSet(pub Vec<crate::batch::Outcome>);

impl PartialEq for ExportSet {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a.file() == b.file())
    }
}

/// Work the state hands to the window: dialogs, and I/O for a background
/// thread (see `worker::perform`).
#[derive(Debug, PartialEq)]
pub enum Effect {
    AskOpenFiles,
    AskExportPath {
        doc: u64,
        file_name: String,
    },
    /// Ask before closing a report with unsaved corrections.
    ConfirmClose {
        doc: u64,
    },
    Parse(OpenRequest),
    WriteExport {
        doc: u64,
        generation: u64,
        path: PathBuf,
        bytes: Vec<u8>,
    },
    WriteJournal {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    RemoveJournal(PathBuf),
    /// A file was opened: remember it among the recent files.
    Opened(PathBuf),
    AskFolder,
    AskExportAllPath {
        kind: ExportKind,
    },
    /// List the folders and read every report, on a background thread.
    ParseBatch {
        batch: u64,
        paths: Vec<PathBuf>,
        cancel: CancelFlag,
    },
    WriteExportAll {
        kind: ExportKind,
        path: PathBuf,
        reports: ExportSet,
        saved: Vec<(u64, u64)>,
        scope: ExportScope,
    },
    /// Ask where an office file of the active report goes.
    AskReportFilePath {
        kind: ReportFile,
        file_name: String,
    },
    /// Make an office file of the report (as exported) and write it.
    WriteReportFile {
        doc: u64,
        generation: u64,
        kind: ReportFile,
        path: PathBuf,
        report: Box<crate::model::Report>,
        /// The day of the review, for the review sheet.
        date: String,
    },
    /// List a folder for the window's own file chooser; the answer comes
    /// back as `ChooserAction::Listed`.
    ListFolder {
        dir: PathBuf,
        listing: Listing,
    },
    /// Make the repair proposals of a changed report (a copy of it, at
    /// `revision`); the answer comes back as `Command::Suggested`.
    Suggest {
        doc: u64,
        revision: u64,
        report: Box<crate::model::Report>,
    },
}

impl Effect {
    /// Effects that are file work for the background thread, not dialogs.
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            Effect::Parse(_)
                | Effect::ParseBatch { .. }
                | Effect::WriteExportAll { .. }
                | Effect::WriteExport { .. }
                | Effect::WriteReportFile { .. }
                | Effect::WriteJournal { .. }
                | Effect::RemoveJournal(_)
                | Effect::ListFolder { .. }
                | Effect::Suggest { .. }
        )
    }
}
