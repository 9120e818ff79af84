//! Run-together text (a crawler's rendering with every table cell glued to
//! the next): lines broken before headings and row labels, digit runs split
//! only where the template's rules allow exactly one split.

use std::fs;
use std::path::Path;

use serde_json::Value;

const APPLICANTS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
];

fn row(report: &Value, table: &str, row: &str, cols: &[&str]) -> Vec<Value> {
    cols.iter()
        .map(|c| report["tables"][table][row][c].clone())
        .collect()
}

fn nums(v: &[i64]) -> Vec<Value> {
    v.iter().map(|&n| Value::from(n)).collect()
}

/// A short report of our own making, all on one line after a crawler's
/// header.
#[test]
fn short_run_together_report() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flat/qingshi_2023_flat.txt");
    let parsed = nianbao::parse_path(&path).unwrap();
    let got = serde_json::to_value(&parsed.report).unwrap();
    let t2 = "active_disclosure";
    let docs = ["issued", "repealed", "in_force"];
    // Three digits in three columns: one split.
    assert_eq!(row(&got, t2, "rules", &docs), nums(&[0, 0, 0]));
    // Every value cut out of a digit run is marked for review, with why.
    let marks = got["review_cells"].as_object().expect("review_cells");
    for d in docs {
        assert_eq!(
            marks[&format!("{t2}.rules.{d}")]["reason"],
            "digits_rebuilt",
            "{d}"
        );
    }
    assert!(marks.values().all(|m| m["reason"] == "digits_rebuilt"));
    // 51217 in three columns, no rule binds them: left empty, kept unread.
    assert_eq!(
        row(&got, t2, "normative_documents", &docs),
        vec![Value::Null; 3]
    );
    assert!(
        got["unread_rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["row"] == "normative_documents")
    );
    assert_eq!(got["tables"][t2]["licensing"]["decisions"], 356);
    assert_eq!(got["tables"][t2]["punishment"]["decisions"], 1200);
    assert_eq!(got["tables"][t2]["enforcement"]["decisions"], 7);
    assert_eq!(got["tables"][t2]["fees"]["amount"], 12.5);
    let t3 = "applications";
    let expect: [(&str, [i64; 7]); 7] = [
        ("new_received", [12, 3, 0, 0, 0, 1, 16]),
        ("carried_over", [2, 0, 0, 0, 0, 0, 2]),
        // 101000011 balances as 10 1 … 11 and as 1 0 10 … 11: the column
        // rules decide.
        ("granted", [10, 1, 0, 0, 0, 0, 11]),
        ("partially_granted", [2, 1, 0, 0, 0, 1, 4]),
        ("withheld_third_party", [1, 0, 0, 0, 0, 0, 1]),
        ("unable_not_held", [1, 1, 0, 0, 0, 0, 2]),
        ("total_processed", [14, 3, 0, 0, 0, 1, 18]),
    ];
    for (key, values) in expect {
        assert_eq!(row(&got, t3, key, &APPLICANTS), nums(&values), "{key}");
    }
    for key in [
        "withheld_prohibited_by_law",
        "unable_needs_creation",
        "other_misc",
        "carried_forward",
    ] {
        assert_eq!(row(&got, t3, key, &APPLICANTS), nums(&[0; 7]), "{key}");
    }
    let outcomes = ["upheld", "corrected", "other", "pending", "total"];
    let t4 = "review_litigation";
    assert_eq!(row(&got, t4, "review", &outcomes), nums(&[1, 0, 0, 0, 1]));
    assert_eq!(
        row(&got, t4, "litigation_direct", &outcomes),
        nums(&[0, 1, 0, 1, 2])
    );
    assert_eq!(
        row(&got, t4, "litigation_after_review", &outcomes),
        nums(&[0; 5])
    );
    // Every rebuilt row is marked for review; the row left empty says why.
    let warnings: Vec<&str> = got["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(warnings.iter().any(|w| w.contains(
        "“（一）予以公开”一行的数字连在一起（101000011），按勾稽关系拆分为 10 1 0 0 0 0 11"
    )));
    assert!(warnings.iter().any(|w| w.starts_with("表四：数字连在一起")));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("“行政规范性文件”一行的数字连在一起（51217），可拆成多种"))
    );
    // Every split cell points at its own digits.
    let cell = &parsed.report.tables.applications.as_ref().unwrap().cells[2][0];
    let src = cell.source.unwrap();
    assert_eq!(&parsed.text[src.start..src.end], "10");
}

/// The stress case of `../shared/real/flat/`, when present: no wrong
/// number, and at least 197 of its 200 gold cells (the three of
/// 行政规范性文件 are a run no rule can split).
#[test]
fn real_flat_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real/flat");
    if !dir.is_dir() {
        println!("skipped: ../shared/real/flat/ is absent");
        return;
    }
    let (mut cells, mut right, mut wrong) = (0, 0, Vec::new());
    for entry in fs::read_dir(dir.join("inputs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let Ok(gold) = fs::read_to_string(dir.join("gold").join(format!("{stem}.json"))) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&gold).unwrap();
        let got = serde_json::to_value(&nianbao::parse_path(&path).unwrap().report).unwrap();
        for (table, rows) in gold["tables"].as_object().unwrap() {
            for (r, cols) in rows.as_object().unwrap() {
                for (c, want) in cols.as_object().unwrap() {
                    cells += 1;
                    let have = &got["tables"][table][r][c];
                    if have.is_null() {
                        continue;
                    }
                    if have.as_f64() == want.as_f64() {
                        right += 1;
                    } else {
                        wrong.push(format!("{table}.{r}.{c}: want {want}, got {have}"));
                    }
                }
            }
        }
    }
    println!("flat: {right}/{cells} cells");
    assert!(wrong.is_empty(), "wrong numbers: {wrong:#?}");
    assert!(
        cells == 0 || right * 1000 >= cells * 985,
        "{right}/{cells} cells"
    );
}

/// The same report with its numbering marks written `1、` (the template
/// writes `1.`): rows still break before their marks and read the same.
#[test]
fn numbering_marks_written_otherwise() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flat/qingshi_2023_flat.txt");
    let text = fs::read_to_string(&path).unwrap();
    let mut changed = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let mark = c == '.'
            && i > 0
            && ('1'..='8').contains(&chars[i - 1])
            && chars.get(i + 1).is_some_and(|n| !n.is_ascii_digit());
        changed.push(if mark { '、' } else { c });
    }
    assert_ne!(changed, text);
    let got = serde_json::to_value(
        &nianbao::parse_bytes("marks.txt", changed.as_bytes())
            .unwrap()
            .report,
    )
    .unwrap();
    let t3 = "applications";
    assert_eq!(
        row(&got, t3, "withheld_third_party", &APPLICANTS),
        nums(&[1, 0, 0, 0, 0, 0, 1])
    );
    assert_eq!(
        row(&got, t3, "unable_not_held", &APPLICANTS),
        nums(&[1, 1, 0, 0, 0, 0, 2])
    );
    assert_eq!(
        row(&got, t3, "granted", &APPLICANTS),
        nums(&[10, 1, 0, 0, 0, 0, 11])
    );
    assert_eq!(
        row(&got, t3, "withheld_prohibited_by_law", &APPLICANTS),
        nums(&[0; 7])
    );
}

/// Rows already one a line, each label glued to its digits (`(一)予以公开
/// 101000011`): split the same way.
#[test]
fn glued_rows_one_a_line() {
    use nianbao::parser::stages::{Normalized, unflatten};
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flat/qingshi_2023_flat.txt");
    let text = fs::read_to_string(&path).unwrap();
    let lines = unflatten(Normalized::new(&text)).text;
    assert!(lines.lines().any(|l| l == "(一)予以公开101000011"));
    let got = serde_json::to_value(
        &nianbao::parse_bytes("lines.txt", lines.as_bytes())
            .unwrap()
            .report,
    )
    .unwrap();
    let t3 = "applications";
    assert_eq!(
        row(&got, t3, "granted", &APPLICANTS),
        nums(&[10, 1, 0, 0, 0, 0, 11])
    );
    assert_eq!(
        row(&got, t3, "total_processed", &APPLICANTS),
        nums(&[14, 3, 0, 0, 0, 1, 18])
    );
    assert_eq!(
        row(
            &got,
            "review_litigation",
            "litigation_direct",
            &["upheld", "corrected", "other", "pending", "total"]
        ),
        nums(&[0, 1, 0, 1, 2])
    );
}
