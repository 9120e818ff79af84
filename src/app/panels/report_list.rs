//! The list of open reports with their status marks, its filter and order.

use egui::{RichText, Ui};

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::report_list as batch_view;
use crate::review::{Command, Document, ListFilter, ListItem, SortKey, StatusFilter};

/// The status mark of a report: all rules pass / n problems / tables missing.
pub(super) fn status_text(doc: &Document, lang: Lang) -> (String, egui::Color32, bool) {
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
        (text, crate::app::theme::status_ok(), true)
    } else {
        (parts.join("，"), crate::app::theme::status_problem(), false)
    }
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
pub(super) fn list_filter(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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

pub(super) fn report_list(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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

pub(super) fn report_entry(app: &ReviewApp, doc: &Document, ui: &mut Ui, out: &mut Vec<Command>) {
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
