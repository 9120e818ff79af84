//! The window's own file chooser, for when no native dialog can be shown
//! (no desktop portal, no `zenity`): its state as plain data, changed only
//! by [`ChooserAction`]s through `State::apply`. Listing a folder is file
//! work: an [`Effect::ListFolder`](super::Effect::ListFolder) for the
//! worker, whose answer comes back as [`ChooserAction::Listed`]. Confirming
//! sends the same command a native dialog would have.

use crate::text::Text;
use std::path::{Path, PathBuf};

use super::command::{Command, ReportFile};
use super::report_list::ExportKind;

/// Folders remembered for the chooser's "recent folders".
pub const MAX_RECENT_FOLDERS: usize = 8;

/// What the chooser is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserMode {
    /// Reports to open, one or several.
    OpenFiles,
    /// A folder to read every report in.
    OpenFolder,
    /// Where to export the active report; the default file name.
    ExportJson { file_name: String },
    /// Where "export all" writes: a file, or a folder for `JsonFolder`.
    ExportAll(ExportKind),
    /// Where an office file of the active report goes; the default name.
    ExportReportFile { kind: ReportFile, file_name: String },
}

impl ChooserMode {
    /// The choice is a folder, not a file.
    pub fn picks_folder(&self) -> bool {
        matches!(
            self,
            ChooserMode::OpenFolder | ChooserMode::ExportAll(ExportKind::JsonFolder)
        )
    }

    /// The choice is a file to write (its name may be new).
    pub fn saves(&self) -> bool {
        matches!(
            self,
            ChooserMode::ExportJson { .. }
                | ChooserMode::ExportReportFile { .. }
                | ChooserMode::ExportAll(
                    ExportKind::JsonLines
                        | ExportKind::Csv
                        | ExportKind::Xlsx
                        | ExportKind::XlsxWithReports
                )
        )
    }

    /// The file name offered when saving.
    pub fn default_name(&self) -> Option<String> {
        match self {
            ChooserMode::ExportJson { file_name }
            | ChooserMode::ExportReportFile { file_name, .. } => Some(file_name.clone()),
            ChooserMode::ExportAll(ExportKind::JsonFolder) => None,
            ChooserMode::ExportAll(k) => Some(k.default_name().to_string()),
            _ => None,
        }
    }

    /// Which files a listing shows: every file when saving (so that one can
    /// be seen and replaced), report files otherwise.
    pub fn listing(&self) -> Listing {
        if self.saves() {
            Listing::AllFiles
        } else {
            Listing::Reports
        }
    }

    /// The command a confirmed `path` (or `paths`, opening files) becomes.
    fn command(&self, mut paths: Vec<PathBuf>) -> Command {
        match self {
            ChooserMode::OpenFiles => Command::OpenFiles(paths),
            ChooserMode::OpenFolder => Command::OpenFolders(paths),
            ChooserMode::ExportJson { .. } => Command::Export(paths.swap_remove(0)),
            ChooserMode::ExportAll(kind) => Command::ExportAll {
                kind: *kind,
                path: paths.swap_remove(0),
            },
            ChooserMode::ExportReportFile { kind, .. } => Command::ExportReportFile {
                kind: *kind,
                path: paths.swap_remove(0),
            },
        }
    }
}

/// Which files a folder's listing keeps (folders are always kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Files of the report types (`crate::batch::REPORT_EXTENSIONS`).
    Reports,
    AllFiles,
}

/// One line of the chooser's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
}

/// Why a folder could not be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListError {
    /// The path is a file, or does not exist: a name to save to or open.
    pub not_a_folder: bool,
    /// In Chinese, naming the folder.
    pub message: Text,
}

/// What the window asks of its chooser.
#[derive(Debug, PartialEq)]
pub enum ChooserAction {
    /// Show the chooser in `start` (the last folder used, else the home folder).
    Show {
        mode: ChooserMode,
        start: Option<PathBuf>,
        /// Folders the window remembers (those of recent files).
        recent: Vec<PathBuf>,
    },
    /// A folder was listed (or could not be), on a background thread.
    Listed {
        dir: PathBuf,
        result: Result<Vec<Entry>, ListError>,
    },
    /// Go into this folder.
    Enter(PathBuf),
    /// Go to the parent folder.
    Up,
    /// Click on an entry; `add` (Ctrl+click, opening files) adds it to the
    /// selection or takes it out.
    Select { path: PathBuf, add: bool },
    /// The text of the path field.
    Type(String),
    /// 确定.
    Confirm,
    /// 取消.
    Cancel,
}

/// The chooser on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct FileChooser {
    pub mode: ChooserMode,
    /// The folder shown.
    pub dir: PathBuf,
    /// Its folders, then its files, by name.
    pub entries: Vec<Entry>,
    /// The listing of `dir` is under way.
    pub loading: bool,
    /// Entries clicked.
    pub selected: Vec<PathBuf>,
    /// The path field: a name in `dir`, or a whole path.
    pub typed: String,
    pub recent: Vec<PathBuf>,
    /// Why the last step did not work (unreadable folder, nothing chosen).
    pub message: Option<Text>,
    /// A typed path being tried as a folder before it is taken as a file.
    pub probing: Option<PathBuf>,
}

/// What a chooser action leads to, for `State` to carry out.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing more.
    Stay,
    /// List this folder (`Effect::ListFolder`).
    List(PathBuf),
    /// Close the chooser and apply this command.
    Done(Command),
    Close,
}

impl FileChooser {
    /// A chooser in `dir`, its listing not yet asked for.
    pub fn new(mode: ChooserMode, dir: PathBuf, recent: Vec<PathBuf>) -> FileChooser {
        FileChooser {
            typed: mode.default_name().unwrap_or_default(),
            mode,
            dir,
            entries: Vec::new(),
            loading: true,
            selected: Vec::new(),
            recent,
            message: None,
            probing: None,
        }
    }

    /// The chooser's step for one action (anything but `Show`).
    pub fn act(&mut self, action: ChooserAction) -> Outcome {
        match action {
            ChooserAction::Show { .. } => Outcome::Stay,
            ChooserAction::Listed { dir, result } => self.listed(dir, result),
            ChooserAction::Enter(dir) => self.go(dir),
            ChooserAction::Up => match self.dir.parent() {
                Some(p) => self.go(p.to_path_buf()),
                None => Outcome::Stay,
            },
            ChooserAction::Select { path, add } => {
                self.message = None;
                let is_dir = self.entry(&path).is_some_and(|e| e.is_dir);
                if add && self.mode == ChooserMode::OpenFiles && !is_dir {
                    if let Some(i) = self.selected.iter().position(|p| *p == path) {
                        self.selected.remove(i);
                    } else {
                        self.selected.push(path.clone());
                    }
                } else {
                    self.selected = vec![path.clone()];
                }
                // Saving: a file clicked gives its name to the path field.
                if self.mode.saves() && !is_dir {
                    self.typed = file_name(&path);
                } else if !self.mode.saves() {
                    self.typed.clear();
                }
                Outcome::Stay
            }
            ChooserAction::Type(text) => {
                self.typed = text;
                self.message = None;
                Outcome::Stay
            }
            ChooserAction::Confirm => self.confirm(),
            ChooserAction::Cancel => Outcome::Close,
        }
    }

    fn entry(&self, path: &Path) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// Shows `dir` once listed.
    fn go(&mut self, dir: PathBuf) -> Outcome {
        self.dir = dir.clone();
        self.entries.clear();
        self.selected.clear();
        self.loading = true;
        self.message = None;
        self.probing = None;
        if !self.mode.saves() {
            self.typed.clear();
        }
        Outcome::List(dir)
    }

    /// Goes into a folder typed in the path field; saving, the field gets
    /// the default name back.
    fn enter_typed(&mut self, dir: PathBuf) -> Outcome {
        let outcome = self.go(dir);
        if self.mode.saves() {
            self.typed = self.mode.default_name().unwrap_or_default();
        }
        outcome
    }

    fn listed(&mut self, dir: PathBuf, result: Result<Vec<Entry>, ListError>) -> Outcome {
        // A typed path tried as a folder: a folder is entered, anything else
        // is the file chosen.
        if self.probing.as_ref() == Some(&dir) {
            self.probing = None;
            return match result {
                Ok(entries) => {
                    self.enter_typed(dir.clone());
                    self.listed(dir, Ok(entries))
                }
                Err(e) if e.not_a_folder => Outcome::Done(self.mode.command(vec![dir])),
                Err(e) => {
                    self.message = Some(e.message);
                    Outcome::Stay
                }
            };
        }
        // A folder left before its listing came back.
        if dir != self.dir {
            return Outcome::Stay;
        }
        self.loading = false;
        match result {
            Ok(entries) => self.entries = entries,
            Err(e) => {
                self.entries.clear();
                self.message = Some(e.message);
            }
        }
        Outcome::Stay
    }

    /// The typed text as a path: absolute, or inside the folder shown.
    pub fn typed_path(&self) -> Option<PathBuf> {
        let t = self.typed.trim();
        if t.is_empty() {
            return None;
        }
        let p = Path::new(t);
        Some(if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        })
    }

    fn confirm(&mut self) -> Outcome {
        self.message = None;
        if let Some(path) = self.typed_path() {
            let t = self.typed.trim();
            let folder_typed = t.ends_with('/') || t.ends_with(std::path::MAIN_SEPARATOR);
            let known = self.entry(&path).map(|e| e.is_dir);
            return match (known, self.mode.picks_folder()) {
                // A folder chosen by name.
                (Some(true), true) => Outcome::Done(self.mode.command(vec![path])),
                // A folder named while a file is wanted: go into it.
                (Some(true), false) => self.enter_typed(path),
                (Some(false), true) => {
                    let t = self.typed.trim();
                    self.message = Some(Text::new(
                        format!("“{t}”不是文件夹"),
                        format!("“{t}” is not a folder"),
                    ));
                    Outcome::Stay
                }
                (Some(false), false) => Outcome::Done(self.mode.command(vec![path])),
                // Not in this folder's list: a folder may be created by
                // exporting into it, or is read (with a message when it holds
                // no reports).
                (None, true) => Outcome::Done(self.mode.command(vec![path])),
                (None, false) if folder_typed => self.enter_typed(path),
                // Tried as a folder first; if it is none, it is the file.
                (None, false) => {
                    self.probing = Some(path.clone());
                    Outcome::List(path)
                }
            };
        }
        match (&self.mode, self.selected.as_slice()) {
            (ChooserMode::OpenFiles, []) => {
                self.message = Some(Text::new(
                    "请选择要打开的报告文件",
                    "choose the report files to open",
                ));
                Outcome::Stay
            }
            (ChooserMode::OpenFiles, [one]) if self.entry(one).is_some_and(|e| e.is_dir) => {
                let one = one.clone();
                self.go(one)
            }
            (ChooserMode::OpenFiles, files) => {
                let files: Vec<PathBuf> = files
                    .iter()
                    .filter(|p| !self.entry(p).is_some_and(|e| e.is_dir))
                    .cloned()
                    .collect();
                Outcome::Done(self.mode.command(files))
            }
            // A folder: the one selected, else the one shown.
            (m, sel) if m.picks_folder() => {
                let dir = sel
                    .first()
                    .filter(|p| self.entry(p).is_some_and(|e| e.is_dir))
                    .cloned()
                    .unwrap_or_else(|| self.dir.clone());
                Outcome::Done(self.mode.command(vec![dir]))
            }
            _ => {
                self.message = Some(Text::new("请输入文件名", "type a file name"));
                Outcome::Stay
            }
        }
    }
}

/// The last part of a path, for showing.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Puts `dir` first among the recent folders.
pub fn remember_folder(recent: &mut Vec<PathBuf>, dir: PathBuf) {
    recent.retain(|d| *d != dir);
    recent.insert(0, dir);
    recent.truncate(MAX_RECENT_FOLDERS);
}

/// Lists a folder: its folders, then its files (`listing` says which), each
/// by name; hidden entries (starting with a dot) left out. File work, for
/// the worker.
pub fn list_folder(dir: &Path, listing: Listing) -> Result<Vec<Entry>, ListError> {
    let read = std::fs::read_dir(dir).map_err(|e| list_error(dir, &e))?;
    let mut entries = Vec::new();
    for item in read {
        let Ok(item) = item else { continue };
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = item.path();
        // Follows links: a link to a folder is a folder.
        let is_dir = match item.file_type() {
            Ok(t) if t.is_symlink() => path.is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => continue,
        };
        if !is_dir && listing == Listing::Reports && !crate::batch::is_report_file(&path) {
            continue;
        }
        entries.push(Entry { name, path, is_dir });
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

fn list_error(dir: &Path, e: &std::io::Error) -> ListError {
    use std::io::ErrorKind::*;
    let not_a_folder = matches!(e.kind(), NotFound | NotADirectory);
    let (why, why_en) = match e.kind() {
        NotFound => ("不存在", "it does not exist"),
        NotADirectory => ("不是文件夹", "it is not a folder"),
        PermissionDenied => ("没有读取权限", "no permission to read it"),
        _ => ("无法读取", "it cannot be read"),
    };
    ListError {
        not_a_folder,
        message: Text::new(
            format!("无法打开文件夹 {}：{why}（{e}）", dir.display()),
            format!("cannot open the folder {}: {why_en} ({e})", dir.display()),
        ),
    }
}
