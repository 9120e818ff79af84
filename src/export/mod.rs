//! Office files made from reports: the Excel workbook of one report (its
//! tables in the printed template's layout, corrections and failing rules
//! marked, a 问题 sheet), the Excel workbook of a batch (a row per report),
//! and the review sheet (审核意见) of one report as a Word document.
//!
//! Every writer returns the file's bytes; the caller writes them (all or
//! nothing, through `crate::io`) on a thread that is not the window's.

pub mod cell_names;
pub mod docx;
pub mod layout;
pub mod review_sheet;
pub mod xlsx_batch;
pub mod xlsx_report;

/// Why an office file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("无法生成 Excel 工作簿：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("无法生成 Word 文档：{0}")]
    Docx(#[from] zip::result::ZipError),
    #[error("无法生成 Word 文档：{0}")]
    Io(#[from] std::io::Error),
}
