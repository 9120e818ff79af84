//! Every real report in tests/fixtures/seeds parses to its gold values
//! exactly: every cell, the metadata, and the set of failed rules.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

#[test]
fn seeds_match_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in fs::read_dir(dir.join("gold")).unwrap() {
        let gold_path = entry.unwrap().path();
        let stem = gold_path.file_stem().unwrap().to_str().unwrap().to_string();
        let gold: Value = serde_json::from_str(&fs::read_to_string(&gold_path).unwrap()).unwrap();
        let parsed = nianbao::parse_path(&dir.join("seeds").join(format!("{stem}.txt"))).unwrap();
        let misses = common::mismatches(&gold, &parsed.report);
        assert!(misses.is_empty(), "{stem}:\n  {}", misses.join("\n  "));
        checked += 1;
    }
    assert_eq!(checked, 5);
}

/// Every cell's provenance points at its own number in the source text.
#[test]
fn provenance_points_at_the_value() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    for entry in fs::read_dir(dir).unwrap() {
        let parsed = nianbao::parse_path(&entry.unwrap().path()).unwrap();
        for id in nianbao::TableId::ALL {
            let Some(t) = parsed.report.tables.get(id) else {
                continue;
            };
            for cell in t.cells.iter().flatten() {
                let (Some(v), Some(span)) = (cell.value, cell.source) else {
                    continue;
                };
                let raw = &parsed.text[span.start..span.end];
                let folded: String = raw
                    .chars()
                    .map(|c| {
                        if ('０'..='９').contains(&c) {
                            char::from_u32(c as u32 - 0xFEE0).unwrap()
                        } else {
                            c
                        }
                    })
                    .filter(|c| *c != ',')
                    .collect();
                assert_eq!(folded.parse::<f64>().unwrap(), v, "{raw:?}");
                let line = parsed.text[..span.start].matches('\n').count() + 1;
                assert_eq!(line, span.line);
            }
        }
    }
}
