//! Why the file work behind an effect failed, kept as data until it is
//! shown: `Display` in Chinese, `text(lang)` in either language, with the
//! system's own words for I/O failures.

use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::parser::ParseError;
use crate::text::{Lang, Text};

#[derive(Debug, Error)]
pub enum FileError {
    /// A report could not be read.
    #[error("无法打开 {name}：{source}")]
    Open { name: String, source: ParseError },
    /// A file could not be written (or created, or renamed into place).
    #[error("无法写入 {}：{}", path.display(), IoReason(source))]
    Write { path: PathBuf, source: io::Error },
    /// A folder could not be created.
    #[error("无法创建 {}：{}", path.display(), IoReason(source))]
    CreateFolder { path: PathBuf, source: io::Error },
    /// The CSV table could not be written.
    #[error("无法写入 {}：{source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    /// A report could not be turned into JSON.
    #[error("无法生成 JSON：{0}")]
    Json(#[from] serde_json::Error),
    /// An Excel workbook or Word document could not be made.
    #[error("{0}")]
    Office(#[from] crate::export::ExportError),
}

impl FileError {
    /// What went wrong, in one language (`Display` is the Chinese).
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileError::Open { name, source }, Lang::Zh) => {
                format!("无法打开 {name}：{}", source.text(Lang::Zh))
            }
            (_, Lang::Zh) => self.to_string(),
            (FileError::Open { name, source }, Lang::En) => {
                format!("cannot open {name}: {}", source.text(Lang::En))
            }
            (FileError::Write { path, source }, Lang::En) => {
                format!("cannot write {}: {}", path.display(), io_reason_en(source))
            }
            (FileError::CreateFolder { path, source }, Lang::En) => {
                format!("cannot create {}: {}", path.display(), io_reason_en(source))
            }
            (FileError::Csv { path, source }, Lang::En) => {
                format!("cannot write {}: {source}", path.display())
            }
            (FileError::Json(e), Lang::En) => format!("cannot make the JSON: {e}"),
            (FileError::Office(e), Lang::En) => match e {
                crate::export::ExportError::Xlsx(e) => {
                    format!("cannot make the Excel workbook: {e}")
                }
                crate::export::ExportError::Docx(e) => {
                    format!("cannot make the Word document: {e}")
                }
                crate::export::ExportError::Io(e) => format!("cannot make the Word document: {e}"),
            },
        }
    }

    /// Both renderings.
    pub fn both(&self) -> Text {
        Text::new(self.text(Lang::Zh), self.text(Lang::En))
    }

    pub fn write(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> FileError {
        let path = path.into();
        move |source| FileError::Write { path, source }
    }
}

/// The English of [`IoReason`].
fn io_reason_en(e: &io::Error) -> String {
    use io::ErrorKind::*;
    let why = match e.kind() {
        NotFound => "the folder does not exist",
        PermissionDenied => "no permission to write",
        AlreadyExists => "the file exists already",
        StorageFull => "the disk is full",
        ReadOnlyFilesystem => "the disk is read-only",
        _ => "the write failed",
    };
    format!("{why} ({e})")
}

/// A short Chinese reason for common I/O failures, with the system's words.
struct IoReason<'a>(&'a io::Error);

impl fmt::Display for IoReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use io::ErrorKind::*;
        let why = match self.0.kind() {
            NotFound => "文件夹不存在",
            PermissionDenied => "没有写入权限",
            AlreadyExists => "文件已存在",
            StorageFull => "磁盘已满",
            ReadOnlyFilesystem => "磁盘是只读的",
            _ => "写入失败",
        };
        write!(f, "{why}（{}）", self.0)
    }
}
