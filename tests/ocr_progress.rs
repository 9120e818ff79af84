//! OCR's progress and cancel through the parser: a scanned report reports
//! each page as it is read, and a cancel stops it promptly with
//! `ParseError::Cancelled`, never a partial report. Needs Tesseract with
//! its Chinese model; skips with a message without it (CI installs it).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nianbao::{CancelToken, OcrProgress, ParseError, ParseOptions};

#[path = "common/scans.rs"]
mod scans;
use scans::{PAGE, engine_ready, scanned_pdf};

/// Options recording every progress report.
fn recording() -> (ParseOptions, Arc<Mutex<Vec<OcrProgress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    let options = ParseOptions {
        cancel: Some(CancelToken::new()),
        progress: Some(Arc::new(move |p| s.lock().unwrap().push(p))),
    };
    (options, seen)
}

#[test]
fn each_page_read_is_reported_in_order() {
    if !engine_ready("each_page_read_is_reported_in_order") {
        return;
    }
    let (options, seen) = recording();
    let parsed = nianbao::parse_bytes_with("scan.pdf", &scanned_pdf(2), &options).unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen.first(),
        Some(&OcrProgress {
            done: 0,
            total: 2,
            cells: 0
        })
    );
    let last = *seen.last().unwrap();
    assert_eq!((last.done, last.total), (2, 2), "{seen:?}");
    assert!(last.cells > 100, "two table pages' cells: {seen:?}");
    assert!(
        seen.windows(2)
            .all(|w| w[1].done == w[0].done + 1 && w[1].cells >= w[0].cells),
        "{seen:?}"
    );
    assert!(parsed.report.tables.applications.is_some());
}

#[test]
fn a_cancel_stops_the_reading_within_a_second() {
    if !engine_ready("a_cancel_stops_the_reading_within_a_second") {
        return;
    }
    let (options, seen) = recording();
    let token = options.cancel.clone().unwrap();
    let bytes = scanned_pdf(3);
    let worker = std::thread::spawn(move || {
        let r = nianbao::parse_bytes_with("scan.pdf", &bytes, &options);
        (r, Instant::now())
    });
    // Cancelled while the engine is at work on the pages.
    let start = Instant::now();
    while seen.lock().unwrap().is_empty() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    let cancelled_at = Instant::now();
    token.cancel();
    let (result, ended) = worker.join().unwrap();
    assert!(
        matches!(result, Err(ParseError::Cancelled)),
        "{:?}",
        result.map(|p| p.report.source.file)
    );
    let took = ended.duration_since(cancelled_at);
    assert!(
        took < Duration::from_secs(1),
        "stopped {took:?} after cancel"
    );
    let seen = seen.lock().unwrap();
    assert!(seen.last().is_none_or(|p| p.done < 3), "{seen:?}");
}

#[test]
fn a_cancelled_parse_is_an_error_in_both_languages() {
    // Cancelled before it starts: no OCR, no report (with or without the engine).
    let token = CancelToken::new();
    token.cancel();
    let options = ParseOptions {
        cancel: Some(token),
        progress: None,
    };
    let err = nianbao::parse_path_with(Path::new(PAGE), &options).unwrap_err();
    assert!(matches!(err, ParseError::Cancelled));
    assert!(err.text(nianbao::Lang::Zh).contains("已取消"));
    assert!(err.text(nianbao::Lang::En).contains("cancelled"));
    // A text report never looks at the token's progress.
    let sample = nianbao::parse_bytes_with(
        nianbao::SAMPLE_NAME,
        nianbao::SAMPLE_BYTES,
        &ParseOptions::default(),
    );
    assert!(sample.is_ok());
}

#[test]
fn an_image_file_reports_its_page() {
    if !engine_ready("an_image_file_reports_its_page") {
        return;
    }
    let (options, seen) = recording();
    nianbao::parse_path_with(Path::new(PAGE), &options).unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!((seen[1].done, seen[1].total), (1, 1));
}

/// What the batch's progress function was told (a plain `fn`: no captures).
static BATCH_SEEN: Mutex<Vec<(std::path::PathBuf, OcrProgress)>> = Mutex::new(Vec::new());

fn note_batch_progress(path: &Path, p: OcrProgress) {
    BATCH_SEEN.lock().unwrap().push((path.to_path_buf(), p));
}

#[test]
fn a_batch_passes_each_files_ocr_progress_on() {
    if !engine_ready("a_batch_passes_each_files_ocr_progress_on") {
        return;
    }
    let files = vec![std::path::PathBuf::from(PAGE)];
    let options = nianbao::batch::Options {
        ocr_progress: Some(note_batch_progress),
        ..Default::default()
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut parsed = 0;
    nianbao::batch::run(&files, options, &cancel, &|_, _, _| {}, |o| {
        parsed += usize::from(matches!(o, nianbao::batch::Outcome::Parsed(_)));
        Ok::<(), ()>(())
    })
    .unwrap();
    assert_eq!(parsed, 1);
    let seen = BATCH_SEEN.lock().unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|(p, _)| p == &files[0]));
    assert_eq!((seen[1].1.done, seen[1].1.total), (1, 1));
}
