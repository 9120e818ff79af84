//! Any bytes as a Word document (a zip with word/document.xml); the corpus
//! starts from the fixtures' DOCX files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::parse_bytes("report.docx", data);
});
