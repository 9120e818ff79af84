//! The OCR engine: Tesseract 5, run as a program. One call reads a whole
//! strip of cells (see `montage`), so a page costs a few calls, not one
//! per cell.
//!
//! Why a program and not the library: linking libtesseract needs unsafe
//! FFI (this crate forbids `unsafe`), bindgen and libclang at build time,
//! and the `-dev` packages on every build machine; the program needs only
//! the two runtime packages. Its start-up (≈0.1 s, the language model
//! loaded once per call) is paid three times a page; a linked engine would
//! save that but not the recognition time, which dominates.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::raster::Gray;

/// What the engine is asked to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Numbers only: digits, decimal point, minus sign, and the “/” nil mark.
    Digits,
    /// Chinese text (with the digits and Latin letters of labels).
    Chinese,
}

/// The characters a number cell may hold.
/// (Not “+”: the engine reads a worn “7” as “+” more often than reports
/// print a plus sign; a “+5” reads as “5” with one glyph too many, which
/// the glyph count marks.)
pub const DIGIT_CHARS: &str = "0123456789./-";

/// Page segmentation modes of Tesseract used here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A block of lines (`--psm 6`): a strip of cells, a page's text.
    Block,
    /// One word (`--psm 8`): a single cell read again.
    Word,
    /// One character (`--psm 10`).
    Char,
}

/// One word as read: its text, its box in the image given, the engine's
/// confidence (0–100) and the line it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    pub confidence: f32,
    /// Block, paragraph and line numbers: words with equal `line` are on
    /// one line.
    pub line: (u32, u32, u32),
}

/// Why OCR could not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// `tesseract` is not installed, or lacks the Chinese model.
    Missing(String),
    /// It ran and failed.
    Failed(String),
    /// The parse was cancelled (the program, if running, was stopped).
    Cancelled,
}

/// The install line every message about a missing engine names.
pub const INSTALL: &str = "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim";

/// The Tesseract program, found once.
#[derive(Clone, Debug)]
pub struct Tesseract {
    program: String,
    /// Set: every call checks it first and is killed when it is set.
    cancel: Option<crate::parser::options::CancelToken>,
}

impl Tesseract {
    /// The installed engine, with its Chinese model; an error naming
    /// [`INSTALL`] when either is missing. Looked up once per process.
    pub fn installed() -> Result<Tesseract, EngineError> {
        static FOUND: OnceLock<Result<Tesseract, EngineError>> = OnceLock::new();
        FOUND.get_or_init(Self::locate).clone()
    }

    fn locate() -> Result<Tesseract, EngineError> {
        let program =
            std::env::var("NIANBAO_TESSERACT").unwrap_or_else(|_| "tesseract".to_string());
        let out = Command::new(&program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| EngineError::Missing(format!("未找到 {program}")))?;
        let langs = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        // Chinese for labels and text, English (Latin digits) for numbers.
        for model in ["chi_sim", "eng"] {
            if !langs.lines().any(|l| l.trim() == model) {
                return Err(EngineError::Missing(format!(
                    "Tesseract 缺少识别模型 {model}"
                )));
            }
        }
        Ok(Tesseract {
            program,
            cancel: None,
        })
    }

    /// The same engine, its calls stopped by `cancel`.
    pub fn with_cancel(mut self, cancel: Option<crate::parser::options::CancelToken>) -> Tesseract {
        self.cancel = cancel;
        self
    }

    /// Reads `img` and returns its words.
    pub fn read(
        &self,
        img: &Gray,
        script: Script,
        layout: Layout,
    ) -> Result<Vec<Word>, EngineError> {
        if img.width == 0 || img.height == 0 {
            return Ok(Vec::new());
        }
        if self.cancel.as_ref().is_some_and(|c| c.is_cancelled()) {
            return Err(EngineError::Cancelled);
        }
        let psm = match layout {
            Layout::Block => "6",
            Layout::Word => "8",
            Layout::Char => "10",
        };
        let mut cmd = Command::new(&self.program);
        cmd.args(["stdin", "stdout", "--psm", psm, "--dpi", "300"]);
        match script {
            Script::Digits => {
                cmd.args(["-l", "eng", "-c"])
                    .arg(format!("tessedit_char_whitelist={DIGIT_CHARS}"));
            }
            Script::Chinese => {
                cmd.args(["-l", "chi_sim"]);
            }
        }
        cmd.arg("tsv")
            // One thread a call: OpenMP's threads slow Tesseract down on
            // small images, and the calls already run side by side.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| EngineError::Missing(format!("{}: {e}", self.program)))?;
        let pgm = img.to_pgm();
        // For looking at what the engine is given: NIANBAO_OCR_DUMP=DIR
        // writes every image sent to it into DIR.
        if let Ok(dir) = std::env::var("NIANBAO_OCR_DUMP") {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let _ = std::fs::write(format!("{dir}/{n:03}_{script:?}_{psm}.pgm"), &pgm);
        }
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| EngineError::Failed("no stdin".into()))?;
        // Written on its own thread: a large image would fill the pipe
        // while Tesseract waits to be read.
        let writer = std::thread::spawn(move || stdin.write_all(&pgm));
        let out = super::child::wait(child, self.cancel.as_ref()).map_err(|e| match e {
            super::child::Stopped::Cancelled => EngineError::Cancelled,
            super::child::Stopped::Failed(e) => EngineError::Failed(e.to_string()),
        })?;
        let _ = writer.join();
        if !out.status.success() {
            return Err(EngineError::Failed(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
    }
}

/// The words of Tesseract's TSV output (level 5 rows with text).
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<usize>().unwrap_or(0);
        let (x0, y0) = (n(6), n(7));
        out.push(Word {
            text: text.to_string(),
            x0,
            y0,
            x1: x0 + n(8),
            y1: y0 + n(9),
            confidence: f[10].trim().parse::<f32>().unwrap_or(0.0).max(0.0),
            line: (n(2) as u32, n(3) as u32, n(4) as u32),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_from_tsv() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t15\t91.5\t123\n\
                   5\t1\t1\t1\t2\t1\t10\t60\t8\t15\t40\t7\n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "123");
        assert_eq!((words[0].x0, words[0].y1), (10, 35));
        assert_eq!(words[1].line, (1, 1, 2));
        assert!((words[0].confidence - 91.5).abs() < 1e-3);
    }
}
