//! The file work behind effects: reading and parsing reports, writing
//! exports and journals. The window runs it on a background thread; tests
//! run it in place. It never panics on bad input: errors come back as
//! Chinese messages inside the resulting command.

use super::atomic::{io_reason, write_atomically};
use super::command::{Command, Effect, Source};

/// Performs an I/O effect; returns the command that reports its outcome.
pub fn perform(effect: Effect) -> Option<Command> {
    match effect {
        Effect::Parse(request) => {
            let result = match &request.source {
                Source::Sample => crate::parse_bytes(crate::SAMPLE_NAME, crate::SAMPLE_BYTES),
                Source::File(path) => crate::parse_path(path),
            }
            .map(Box::new)
            .map_err(|e| {
                let name = match &request.source {
                    Source::Sample => crate::SAMPLE_NAME.to_string(),
                    Source::File(p) => p.display().to_string(),
                };
                format!("无法打开 {name}：{e}")
            });
            Some(Command::Opened { request, result })
        }
        Effect::WriteExport {
            doc,
            generation,
            path,
            bytes,
        } => {
            let result = write_atomically(&path, &bytes);
            Some(Command::Exported {
                doc,
                generation,
                path,
                result,
            })
        }
        Effect::WriteJournal { path, bytes } => {
            // A journal that cannot be written must not stop the editing;
            // the next edit tries again.
            if let Some(dir) = path.parent()
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                eprintln!(
                    "nianbao: recovery folder {}: {}",
                    dir.display(),
                    io_reason(&e)
                );
            }
            if let Err(e) = write_atomically(&path, &bytes) {
                eprintln!("nianbao: {e}");
            }
            None
        }
        Effect::RemoveJournal(path) => {
            let _ = std::fs::remove_file(path);
            None
        }
        Effect::AskOpenFiles
        | Effect::AskExportPath { .. }
        | Effect::ConfirmClose { .. }
        | Effect::Opened(_) => None,
    }
}
