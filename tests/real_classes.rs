//! Classes of artifact seen in real published reports (see
//! `../shared/real/README.md`), each on a small fixture written here, and
//! the real set itself when `../shared/real/` is present: no cell may hold
//! a number other than the gold one.

use std::fs;
use std::path::Path;

use serde_json::Value;

fn fixture(name: &str) -> nianbao::Parsed {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real_classes")
        .join(name);
    nianbao::parse_path(&path).unwrap()
}

fn cell(parsed: &nianbao::Parsed, table: &str, row: &str, col: &str) -> Value {
    let got = serde_json::to_value(&parsed.report).unwrap();
    got["tables"][table][row][col].clone()
}

/// An HTML fragment (paragraphs first, the first `<table>` kilobytes in) is
/// read as HTML, and rows whose cells are all `&nbsp;` stay rows of nulls
/// that keep their labels: the next row's numbers stay in their own row.
#[test]
fn html_fragment_with_blank_rows() {
    let p = fixture("fragment_blank_rows_2019.html");
    let got = serde_json::to_value(&p.report).unwrap();
    assert_eq!(got["source"]["format"], "html");
    assert_eq!(got["meta"]["template"], "2019");
    let apps = "applications";
    assert_eq!(
        cell(&p, apps, "withheld_internal_affairs", "natural_person"),
        2
    );
    assert_eq!(cell(&p, apps, "withheld_internal_affairs", "total"), 2);
    for row in [
        "withheld_state_secret",
        "withheld_prohibited_by_law",
        "withheld_third_party",
    ] {
        assert_eq!(cell(&p, apps, row, "natural_person"), Value::Null, "{row}");
    }
    assert_eq!(cell(&p, apps, "unable_not_held", "total"), 5);
    assert_eq!(cell(&p, apps, "rejected_complaint", "natural_person"), 1);
    assert_eq!(
        cell(&p, apps, "rejected_confirmation", "natural_person"),
        Value::Null
    );
    assert_eq!(cell(&p, apps, "other_handling", "total"), Value::Null);
    assert_eq!(cell(&p, apps, "total_processed", "natural_person"), 12);
    assert_eq!(cell(&p, apps, "total_processed", "total"), 15);
    assert_eq!(cell(&p, apps, "carried_forward", "total"), 3);
    assert_eq!(
        cell(
            &p,
            "active_disclosure",
            "normative_documents",
            "total_published"
        ),
        36
    );
    assert_eq!(cell(&p, "review_litigation", "review", "upheld"), 1);
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

/// Every real report of `../shared/real/` (main set and stress case): no
/// cell holds a number other than its gold value (an empty cell is
/// allowed; a wrong number is not).
#[test]
fn real_reports_have_no_wrong_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if !root.is_dir() {
        println!("skipped: ../shared/real/ is absent");
        return;
    }
    let mut checked = 0;
    for set in ["", "flat"] {
        let dir = root.join(set);
        let Ok(inputs) = fs::read_dir(dir.join("inputs")) else {
            continue;
        };
        for entry in inputs {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            let gold_path = dir.join("gold").join(format!("{stem}.json"));
            let Ok(gold) = fs::read_to_string(&gold_path) else {
                continue;
            };
            let gold: Value = serde_json::from_str(&gold).unwrap();
            let parsed = nianbao::parse_path(&path).unwrap();
            let got = serde_json::to_value(&parsed.report).unwrap();
            let mut wrong = Vec::new();
            for (table, rows) in gold["tables"].as_object().unwrap() {
                let Some(rows) = rows.as_object() else {
                    continue;
                };
                for (row, cols) in rows {
                    for (col, want) in cols.as_object().unwrap() {
                        let have = &got["tables"][table][row][col];
                        if have.is_number() && !same(want, have) {
                            wrong.push(format!("{table}.{row}.{col}: want {want}, got {have}"));
                        }
                    }
                }
            }
            assert!(wrong.is_empty(), "{stem}:\n  {}", wrong.join("\n  "));
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// The agency and year named only in the page's `<title>` are read.
#[test]
fn title_only_in_head() {
    let p = fixture("title_in_head_only.html");
    assert_eq!(p.report.meta.agency.as_deref(), Some("示例市"));
    assert_eq!(p.report.meta.year, Some(2025));
    assert_eq!(
        cell(&p, "active_disclosure", "normative_documents", "issued"),
        56
    );
}

/// Bare value rows of a converter's pipe table take the template rows
/// their place leaves between rows placed by label; floating label text is
/// never the label of the next bare row.
#[test]
fn bare_rows_placed_by_position() {
    let p = fixture("floating_labels_bare_rows.md");
    let apps = "applications";
    for (row, want) in [
        ("partially_granted", 0),
        ("withheld_state_secret", 0),
        ("withheld_prohibited_by_law", 0),
        ("withheld_internal_affairs", 1),
        ("withheld_process_info", 1),
        ("unable_not_held", 4),
        ("unable_needs_creation", 6),
        ("unable_still_unclear", 0),
        ("other_no_correction", 10),
        ("total_processed", 31),
    ] {
        assert_eq!(cell(&p, apps, row, "total"), want, "{row}");
    }
    assert!(
        p.report.warnings.iter().any(|w| w.contains("按表中位置")),
        "{:?}",
        p.report.warnings
    );
    assert_eq!(p.report.meta.agency.as_deref(), Some("示例市科委"));
}

/// A misprinted label between two recognised rows takes the one row its
/// place leaves, with a warning.
#[test]
fn misprinted_label_placed_by_position() {
    let p = fixture("misprinted_label.txt");
    let apps = "applications";
    assert_eq!(
        cell(&p, apps, "withheld_prohibited_by_law", "natural_person"),
        2
    );
    assert_eq!(cell(&p, apps, "withheld_prohibited_by_law", "total"), 2);
    assert_eq!(cell(&p, apps, "unable_not_held", "total"), 3);
    // The placed row's cells, and only they, are marked for review in the
    // JSON; the rows read by their labels are not.
    let got = serde_json::to_value(&p.report).unwrap();
    let marks = got["review_cells"].as_object().expect("review_cells");
    assert_eq!(
        marks["applications.withheld_prohibited_by_law.total"]["reason"],
        "placed_by_position"
    );
    assert!(
        marks
            .keys()
            .all(|k| k.starts_with("applications.withheld_prohibited_by_law.")),
        "{marks:?}"
    );
    assert_eq!(marks.len(), 7);
}

/// Table 2's rows standing after a later block are found, and a number in
/// a sentence before the table is never taken for a row of it.
#[test]
fn table2_rows_after_a_later_block() {
    let p = fixture("table2_blocks_out_of_order.md");
    let t2 = "active_disclosure";
    assert_eq!(cell(&p, t2, "rules", "issued"), 0);
    assert_eq!(cell(&p, t2, "normative_documents", "issued"), 13);
    assert_eq!(cell(&p, t2, "normative_documents", "repealed"), 1);
    assert_eq!(cell(&p, t2, "normative_documents", "in_force"), 55);
    assert_eq!(cell(&p, t2, "licensing", "decisions"), 97);
    assert!(
        p.report
            .unread_rows
            .iter()
            .all(|r| r.table != nianbao::TableId::ActiveDisclosure),
        "{:?}",
        p.report.unread_rows
    );
}

/// A table 3 whose header and rows leave out a middle column (科研机构):
/// the other columns keep their own numbers by the header, the missing one
/// is empty with a warning, and 总计 is not taken for 其他.
#[test]
fn middle_column_left_out() {
    let p = fixture("research_column_left_out.txt");
    let apps = "applications";
    let row = |r: &str| -> Vec<Value> {
        [
            "natural_person",
            "commercial",
            "research",
            "social_welfare",
            "legal_service",
            "other",
            "total",
        ]
        .iter()
        .map(|c| cell(&p, apps, r, c))
        .collect()
    };
    let n = |v: i64| Value::from(v);
    assert_eq!(
        row("new_received"),
        vec![n(10), n(2), Value::Null, n(0), n(1), n(0), n(13)]
    );
    assert_eq!(
        row("total_processed"),
        vec![n(9), n(2), Value::Null, n(0), n(1), n(0), n(12)]
    );
    assert!(
        p.report
            .warnings
            .iter()
            .any(|w| w.contains("表头没有“科研机构”一列，该列留空")),
        "{:?}",
        p.report.warnings
    );
}

/// A table cut at the page's edge (no 总计 column in the header, every row
/// one value short) is read by its header: the total is left empty with a
/// warning, no row shifted.
#[test]
fn total_column_off_the_page() {
    let p = fixture("total_column_off_page.txt");
    let apps = "applications";
    assert_eq!(cell(&p, apps, "new_received", "natural_person"), 10);
    assert_eq!(cell(&p, apps, "new_received", "legal_service"), 1);
    assert_eq!(cell(&p, apps, "new_received", "other"), 0);
    assert_eq!(cell(&p, apps, "new_received", "total"), Value::Null);
    assert_eq!(cell(&p, apps, "unable_not_held", "commercial"), 1);
    assert_eq!(cell(&p, apps, "total_processed", "natural_person"), 9);
    assert_eq!(cell(&p, apps, "total_processed", "total"), Value::Null);
    assert!(p.report.warnings.iter().any(|w| w.contains("超出页面")));
}

/// A table that writes each label on a plain line above its tab-separated
/// values keeps those labels: they float out of no table.
#[test]
fn labels_above_separated_values() {
    let p = fixture("labels_above_values.txt");
    let apps = "applications";
    assert_eq!(cell(&p, apps, "new_received", "natural_person"), 1);
    assert_eq!(cell(&p, apps, "withheld_state_secret", "total"), 5);
    assert_eq!(cell(&p, apps, "other_misc", "total"), 23);
    assert_eq!(cell(&p, apps, "carried_forward", "natural_person"), 25);
}

/// A saved page's site footer (link list, 主办单位：…) is not the end of the
/// report: the signature date before it is read.
#[test]
fn signature_before_a_site_footer() {
    let p = fixture("site_footer.html");
    assert_eq!(p.report.meta.published.as_deref(), Some("2024-01-20"));
    assert_eq!(p.report.meta.agency.as_deref(), Some("示例县人民政府"));
    assert_eq!(cell(&p, "applications", "carried_forward", "total"), 25);
}

/// A table 4 whose header leaves out a group (未经复议直接起诉): the ten
/// values go to the two groups the header names, the missing group stays
/// empty with a warning — never 复议后起诉's numbers in the direct group.
#[test]
fn table4_group_left_out() {
    let p = fixture("table4_group_left_out.txt");
    let group = |r: &str| -> Vec<Value> {
        ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .map(|c| cell(&p, "review_litigation", r, c))
            .collect()
    };
    let n = |v: i64| Value::from(v);
    assert_eq!(group("review"), vec![n(2), n(1), n(0), n(0), n(3)]);
    assert_eq!(group("litigation_direct"), vec![Value::Null; 5]);
    assert_eq!(
        group("litigation_after_review"),
        vec![n(1), n(0), n(0), n(1), n(2)]
    );
    assert!(
        p.report
            .warnings
            .iter()
            .any(|w| w.contains("表头没有“行政诉讼（未经复议直接起诉）”一组")),
        "{:?}",
        p.report.warnings
    );
}

/// A table 2 row standing after a later block with two values under three
/// columns (`| 规章 | 22 | 235 |`, as in a converter's markdown): its columns
/// cannot be told, so the row stays empty — but the warning names the row
/// and what was read, and the values are kept as an unread row, never
/// reported as a row not found.
#[test]
fn table2_row_with_too_few_values_is_kept_unread() {
    let p = fixture("table2_row_short_after_block.md");
    let t2 = "active_disclosure";
    for col in ["issued", "repealed", "in_force"] {
        assert_eq!(cell(&p, t2, "rules", col), Value::Null);
    }
    assert_eq!(cell(&p, t2, "normative_documents", "issued"), 13);
    let unread: Vec<_> = p
        .report
        .unread_rows
        .iter()
        .filter(|r| r.table == nianbao::TableId::ActiveDisclosure)
        .collect();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0].row, Some("rules"));
    assert_eq!(unread[0].values, vec![Some(22.0), Some(235.0)]);
    assert!(
        p.report
            .warnings
            .iter()
            .any(|w| w.contains("“规章”读到 2 个值（22 235），应为 3 个")),
        "{:?}",
        p.report.warnings
    );
}
