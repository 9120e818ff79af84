//! The window's own file chooser, shown when no native dialog can appear:
//! the folder with 上一级, its folders and report files, a path field,
//! recent folders, 确定 and 取消. Draws `State::chooser`; every click is a
//! `Command::Chooser`.

use egui::Ui;

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::file_chooser::file_name;
use crate::review::{ChooserAction, ChooserMode, Command, ExportKind, ReportFile};

pub(crate) fn title(mode: &ChooserMode, lang: Lang) -> &'static str {
    match mode {
        ChooserMode::OpenFiles => lang.t("打开报告", "Open reports"),
        ChooserMode::OpenFolder => lang.t("打开文件夹", "Open folder"),
        ChooserMode::ExportJson { .. } => lang.t("导出 JSON", "Export JSON"),
        ChooserMode::ExportAll(ExportKind::JsonFolder) => lang.t(
            "全部导出：选择文件夹（每份报告一个 JSON）",
            "Export all: choose a folder (one JSON per report)",
        ),
        ChooserMode::ExportAll(ExportKind::JsonLines) => {
            lang.t("全部导出：JSON Lines 文件", "Export all: JSON Lines file")
        }
        ChooserMode::ExportAll(ExportKind::Csv) => {
            lang.t("全部导出：CSV 文件", "Export all: CSV file")
        }
        ChooserMode::ExportAll(ExportKind::Xlsx | ExportKind::XlsxWithReports) => {
            lang.t("全部导出：Excel 工作簿", "Export all: Excel workbook")
        }
        ChooserMode::ExportReportFile {
            kind: ReportFile::Xlsx,
            ..
        } => lang.t("导出 Excel", "Export Excel"),
        ChooserMode::ExportReportFile {
            kind: ReportFile::ReviewSheet,
            ..
        } => lang.t("导出审核意见", "Export review sheet"),
    }
}

pub(super) fn file_chooser(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let Some(c) = &app.state.chooser else {
        return;
    };
    let lang = app.settings.lang;
    let mut actions: Vec<ChooserAction> = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("file_chooser")).show(ui.ctx(), |ui| {
        ui.set_width(620.0);
        ui.heading(title(&c.mode, lang));
        if matches!(c.mode, ChooserMode::ExportAll(_)) {
            ui.label(super::toolbar::export_scope_text(
                app.state.export_scope(),
                lang,
            ));
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    c.dir.parent().is_some(),
                    egui::Button::new(lang.t("上一级", "Up")),
                )
                .clicked()
            {
                actions.push(ChooserAction::Up);
            }
            let l = ui.label(lang.t("文件夹", "Folder"));
            ui.add(egui::Label::new(c.dir.display().to_string()).truncate())
                .labelled_by(l.id);
        });
        ui.separator();
        if c.loading {
            ui.spinner();
        } else if c.entries.is_empty() && c.message.is_none() {
            ui.weak(if c.mode.picks_folder() {
                lang.t("（没有子文件夹）", "(no subfolders)")
            } else {
                lang.t("（没有报告文件）", "(no report files)")
            });
        }
        // Only the rows in view are laid out: a folder of thousands of
        // files costs no more per frame than a small one.
        let row_h = (ui.text_style_height(&egui::TextStyle::Button)
            + 2.0 * ui.spacing().button_padding.y)
            .max(ui.spacing().interact_size.y);
        egui::ScrollArea::vertical()
            .id_salt("file_chooser_entries")
            .max_height(320.0)
            .min_scrolled_height(320.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_h, c.entries.len(), |ui, rows| {
                for e in &c.entries[rows] {
                    let text = if e.is_dir {
                        format!("{}/", e.name)
                    } else {
                        e.name.clone()
                    };
                    let selected = c.selected.contains(&e.path);
                    let r = ui.selectable_label(selected, text);
                    if r.double_clicked() {
                        if e.is_dir {
                            actions.push(ChooserAction::Enter(e.path.clone()));
                        } else {
                            actions.push(ChooserAction::Select {
                                path: e.path.clone(),
                                add: false,
                            });
                            actions.push(ChooserAction::Confirm);
                        }
                    } else if r.clicked() {
                        let add = ui.input(|i| i.modifiers.command);
                        actions.push(ChooserAction::Select {
                            path: e.path.clone(),
                            add,
                        });
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let label = if c.mode.saves() {
                lang.t("文件名", "File name")
            } else {
                lang.t("路径", "Path")
            };
            let l = ui.label(label);
            let mut typed = c.typed.clone();
            let hint = match (&c.mode, c.selected.as_slice()) {
                (ChooserMode::OpenFiles, [_, _, ..]) => match lang {
                    Lang::Zh => format!("已选 {} 个文件", c.selected.len()),
                    Lang::En => format!("{} files chosen", c.selected.len()),
                },
                (_, [one]) => file_name(one),
                _ => lang
                    .t("输入文件名或完整路径", "a name here, or a whole path")
                    .to_string(),
            };
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut typed)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            if typed != c.typed {
                actions.push(ChooserAction::Type(typed));
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                actions.push(ChooserAction::Confirm);
            }
        });
        if !c.recent.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(lang.t("最近的文件夹：", "Recent folders:"));
                for d in &c.recent {
                    if ui
                        .small_button(file_name(d))
                        .on_hover_text(d.display().to_string())
                        .clicked()
                    {
                        actions.push(ChooserAction::Enter(d.clone()));
                    }
                }
            });
        }
        if let Some(m) = &c.message {
            ui.colored_label(ui.visuals().error_fg_color, m.text(lang));
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(lang.t("确定", "OK")).clicked() {
                actions.push(ChooserAction::Confirm);
            }
            if ui.button(lang.t("取消", "Cancel")).clicked() {
                actions.push(ChooserAction::Cancel);
            }
        });
    });
    if modal.should_close() && actions.is_empty() {
        actions.push(ChooserAction::Cancel);
    }
    out.extend(actions.into_iter().map(Command::Chooser));
}
