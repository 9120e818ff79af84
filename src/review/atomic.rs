//! Whole-buffer atomic writes for exports and journals, on
//! [`crate::atomic_file::AtomicFile`], with reasons in Chinese.

use std::io::Write;
use std::path::Path;

use crate::atomic_file::AtomicFile;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let write = || -> std::io::Result<()> {
        let mut file = AtomicFile::create(path)?;
        file.write_all(bytes)?;
        file.commit()
    };
    write().map_err(|e| format!("无法写入 {}：{}", path.display(), io_reason(&e)))
}

/// A short Chinese reason for common I/O failures, with the system's words.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let why = match e.kind() {
        NotFound => "文件夹不存在",
        PermissionDenied => "没有写入权限",
        AlreadyExists => "文件已存在",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "磁盘是只读的",
        _ => "写入失败",
    };
    format!("{why}（{e}）")
}
