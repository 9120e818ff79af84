//! Any bytes as a scanned page: PNG, JPEG or TIFF (every page of a
//! multi-page TIFF, 1-bit fax pages too), as the OCR path decodes them;
//! the corpus starts from small images made from the fixtures' scans.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::parser::decode::ocr::raster::decode_image(data);
});
