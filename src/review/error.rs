//! Why the file work behind an effect failed, kept as data until it is
//! shown: the window (and tests) read it through `Display`, in Chinese with
//! the system's own words for I/O failures.

use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::parser::ParseError;

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
    pub fn write(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> FileError {
        let path = path.into();
        move |source| FileError::Write { path, source }
    }
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
