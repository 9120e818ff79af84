//! The overview: all open reports in one table — agency, region, year,
//! format, failing rules, advisories, edits, unreadable — sorted by a click
//! on any heading, filtered by the report list's filter, a report opened by
//! a click on its row. Only the rows in view are drawn (`body.rows`), so
//! ten thousand reports scroll as smoothly as ten.

use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column as Width, TableBuilder};

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::overview::{self, Column, Row};
use crate::review::{Command, ListItem};

pub(super) fn overview(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    app.state.overview_shown();
    let items = app.state.overview();
    let sort = app.state.overview_sort;
    ui.horizontal(|ui| {
        ui.heading(lang.t("报告总览", "All reports"));
        ui.weak(match lang {
            Lang::Zh => format!(
                "{} 份（按左侧筛选）；点击表头排序，点击一行打开该报告",
                items.len()
            ),
            Lang::En => format!(
                "{} (as filtered on the left); click a heading to sort, a row to open the report",
                items.len()
            ),
        });
    });
    ui.separator();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut open = None;
    let right = Layout::right_to_left(Align::Center);
    TableBuilder::new(ui)
        .id_salt("overview")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Width::remainder().at_least(200.0).clip(true))
        .column(Width::initial(170.0).at_least(80.0).clip(true))
        .column(Width::exact(56.0))
        .column(Width::exact(56.0))
        .columns(Width::exact(76.0), 3)
        .column(Width::initial(160.0).at_least(90.0).clip(true))
        .header(row_h + 4.0, |mut header| {
            for column in Column::ALL {
                header.col(|ui| {
                    let mark = match (sort.column == column, sort.descending) {
                        (false, _) => "",
                        (true, false) => " ▲",
                        (true, true) => " ▼",
                    };
                    let title = format!("{}{mark}", column.title().text(lang));
                    let numeric = matches!(
                        column,
                        Column::Year | Column::Failures | Column::Warnings | Column::Edits
                    );
                    let layout = if numeric {
                        right
                    } else {
                        Layout::left_to_right(Align::Center)
                    };
                    ui.with_layout(layout, |ui| {
                        if ui
                            .add(egui::Button::new(RichText::new(title).strong()).frame(false))
                            .on_hover_text(lang.t("点击排序", "Click to sort"))
                            .clicked()
                        {
                            out.push(Command::SetOverviewSort(sort.clicked(column)));
                        }
                    });
                });
            }
        })
        .body(|body| {
            body.rows(row_h, items.len(), |mut table_row| {
                let item = items[table_row.index()];
                let Some(row) = overview::row(&app.state.documents, &app.state.failed, item) else {
                    return;
                };
                table_row.set_selected(
                    matches!(item, ListItem::Doc(id) if app.state.active == Some(id)),
                );
                cells(&row, lang, &mut table_row);
                if table_row.response().clicked()
                    && let ListItem::Doc(id) = item
                {
                    open = Some(id);
                }
            });
        });
    if let Some(id) = open {
        out.push(Command::Activate(id));
        app.view.show_overview = false;
    }
}

fn cells(row: &Row, lang: Lang, table_row: &mut egui_extras::TableRow<'_, '_>) {
    let right = Layout::right_to_left(Align::Center);
    let number = |table_row: &mut egui_extras::TableRow<'_, '_>, n: usize, bad: bool| {
        table_row.col(|ui| {
            ui.with_layout(right, |ui| {
                let text = RichText::new(n.to_string());
                if bad && n > 0 {
                    ui.label(text.color(crate::app::theme::status_problem()));
                } else {
                    ui.label(text);
                }
            });
        });
    };
    table_row.col(|ui| {
        let mark = if row.dirty { "● " } else { "" };
        // One tooltip: ours, with the path, not egui's of the cut text too.
        ui.add(
            egui::Label::new(format!("{mark}{}", row.agency))
                .truncate()
                .show_tooltip_when_elided(false)
                .selectable(false),
        )
        .on_hover_text(format!("{}\n{}", row.agency, row.path));
    });
    table_row.col(|ui| {
        ui.add(egui::Label::new(&row.region).truncate().selectable(false));
    });
    table_row.col(|ui| {
        ui.with_layout(right, |ui| {
            ui.label(row.year.map(|y| y.to_string()).unwrap_or_default());
        });
    });
    table_row.col(|ui| {
        ui.label(row.format.to_uppercase());
    });
    number(table_row, row.failures, true);
    number(table_row, row.warnings, false);
    number(table_row, row.edits, false);
    table_row.col(|ui| {
        if let Some(why) = &row.unreadable {
            ui.add(
                egui::Label::new(RichText::new(why.text(lang)).color(ui.visuals().error_fg_color))
                    .truncate(),
            );
        } else if row.missing_tables > 0 {
            ui.label(lang.t("缺表", "table missing"));
        }
    });
}
