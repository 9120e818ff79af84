//! Background threads for the state's file work and the native dialogs, so
//! the UI thread never waits on a disk or a dialog. Results come back as
//! commands through one channel.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::review::{Command, Effect, ExportKind, worker};

pub struct Io {
    /// Writes (exports, journals) in order on one thread.
    writes: Sender<Effect>,
    results_tx: Sender<Command>,
    pub results: Receiver<Command>,
    ctx: egui::Context,
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
        Io {
            writes,
            results_tx,
            results,
            ctx,
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
            std::thread::spawn(move || {
                worker::run_batch(batch, &paths, &cancel.0, &mut |cmd| {
                    let _ = tx.send(cmd);
                    ctx.request_repaint();
                });
            });
        } else if matches!(effect, Effect::Parse(_) | Effect::WriteExportAll { .. }) {
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

    /// Shows the native open dialog on a background thread.
    pub fn ask_open_files(&self, last_dir: Option<PathBuf>, title: String) {
        self.answer_later(move || {
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
    pub fn ask_export_path(&self, last_dir: Option<PathBuf>, file_name: String, title: String) {
        self.answer_later(move || {
            let d = dialog(title, last_dir)
                .set_file_name(file_name)
                .add_filter("JSON", &["json"]);
            let file = block_on(d.save_file())?;
            Some(Command::Export(file.path().to_path_buf()))
        });
    }

    /// Shows the native folder dialog; a chosen folder becomes `Command::OpenFolders`.
    pub fn ask_folder(&self, last_dir: Option<PathBuf>, title: String) {
        self.answer_later(move || {
            let folder = block_on(dialog(title, last_dir).pick_folder())?;
            Some(Command::OpenFolders(vec![folder.path().to_path_buf()]))
        });
    }

    /// Asks where "export all" writes: a file, or a folder for one JSON
    /// file per report. The answer becomes `Command::ExportAll`.
    pub fn ask_export_all(&self, kind: ExportKind, last_dir: Option<PathBuf>, title: String) {
        self.answer_later(move || {
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
                ExportKind::Csv => save_as(d, "CSV", "csv"),
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
