//! The window's export buttons, driven through egui_kittest: remarks typed
//! into the 审核意见 box, 导出 Excel… and 导出审核意见… through the window's
//! own file chooser, and 全部导出… saying how many reports it writes.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{ReviewApp, install_fonts};

#[path = "common/office.rs"]
mod office;

fn harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        )
}

#[test]
fn export_buttons_write_the_workbook_and_the_review_sheet() {
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness();
    h.run();
    h.get_all_by_label("打开示例报告").next().unwrap().click();
    h.run();
    assert_eq!(h.state().state.documents.len(), 1);
    h.state_mut().settings.last_dir = Some(dir.clone());

    // The remarks box takes typing; every change reaches the state.
    let remarks = "写给报送机关的意见，随审核意见和 JSON 导出";
    h.get_by_label(remarks).click();
    h.run();
    h.get_by_label(remarks).type_text("请补充说明");
    h.run();
    assert_eq!(h.state().state.active_doc().unwrap().remarks, "请补充说明");

    h.get_by_label("导出 Excel…").click();
    h.run();
    let typed = h.state().state.chooser.as_ref().unwrap().typed.clone();
    assert!(typed.ends_with(".xlsx"), "{typed}");
    h.get_by_label("确定").click();
    h.run();
    let xlsx = dir.join(&typed);
    assert!(xlsx.is_file(), "{:?}", h.state().state.messages);
    use calamine::Reader;
    let book = office::workbook(&xlsx);
    assert_eq!(book.sheet_names(), ["表二", "表三", "表四", "问题"]);

    // The tool bar's button (the remarks' own is the second).
    h.get_all_by_label("导出审核意见…").next().unwrap().click();
    h.run();
    let typed = h.state().state.chooser.as_ref().unwrap().typed.clone();
    assert!(typed.ends_with("-审核意见.docx"), "{typed}");
    h.get_by_label("确定").click();
    h.run();
    let docx = dir.join(&typed);
    let xml = office::zip_part(&docx, "word/document.xml").unwrap();
    assert!(xml.contains("请补充说明"));

    // 全部导出… says what it writes and offers the workbooks.
    h.get_by_label("全部导出…").click();
    h.run();
    assert!(h.query_by_label("导出全部 1 份报告").is_some());
    h.get_by_label("Excel 工作簿（每份报告一行）…").click();
    h.run();
    let chooser = h.state().state.chooser.as_ref().unwrap();
    assert_eq!(chooser.typed, "reports.xlsx");
    assert!(h.query_by_label("全部导出：Excel 工作簿").is_some());
    h.get_by_label("确定").click();
    h.run();
    assert!(
        dir.join("reports.xlsx").is_file(),
        "{:?}",
        h.state().state.messages
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Ctrl+Z in the remarks box undoes its typing, never a cell edit out of sight.
#[test]
fn ctrl_z_in_the_remarks_box_leaves_the_cells_alone() {
    use nianbao::review::{Command, Target};
    let mut h = harness();
    h.run();
    h.get_all_by_label("打开示例报告").next().unwrap().click();
    h.run();
    let doc = h.state().state.active_doc().unwrap();
    let at = doc.targets().into_iter().find_map(|t| match t {
        Target::Cell(at) => Some(at),
        Target::Meta(_) => None,
    });
    let at = at.unwrap();
    h.state_mut().send(Command::Edit {
        target: Target::Cell(at),
        text: "77".into(),
    });
    h.run();
    let remarks = "写给报送机关的意见，随审核意见和 JSON 导出";
    h.get_by_label(remarks).click();
    h.run();
    h.get_by_label(remarks).type_text("核实");
    h.run();
    assert_eq!(h.state().state.active_doc().unwrap().remarks, "核实");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let doc = h.state().state.active_doc().unwrap();
    assert_eq!(doc.value(at), Some(77.0), "the cell edit stays");
    assert_eq!(doc.history.done.len(), 1);
    assert_eq!(doc.remarks, "", "the typing is undone");
}
