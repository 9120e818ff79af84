//! Reading a published-format fixture and comparing it, cell by cell, with
//! its `.expected.json` (shared by tests/formats.rs and tests/formats_pdf.rs).

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

/// The JSON of fixture `name`, parsed under a neutral file name so that the
/// format must come from the content.
pub fn parse_fixture(name: &str) -> Value {
    let bytes = std::fs::read(Path::new(DIR).join(name)).unwrap();
    let parsed = nianbao::parse_bytes("report", &bytes).unwrap();
    serde_json::to_value(&parsed.report).unwrap()
}

/// Fixture `name` parses to the values of `expected`, with `format` and,
/// where given, `encoding` in `source`.
pub fn check_fixture(name: &str, expected: &str, format: &str, encoding: Option<&str>) {
    let got = parse_fixture(name);
    let want: Value =
        serde_json::from_slice(&std::fs::read(Path::new(DIR).join(expected)).unwrap()).unwrap();
    assert_eq!(got["source"]["format"], format, "{name}");
    if let Some(encoding) = encoding {
        assert_eq!(got["source"]["encoding"], encoding, "{name}");
    }
    for key in ["agency", "year", "template"] {
        assert_eq!(got["meta"][key], want["meta"][key], "{name}: meta.{key}");
    }
    let mut wrong = Vec::new();
    for (table, rows) in want["tables"].as_object().unwrap() {
        for (row, cols) in rows.as_object().unwrap() {
            for (col, value) in cols.as_object().unwrap() {
                let actual = &got["tables"][table][row][col];
                let same = match (actual.as_f64(), value.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => actual.is_null() && value.is_null(),
                };
                if !same {
                    wrong.push(format!("{table}.{row}.{col}: want {value}, got {actual}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

/// Runs `f` and fails if it takes longer than `limit` (hostile files must
/// end in an error within seconds). A guard against hangs and quadratic
/// blow-ups, not a speed test (the benches measure speed): the limit is
/// stretched fourfold so that a debug build on a busy machine passes.
pub fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let limit = limit * 4;
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    out
}
