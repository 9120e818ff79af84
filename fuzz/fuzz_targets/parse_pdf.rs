//! Any bytes as a PDF; the corpus starts from the fixtures' PDF files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::parse_bytes("report.pdf", data);
});
