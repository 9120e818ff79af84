//! The office exports of the review state, with no window: one report's
//! Excel workbook and review sheet, remarks kept through a crash, and
//! exports of all that follow the report list's filter. Every file is read
//! back (calamine for the workbook's cells and merges, its XML for fills
//! and notes, the DOCX's document part).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use nianbao::model::{CellRef, Status};
use nianbao::review::{Command, ExportKind, ListFilter, ReportFile, State, StatusFilter, Target};
use nianbao::template::TableId;

#[path = "common/temp.rs"]
mod temp;

#[path = "common/office.rs"]
mod office;

fn temp_dir(tag: &str) -> PathBuf {
    temp::temp_dir("rexport", tag)
}

fn sample_state(dir: &Path) -> State {
    let mut state = State::new(Some(dir.join("recovery")));
    let rest = state.apply_blocking(Command::LoadSample);
    assert!(rest.is_empty(), "{rest:?}");
    state
}

fn granted_total(state: &State) -> CellRef {
    let spec = state
        .active_doc()
        .unwrap()
        .spec(TableId::Applications)
        .unwrap();
    let row = spec.row("granted").unwrap();
    CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    }
}

/// Puts a wrong total into 表三 （一）予以公开: the row's total rule fails.
fn break_granted_total(state: &mut State) -> (CellRef, Option<f64>, f64) {
    let at = granted_total(state);
    let before = state.active_doc().unwrap().value(at);
    let wrong = before.unwrap() + 7.0;
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: format!("{wrong}"),
    });
    assert!(
        state
            .active_doc()
            .unwrap()
            .problems_at(at)
            .iter()
            .any(|c| c.status == Status::Fail)
    );
    (at, before, wrong)
}

fn last_message(state: &State) -> &str {
    &state.messages.last().unwrap().text
}

#[test]
fn excel_of_one_report_is_the_template_with_corrections_and_rules_marked() {
    let dir = temp_dir("xlsx");
    let mut state = sample_state(&dir);
    let (at, before, wrong) = break_granted_total(&mut state);
    // The office files are in Chinese.
    let failing_message = state.active_doc().unwrap().problems_at(at)[0]
        .message
        .to_string();
    // A folder that is not there: said, and the corrections stay unsaved.
    state.apply_blocking(Command::ExportReportFile {
        kind: ReportFile::Xlsx,
        path: dir.join("no/such/folder/report.xlsx"),
    });
    assert!(state.messages.last().unwrap().error);
    assert!(
        last_message(&state).contains("导出失败"),
        "{}",
        last_message(&state)
    );
    assert!(state.active_doc().unwrap().dirty);

    let path = dir.join("report.xlsx");
    let rest = state.apply_blocking(Command::ExportReportFile {
        kind: ReportFile::Xlsx,
        path: path.clone(),
    });
    assert!(rest.is_empty());
    assert!(
        !state.messages.last().unwrap().error,
        "{}",
        last_message(&state)
    );
    // The workbook holds every corrected value: the report is saved.
    assert!(!state.active_doc().unwrap().dirty);

    let mut book = office::workbook(&path);
    assert_eq!(book.sheet_names(), ["表二", "表三", "表四", "问题"]);

    // 表三's header as printed, from row 4 (below the title and the report's line).
    let top = 3;
    let merged = office::merges(&path, "表三");
    for area in [
        ((top, 0), (top + 2, 2)),     // the corner note over the label columns
        ((top, 3), (top, 9)),         // 申请人情况
        ((top + 1, 4), (top + 1, 8)), // 法人或其他组织
        ((top + 1, 3), (top + 2, 3)), // 自然人, two rows high
        ((top + 1, 9), (top + 2, 9)), // 总计
    ] {
        assert!(merged.contains(&area), "{area:?} not merged: {merged:?}");
    }
    let t3 = book.worksheet_range("表三").unwrap();
    let text = |r: u32, c: u32| t3.get_value((r, c)).map(|v| v.to_string());
    assert_eq!(text(top, 3).as_deref(), Some("申请人情况"));
    assert_eq!(text(top + 1, 4).as_deref(), Some("法人或其他组织"));
    assert_eq!(text(top + 2, 4).as_deref(), Some("商业企业"));
    // The row's label, and its corrected value as a number.
    let row = top + 3 + at.row as u32;
    let col = 3 + at.col as u32;
    assert_eq!(text(row, 1).as_deref(), Some("（一）予以公开"));
    assert_eq!(t3.get_value((row, col)), Some(&Data::Float(wrong)));

    // The corrected cell is filled and its note gives the parsed value and
    // the failing rule; another cell of the rule is filled red with the rule.
    assert_eq!(office::fill(&path, 2, row, col).as_deref(), Some("FFF2CC"));
    let notes = office::notes(&path, 2);
    let note = |r: u32, c: u32| {
        notes
            .iter()
            .find(|(cell, _)| *cell == office::a1(r, c))
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let before_text = before.map(|v| v.to_string()).unwrap();
    assert!(
        note(row, col).contains(&format!("原值（解析）{before_text}")),
        "{notes:?}"
    );
    assert!(note(row, col).contains(&failing_message), "{notes:?}");
    assert_eq!(office::fill(&path, 2, row, 3).as_deref(), Some("F8CBAD"));
    assert!(note(row, 3).contains(&failing_message));
    // A cell with nothing to say has no note and no fill.
    assert!(note(top + 3, 3).is_empty());
    assert_eq!(office::fill(&path, 2, top + 3, 3), None);

    // 表四: 行政复议 over five columns, 行政诉讼 over ten.
    let merged = office::merges(&path, "表四");
    assert!(merged.contains(&((top, 0), (top, 4))), "{merged:?}");
    assert!(merged.contains(&((top, 5), (top, 14))), "{merged:?}");

    // 问题: the failing rule with its cells and values, and the correction.
    let problems = book.worksheet_range("问题").unwrap();
    let rows: Vec<Vec<String>> = problems
        .rows()
        .map(|r| r.iter().map(|v| v.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..4], ["类型", "规则", "位置", "说明"]);
    let rule = rows
        .iter()
        .find(|r| r[0] == "不符" && r[3] == failing_message)
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(rule[6].contains(&format!("表三 （一）予以公开 · 总计 = {wrong}")));
    let correction = rows.iter().find(|r| r[0] == "已更正").unwrap();
    assert!(correction[3].contains(&format!("{before_text} → 更正为 {wrong}")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn review_sheet_lists_failures_corrections_and_remarks() {
    let dir = temp_dir("docx");
    let mut state = sample_state(&dir);
    let (at, before, wrong) = break_granted_total(&mut state);
    let message = state.active_doc().unwrap().problems_at(at)[0]
        .message
        .clone();
    let remark = "请核实表三第（一）项的总计 & 重新报送。";
    state.apply_blocking(Command::SetRemarks(remark.into()));
    assert_eq!(state.active_doc().unwrap().remarks, remark);

    let effects = state.apply(Command::ChooseReportFile(ReportFile::ReviewSheet));
    assert!(
        matches!(&effects[..], [nianbao::review::Effect::AskReportFilePath { file_name, .. }]
            if file_name.ends_with("-审核意见.docx")),
        "{effects:?}"
    );
    let path = dir.join("审核意见.docx");
    state.apply_blocking(Command::ExportReportFile {
        kind: ReportFile::ReviewSheet,
        path: path.clone(),
    });
    assert!(
        last_message(&state).contains("审核意见已导出"),
        "{:?}",
        state.messages
    );
    // A letter is not the corrected data: the corrections are still unsaved.
    assert!(state.active_doc().unwrap().dirty);

    let xml = office::zip_part(&path, "word/document.xml").unwrap();
    let has = |s: &str| xml.contains(&nianbao::export::docx::escape(s));
    assert!(has("政府信息公开工作年度报告审核意见"));
    let agency = state
        .active_doc()
        .unwrap()
        .report
        .meta
        .agency
        .clone()
        .unwrap();
    assert!(has(&format!("报送机关：{agency}")));
    assert!(has(&message), "rule message missing");
    assert!(has(&format!("表三 （一）予以公开 · 总计 = {wrong}")));
    // The correction: the cell, what was read, what it is now.
    assert!(has("表三 （一）予以公开 · 总计"));
    assert!(has(&before.unwrap().to_string()) && has(&wrong.to_string()));
    assert!(has(remark), "remark missing");
    assert!(xml.contains("&amp;"), "markup escaped");
    for part in ["[Content_Types].xml", "_rels/.rels"] {
        assert!(office::zip_part(&path, part).is_some());
    }
    // Our own DOCX reader reads it back: the document is well formed.
    let bytes = std::fs::read(&path).unwrap();
    let decoded = nianbao::parser::decode::decode_any("审核意见.docx", &bytes).unwrap();
    assert!(decoded.text.contains(remark), "{}", decoded.text);

    // The JSON export carries the remarks under review_remarks.
    let json_path = dir.join("report.json");
    state.apply_blocking(Command::Export(json_path.clone()));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["review_remarks"], remark);
    // The workbook's 问题 sheet ends with them.
    let xlsx = dir.join("report.xlsx");
    state.apply_blocking(Command::ExportReportFile {
        kind: ReportFile::Xlsx,
        path: xlsx.clone(),
    });
    let problems = office::sheet(&xlsx, "问题");
    let last = problems.rows().next_back().unwrap();
    assert_eq!(last[0], Data::String("审核意见".into()));
    assert_eq!(last[3], Data::String(remark.into()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn remarks_are_journalled_and_come_back_after_a_crash() {
    let dir = temp_dir("remarks");
    let mut state = sample_state(&dir);
    state.apply_blocking(Command::SetRemarks("第一行\n第二行".into()));
    assert!(state.active_doc().unwrap().dirty);
    drop(state); // a crash: nothing exported

    let mut state = State::new(Some(dir.join("recovery")));
    assert_eq!(state.recoverable.len(), 1);
    let path = state.recoverable[0].path.clone();
    state.apply_blocking(Command::RestoreJournal(path));
    let doc = state.active_doc().unwrap();
    assert_eq!(doc.remarks, "第一行\n第二行");
    assert!(doc.dirty);
    assert!(last_message(&state).contains("审核意见"));

    // Emptying the remarks with no edits leaves nothing to recover.
    state.apply_blocking(Command::SetRemarks(String::new()));
    assert!(
        State::new(Some(dir.join("recovery")))
            .recoverable
            .is_empty()
    );
    // A report without remarks exports no review_remarks key.
    let json_path = dir.join("plain.json");
    state.apply_blocking(Command::Export(json_path.clone()));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert!(json.get("review_remarks").is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The seeds, a report that fails rules, and an unreadable file.
fn mixed_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("reports");
    std::fs::create_dir_all(&folder).unwrap();
    for e in std::fs::read_dir(fixture("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        fixture("variants/broken_rules.txt"),
        folder.join("broken_rules.txt"),
    )
    .unwrap();
    std::fs::write(folder.join("garbage.pdf"), b"%PDF-1.4 garbage\x00\x01").unwrap();
    folder
}

#[test]
fn exports_of_all_follow_the_list_filter_and_say_so() {
    let dir = temp_dir("filter");
    let mut state = State::new(None);
    state.apply_blocking(Command::OpenFolders(vec![mixed_folder(&dir)]));
    let total = state.documents.len() + state.failed.len();
    assert_eq!(total, 7, "{:?}", state.messages);
    let scope = state.export_scope();
    assert_eq!((scope.listed, scope.total), (7, 7));
    assert!(!scope.filtered());

    state.apply(Command::SetFilter(ListFilter {
        status: Some(StatusFilter::Problems),
        ..ListFilter::default()
    }));
    let listed = state.list().len();
    assert!(listed >= 1 && listed < total, "{listed}");
    let scope = state.export_scope();
    assert_eq!((scope.listed, scope.total), (listed, total));

    // CSV: a BOM, Chinese headers, a row per listed report only.
    let csv = dir.join("filtered.csv");
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::Csv,
        path: csv.clone(),
    });
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("文件,机关,年度,"), "{}", &text[..40]);
    assert_eq!(text.lines().count(), 1 + listed);
    assert!(text.contains("broken_rules.txt"));
    assert!(
        !text.contains("garbage.pdf"),
        "unreadable files are not listed under 有问题"
    );
    let note = last_message(&state);
    assert!(
        note.contains(&format!("导出筛选后的 {listed} 份报告，共 {total} 份")),
        "{note}"
    );

    // The workbook: a row per listed report, and a sheet each when asked.
    let xlsx = dir.join("filtered.xlsx");
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::XlsxWithReports,
        path: xlsx.clone(),
    });
    let mut book = office::workbook(&xlsx);
    assert_eq!(book.sheet_names().len(), 2 + listed);
    let summary = book.worksheet_range("汇总").unwrap();
    assert_eq!(summary.height(), 1 + listed);
    let problems = book.worksheet_range("问题").unwrap();
    assert!(problems.rows().any(|r| r[3] == Data::String("不符".into())));

    // Nothing listed: said, and nothing asked.
    state.apply(Command::SetFilter(ListFilter {
        agency: "没有这个机关".into(),
        ..ListFilter::default()
    }));
    let effects = state.apply(Command::ChooseExportAll(ExportKind::Xlsx));
    assert!(effects.is_empty());
    assert!(last_message(&state).contains("筛选后没有报告可导出"));
    std::fs::remove_dir_all(&dir).unwrap();
}
