//! A fresh scratch folder per test, under the system's temporary folder.

use std::path::PathBuf;

/// An empty folder named after the test suite, `tag` and this process (so
/// that parallel tests and earlier runs do not meet).
pub fn temp_dir(suite: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-{suite}-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
