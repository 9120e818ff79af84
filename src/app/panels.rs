//! The window's layout: tool bar, list of open reports, grids, problems
//! and source text, messages, and the questions before losing work.

use egui::{RichText, Ui};

use super::ReviewApp;
use super::cell;
use super::grid::{Grid, short};
use super::i18n::Lang;
use super::source_pane;
use crate::model::Status;
use crate::review::{Command, Document, Target};
use crate::template::TableId;

pub fn show(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    egui::Panel::top("toolbar").show(ui, |ui| toolbar(app, ui, out));
    egui::Panel::bottom("messages").show(ui, |ui| messages(app, ui, out));
    if !app.state.documents.is_empty() {
        egui::Panel::left("reports")
            .resizable(true)
            .default_size(170.0)
            .min_size(120.0)
            .show(ui, |ui| report_list(app, ui, out));
    }
    let scroll = std::mem::take(&mut app.view.scroll_to_selection);
    let Some(doc) = app.state.active_doc() else {
        egui::CentralPanel::default().show(ui, |ui| start_page(app, ui, out));
        return;
    };
    egui::Panel::right("source")
        .resizable(true)
        .default_size(340.0)
        .min_size(220.0)
        .show(ui, |ui| {
            problems(doc, lang, ui, out);
            ui.separator();
            source_pane::show(ui, doc, lang, scroll);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("grids")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                refresh_live_checks(&mut app.view, doc);
                let preview = app
                    .view
                    .preview
                    .as_ref()
                    .map(|(_, _, checks)| checks.as_slice());
                let grid = Grid {
                    doc,
                    editing: app.view.editing.as_ref(),
                    preview,
                    lang,
                    scroll,
                };
                grid.meta(ui, out);
                for id in TableId::ALL {
                    grid.table(ui, id, out);
                }
            });
    });
    confirm_close(app, ui, out);
    confirm_quit(app, ui, out);
}

/// The checks with the value being typed, recomputed only when the typed
/// text changes, so the marks follow the keystrokes.
fn refresh_live_checks(view: &mut super::View, doc: &Document) {
    let Some((target @ Target::Cell(at), text)) = &view.editing else {
        view.preview = None;
        return;
    };
    let fresh = view
        .preview
        .as_ref()
        .is_some_and(|(t, s, _)| t == target && s == text);
    if !fresh {
        view.preview = doc
            .preview_checks(*at, text)
            .map(|checks| (*target, text.clone(), checks));
    }
}

fn toolbar(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let has_doc = app.state.active_doc().is_some();
    ui.horizontal(|ui| {
        if ui.button(lang.t("打开报告…", "Open report…")).clicked() {
            out.push(Command::ChooseFiles);
        }
        if ui
            .button(lang.t("打开示例报告", "Open sample report"))
            .clicked()
        {
            out.push(Command::LoadSample);
        }
        ui.separator();
        let undo = app
            .state
            .active_doc()
            .is_some_and(|d| !d.history.done.is_empty());
        let redo = app
            .state
            .active_doc()
            .is_some_and(|d| !d.history.undone.is_empty());
        if ui
            .add_enabled(undo, egui::Button::new(lang.t("撤销", "Undo")))
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            out.push(Command::Undo);
        }
        if ui
            .add_enabled(redo, egui::Button::new(lang.t("重做", "Redo")))
            .on_hover_text("Ctrl+Shift+Z / Ctrl+Y")
            .clicked()
        {
            out.push(Command::Redo);
        }
        if ui
            .add_enabled(
                has_doc,
                egui::Button::new(lang.t("导出 JSON…", "Export JSON…")),
            )
            .on_hover_text("Ctrl+S / Ctrl+E")
            .clicked()
        {
            out.push(Command::ChooseExportPath);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let other = match lang {
                Lang::Zh => "English",
                Lang::En => "中文",
            };
            if ui.button(other).clicked() {
                app.settings.lang = match lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
            }
            let theme = if app.settings.dark {
                lang.t("浅色", "Light")
            } else {
                lang.t("深色", "Dark")
            };
            if ui.button(theme).clicked() {
                app.settings.dark = !app.settings.dark;
            }
            if app.state.pending > 0 {
                ui.spinner();
                ui.label(lang.t("正在读取…", "Reading…"));
            }
        });
    });
}

/// The status mark of a report: all rules pass / n problems / tables missing.
fn status_text(doc: &Document, lang: Lang) -> (String, egui::Color32, bool) {
    let s = doc.summary();
    let mut parts = Vec::new();
    if s.failures > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{} 个问题", s.failures),
            Lang::En => format!("{} problems", s.failures),
        });
    }
    if s.missing_tables > 0 {
        parts.push(lang.t("缺表", "table missing").to_string());
    }
    if parts.is_empty() {
        let text = if s.warnings > 0 {
            match lang {
                Lang::Zh => format!("全部通过（{} 项提示）", s.warnings),
                Lang::En => format!("all pass ({} advisories)", s.warnings),
            }
        } else {
            lang.t("全部通过", "all pass").to_string()
        };
        (text, egui::Color32::from_rgb(30, 140, 60), true)
    } else {
        (
            parts.join("，"),
            egui::Color32::from_rgb(200, 50, 50),
            false,
        )
    }
}

fn report_list(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    ui.strong(lang.t("已打开的报告", "Open reports"));
    egui::ScrollArea::vertical()
        .id_salt("report_list")
        .show(ui, |ui| {
            for doc in &app.state.documents {
                let active = app.state.active == Some(doc.id);
                let agency = doc
                    .report
                    .meta
                    .agency
                    .clone()
                    .unwrap_or_else(|| doc.name.clone());
                let year = doc
                    .report
                    .meta
                    .year
                    .map(|y| y.to_string())
                    .unwrap_or_default();
                let (status, color, _) = status_text(doc, lang);
                ui.horizontal(|ui| {
                    let unsaved = if doc.dirty { "● " } else { "" };
                    let text = format!("{unsaved}{agency}\n{year}");
                    let r = ui
                        .add(egui::Button::selectable(active, text).truncate())
                        .on_hover_text(format!(
                            "{}\n{}",
                            doc.name,
                            if doc.dirty {
                                lang.t("有未导出的修改", "unsaved corrections")
                            } else {
                                ""
                            }
                        ));
                    if r.clicked() {
                        out.push(Command::Activate(doc.id));
                    }
                    if ui
                        .small_button("×")
                        .accessible_name(format!("{} {agency}", lang.t("关闭", "Close")))
                        .on_hover_text(lang.t("关闭此报告", "Close this report"))
                        .clicked()
                    {
                        out.push(Command::Close {
                            doc: doc.id,
                            discard: false,
                        });
                    }
                });
                ui.label(RichText::new(status).small().color(color));
                ui.add_space(4.0);
            }
        });
}

fn problems(doc: &Document, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    let list = doc.problems();
    ui.strong(match lang {
        Lang::Zh => format!("问题（{}）", list.len()),
        Lang::En => format!("Problems ({})", list.len()),
    });
    if list.is_empty() {
        ui.label(lang.t("所有勾稽关系均通过。", "Every consistency rule passes."));
    }
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(220.0)
        .show(ui, |ui| {
            for check in list {
                let (tag, color) = match check.status {
                    Status::Fail => (
                        lang.t("不符", "fails"),
                        cell::fail_color(ui.visuals().dark_mode),
                    ),
                    _ => (
                        lang.t("提示", "advisory"),
                        cell::warn_color(ui.visuals().dark_mode),
                    ),
                };
                let table = check
                    .cell_refs
                    .first()
                    .map(|c| short(c.table))
                    .unwrap_or("");
                let detail = match (check.expected, check.actual) {
                    (Some(e), Some(a)) => format!(
                        "（{} {e}，{} {a}）",
                        lang.t("应为", "expected"),
                        lang.t("实为", "actual")
                    ),
                    _ => String::new(),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(tag).background_color(color));
                    let r = ui.link(format!("{table} {}{detail}", check.message));
                    if r.clicked()
                        && let Some(&at) = check.cell_refs.first()
                    {
                        out.push(Command::Select(Target::Cell(at)));
                    }
                });
                for s in doc
                    .suggestions
                    .iter()
                    .filter(|s| s.places.contains(&check.place))
                {
                    if ui
                        .button(format!(
                            "{}{}",
                            lang.t("建议修正：", "Suggested fix: "),
                            s.label
                        ))
                        .on_hover_text(lang.t("点击采用（可撤销）", "Click to apply (undoable)"))
                        .clicked()
                    {
                        out.push(Command::ApplySuggestion(s.clone()));
                    }
                }
            }
        });
}

fn messages(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    if let Some(hint) = &app.state.hint {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{}{hint}", lang.t("未接受：", "refused: ")),
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
                ui.colored_label(ui.visuals().error_fg_color, &m.text);
            } else {
                ui.label(&m.text);
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

fn start_page(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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

fn confirm_close(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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

fn confirm_quit(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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
