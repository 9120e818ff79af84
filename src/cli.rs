//! The command line: argument handling and output only; the work is the
//! library's.

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告 parser and checker

USAGE:
    nianbao [FILE…]                 open the review window (on a built-in sample when no file is given)
    nianbao parse [--pretty] FILE…  print one JSON object per file (JSON Lines), in input order

EXIT STATUS (parse):
    0  every file was parsed
    1  at least one file could not be read (one line on stderr names it and why)
    2  wrong usage
";

pub fn parse_command(args: &[OsString]) -> ExitCode {
    let mut pretty = false;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut only_files = false;
    for a in args {
        match a.to_str() {
            Some("--") if !only_files => only_files = true,
            Some("--pretty") if !only_files => pretty = true,
            Some("-h" | "--help") if !only_files => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Some(s) if s.starts_with("--") && !only_files => {
                eprintln!("nianbao: unknown option {s}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    if files.is_empty() {
        eprintln!("nianbao: parse needs at least one file\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &files {
        match nianbao::parse_path(path) {
            Ok(parsed) => {
                let written = if pretty {
                    serde_json::to_writer_pretty(&mut out, &parsed.report)
                } else {
                    serde_json::to_writer(&mut out, &parsed.report)
                };
                if written.is_err() || out.write_all(b"\n").is_err() {
                    return ExitCode::FAILURE; // stdout closed
                }
            }
            Err(e) => {
                failed = true;
                let _ = out.flush();
                eprintln!("nianbao: {}: {e}", path.display());
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(feature = "gui")]
pub fn window(args: Vec<OsString>) -> ExitCode {
    let launched = std::time::Instant::now();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut bench_frames: Option<usize> = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--bench-frames") => match it.next().and_then(|n| n.to_str()?.parse().ok()) {
                Some(n) => bench_frames = Some(n),
                None => {
                    eprintln!("nianbao: --bench-frames needs a number of frames");
                    return ExitCode::from(2);
                }
            },
            _ => files.push(PathBuf::from(a)),
        }
    }
    // A benchmark must not leave journals of its typing behind.
    let recovery_dir = match bench_frames {
        Some(_) => None,
        None => std::env::var_os("NIANBAO_RECOVERY_DIR")
            .map(PathBuf::from)
            .or_else(nianbao::review::recovery::default_dir),
    };
    let bench = bench_frames.map(|n| nianbao::app::Bench::new(n, launched));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("年报核对 nianbao")
            .with_inner_size([1366.0, 740.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            Ok(Box::new(nianbao::app::EframeApp::new(
                cc,
                files,
                recovery_dir,
                bench,
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: 无法打开窗口 (could not open the window): {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
pub fn window(_args: Vec<OsString>) -> ExitCode {
    eprintln!(
        "nianbao: built without the window (feature `gui`); use `nianbao parse FILE…`\n\n{USAGE}"
    );
    ExitCode::from(2)
}
