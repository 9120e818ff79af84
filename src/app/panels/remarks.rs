//! The reviewer's remarks on the shown report (审核意见备注): a text box
//! whose every change is a command, so the state journals it at once; the
//! review sheet and the exported JSON carry it.

use egui::Ui;

use crate::app::i18n::Lang;
use crate::review::{Command, Document, ReportFile};

pub(super) fn remarks(doc: &Document, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong(lang.t("审核意见", "Review remarks"));
        if ui
            .small_button(lang.t("导出审核意见…", "Export review sheet…"))
            .clicked()
        {
            out.push(Command::ChooseReportFile(ReportFile::ReviewSheet));
        }
    });
    let mut text = doc.remarks.clone();
    let label = ui.weak(lang.t(
        "写给报送机关的意见，随审核意见和 JSON 导出",
        "Remarks for the agency, exported in the review sheet and the JSON",
    ));
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text(lang.t("审核意见…", "Remarks…")),
        )
        .labelled_by(label.id);
    if response.changed() {
        out.push(Command::SetRemarks(text));
    }
}
