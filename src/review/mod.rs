//! The review window's state and actions as plain data, with no window:
//! open reports, select and correct cells, undo and redo, repair
//! suggestions, export, and recovery of unsaved work. The window in
//! `crate::app` only draws this state and sends [`Command`]s; tests drive
//! the same commands headless.

pub mod command;
pub mod compare;
pub mod document;
pub mod edit;
pub mod error;
pub mod figures;
pub mod file_chooser;
pub mod input;
pub mod open_years;
pub mod overview;
pub mod page_view;
pub mod reading;
pub mod recovery;
pub mod report_list;
pub mod sort_text;
pub mod sorted_merge;
pub mod state;
pub mod stats;
pub mod worker;

pub use crate::rules::repair::Suggestion;
pub use command::{
    Command, Direction, Effect, ExportScope, ExportSet, OpenRequest, ReportFile, Source,
};
pub use compare::{CompareCommand, CompareView};
pub use document::{Document, StatusCounts};
pub use edit::{MetaField, Target};
pub use file_chooser::{ChooserAction, ChooserMode, FileChooser};
pub use overview::{Column, OverviewSort};
pub use page_view::{PageView, SourceTab};
pub use reading::Reading;
pub use report_list::{ExportKind, ListFilter, ListItem, SortKey, StatusFilter};
pub use state::{Message, State};
