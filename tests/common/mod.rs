//! Comparing a parsed report with a gold file, as ../shared/tools/score.py does.

use std::collections::BTreeSet;

use serde_json::Value;

fn same_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        _ => false,
    }
}

/// Every difference between `report` and `gold`: metadata, cells, failed rules.
pub fn mismatches(gold: &Value, report: &nianbao::Report) -> Vec<String> {
    let got = serde_json::to_value(report).unwrap();
    let mut misses = Vec::new();
    for key in ["agency", "year", "template", "published"] {
        let want = &gold["meta"][key];
        let have = &got["meta"][key];
        let ok = match want {
            Value::Array(names) => names.contains(have),
            _ => want == have,
        };
        if !ok {
            misses.push(format!("meta.{key}: want {want}, got {have}"));
        }
    }
    for (table, rows) in gold["tables"].as_object().unwrap() {
        match rows {
            Value::Null => {
                if !got["tables"][table].is_null() {
                    misses.push(format!("{table}: expected no table"));
                }
            }
            Value::Object(rows) => {
                for (row, cols) in rows {
                    for (col, want) in cols.as_object().unwrap() {
                        let have = &got["tables"][table][row][col];
                        if !same_number(want, have) {
                            misses.push(format!("{table}.{row}.{col}: want {want}, got {have}"));
                        }
                    }
                }
            }
            _ => unreachable!(),
        }
    }
    let want: BTreeSet<(String, String)> = gold["failed_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["where"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let have: BTreeSet<(String, String)> = report
        .failures()
        .map(|c| (c.rule.to_string(), c.place.clone()))
        .collect();
    if want != have {
        misses.push(format!("failed checks: want {want:?}, got {have:?}"));
    }
    misses
}
