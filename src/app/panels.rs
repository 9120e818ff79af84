//! The window's layout: tool bar, list of open reports, grids, problems
//! and source text, messages, and the questions before losing work.

use egui::{RichText, Ui};

use super::ReviewApp;
use super::cell;
use super::grid::{Grid, short};
use super::i18n::Lang;
use super::source_pane;
use crate::model::Status;
use crate::review::batch as batch_view;
use crate::review::suggest::{Suggestion, unread_cells, unread_message};
use crate::review::{
    Command, Document, ExportKind, ListFilter, ListItem, SortKey, StatusFilter, Target,
};
use crate::template::TableId;

pub fn show(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    egui::Panel::top("toolbar").show(ui, |ui| toolbar(app, ui, out));
    if app.state.batch.is_some() {
        egui::Panel::top("batch").show(ui, |ui| batch_progress(app, ui, out));
    }
    egui::Panel::bottom("messages").show(ui, |ui| messages(app, ui, out));
    if !app.state.documents.is_empty() || !app.state.failed.is_empty() {
        egui::Panel::left("reports")
            .resizable(true)
            .default_size(230.0)
            .min_size(160.0)
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
            .button(lang.t("打开文件夹…", "Open folder…"))
            .on_hover_text(lang.t(
                "读取文件夹（含子文件夹）中的所有报告",
                "Read every report in a folder and its subfolders",
            ))
            .clicked()
        {
            out.push(Command::ChooseFolder);
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
        let any = !app.state.documents.is_empty();
        ui.add_enabled_ui(any, |ui| {
            ui.menu_button(lang.t("全部导出…", "Export all…"), |ui| {
                for kind in ExportKind::ALL {
                    if ui.button(export_kind_text(kind, lang)).clicked() {
                        out.push(Command::ChooseExportAll(kind));
                        ui.close();
                    }
                }
            });
        });
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

fn export_kind_text(kind: ExportKind, lang: Lang) -> &'static str {
    match kind {
        ExportKind::JsonLines => lang.t("一个 JSON Lines 文件…", "One JSON Lines file…"),
        ExportKind::JsonFolder => lang.t(
            "文件夹（每份报告一个 JSON）…",
            "A folder, one JSON per report…",
        ),
        ExportKind::Csv => lang.t("CSV 表（每份报告一行）…", "CSV table, a row per report…"),
    }
}

/// The batch under way: n of N, the current file, and a way to stop.
fn batch_progress(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let Some(b) = &app.state.batch else {
        return;
    };
    ui.horizontal(|ui| {
        if ui.button(lang.t("取消读取", "Cancel reading")).clicked() {
            out.push(Command::CancelBatch);
        }
        let (fraction, text) = match b.total {
            None => (
                0.0,
                lang.t("正在查找报告文件…", "Looking for report files…")
                    .to_string(),
            ),
            Some(total) => {
                let file = b
                    .current
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = match lang {
                    Lang::Zh => format!("正在读取 {} / {total}  {file}", b.done),
                    Lang::En => format!("Reading {} of {total}  {file}", b.done),
                };
                (b.done as f32 / total.max(1) as f32, text)
            }
        };
        ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
    });
}

fn status_filter_text(f: Option<StatusFilter>, lang: Lang) -> &'static str {
    match f {
        None => lang.t("全部", "all"),
        Some(StatusFilter::Problems) => lang.t("有问题", "with problems"),
        Some(StatusFilter::TablesMissing) => lang.t("缺表", "table missing"),
        Some(StatusFilter::Unreadable) => lang.t("无法读取", "unreadable"),
        Some(StatusFilter::AllPass) => lang.t("全部通过", "all pass"),
    }
}

fn sort_text(s: SortKey, lang: Lang) -> &'static str {
    match s {
        SortKey::Problems => lang.t("问题多的在前", "most problems first"),
        SortKey::Agency => lang.t("按机关", "by agency"),
        SortKey::Year => lang.t("按年度", "by year"),
        SortKey::Opened => lang.t("按打开顺序", "as opened"),
    }
}

/// Filter and order controls above the list; a change becomes `SetFilter`.
fn list_filter(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let mut f: ListFilter = app.state.filter.clone();
    ui.horizontal(|ui| {
        let l = ui.label(lang.t("机关", "Agency"));
        ui.add(
            egui::TextEdit::singleline(&mut f.agency)
                .hint_text(lang.t("名称中的字", "part of the name"))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    });
    let any = lang.t("全部", "all");
    egui::ComboBox::from_label(lang.t("年度", "Year"))
        .selected_text(f.year.map(|y| y.to_string()).unwrap_or_else(|| any.into()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.year, None, any);
            for y in batch_view::years(&app.state.documents) {
                ui.selectable_value(&mut f.year, Some(y), y.to_string());
            }
        });
    egui::ComboBox::from_label(lang.t("状态", "Status"))
        .selected_text(status_filter_text(f.status, lang))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.status, None, status_filter_text(None, lang));
            for s in StatusFilter::ALL {
                ui.selectable_value(&mut f.status, Some(s), status_filter_text(Some(s), lang));
            }
        });
    egui::ComboBox::from_label(lang.t("规则", "Rule"))
        .selected_text(f.rule.unwrap_or(any))
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.rule, None, any);
            for (rule, n) in batch_view::failing_rules(&app.state.documents) {
                ui.selectable_value(&mut f.rule, Some(rule), format!("{rule}（{n}）"));
            }
        });
    egui::ComboBox::from_label(lang.t("排序", "Order"))
        .selected_text(sort_text(f.sort, lang))
        .show_ui(ui, |ui| {
            for s in SortKey::ALL {
                ui.selectable_value(&mut f.sort, s, sort_text(s, lang));
            }
        });
    if f != app.state.filter {
        out.push(Command::SetFilter(f));
    }
}

fn report_list(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    ui.strong(lang.t("已打开的报告", "Open reports"));
    list_filter(app, ui, out);
    let items = app.state.list();
    let all = app.state.documents.len() + app.state.failed.len();
    ui.horizontal(|ui| {
        ui.weak(match lang {
            Lang::Zh => format!("显示 {} / {all} 份", items.len()),
            Lang::En => format!("showing {} of {all}", items.len()),
        });
        if app.state.filter.is_active()
            && ui
                .small_button(lang.t("清除筛选", "Clear filter"))
                .clicked()
        {
            out.push(Command::SetFilter(ListFilter {
                sort: app.state.filter.sort,
                ..ListFilter::default()
            }));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("report_list")
        .show(ui, |ui| {
            for item in items {
                match item {
                    ListItem::Doc(id) => {
                        if let Some(doc) = app.state.doc(id) {
                            report_entry(app, doc, ui, out);
                        }
                    }
                    ListItem::Failed(i) => {
                        let f = &app.state.failed[i];
                        let name = f.name();
                        ui.horizontal(|ui| {
                            ui.add(egui::Label::new(name.clone()).truncate())
                                .on_hover_text(f.path.display().to_string());
                            if ui
                                .small_button("×")
                                .accessible_name(format!(
                                    "{} {name}",
                                    lang.t("移出列表", "Remove from list")
                                ))
                                .clicked()
                            {
                                out.push(Command::DismissFailed(f.path.clone()));
                            }
                        });
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!(
                                    "{}：{}",
                                    lang.t("无法读取", "unreadable"),
                                    f.reason
                                ))
                                .small()
                                .color(ui.visuals().error_fg_color),
                            )
                            .wrap(),
                        );
                        ui.add_space(4.0);
                    }
                }
            }
        });
}

fn report_entry(app: &ReviewApp, doc: &Document, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
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

fn problems(doc: &Document, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    let list = doc.problems();
    let unread = doc.unread_rows();
    ui.strong(match lang {
        Lang::Zh => format!("问题（{}）", list.len() + unread.len()),
        Lang::En => format!("Problems ({})", list.len() + unread.len()),
    });
    if list.is_empty() && unread.is_empty() {
        ui.label(lang.t("所有勾稽关系均通过。", "Every consistency rule passes."));
    }
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(220.0)
        .show(ui, |ui| {
            for check in list {
                let (tag, color) = cell::status_tag(check.status, lang, ui.visuals().dark_mode);
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
                    .filter(|s| s.unread.is_none() && s.places.contains(&check.place))
                {
                    suggestion_button(s, lang, ui, out);
                }
            }
            // Rows the parser found but could not place, left empty.
            for (i, u) in unread {
                let (_, color) = cell::status_tag(Status::Warn, lang, ui.visuals().dark_mode);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(lang.t("未读", "unread")).background_color(color));
                    let r = ui.link(unread_message(&doc.report, u));
                    if r.clicked()
                        && let Some(&at) = unread_cells(&doc.report, u)
                            .as_deref()
                            .and_then(|c| c.first())
                    {
                        out.push(Command::Select(Target::Cell(at)));
                    }
                });
                for s in doc.suggestions.iter().filter(|s| s.unread == Some(i)) {
                    suggestion_button(s, lang, ui, out);
                }
            }
        });
}

/// A repair proposal: its description on a button that applies it.
fn suggestion_button(s: &Suggestion, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
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
