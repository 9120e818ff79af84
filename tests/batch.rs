//! Batch work through the library: cross-year rules between one agency's
//! consecutive reports (matched by normalised name), cancellation, and
//! results in input order.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use nianbao::Status;
use nianbao::batch::{self, Options, Outcome};

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[path = "common/temp.rs"]
mod temp;

fn temp_dir(tag: &str) -> std::path::PathBuf {
    temp::temp_dir("batch", tag)
}

/// The 2023 report of 舒城县医疗保障局 and a 2024 one written from it,
/// naming the agency by its abbreviation, with 上年结转 `carried`.
fn pair(dir: &std::path::Path, carried: &str) -> Vec<PathBuf> {
    let y2023 = seed("000_f28bdb7c4ee4bcba.txt");
    let y2024 = y2023
        .replacen(
            "舒城县医疗保障局\n2023 年政府信息公开工作年度报告",
            "舒城县医保局\n2024 年政府信息公开工作年度报告",
            1,
        )
        .replace(
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            &format!("二、上年结转政府信息公开申请数量 {carried}"),
        );
    let a = dir.join("2024.txt");
    let b = dir.join("2023.txt");
    std::fs::write(&a, y2024).unwrap();
    std::fs::write(&b, y2023).unwrap();
    vec![a, b]
}

fn run(files: &[PathBuf]) -> Vec<Outcome> {
    let mut out = Vec::new();
    let cancel = AtomicBool::new(false);
    let done = batch::run(files, Options::default(), &cancel, &|_, _, _| {}, |o| {
        out.push(o);
        Ok::<(), ()>(())
    });
    assert_eq!(done, Ok(true));
    out
}

fn cross_year(outcome: &Outcome, rule: &str) -> Vec<nianbao::Check> {
    let Outcome::Parsed(r) = outcome else {
        panic!("parsed")
    };
    r.checks
        .iter()
        .filter(|c| c.rule == rule)
        .cloned()
        .collect()
}

#[test]
fn carried_over_matches_last_year() {
    let dir = temp_dir("xy-pass");
    let out = run(&pair(&dir, "0 0 0 0 0 0 0"));
    let checks = cross_year(&out[0], "cross_year.carried_over");
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].status, Status::Pass);
    // the earlier year has nothing before it
    assert!(cross_year(&out[1], "cross_year.carried_over").is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn carried_over_differs_from_last_year() {
    let dir = temp_dir("xy-fail");
    let out = run(&pair(&dir, "2 0 0 0 0 0 2"));
    let checks = cross_year(&out[0], "cross_year.carried_over");
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].status, Status::Warn);
    assert!(
        checks[0].message.contains("自然人 本年 2 / 上年 0"),
        "{}",
        checks[0].message
    );
    assert!(
        checks[0].message.contains("2023.txt"),
        "names the other report: {}",
        checks[0].message
    );
    let in_force = cross_year(&out[0], "cross_year.in_force");
    assert_eq!(in_force.len(), 2);
    assert!(in_force.iter().all(|c| c.status == Status::Pass));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cancel_stops_the_run_and_order_is_kept() {
    let dir = temp_dir("cancel");
    let files: Vec<PathBuf> = (0..600)
        .map(|i| {
            let p = dir.join(format!("{i:04}.txt"));
            std::fs::write(&p, seed("002_1e2618f252abd06d.txt")).unwrap();
            p
        })
        .collect();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let done = batch::run(
        &files,
        Options {
            cross_year: false,
            ..Default::default()
        },
        &cancel,
        &|done, _, _| {
            if done == 10 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        |o| {
            seen.push(o.file().to_string());
            Ok::<(), ()>(())
        },
    );
    assert_eq!(done, Ok(false));
    assert!(seen.len() < files.len());
    let expected: Vec<String> = files[..seen.len()]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(seen, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}
