//! The source text beside the grids: the selected cell's value highlighted
//! and scrolled into view; a note when the cell has no source.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Sense, Ui};

use super::i18n::Lang;
use crate::model::{PdfBox, Span};
use crate::review::{Document, MetaField, Target};

fn selected_span(doc: &Document) -> Option<Span> {
    match doc.selected? {
        Target::Cell(at) => doc.report.tables.cell(at)?.source,
        Target::Meta(MetaField::Agency) => doc.report.meta_sources.agency,
        Target::Meta(MetaField::Year) => doc.report.meta_sources.year,
        Target::Meta(MetaField::Published) => doc.report.meta_sources.published,
    }
}

/// Where on a PDF page a value was read: `第 3 页 (336.9, 82.6)–(354.9,
/// 94.6)`, points from the page's top-left corner.
fn pdf_place(lang: Lang, p: &PdfBox) -> String {
    let [x0, y0, x1, y1] = p.bbox;
    let page = p.page;
    match lang {
        Lang::Zh => format!("第 {page} 页 ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1})"),
        Lang::En => format!("page {page} at ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1})"),
    }
}

pub fn show(ui: &mut Ui, doc: &Document, lang: Lang, scroll: bool) {
    let span = selected_span(doc).filter(|s| {
        s.start <= s.end
            && s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)
    });
    ui.horizontal(|ui| {
        ui.strong(lang.t("原文", "Source text"));
        match (doc.selected, span) {
            (None, _) => ui.weak(lang.t(
                "选中表格中的一格以查看其来源",
                "select a cell to see where it came from",
            )),
            (Some(_), Some(s)) => {
                let mut where_ = match lang {
                    Lang::Zh => format!("第 {} 行", s.line),
                    Lang::En => format!("line {}", s.line),
                };
                if let Some(p) = s.pdf {
                    where_.push_str(" · ");
                    where_.push_str(&pdf_place(lang, &p));
                }
                ui.weak(where_)
            }
            (Some(_), None) => {
                ui.colored_label(ui.visuals().warn_fg_color, lang.t("无来源", "no source"))
            }
        };
    });
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let normal = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let highlight = TextFormat {
        background: super::theme::source_highlight(ui.visuals().dark_mode),
        color: ui.visuals().strong_text_color(),
        ..normal.clone()
    };
    egui::ScrollArea::vertical()
        .id_salt(("source_scroll", doc.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut job = LayoutJob::default();
            job.wrap.max_width = ui.available_width();
            match span {
                Some(s) => {
                    job.append(&doc.text[..s.start], 0.0, normal.clone());
                    // An empty span (a blank cell) still gets a visible mark.
                    let mid = if s.start == s.end {
                        "▮"
                    } else {
                        &doc.text[s.start..s.end]
                    };
                    job.append(mid, 0.0, highlight);
                    job.append(&doc.text[s.end..], 0.0, normal);
                }
                None => job.append(&doc.text, 0.0, normal),
            }
            let galley = ui.painter().layout_job(job);
            let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
            if scroll && let Some(s) = span {
                let at = doc.text[..s.start].chars().count();
                let pos = galley.pos_from_cursor(CCursor::new(at));
                ui.scroll_to_rect(
                    pos.translate(rect.min.to_vec2()).expand(40.0),
                    Some(egui::Align::Center),
                );
            }
            ui.painter()
                .galley(rect.min, galley, ui.visuals().text_color());
        });
}
