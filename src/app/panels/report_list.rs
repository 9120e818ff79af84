//! The list of open reports with their status marks, its filter and order.
//! Each entry is two lines of fixed height — agency (whole on hover, with
//! the path), then year · format · status · edits — so that only the
//! entries in view are drawn, however many reports are open.

use egui::{RichText, Ui};

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::overview::{self, Row};
use crate::review::{Command, ListFilter, ListItem, SortKey, StatusFilter};

/// The status of a report, in words, and whether it is good news.
pub(super) fn status_words(row: &Row, lang: Lang) -> (String, bool) {
    if let Some(why) = &row.unreadable {
        return (
            format!("{}：{}", lang.t("无法读取", "unreadable"), why.text(lang)),
            false,
        );
    }
    let mut parts = Vec::new();
    if row.failures > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{} 个问题", row.failures),
            Lang::En => format!("{} failing", row.failures),
        });
    }
    if row.missing_tables > 0 {
        parts.push(lang.t("缺表", "table missing").to_string());
    }
    let ok = parts.is_empty();
    if ok {
        parts.push(lang.t("全部通过", "all pass").to_string());
    }
    if row.warnings > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{} 项提示", row.warnings),
            Lang::En => format!("{} advisories", row.warnings),
        });
    }
    (parts.join(lang.t("，", ", ")), ok)
}

pub(super) fn status_filter_text(f: Option<StatusFilter>, lang: Lang) -> &'static str {
    match f {
        None => lang.t("全部", "all"),
        Some(StatusFilter::Problems) => lang.t("有问题", "with problems"),
        Some(StatusFilter::TablesMissing) => lang.t("缺表", "table missing"),
        Some(StatusFilter::Unreadable) => lang.t("无法读取", "unreadable"),
        Some(StatusFilter::AllPass) => lang.t("全部通过", "all pass"),
    }
}

pub(super) fn sort_text(s: SortKey, lang: Lang) -> &'static str {
    match s {
        SortKey::Problems => lang.t("问题多的在前", "most problems first"),
        SortKey::Agency => lang.t("按机关", "by agency"),
        SortKey::Year => lang.t("按年度", "by year"),
        SortKey::Opened => lang.t("按打开顺序", "as opened"),
    }
}

/// Filter and order controls above the list; a change becomes `SetFilter`.
/// The years and rules offered come from the batch figures (a worker
/// computes them); whether a choice showing them is open.
pub(super) fn list_filter(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) -> bool {
    let lang = app.settings.lang;
    let mut f: ListFilter = app.state.filter.clone();
    let mut wants_figures = false;
    let figures = app.state.figures();
    let computing = |ui: &mut Ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(lang.t("计算中…", "Computing…"));
        });
    };
    ui.horizontal(|ui| {
        let l = ui.label(lang.t("机关", "Agency"));
        ui.add(
            egui::TextEdit::singleline(&mut f.agency)
                .hint_text(lang.t("名称中的字", "part of the name"))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    });
    if let Some((_, name)) = f.exact_agency.clone() {
        ui.horizontal(|ui| {
            ui.label(match lang {
                Lang::Zh => format!("仅此机关：{name}"),
                Lang::En => format!("Only this agency: {name}"),
            });
            if ui
                .small_button("×")
                .accessible_name(lang.t("取消仅此机关", "Show every agency"))
                .on_hover_text(lang.t("取消仅此机关", "Show every agency"))
                .clicked()
            {
                f.exact_agency = None;
            }
        });
    }
    let any = lang.t("全部", "all");
    egui::ComboBox::from_label(lang.t("年度", "Year"))
        .selected_text(f.year.map(|y| y.to_string()).unwrap_or_else(|| any.into()))
        .show_ui(ui, |ui| {
            wants_figures = true;
            ui.selectable_value(&mut f.year, None, any);
            match figures {
                Some(figures) => {
                    for &y in &figures.years {
                        ui.selectable_value(&mut f.year, Some(y), y.to_string());
                    }
                }
                None => computing(ui),
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
    // Rules by their names in the reader's language, never internal ids.
    let rule_name = |rule: &str| crate::rules::names::rule_name(rule).text(lang).to_string();
    egui::ComboBox::from_label(lang.t("规则", "Rule"))
        .selected_text(f.rule.map(rule_name).unwrap_or_else(|| any.into()))
        .width(150.0)
        .show_ui(ui, |ui| {
            wants_figures = true;
            ui.selectable_value(&mut f.rule, None, any);
            match figures {
                Some(figures) => {
                    for &(rule, n) in &figures.stats.by_rule {
                        let text = match lang {
                            Lang::Zh => format!("{}（{n} 份）", rule_name(rule)),
                            Lang::En => format!("{} ({n})", rule_name(rule)),
                        };
                        ui.selectable_value(&mut f.rule, Some(rule), text);
                    }
                }
                None => computing(ui),
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
    wants_figures
}

pub(super) fn report_list(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    ui.horizontal(|ui| {
        ui.strong(lang.t("已打开的报告", "Open reports"));
        let (text, hover) = if app.view.show_overview {
            (
                lang.t("返回报告", "Back to report"),
                lang.t("显示所选报告的表格", "Show the selected report's tables"),
            )
        } else {
            (
                lang.t("总览", "Overview"),
                lang.t(
                    "所有报告一览：可排序、筛选，点击打开",
                    "All reports in one table: sort, filter, click to open",
                ),
            )
        };
        if ui
            .selectable_label(app.view.show_overview, text)
            .on_hover_text(hover)
            .clicked()
        {
            app.view.show_overview = !app.view.show_overview;
        }
    });
    super::reading::reading_entries(app, ui, out);
    if list_filter(app, ui, out) {
        app.view.figures_wanted = true;
    }
    let items = app.state.listed();
    let all = app.state.documents.len() + app.state.failed.len();
    // Counted from what is listed (when it was sorted), so the count and
    // the list agree.
    let unreadable_listed = app.state.listed_unreadable();
    let unreadable_hidden = app.state.failed.len() - unreadable_listed;
    ui.horizontal_wrapped(|ui| {
        ui.weak(match lang {
            Lang::Zh => format!("显示 {} / {all} 份", items.len()),
            Lang::En => format!("showing {} of {all}", items.len()),
        });
        if !app.state.failed.is_empty() {
            let text = match (lang, unreadable_hidden) {
                (Lang::Zh, 0) => format!("{unreadable_listed} 个无法读取"),
                (Lang::Zh, h) => format!("{unreadable_listed} 个无法读取（另有 {h} 个被筛选隐藏）"),
                (Lang::En, 0) => format!("{unreadable_listed} unreadable"),
                (Lang::En, h) => {
                    format!("{unreadable_listed} unreadable ({h} more hidden by the filter)")
                }
            };
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
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
    let body = ui.text_style_height(&egui::TextStyle::Button);
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let spacing = ui.spacing().item_spacing.y;
    let padding = 2.0 * ui.spacing().button_padding.y;
    let entry_h = body + padding + spacing + small + 4.0;
    let app: &ReviewApp = app;
    egui::ScrollArea::vertical()
        .id_salt("report_list")
        .auto_shrink([false, false])
        .show_rows(ui, entry_h, items.len(), |ui, range| {
            for &item in &items[range] {
                let Some(row) = overview::row(&app.state.documents, &app.state.failed, item) else {
                    continue;
                };
                let w = ui.available_width();
                ui.allocate_ui(egui::vec2(w, entry_h), |ui| {
                    ui.set_min_height(entry_h);
                    ui.spacing_mut().item_spacing.y = spacing;
                    entry(app, &row, ui, out);
                });
            }
        });
}

/// One report (or unreadable file): agency with the edited mark and a
/// close button, then year · format · status · edits.
fn entry(app: &ReviewApp, row: &Row, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let active = matches!(row.item, ListItem::Doc(id) if app.state.active == Some(id));
    let (status, ok) = status_words(row, lang);
    let hover = {
        let mut h = format!("{}\n{}\n{status}", row.agency, row.path);
        if !row.region.is_empty() {
            h.push('\n');
            h.push_str(&row.region);
        }
        if row.dirty {
            h.push('\n');
            h.push_str(lang.t("有未导出的修改", "unsaved corrections"));
        }
        h
    };
    ui.horizontal(|ui| {
        // Room for the close button, so that the panel never grows.
        let close_w = 28.0 + ui.spacing().item_spacing.x;
        let mark = if row.dirty { "● " } else { "" };
        let title = format!("{mark}{}", row.agency);
        let width = (ui.available_width() - close_w).max(40.0);
        let r = ui
            .add_sized(
                [width, ui.spacing().interact_size.y],
                // Left-aligned: the grow atom after the name takes the rest.
                egui::Button::selectable(active, title)
                    .truncate()
                    .right_text(""),
            )
            .on_hover_text(hover);
        if r.clicked()
            && let ListItem::Doc(id) = row.item
        {
            out.push(Command::Activate(id));
        }
        match row.item {
            ListItem::Doc(id) => {
                if ui
                    .small_button("×")
                    .accessible_name(format!("{} {}", lang.t("关闭", "Close"), row.agency))
                    .on_hover_text(lang.t("关闭此报告", "Close this report"))
                    .clicked()
                {
                    out.push(Command::Close {
                        doc: id,
                        discard: false,
                    });
                }
            }
            ListItem::Failed(i) => {
                if ui
                    .small_button("×")
                    .accessible_name(format!(
                        "{} {}",
                        lang.t("移出列表", "Remove from list"),
                        row.agency
                    ))
                    .clicked()
                    && let Some(f) = app.state.failed.get(i)
                {
                    out.push(Command::DismissFailed(f.path.clone()));
                }
            }
        }
    });
    let mut line = Vec::new();
    if let Some(y) = row.year {
        line.push(y.to_string());
    }
    if !row.format.is_empty() {
        line.push(row.format.to_uppercase());
    }
    line.push(status);
    if row.edits > 0 {
        line.push(match lang {
            Lang::Zh => format!("改 {} 格", row.edits),
            Lang::En => format!("{} edited", row.edits),
        });
    }
    let color = if ok {
        crate::app::theme::status_ok()
    } else {
        crate::app::theme::status_problem()
    };
    // Cut off, it shows itself whole on hover (egui's tooltip): one only.
    ui.add(egui::Label::new(RichText::new(line.join(" · ")).small().color(color)).truncate());
}
