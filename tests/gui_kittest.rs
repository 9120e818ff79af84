//! The real window's UI driven through egui_kittest: open the sample,
//! select a cell, type a value, see the rule mark change, undo, export.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{ReviewApp, install_fonts};
use nianbao::model::{CellRef, Status};
use nianbao::review::{Command, Target};
use nianbao::template::TableId;

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
