//! Errors and notes for the person, each dismissable.

use egui::Ui;

use crate::app::ReviewApp;
use crate::review::Command;

pub(super) fn messages(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    if let Some(hint) = &app.state.hint {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{}{}", lang.t("未接受：", "refused: "), hint.text(lang)),
        );
    }
    for (i, m) in app.state.messages.iter().enumerate().rev().take(4) {
        ui.horizontal(|ui| {
            if ui
                .small_button("×")
                .accessible_name(lang.t("关闭提示", "Dismiss message"))
                .clicked()
            {
                out.push(Command::DismissMessage(i));
            }
            if m.error {
                ui.colored_label(ui.visuals().error_fg_color, m.text.text(lang));
            } else {
                ui.label(m.text.text(lang));
            }
        });
    }
    if app.state.active_doc().is_some() {
        ui.weak(lang.t(
            "键盘：输入数字替换所选格，Enter/方向键/Tab 移动，Delete 清空，Esc 放弃输入，Ctrl+Z 撤销，Ctrl+S 导出",
            "Keys: type to replace, Enter/arrows/Tab move, Delete empties, Esc drops typing, Ctrl+Z undo, Ctrl+S export",
        ));
    }
}
