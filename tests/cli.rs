//! `nianbao parse` as a pipeline sees it: JSON Lines in input order, one
//! clear stderr line per unreadable file, the others still parsed, and the
//! documented exit codes.

use std::process::Command;

#[path = "common/temp.rs"]
mod temp;

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
    let dir = temp::temp_dir("cli", "unreadable");
    let binary = dir.join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = nianbao()
        .arg("parse")
        .arg(dir.join("missing.txt"))
        .arg(&binary)
        .arg(&empty)
        .arg(fixture("000_f28bdb7c4ee4bcba.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0]["error"]["file"]
            .as_str()
            .unwrap()
            .ends_with("missing.txt")
    );
    assert!(
        lines[1]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("PNG")
    );
    assert!(
        lines[2]["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    assert_eq!(lines[3]["meta"]["agency"], "舒城县医疗保障局");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errs: Vec<&str> = stderr.lines().collect();
    assert_eq!(errs.len(), 3, "{stderr}");
    assert!(errs[0].contains("missing.txt"));
    assert!(errs[1].contains("image.png") && errs[1].contains("PNG"));
    assert!(errs[2].contains("empty"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder is searched recursively for report files; `--output` and
/// `--csv` are written whole; `--summary` counts what happened.
#[test]
fn folders_csv_and_summary() {
    let dir = temp::temp_dir("cli", "folders");
    let sub = dir.join("a").join("b");
    std::fs::create_dir_all(&sub).unwrap();
    for name in ["000_f28bdb7c4ee4bcba.txt", "003_e18be9a397c96df8.txt"] {
        std::fs::copy(fixture(name), sub.join(name)).unwrap();
    }
    std::fs::copy(fixture("002_1e2618f252abd06d.txt"), dir.join("002.txt")).unwrap();
    std::fs::write(dir.join("notes.png"), b"\x89PNG....").unwrap(); // not a report file: skipped
    std::fs::write(dir.join("broken.txt"), b"\0\x01\x02binary\0").unwrap();
    let json = dir.join("out.jsonl");
    let csv = dir.join("out.csv");
    let out = nianbao()
        .arg("parse")
        .arg(&dir)
        .arg("--output")
        .arg(&json)
        .arg("--csv")
        .arg(&csv)
        .arg("--summary")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let lines = std::fs::read_to_string(&json).unwrap();
    let files: Vec<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(files.len(), 4, "{files:?}");
    assert!(
        files[0].ends_with("002.txt") && files[3].ends_with("broken.txt")
            || files.iter().any(|f| f.ends_with("broken.txt"))
    );
    let table = std::fs::read_to_string(&csv).unwrap();
    let mut rows = table.lines();
    let header = rows.next().unwrap();
    assert!(header.starts_with("file,agency,year,template,published,"));
    assert!(header.contains(",published,province,city,county,region_code,encoding,"));
    assert!(header.contains(",applications.granted.total,"));
    assert!(header.contains(",active_disclosure.licensing.change,"));
    assert_eq!(rows.count(), 4);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("无法读取 (unreadable):          1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("缺表 (tables missing):          1"),
        "{stderr}"
    );
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
    // --help names every way to run it, the window's benchmark too.
    let help = nianbao().arg("--help").output().unwrap();
    assert!(help.status.success());
    let help = String::from_utf8(help.stdout).unwrap();
    for word in [
        "nianbao parse",
        "--bench-frames N",
        "NIANBAO_BUILTIN_DIALOG",
    ] {
        assert!(help.contains(word), "{word}");
    }
}

#[test]
fn a_folder_without_reports_is_named_and_fails() {
    let dir = temp::temp_dir("cli", "no-reports");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("notes.bin"), b"\0\0").unwrap();
    let out = nianbao()
        .arg("parse")
        .arg(&dir)
        .arg(fixture("003_e18be9a397c96df8.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no report files in this folder"),
        "{stderr}"
    );
    // The report named beside the folder is still parsed.
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Keys of a JSON value, recursively, with the messages' texts left out.
fn shape(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = if k == "message" || k == "reason" {
                        Value::Null
                    } else if k == "warnings" {
                        Value::from(v.as_array().map_or(0, |a| a.len()))
                    } else {
                        shape(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(shape).collect()),
        other => other.clone(),
    }
}

#[test]
fn lang_en_changes_only_the_messages() {
    let dir = temp::temp_dir("cli", "lang");
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let broken = format!(
        "{}/tests/fixtures/variants/broken_rules.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |lang: Option<&str>| {
        let mut c = nianbao();
        c.arg("parse");
        if let Some(l) = lang {
            c.args(["--lang", l]);
        }
        let out = c
            .arg(&broken)
            .arg(fixture("003_e18be9a397c96df8.txt"))
            .arg(dir.join("empty.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "one file unreadable");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (default, _) = run(None);
    let (zh, _) = run(Some("zh"));
    let (en, en_err) = run(Some("en"));
    assert_eq!(default, zh, "zh is the default");
    let parse = |s: &str| -> Vec<serde_json::Value> {
        s.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (zh, en) = (parse(&zh), parse(&en));
    assert_eq!(zh.len(), 3);
    for (z, e) in zh.iter().zip(&en) {
        assert_eq!(shape(z), shape(e), "same keys and values");
    }
    // Rule messages, warnings and the error reason in English.
    let messages: Vec<&str> = en[0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert!(!messages.is_empty());
    for m in &messages {
        assert_eq!(nianbao::text::cjk_outside_quotes(m), None, "{m}");
    }
    assert!(
        messages.iter().any(|m| m.contains("add up to")),
        "{messages:?}"
    );
    let warnings = en[1]["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("not found")),
        "{warnings:?}"
    );
    assert!(
        zh[1]["warnings"][0].as_str().unwrap().contains("未找到"),
        "the default stays Chinese"
    );
    assert_eq!(en[2]["error"]["reason"], "the file is empty");
    let out = nianbao()
        .args(["parse", "--lang", "en", "--summary"])
        .arg(&broken)
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("some rule fails:    1"), "{summary}");
    assert_eq!(
        nianbao::text::cjk_outside_quotes(&summary),
        None,
        "{summary}"
    );
    assert!(en_err.contains("the file is empty"), "{en_err}");
    // A language it does not know is wrong usage.
    let out = nianbao()
        .args(["parse", "--lang", "fr"])
        .arg(fixture("000_f28bdb7c4ee4bcba.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
