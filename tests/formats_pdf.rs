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
use std::time::Duration;

use nianbao::ParseError;

#[path = "common/format_fixture.rs"]
mod format_fixture;

use format_fixture::{DIR, within};

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
    let text = nianbao::parser::decode::decode_any("x.pdf", &bytes)
        .unwrap()
        .text;
    // Joined over the break: the cut header row is whole again, and the
    // body follows the header with no page furniture between.
    assert!(text.contains("商业企业\t科研机构"), "{text}");
    assert!(
        text.contains("一、本年新收政府信息公开申请数量\t\t\t132\t26\t3\t4\t6\t3\t174"),
        "{text}"
    );
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
fn image_only_pdf_with_an_unreadable_picture_is_refused() {
    // One page that draws one 1×1 image: the shape of a scan, but no
    // picture OCR could read (scans themselves are read: tests/ocr.rs).
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
    let Err(ParseError::BadImage(why)) = &r else {
        panic!("{r:?}");
    };
    assert!(why.contains("图像过小"), "{why}");
    assert!(ParseError::ScannedPdf.to_string().contains("OCR"));
}

/// The page and box a fixture's value was read from, from its JSON.
fn place(json: &serde_json::Value, key: &str) -> (u64, [f64; 4]) {
    let pdf = &json["provenance"][key]["pdf"];
    let page = pdf["page"]
        .as_u64()
        .unwrap_or_else(|| panic!("{key}: {pdf}"));
    let b: Vec<f64> = pdf["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    (page, [b[0], b[1], b[2], b[3]])
}

/// `got` is within `tol` points of `want` (pdfplumber's word box: its
/// glyph heights come from the font's ascent, ours from the em box).
fn near(got: [f64; 4], want: [f64; 4], tol: f64) -> bool {
    got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol)
}

#[test]
fn pdf_cells_know_their_page_and_box() {
    // (fixture, cell, page, pdfplumber's box of the word) for cells before
    // and after each table's page break.
    let cases = [
        (
            "report2021_utf8.pdf",
            "applications.withheld_internal_affairs.natural_person",
            2,
            [336.9, 747.5, 342.9, 759.5],
        ),
        (
            "report2021_utf8.pdf",
            "applications.withheld_process_info.natural_person",
            3,
            [336.9, 30.9, 342.9, 42.9],
        ),
        (
            "report2021_pagebreak.pdf",
            "applications.new_received.natural_person",
            3,
            [336.9, 82.6, 354.9, 94.6],
        ),
        (
            "report2021_pagebreak.pdf",
            "applications.total_processed.natural_person",
            4,
            [336.9, 203.3, 354.9, 215.3],
        ),
        (
            "report2019_gbk.pdf",
            "applications.withheld_three_safeties.natural_person",
            3,
            [326.3, 65.4, 332.3, 77.4],
        ),
    ];
    for (file, key, page, want) in cases {
        let json = format_fixture::parse_fixture(file);
        let (got_page, got) = place(&json, key);
        assert_eq!(got_page, page, "{file} {key}");
        assert!(near(got, want, 2.5), "{file} {key}: {got:?} vs {want:?}");
    }
    for file in [
        "report2021_utf8.pdf",
        "report2021_pagebreak.pdf",
        "report2019_gbk.pdf",
    ] {
        let json = format_fixture::parse_fixture(file);
        let provenance = json["provenance"].as_object().unwrap();
        assert!(provenance.len() > 150, "{file}");
        // Every value read has a plausible place on an A4 page.
        for key in provenance.keys() {
            let (page, [x0, y0, x1, y1]) = place(&json, key);
            assert!((1..=4).contains(&page), "{file} {key}");
            assert!(0.0 <= x0 && x0 < x1 && x1 <= 596.0, "{file} {key}");
            assert!(0.0 <= y0 && y0 < y1 && y1 <= 842.0, "{file} {key}");
        }
        // The signature date is on the last page.
        assert_eq!(place(&json, "meta.published").0, 4, "{file}");
    }
    // Other formats have no page.
    let html = format_fixture::parse_fixture("report2021_utf8.html");
    for (key, span) in html["provenance"].as_object().unwrap() {
        assert!(span.get("pdf").is_none(), "{key}");
    }
}

/// A PDF built from object bodies; `(dict, Some(data))` is a stream.
fn pdf_of(objects: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, (dict, data)) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        match data {
            Some(data) => {
                let dict = dict.replace(">>", &format!(" /Length {} >>", data.len()));
                pdf.extend(format!("{dict}\nstream\n").bytes());
                pdf.extend(*data);
                pdf.extend(b"\nendstream");
            }
            None => pdf.extend(dict.bytes()),
        }
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

#[test]
fn type0_cid_fonts_as_word_and_wps_write_them() {
    // F1: Identity-H with a ToUnicode CMap and a /W array (Word, WPS);
    // F2: UniGB-UCS2-H, F3: GBK-EUC-H, both without ToUnicode (older
    // Chinese producers): their codes are the text.
    let to_unicode: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0100> <4E2D> <0101> <6587> endbfchar
1 beginbfrange <0010> <0019> <0030> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
    let content: &[u8] = b"BT /F1 12 Tf 72 700 Td <0100010100110012> Tj ET
BT /F2 12 Tf 72 680 Td <4E2D65870031> Tj ET
BT /F3 12 Tf 72 660 Td <D6D0CEC43132> Tj ET";
    let cid = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [16 [500 500 500]] >>";
    let pdf = pdf_of(&[
        ("<< /Type /Catalog /Pages 2 0 R >>", None),
        ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", None),
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 8 0 R /F3 9 0 R >> >> /Contents 4 0 R >>",
            None,
        ),
        ("<< >>", Some(content)),
        (
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            None,
        ),
        (cid, None),
        ("<< >>", Some(to_unicode)),
        (
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
            None,
        ),
        (
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>",
            None,
        ),
    ]);
    let decoded = nianbao::parser::decode::decode_any("x.pdf", &pdf).unwrap();
    assert_eq!(decoded.text, "中文12\n中文1\n中文12\n");
    // The first line, one chunk: two CJK glyphs of 12 pt, two digits of 6.
    let at = nianbao::parser::decode::place_at(&decoded.places, 0).unwrap();
    assert_eq!(at.page, 1);
    let [x0, _, x1, y1] = at.bbox;
    assert!(
        (x0 - 72.0).abs() < 0.01 && (x1 - 108.0).abs() < 0.01,
        "{at:?}"
    );
    // Baseline 842 - 700 = 142, descent 15% of the size below it.
    assert!((y1 - 143.8).abs() < 0.01, "{at:?}");
}

#[test]
fn rotated_pages_read_as_displayed() {
    // Every page of a fixture turned: MediaBox swapped, content drawn a
    // quarter turn anticlockwise, /Rotate 90 shows it upright again.
    let bytes = std::fs::read(Path::new(DIR).join("report2021_utf8.pdf")).unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let (w, h) = (595.303937, 841.889764);
    for (_, id) in doc.get_pages() {
        let contents = doc.get_page_contents(id);
        let pre = doc.add_object(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            format!("q 0 1 -1 0 {h} 0 cm\n").into_bytes(),
        ));
        let post = doc.add_object(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            b"\nQ\n".to_vec(),
        ));
        let mut list: Vec<lopdf::Object> = vec![pre.into()];
        list.extend(contents.into_iter().map(lopdf::Object::from));
        list.push(post.into());
        let page = doc.get_dictionary_mut(id).unwrap();
        page.set("Contents", list);
        page.set(
            "MediaBox",
            vec![
                0.into(),
                0.into(),
                lopdf::Object::Real(h as f32),
                lopdf::Object::Real(w as f32),
            ],
        );
        page.set("Rotate", 90);
    }
    let mut rotated = Vec::new();
    doc.save_to(&mut rotated).unwrap();
    let plain = format_fixture::parse_fixture("report2021_utf8.pdf");
    let parsed = nianbao::parse_bytes("report", &rotated).unwrap();
    let turned = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(turned["tables"], plain["tables"]);
    let key = "applications.new_received.natural_person";
    let (page, got) = place(&turned, key);
    let (plain_page, want) = place(&plain, key);
    assert_eq!(page, plain_page);
    assert!(near(got, want, 0.1), "{got:?} vs {want:?}");
}

#[test]
fn self_drawing_forms_end_quickly() {
    // A form that draws itself ten times at every level.
    let form: &[u8] =
        b"/Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do /Fm0 Do";
    let pdf = pdf_of(&[
        ("<< /Type /Catalog /Pages 2 0 R >>", None),
        ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", None),
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm0 5 0 R >> >> /Contents 4 0 R >>",
            None,
        ),
        ("<< >>", Some(b"/Fm0 Do")),
        (
            "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm0 5 0 R >> >> >>",
            Some(form),
        ),
    ]);
    let r = within(Duration::from_secs(2), || {
        nianbao::parse_bytes("x.pdf", &pdf)
    });
    assert!(matches!(r, Err(ParseError::BadPdf(_))), "{r:?}");
}
