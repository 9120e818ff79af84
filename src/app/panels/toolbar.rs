//! The tool bar: open, export, undo and redo, language and theme; and the
//! progress of a folder being read.

use egui::Ui;

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::review::{Command, ExportKind, ExportScope, ReportFile};

pub(super) fn toolbar(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
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
        if ui
            .add_enabled(
                has_doc,
                egui::Button::new(lang.t("导出 Excel…", "Export Excel…")),
            )
            .on_hover_text(lang.t(
                "本报告的表二、表三、表四（按模板排版，更正和不符处标出）及问题清单",
                "This report's tables 2, 3 and 4 as printed, corrections and failures marked, and its problems",
            ))
            .clicked()
        {
            out.push(Command::ChooseReportFile(ReportFile::Xlsx));
        }
        if ui
            .add_enabled(
                has_doc,
                egui::Button::new(lang.t("导出审核意见…", "Export review sheet…")),
            )
            .on_hover_text(lang.t(
                "Word 文档：不符的勾稽关系、已作更正和审核意见，发回报送机关",
                "A Word document for the agency: failing rules, corrections made and your remarks",
            ))
            .clicked()
        {
            out.push(Command::ChooseReportFile(ReportFile::ReviewSheet));
        }
        let any = !app.state.documents.is_empty();
        ui.add_enabled_ui(any, |ui| {
            ui.menu_button(lang.t("全部导出…", "Export all…"), |ui| {
                ui.label(export_scope_text(app.state.export_scope(), lang));
                for kind in ExportKind::ALL {
                    if ui.button(export_kind_text(kind, lang)).clicked() {
                        out.push(Command::ChooseExportAll(kind));
                        ui.close();
                    }
                }
            });
        });
        ui.separator();
        let several = app.state.documents.len() >= 2;
        if ui
            .add_enabled(several, egui::Button::new(lang.t("对比…", "Compare…")))
            .on_hover_text(lang.t(
                "两份报告并排：各单元格的变化、跨年度规则、重复文字",
                "Two reports side by side: changed cells, cross-year rules, repeated text",
            ))
            .clicked()
        {
            out.push(Command::Compare(crate::review::CompareCommand::Open));
        }
        let mut charts = app.view.charts;
        if ui
            .add_enabled(
                any,
                egui::Button::selectable(charts, lang.t("图表", "Charts")),
            )
            .clicked()
        {
            charts = !charts;
            app.view.charts = charts;
            if charts {
                out.push(Command::Compare(crate::review::CompareCommand::Close));
            }
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

pub(super) fn export_kind_text(kind: ExportKind, lang: Lang) -> &'static str {
    match kind {
        ExportKind::JsonLines => lang.t("一个 JSON Lines 文件…", "One JSON Lines file…"),
        ExportKind::JsonFolder => lang.t(
            "文件夹（每份报告一个 JSON）…",
            "A folder, one JSON per report…",
        ),
        ExportKind::Csv => lang.t("CSV 表（每份报告一行）…", "CSV table, a row per report…"),
        ExportKind::Xlsx => lang.t(
            "Excel 工作簿（每份报告一行）…",
            "Excel workbook, a row per report…",
        ),
        ExportKind::XlsxWithReports => lang.t(
            "Excel 工作簿（另附每份报告的表格）…",
            "Excel workbook, with each report's tables…",
        ),
        ExportKind::RegionTotalsCsv => lang.t(
            "各地区合计 CSV 表（按地区和级别）…",
            "Totals by region and level, CSV…",
        ),
    }
}

/// Which reports an export of all writes: all, or those the filter shows.
pub(crate) fn export_scope_text(scope: ExportScope, lang: Lang) -> String {
    match (scope.filtered(), lang) {
        (true, Lang::Zh) => format!(
            "导出筛选后的 {} 份报告（共 {} 份）",
            scope.listed, scope.total
        ),
        (true, Lang::En) => format!(
            "Exports the {} reports the filter shows (of {})",
            scope.listed, scope.total
        ),
        (false, Lang::Zh) => format!("导出全部 {} 份报告", scope.total),
        (false, Lang::En) => format!("Exports all {} reports", scope.total),
    }
}

/// The batch under way: n of N, the current file, and a way to stop.
pub(super) fn batch_progress(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let Some(b) = &app.state.batch else {
        return;
    };
    ui.horizontal(|ui| {
        if ui.button(lang.t("取消读取", "Cancel reading")).clicked() {
            out.push(Command::CancelBatch);
        }
        let text = b.status().text(lang).to_string();
        // Animated only while the folders are listed: its animation asks
        // for every frame, and once files are read, the count moving shows
        // the reading goes on (frames come with results, `LOADING_FRAME`).
        ui.add(
            egui::ProgressBar::new(b.fraction())
                .text(text)
                .animate(b.total.is_none()),
        );
    });
}
