//! The source text beside the grids: the selected cell's value highlighted
//! and scrolled into view; a note when the cell has no source. For a PDF
//! or an image, a second tab shows the page itself (`page_view.rs`).

use egui::Galley;
use egui::text::{CCursor, LayoutJob};
use egui::{Sense, Ui};

use super::i18n::Lang;
use crate::model::{PdfBox, Span};
use crate::review::{Document, MetaField, PageView, SourceTab, Target};

pub(super) fn selected_span(doc: &Document) -> Option<Span> {
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

/// The two tabs, 原文 and 原件 (the latter only when the report has pages).
/// Returns whether the person switched tabs.
pub fn tabs(ui: &mut Ui, lang: Lang, view: &mut PageView, has_pages: bool) -> bool {
    let before = view.tab;
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut view.tab,
            SourceTab::Text,
            lang.t("原文", "Source text"),
        );
        if has_pages {
            ui.selectable_value(
                &mut view.tab,
                SourceTab::Page,
                lang.t("原件", "Original page"),
            )
            .on_hover_text(lang.t("发布的原始页面", "The page as published"));
        }
    });
    view.tab != before
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
    let color = ui.visuals().text_color();
    let highlight = super::theme::source_highlight(ui.visuals().dark_mode);
    egui::ScrollArea::vertical()
        .id_salt(("source_scroll", doc.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The text is laid out alone, the same every frame, so egui's
            // cache keeps it: a selection moved with the arrow keys only
            // moves the mark painted behind it (laying out a report's
            // whole text again took a fifth of a frame).
            let mut job = LayoutJob::simple(doc.text.clone(), font.clone(), color, 0.0);
            job.wrap.max_width = ui.available_width();
            let galley = ui.painter().layout_job(job);
            let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
            if let Some(s) = span {
                let start = doc.text[..s.start].chars().count();
                let end = start + doc.text[s.start..s.end].chars().count();
                // An empty span (a blank cell) still gets a visible mark.
                let min_width = if start == end { font.size * 0.6 } else { 0.0 };
                for mark in span_rects(&galley, start, end, min_width) {
                    ui.painter()
                        .rect_filled(mark.translate(rect.min.to_vec2()), 0.0, highlight);
                }
                if scroll {
                    let pos = galley.pos_from_cursor(CCursor::new(start));
                    ui.scroll_to_rect(
                        pos.translate(rect.min.to_vec2()).expand(40.0),
                        Some(egui::Align::Center),
                    );
                }
            }
            ui.painter().galley(rect.min, galley, color);
        });
}

/// The rectangles, one a row, that characters `start..end` of `galley`
/// cover, in the galley's coordinates; at least `min_width` wide.
fn span_rects(galley: &Galley, start: usize, end: usize, min_width: f32) -> Vec<egui::Rect> {
    // The span's start at the head of a row, not the end of the one before.
    let first = galley.layout_from_cursor(CCursor {
        index: start.into(),
        prefer_next_row: true,
    });
    let last = galley.layout_from_cursor(CCursor::new(end));
    let mut rects = Vec::new();
    for r in first.row..=last.row.max(first.row) {
        let Some(row) = galley.rows.get(r) else {
            break;
        };
        let x0 = if r == first.row {
            row.x_offset(first.column)
        } else {
            0.0
        };
        let x1 = if r == last.row {
            row.x_offset(last.column)
        } else {
            row.size.x
        };
        let x0 = row.pos.x + x0;
        let x1 = (row.pos.x + x1).max(x0 + min_width);
        rects.push(egui::Rect::from_x_y_ranges(
            x0..=x1,
            row.min_y()..=row.max_y(),
        ));
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galley(text: &str) -> std::sync::Arc<Galley> {
        let ctx = egui::Context::default();
        let mut out = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = egui::FontId::monospace(12.0);
            let job = LayoutJob::simple(text.into(), font, egui::Color32::WHITE, 1000.0);
            out = Some(ui.ctx().fonts_mut(|f| f.layout_job(job)));
        });
        // No renderer here to take the font texture.
        output.textures_delta.clear();
        out.unwrap()
    }

    #[test]
    fn a_span_is_marked_on_each_row_it_covers() {
        let g = galley("ab 12 cd\nef 34");
        // "12": one rect on the first row, between "ab " and " cd".
        let one = span_rects(&g, 3, 5, 0.0);
        assert_eq!(one.len(), 1);
        let (ab, cd) = (
            g.pos_from_cursor(CCursor::new(3)),
            g.pos_from_cursor(CCursor::new(5)),
        );
        assert_eq!((one[0].left(), one[0].right()), (ab.left(), cd.left()));
        assert_eq!(one[0].y_range(), g.rows[0].rect().y_range());
        // From "cd" to "ef": the end of the first row and the start of the
        // second.
        let two = span_rects(&g, 6, 11, 0.0);
        assert_eq!(two.len(), 2);
        assert_eq!(two[0].right(), g.rows[0].rect().right());
        assert_eq!(two[1].left(), g.rows[1].rect().left());
        assert!(two[1].top() >= two[0].bottom());
        // A span starting a row is marked there, not at the row before's end.
        let next = span_rects(&g, 9, 11, 0.0);
        assert_eq!(next.len(), 1);
        assert_eq!(next[0].y_range(), g.rows[1].rect().y_range());
        // An empty span (a blank cell) still shows.
        let empty = span_rects(&g, 3, 3, 7.0);
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].width(), 7.0);
    }
}
