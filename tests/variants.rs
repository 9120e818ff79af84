//! Reports written to match real-world artifacts (tests/fixtures/variants,
//! made by make_variants.py there): each parses to its known values exactly.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

fn check(name: &str) -> nianbao::Parsed {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants");
    let gold: Value =
        serde_json::from_str(&fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
            .unwrap();
    let parsed = nianbao::parse_path(&dir.join(format!("{name}.txt"))).unwrap();
    let misses = common::mismatches(&gold, &parsed.report);
    assert!(
        misses.is_empty(),
        "{name}:\n  {}\nwarnings: {:?}",
        misses.join("\n  "),
        parsed.report.warnings
    );
    parsed
}

#[test]
fn pdf_wrapped_labels_pushed_numbers_page_numbers() {
    check("pdf_wrapped");
}

#[test]
fn tab_separated_with_merged_cells_and_crlf() {
    check("tsv_merged");
}

#[test]
fn markdown_tables_with_thousands_separators() {
    check("markdown");
}

#[test]
fn html_flattened_one_cell_per_line() {
    check("html_flat");
}

#[test]
fn format_2019_in_gbk_with_signed_changes_and_dash() {
    let p = check("format_2019_gbk");
    assert_eq!(p.report.source.encoding, "gb18030");
    assert!(
        p.report
            .warnings
            .iter()
            .any(|w| w.contains("行政事业性收费")),
        "{:?}",
        p.report.warnings
    );
}

#[test]
fn utf16_spaced_headings_table_of_contents_chinese_date() {
    let p = check("spaced_utf16_toc");
    assert_eq!(p.report.source.encoding, "utf-16le");
}

#[test]
fn broken_rules_are_reported_with_chinese_messages() {
    let p = check("broken_rules");
    let granted = p
        .report
        .checks
        .iter()
        .find(|c| c.rule == "applications.row_total" && c.place == "applications.granted")
        .unwrap();
    assert!(
        granted
            .message
            .starts_with("（一）予以公开：各类申请人合计"),
        "{}",
        granted.message
    );
    assert!(
        p.report
            .checks
            .iter()
            .any(|c| c.rule == "active_disclosure.in_force" && c.status == nianbao::Status::Warn)
    );
}

#[test]
fn missing_table_is_null_and_typos_are_read() {
    let p = check("missing_tables_typos");
    assert!(p.report.tables.review_litigation.is_none());
    assert!(p.report.warnings.iter().any(|w| w.contains("表四")));
}

/// Without section headings the tables are still found by their own labels,
/// table 4 by its header.
#[test]
fn no_section_headings() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_f28bdb7c4ee4bcba.txt"
    ))
    .unwrap();
    let stripped: String = text
        .lines()
        .filter(|l| {
            ![
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
            ]
            .contains(&l.trim())
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let with = nianbao::parse_bytes("a.txt", text.as_bytes())
        .unwrap()
        .report;
    let without = nianbao::parse_bytes("b.txt", stripped.as_bytes())
        .unwrap()
        .report;
    assert_eq!(
        serde_json::to_value(&without.tables).unwrap(),
        serde_json::to_value(&with.tables).unwrap()
    );
}
