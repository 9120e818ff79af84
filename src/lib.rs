//! nianbao: read China's government information disclosure annual reports
//! (政府信息公开工作年度报告), extract every table cell with where it came
//! from, and check the template's consistency rules (勾稽关系).
//!
//! The parser is a pipeline of small stages with plain data between them:
//!
//! ```text
//! bytes ─decode→ text ─normalize→ Normalized ─sections→ regions
//!       ─tokens→ tokens ─rows→ raw rows ─align→ template rows ─tables→ Tables
//!       ─meta/narrative→ Meta ─checks→ Checks ─model→ JSON
//! ```
//!
//! Nothing here depends on the window; `nianbao parse` and the window call
//! the same [`parse_bytes`].

pub mod align;
#[cfg(feature = "gui")]
pub mod app;
pub mod atomic_file;
pub mod batch;
pub mod checks;
pub mod cjk_fold;
pub mod compact;
pub mod decode;
pub mod error;
pub mod formats;
pub mod meta;
pub mod model;
pub mod narrative;
pub mod normalize;
pub mod parse;
pub mod review;
pub mod rows;
pub mod sections;
pub mod tables;
pub mod template;
pub mod tokens;

pub use error::ParseError;
pub use model::{
    Cell, CellRef, Check, Correction, PdfBox, Report, Span, Status, Table, Tables, UnreadRow,
};
pub use parse::{Parsed, parse_bytes, parse_path, recheck};
pub use template::{Layout, TableId, TableSpec};

/// A real report embedded in the program, so the window has something to
/// show with no file at hand.
pub const SAMPLE_NAME: &str = "陕西省医疗保障局2021年政府信息公开工作年度报告.txt";
pub const SAMPLE_BYTES: &[u8] =
    include_bytes!("../assets/sample/陕西省医疗保障局2021年政府信息公开工作年度报告.txt");
