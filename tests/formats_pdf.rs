//! Text-layer PDFs read through the whole pipeline: every fixture to its
//! known values, and hostile files to a clear error within seconds, never a
//! panic or a hang.
//!
//! The fixtures are made by `tests/fixtures/formats/make_pdf_fixtures.py`
//! (LibreOffice, HTML → DOCX → PDF) and committed, so these tests need no
//! converter at run time. `report2019_gbk.pdf` has table 3 run over a page
//! break with a row cut in two; `report2021_pagebreak.pdf` has it break
//! inside the header rows.

use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::ParseError;

#[path = "common/format_fixture.rs"]
mod format_fixture;

use format_fixture::DIR;

fn check_fixture(name: &str, expected: &str) {
    format_fixture::check_fixture(name, expected, "pdf", None);
}

#[test]
fn pdf_2021() {
    check_fixture("report2021_utf8.pdf", "report2021_utf8.expected.json");
}

#[test]
fn pdf_2019_table_over_page_break() {
    check_fixture("report2019_gbk.pdf", "report2019_gbk.expected.json");
}

#[test]
fn pdf_2021_header_cut_by_page_break() {
    check_fixture("report2021_pagebreak.pdf", "report2021_utf8.expected.json");
}

#[test]
fn tables_render_as_grid_rows() {
    let bytes = std::fs::read(Path::new(DIR).join("report2021_pagebreak.pdf")).unwrap();
    let text = nianbao::formats::decode_any("x.pdf", &bytes).unwrap().text;
    // Joined over the break: the cut header row is whole again, and the
    // body follows the header with no page furniture between.
    assert!(text.contains("商业企业\t科研机构"), "{text}");
    assert!(
        text.contains("一、本年新收政府信息公开申请数量\t\t\t132\t26\t3\t4\t6\t3\t174"),
        "{text}"
    );
}

/// Runs `f` and fails if it takes longer than `limit`.
fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    out
}

#[test]
fn truncated_pdf_is_an_error_or_partial() {
    let bytes = std::fs::read(Path::new(DIR).join("report2021_utf8.pdf")).unwrap();
    for cut in [10, 100, 1000, bytes.len() / 2, bytes.len() - 10] {
        let r = within(Duration::from_secs(6), || {
            nianbao::parse_bytes("x.pdf", &bytes[..cut])
        });
        // Lopdf rebuilds a lost cross-reference table, so a file cut near
        // its end may still read; what it cannot read is a PDF error.
        if let Err(e) = r {
            let msg = e.to_string();
            assert!(msg.contains("PDF"), "cut at {cut}: {msg}");
        }
    }
}

#[test]
fn garbage_after_header_is_an_error() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..100_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let r = within(Duration::from_secs(6), || {
        nianbao::parse_bytes("x.pdf", &bytes)
    });
    assert!(matches!(r, Err(ParseError::BadPdf(_))), "{r:?}");
}

/// A PDF of `pages` empty pages, written by hand: header, catalog, page
/// tree, pages, cross-reference table.
fn empty_pages_pdf(pages: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
    ];
    objects.extend(
        (0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string()),
    );
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

#[test]
fn ten_thousand_empty_pages_are_refused() {
    let bytes = empty_pages_pdf(10_000);
    let r = within(Duration::from_secs(6), || {
        nianbao::parse_bytes("x.pdf", &bytes)
    });
    assert!(
        matches!(r, Err(ParseError::TooManyPages { found: 10_000, .. })),
        "{r:?}"
    );
}

#[test]
fn pages_without_text_are_not_empty_tables() {
    let r = nianbao::parse_bytes("x.pdf", &empty_pages_pdf(3));
    let msg = r.unwrap_err().to_string();
    assert!(msg.contains("没有文字"), "{msg}");
}

#[test]
fn image_only_pdf_is_a_scan() {
    // One page that draws one 1×1 image: what a scanner makes.
    let mut pdf = Vec::new();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream",
        "<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
    ];
    pdf.extend(b"%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    let r = within(Duration::from_secs(6), || {
        nianbao::parse_bytes("scan.pdf", &pdf)
    });
    assert!(matches!(r, Err(ParseError::ScannedPdf)), "{r:?}");
    assert!(ParseError::ScannedPdf.to_string().contains("OCR"));
}
