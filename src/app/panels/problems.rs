//! The failing rules, warnings and unread rows of the shown report, with
//! their repair proposals.

use egui::{RichText, Ui};

use crate::app::cell;
use crate::app::i18n::Lang;
use crate::model::Status;
use crate::review::{Command, Document, Target};
use crate::rules::repair::{Suggestion, unread_cells, unread_message};

pub(super) fn problems(doc: &Document, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
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
                    .map(|c| c.table.short_title())
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
pub(super) fn suggestion_button(s: &Suggestion, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
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
