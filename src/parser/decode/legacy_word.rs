//! DOC and WPS files (older Word and Kingsoft WPS, both OLE compound
//! documents): no pure-Rust reader exists, so LibreOffice, when installed,
//! converts them to DOCX in a temporary folder and the DOCX reader takes
//! over. Without it the error says exactly what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::parser::decode::docx;
use crate::parser::decode::{Decoded, SourceFormat};
use crate::parser::error::ParseError;
use crate::parser::options::ParseOptions;

/// The first bytes of every OLE compound document.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Longer than any real conversion takes; a hostile file must not hang us.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// DOC or WPS, from the file name (the content is the same kind).
pub fn kind(file: &str) -> SourceFormat {
    if file.to_ascii_lowercase().ends_with(".wps") {
        SourceFormat::Wps
    } else {
        SourceFormat::Doc
    }
}

pub fn render(file: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
    render_with(file, bytes, &ParseOptions::default())
}

/// [`render`], the conversion stopped (LibreOffice killed) on cancel and
/// the converted document's pictures read with `options`.
pub fn render_with(
    file: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Decoded, ParseError> {
    let kind = kind(file);
    let name = if kind == SourceFormat::Wps {
        "WPS"
    } else {
        "DOC"
    };
    let soffice = find_soffice().ok_or(ParseError::NeedsLibreOffice(name))?;
    let dir = TempDir::new().map_err(|e| ParseError::ConversionFailed(name, e.to_string()))?;
    let input = dir.0.join(format!("report.{}", kind.as_str()));
    std::fs::write(&input, bytes)?;
    let fail = |why: String| ParseError::ConversionFailed(name, why);
    let mut child = Command::new(&soffice)
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&dir.0)
        .arg(&input)
        // A profile of its own, so a running LibreOffice does not swallow the job.
        .env("HOME", &dir.0)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.0.join("profile").display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if options.is_cancelled() => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ParseError::Cancelled);
            }
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "超过 {} 秒 (timed out)",
                    TIME_LIMIT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(fail(e.to_string())),
        }
    }
    let converted = dir.0.join("report.docx");
    let docx_bytes =
        std::fs::read(&converted).map_err(|_| fail("未生成 DOCX (no DOCX produced)".into()))?;
    let mut decoded = docx::render_with(&docx_bytes, options)?;
    decoded.format = kind;
    Ok(decoded)
}

fn find_soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NIANBAO_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let fixed = Path::new("/usr/lib/libreoffice/program/soffice");
    fixed.is_file().then(|| fixed.to_path_buf())
}

/// A folder removed with everything in it when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("nianbao-doc-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
