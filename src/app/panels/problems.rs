//! The failing rules, warnings and unread rows of the shown report, with
//! their repair proposals.

use egui::{RichText, Ui, vec2};

use crate::app::cell;
use crate::app::i18n::Lang;
use crate::model::{Check, Status, UnreadRow};
use crate::review::{Command, Document, Target};
use crate::rules::repair::{Suggestion, unread_cells, unread_message};

pub(super) fn problems(doc: &Document, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    let list = doc.problems();
    let unread = doc.unread_rows();
    let current = doc.suggestions_current();
    ui.strong(match lang {
        Lang::Zh => format!("问题（{}）", list.len() + unread.len()),
        Lang::En => format!("Problems ({})", list.len() + unread.len()),
    });
    let missing = crate::review::state::missing_tables(doc);
    if !missing.is_empty() {
        // Rules over a missing table cannot be checked: say so, never that
        // everything passes.
        let names: Vec<&str> = missing
            .iter()
            .map(|t| lang.t(t.short_title(), t.short_title_en()))
            .collect();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            match lang {
                Lang::Zh => format!(
                    "未找到{}，其勾稽关系无法核对（可在表格区添加后填写）",
                    names.join("、")
                ),
                Lang::En => format!(
                    "{} not found: their consistency rules cannot be checked (add them in the grid to fill them in)",
                    names.join(", ")
                ),
            },
        );
    } else if list.is_empty() && unread.is_empty() {
        ui.label(lang.t("所有勾稽关系均通过。", "Every consistency rule passes."));
    }
    let heights_id = egui::Id::unique("problems_heights");
    let mut heights: EntryHeights = ui.data(|d| d.get_temp(heights_id)).unwrap_or_default();
    let entries = list.len() + unread.len();
    heights.0.resize(entries, ENTRY_GUESS);
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(220.0)
        .show_viewport(ui, |ui, viewport| {
            // Only the entries in view are built: a report broken by
            // typing can fail dozens of rules, each a wrapped text laid out
            // anew when its numbers change, while the area shows a few.
            // The others take the height they had when last shown.
            let top = ui.min_rect().top();
            let view = viewport.expand2(vec2(0.0, VIEW_MARGIN));
            for i in 0..entries {
                let y = ui.cursor().top() - top;
                if y > view.bottom() || y + heights.0[i] < view.top() {
                    ui.allocate_space(vec2(ui.available_width(), heights.0[i]));
                    continue;
                }
                let shown = ui.vertical(|ui| match i.checked_sub(list.len()) {
                    None => check_entry(doc, list[i], current, lang, ui, out),
                    Some(u) => unread_entry(doc, unread[u], current, lang, ui, out),
                });
                heights.0[i] = shown.response.rect.height();
            }
            // What the parser could not read: shown, not hidden in the JSON.
            if !doc.report.warnings.is_empty() {
                let title = match lang {
                    Lang::Zh => format!("读取提示（{}）", doc.report.warnings.len()),
                    Lang::En => format!("Reading notes ({})", doc.report.warnings.len()),
                };
                egui::CollapsingHeader::new(title)
                    .id_salt("parser_warnings")
                    .show(ui, |ui| {
                        for w in &doc.report.warnings {
                            ui.add(egui::Label::new(w.text(lang)).wrap());
                        }
                    });
            }
        });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
}

/// The height each entry of the problems list had when last built.
#[derive(Clone, Default)]
struct EntryHeights(Vec<f32>);

/// An entry's height before it is first built: one line of text.
const ENTRY_GUESS: f32 = 20.0;
/// Entries this far beyond the visible part are built too, so that a
/// scroll shows them at once with their heights known.
const VIEW_MARGIN: f32 = 40.0;

/// A failing or warned rule: its tag, its message (a link to its first
/// cell), and its repair proposals.
fn check_entry(
    doc: &Document,
    check: &Check,
    current: bool,
    lang: Lang,
    ui: &mut Ui,
    out: &mut Vec<Command>,
) {
    let (tag, color) = cell::status_tag(check.status, lang, ui.visuals().dark_mode);
    let table = check
        .cell_refs
        .first()
        .map(|c| lang.t(c.table.short_title(), c.table.short_title_en()))
        .unwrap_or("");
    let detail = match (check.expected, check.actual, lang) {
        (Some(e), Some(a), Lang::Zh) => format!("（应为 {e}，实为 {a}）"),
        (Some(e), Some(a), Lang::En) => format!(" (expected {e}, actual {a})"),
        _ => String::new(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tag).background_color(color));
        let r = ui.link(format!("{table} {}{detail}", check.message.text(lang)));
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
        suggestion_button(s, current, lang, ui, out);
    }
}

/// A row the parser found but could not place, left empty, and the
/// proposals that would fill it.
fn unread_entry(
    doc: &Document,
    (i, row): (usize, &UnreadRow),
    current: bool,
    lang: Lang,
    ui: &mut Ui,
    out: &mut Vec<Command>,
) {
    let (_, color) = cell::status_tag(Status::Warn, lang, ui.visuals().dark_mode);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.t("未读", "unread")).background_color(color));
        let r = ui.link(unread_message(&doc.report, row).text(lang));
        if r.clicked()
            && let Some(&at) = unread_cells(&doc.report, row)
                .as_deref()
                .and_then(|c| c.first())
        {
            out.push(Command::Select(Target::Cell(at)));
        }
    });
    for s in doc.suggestions.iter().filter(|s| s.unread == Some(i)) {
        suggestion_button(s, current, lang, ui, out);
    }
}

/// A repair proposal: its description on a button that applies it.
/// A proposal of the report before its latest change (`current` false: the
/// new ones are being made) is shown greyed, so nothing jumps, and cannot be
/// applied.
pub(super) fn suggestion_button(
    s: &Suggestion,
    current: bool,
    lang: Lang,
    ui: &mut Ui,
    out: &mut Vec<Command>,
) {
    let button = egui::Button::new(format!(
        "{}{}",
        lang.t("建议修正：", "Suggested fix: "),
        s.label.text(lang)
    ));
    if ui
        .add_enabled(current, button)
        .on_hover_text(lang.t("点击采用（可撤销）", "Click to apply (undoable)"))
        .clicked()
    {
        out.push(Command::ApplySuggestion(s.clone()));
    }
}
