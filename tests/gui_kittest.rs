//! The real window's UI driven through egui_kittest: open the sample,
//! select a cell, type a value, see the rule mark change, undo, export.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::app::{ReviewApp, install_fonts};
use nianbao::model::{CellRef, Status};
use nianbao::review::{Command, Target};
use nianbao::template::TableId;

#[path = "common/wheel.rs"]
mod wheel;

fn harness(recovery: std::path::PathBuf) -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(Some(recovery)),
        )
}

fn row_total_status(app: &ReviewApp, at: CellRef) -> Status {
    app.state
        .active_doc()
        .unwrap()
        .problems_at(at)
        .first()
        .map(|c| c.status)
        .unwrap_or(Status::Pass)
}

#[test]
fn open_edit_undo_export() {
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness(dir.join("recovery"));
    h.run();
    // The tool bar and the start page both offer it.
    h.get_all_by_label("打开示例报告").next().unwrap().click();
    h.run();
    assert_eq!(h.state().state.documents.len(), 1);

    let label = "表三 （一）予以公开 总计";
    h.get_by_label(label).click();
    h.run();
    let doc = h.state().state.active_doc().unwrap();
    let spec = doc.spec(TableId::Applications).unwrap();
    let row = spec.row("granted").unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    };
    assert_eq!(doc.selected, Some(Target::Cell(at)));
    let before = doc.value(at);
    assert_eq!(row_total_status(h.state(), at), Status::Pass);

    // Typing replaces the cell; Enter commits and moves down.
    h.get_by_label(label).type_text("999");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().state.active_doc().unwrap().value(at), Some(999.0));
    assert_eq!(row_total_status(h.state(), at), Status::Fail);
    // The problem is listed beside the grid.
    assert!(h.query_by_label_contains("总计栏填 999").is_some());

    // Letters are refused with a hint and never stored.
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("abc");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().state.hint.is_some());
    h.key_press(egui::Key::Escape);
    h.run();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().state.active_doc().unwrap().value(at), before);
    assert_eq!(row_total_status(h.state(), at), Status::Pass);

    // Edit again and export (the save dialog is the window's; tests send the path).
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("5");
    h.key_press(egui::Key::Tab);
    h.run();
    let out = dir.join("export.json");
    h.state_mut().send(Command::Export(out.clone()));
    h.run();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["tables"]["applications"]["granted"]["total"], 5);
    assert_eq!(json["corrections"][0]["cell"], "applications.granted.total");
    assert!(!h.state().state.active_doc().unwrap().dirty);
    let _ = std::fs::remove_dir_all(dir);
}

fn batch_harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        )
}

/// Frames until the batch is read (one file arrives per frame headless).
fn read_batch(h: &mut Harness<'static, ReviewApp>) {
    for _ in 0..500 {
        if h.state().state.batch.is_none() {
            break;
        }
        h.step();
    }
    assert!(h.state().state.batch.is_none());
    h.run();
}

#[test]
fn open_folder_filter_to_problems_and_cancel_a_batch() {
    use egui::accesskit::Role;
    use nianbao::review::{ListItem, StatusFilter};

    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    for e in std::fs::read_dir(fixtures.join("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("folder").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        fixtures.join("variants/broken_rules.txt"),
        dir.join("folder/broken_rules.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("folder/garbage.pdf"), b"%PDF-1.4 garbage\x00\x01").unwrap();

    let mut h = batch_harness();
    h.run();
    // The tool bar offers the folder dialog; tests send the chosen folder.
    assert!(h.query_by_label("打开文件夹…").is_some());
    h.state_mut()
        .send(Command::OpenFolders(vec![dir.join("folder")]));
    h.step();
    assert!(h.state().state.batch.is_some());
    // Progress shows n of N and a cancel button.
    h.step();
    assert!(h.query_by_label("取消读取").is_some());
    read_batch(&mut h);
    assert_eq!(h.state().state.documents.len(), 6);
    assert_eq!(h.state().state.failed.len(), 1);
    // The list shows every report and the unreadable file with its reason.
    assert!(h.query_by_label_contains("显示 7 / 7 份").is_some());
    assert!(h.query_all_by_label_contains("garbage.pdf").count() >= 1);
    assert!(h.query_by_label_contains("无法读取：").is_some());

    // Filter to the reports with problems through the status box.
    h.get_by_role_and_label(Role::ComboBox, "状态").click();
    h.run();
    h.get_by_label("有问题").click();
    h.run();
    assert_eq!(h.state().state.filter.status, Some(StatusFilter::Problems));
    let shown = h.state().state.list();
    assert!(!shown.is_empty() && shown.len() < 7);
    assert!(
        h.query_by_label_contains(&format!("显示 {} / 7 份", shown.len()))
            .is_some()
    );
    assert_eq!(h.query_all_by_label_contains("garbage.pdf").count(), 0);
    // Open the first one: its grids and problems are shown.
    let ListItem::Doc(first) = shown[0] else {
        panic!("a report")
    };
    let agency = h
        .state()
        .state
        .doc(first)
        .unwrap()
        .report
        .meta
        .agency
        .clone()
        .unwrap();
    h.get_all_by_label_contains(&agency)
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().state.active, Some(first));
    assert!(h.query_all_by_label_contains("不符").count() >= 1);

    // A second, larger batch, cancelled part way: the window stays usable.
    std::fs::create_dir_all(dir.join("many")).unwrap();
    let seed = std::fs::read(fixtures.join("seeds/002_1e2618f252abd06d.txt")).unwrap();
    for i in 0..40 {
        std::fs::write(dir.join(format!("many/{i:03}.txt")), &seed).unwrap();
    }
    h.state_mut()
        .send(Command::OpenFolders(vec![dir.join("many")]));
    for _ in 0..4 {
        h.step();
    }
    let done = h.state().state.batch.as_ref().unwrap().done;
    assert!(done > 0 && done < 40, "{done}");
    h.get_by_label("取消读取").click();
    h.step();
    h.run();
    assert!(h.state().state.batch.is_none());
    let open = h.state().state.documents.len();
    assert!(open > 6 && open < 46, "{open}");
    assert!(h.query_by_label_contains("已取消读取").is_some());
    // Still usable: clear the filter, pick the shown report's cell, type.
    h.get_by_label("清除筛选").click();
    h.run();
    let label = "表三 （一）予以公开 总计";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("4321");
    h.key_press(egui::Key::Enter);
    h.run();
    let d = h.state().state.active_doc().unwrap();
    assert!(d.dirty);
    assert!(
        d.corrections()
            .iter()
            .any(|c| c.cell == "applications.granted.total")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[path = "common/damaged.rs"]
mod damaged;
use damaged::damaged;

fn open_file(h: &mut Harness<'static, ReviewApp>, path: std::path::PathBuf) {
    let before = h.state().state.documents.len();
    h.state_mut().send(Command::OpenFiles(vec![path]));
    for _ in 0..500 {
        if h.state().state.documents.len() > before {
            break;
        }
        h.step();
    }
    assert_eq!(h.state().state.documents.len(), before + 1);
    h.run();
}

fn granted(h: &Harness<'static, ReviewApp>, row: &str) -> Vec<Option<f64>> {
    let doc = h.state().state.active_doc().unwrap();
    let t = doc.report.tables.get(TableId::Applications).unwrap();
    t.cells[t.spec.row(row).unwrap()]
        .iter()
        .map(|c| c.value)
        .collect()
}

/// A number split over two cells and a row shifted by one column: each is
/// shown beside its problem with a button saying what it does; a click
/// applies it, Ctrl+Z takes it back whole.
#[test]
fn split_number_and_shifted_row_are_offered_beside_the_problem() {
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-repair-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = batch_harness();
    h.run();

    // Text from a PDF: “12” read as “1 2”, so the row is left empty.
    open_file(
        &mut h,
        damaged(
            &dir,
            "000_f28bdb7c4ee4bcba",
            &[
                (158, "1 0 0 0 0 0 1", "12 0 3 0 0 0 15"),
                (216, "1 0 0 0 0 0 1", "1 2 0 3 0 0 0 15"),
                (263, "1 0 0 0 0 0 1", "12 0 3 0 0 0 15"),
            ],
        ),
    );
    let row = "unable_needs_creation";
    assert_eq!(granted(&h, row), vec![None; 7]);
    assert!(h.query_by_label("未读").is_some());
    assert!(
        h.query_by_label_contains("读到 8 个值（1 2 0 3 0 0 0 15），应为 7 个")
            .is_some()
    );
    h.get_by_label_contains("建议修正：表三“（四）无法提供 2.没有现成信息需要另行制作”：把“1”和“2”合为 12（数字被拆成两格）")
        .click();
    h.run();
    let filled = [12.0, 0.0, 3.0, 0.0, 0.0, 0.0, 15.0].map(Some).to_vec();
    assert_eq!(granted(&h, row), filled);
    assert!(h.query_by_label("未读").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(granted(&h, row), vec![None; 7]);
    assert!(h.query_by_label("未读").is_some());

    // Text from a PDF with （一）予以公开's first cell blank: six numbers
    // for seven columns, so the row is left unread, and offered filled
    // shifted one column right beside it. (The same blank cell in
    // tab-separated cells is read in place: the table's grid fixes it.)
    let pdf_text = dir.join("pdf-text");
    std::fs::create_dir_all(&pdf_text).unwrap();
    open_file(
        &mut h,
        damaged(
            &pdf_text,
            "000_f28bdb7c4ee4bcba",
            &[
                (158, "1 0 0 0 0 0 1", "1 3 0 0 0 0 4"),
                (170, "0 0 0 0 0 0 0", "3 0 0 0 0 3"),
                (263, "1 0 0 0 0 0 1", "1 3 0 0 0 0 4"),
            ],
        ),
    );
    assert_eq!(granted(&h, "granted"), vec![None; 7]);
    let label = "整行右移一列（“自然人”留空";
    assert_eq!(h.query_all_by_label_contains(label).count(), 1);
    h.get_all_by_label_contains(label).next().unwrap().click();
    h.run();
    let moved = granted(&h, "granted");
    assert_eq!(moved[..2], [None, Some(3.0)]);
    assert_eq!(moved[6], Some(3.0));
    assert!(h.query_by_label_contains(label).is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(granted(&h, "granted"), vec![None; 7]);
    let _ = std::fs::remove_dir_all(dir);
}

/// The sample open and `(row, col)` of table 3 selected through the state.
fn sample_with_selection(row: &str, col: usize) -> (Harness<'static, ReviewApp>, CellRef) {
    let mut h = batch_harness();
    h.run();
    h.get_all_by_label("打开示例报告").next().unwrap().click();
    h.run();
    let doc = h.state().state.active_doc().unwrap();
    let spec = doc.spec(TableId::Applications).unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row: spec.row(row).unwrap(),
        col,
    };
    h.state_mut().send(Command::Select(Target::Cell(at)));
    h.run();
    (h, at)
}

fn value(h: &Harness<'static, ReviewApp>, at: CellRef) -> Option<f64> {
    h.state().state.active_doc().unwrap().value(at)
}

/// Tab walks the cells and nothing else: the next cell is selected, egui's
/// focus never leaves the grid, and digits typed after Tabs go into the
/// cells only, never into the list's filter too.
#[test]
fn tab_moves_to_the_next_cell_and_digits_reach_only_the_cell() {
    let (mut h, at) = sample_with_selection("granted", 0);
    let selected = |h: &Harness<'static, ReviewApp>| h.state().state.active_doc().unwrap().selected;
    let next = CellRef { col: 1, ..at };
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(Target::Cell(next)));
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(Target::Cell(CellRef { col: 2, ..at })));
    // Shift+Tab goes back.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(Target::Cell(next)));

    // Digits, then Tab, a dozen times: as far as the filter box is from
    // the first widget in egui's own Tab order.
    let cell = "表三 （一）予以公开 总计";
    for _ in 0..12 {
        h.get_by_label(cell).type_text("7");
        h.run();
        h.key_press(egui::Key::Tab);
        h.run();
    }
    assert_eq!(value(&h, next), Some(7.0));
    assert_eq!(h.state().state.filter.agency, "");
    assert_eq!(h.ctx.memory(|m| m.focused()), None);
    assert_eq!(h.state().state.list().len(), 1);
    assert!(h.query_by_label_contains("显示 1 / 1 份").is_some());
}

/// A digit, four Tabs and Enter: the digit is stored and stays; Enter
/// moves in the grid and presses no button (撤销 is the fourth one that
/// takes focus once there is an edit to undo).
#[test]
fn tabs_then_enter_never_press_undo() {
    let (mut h, at) = sample_with_selection("granted", 0);
    h.get_by_label("表三 （一）予以公开 总计").type_text("9");
    h.run();
    for _ in 0..4 {
        h.key_press(egui::Key::Tab);
        h.run();
    }
    let fourth = CellRef { col: 4, ..at };
    assert_eq!(
        h.state().state.active_doc().unwrap().selected,
        Some(Target::Cell(fourth))
    );
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(value(&h, at), Some(9.0));
    let doc = h.state().state.active_doc().unwrap();
    assert_eq!(doc.history.done.len(), 1);
    assert!(doc.history.undone.is_empty());
    assert!(doc.dirty);
    assert_eq!(
        doc.selected,
        Some(Target::Cell(CellRef {
            row: at.row + 1,
            ..fourth
        }))
    );
}

/// Typing into the list's filter (clicked) goes to the filter, not the cell.
#[test]
fn a_clicked_text_field_keeps_its_keys() {
    let (mut h, at) = sample_with_selection("granted", 0);
    let before = value(&h, at);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "机关")
        .click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "机关")
        .type_text("12");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().state.filter.agency, "12");
    assert_eq!(value(&h, at), before);
    assert!(h.state().view.editing.is_none());
}

/// With no native dialog (always so headless), 打开报告… shows the window's
/// own chooser: a path typed, a file clicked, 确定, and the report is open.
#[test]
fn builtin_chooser_opens_a_report() {
    use egui::accesskit::Role;
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-chooser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("seeds/002_1e2618f252abd06d.txt"),
        dir.join("reports/report.txt"),
    )
    .unwrap();
    let mut h = batch_harness();
    h.run();
    h.get_all_by_label("打开报告…").next().unwrap().click();
    h.run();
    assert!(h.state().state.chooser.is_some());
    assert!(h.query_by_label("确定").is_some());
    // Type the folder into the path field, Enter goes into it.
    let path = h.get_by_role_and_label(Role::TextInput, "路径");
    path.click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "路径")
        .type_text(&dir.display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().state.chooser.as_ref().unwrap().dir, dir);
    // A folder clicked and 确定: into it.
    h.get_by_label("reports/").click();
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert_eq!(
        h.state().state.chooser.as_ref().unwrap().dir,
        dir.join("reports")
    );
    h.get_by_label("report.txt").click();
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(h.state().state.chooser.is_none());
    let docs = &h.state().state.documents;
    assert_eq!(docs.len(), 1, "{:?}", h.state().state.messages);
    assert_eq!(docs[0].path, Some(dir.join("reports/report.txt")));
    // The report is on screen, and remembered for next time.
    assert!(h.query_by_label("表三 （一）予以公开 总计").is_some());
    assert_eq!(h.state().settings.last_dir, Some(dir.join("reports")));
    let _ = std::fs::remove_dir_all(dir);
}

/// 导出 JSON… through the window's own chooser: it opens in the last folder
/// with the report's name filled in; 确定 writes the file.
#[test]
fn builtin_chooser_exports_json() {
    let dir = std::env::temp_dir().join(format!(
        "nianbao-kittest-chooser-export-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (mut h, at) = sample_with_selection("granted", 0);
    h.get_by_label("表三 （一）予以公开 总计").type_text("8");
    h.run();
    h.state_mut().settings.last_dir = Some(dir.clone());
    h.get_by_label("导出 JSON…").click();
    h.run();
    let typed = h.state().state.chooser.as_ref().unwrap().typed.clone();
    assert!(typed.ends_with(".json"), "{typed}");
    assert_eq!(h.state().state.chooser.as_ref().unwrap().dir, dir);
    h.get_by_label("确定").click();
    h.run();
    assert!(h.state().state.chooser.is_none());
    let out = dir.join(&typed);
    assert!(out.is_file(), "{:?}", h.state().state.messages);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        json["tables"]["applications"]["granted"]["natural_person"],
        8
    );
    assert_eq!(value(&h, at), Some(8.0));
    assert!(!h.state().state.active_doc().unwrap().dirty);
    // 取消 closes it and writes nothing.
    h.get_by_label("导出 JSON…").click();
    h.run();
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().state.chooser.is_none());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

/// `--bench-frames`: after its frames it prints its times and may close
/// at once, though its typing left unsaved corrections.
#[test]
fn bench_frames_ends_without_the_unsaved_question() {
    let mut h = batch_harness();
    h.run();
    h.get_all_by_label("打开示例报告").next().unwrap().click();
    h.run();
    h.state_mut().bench = Some(nianbao::app::Bench::new(5, std::time::Instant::now()));
    for _ in 0..20 {
        if h.state().bench.is_none() {
            break;
        }
        h.step();
    }
    assert!(h.state().bench.is_none());
    assert!(h.state().state.has_unsaved());
    assert!(h.state_mut().may_close());
    assert!(!h.state().view.confirm_quit);
}

/// A folder of thousands of reports: the chooser lays out only the rows in
/// view, so a frame stays cheap.
#[test]
fn builtin_chooser_shows_a_large_folder_by_the_rows_in_view() {
    let dir = std::env::temp_dir().join(format!(
        "nianbao-kittest-chooser-large-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..3000 {
        std::fs::write(dir.join(format!("r{i:04}.txt")), b"").unwrap();
    }
    let mut h = batch_harness();
    h.run();
    h.state_mut().settings.last_dir = Some(dir.clone());
    h.get_by_label("打开文件夹…").click();
    h.run();
    assert_eq!(
        h.state().state.chooser.as_ref().unwrap().entries.len(),
        3000
    );
    assert!(h.query_by_label("r0000.txt").is_some());
    let shown = h.query_all_by_label_contains(".txt").count();
    assert!(shown < 60, "{shown} rows laid out");
    // 确定 with nothing selected reads the folder shown.
    h.get_by_label("确定").click();
    h.step();
    assert!(h.state().state.chooser.is_none());
    assert!(h.state().state.batch.is_some());
    h.state_mut().send(Command::CancelBatch);
    h.run();
    let _ = std::fs::remove_dir_all(dir);
}

/// The grid builds only the rows in view (a report's tables are taller
/// than the window), yet a cell selected out of view is scrolled to and
/// shown, whether chosen at once or reached with the arrow keys.
#[test]
fn a_selected_cell_out_of_view_is_scrolled_to() {
    let (mut h, at) = sample_with_selection("new_received", 0);
    let label_of = |h: &Harness<'static, ReviewApp>, at: CellRef| {
        let doc = h.state().state.active_doc().unwrap();
        let spec = doc.spec(at.table).unwrap();
        let row = &spec.rows[at.row];
        let short = if at.table == TableId::Applications {
            "表三"
        } else {
            "表四"
        };
        format!("{short} {} {}", row.name, row.columns[at.col].label)
    };
    let in_view = |h: &Harness<'static, ReviewApp>, label: &str| {
        h.query_by_label(label)
            .is_some_and(|n| n.rect().top() >= 0.0 && n.rect().bottom() <= 768.0)
    };
    let last = {
        let doc = h.state().state.active_doc().unwrap();
        let spec = doc.spec(TableId::ReviewLitigation).unwrap();
        CellRef {
            table: TableId::ReviewLitigation,
            row: spec.rows.len() - 1,
            col: spec.rows[spec.rows.len() - 1].columns.len() - 1,
        }
    };
    let last_label = label_of(&h, last);
    // Table 4's last cell is far below: not built at all.
    assert!(h.query_by_label(&last_label).is_none());
    h.state_mut().send(Command::Select(Target::Cell(last)));
    for _ in 0..4 {
        h.run();
    }
    assert!(in_view(&h, &last_label), "{last_label} not in view");

    // Back to table 3's first row, then down its rows with the arrow key:
    // each cell reached is in view.
    h.state_mut().send(Command::Select(Target::Cell(at)));
    h.run();
    h.run();
    let rows = h
        .state()
        .state
        .active_doc()
        .unwrap()
        .spec(TableId::Applications)
        .unwrap()
        .rows
        .len();
    for row in at.row + 1..rows {
        h.key_press(egui::Key::ArrowDown);
        h.run();
        h.run();
        let cell = CellRef { row, ..at };
        assert_eq!(
            h.state().state.active_doc().unwrap().selected,
            Some(Target::Cell(cell))
        );
        let label = label_of(&h, cell);
        assert!(in_view(&h, &label), "{label} not in view");
    }
}

/// Scroll areas' states brought back from the last run are dropped at the
/// start (their animations, timed by the old run's clock, kept the window
/// drawing every frame for minutes); other memory stays.
#[test]
fn scroll_states_of_the_last_run_are_forgotten() {
    let ctx = egui::Context::default();
    let (id, panel) = (egui::Id::unique("report_list"), egui::Id::unique("panel"));
    egui::scroll_area::State::default().store(&ctx, id);
    ctx.data_mut(|d| d.insert_persisted(panel, 240.0f32));
    nianbao::app::forget_scroll_states(&ctx);
    assert!(egui::scroll_area::State::load(&ctx, id).is_none());
    assert_eq!(ctx.data_mut(|d| d.get_persisted::<f32>(panel)), Some(240.0));
}

/// The problems list builds only the entries in its view: a report broken
/// in many places lists every problem in its count, the ones further down
/// appear as the list is scrolled, and each is still a link to its cell.
#[test]
fn problems_out_of_view_are_built_when_scrolled_to() {
    let (mut h, _) = sample_with_selection("granted", 0);
    // Every row total of table 3 off: a rule fails for each row.
    let spec = h
        .state()
        .state
        .active_doc()
        .unwrap()
        .spec(TableId::Applications)
        .unwrap();
    for (row, r) in spec.rows.iter().enumerate() {
        let col = r.column("total").unwrap();
        let target = Target::Cell(CellRef {
            table: TableId::Applications,
            row,
            col,
        });
        h.state_mut().send(Command::Edit {
            target,
            text: "999".into(),
        });
    }
    h.run();
    let link = |check: &nianbao::model::Check| {
        let e = check.expected.unwrap();
        let a = check.actual.unwrap();
        format!("{}（应为 {e}，实为 {a}）", check.message.zh())
    };
    let (count, first, last) = {
        let doc = h.state().state.active_doc().unwrap();
        let problems = doc.problems();
        let with_values = |c: &&&nianbao::model::Check| c.expected.is_some() && c.actual.is_some();
        let first = problems.iter().find(with_values).map(|c| link(c)).unwrap();
        let last = problems
            .iter()
            .rev()
            .find(with_values)
            .map(|c| link(c))
            .unwrap();
        (problems.len() + doc.unread_rows().len(), first, last)
    };
    assert!(count > 20, "only {count} problems");
    assert!(h.query_by_label(&format!("问题（{count}）")).is_some());
    let area = h.get_by_label_contains(&first).rect().center();
    assert!(
        h.query_by_label_contains(&last).is_none(),
        "{last} built out of view"
    );

    // Scrolled down over the list, the last problem comes into view.
    h.hover_at(egui::pos2(area.x, area.y));
    // (Built a little before it shows: scrolled on to the list's end.)
    let mut after = 0;
    for _ in 0..40 {
        if h.query_by_label_contains(&last).is_some() {
            after += 1;
        }
        if after > 3 {
            break;
        }
        h.event(wheel::wheel(-60.0));
        // The wheel scrolls with a short animation.
        h.run_steps(8);
    }
    h.get_by_label_contains(&last).click();
    h.run();
    let doc = h.state().state.active_doc().unwrap();
    let problems = doc.problems();
    let at = problems.iter().find(|c| link(c) == last).unwrap().cell_refs[0];
    assert_eq!(doc.selected, Some(Target::Cell(at)));
}
