//! The review window (eframe/egui): drawing only. Widgets push
//! [`Command`]s; [`ReviewApp::send`] applies them to the plain-data
//! [`State`](crate::review::State) and carries out the effects — the only
//! place that opens native dialogs or hands file work to a thread.

mod bench;
mod cell;
mod figures;
mod fonts;
mod grid;
mod i18n;
mod io_thread;
mod keyboard;
mod page_textures;
mod page_view;
mod panels;
mod settings;
mod source_pane;
mod theme;

use std::path::PathBuf;
use std::time::Instant;

use crate::review::{ChooserAction, ChooserMode, Command, Effect, State, Target, worker};

pub use bench::Bench;
pub use fonts::install as install_fonts;
pub use i18n::Lang;
pub use settings::Settings;

/// What only the window needs: the cell being typed into, open dialogs,
/// scroll requests.
#[derive(Debug, Default)]
pub struct View {
    /// The cell being typed into and the text typed so far.
    pub editing: Option<(Target, String)>,
    /// A report whose close waits for the person's answer.
    pub confirm_close: Option<u64>,
    /// The window's close waits for the person's answer.
    pub confirm_quit: bool,
    /// The person agreed to quit and lose unsaved corrections.
    pub quit_confirmed: bool,
    /// Scroll grid and source to the selection on the next frame.
    pub scroll_to_selection: bool,
    /// The checks re-run with the text being typed, for the cell and text
    /// they were computed for (recomputed only when the text changes).
    pub preview: Option<(Target, String, Vec<crate::model::Check>)>,
    /// The overview of all reports is shown instead of one report's tables.
    pub show_overview: bool,
    /// The charts are shown instead of the grids.
    pub charts: bool,
    /// Something drawn this frame shows the batch figures (the charts, the
    /// list's year or rule choices): keep them current.
    pub figures_wanted: bool,
    /// How long the charts took to build in the last frame (for `--bench-frames`).
    pub charts_time: Option<std::time::Duration>,
    /// The source pane's tab and the page view's zoom, page and scroll.
    pub page_view: crate::review::PageView,
    /// Where the page view's scroll area was last frame.
    pub page_scroll: page_view::LastScroll,
}

pub struct ReviewApp {
    pub state: State,
    pub settings: Settings,
    pub view: View,
    /// `None`: file work runs in place and dialogs are not shown (tests).
    io: Option<io_thread::Io>,
    pub bench: Option<Bench>,
    applied_theme: Option<bool>,
    /// Headless only: a batch's results, handed to the state one per frame
    /// as a background thread would, so tests see a batch under way.
    backlog: std::collections::VecDeque<Command>,
    /// A native file dialog can appear (see `io_thread::native_dialogs_possible`);
    /// otherwise the window's own chooser is used.
    native_dialogs: bool,
    /// The page view's render worker and its textures.
    pages: page_textures::PageTextures,
    /// Where the batch figures are computed: a thread, or in place (tests).
    figures: figures::FiguresRunner,
    /// When figures were last asked for while a folder was read.
    figures_asked: Option<Instant>,
}

/// While a folder is read the reports change every frame: figures are asked
/// for at most this often.
const FIGURES_WHILE_READING: std::time::Duration = std::time::Duration::from_millis(500);

/// The part of a frame spent applying what background threads sent (a
/// folder's reports as they are read) and placing the reports read in the
/// sorted lists: the rest waits for the next frame. The results take at
/// most `RESULTS_SHARE` of it, so that placing keeps up. With the frame's
/// build (about 1.2 ms) the frame stays within 2 ms; more frames come
/// instead (`LOADING_FRAME`). Measured with 10,000 reports: 3 ms and 2 ms
/// at 30 frames a second gave 2.2–2.5 ms a frame (p95 3–4 ms); these at
/// 60 gave 1.7–1.8 ms (p95 2.2 ms), every report shown as soon.
const RESULTS_BUDGET: std::time::Duration = std::time::Duration::from_micros(800);
const RESULTS_SHARE: std::time::Duration = std::time::Duration::from_micros(500);

/// How soon a frame follows a result of a folder being read (input is
/// drawn at once as ever): each arriving report asked for a frame at once,
/// and drawing is work on the same cores as the parsing (all of it where
/// the drawing is done in software, as over remote desktops). One a
/// display refresh at most.
pub(crate) const LOADING_FRAME: std::time::Duration = std::time::Duration::from_millis(16);

impl ReviewApp {
    /// The window's app: background threads for I/O, native dialogs.
    pub fn new(ctx: &egui::Context, settings: Settings, recovery_dir: Option<PathBuf>) -> Self {
        install_fonts(ctx);
        ReviewApp {
            state: State::new(recovery_dir),
            settings,
            view: View::default(),
            io: Some(io_thread::Io::new(ctx.clone())),
            bench: None,
            applied_theme: None,
            backlog: Default::default(),
            native_dialogs: io_thread::native_dialogs_possible(),
            pages: page_textures::PageTextures::threaded(ctx),
            figures: figures::FiguresRunner::threaded(ctx),
            figures_asked: None,
        }
    }

    /// For tests: file work in place, no native dialogs (the window's own
    /// chooser instead), so a frame shows the result. The caller installs the fonts ([`install_fonts`]).
    pub fn headless(recovery_dir: Option<PathBuf>) -> Self {
        ReviewApp {
            state: State::new(recovery_dir),
            settings: Settings::default(),
            view: View::default(),
            io: None,
            bench: None,
            applied_theme: None,
            backlog: Default::default(),
            native_dialogs: false,
            pages: page_textures::PageTextures::in_place(),
            figures: figures::FiguresRunner::in_place(),
            figures_asked: None,
        }
    }

    /// The one handler: applies a command and carries out its effects.
    pub fn send(&mut self, command: Command) {
        if matches!(command, Command::CancelBatch) {
            // Headless: what a cancelled thread would no longer send.
            self.backlog.clear();
        }
        let selection_moves = matches!(command, Command::Select(_) | Command::Move(_));
        let before = self.state.active_doc().and_then(|d| d.selected);
        for effect in self.state.apply(command) {
            self.carry_out(effect);
        }
        let after = self.state.active_doc().and_then(|d| d.selected);
        if selection_moves || before != after {
            self.view.scroll_to_selection = true;
        }
    }

    fn carry_out(&mut self, effect: Effect) {
        let lang = self.settings.lang;
        match effect {
            e if e.is_io() => match &self.io {
                Some(io) => io.run(e),
                None if matches!(e, Effect::ParseBatch { .. }) => {
                    if let Effect::ParseBatch {
                        batch,
                        paths,
                        cancel,
                    } = e
                    {
                        let backlog = &mut self.backlog;
                        worker::run_batch(batch, &paths, &cancel.0, &mut |c| backlog.push_back(c));
                    }
                }
                None => {
                    if let Some(cmd) = worker::perform(e) {
                        self.send(cmd);
                    }
                }
            },
            Effect::AskOpenFiles => {
                let title = lang.t("打开报告", "Open reports").to_string();
                self.ask(ChooserMode::OpenFiles, |io, dir, fallback| {
                    io.ask_open_files(dir, title, fallback)
                });
            }
            Effect::AskExportPath { file_name, .. } => {
                let title = lang.t("导出 JSON", "Export JSON").to_string();
                let mode = ChooserMode::ExportJson {
                    file_name: file_name.clone(),
                };
                self.ask(mode, |io, dir, fallback| {
                    io.ask_export_path(dir, file_name, title, fallback)
                });
            }
            Effect::AskFolder => {
                let title = lang.t("打开文件夹", "Open folder").to_string();
                self.ask(ChooserMode::OpenFolder, |io, dir, fallback| {
                    io.ask_folder(dir, title, fallback)
                });
            }
            Effect::AskExportAllPath { kind } => {
                // The dialog says whether the list's filter narrows the export.
                let title = format!(
                    "{}：{}",
                    lang.t("全部导出", "Export all"),
                    panels::export_scope_text(self.state.export_scope(), lang)
                );
                self.ask(ChooserMode::ExportAll(kind), |io, dir, fallback| {
                    io.ask_export_all(kind, dir, title, fallback)
                });
            }
            Effect::AskReportFilePath { kind, file_name } => {
                let mode = ChooserMode::ExportReportFile {
                    kind,
                    file_name: file_name.clone(),
                };
                let title = panels::chooser_title(&mode, lang).to_string();
                self.ask(mode, |io, dir, fallback| {
                    io.ask_report_file(kind, dir, file_name, title, fallback)
                });
            }
            Effect::ConfirmClose { doc } => self.view.confirm_close = Some(doc),
            Effect::Opened(path) => self.settings.remember(path),
            _ => {}
        }
    }

    /// Asks where to read or write: the native dialog when one can appear
    /// (`native`, given the last folder and the window's own chooser to fall
    /// back on), else at once the window's own chooser. Headless (tests):
    /// always the window's own.
    fn ask(
        &mut self,
        mode: ChooserMode,
        native: impl FnOnce(&io_thread::Io, Option<PathBuf>, Command),
    ) {
        let show = Command::Chooser(ChooserAction::Show {
            mode,
            start: self.settings.last_dir.clone(),
            recent: self.settings.recent_folders(),
        });
        match &self.io {
            Some(io) if self.native_dialogs && !io.native_failed() => {
                native(io, self.settings.last_dir.clone(), show)
            }
            _ => self.send(show),
        }
    }

    /// Commits the text being typed. `false` when it was refused (the hint
    /// says why, and the text stays for the person to fix).
    pub fn commit_edit(&mut self) -> bool {
        let Some((target, text)) = self.view.editing.take() else {
            return true;
        };
        self.send(Command::Edit {
            target,
            text: text.clone(),
        });
        if self.state.hint.is_some() {
            self.view.editing = Some((target, text));
            return false;
        }
        true
    }

    /// The whole window inside `ui`; used by eframe and by the widget tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let frame_start = Instant::now();
        let cpu_start = if self.bench.is_some() {
            bench::thread_cpu()
        } else {
            std::time::Duration::ZERO
        };
        if self.applied_theme != Some(self.settings.dark) {
            ui.ctx().set_theme(if self.settings.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_theme = Some(self.settings.dark);
        }
        let applied = self.take_results(ui.ctx(), frame_start);
        let results_spent = frame_start.elapsed();
        for figures in self.figures.received() {
            self.send(Command::FiguresComputed(figures));
        }
        // A folder being read places its new reports in the lists once a
        // frame, not once a file, within the frame's budget.
        self.state.set_overview_hidden(!self.view.show_overview);
        self.state
            .refresh_lists_until(Some(frame_start + RESULTS_BUDGET));
        if self.state.lists_pending() {
            self.request_loading_frame(ui.ctx());
        }
        if let Some(b) = &mut self.bench {
            b.state_time(frame_start.elapsed(), applied, results_spent);
        }
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.iter().any(|p| p.is_dir()) {
            self.send(Command::OpenFolders(dropped));
        } else if !dropped.is_empty() {
            self.send(Command::OpenFiles(dropped));
        }
        if self.view.confirm_close.is_none()
            && !self.view.confirm_quit
            && self.state.chooser.is_none()
        {
            keyboard::handle(self, ui);
        }
        let mut out: Vec<Command> = Vec::new();
        panels::show(self, ui, &mut out);
        for cmd in out {
            match cmd {
                // Undo takes back edits, not the half-typed text: drop it.
                Command::Undo | Command::Redo => self.view.editing = None,
                // Leaving a cell keeps what was typed, as a spreadsheet does;
                // refused text stays in the cell with its hint.
                Command::Select(_) | Command::Activate(_) | Command::ChooseExportPath
                    if !self.commit_edit() =>
                {
                    continue;
                }
                _ => {}
            }
            self.send(cmd);
        }
        self.exchange_figures(ui.ctx());
        if let Some(b) = &mut self.bench {
            // Every report read and listed: a folder's batch finished too.
            let shown = self.state.active_doc().is_some()
                && self.state.batch.is_none()
                && self.state.pending == 0
                && !self.state.lists_pending();
            if let Some(t) = self.view.charts_time.take() {
                b.charts_times.push(t);
            }
            if let Some(script) = b.frame(shown, frame_start, cpu_start) {
                let timed = b.timing_edit();
                let (edit_start, edit_cpu) = (Instant::now(), bench::thread_cpu());
                bench::drive(self, script, ui.ctx());
                if timed && let Some(b) = &mut self.bench {
                    b.edit_times.push(edit_start.elapsed());
                    b.edit_cpu
                        .push(bench::thread_cpu().saturating_sub(edit_cpu));
                }
            }
        }
    }

    /// Applies what the background threads sent, for at most
    /// `RESULTS_SHARE` of the frame (a folder's reports arrive faster than
    /// a frame takes them): the rest stays queued, in order, for the next
    /// frame, which is asked for. Headless (tests): one a frame.
    /// Returns how many were applied.
    fn take_results(&mut self, ctx: &egui::Context, frame_start: Instant) -> usize {
        if self.io.is_none() {
            let cmd = self.backlog.pop_front();
            let applied = usize::from(cmd.is_some());
            if let Some(cmd) = cmd {
                self.send(cmd);
            }
            if !self.backlog.is_empty() {
                ctx.request_repaint();
            }
            return applied;
        }
        let mut applied = 0;
        while let Some(io) = &self.io {
            if frame_start.elapsed() >= RESULTS_SHARE {
                self.request_loading_frame(ctx);
                break;
            }
            let Ok(cmd) = io.results.try_recv() else {
                break;
            };
            self.send(cmd);
            applied += 1;
        }
        applied
    }

    /// The next frame: at once, or while a folder is read, within
    /// [`LOADING_FRAME`].
    fn request_loading_frame(&self, ctx: &egui::Context) {
        if self.state.batch.is_some() {
            ctx.request_repaint_after(LOADING_FRAME);
        } else {
            ctx.request_repaint();
        }
    }

    /// Hands the facts changed this frame to the figures service, and asks
    /// for figures when something drawn shows them; figures computed in
    /// place are taken at once and shown next frame.
    fn exchange_figures(&mut self, ctx: &egui::Context) {
        let mut wanted = std::mem::take(&mut self.view.figures_wanted);
        if wanted && self.state.batch.is_some() {
            let recent = self
                .figures_asked
                .is_some_and(|at| at.elapsed() < FIGURES_WHILE_READING);
            if recent {
                wanted = false;
                ctx.request_repaint_after(FIGURES_WHILE_READING);
            }
        }
        let Some(request) = self.state.figures_request(wanted) else {
            return;
        };
        if request.want.is_some() {
            self.figures_asked = Some(Instant::now());
        }
        if let Some(figures) = self.figures.send(request) {
            self.send(Command::FiguresComputed(figures));
            ctx.request_repaint();
        }
    }

    /// Whether the window may close now; otherwise the quit question is up.
    pub fn may_close(&mut self) -> bool {
        if self.view.quit_confirmed || !self.state.has_unsaved() || self.bench.is_some() {
            return true;
        }
        self.view.confirm_quit = true;
        false
    }
}

/// eframe's side: persistence and the close request.
pub struct EframeApp {
    pub app: ReviewApp,
}

impl EframeApp {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        files: Vec<PathBuf>,
        recovery_dir: Option<PathBuf>,
        bench: Option<Bench>,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, settings::STORAGE_KEY))
            .unwrap_or_default();
        forget_scroll_states(&cc.egui_ctx);
        let mut app = ReviewApp::new(&cc.egui_ctx, settings, recovery_dir);
        app.bench = bench;
        if !files.is_empty() {
            // Folders named are read as a folder is (every report below it).
            let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) =
                files.into_iter().partition(|p| p.is_dir());
            if !files.is_empty() {
                app.send(Command::OpenFiles(files));
            }
            if !folders.is_empty() {
                app.send(Command::OpenFolders(folders));
            }
        } else if app.state.recoverable.is_empty() {
            // With nothing asked for, show the built-in sample so the main
            // job runs at once; unsaved work from an earlier run, when there
            // is some, is offered on the start page first.
            app.send(Command::LoadSample);
        }
        EframeApp { app }
    }
}

/// Drops the scroll areas' states that egui's memory of the last run (kept
/// by eframe) brought back. They hold any scroll animation in flight at
/// the last save, timed by that run's clock: this run, its clock from zero,
/// played it until that time came round, drawing every frame meanwhile (an
/// idle window took 1.5 cores for minutes after a start). Scroll places
/// are not worth keeping; panel widths stay.
pub fn forget_scroll_states(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove_by_type::<egui::scroll_area::State>());
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if ui.input(|i| i.viewport().close_requested()) && !self.app.may_close() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.app.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::STORAGE_KEY, &self.app.settings);
    }
}
