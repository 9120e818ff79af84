//! `nianbao compare A B`: one JSON object with both reports' cells and
//! changes, the cross-year rules and the repeated text; clear errors.

use std::process::Command;

#[path = "common/temp.rs"]
mod temp;

fn nianbao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn seed() -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/000_f28bdb7c4ee4bcba.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn compares_two_years_given_in_either_order() {
    let dir = temp::temp_dir("cli-compare", "pair");
    let y2023 = seed();
    let y2024 = y2023
        .replacen(
            "2023 年政府信息公开工作年度报告",
            "2024 年政府信息公开工作年度报告",
            1,
        )
        .replace(
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3",
        );
    std::fs::write(dir.join("a2023.txt"), &y2023).unwrap();
    std::fs::write(dir.join("b2024.txt"), &y2024).unwrap();
    // The older file first: the later year is still "this".
    let out = nianbao()
        .args(["compare", "--pretty"])
        .arg(dir.join("a2023.txt"))
        .arg(dir.join("b2024.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["this"]["year"], 2024);
    assert_eq!(v["last"]["year"], 2023);
    let changed: Vec<&serde_json::Value> = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "changed")
        .collect();
    assert_eq!(changed.len(), 2);
    assert_eq!(
        changed[0]["cell"],
        "applications.carried_over.natural_person"
    );
    assert_eq!(changed[0]["this"], 3);
    assert_eq!(changed[0]["last"], 0);
    assert_eq!(changed[0]["change"], 3);
    let rules: Vec<&str> = v["cross_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"cross_year.carried_over"));
    let repeats = v["repeats"].as_array().unwrap();
    let sections: Vec<&str> = repeats
        .iter()
        .map(|r| r["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["overview", "problems", "other", "whole"]);
    assert_eq!(repeats[0]["share"], 1.0);
    // Each passage is a byte range of this year's text.
    let p = &repeats[3]["passages"][0];
    let (s, e) = (
        p["this"]["start"].as_u64().unwrap(),
        p["this"]["end"].as_u64().unwrap(),
    );
    assert!(y2024.get(s as usize..e as usize).is_some());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn wrong_usage_and_unreadable_files() {
    let out = nianbao()
        .args(["compare", "only-one.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exactly two"));
    let dir = temp::temp_dir("cli-compare", "bad");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let out = nianbao()
        .arg("compare")
        .arg(&bad)
        .arg(dir.join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("missing.txt"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let help = nianbao().args(["compare", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("nianbao compare"));
    let _ = std::fs::remove_dir_all(dir);
}
