//! The committed scan page and what the OCR suites build from it: the
//! page as an image-only PDF, and the check that Tesseract is there.
// Each suite uses part of this.
#![allow(dead_code)]

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use serde_json::Value;

/// Tables 三 and 四 drawn at 150 dpi, and their gold.
pub const PAGE: &str = "tests/fixtures/scans/table_page.png";
pub const GOLD: &str = "tests/fixtures/scans/table_page.json";
pub const DPI: f64 = 150.0;

/// Whether Tesseract with its models can run; a test that needs it is
/// skipped, saying so and naming the install line, where it cannot.
pub fn engine_ready(test: &str) -> bool {
    match nianbao::parser::decode::ocr::engine::Tesseract::installed() {
        Ok(_) => true,
        Err(e) => {
            eprintln!(
                "{test}: skipped, Tesseract not usable ({e:?}); install: sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim"
            );
            false
        }
    }
}

/// The fixture page `pages` times, one image-only PDF page each.
pub fn scanned_pdf(pages: usize) -> Vec<u8> {
    let img = image::open(PAGE).unwrap().into_luma8();
    let (w, h) = img.dimensions();
    let (pw, ph) = (f64::from(w) / DPI * 72.0, f64::from(h) / DPI * 72.0);
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => i64::from(w),
            "Height" => i64::from(h),
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        img.into_raw(),
    ));
    let content = format!("q {pw:.3} 0 0 {ph:.3} 0 0 cm /Im0 Do Q");
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
                "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(pw as f32), Object::Real(ph as f32)],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Cells right, numbers wrong, and wrong numbers without a review mark,
/// over tables 三 and 四.
pub fn score(report: &Value, gold: &Value) -> (usize, usize, Vec<String>, usize) {
    let (mut right, mut wrong, mut unmarked, mut total) = (0, 0, Vec::new(), 0);
    let marked = &report["review_cells"];
    for table in ["applications", "review_litigation"] {
        let Some(rows) = gold["tables"][table].as_object() else {
            continue;
        };
        for (row, cols) in rows {
            for (col, want) in cols.as_object().unwrap() {
                total += 1;
                let got = &report["tables"][table][row][col];
                let same = match (got.as_f64(), want.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                };
                if same {
                    right += 1;
                } else if got.is_number() {
                    wrong += 1;
                    let key = format!("{table}.{row}.{col}");
                    if marked.get(&key).is_none() {
                        unmarked.push(format!("{key}: want {want}, got {got}"));
                    }
                }
            }
        }
    }
    (right, wrong, unmarked, total)
}
