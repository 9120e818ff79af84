//! Tables read from images by OCR, through the whole pipeline: a scanned
//! table page as a PNG file, the same page as an image-only PDF and as a
//! picture in a Word document, each checked cell by cell against the
//! generator's gold. Every number read wrong must carry a review mark.
//!
//! The page (`tests/fixtures/scans/table_page.png`, tables 三 and 四 at
//! 150 dpi) and its gold are made by
//! `python3 tests/fixtures/scans/make_scans.py --fixture tests/fixtures/scans/table_page.png --dpi 150 --seed 5`.
//! These tests need Tesseract with its Chinese model and skip with a
//! message without it (CI installs it).

use std::io::Write;
use std::path::Path;

use serde_json::Value;

#[path = "common/scans.rs"]
mod scans;
use scans::{DPI, GOLD, PAGE, engine_ready, scanned_pdf, score};

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap()
}

/// The report's tables against the gold: at least 98 % of the cells right
/// and no wrong number without its mark.
fn check(report: &Value, what: &str) {
    let (right, wrong, unmarked, total) = score(report, &gold());
    eprintln!("{what}: {right}/{total} cells right, {wrong} wrong numbers");
    assert!(total > 100, "{what}: the gold has tables 三 and 四");
    assert!(
        right * 100 >= total * 98,
        "{what}: only {right}/{total} cells right"
    );
    assert!(
        unmarked.is_empty(),
        "{what}: wrong numbers not marked: {unmarked:?}"
    );
}

#[test]
fn a_scanned_table_page_reads_as_its_gold() {
    if !engine_ready("a_scanned_table_page_reads_as_its_gold") {
        return;
    }
    let parsed = nianbao::parse_path(Path::new(PAGE)).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(report["source"]["format"], "png");
    check(&report, "PNG");
    // Each value's place: page 1, a box inside the page in points
    // (pixels / 150 × 72).
    let at = &report["provenance"]["applications.new_received.total"]["pdf"];
    assert_eq!(at["page"], 1, "{at}");
    let b: Vec<f64> = at["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let width_pt = 1240.0 / DPI * 72.0;
    assert!(
        b[0] > width_pt * 0.6 && b[2] < width_pt && b[1] < b[3],
        "{b:?}"
    );
}

#[test]
fn an_image_only_pdf_is_read_by_ocr() {
    if !engine_ready("an_image_only_pdf_is_read_by_ocr") {
        return;
    }
    let parsed = nianbao::parse_bytes("scan.pdf", &scanned_pdf(1)).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(report["source"]["format"], "pdf");
    check(&report, "image-only PDF");
}

/// A Word document whose tables are a pasted picture (as seed 003's
/// were): a title paragraph, then the page as `word/media/image1.png`.
fn docx_with_picture() -> Vec<u8> {
    let png = std::fs::read(PAGE).unwrap();
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body><w:p><w:r><w:t>某县人民政府2021年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed="rId7"/></a:graphicData></a:graphic></w:drawing></w:r></w:p><w:p><w:r><w:t>五、存在的主要问题及改进情况</w:t></w:r></w:p></w:body></w:document>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/image1.png", &png[..]),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_docx_with_a_pictured_table_is_read_by_ocr() {
    if !engine_ready("a_docx_with_a_pictured_table_is_read_by_ocr") {
        return;
    }
    let parsed = nianbao::parse_bytes("pasted.docx", &docx_with_picture()).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(report["source"]["format"], "docx");
    check(&report, "DOCX picture");
    // The picture's text stands where the picture was: after the title.
    assert!(
        parsed.text.starts_with("某县人民政府"),
        "{}",
        &parsed.text[..200]
    );
}

#[test]
fn nianbao_parse_reads_an_image_file() {
    if !engine_ready("nianbao_parse_reads_an_image_file") {
        return;
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["parse", PAGE])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["source"]["format"], "png");
    assert!(report["tables"]["applications"].is_object());
}

#[test]
fn damaged_images_are_errors_not_panics() {
    for bytes in [
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR garbage".to_vec(),
        b"\xFF\xD8\xFF\xE0 not a jpeg at all".to_vec(),
        b"II*\0\x08\0\0\0\xFF\xFF".to_vec(),
        b"MM\0*".to_vec(),
    ] {
        let err = nianbao::parse_bytes("x", &bytes).unwrap_err();
        assert!(
            matches!(
                err,
                nianbao::ParseError::BadImage(_) | nianbao::ParseError::NeedsTesseract(_)
            ),
            "{err}"
        );
    }
}

/// The page with the ink of one number cell (`key`'s, found where the
/// clean page reads it) replaced by a blot of diagonal strokes that no
/// engine reads as a number: PNG bytes.
fn page_with_blot(key: &str) -> Vec<u8> {
    let clean = nianbao::parse_path(Path::new(PAGE)).unwrap();
    let report = serde_json::to_value(&clean.report).unwrap();
    let b: Vec<f64> = report["provenance"][key]["pdf"]["box"]
        .as_array()
        .unwrap_or_else(|| panic!("{key} has no box"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let px = |pt: f64| (pt / 72.0 * DPI).round() as u32;
    let (x0, y0, x1, y1) = (px(b[0]) - 1, px(b[1]) - 1, px(b[2]) + 1, px(b[3]) + 1);
    let mut img = image::open(PAGE).unwrap().into_luma8();
    // The digits whitened, then strokes down to the right every 3 pixels.
    for y in y0..=y1 {
        for x in x0..=x1 {
            img.put_pixel(x, y, image::Luma([255]));
        }
    }
    for start in (x0..x1).step_by(3) {
        for t in 0..=(y1 - y0) {
            img.put_pixel(start + t, y0 + t, image::Luma([0]));
        }
    }
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

#[test]
fn a_number_cell_that_cannot_be_read_is_left_empty_and_marked() {
    if !engine_ready("a_number_cell_that_cannot_be_read_is_left_empty_and_marked") {
        return;
    }
    let key = "applications.new_received.research";
    let png = page_with_blot(key);
    let parsed = nianbao::parse_bytes("blotted.png", &png).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    let (table, row, col) = ("applications", "new_received", "research");
    // Never a guess: the cell is empty …
    assert!(
        report["tables"][table][row][col].is_null(),
        "{}",
        report["tables"][table][row][col]
    );
    // … and marked, so the reviewer sees it.
    assert_eq!(
        report["review_cells"][key]["reason"], "ocr_unread",
        "{}",
        report["review_cells"]
    );
    // The rest of the page still reads as its gold.
    let (right, _, unmarked, total) = score(&report, &gold());
    assert!(right + 3 >= total, "{right}/{total}");
    assert!(unmarked.is_empty(), "{unmarked:?}");
}
