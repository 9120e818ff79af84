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

// Variants made by make_unseen.py (its FIXTURES): random agencies, years and
// numbers in renderings the parser once failed on.

#[test]
fn title_year_in_chinese_numerals_and_bare_page_numbers_between_rows() {
    let p = check("unseen_chinese_year_page_numbers");
    assert!(
        p.report.warnings.iter().any(|w| w.contains("疑为页码")),
        "{:?}",
        p.report.warnings
    );
}

#[test]
fn utf16_without_bom_full_width_digits_one_cell_a_line_with_wu() {
    let p = check("unseen_utf16_no_bom_full_width");
    assert_eq!(p.report.source.encoding, "utf-16le");
}

#[test]
fn rows_with_a_slash_among_their_numbers_are_no_page_numbers() {
    check("unseen_slash_nils_in_rows");
}

#[test]
fn pdftotext_layout_labels_wrapped_around_values_and_month_signature() {
    check("unseen_pdf_layout_month_signature");
}

#[test]
fn running_title_inside_tables_and_web_page_metadata_before_the_title() {
    check("unseen_running_head_web_page");
}

#[test]
fn tab_separated_blank_cells_and_page_numbers_among_rows() {
    check("unseen_tab_page_numbers_blank_cells");
}

#[test]
fn pipes_without_outer_pipes_and_agency_named_only_in_the_text() {
    check("unseen_pipe_without_outer_pipes");
}

#[test]
fn tables_without_their_headings_and_no_table_4() {
    let p = check("unseen_unheaded_tables_no_table_4");
    assert!(p.report.tables.review_litigation.is_none());
}

#[test]
fn html_space_entities_layout_labels_and_no_headings_over_the_tables() {
    let p = check("unseen_web_residue_layout_unheaded");
    assert_eq!(p.report.source.encoding, "utf-16be");
}

/// Table 4's line of values opening with a blank cell, tab- or
/// pipe-separated: the blank is the first value, not a merged label cell.
#[test]
fn table_4_values_opening_with_a_blank_cell() {
    let header = [
        "行政复议",
        "",
        "",
        "",
        "",
        "行政诉讼",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let sub: Vec<&str> = heads
        .iter()
        .copied()
        .chain([
            "未经复议直接起诉",
            "",
            "",
            "",
            "",
            "复议后起诉",
            "",
            "",
            "",
            "",
        ])
        .collect();
    let third: Vec<&str> = ["", "", "", "", ""]
        .into_iter()
        .chain(heads)
        .chain(heads)
        .collect();
    let values = [
        "", "1", "0", "0", "1", "2", "0", "0", "1", "3", "0", "0", "0", "0", "0",
    ];
    for sep in ["\t", " | "] {
        let lines = [&header[..], &sub, &third, &values]
            .iter()
            .map(|cells| cells.join(sep))
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!(
            "某某县民政局\n2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n{lines}\n\n\
             五、存在的主要问题及改进情况\n\n无。\n"
        );
        let report = nianbao::parse_bytes("t4.txt", text.as_bytes())
            .unwrap()
            .report;
        let t4 = serde_json::to_value(&report.tables.review_litigation).unwrap();
        assert!(t4["review"]["upheld"].is_null(), "{sep:?}: {t4}");
        assert_eq!(t4["review"]["corrected"], 1.0, "{sep:?}: {t4}");
        assert_eq!(t4["litigation_direct"]["total"], 3.0, "{sep:?}: {t4}");
    }
}

// Variants made by make_converted.py (a second, independent generator of
// converter artifacts), each failing before the fix its test names.

/// Word to text: merged cells repeat their text, a single value over the
/// table's columns too (行政许可 41 41 41); rules broken on purpose.
#[test]
fn word_merged_cells_repeating_their_values() {
    check("converted_word_merged_repeats_broken");
}

/// Measure words set apart from their numbers (“3 件”), full-width digits.
#[test]
fn measure_words_after_a_space() {
    check("converted_merged_spaced_units_fullwidth");
    check("converted_spaced_units_footer_broken");
}

/// A breadcrumb naming the report above a title that says 工作报告 only.
#[test]
fn breadcrumb_over_a_work_report_title() {
    check("converted_breadcrumb_work_report_title");
    check("converted_2019_label_then_values_breadcrumb");
}

/// A web table copied one cell to a line: an empty cell is a blank line
/// (two in a row for two), among rows otherwise without blank lines.
#[test]
fn one_cell_a_line_with_blank_lines_for_empty_cells() {
    check("converted_cells_blank_line_empty_cells_2019");
    check("converted_label_then_values_blank_cells");
    // A page number standing between rows, where a row also has a blank
    // line for an empty cell: the number is the stray, not the blank.
    check("converted_cells_blank_cell_and_page_number");
    // Rows ended by a blank line too: a row of as many values as columns
    // keeps its last value.
    check("converted_cells_row_gaps_and_blank_cells");
    // A blank line after every line: each further two blank lines are an
    // empty cell.
    check("converted_gapped_lines_blank_cells");
}
