//! Any bytes after a web page's opening markup, so that the HTML reader
//! (tags, entities, tables with spans, encodings) gets them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut page = b"<html><body><table><tr><td>".to_vec();
    page.extend_from_slice(data);
    let _ = nianbao::parse_bytes("report.html", &page);
    // And as the bytes stand, for pages the corpus carries whole.
    let _ = nianbao::parse_bytes("report.html", data);
});
