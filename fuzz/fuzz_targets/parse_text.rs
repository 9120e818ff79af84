//! Any bytes as a text report: decoding, sections, tables, metadata, rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::parse_bytes("report.txt", data);
});
