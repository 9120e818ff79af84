//! The command line: argument handling and output only; the work is the
//! library's.

use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use nianbao::batch::csv_table::{CsvTable, Headers};
use nianbao::batch::summary::Summary;
use nianbao::batch::{self, Options, Outcome};
use nianbao::export::xlsx_batch::BatchWorkbook;
use nianbao::io::atomic::AtomicFile;

pub const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告 parser and checker

USAGE:
    nianbao [FILE…|FOLDER]            open the review window (on a built-in sample when no file is given)
    nianbao parse [OPTIONS] PATH…     parse files and folders (recursively), print JSON Lines in input order
    nianbao compare [--pretty] A B    compare two reports (the later year is \"this\", the other \"last\"):
                                      every cell of tables 二/三/四 with both values and the change,
                                      the cross_year rules, and the share of each section (一, 五, 六,
                                      whole text) that repeats the other report, with the passages as
                                      byte ranges; one JSON object on stdout
    nianbao --bench-frames N [FILE]   open the window (on FILE, else the sample), type into table 3 for N
                                      frames, print the time to the first frame, to the report on screen
                                      and the frame times on stdout, then close on its own (no journals
                                      are written and nothing is asked)
    nianbao --bench-frames N --bench-charts FOLDER
                                      the same over a folder, with the charts and report list shown and
                                      nothing typed (frame times once every report is read)

OPTIONS (parse):
    --pretty           indent the JSON (one object per file, no longer one per line)
    --output FILE      write the JSON Lines to FILE (atomically) instead of stdout
    --csv FILE         also write one CSV row per report, one column per cell (atomically); UTF-8
                       with a byte order mark, so that Excel reads the Chinese right
    --csv-headers en|zh
                       the CSV's header: en (default) the stable keys (file, agency,
                       applications.granted.total, …) for scripts; zh Chinese (文件, 机关,
                       表三 （一）予以公开 总计, …) for people
    --xlsx FILE        also write an Excel workbook (atomically): sheet 汇总 with a row per report
                       (the CSV's columns, Chinese headers, header row frozen, filters on),
                       sheet 问题 with every failing rule, advisory and reading warning
    --xlsx-reports     with --xlsx, also a sheet per report: its tables 二, 三 and 四 laid out
                       as the printed template, failing rules as cell notes
    --review-sheets DIR
                       also write each report's review sheet (审核意见, a Word document: its
                       failing rules with their cells and values, advisories) into DIR as
                       NAME-审核意见.docx
    --summary          print status counts and the most frequent failing rules to stderr
    --no-cross-year    do not check one agency's consecutive years against each other
    --jobs N           parse on N threads (default: all cores)
    --lang zh|en       the language of messages, warnings and errors (default zh; the JSON keys never change)

ENVIRONMENT (window):
    NIANBAO_BUILTIN_DIALOG=1   always use the window's own file chooser, never the desktop's dialog
    NIANBAO_RECOVERY_DIR       where journals of unsaved corrections go

EXIT STATUS (compare): 0 compared; 1 a file could not be read; 2 wrong usage

EXIT STATUS (parse):
    0  every file was parsed
    1  at least one file could not be read: it gets a JSON line {\"error\": {file, reason}}
       and one line on stderr; the other files are still parsed. A folder with
       no report file in it is said on stderr and also gives 1
    2  wrong usage, or the output could not be written
";

struct Args {
    pretty: bool,
    output: Option<PathBuf>,
    csv: Option<PathBuf>,
    csv_headers: Headers,
    xlsx: Option<PathBuf>,
    xlsx_reports: bool,
    review_sheets: Option<PathBuf>,
    summary: bool,
    cross_year: bool,
    jobs: Option<usize>,
    lang: nianbao::Lang,
    paths: Vec<PathBuf>,
}

fn parse_args(args: &[OsString]) -> Result<Args, String> {
    let mut a = Args {
        pretty: false,
        output: None,
        csv: None,
        csv_headers: Headers::En,
        xlsx: None,
        xlsx_reports: false,
        review_sheets: None,
        summary: false,
        cross_year: true,
        jobs: None,
        lang: nianbao::Lang::Zh,
        paths: vec![],
    };
    let mut only_paths = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let flag = if only_paths { None } else { arg.to_str() };
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            Some("--") => only_paths = true,
            Some("--pretty") => a.pretty = true,
            Some("--summary") => a.summary = true,
            Some("--no-cross-year") => a.cross_year = false,
            Some("--output" | "-o") => a.output = Some(value("--output")?.into()),
            Some("--csv") => a.csv = Some(value("--csv")?.into()),
            Some("--lang") => {
                let v = value("--lang")?;
                a.lang = v
                    .to_str()
                    .and_then(nianbao::Lang::from_code)
                    .ok_or("--lang takes zh or en")?;
            }
            Some("--csv-headers") => {
                a.csv_headers = match value("--csv-headers")?.to_str() {
                    Some("en") => Headers::En,
                    Some("zh") => Headers::Zh,
                    _ => return Err("--csv-headers takes en or zh".into()),
                }
            }
            Some("--xlsx") => a.xlsx = Some(value("--xlsx")?.into()),
            Some("--xlsx-reports") => a.xlsx_reports = true,
            Some("--review-sheets") => a.review_sheets = Some(value("--review-sheets")?.into()),
            Some("--jobs" | "-j") => {
                let v = value("--jobs")?;
                let n = v
                    .to_str()
                    .and_then(|s| s.parse::<usize>().ok())
                    .filter(|&n| n > 0);
                a.jobs = Some(n.ok_or("--jobs takes a whole number ≥ 1")?);
            }
            Some(s) if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option {s}"));
            }
            _ => a.paths.push(PathBuf::from(arg)),
        }
    }
    if a.paths.is_empty() {
        return Err("parse needs at least one file or folder".into());
    }
    if a.xlsx_reports && a.xlsx.is_none() {
        return Err("--xlsx-reports needs --xlsx FILE".into());
    }
    Ok(a)
}

pub fn parse_command(args: &[OsString]) -> ExitCode {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("nianbao: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("nianbao: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the batch; `Ok(false)` when some file could not be read.
fn run(args: &Args) -> anyhow::Result<bool> {
    use anyhow::Context;
    let files = batch::expand_inputs(&args.paths);
    // The pool starts its threads at once: not for a single file.
    if let Some(n) = args.jobs
        && files.len() > 1
    {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    // A folder that holds no report is input that gave nothing: said on
    // stderr and counted as unreadable, so a script sees exit status 1.
    let mut all_read = true;
    for p in &args.paths {
        if p.is_dir() && !files.iter().any(|f| f.starts_with(p)) {
            all_read = false;
            match args.lang {
                nianbao::Lang::Zh => eprintln!(
                    "nianbao: {}: 文件夹中没有报告文件 (no report files in this folder)",
                    p.display()
                ),
                nianbao::Lang::En => {
                    eprintln!("nianbao: {}: no report files in this folder", p.display())
                }
            }
        }
    }
    let mut json = match &args.output {
        Some(path) => JsonOut::File(
            AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => JsonOut::Stdout(BufWriter::new(io::stdout().lock())),
    };
    let mut csv = match &args.csv {
        Some(path) => Some(
            CsvTable::with_headers(
                AtomicFile::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                args.csv_headers,
            )
            .context("cannot write the CSV header")?,
        ),
        None => None,
    };
    // The workbook is kept whole in memory and written at the end; its
    // file is created now, so that a path that cannot be written stops the
    // run before the parsing.
    let mut xlsx = match &args.xlsx {
        Some(path) => Some((
            AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?,
            BatchWorkbook::new(args.xlsx_reports).context("cannot start the workbook")?,
        )),
        None => None,
    };
    let mut review_sheets = match &args.review_sheets {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            Some(ReviewSheets::new(dir.clone()))
        }
        None => None,
    };
    let bar = progress_bar(files.len());
    let progress = |done: usize, _total: usize, path: &Path| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
            bar.set_message(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
    };
    let mut summary = Summary::default();
    let cancel = AtomicBool::new(false);
    let options = Options {
        cross_year: args.cross_year,
        lang: args.lang,
        // One file has no bar: a scan's pages are shown as OCR reads them,
        // on the terminal only (never into the JSON).
        ocr_progress: (bar.is_none() && io::stderr().is_terminal())
            .then_some(print_ocr_progress as batch::OcrProgressFn),
    };
    batch::run(
        &files,
        options,
        &cancel,
        &progress,
        |outcome: Outcome| -> anyhow::Result<()> {
            if let Outcome::Failed { file, reason } = &outcome {
                all_read = false;
                let line = format!("nianbao: {file}: {reason}");
                match &bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
            write_json(&mut json, &outcome, args.pretty).context("cannot write the JSON output")?;
            if let Some(csv) = &mut csv {
                csv.write(&outcome).context("cannot write the CSV output")?;
            }
            if let Some((_, book)) = &mut xlsx {
                book.add(&outcome).context("cannot write the workbook")?;
            }
            if let (Some(sheets), Outcome::Parsed(report)) = (&mut review_sheets, &outcome) {
                sheets.write(report)?;
            }
            summary.add(&outcome);
            Ok(())
        },
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    json.finish().context("cannot write the JSON output")?;
    if let Some(csv) = csv {
        csv.finish()
            .context("cannot write the CSV output")?
            .commit()
            .context("cannot write the CSV output")?;
    }
    if let Some((mut file, book)) = xlsx {
        let bytes = book.finish().context("cannot write the workbook")?;
        file.write_all(&bytes)
            .and_then(|()| file.commit())
            .context("cannot write the workbook")?;
    }
    if args.summary {
        match args.lang {
            nianbao::Lang::Zh => eprint!("{summary}"),
            nianbao::Lang::En => eprint!("{}", summary.english()),
        }
    }
    Ok(all_read)
}

/// The review sheets of a run, one DOCX per report in one folder, named
/// after the report's file (numbered when two share a name).
struct ReviewSheets {
    dir: PathBuf,
    used: std::collections::HashSet<String>,
    date: String,
}

impl ReviewSheets {
    fn new(dir: PathBuf) -> ReviewSheets {
        ReviewSheets {
            dir,
            used: Default::default(),
            date: nianbao::export::review_sheet::today_in_china(),
        }
    }

    fn write(&mut self, report: &nianbao::Report) -> anyhow::Result<()> {
        use anyhow::Context;
        let stem = Path::new(&report.source.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "report".into());
        let mut name = format!("{stem}-审核意见.docx");
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{stem}-{n}-审核意见.docx");
            n += 1;
        }
        let path = self.dir.join(name);
        let bytes = nianbao::export::review_sheet::review_sheet(report, &self.date)
            .with_context(|| format!("cannot write {}", path.display()))?;
        nianbao::io::atomic::write_file(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

/// `nianbao compare [--pretty] A B`: the comparison of two reports as JSON.
pub fn compare_command(args: &[OsString]) -> ExitCode {
    use nianbao::compare::{Side, by_year, compare};
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let pretty = args.iter().any(|a| a == "--pretty");
    let paths: Vec<&OsString> = args.iter().filter(|a| *a != "--pretty").collect();
    if let Some(flag) = paths
        .iter()
        .filter_map(|a| a.to_str())
        .find(|a| a.starts_with('-') && a.len() > 1)
    {
        eprintln!("nianbao: unknown option {flag}\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let [a, b] = paths.as_slice() else {
        eprintln!("nianbao: compare needs exactly two files\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let read = |p: &OsString| {
        nianbao::parse_path(Path::new(p)).map_err(|e| {
            eprintln!("nianbao: {}: {e}", Path::new(p).display());
        })
    };
    let (Ok(a), Ok(b)) = (read(a), read(b)) else {
        return ExitCode::FAILURE;
    };
    let (this, last) = by_year(
        Side {
            report: &a.report,
            text: &a.text,
        },
        Side {
            report: &b.report,
            text: &b.text,
        },
    );
    let comparison = compare(this, last);
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, &comparison)
    } else {
        serde_json::to_writer(&mut out, &comparison)
    };
    match written
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Where the JSON Lines go: stdout, or a file that appears only when whole.
enum JsonOut {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl JsonOut {
    fn finish(self) -> io::Result<()> {
        match self {
            JsonOut::Stdout(mut out) => out.flush(),
            JsonOut::File(file) => file.commit(),
        }
    }
}

impl Write for JsonOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            JsonOut::Stdout(out) => out.write(buf),
            JsonOut::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            JsonOut::Stdout(out) => out.flush(),
            JsonOut::File(file) => file.flush(),
        }
    }
}

fn write_json(out: &mut dyn Write, outcome: &Outcome, pretty: bool) -> io::Result<()> {
    outcome.write_json_line(out, pretty)
}

/// A scanned file's pages as OCR reads them, on one terminal line that
/// each report rewrites, ended when the last page is read.
fn print_ocr_progress(path: &Path, p: nianbao::OcrProgress) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = p.text();
    let end = if p.done >= p.total { "\n" } else { "" };
    eprint!(
        "\r\x1b[Knianbao: {name}: {} ({}){end}",
        text.text(nianbao::Lang::Zh),
        text.text(nianbao::Lang::En)
    );
}

fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() || total < 2 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

#[cfg(feature = "gui")]
pub fn window(args: Vec<OsString>) -> ExitCode {
    let launched = std::time::Instant::now();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut bench_frames: Option<usize> = None;
    let mut bench_charts = false;
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
            Some("--bench-charts") => bench_charts = true,
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
    let bench = bench_frames.map(|n| {
        let mut b = nianbao::app::Bench::new(n, launched);
        b.charts = bench_charts;
        b
    });
    nianbao::background::lower_parsing_threads();
    nianbao::huge_pages::disable_for_this_process();
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
