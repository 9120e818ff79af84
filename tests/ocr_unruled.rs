//! A table drawn without ruling lines in an image: no grid to cut cells
//! from, so its columns come from the alignment of its numbers, as an
//! unruled text PDF's do. Checked cell by cell against the generator's
//! gold; every number read wrong must carry a review mark.
//!
//! The page (`tests/fixtures/scans/unruled_page.png`, tables 三 and 四 of
//! the ruled test page drawn without their rules, 150 dpi) and its gold
//! are made by
//! `python3 tests/fixtures/scans/make_scans.py --fixture tests/fixtures/scans/unruled_page.png --dpi 150 --seed 5 --unruled`.
//! The test needs Tesseract with its Chinese model and skips with a
//! message without it (CI installs it).

use std::path::Path;

use serde_json::Value;

#[path = "common/scans.rs"]
mod scans;
use scans::{engine_ready, score};

const PAGE: &str = "tests/fixtures/scans/unruled_page.png";
const GOLD: &str = "tests/fixtures/scans/unruled_page.json";

#[test]
fn an_unruled_table_page_reads_as_its_gold() {
    if !engine_ready("an_unruled_table_page_reads_as_its_gold") {
        return;
    }
    let parsed = nianbao::parse_path(Path::new(PAGE)).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    let (right, wrong, unmarked, total) = score(&report, &gold);
    eprintln!("unruled PNG: {right}/{total} cells right, {wrong} wrong numbers");
    assert!(total > 100, "the gold has tables 三 and 四");
    assert!(
        right * 100 >= total * 97,
        "only {right}/{total} cells right"
    );
    assert!(
        unmarked.is_empty(),
        "wrong numbers not marked: {unmarked:?}"
    );
    // Each value where its ink is: page 1, right of the labels.
    let at = &report["provenance"]["applications.new_received.total"]["pdf"];
    assert_eq!(at["page"], 1, "{at}");
    let b: Vec<f64> = at["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let width_pt = 1240.0 / scans::DPI * 72.0;
    assert!(
        b[0] > width_pt * 0.6 && b[2] < width_pt && b[1] < b[3],
        "{b:?}"
    );
}
