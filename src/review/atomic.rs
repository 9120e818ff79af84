//! Writing a file so that it is either wholly the old one or wholly the new
//! one: a temporary file in the same folder, flushed to disk, then renamed
//! over the target. A failure leaves the target as it was.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("“{}” 不是文件路径", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable only once the folder is synced.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok::<(), std::io::Error>(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("无法写入 {}：{}", path.display(), io_reason(&e))
    })
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
