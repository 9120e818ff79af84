//! Image pages of PDFs read as a person sees them: a page with `/Rotate`
//! is read upright, and a pictured table with a few words of text written
//! over it (a heading) is still read from its picture. Checked cell by
//! cell against the fixture's gold. Needs Tesseract with its Chinese
//! model; skips with a message without it (CI installs it).

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use serde_json::Value;

#[path = "common/scans.rs"]
mod scans;
use scans::{DPI, GOLD, PAGE, engine_ready};

/// Cells of tables 三 and 四 right, of all in the gold.
fn right_of(report: &Value) -> (usize, usize) {
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    let (mut right, mut total) = (0, 0);
    for table in ["applications", "review_litigation"] {
        for (row, cols) in gold["tables"][table].as_object().unwrap() {
            for (col, want) in cols.as_object().unwrap() {
                total += 1;
                let got = &report["tables"][table][row][col];
                if got.as_f64().zip(want.as_f64()).is_some_and(|(a, b)| a == b)
                    || (got.is_null() && want.is_null())
                {
                    right += 1;
                }
            }
        }
    }
    (right, total)
}

fn assert_reads_as_gold(pdf: &[u8], what: &str) {
    let parsed = nianbao::parse_bytes("scan.pdf", pdf).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    let (right, total) = right_of(&report);
    eprintln!("{what}: {right}/{total} cells right");
    assert!(total > 100);
    assert!(right * 100 >= total * 95, "{what}: {right}/{total}");
}

/// One page: `image` (grey, `w` × `h` pixels) drawn by `cm` on a media
/// box `media` (points), the page turned by `rotate`, `extra` content after.
fn one_page_pdf(
    image: Vec<u8>,
    (w, h): (u32, u32),
    media: (f64, f64),
    rotate: i64,
    extra: &[Operation],
) -> Vec<u8> {
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
        image,
    ));
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let (mw, mh) = media;
    let mut ops = vec![
        Operation::new("q", vec![]),
        Operation::new(
            "cm",
            vec![
                Object::Real(mw as f32),
                0.into(),
                0.into(),
                Object::Real(mh as f32),
                0.into(),
                0.into(),
            ],
        ),
        Operation::new("Do", vec!["Im0".into()]),
        Operation::new("Q", vec![]),
    ];
    ops.extend_from_slice(extra);
    let content = Content { operations: ops }.encode().unwrap();
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Rotate" => rotate,
        "Resources" => dictionary! {
            "XObject" => dictionary! { "Im0" => image_id },
            "Font" => dictionary! { "F1" => font_id },
        },
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(mw as f32), Object::Real(mh as f32)],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn page_points(w: u32, h: u32) -> (f64, f64) {
    (f64::from(w) / DPI * 72.0, f64::from(h) / DPI * 72.0)
}

#[test]
fn a_page_with_rotate_is_read_upright() {
    if !engine_ready("a_page_with_rotate_is_read_upright") {
        return;
    }
    let upright = image::open(PAGE).unwrap().into_luma8();
    let (pw, ph) = page_points(upright.width(), upright.height());
    // Stored a quarter turn anticlockwise, as a scanner that fed the page
    // sideways writes it; `/Rotate 90` shows it upright.
    let stored = image::imageops::rotate270(&upright);
    let dims = stored.dimensions();
    let pdf = one_page_pdf(stored.into_raw(), dims, (ph, pw), 90, &[]);
    assert_reads_as_gold(&pdf, "/Rotate 90");
    // And upside down under /Rotate 180.
    let stored = image::imageops::rotate180(&upright);
    let dims = stored.dimensions();
    let pdf = one_page_pdf(stored.into_raw(), dims, (pw, ph), 180, &[]);
    assert_reads_as_gold(&pdf, "/Rotate 180");
}

#[test]
fn a_picture_under_a_few_words_of_text_is_read() {
    if !engine_ready("a_picture_under_a_few_words_of_text_is_read") {
        return;
    }
    let img = image::open(PAGE).unwrap().into_luma8();
    let dims = img.dimensions();
    let (pw, ph) = page_points(dims.0, dims.1);
    // A heading written over the top of the picture (white space there).
    let heading = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 9.into()]),
        Operation::new(
            "Td",
            vec![Object::Real(40.0), Object::Real((ph - 14.0) as f32)],
        ),
        Operation::new("Tj", vec![Object::string_literal("Annual report 2023")]),
        Operation::new("ET", vec![]),
    ];
    let pdf = one_page_pdf(img.into_raw(), dims, (pw, ph), 0, &heading);
    assert_reads_as_gold(&pdf, "heading over the picture");
}

/// The first image XObject of `doc` and where it is placed on the page.
fn first_image(doc: &Document) -> nianbao::parser::decode::pdf::extract::PlacedImage {
    let (&id, _) = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
            })
        })
        .unwrap();
    nianbao::parser::decode::pdf::extract::PlacedImage {
        id,
        rect: [0.0, 0.0, 930.0, 1311.75],
        orientation: Default::default(),
    }
}

/// The fixture page at one bit a pixel, coded CCITT Group 4 (as
/// black-and-white scanners write), made by
/// `python3 -c "from PIL import Image; import img2pdf; Image.open('tests/fixtures/scans/table_page.png').convert('L').point(lambda v: 255 if v >= 128 else 0).convert('1').save('/tmp/g4.tif', compression='group4'); open('tests/fixtures/scans/table_page_g4.pdf', 'wb').write(img2pdf.convert('/tmp/g4.tif'))"`
/// (img2pdf stores the TIFF's coded data as it is, `BlackIs1 true`).
const G4_PDF: &str = "tests/fixtures/scans/table_page_g4.pdf";

/// The first image of the PDF at `path` decoded, and the fixture page it
/// was made from, of the same size.
fn decoded_with_page(path: &str) -> (nianbao::parser::decode::ocr::raster::Gray, image::GrayImage) {
    use nianbao::parser::decode::pdf::images;
    let doc = Document::load(path).unwrap();
    let got = images::decode(&doc, &first_image(&doc)).unwrap();
    let want = image::open(PAGE).unwrap().into_luma8();
    assert_eq!(
        (got.width, got.height),
        (want.width() as usize, want.height() as usize)
    );
    (got, want)
}

/// Every pixel dark where the page's is (a 1-bit image made from it).
fn assert_same_thresholded(
    got: &nianbao::parser::decode::ocr::raster::Gray,
    want: &image::GrayImage,
) {
    let same = got
        .pixels
        .iter()
        .zip(want.as_raw())
        .filter(|(g, w)| (**g >= 128) == (**w >= 128))
        .count();
    assert_eq!(same, got.pixels.len(), "every pixel as thresholded");
}

#[test]
fn a_ccitt_image_decodes_to_the_page_it_was_made_from() {
    let (got, want) = decoded_with_page(G4_PDF);
    assert_same_thresholded(&got, &want);
}

#[test]
fn a_ccitt_scan_is_read_by_ocr() {
    if !engine_ready("a_ccitt_scan_is_read_by_ocr") {
        return;
    }
    let parsed = nianbao::parse_path(std::path::Path::new(G4_PDF)).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    let (right, total) = right_of(&report);
    eprintln!("CCITT G4: {right}/{total} cells right");
    assert!(right * 100 >= total * 90, "{right}/{total}");
}

/// The fixture page as JPEG 2000 at 1:40 (lossy), made by
/// `python3 -c "from PIL import Image; import img2pdf; Image.open('tests/fixtures/scans/table_page.png').convert('L').save('/tmp/p.jp2', quality_mode='rates', quality_layers=[40]); open('tests/fixtures/scans/table_page_jpx.pdf', 'wb').write(img2pdf.convert('/tmp/p.jp2'))"`.
const JPX_PDF: &str = "tests/fixtures/scans/table_page_jpx.pdf";

#[test]
fn a_jpeg2000_image_decodes_close_to_the_page() {
    let (got, want) = decoded_with_page(JPX_PDF);
    // Lossy: close on average, not equal.
    let diff: u64 = got
        .pixels
        .iter()
        .zip(want.as_raw())
        .map(|(g, w)| u64::from(g.abs_diff(*w)))
        .sum();
    let mean = diff as f64 / got.pixels.len() as f64;
    eprintln!("JPEG 2000: mean difference {mean:.2} grey levels");
    // OpenJPEG's own decoding of the same file differs by 4.20.
    assert!(mean < 5.0, "mean difference {mean:.2} grey levels");
}

#[test]
fn a_jpeg2000_scan_is_read_by_ocr() {
    if !engine_ready("a_jpeg2000_scan_is_read_by_ocr") {
        return;
    }
    let parsed = nianbao::parse_path(std::path::Path::new(JPX_PDF)).unwrap();
    let report = serde_json::to_value(&parsed.report).unwrap();
    let (right, total) = right_of(&report);
    eprintln!("JPEG 2000: {right}/{total} cells right");
    // Compressed 1:40, its artefacts cost OCR a quarter of the cells (the
    // same page as PNG reads 190/190); it is read, not refused.
    assert!(right * 100 >= total * 70, "{right}/{total}");
}

/// The fixture page at one bit a pixel as an embedded JBIG2 stream (one
/// page information segment, one immediate generic region coded MMR, an
/// end of page), made by `python3 tests/fixtures/scans/make_jbig2.py
/// tests/fixtures/scans/table_page.png tests/fixtures/scans/table_page_jbig2.pdf`
/// (no JBIG2 encoder is packaged here; the script writes the segments
/// itself around a Group 4 code from Pillow).
const JBIG2_PDF: &str = "tests/fixtures/scans/table_page_jbig2.pdf";

#[test]
fn a_jbig2_image_decodes_to_the_page_it_was_made_from() {
    let (got, want) = decoded_with_page(JBIG2_PDF);
    // JBIG2's 1 bit is black: dark pixels of the page are dark here.
    assert_same_thresholded(&got, &want);
}

#[test]
fn a_jbig2_scan_is_read_by_ocr_as_the_ccitt_one() {
    if !engine_ready("a_jbig2_scan_is_read_by_ocr_as_the_ccitt_one") {
        return;
    }
    let read = |path: &str| {
        let parsed = nianbao::parse_path(std::path::Path::new(path)).unwrap();
        right_of(&serde_json::to_value(&parsed.report).unwrap())
    };
    let (right, total) = read(JBIG2_PDF);
    let (g4_right, _) = read(G4_PDF);
    eprintln!("JBIG2: {right}/{total} cells right, CCITT G4 {g4_right}");
    // The same bits as the Group 4 page: at least as many cells read.
    assert!(
        right >= g4_right,
        "JBIG2 {right} < G4 {g4_right} of {total}"
    );
}

#[test]
fn damaged_jbig2_data_is_a_clear_error() {
    use nianbao::parser::decode::pdf::images;
    let doc = Document::load(JBIG2_PDF).unwrap();
    let placed = first_image(&doc);
    // The segments cut inside the page information, and garbled.
    for damage in [
        |c: &mut Vec<u8>| c.truncate(20),
        |c: &mut Vec<u8>| c.iter_mut().take(64).for_each(|b| *b ^= 0x5A),
        |c: &mut Vec<u8>| c.clear(),
    ] {
        let mut doc = doc.clone();
        let stream = doc
            .get_object_mut(placed.id)
            .unwrap()
            .as_stream_mut()
            .unwrap();
        damage(&mut stream.content);
        let Err(err) = images::decode(&doc, &placed) else {
            panic!("damaged JBIG2 data decoded");
        };
        assert!(err.contains("JBIG2"), "{err}");
    }
    // A globals stream that is not JBIG2 segments: the decoder is lenient
    // (as the page refers to no symbols, the page may still decode); an
    // error, if any, names JBIG2, and nothing panics.
    let mut doc = doc.clone();
    let globals = doc.add_object(Stream::new(Dictionary::new(), vec![0xFF; 40]));
    let stream = doc
        .get_object_mut(placed.id)
        .unwrap()
        .as_stream_mut()
        .unwrap();
    stream
        .dict
        .set("DecodeParms", dictionary! { "JBIG2Globals" => globals });
    match images::decode(&doc, &placed) {
        Err(err) => assert!(err.contains("JBIG2"), "{err}"),
        Ok(g) => assert_eq!((g.width, g.height), (1240, 1749)),
    }
    // The whole file with damaged data: read, with no panic.
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let _ = nianbao::parse_bytes("damaged.pdf", &bytes);
}
