//! The questions before losing work: closing an edited report, quitting.

use egui::Ui;

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::Command;

pub(super) fn confirm_close(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let Some(id) = app.view.confirm_close else {
        return;
    };
    let lang = app.settings.lang;
    let name = app
        .state
        .doc(id)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    egui::Modal::new(egui::Id::unique("confirm_close")).show(ui.ctx(), |ui| {
        ui.label(match lang {
            Lang::Zh => format!("「{name}」有未导出的修改。关闭后这些修改将丢失。"),
            Lang::En => format!("“{name}” has corrections not exported. Closing loses them."),
        });
        ui.horizontal(|ui| {
            if ui.button(lang.t("先导出…", "Export first…")).clicked() {
                out.push(Command::Activate(id));
                out.push(Command::ChooseExportPath);
                app.view.confirm_close = None;
            }
            if ui
                .button(lang.t("不保存，关闭", "Close without saving"))
                .clicked()
            {
                out.push(Command::Close {
                    doc: id,
                    discard: true,
                });
                app.view.confirm_close = None;
            }
            if ui.button(lang.t("取消", "Cancel")).clicked() {
                app.view.confirm_close = None;
            }
        });
    });
}

pub(super) fn confirm_quit(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    if !app.view.confirm_quit {
        return;
    }
    let lang = app.settings.lang;
    let n = app.state.documents.iter().filter(|d| d.dirty).count();
    egui::Modal::new(egui::Id::unique("confirm_quit")).show(ui.ctx(), |ui| {
        ui.label(match lang {
            Lang::Zh => format!("{n} 份报告有未导出的修改。退出后这些修改将丢失。"),
            Lang::En => format!("{n} reports have corrections not exported. Quitting loses them."),
        });
        ui.horizontal(|ui| {
            if ui
                .button(lang.t("放弃修改并退出", "Discard and quit"))
                .clicked()
            {
                for d in app.state.documents.iter().filter(|d| d.dirty) {
                    out.push(Command::Close {
                        doc: d.id,
                        discard: true,
                    });
                }
                app.view.confirm_quit = false;
                app.view.quit_confirmed = true;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            if ui.button(lang.t("取消", "Cancel")).clicked() {
                app.view.confirm_quit = false;
            }
        });
    });
}
