//! The window's own file chooser: shown, navigated, and confirmed into the
//! command a native dialog would have sent.

use std::path::PathBuf;

use super::State;
use crate::review::command::Effect;
use crate::review::file_chooser::{self, ChooserAction, FileChooser, Outcome};

impl State {
    pub(super) fn apply_chooser(&mut self, action: ChooserAction) -> Vec<Effect> {
        if let ChooserAction::Show {
            mode,
            start,
            recent,
        } = action
        {
            let mut folders = self.recent_folders.clone();
            for d in recent {
                if !folders.contains(&d) {
                    folders.push(d);
                }
            }
            folders.truncate(file_chooser::MAX_RECENT_FOLDERS);
            let dir = start
                .or_else(|| folders.first().cloned())
                .or_else(home_dir)
                .unwrap_or_else(|| PathBuf::from("/"));
            let listing = mode.listing();
            self.chooser = Some(FileChooser::new(mode, dir.clone(), folders));
            return vec![Effect::ListFolder { dir, listing }];
        }
        let Some(chooser) = self.chooser.as_mut() else {
            return vec![];
        };
        match chooser.act(action) {
            Outcome::Stay => vec![],
            Outcome::List(dir) => vec![Effect::ListFolder {
                dir,
                listing: chooser.mode.listing(),
            }],
            Outcome::Close => {
                self.chooser = None;
                vec![]
            }
            Outcome::Done(command) => {
                if let Some(c) = self.chooser.take() {
                    file_chooser::remember_folder(&mut self.recent_folders, c.dir);
                }
                self.apply_inner(command)
            }
        }
    }
}

/// The person's home folder, where a chooser with no last folder starts.
fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .find_map(|k| std::env::var_os(k).filter(|v| !v.is_empty()))
        .map(PathBuf::from)
}
