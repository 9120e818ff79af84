//! `nianbao parse` as a pipeline sees it: JSON Lines in input order, one
//! clear stderr line per unreadable file, the others still parsed, and the
//! documented exit codes.

use std::process::Command;

fn nianbao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_lines_in_input_order() {
    let files = [
        "004_73d4aa82d985d793.txt",
        "000_f28bdb7c4ee4bcba.txt",
        "002_1e2618f252abd06d.txt",
    ];
    let out = nianbao()
        .arg("parse")
        .args(files.map(fixture))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, file) in lines.iter().zip(files) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["source"]["file"].as_str().unwrap().ends_with(file));
        assert_eq!(v["schema_version"], 1);
    }
}

#[test]
fn unreadable_files_are_named_and_the_rest_still_parsed() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = nianbao()
        .arg("parse")
        .arg(dir.join("missing.txt"))
        .arg(&dir)
        .arg(&binary)
        .arg(&empty)
        .arg(fixture("000_f28bdb7c4ee4bcba.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines[0].contains("missing.txt"));
    assert!(lines[1].contains("directory"));
    assert!(lines[2].contains("image.png") && lines[2].contains("PNG"));
    assert!(lines[3].contains("empty"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn pretty_and_usage() {
    let out = nianbao()
        .args(["parse", "--pretty", &fixture("000_f28bdb7c4ee4bcba.txt")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 50);
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
    assert_eq!(
        nianbao().arg("parse").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        nianbao()
            .args(["parse", "--bogus", "x"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}
