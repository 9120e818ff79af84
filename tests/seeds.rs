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

/// `meta.region` from the agency's name, in the JSON and the CSV's place.
#[test]
fn region_from_the_agency_name() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let parsed = nianbao::parse_path(&dir.join("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let region = parsed.report.meta.region.clone().unwrap();
    assert_eq!(region.province.as_deref(), Some("安徽省"));
    assert_eq!(region.city.as_deref(), Some("六安市"));
    assert_eq!(region.county.as_deref(), Some("舒城县"));
    assert_eq!(region.code.as_deref(), Some("341523"));
    let json = serde_json::to_value(&parsed.report).unwrap();
    assert_eq!(json["meta"]["region"]["code"], "341523");
}

/// A place whose name begins with a character that ends most names read
/// backwards (于都县: 于 as in 关于; 贵阳市: 贵 as in 贵单位) is kept whole
/// when the agency's fuller name is read from the text, and its region found.
#[test]
fn places_beginning_with_a_stop_word_are_kept_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed = fs::read_to_string(dir.join("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    for (place, code) in [
        ("于都县", "360731"),
        ("贵阳市", "520100"),
        ("本溪市", "210500"),
    ] {
        // The title names the bureau alone; the text says whose it is.
        let text = seed.replace("舒城县医疗保障局", "医疗保障局").replacen(
            "2023 年政府信息公开工作年度报告\n",
            &format!(
                "2023 年政府信息公开工作年度报告\n\n现将{place}医疗保障局2023年度政府信息公开工作情况报告如下。\n"
            ),
            1,
        );
        let report = nianbao::parse_bytes("x.txt", text.as_bytes())
            .unwrap()
            .report;
        assert_eq!(
            report.meta.agency.as_deref(),
            Some(format!("{place}医疗保障局").as_str())
        );
        assert_eq!(report.meta.region.unwrap().code.as_deref(), Some(code));
    }
}
