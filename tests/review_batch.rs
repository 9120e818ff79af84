//! Batch work in the review state, with no window: a folder of good,
//! broken and unreadable files read through commands; the list filtered and
//! sorted; a cancelled batch; cross-year rules between open reports kept
//! current as either is edited; everything exported at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use nianbao::model::{CellRef, Status};
use nianbao::review::report_list::{DocStatus, doc_status};
use nianbao::review::{
    Command, ExportKind, ListFilter, ListItem, SortKey, State, StatusFilter, Target, worker,
};
use nianbao::template::TableId;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

#[path = "common/temp.rs"]
mod temp;

fn temp_dir(tag: &str) -> std::path::PathBuf {
    temp::temp_dir("rbatch", tag)
}

/// Seeds (good), broken_rules (fails rules), missing_tables_typos, and two
/// unreadable files, one in a subfolder.
fn mixed_folder(tag: &str) -> PathBuf {
    let dir = temp_dir(tag);
    for e in std::fs::read_dir(fixture("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    for v in ["broken_rules.txt", "missing_tables_typos.txt"] {
        std::fs::copy(fixture(&format!("variants/{v}")), dir.join(v)).unwrap();
    }
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/garbage.pdf"),
        b"%PDF-1.4 not really\x00\x01\x02",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    // Not a report file: skipped by the folder walk.
    std::fs::write(dir.join("notes.json"), b"{}").unwrap();
    dir
}

fn open_folder(state: &mut State, dir: &Path) {
    let rest = state.apply_blocking(Command::OpenFolders(vec![dir.to_path_buf()]));
    assert!(rest.is_empty(), "{rest:?}");
    assert!(state.batch.is_none());
}

#[test]
fn folder_opens_every_report_and_lists_unreadable_ones() {
    let dir = mixed_folder("open");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    assert_eq!(state.documents.len(), 7, "{:?}", state.failed);
    assert_eq!(state.failed.len(), 2, "{:?}", state.failed);
    assert!(state.failed.iter().all(|f| !f.reason.is_empty()));
    assert!(state.active.is_some(), "the first report is shown");
    assert!(
        state
            .messages
            .iter()
            .any(|m| m.text.contains("已读取 9 个文件")),
        "{:?}",
        state.messages
    );
    // The list shows them all, problems first, unreadable before passing.
    let list = state.list();
    assert_eq!(list.len(), 9);
    let first = match list[0] {
        ListItem::Doc(id) => state.doc(id).unwrap(),
        other => panic!("{other:?}"),
    };
    assert!(matches!(doc_status(first), DocStatus::Problems(_)));
    let ranks: Vec<u8> = list
        .iter()
        .map(|item| match *item {
            ListItem::Doc(id) => match doc_status(state.doc(id).unwrap()) {
                DocStatus::Problems(_) => 0,
                DocStatus::TablesMissing => 1,
                DocStatus::AllPass => 3,
            },
            ListItem::Failed(_) => 2,
        })
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);

    // Opening the same folder again adds nothing.
    open_folder(&mut state, &dir);
    assert_eq!(state.documents.len(), 7);
    assert_eq!(state.failed.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn list_filters_by_status_rule_year_and_agency() {
    let dir = mixed_folder("filter");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    let all = state.list().len();

    let with = |state: &mut State, f: ListFilter| {
        state.apply(Command::SetFilter(f));
        state.list()
    };
    let problems = with(
        &mut state,
        ListFilter {
            status: Some(StatusFilter::Problems),
            ..Default::default()
        },
    );
    assert!(!problems.is_empty() && problems.len() < all);
    for item in &problems {
        let ListItem::Doc(id) = *item else {
            panic!("only reports")
        };
        assert!(state.doc(id).unwrap().summary().failures > 0);
    }
    let unreadable = with(
        &mut state,
        ListFilter {
            status: Some(StatusFilter::Unreadable),
            ..Default::default()
        },
    );
    assert_eq!(unreadable.len(), 2);
    assert!(unreadable.iter().all(|i| matches!(i, ListItem::Failed(_))));

    // A rule from those failing in the open set.
    let rules = nianbao::review::report_list::failing_rules(&state.documents);
    let (rule, n) = rules[0];
    let by_rule = with(
        &mut state,
        ListFilter {
            rule: Some(rule),
            ..Default::default()
        },
    );
    assert_eq!(by_rule.len(), n);

    let year = state.documents[0].report.meta.year.unwrap();
    let by_year = with(
        &mut state,
        ListFilter {
            year: Some(year),
            sort: SortKey::Agency,
            ..Default::default()
        },
    );
    assert!(!by_year.is_empty());
    for item in &by_year {
        let ListItem::Doc(id) = *item else {
            panic!("only reports")
        };
        assert_eq!(state.doc(id).unwrap().report.meta.year, Some(year));
    }

    // Agency by part of its name, whatever the width.
    let by_agency = with(
        &mut state,
        ListFilter {
            agency: "武侯区".into(),
            ..Default::default()
        },
    );
    assert!(!by_agency.is_empty());
    for item in &by_agency {
        let ListItem::Doc(id) = *item else {
            panic!("only reports")
        };
        let agency = state.doc(id).unwrap().report.meta.agency.clone().unwrap();
        assert!(agency.contains("武侯区"), "{agency}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cancelled_batch_keeps_what_was_read_and_the_window_usable() {
    let dir = temp_dir("cancel");
    let seed = std::fs::read(fixture("seeds/002_1e2618f252abd06d.txt")).unwrap();
    for i in 0..60 {
        std::fs::write(dir.join(format!("{i:03}.txt")), &seed).unwrap();
    }
    // The worker stops soon after the flag is set.
    let cancel = AtomicBool::new(false);
    let mut commands = Vec::new();
    worker::run_batch(1, std::slice::from_ref(&dir), &cancel, &mut |c| {
        if matches!(c, Command::BatchOpened { done: 3, .. }) {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        commands.push(c);
    });
    let opened = commands
        .iter()
        .filter(|c| matches!(c, Command::BatchOpened { .. }))
        .count();
    assert_eq!(opened, 3);
    assert!(matches!(
        commands.last(),
        Some(Command::BatchFinished {
            completed: false,
            ..
        })
    ));

    // The state: a batch under way, two files in, cancelled; stragglers dropped.
    let mut state = State::new(None);
    let effects = state.apply(Command::OpenFolders(vec![dir.clone()]));
    let batch = state.batch.as_ref().unwrap().id;
    assert_eq!(effects.len(), 1);
    let mut results = Vec::new();
    worker::run_batch(
        batch,
        std::slice::from_ref(&dir),
        &AtomicBool::new(false),
        &mut |c| results.push(c),
    );
    let mut results = results.into_iter();
    for c in results.by_ref().take(3) {
        state.apply(c);
    }
    assert_eq!(state.batch.as_ref().unwrap().total, Some(60));
    assert_eq!(state.batch.as_ref().unwrap().done, 2);
    state.apply(Command::CancelBatch);
    assert!(state.batch.is_none());
    for c in results {
        state.apply(c);
    }
    assert_eq!(state.documents.len(), 2);
    assert!(state.messages.iter().any(|m| m.text.contains("已取消")));
    // Still usable: edit the report shown, undo.
    let d = state.active_doc().unwrap();
    let spec = d.spec(TableId::Applications).unwrap();
    let row = spec.row("granted").unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row,
        col: 0,
    };
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "12345".into(),
    });
    assert_eq!(state.active_doc().unwrap().value(at), Some(12345.0));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The 2023 report of 舒城县医疗保障局 and a 2024 one written from it under
/// the abbreviated name, with 上年结转 `carried`.
fn year_pair(dir: &Path, carried: &str) {
    let y2023 = std::fs::read_to_string(fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
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
    std::fs::write(dir.join("2024.txt"), y2024).unwrap();
    std::fs::write(dir.join("2023.txt"), y2023).unwrap();
}

fn cross(state: &State, year: i32, rule: &str) -> Vec<nianbao::Check> {
    let d = state
        .documents
        .iter()
        .find(|d| d.report.meta.year == Some(year))
        .unwrap();
    d.checks().filter(|c| c.rule == rule).cloned().collect()
}

#[test]
fn cross_year_rules_between_open_reports_follow_edits() {
    let dir = temp_dir("xy");
    year_pair(&dir, "2 0 0 0 0 0 2");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    assert_eq!(state.documents.len(), 2);
    let c = cross(&state, 2024, "cross_year.carried_over");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].status, Status::Warn);
    assert!(c[0].message.contains("2023.txt"), "{}", c[0].message);
    assert!(cross(&state, 2023, "cross_year.carried_over").is_empty());
    let in_force = cross(&state, 2024, "cross_year.in_force");
    assert_eq!(in_force.len(), 2);
    // Shown with the report's problems, as advisory.
    let later = state
        .documents
        .iter()
        .find(|d| d.report.meta.year == Some(2024))
        .unwrap();
    assert!(
        later
            .problems()
            .iter()
            .any(|c| c.rule == "cross_year.carried_over" && c.status == Status::Warn)
    );

    // Edit the earlier report's 结转下年度继续办理 to match: the later one passes.
    let earlier = state
        .documents
        .iter()
        .find(|d| d.report.meta.year == Some(2023))
        .unwrap();
    let spec = earlier.spec(TableId::Applications).unwrap();
    let row = spec.row("carried_forward").unwrap();
    let total = spec.rows[row].columns.len() - 1;
    let earlier_id = earlier.id;
    state.apply(Command::Activate(earlier_id));
    for (col, v) in [(0, "2"), (total, "2")] {
        state.apply(Command::Edit {
            target: Target::Cell(CellRef {
                table: TableId::Applications,
                row,
                col,
            }),
            text: v.into(),
        });
    }
    let c = cross(&state, 2024, "cross_year.carried_over");
    assert_eq!(c[0].status, Status::Pass, "{}", c[0].message);
    // Undo brings the warning back.
    state.apply(Command::Undo);
    state.apply(Command::Undo);
    assert_eq!(
        cross(&state, 2024, "cross_year.carried_over")[0].status,
        Status::Warn
    );
    // Closing the earlier report removes the rule from the later one.
    state.apply(Command::Close {
        doc: earlier_id,
        discard: true,
    });
    assert!(cross(&state, 2024, "cross_year.carried_over").is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An edit of the later report's own 上年结转 row changes nothing the
/// earlier report is checked against: its cross-year rule follows all the
/// same, and the export carries the cross-year checks beside its own.
#[test]
fn cross_year_rule_follows_an_edit_of_the_later_report() {
    let dir = temp_dir("xy-later");
    year_pair(&dir, "2 0 0 0 0 0 2");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    assert_eq!(
        cross(&state, 2024, "cross_year.carried_over")[0].status,
        Status::Warn
    );
    let later = state
        .documents
        .iter()
        .find(|d| d.report.meta.year == Some(2024))
        .unwrap();
    let spec = later.spec(TableId::Applications).unwrap();
    let row = spec.row("carried_over").unwrap();
    let total = spec.rows[row].columns.len() - 1;
    state.apply(Command::Activate(later.id));
    for col in [0, total] {
        state.apply(Command::Edit {
            target: Target::Cell(CellRef {
                table: TableId::Applications,
                row,
                col,
            }),
            text: "0".into(),
        });
    }
    let c = cross(&state, 2024, "cross_year.carried_over");
    assert_eq!(c[0].status, Status::Pass, "{}", c[0].message);
    let exported = state.active_doc().unwrap().export_report();
    assert!(
        exported
            .checks
            .iter()
            .any(|c| c.rule == "cross_year.carried_over" && c.status == Status::Pass)
    );
    state.apply(Command::Undo);
    assert_eq!(
        cross(&state, 2024, "cross_year.carried_over")[0].status,
        Status::Warn
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_all_as_json_lines_folder_and_csv() {
    let dir = mixed_folder("export");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    // Correct one cell of the shown report.
    let d = state.active_doc().unwrap();
    let spec = d.spec(TableId::Applications).unwrap();
    let row = spec.row("granted").unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    };
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "777".into(),
    });
    assert!(state.has_unsaved());
    let out = temp_dir("export-out");

    let jsonl = out.join("all.jsonl");
    let rest = state.apply_blocking(Command::ExportAll {
        kind: ExportKind::JsonLines,
        path: jsonl.clone(),
    });
    assert!(rest.is_empty());
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    assert_eq!(lines.iter().filter(|l| l.get("error").is_some()).count(), 2);
    let corrected: Vec<_> = lines
        .iter()
        .filter(|l| l["corrections"].as_array().is_some_and(|c| !c.is_empty()))
        .collect();
    assert_eq!(corrected.len(), 1);
    assert_eq!(
        corrected[0]["tables"]["applications"]["granted"]["total"],
        777
    );
    assert!(!state.has_unsaved(), "exported corrections are saved");

    let folder = out.join("json");
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::JsonFolder,
        path: folder.clone(),
    });
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 7);

    let csv = out.join("all.csv");
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::Csv,
        path: csv.clone(),
    });
    let table = std::fs::read_to_string(&csv).unwrap();
    // The window's CSV is for people: a BOM for Excel, Chinese headers.
    assert!(table.starts_with("\u{feff}文件,机关,年度,格式"));
    assert_eq!(table.lines().count(), 10);

    // A failed write says why and keeps the corrections.
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "778".into(),
    });
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::JsonLines,
        path: out.join("no/such/folder/all.jsonl"),
    });
    assert!(state.has_unsaved());
    assert!(state.messages.last().unwrap().error);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}
