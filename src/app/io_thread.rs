//! Background threads for the state's file work and the native dialogs, so
//! the UI thread never waits on a disk or a dialog. Results come back as
//! commands through one channel.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::review::{Command, Effect, ExportKind, ReportFile, worker};

pub struct Io {
    /// Writes (exports, journals) in order on one thread.
    writes: Sender<Effect>,
    /// Repair proposals of edited reports, on a thread of their own.
    suggest: Sender<Effect>,
    results_tx: Sender<Command>,
    pub results: Receiver<Command>,
    ctx: egui::Context,
    /// A native dialog answered faster than a person could: none was shown,
    /// so the window's own chooser is used from then on.
    native_failed: Arc<AtomicBool>,
}

/// An answer faster than this is no person cancelling a dialog but a dialog
/// that could not be shown.
const FASTEST_CANCEL: Duration = Duration::from_millis(300);

/// The variable that forces the window's own chooser (`1`).
pub const BUILTIN_DIALOG_VAR: &str = "NIANBAO_BUILTIN_DIALOG";

/// Whether a native dialog can appear at all: not when
/// `NIANBAO_BUILTIN_DIALOG=1`; on Linux and the BSDs only with `zenity`
/// (rfd's fallback) or `kdialog` on the PATH, or a D-Bus session with an
/// xdg-desktop-portal installed; elsewhere always.
pub fn native_dialogs_possible() -> bool {
    if std::env::var_os(BUILTIN_DIALOG_VAR).is_some_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        return true;
    }
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(name).is_file()))
    };
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| std::path::Path::new(&d).join("bus").exists());
    let portal = [
        "/usr/share/dbus-1/services/org.freedesktop.portal.Desktop.service",
        "/usr/local/share/dbus-1/services/org.freedesktop.portal.Desktop.service",
    ]
    .iter()
    .any(|p| std::path::Path::new(p).exists());
    on_path("zenity") || on_path("kdialog") || (session_bus && portal)
}

impl Io {
    pub fn new(ctx: egui::Context) -> Io {
        let (results_tx, results) = channel();
        let (writes, queue) = channel::<Effect>();
        let tx = results_tx.clone();
        let c = ctx.clone();
        std::thread::spawn(move || {
            for effect in queue {
                if let Some(cmd) = worker::perform(effect) {
                    let _ = tx.send(cmd);
                    c.request_repaint();
                }
            }
        });
        let (suggest, requests) = channel::<Effect>();
        let (tx, c) = (results_tx.clone(), ctx.clone());
        std::thread::spawn(move || {
            // Proposals can wait a frame; the window cannot.
            crate::background::lower_this_thread();
            while let Ok(first) = requests.recv() {
                // Typed faster than proposals are made: only each report's
                // latest revision is worth making.
                let mut latest = vec![first];
                for e in requests.try_iter() {
                    latest.retain(|l| suggested_doc(l) != suggested_doc(&e));
                    latest.push(e);
                }
                for e in latest {
                    if let Some(cmd) = worker::perform(e) {
                        let _ = tx.send(cmd);
                        c.request_repaint();
                    }
                }
            }
        });
        Io {
            writes,
            suggest,
            results_tx,
            results,
            ctx,
            native_failed: Arc::default(),
        }
    }

    /// Runs an I/O effect in the background: parsing on its own thread (a
    /// large file must not hold up journal writes), writes in order.
    pub fn run(&self, effect: Effect) {
        if let Effect::ParseBatch {
            batch,
            paths,
            cancel,
        } = effect
        {
            // Its own thread; rayon parses the files on all cores.
            let tx = self.results_tx.clone();
            let ctx = self.ctx.clone();
            // OCR's page progress comes from the threads reading the pages.
            let (progress_tx, progress_ctx) = (tx.clone(), ctx.clone());
            // A frame within `LOADING_FRAME` shows what arrived, not one
            // per report.
            let ocr = Arc::new(move |cmd| {
                let _ = progress_tx.send(cmd);
                progress_ctx.request_repaint_after(super::LOADING_FRAME);
            });
            std::thread::spawn(move || {
                worker::run_batch_reporting(
                    batch,
                    &paths,
                    &cancel.0,
                    &mut |cmd| {
                        let _ = tx.send(cmd);
                        ctx.request_repaint_after(super::LOADING_FRAME);
                    },
                    Some(ocr),
                );
            });
        } else if let Effect::Parse(request) = effect {
            // Its own thread, so other reports opened meanwhile still open;
            // OCR's progress comes back as it goes.
            let tx = self.results_tx.clone();
            let ctx = self.ctx.clone();
            let emit = move |cmd| {
                let _ = tx.send(cmd);
                ctx.request_repaint();
            };
            self.answer_later(move || Some(worker::parse(request, Arc::new(emit))));
        } else if matches!(effect, Effect::Suggest { .. }) {
            let _ = self.suggest.send(effect);
        } else if matches!(
            effect,
            Effect::WriteExportAll { .. }
                | Effect::WriteReportFile { .. }
                | Effect::ListFolder { .. }
        ) {
            self.answer_later(move || worker::perform(effect));
        } else {
            let _ = self.writes.send(effect);
        }
    }

    /// Runs `job` on a thread of its own; its command, if any, comes back
    /// through the results channel and wakes the UI.
    fn answer_later(&self, job: impl FnOnce() -> Option<Command> + Send + 'static) {
        let tx = self.results_tx.clone();
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            if let Some(cmd) = job() {
                let _ = tx.send(cmd);
                ctx.request_repaint();
            }
        });
    }

    /// A native dialog failed quickly before: use the window's own chooser.
    pub fn native_failed(&self) -> bool {
        self.native_failed.load(Ordering::Relaxed)
    }

    /// Runs a native dialog on a thread of its own. `None` from it within
    /// `FASTEST_CANCEL` means no dialog was shown: `fallback` (the window's
    /// own chooser) is sent instead, and used from then on.
    fn dialog_later(
        &self,
        fallback: Command,
        dialog: impl FnOnce() -> Option<Command> + Send + 'static,
    ) {
        let failed = self.native_failed.clone();
        self.answer_later(move || {
            let start = Instant::now();
            let answer = dialog();
            if answer.is_none() && start.elapsed() < FASTEST_CANCEL {
                failed.store(true, Ordering::Relaxed);
                return Some(fallback);
            }
            answer
        });
    }

    /// Shows the native open dialog on a background thread.
    pub fn ask_open_files(&self, last_dir: Option<PathBuf>, title: String, fallback: Command) {
        self.dialog_later(fallback, move || {
            let d = dialog(title, last_dir)
                .add_filter(
                    "报告 / reports",
                    &["txt", "html", "htm", "docx", "doc", "wps", "pdf"],
                )
                .add_filter("*", &["*"]);
            let files = block_on(d.pick_files())?;
            Some(Command::OpenFiles(
                files.iter().map(|f| f.path().to_path_buf()).collect(),
            ))
        });
    }

    /// Shows the native save dialog; a chosen path becomes `Command::Export`.
    pub fn ask_export_path(
        &self,
        last_dir: Option<PathBuf>,
        file_name: String,
        title: String,
        fallback: Command,
    ) {
        self.dialog_later(fallback, move || {
            let d = dialog(title, last_dir)
                .set_file_name(file_name)
                .add_filter("JSON", &["json"]);
            let file = block_on(d.save_file())?;
            Some(Command::Export(file.path().to_path_buf()))
        });
    }

    /// Shows the native save dialog for an office file of the active
    /// report; a chosen path becomes `Command::ExportReportFile`.
    pub fn ask_report_file(
        &self,
        kind: ReportFile,
        last_dir: Option<PathBuf>,
        file_name: String,
        title: String,
        fallback: Command,
    ) {
        self.dialog_later(fallback, move || {
            let (name, ext) = match kind {
                ReportFile::Xlsx => ("Excel", "xlsx"),
                ReportFile::ReviewSheet => ("Word", "docx"),
            };
            let d = dialog(title, last_dir)
                .set_file_name(file_name)
                .add_filter(name, &[ext]);
            let file = block_on(d.save_file())?;
            Some(Command::ExportReportFile {
                kind,
                path: file.path().to_path_buf(),
            })
        });
    }

    /// Shows the native folder dialog; a chosen folder becomes `Command::OpenFolders`.
    pub fn ask_folder(&self, last_dir: Option<PathBuf>, title: String, fallback: Command) {
        self.dialog_later(fallback, move || {
            let folder = block_on(dialog(title, last_dir).pick_folder())?;
            Some(Command::OpenFolders(vec![folder.path().to_path_buf()]))
        });
    }

    /// Asks where "export all" writes: a file, or a folder for one JSON
    /// file per report. The answer becomes `Command::ExportAll`.
    pub fn ask_export_all(
        &self,
        kind: ExportKind,
        last_dir: Option<PathBuf>,
        title: String,
        fallback: Command,
    ) {
        self.dialog_later(fallback, move || {
            let d = dialog(title, last_dir);
            let save_as = |d: rfd::AsyncFileDialog, name: &str, ext: &str| {
                block_on(
                    d.set_file_name(kind.default_name())
                        .add_filter(name, &[ext])
                        .save_file(),
                )
            };
            let chosen = match kind {
                ExportKind::JsonFolder => block_on(d.pick_folder()),
                ExportKind::JsonLines => save_as(d, "JSON Lines", "jsonl"),
                ExportKind::Csv | ExportKind::RegionTotalsCsv => save_as(d, "CSV", "csv"),
                ExportKind::Xlsx | ExportKind::XlsxWithReports => save_as(d, "Excel", "xlsx"),
            }?;
            Some(Command::ExportAll {
                kind,
                path: chosen.path().to_path_buf(),
            })
        });
    }
}

/// A native dialog with its title, opening in the last folder used.
fn dialog(title: String, last_dir: Option<PathBuf>) -> rfd::AsyncFileDialog {
    let d = rfd::AsyncFileDialog::new().set_title(title);
    match last_dir {
        Some(dir) => d.set_directory(dir),
        None => d,
    }
}

/// Waits for a future on the current (background) thread: enough for a
/// dialog's future, without an async runtime.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// The document whose repair proposals an effect asks for.
fn suggested_doc(effect: &Effect) -> Option<u64> {
    match effect {
        Effect::Suggest { doc, .. } => Some(*doc),
        _ => None,
    }
}
