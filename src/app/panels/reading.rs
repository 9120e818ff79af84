//! Reports being read: at the top of the report list, each with its
//! progress (“识别第 i/n 页…”) and 取消 / Cancel, or, once cancelled,
//! 重新读取 / Read again; and in the middle of the window, the pages of
//! the one shown while OCR reads them.

use egui::{RichText, Ui};

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::app::page_view::{self, PagePane, Shown};
use crate::review::{Command, Reading};

/// The progress bar of a report being read, with its words.
fn progress(r: &Reading, lang: Lang, ui: &mut Ui) {
    let text = r.status().text(lang).to_string();
    if r.cancelled {
        ui.colored_label(ui.visuals().warn_fg_color, text);
    } else {
        ui.add(
            egui::ProgressBar::new(r.fraction())
                .text(RichText::new(text).small())
                .animate(true),
        );
    }
}

/// Cancel while reading; read again or take off the list once cancelled.
fn buttons(r: &Reading, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    if r.cancelled {
        if ui
            .small_button(lang.t("重新读取", "Read again"))
            .on_hover_text(lang.t("从头再读一次", "Read the file again from the start"))
            .clicked()
        {
            out.push(Command::RetryOpen(r.id));
        }
        if ui
            .small_button("×")
            .accessible_name(format!(
                "{} {}",
                lang.t("移出列表", "Remove from list"),
                r.name()
            ))
            .clicked()
        {
            out.push(Command::DismissReading(r.id));
        }
    } else if ui
        .small_button(lang.t("取消", "Cancel"))
        .accessible_name(format!(
            "{} {}",
            lang.t("取消读取", "Cancel reading"),
            r.name()
        ))
        .on_hover_text(lang.t("停止读取此文件", "Stop reading this file"))
        .clicked()
    {
        out.push(Command::CancelOpen(r.id));
    }
}

/// The reports being read, above the list of open ones.
pub(super) fn reading_entries(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let shown = app.state.reading_shown().map(|r| r.id);
    for r in &app.state.reading {
        ui.horizontal(|ui| {
            let room = if r.cancelled { 110.0 } else { 60.0 };
            let width = (ui.available_width() - room).max(40.0);
            let name = ui
                .add_sized(
                    [width, ui.spacing().interact_size.y],
                    egui::Button::selectable(shown == Some(r.id), r.name())
                        .truncate()
                        .right_text(""),
                )
                .on_hover_text(lang.t("查看原件页面", "Look at its pages"));
            if name.clicked() {
                out.push(Command::ShowReading(r.id));
            }
            buttons(r, lang, ui, out);
        });
        progress(r, lang, ui);
    }
    if !app.state.reading.is_empty() {
        ui.separator();
    }
}

/// A report being read in the middle of the window: its progress and
/// buttons, then its pages (PDF or image) as they are published.
pub(super) fn reading_view(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let Some(r) = app.state.reading_shown().cloned() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(r.name());
        buttons(&r, lang, ui, out);
    });
    progress(&r, lang, ui);
    ui.weak(lang.t(
        "读取完成后显示表格；读取期间可查看原件页面，也可打开其他报告",
        "The tables appear once it is read; meanwhile its pages can be looked at and other reports opened",
    ));
    ui.separator();
    let shown = Shown {
        id: r.id,
        path: r.path(),
        tables: None,
    };
    let pane = PagePane {
        view: &mut app.view.page_view,
        textures: &mut app.pages,
        last: &mut app.view.page_scroll,
        lang,
    };
    page_view::show(ui, shown, pane, None, false, out);
}
