//! Reports being read, driven by commands with no window: listed from the
//! moment they are asked for, OCR's progress stored, cancelled (listed as
//! cancelled, not unreadable), read again, and nothing else disturbed.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use nianbao::review::error::FileError;
use nianbao::review::{Command, Effect, OpenRequest, State, Target, worker};
use nianbao::{OcrProgress, ParseError};

#[path = "common/temp.rs"]
mod temp;

/// The read requests among `effects`.
fn requests(effects: Vec<Effect>) -> Vec<OpenRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Parse(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn progress(done: usize, total: usize, cells: usize) -> OcrProgress {
    OcrProgress { done, total, cells }
}

fn cancelled(request: OpenRequest) -> Command {
    Command::Opened {
        request,
        result: Err(FileError::Open {
            name: "scan.pdf".into(),
            source: ParseError::Cancelled,
        }),
    }
}

#[test]
fn files_are_listed_while_read_with_their_progress() {
    let mut state = State::new(None);
    let asked = requests(state.apply(Command::OpenFiles(vec![
        PathBuf::from("/x/scan.pdf"),
        PathBuf::from("/x/other.txt"),
    ])));
    assert_eq!(asked.len(), 2);
    assert_ne!(asked[0].job, asked[1].job);
    assert_eq!(state.reading.len(), 2);
    assert_eq!(state.pending, 2);
    // With no report open, the first being read is shown.
    assert_eq!(state.reading_shown().map(|r| r.id), Some(asked[0].job));
    let job = asked[0].job;
    state.apply(Command::OpenProgress {
        job,
        progress: progress(1, 3, 40),
    });
    // Pages finish out of order: a report of fewer pages done is older.
    state.apply(Command::OpenProgress {
        job,
        progress: progress(0, 3, 0),
    });
    let r = &state.reading[0];
    assert_eq!(r.progress, Some(progress(1, 3, 40)));
    assert_eq!(r.status().text(nianbao::Lang::Zh), "识别第 2/3 页…");
    assert_eq!(r.status().text(nianbao::Lang::En), "Reading page 2 of 3…");
    assert!((r.fraction() - 1.0 / 3.0).abs() < 1e-6);
    // A job nobody knows changes nothing.
    state.apply(Command::OpenProgress {
        job: 999,
        progress: progress(3, 3, 90),
    });
    assert_eq!(state.reading[1].progress, None);
    // The person looks at the other one.
    state.apply(Command::ShowReading(asked[1].job));
    assert_eq!(state.reading_shown().map(|r| r.id), Some(asked[1].job));
}

#[test]
fn a_cancelled_report_stays_listed_and_can_be_read_again() {
    let mut state = State::new(None);
    let first =
        requests(state.apply(Command::OpenFiles(vec![PathBuf::from("/x/scan.pdf")]))).remove(0);
    let job = first.job;
    state.apply(Command::CancelOpen(job));
    assert!(first.cancel.is_cancelled(), "the parse's flag is set");
    assert!(state.reading[0].cancelled);
    // The thread's answer: cancelled. Listed as such, not as unreadable.
    state.apply(cancelled(first.clone()));
    assert_eq!(state.reading.len(), 1);
    assert!(state.reading[0].cancelled);
    assert!(state.failed.is_empty());
    assert!(
        state.messages.iter().all(|m| !m.error),
        "{:?}",
        state.messages
    );
    assert_eq!(state.pending, 0);
    assert_eq!(
        state.reading[0].status().text(nianbao::Lang::En),
        "cancelled; can be read again"
    );
    // Read again: a fresh flag, the same entry.
    let again = requests(state.apply(Command::RetryOpen(job))).remove(0);
    assert_eq!(again.job, job);
    assert_eq!(again.source, first.source);
    assert_ne!(again.cancel, first.cancel);
    assert!(!again.cancel.is_cancelled());
    assert!(!state.reading[0].cancelled);
    assert_eq!(state.pending, 1);
    // A late answer of the first reading does not cancel the second.
    state.apply(cancelled(first));
    assert!(!state.reading[0].cancelled);
    // Read: the report opens under the entry's id, and leaves the list.
    let parsed = nianbao::parse_bytes(nianbao::SAMPLE_NAME, nianbao::SAMPLE_BYTES).unwrap();
    state.apply(Command::Opened {
        request: again,
        result: Ok(Box::new(parsed)),
    });
    assert!(state.reading.is_empty());
    assert_eq!(state.active, Some(job));
    assert_eq!(state.pending, 0);
}

#[test]
fn a_cancelled_entry_can_be_taken_off_the_list() {
    let mut state = State::new(None);
    let r = requests(state.apply(Command::OpenFiles(vec![PathBuf::from("/x/a.png")]))).remove(0);
    // Taking a running one off the list is refused: cancel first.
    state.apply(Command::DismissReading(r.job));
    assert_eq!(state.reading.len(), 1);
    state.apply(Command::CancelOpen(r.job));
    state.apply(Command::DismissReading(r.job));
    assert!(state.reading.is_empty());
    assert!(state.reading_shown().is_none());
}

#[test]
fn other_reports_and_their_edits_are_untouched_by_a_cancel() {
    let mut state = State::new(None);
    state.apply_blocking(Command::LoadSample);
    assert_eq!(state.documents.len(), 1);
    let doc = state.documents[0].id;
    // An edit to the open report.
    let at = state
        .active_doc()
        .unwrap()
        .report
        .tables
        .applications
        .as_ref()
        .map(|t| nianbao::CellRef {
            table: nianbao::TableId::Applications,
            row: 0,
            col: t.spec.rows[0].columns.len() - 1,
        })
        .unwrap();
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "7".into(),
    });
    let scan =
        requests(state.apply(Command::OpenFiles(vec![PathBuf::from("/x/scan.pdf")]))).remove(0);
    // A report open: it stays shown until the person picks the one being read.
    assert!(state.reading_shown().is_none());
    state.apply(Command::CancelOpen(scan.job));
    state.apply(cancelled(scan));
    let d = state.doc(doc).unwrap();
    assert_eq!(d.value(at), Some(7.0));
    assert!(d.dirty);
    assert_eq!(state.active, Some(doc));
}

#[test]
fn the_worker_sends_progress_then_the_report_and_stops_on_cancel() {
    if nianbao::parser::decode::ocr::engine::Tesseract::installed().is_err() {
        eprintln!("skipped: Tesseract not usable");
        return;
    }
    let page = PathBuf::from("tests/fixtures/scans/table_page.png");
    let mut state = State::new(None);
    let request = requests(state.apply(Command::OpenFiles(vec![page.clone()]))).remove(0);
    let sent = Arc::new(Mutex::new(Vec::new()));
    let s = sent.clone();
    let opened = worker::parse(
        request.clone(),
        Arc::new(move |c| s.lock().unwrap().push(c)),
    );
    let sent = std::mem::take(&mut *sent.lock().unwrap());
    assert!(
        sent.iter()
            .all(|c| matches!(c, Command::OpenProgress { job, .. } if *job == request.job)),
        "{sent:?}"
    );
    assert!(
        matches!(sent.last(), Some(Command::OpenProgress { progress, .. }) if progress.done == 1 && progress.cells > 50),
        "{sent:?}"
    );
    for c in sent {
        state.apply(c);
    }
    assert_eq!(state.reading[0].progress.map(|p| p.done), Some(1));
    assert!(matches!(&opened, Command::Opened { result: Ok(_), .. }));
    state.apply(opened);
    assert_eq!(state.documents.len(), 1);
    assert!(state.reading.is_empty());
    // A cancelled request: the worker answers cancelled, at once.
    let again = requests(state.apply(Command::OpenFiles(vec![page]))).remove(0);
    state.apply(Command::CancelOpen(again.job));
    let start = std::time::Instant::now();
    let answer = worker::parse(again, Arc::new(|_| {}));
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        matches!(
            &answer,
            Command::Opened {
                result: Err(FileError::Open {
                    source: ParseError::Cancelled,
                    ..
                }),
                ..
            }
        ),
        "{answer:?}"
    );
    state.apply(answer);
    assert!(state.reading[0].cancelled);
    assert_eq!(state.documents.len(), 1);
}

#[test]
fn a_restore_cancelled_keeps_its_journal_to_replay() {
    let dir = temp::temp_dir("reading", "journal");
    let recovery = dir.join("recovery");
    let mut state = State::new(Some(recovery.clone()));
    state.apply_blocking(Command::LoadSample);
    let at = state
        .active_doc()
        .unwrap()
        .report
        .tables
        .applications
        .as_ref()
        .map(|t| nianbao::CellRef {
            table: nianbao::TableId::Applications,
            row: 0,
            col: t.spec.rows[0].columns.len() - 1,
        })
        .unwrap();
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "9".into(),
    });
    // A new run restores the journal, cancels, and reads again.
    let mut again = State::new(Some(recovery));
    let path = again.recoverable[0].path.clone();
    let r = requests(again.apply(Command::RestoreJournal(path))).remove(0);
    assert!(r.replay.is_some());
    again.apply(Command::CancelOpen(r.job));
    again.apply(cancelled(r.clone()));
    let retry = requests(again.apply(Command::RetryOpen(r.job))).remove(0);
    assert_eq!(retry.replay, r.replay);
    let answer = worker::parse(retry, Arc::new(|_| {}));
    again.apply(answer);
    assert_eq!(again.active_doc().unwrap().value(at), Some(9.0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_folder_of_scans_stops_at_once_when_cancelled() {
    if nianbao::parser::decode::ocr::engine::Tesseract::installed().is_err() {
        eprintln!("skipped: Tesseract not usable");
        return;
    }
    let dir = temp::temp_dir("reading", "folder");
    // Scanned PDFs (a folder's reading skips loose image files).
    let scan = std::fs::read("tests/fixtures/scans/table_page_g4.pdf").unwrap();
    for i in 0..4 {
        std::fs::write(dir.join(format!("scan{i}.pdf")), &scan).unwrap();
    }
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = cancel.clone();
    let folder = dir.clone();
    let worker = std::thread::spawn(move || {
        let mut sent = Vec::new();
        worker::run_batch(1, &[folder], &flag, &mut |c| sent.push(c));
        (sent, std::time::Instant::now())
    });
    // The four pages are being read side by side (seconds each).
    std::thread::sleep(std::time::Duration::from_millis(500));
    let cancelled_at = std::time::Instant::now();
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    let (sent, ended) = worker.join().unwrap();
    let took = ended.duration_since(cancelled_at);
    assert!(
        took < std::time::Duration::from_millis(1500),
        "stopped {took:?} after cancel"
    );
    assert!(
        matches!(
            sent.last(),
            Some(Command::BatchFinished {
                completed: false,
                ..
            })
        ),
        "{sent:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Files read side by side finish in any order: the one asked for second
/// may open first. Both are then found by their ids (the state finds
/// reports by a search over ids in order), and each is shown as itself.
#[test]
fn files_opening_out_of_order_are_both_found() {
    let a = PathBuf::from("tests/fixtures/seeds/000_f28bdb7c4ee4bcba.txt");
    let b = PathBuf::from("tests/fixtures/seeds/001_103b191ae6add938.txt");
    let mut state = State::new(None);
    let asked = requests(state.apply(Command::OpenFiles(vec![a.clone(), b.clone()])));
    assert_eq!(asked.len(), 2);
    let (first, second) = (asked[0].clone(), asked[1].clone());
    // The second file's answer comes first.
    for request in [second.clone(), first.clone()] {
        let answer = worker::parse(request, Arc::new(|_| {}));
        state.apply(answer);
    }
    assert_eq!(state.documents.len(), 2);
    let ids: Vec<u64> = state.documents.iter().map(|d| d.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(state.doc(first.job).and_then(|d| d.path.clone()), Some(a));
    assert_eq!(state.doc(second.job).and_then(|d| d.path.clone()), Some(b));
}
