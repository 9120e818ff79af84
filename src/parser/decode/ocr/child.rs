//! Waiting for an engine program that a cancel may stop: its output read
//! on threads of its own (a full pipe would stall it), its exit polled,
//! and the program killed as soon as the token is set, so a person's
//! cancel takes effect within a few milliseconds, not at the end of a
//! page's recognition.

use std::io::Read;
use std::process::{Child, Output};
use std::time::Duration;

use crate::parser::options::CancelToken;

/// How often the program's exit and the token are looked at.
const POLL: Duration = Duration::from_millis(5);

/// Why waiting ended without the program's output.
#[derive(Debug)]
pub enum Stopped {
    Cancelled,
    Failed(std::io::Error),
}

/// Waits for `child` (stdout and stderr piped); kills it when `cancel`
/// is set. Without a token this is `wait_with_output`.
pub fn wait(mut child: Child, cancel: Option<&CancelToken>) -> Result<Output, Stopped> {
    let Some(cancel) = cancel else {
        return child.wait_with_output().map_err(Stopped::Failed);
    };
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        if cancel.is_cancelled() {
            let _ = child.kill();
            let _ = child.wait();
            // The pipes close with the program; the threads end on their own.
            return Err(Stopped::Cancelled);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(POLL),
            Err(e) => return Err(Stopped::Failed(e)),
        }
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};
    use std::time::Instant;

    #[test]
    fn a_cancel_kills_the_program_at_once() {
        let token = CancelToken::new();
        let child = Command::new("sleep")
            .arg("30")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sleep runs");
        let t = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            t.cancel();
        });
        let start = Instant::now();
        assert!(matches!(wait(child, Some(&token)), Err(Stopped::Cancelled)));
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn output_is_read_when_not_cancelled() {
        let child = Command::new("echo")
            .arg("42")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("echo runs");
        let out = wait(child, Some(&CancelToken::new())).expect("finishes");
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
    }
}
