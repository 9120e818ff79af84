//! The window's layout: the panels around the grids, one file each.

mod charts;
mod compare;
mod dialogs;
mod file_chooser;
mod messages;
mod overview;
mod problems;
mod reading;
mod remarks;
mod report_list;
mod start_page;
mod toolbar;

use egui::Ui;

use super::ReviewApp;
use super::grid::{self, Grid};
use super::page_view::{self, PagePane};
use super::source_pane;
use crate::review::{Command, Document, SourceTab, Target};
use crate::template::TableId;

use dialogs::{confirm_close, confirm_quit};
use messages::messages;
use problems::problems;
use report_list::report_list;
use start_page::start_page;
use toolbar::{batch_progress, toolbar};

pub(super) use file_chooser::title as chooser_title;
pub(super) use toolbar::export_scope_text;

pub fn show(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    egui::Panel::top("toolbar").show(ui, |ui| toolbar(app, ui, out));
    if app.state.batch.is_some() {
        egui::Panel::top("batch").show(ui, |ui| batch_progress(app, ui, out));
    }
    egui::Panel::bottom("messages").show(ui, |ui| messages(app, ui, out));
    if !app.state.documents.is_empty()
        || !app.state.failed.is_empty()
        || !app.state.reading.is_empty()
    {
        egui::Panel::left("reports")
            .resizable(true)
            .default_size(230.0)
            .min_size(160.0)
            .show(ui, |ui| report_list(app, ui, out));
    }
    file_chooser::file_chooser(app, ui, out);
    // 对比 and 图表 take the place of the grids while shown.
    if app.state.compare.is_some() {
        egui::CentralPanel::default().show(ui, |ui| compare::compare(app, ui, out));
        confirm_close(app, ui, out);
        confirm_quit(app, ui, out);
        return;
    }
    if app.view.charts && !app.state.documents.is_empty() {
        egui::CentralPanel::default().show(ui, |ui| charts::charts(app, ui, out));
        confirm_close(app, ui, out);
        confirm_quit(app, ui, out);
        return;
    }
    if app.view.show_overview {
        egui::CentralPanel::default().show(ui, |ui| overview::overview(app, ui, out));
        confirm_close(app, ui, out);
        confirm_quit(app, ui, out);
        return;
    }
    let scroll = std::mem::take(&mut app.view.scroll_to_selection);
    if app.state.reading_shown().is_some() {
        egui::CentralPanel::default().show(ui, |ui| reading::reading_view(app, ui, out));
        confirm_close(app, ui, out);
        confirm_quit(app, ui, out);
        return;
    }
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
            remarks::remarks(doc, lang, ui, out);
            ui.separator();
            let has_pages = page_view::has_pages(doc);
            let switched = source_pane::tabs(ui, lang, &mut app.view.page_view, has_pages);
            let scroll = scroll || switched;
            if has_pages && app.view.page_view.tab == SourceTab::Page {
                let pane = PagePane {
                    view: &mut app.view.page_view,
                    textures: &mut app.pages,
                    last: &mut app.view.page_scroll,
                    lang,
                };
                let selected = source_pane::selected_span(doc).and_then(|s| s.pdf);
                page_view::show(ui, page_view::Shown::doc(doc), pane, selected, scroll, out);
            } else {
                source_pane::show(ui, doc, lang, scroll);
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            // Per report: a report opened anew starts at its top, and one
            // returned to is where it was left.
            .id_salt(("grids", doc.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                refresh_live_checks(&mut app.view, doc);
                let preview = app
                    .view
                    .preview
                    .as_ref()
                    .map(|(_, _, checks)| checks.as_slice());
                let worst = match preview {
                    Some(checks) => grid::worst_statuses(checks.iter()),
                    None => grid::worst_statuses(doc.checks()),
                };
                let grid = Grid {
                    doc,
                    editing: app.view.editing.as_ref(),
                    preview,
                    lang,
                    scroll,
                    worst,
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
