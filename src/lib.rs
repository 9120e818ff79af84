//! nianbao: read China's government information disclosure annual reports
//! (政府信息公开工作年度报告), extract every table cell with where it came
//! from, and check the template's consistency rules (勾稽关系).
//!
//! The crate is layered; each layer uses only those above it in this list:
//!
//! - [`template`] and [`model`]: the report's fixed template (as data, from
//!   `assets/template.tsv`) and the parsed report with its spans;
//! - [`parser`]: bytes → [`Report`], a pipeline of small stages
//!   (decode → normalize → sections → table → meta → narrative → rules);
//! - [`rules`]: the consistency rules of one report, the cross-year rules
//!   between an agency's reports, and the repairs that make a failing rule
//!   pass;
//! - [`batch`]: many files at once (folders, parallel parse, CSV);
//! - [`export`]: office files: Excel workbooks of one report or a batch,
//!   and the review sheet (审核意见, DOCX) sent back to an agency;
//! - [`compare`]: two reports side by side: cells, cross-year rules, repeated text;
//! - [`io`]: writing files all-or-nothing;
//! - [`background`]: the window's background threads below its own;
//! - [`review`]: the window's state and commands as plain data (no egui);
//! - `app` (feature `gui`): the window, drawing only.
//!
//! Nothing here but `app` depends on the window; `nianbao parse` and the
//! window call the same [`parse_bytes`].

// Library code says why instead of panicking; tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

#[cfg(feature = "gui")]
pub mod app;
pub mod background;
pub mod batch;
pub mod compare;
pub mod export;
pub mod huge_pages;
pub mod io;
pub mod model;
pub mod page;
pub mod parser;
pub mod review;
pub mod rules;
pub mod template;
pub mod text;

pub use model::{
    Cell, CellRef, Check, Correction, PdfBox, Report, Span, Status, Table, Tables, UnreadRow,
};
pub use parser::{
    CancelToken, OcrProgress, ParseError, ParseOptions, Parsed, parse_bytes, parse_bytes_with,
    parse_path, parse_path_with, recheck,
};
pub use template::{Layout, TableId, TableSpec};
pub use text::{Lang, Text};

/// A real report embedded in the program, so the window has something to
/// show with no file at hand.
pub const SAMPLE_NAME: &str = "陕西省医疗保障局2021年政府信息公开工作年度报告.txt";
pub const SAMPLE_BYTES: &[u8] =
    include_bytes!("../assets/sample/陕西省医疗保障局2021年政府信息公开工作年度报告.txt");
