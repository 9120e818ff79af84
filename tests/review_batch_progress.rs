//! A folder being read shows the page OCR is on in the scan it reads
//! (“识别第 i/n 页…”), not only how many files are done: the review state
//! with no window, and the worker sending that progress.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use nianbao::parser::OcrProgress;
use nianbao::review::{Command, Effect, State, worker};

#[path = "common/temp.rs"]
mod temp;

/// A state reading a folder (its files listed), and the batch's id.
fn reading_a_folder(total: usize) -> (State, u64) {
    let mut state = State::new(None);
    let effects = state.apply(Command::OpenFolders(vec![PathBuf::from("/scans")]));
    let Some(Effect::ParseBatch { batch, .. }) = effects.into_iter().next() else {
        panic!("no batch started");
    };
    state.apply(Command::BatchStarted { batch, total });
    (state, batch)
}

#[test]
fn the_folder_progress_names_the_page_of_the_scan_being_read() {
    let (mut state, batch) = reading_a_folder(3);
    let status = |s: &State| s.batch.as_ref().unwrap().status();
    assert_eq!(status(&state).zh(), "正在读取 0 / 3  ");
    let scan = PathBuf::from("/scans/scan.pdf");
    state.apply(Command::BatchProgress {
        batch,
        path: scan.clone(),
        progress: OcrProgress {
            done: 1,
            total: 4,
            cells: 120,
        },
    });
    let shown = status(&state);
    assert!(
        shown.zh().contains("scan.pdf 识别第 2/4 页…"),
        "{}",
        shown.zh()
    );
    assert!(
        shown.en().contains("scan.pdf: Reading page 2 of 4…"),
        "{}",
        shown.en()
    );
    // Another batch's progress is no news here.
    state.apply(Command::BatchProgress {
        batch: batch + 1,
        path: PathBuf::from("/other/x.pdf"),
        progress: OcrProgress {
            done: 0,
            total: 9,
            cells: 0,
        },
    });
    assert_eq!(status(&state), shown);
    // Once the scan is read, its pages are no longer shown.
    state.apply(Command::BatchOpened {
        batch,
        done: 1,
        path: scan,
        result: Err(nianbao::ParseError::Empty),
    });
    let after = status(&state);
    assert_eq!(after.zh(), "正在读取 1 / 3  scan.pdf");
    assert!(!after.en().contains("page"), "{}", after.en());
}

#[test]
fn the_worker_sends_each_scans_page_progress() {
    if nianbao::parser::decode::ocr::engine::Tesseract::installed().is_err() {
        eprintln!("skipped: Tesseract not usable");
        return;
    }
    let dir = temp::temp_dir("bprogress", "scans");
    let scan = std::fs::read("tests/fixtures/scans/table_page_g4.pdf").unwrap();
    std::fs::write(dir.join("scan.pdf"), scan).unwrap();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let into = sent.clone();
    let mut files = Vec::new();
    worker::run_batch_reporting(
        7,
        std::slice::from_ref(&dir),
        &AtomicBool::new(false),
        &mut |c| files.push(c),
        Some(Arc::new(move |c| into.lock().unwrap().push(c))),
    );
    let sent = sent.lock().unwrap();
    let pages: Vec<(usize, usize)> = sent
        .iter()
        .filter_map(|c| match c {
            Command::BatchProgress {
                batch: 7,
                path,
                progress,
            } if path.ends_with("scan.pdf") => Some((progress.done, progress.total)),
            _ => None,
        })
        .collect();
    assert_eq!(pages, vec![(0, 1), (1, 1)], "{pages:?}");
    assert!(
        files
            .iter()
            .any(|c| matches!(c, Command::BatchOpened { .. }))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
