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
    let lines_id = egui::Id::unique("source_lines");
    let mut lines: Lines = ui.data_mut(|d| std::mem::take(d.get_temp_mut_or_default(lines_id)));
    egui::ScrollArea::vertical()
        .id_salt(("source_scroll", doc.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Each line of the text is laid out alone, and only those in
            // view: a report's whole text took 2–8 ms to lay out, at every
            // report shown and at every change of the pane's width. The
            // others take the height they had when last laid out, else one
            // estimated from their characters' widths.
            let width = ui.available_width();
            lines.fit(ui, doc, &font, width);
            let top = ui.cursor().top();
            let view = ui.clip_rect();
            let painter = ui.painter().clone();
            let layout = |range: std::ops::Range<usize>| {
                let job = LayoutJob::simple(doc.text[range].to_owned(), font.clone(), color, width);
                painter.layout_job(job)
            };
            // The lines in view laid out, and measured: a line's height
            // found to differ moves those below, so until the lines in view
            // stay the same (egui's cache keeps each line's layout).
            let mut shown = Vec::new();
            for _ in 0..4 {
                shown.clear();
                let mut changed = false;
                let mut y = top;
                for i in 0..lines.starts.len() {
                    if y > view.bottom() {
                        break;
                    }
                    if y + lines.heights[i] >= view.top() {
                        let galley = layout(lines.range(i, doc.text.len()));
                        changed |= (galley.size().y - lines.heights[i]).abs() > 0.5;
                        lines.heights[i] = galley.size().y;
                        shown.push((i, y, galley));
                    }
                    y += lines.heights[i];
                }
                if !changed {
                    break;
                }
            }
            let total: f32 = lines.heights.iter().sum();
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, total), Sense::hover());
            for (i, y, galley) in shown {
                let range = lines.range(i, doc.text.len());
                if let Some((start, end)) =
                    span.and_then(|s| span_in_line(s.start..s.end, range.clone()))
                {
                    let line = &doc.text[range];
                    let start_c = line[..start].chars().count();
                    let end_c = start_c + line[start..end].chars().count();
                    // An empty span (a blank cell) still gets a visible mark.
                    let min_width = if start == end { font.size * 0.6 } else { 0.0 };
                    for mark in span_rects(&galley, start_c, end_c, min_width) {
                        painter.rect_filled(
                            mark.translate(egui::vec2(rect.left(), y)),
                            0.0,
                            highlight,
                        );
                    }
                }
                painter.galley(egui::pos2(rect.left(), y), galley, color);
            }
            if scroll && let Some(s) = span {
                // The line the value is on, from the lines' heights.
                let line = lines
                    .starts
                    .partition_point(|&start| start <= s.start)
                    .saturating_sub(1);
                let y = top + lines.heights[..line].iter().sum::<f32>();
                let at = egui::Rect::from_x_y_ranges(rect.x_range(), y..=y + lines.heights[line]);
                ui.scroll_to_rect(at.expand(40.0), Some(egui::Align::Center));
            }
        });
    ui.data_mut(|d| d.insert_temp(lines_id, lines));
}

/// The source text's lines (split at each newline) with their heights at
/// the pane's width, for the one report shown.
#[derive(Clone, Default)]
struct Lines {
    /// The report, its text's length, the width and the font size they
    /// were made for.
    made_for: (u64, usize, u32, u32),
    /// Where each line starts in the text.
    starts: Vec<usize>,
    /// Each line's height: as laid out when it was last in view, else
    /// estimated.
    heights: Vec<f32>,
}

impl Lines {
    /// Made anew for another report, width or font: the lines found and
    /// their heights estimated.
    fn fit(&mut self, ui: &Ui, doc: &Document, font: &egui::FontId, width: f32) {
        let made_for = (doc.id, doc.text.len(), width.to_bits(), font.size.to_bits());
        if self.made_for == made_for && !self.starts.is_empty() {
            return;
        }
        let (narrow, wide, row) = ui.ctx().fonts_mut(|f| {
            (
                f.glyph_width(font, '0'),
                f.glyph_width(font, '中'),
                f.row_height(font),
            )
        });
        self.made_for = made_for;
        self.starts = std::iter::once(0)
            .chain(doc.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.heights = (0..self.starts.len())
            .map(|i| {
                let line = &doc.text[self.range(i, doc.text.len())];
                let w: f32 = line
                    .chars()
                    .map(|c| if c.is_ascii() { narrow } else { wide })
                    .sum();
                (w / width.max(1.0)).ceil().max(1.0) * row
            })
            .collect();
    }

    /// Line `i`'s bytes in a text of `len` bytes, without its newline.
    fn range(&self, i: usize, len: usize) -> std::ops::Range<usize> {
        let end = self.starts.get(i + 1).map_or(len, |&next| next - 1);
        self.starts[i]..end
    }
}

/// The part of `span` (bytes of the text) within `line`, in bytes from the
/// line's start: an empty span where it stands, a span across lines in
/// each line it covers.
fn span_in_line(
    span: std::ops::Range<usize>,
    line: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    if span.is_empty() {
        return (line.start <= span.start && span.start <= line.end)
            .then(|| (span.start - line.start, span.start - line.start));
    }
    let (start, end) = (span.start.max(line.start), span.end.min(line.end));
    (start < end).then(|| (start - line.start, end - line.start))
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
    fn a_span_is_found_in_each_line_it_covers() {
        // "ab\n12\n\ncd": lines 0..2, 3..5, 6..6 and 7..9.
        let lines = Lines {
            starts: vec![0, 3, 6, 7],
            ..Lines::default()
        };
        let ranges: Vec<_> = (0..4).map(|i| lines.range(i, 9)).collect();
        assert_eq!(ranges, vec![0..2, 3..5, 6..6, 7..9]);
        assert_eq!(span_in_line(3..5, 3..5), Some((0, 2)));
        assert_eq!(span_in_line(3..5, 0..2), None);
        // Across a newline: the end of one line, the start of the next.
        assert_eq!(span_in_line(1..4, 0..2), Some((1, 2)));
        assert_eq!(span_in_line(1..4, 3..5), Some((0, 1)));
        // A blank cell on an empty line, and at a line's end.
        assert_eq!(span_in_line(6..6, 6..6), Some((0, 0)));
        assert_eq!(span_in_line(5..5, 3..5), Some((2, 2)));
        assert_eq!(span_in_line(5..5, 6..6), None);
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
