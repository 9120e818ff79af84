//! Damaged variants of the real seed reports, written for a test.

use std::path::{Path, PathBuf};

/// A real report's text with some of its lines' endings replaced (each
/// checked first), written to a file in `dir`. `edits` are (1-based line,
/// old ending, new ending).
pub fn damaged(dir: &Path, seed: &str, edits: &[(usize, &str, &str)]) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let text = std::fs::read_to_string(root.join(format!("{seed}.txt"))).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for &(no, old, new) in edits {
        let line = &mut lines[no - 1];
        assert!(line.ends_with(old), "line {no}: {line:?}");
        line.truncate(line.len() - old.len());
        line.push_str(new);
    }
    let path = dir.join(format!("{seed}-{}.txt", edits.len()));
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}
