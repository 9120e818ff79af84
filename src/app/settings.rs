//! What eframe keeps between runs: recent files, language, theme and the
//! last folder. Never documents or corrections (those go to the recovery
//! journal).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::i18n::Lang;

pub const STORAGE_KEY: &str = "nianbao.settings";
const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub lang: Lang,
    pub dark: bool,
    pub last_dir: Option<PathBuf>,
}

impl Settings {
    pub fn remember(&mut self, path: PathBuf) {
        self.last_dir = path.parent().map(PathBuf::from);
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The last folder and those of the recent files, for the file chooser.
    pub fn recent_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        let parents = self.recent.iter().filter_map(|p| p.parent());
        for d in self.last_dir.iter().map(PathBuf::as_path).chain(parents) {
            if !d.as_os_str().is_empty() && !folders.iter().any(|f| f == d) {
                folders.push(d.to_path_buf());
            }
        }
        folders
    }
}
