//! What the window shows with no report open: how to begin, recent files
//! and unsaved work to recover.

use egui::{RichText, Ui};

use crate::app::ReviewApp;
use crate::review::Command;

pub(super) fn start_page(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(lang.t(
            "政府信息公开工作年度报告 核对",
            "Annual open-government-information report checker",
        ));
        ui.add_space(16.0);
        if ui
            .button(RichText::new(lang.t("打开报告…", "Open report…")).size(18.0))
            .clicked()
        {
            out.push(Command::ChooseFiles);
        }
        ui.add_space(6.0);
        if ui
            .button(lang.t("打开示例报告", "Open sample report"))
            .clicked()
        {
            out.push(Command::LoadSample);
        }
        ui.add_space(6.0);
        ui.weak(lang.t(
            "也可以把一个或多个报告文件拖进窗口（txt、html、docx、pdf 等）",
            "Or drop one or more report files onto the window (txt, html, docx, pdf …)",
        ));
        if !app.state.recoverable.is_empty() {
            ui.add_space(20.0);
            ui.strong(lang.t(
                "上次有未导出的修改：",
                "Unsaved corrections from last time:",
            ));
            for f in &app.state.recoverable {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "{}（{} {}）",
                        f.journal.source_name,
                        f.journal.changes.len(),
                        lang.t("处修改", "changes")
                    ));
                    if ui.button(lang.t("恢复", "Restore")).clicked() {
                        out.push(Command::RestoreJournal(f.path.clone()));
                    }
                    if ui.button(lang.t("放弃", "Discard")).clicked() {
                        out.push(Command::DiscardJournal(f.path.clone()));
                    }
                });
            }
        }
        if !app.settings.recent.is_empty() {
            ui.add_space(20.0);
            ui.strong(lang.t("最近打开", "Recent files"));
            for p in &app.settings.recent {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if ui
                    .link(name)
                    .on_hover_text(p.display().to_string())
                    .clicked()
                {
                    out.push(Command::OpenFiles(vec![p.clone()]));
                }
            }
        }
    });
}
