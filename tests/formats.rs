//! Published formats (HTML pages, DOCX) read through the whole pipeline:
//! every fixture to its known values, and hostile files to an error or a
//! result within seconds, never a panic.
//!
//! The fixtures are made by `tests/fixtures/formats/make_fixtures.py` (HTML
//! and `.expected.json`) and LibreOffice (`.docx`, converted once from the
//! HTML and committed), so these tests need no converter at run time.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

#[path = "common/format_fixture.rs"]
mod format_fixture;

use format_fixture::{DIR, parse_fixture, within};

fn check_fixture(name: &str, expected: &str, format: &str, encoding: &str) {
    format_fixture::check_fixture(name, expected, format, Some(encoding));
}

#[test]
fn html_2021_utf8() {
    check_fixture(
        "report2021_utf8.html",
        "report2021_utf8.expected.json",
        "html",
        "utf-8",
    );
}

#[test]
fn html_2019_gbk() {
    check_fixture(
        "report2019_gbk.html",
        "report2019_gbk.expected.json",
        "html",
        "gb18030",
    );
}

#[test]
fn docx_2021() {
    check_fixture(
        "report2021_utf8.docx",
        "report2021_utf8.expected.json",
        "docx",
        "utf-8",
    );
}

#[test]
fn docx_2019() {
    check_fixture(
        "report2019_gbk.docx",
        "report2019_gbk.expected.json",
        "docx",
        "utf-8",
    );
}

#[test]
fn page_furniture_stays_out() {
    let bytes = std::fs::read(Path::new(DIR).join("report2019_gbk.html")).unwrap();
    let text = nianbao::parser::decode::decode_any("x.html", &bytes)
        .unwrap()
        .text;
    for furniture in ["_hmt", "999", "float", "互动交流", "分享到", "版权所有"] {
        assert!(
            !text.contains(furniture),
            "{furniture} leaked into:\n{text}"
        );
    }
    assert!(text.contains("政府集中采购\t35\t\t1268.4"), "{text}");
}

#[test]
fn truncated_docx_is_an_error() {
    let bytes = std::fs::read(Path::new(DIR).join("report2021_utf8.docx")).unwrap();
    for cut in [10, 100, bytes.len() / 2, bytes.len() - 10] {
        let r = nianbao::parse_bytes("x.docx", &bytes[..cut]);
        assert!(r.is_err(), "cut at {cut}");
    }
}

fn zip_with_document(xml_head: &str, filler: u8, filler_len: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml_head.as_bytes()).unwrap();
    let chunk = vec![filler; 1 << 20];
    let mut left = filler_len;
    while left > 0 {
        let n = left.min(chunk.len());
        zip.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn zip_bomb_docx_is_refused() {
    // 100 MiB of spaces pack into about 100 KiB.
    let bomb = zip_with_document("<w:document><w:body><w:p><w:r><w:t>", b' ', 100 << 20);
    assert!(bomb.len() < 1 << 20);
    let r = within(Duration::from_secs(5), || {
        nianbao::parse_bytes("bomb.docx", &bomb)
    });
    assert!(
        matches!(r, Err(nianbao::ParseError::Unpacked { .. })),
        "{r:?}"
    );
}

#[test]
fn zip_without_document_is_named() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let r = nianbao::parse_bytes("x.docx", &bytes);
    assert!(
        matches!(r, Err(nianbao::ParseError::UnsupportedFormat("XLSX"))),
        "{r:?}"
    );
}

#[test]
fn deeply_nested_html_ends() {
    let depth = 100_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div><span>".repeat(depth));
    page.push_str("规章 1 2 3");
    page.push_str(&"</span></div>".repeat(depth));
    let r = within(Duration::from_secs(5), || {
        nianbao::parse_bytes("deep.html", page.as_bytes())
    });
    assert!(
        matches!(r, Err(nianbao::ParseError::TooDeep { .. })),
        "{r:?}"
    );
    let mut tables = String::from("<html><body>");
    tables.push_str(&"<table><tr><td>".repeat(5_000));
    tables.push_str("规章");
    let _ = within(Duration::from_secs(5), || {
        nianbao::parse_bytes("tables.html", tables.as_bytes())
    });
}

#[test]
fn deeply_nested_docx_ends() {
    let mut xml = String::from("<w:document><w:body>");
    xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(20_000));
    xml.push_str("<w:p><w:r><w:t>规章</w:t></w:r></w:p>");
    let bytes = zip_with_document(&xml, b' ', 0);
    let _ = within(Duration::from_secs(10), || {
        nianbao::parse_bytes("deep.docx", &bytes)
    });
}

#[test]
fn fifty_megabyte_html_ends() {
    let bytes = std::fs::read(Path::new(DIR).join("report2021_utf8.html")).unwrap();
    let mut page = Vec::with_capacity(50 << 20);
    page.extend_from_slice(b"<html><body><script>");
    while page.len() < 50 << 20 {
        page.extend_from_slice(b"var x = '<table><tr><td>1</td></tr></table>';\n");
    }
    page.extend_from_slice(b"</script>");
    page.extend_from_slice(&bytes);
    let r = within(Duration::from_secs(30), || {
        nianbao::parse_bytes("big.html", &page)
    });
    // Whatever the limit, a page this size is either read or refused.
    if let Ok(p) = r {
        assert_eq!(p.report.source.format, "html");
    }
}

/// DOC and WPS go through LibreOffice when it is installed; without it the
/// error names what to install. (CI need not install LibreOffice.)
#[test]
fn doc_through_libreoffice_or_a_clear_error() {
    let bytes = std::fs::read(Path::new(DIR).join("report2021_utf8.doc")).unwrap();
    match nianbao::parse_bytes("report.doc", &bytes) {
        Ok(_) => check_fixture(
            "report2021_utf8.doc",
            "report2021_utf8.expected.json",
            "doc",
            "utf-8",
        ),
        Err(e @ nianbao::ParseError::NeedsLibreOffice(_)) => {
            assert!(e.to_string().contains("libreoffice-writer-nogui"), "{e}");
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// Cells of HTML and DOCX reports say where they stand in the document's
/// own tables: table number, grid row and column.
#[test]
fn html_and_docx_cells_know_their_table_row_and_column() {
    for name in ["report2021_utf8.html", "report2021_utf8.docx"] {
        let got = parse_fixture(name);
        let p = &got["provenance"];
        let a = &p["applications.new_received.natural_person"]["grid"];
        let b = &p["applications.new_received.total"]["grid"];
        let c = &p["applications.granted.total"]["grid"];
        assert!(a["table"].as_u64().unwrap() >= 1, "{name}: {a}");
        assert_eq!(a["table"], b["table"], "{name}");
        assert_eq!(a["row"], b["row"], "{name}");
        assert_eq!(
            b["col"].as_u64().unwrap(),
            a["col"].as_u64().unwrap() + 6,
            "{name}"
        );
        assert!(c["row"].as_u64() > b["row"].as_u64(), "{name}");
        assert_eq!(c["col"], b["col"], "{name}");
    }
    // Plain text has no document tables.
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_f28bdb7c4ee4bcba.txt"
    ))
    .unwrap();
    let report = nianbao::parse_bytes("seed.txt", &seed).unwrap().report;
    let v = serde_json::to_value(&report).unwrap();
    assert!(
        v["provenance"]["applications.granted.total"]
            .get("grid")
            .is_none()
    );
}
