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
    // A byte order mark first, for Excel; English keys by default.
    let table = table.strip_prefix('\u{feff}').unwrap();
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

#[path = "common/office.rs"]
mod office;

/// `--xlsx` writes the batch workbook: a row per report under Chinese
/// headers (frozen, filtered), numbers as numbers, and a sheet per report
/// with `--xlsx-reports`; `--csv` starts with a BOM, `--csv-headers zh`
/// heads it in Chinese.
#[test]
fn xlsx_workbook_and_csv_with_bom() {
    use calamine::{Data, Reader};
    let dir = temp::temp_dir("cli", "xlsx");
    std::fs::write(dir.join("broken.txt"), b"\0\x01\x02binary\0").unwrap();
    let files = ["000_f28bdb7c4ee4bcba.txt", "002_1e2618f252abd06d.txt"];
    let xlsx = dir.join("out.xlsx");
    let csv = dir.join("out.csv");
    let out = nianbao()
        .arg("parse")
        .args(files.map(fixture))
        .arg(dir.join("broken.txt"))
        .args([
            "--xlsx".as_ref(),
            xlsx.as_os_str(),
            "--xlsx-reports".as_ref(),
        ])
        .args(["--csv".as_ref(), csv.as_os_str()])
        .args(["--csv-headers", "zh"])
        .arg("--review-sheets")
        .arg(dir.join("sheets"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", out);
    // A review sheet per readable report, none for the unreadable file.
    let mut sheets: Vec<String> = std::fs::read_dir(dir.join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    sheets.sort();
    assert_eq!(
        sheets,
        [
            "000_f28bdb7c4ee4bcba-审核意见.docx",
            "002_1e2618f252abd06d-审核意见.docx"
        ]
    );
    let xml = office::zip_part(&dir.join("sheets").join(&sheets[1]), "word/document.xml").unwrap();
    assert!(xml.contains("报送机关：陕西省医疗保障局"));
    assert!(
        xml.contains("表四 行政复议 · 总计 = 0"),
        "the advisory's cells"
    );
    let mut book = office::workbook(&xlsx);
    let names = book.sheet_names();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(&names[..2], ["汇总", "问题"]);
    assert!(names[2].starts_with("1 ") && names[2].contains("舒城县医疗保障局"));
    let summary = book.worksheet_range("汇总").unwrap();
    assert_eq!(summary.height(), 4);
    assert_eq!(
        summary.get_value((0, 0)),
        Some(&Data::String("文件".into()))
    );
    assert_eq!(
        summary.get_value((0, 1)),
        Some(&Data::String("机关".into()))
    );
    let header: Vec<String> = (0..summary.width() as u32)
        .map(|c| summary.get_value((0, c)).unwrap().to_string())
        .collect();
    let granted = header
        .iter()
        .position(|h| h == "表三 （一）予以公开 总计")
        .unwrap();
    // Numbers are numbers; the unreadable file's row has its reason.
    assert!(matches!(
        summary.get_value((1, 2)),
        Some(Data::Float(y)) if *y == 2023.0
    ));
    assert!(matches!(
        summary.get_value((1, granted as u32)),
        Some(Data::Float(_))
    ));
    let reason = header.iter().position(|h| h == "无法读取的原因").unwrap();
    assert!(
        !summary
            .get_value((3, reason as u32))
            .unwrap()
            .to_string()
            .is_empty()
    );
    assert!(matches!(
        summary.get_value((3, granted as u32)),
        None | Some(Data::Empty)
    ));
    let sheet_xml = office::zip_part(&xlsx, "xl/worksheets/sheet1.xml").unwrap();
    assert!(sheet_xml.contains("state=\"frozen\""), "header row frozen");
    assert!(sheet_xml.contains("<autoFilter ref=\"A1:"), "filters on");
    // The report's sheet holds table 3 under its printed header.
    let merged = office::merges(&xlsx, &names[2]);
    assert!(!merged.is_empty());
    let report_sheet = book.worksheet_range(&names[2]).unwrap();
    let found = report_sheet
        .used_cells()
        .any(|(_, _, v)| *v == Data::String("法人或其他组织".into()));
    assert!(found);

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM first");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("文件,机关,年度,"), "{}", &text[..60]);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains(",表三 （一）予以公开 总计,")
    );
    assert_eq!(text.lines().count(), 4);

    // --xlsx-reports alone, and a bad --csv-headers, are usage errors.
    for bad in [
        &["--xlsx-reports"][..],
        &["--csv", "x.csv", "--csv-headers", "fr"][..],
    ] {
        let out = nianbao()
            .arg("parse")
            .args(bad)
            .arg(fixture(files[0]))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
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
