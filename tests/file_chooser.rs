//! The window's own file chooser as plain data, driven headless: show it,
//! go into folders and up, select, type a path, confirm in each mode (each
//! sends the command a native dialog would have), an unreadable folder.

use std::path::{Path, PathBuf};

use nianbao::review::file_chooser::{Entry, FileChooser};
use nianbao::review::{ChooserAction, ChooserMode, Command, Effect, ExportKind, State};

#[path = "common/temp.rs"]
mod temp;

const SEED: &str = "tests/fixtures/seeds/002_1e2618f252abd06d.txt";

/// A folder with a subfolder, two reports, a file of another type and a
/// hidden file.
fn tree(tag: &str) -> PathBuf {
    let dir = temp::temp_dir("chooser", tag);
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), &seed).unwrap();
    std::fs::write(dir.join("A.txt"), &seed).unwrap();
    std::fs::write(dir.join("sub/inner.txt"), &seed).unwrap();
    std::fs::write(dir.join("photo.png"), b"\x89PNG").unwrap();
    std::fs::write(dir.join(".hidden.txt"), b"x").unwrap();
    dir
}

fn show(state: &mut State, mode: ChooserMode, dir: &Path) {
    let rest = state.apply_blocking(Command::Chooser(ChooserAction::Show {
        mode,
        start: Some(dir.to_path_buf()),
        recent: vec![],
    }));
    assert!(rest.is_empty(), "{rest:?}");
}

/// Applies an action and its file work; the only effect left for a window
/// is remembering opened files.
/// Selects one entry (alone) and confirms.
fn pick(state: &mut State, path: std::path::PathBuf) {
    act(state, ChooserAction::Select { path, add: false });
    act(state, ChooserAction::Confirm);
}

fn act(state: &mut State, action: ChooserAction) {
    let rest = state.apply_blocking(Command::Chooser(action));
    assert!(
        rest.iter().all(|e| matches!(e, Effect::Opened(_))),
        "{rest:?}"
    );
}

fn chooser(state: &State) -> &FileChooser {
    state.chooser.as_ref().expect("the chooser is shown")
}

fn names(state: &State) -> Vec<String> {
    chooser(state)
        .entries
        .iter()
        .map(|e: &Entry| e.name.clone())
        .collect()
}

#[test]
fn lists_folders_first_then_reports_and_navigates() {
    let dir = tree("navigate");
    let mut state = State::new(None);
    show(&mut state, ChooserMode::OpenFiles, &dir);
    let c = chooser(&state);
    assert_eq!(c.dir, dir);
    assert!(!c.loading);
    assert_eq!(c.message, None);
    // Folders first, then the report files by name; no image, nothing hidden.
    assert_eq!(names(&state), ["sub", "A.txt", "b.txt"]);
    assert!(chooser(&state).entries[0].is_dir);

    act(&mut state, ChooserAction::Enter(dir.join("sub")));
    assert_eq!(chooser(&state).dir, dir.join("sub"));
    assert_eq!(names(&state), ["inner.txt"]);
    act(&mut state, ChooserAction::Up);
    assert_eq!(chooser(&state).dir, dir);
    assert_eq!(names(&state).len(), 3);

    // A folder selected and confirmed while files are wanted: go into it.
    pick(&mut state, dir.join("sub"));
    assert_eq!(chooser(&state).dir, dir.join("sub"));

    // Cancel closes it and sends nothing.
    act(&mut state, ChooserAction::Cancel);
    assert!(state.chooser.is_none());
    assert!(state.documents.is_empty());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn open_files_selected_with_ctrl_opens_them_all() {
    let dir = tree("open-files");
    let mut state = State::new(None);
    show(&mut state, ChooserMode::OpenFiles, &dir);
    // Nothing chosen: a message, the chooser stays.
    act(&mut state, ChooserAction::Confirm);
    assert!(chooser(&state).message.is_some());
    for (name, add) in [("A.txt", false), ("b.txt", true)] {
        act(
            &mut state,
            ChooserAction::Select {
                path: dir.join(name),
                add,
            },
        );
    }
    assert_eq!(chooser(&state).selected.len(), 2);
    // Ctrl+click again takes one out, and back in.
    for _ in 0..2 {
        act(
            &mut state,
            ChooserAction::Select {
                path: dir.join("A.txt"),
                add: true,
            },
        );
    }
    assert_eq!(chooser(&state).selected.len(), 2);
    act(&mut state, ChooserAction::Confirm);
    assert!(state.chooser.is_none());
    assert_eq!(state.documents.len(), 2, "{:?}", state.messages);
    // The folder is remembered among the recent ones.
    assert_eq!(state.recent_folders, std::slice::from_ref(&dir));
    show(&mut state, ChooserMode::OpenFiles, &dir);
    assert_eq!(chooser(&state).recent, std::slice::from_ref(&dir));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_typed_path_opens_a_file_or_enters_a_folder() {
    let dir = tree("typed");
    let mut state = State::new(None);
    show(&mut state, ChooserMode::OpenFiles, &dir);
    // A name in the folder shown.
    act(&mut state, ChooserAction::Type("sub".into()));
    act(&mut state, ChooserAction::Confirm);
    assert_eq!(chooser(&state).dir, dir.join("sub"));
    assert_eq!(chooser(&state).typed, "");
    // A whole path to a folder not listed: tried as a folder, entered.
    act(&mut state, ChooserAction::Type(dir.display().to_string()));
    act(&mut state, ChooserAction::Confirm);
    assert_eq!(chooser(&state).dir, dir);
    assert_eq!(names(&state).len(), 3);
    // A whole path to a file: opened.
    let file = dir.join("sub/inner.txt");
    act(&mut state, ChooserAction::Type(file.display().to_string()));
    act(&mut state, ChooserAction::Confirm);
    assert!(state.chooser.is_none());
    assert_eq!(state.documents.len(), 1, "{:?}", state.messages);
    assert_eq!(state.documents[0].path.as_deref(), Some(file.as_path()));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn open_folder_confirms_the_folder_shown_or_selected() {
    let dir = tree("open-folder");
    let mut state = State::new(None);
    show(&mut state, ChooserMode::OpenFolder, &dir);
    // Only folders make sense to pick, but report files are shown too.
    assert_eq!(names(&state), ["sub", "A.txt", "b.txt"]);
    pick(&mut state, dir.join("sub"));
    assert!(state.chooser.is_none());
    // The folder is read: one report.
    assert_eq!(state.documents.len(), 1, "{:?}", state.messages);
    assert!(state.batch.is_none());

    // Nothing selected: the folder shown, with its subfolder.
    let mut state = State::new(None);
    show(&mut state, ChooserMode::OpenFolder, &dir);
    act(&mut state, ChooserAction::Confirm);
    assert_eq!(state.documents.len(), 3, "{:?}", state.messages);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn export_json_saves_under_the_default_or_typed_name() {
    let dir = tree("export");
    let mut state = State::new(None);
    state.apply_blocking(Command::LoadSample);
    let effects = state.apply_blocking(Command::ChooseExportPath);
    let [Effect::AskExportPath { file_name, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    let mode = ChooserMode::ExportJson {
        file_name: file_name.clone(),
    };
    show(&mut state, mode, &dir);
    // Saving: every file is listed, the default name is in the path field.
    assert_eq!(names(&state), ["sub", "A.txt", "b.txt", "photo.png"]);
    assert_eq!(&chooser(&state).typed, file_name);
    // Clicking an existing file takes its name.
    act(
        &mut state,
        ChooserAction::Select {
            path: dir.join("b.txt"),
            add: false,
        },
    );
    assert_eq!(chooser(&state).typed, "b.txt");
    act(&mut state, ChooserAction::Type("out.json".into()));
    act(&mut state, ChooserAction::Confirm);
    assert!(state.chooser.is_none());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out.json")).unwrap()).unwrap();
    assert!(json["tables"].is_object());
    assert!(state.messages.iter().any(|m| m.text.contains("已导出到")));

    // An empty name: a message, nothing written.
    show(
        &mut state,
        ChooserMode::ExportJson {
            file_name: "x.json".into(),
        },
        &dir,
    );
    act(&mut state, ChooserAction::Type(String::new()));
    act(&mut state, ChooserAction::Confirm);
    assert!(chooser(&state).message.is_some());
    // A typed folder name goes into it, keeping the default name.
    act(&mut state, ChooserAction::Type("sub".into()));
    act(&mut state, ChooserAction::Confirm);
    assert_eq!(chooser(&state).dir, dir.join("sub"));
    assert_eq!(chooser(&state).typed, "x.json");
    act(&mut state, ChooserAction::Confirm);
    assert!(dir.join("sub/x.json").is_file());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn export_all_to_a_file_or_into_a_folder() {
    let dir = tree("export-all");
    let mut state = State::new(None);
    state.apply_blocking(Command::LoadSample);
    show(&mut state, ChooserMode::ExportAll(ExportKind::Csv), &dir);
    assert_eq!(chooser(&state).typed, ExportKind::Csv.default_name());
    act(&mut state, ChooserAction::Confirm);
    assert!(dir.join(ExportKind::Csv.default_name()).is_file());

    // A folder for one JSON per report: a new one typed is created.
    show(
        &mut state,
        ChooserMode::ExportAll(ExportKind::JsonFolder),
        &dir,
    );
    assert_eq!(chooser(&state).typed, "");
    act(&mut state, ChooserAction::Type("json-out".into()));
    act(&mut state, ChooserAction::Confirm);
    assert!(state.chooser.is_none());
    let written: Vec<_> = std::fs::read_dir(dir.join("json-out")).unwrap().collect();
    assert_eq!(written.len(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unreadable_or_missing_folder_gives_a_message() {
    let dir = tree("unreadable");
    let mut state = State::new(None);
    let missing = dir.join("gone");
    show(&mut state, ChooserMode::OpenFiles, &missing);
    let c = chooser(&state);
    assert!(c.entries.is_empty() && !c.loading);
    assert!(c.message.as_deref().unwrap().contains("不存在"), "{c:?}");
    // Up still works.
    act(&mut state, ChooserAction::Up);
    assert_eq!(chooser(&state).dir, dir);
    assert_eq!(chooser(&state).message, None);

    // A folder without read permission (root reads everything: skip then).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read_dir(&locked).is_err() {
            act(&mut state, ChooserAction::Enter(locked.clone()));
            let c = chooser(&state);
            assert!(c.entries.is_empty());
            assert!(
                c.message.as_deref().unwrap().contains("没有读取权限"),
                "{c:?}"
            );
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // A listing that comes back after the person moved on is dropped.
    let shown = chooser(&state).clone();
    act(
        &mut state,
        ChooserAction::Listed {
            dir: dir.join("elsewhere"),
            result: Ok(vec![]),
        },
    );
    assert_eq!(chooser(&state), &shown);
    let _ = std::fs::remove_dir_all(dir);
}
