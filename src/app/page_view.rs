//! The source pane's 原件 tab: the report's pages as published, fit to the
//! pane's width or zoomed, one below the other. The selected cell's box is
//! outlined and scrolled into view; a click on a number's box selects its
//! cell; cells marked for review are outlined in the review colour. Pages
//! come from the render worker as textures
//! ([`PageTextures`]); until a page arrives its place is blank paper.

use egui::{Align2, Color32, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2, pos2, vec2};

use super::i18n::Lang;
use super::page_textures::PageTextures;
use super::theme;
use crate::page::{PageRect, may_have_pages};
use crate::review::page_view::{
    PageView, Pages, ScrollTarget, ZOOM_STEP, Zoom, pages_in_view, review_boxes,
};
use crate::review::{Command, Document, Target};

/// Where the pages scroll area was last frame, to place scroll targets.
#[derive(Clone, Copy, Debug, Default)]
pub struct LastScroll {
    pub offset: [f32; 2],
    pub viewport: [f32; 2],
}

/// Everything the tab needs from the window besides the report.
pub struct PagePane<'a> {
    pub view: &'a mut PageView,
    pub textures: &'a mut PageTextures,
    pub last: &'a mut LastScroll,
    pub lang: Lang,
}

/// Whether the report has pages to show: it was read from a PDF or image.
pub fn has_pages(doc: &Document) -> bool {
    doc.path.as_deref().is_some_and(may_have_pages)
}

/// What the pages are shown for: an open report (its cells outlined and
/// clickable), or a file still being read (its pages alone).
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    /// The report's id; a file being read has the id its report will get.
    pub id: u64,
    pub path: Option<&'a std::path::Path>,
    pub tables: Option<&'a crate::model::Tables>,
}

impl<'a> Shown<'a> {
    pub fn doc(doc: &'a Document) -> Shown<'a> {
        Shown {
            id: doc.id,
            path: doc.path.as_deref(),
            tables: Some(&doc.report.tables),
        }
    }
}

pub fn show(
    ui: &mut Ui,
    doc: Shown<'_>,
    pane: PagePane<'_>,
    selected: Option<crate::model::PdfBox>,
    scroll: bool,
    out: &mut Vec<Command>,
) {
    let PagePane {
        view,
        textures,
        last,
        lang,
    } = pane;
    let Some(path) = doc
        .path
        .filter(|p| may_have_pages(p))
        .map(|p| p.to_path_buf())
    else {
        ui.weak(lang.t(
            "只有 PDF 和图片文件有原件页面",
            "only PDF and image files have pages to show",
        ));
        return;
    };
    if view.show_doc(doc.id) {
        textures.open(view, doc.id, path);
    }
    textures.poll(ui.ctx(), view);
    if scroll && let Some(b) = selected {
        view.scroll_to = Some(ScrollTarget::Box(b));
    }
    toolbar(ui, view, textures, last, lang);
    match &view.pages {
        Pages::None | Pages::Opening => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(lang.t("正在打开原件…", "Opening the pages…"));
            });
            return;
        }
        Pages::Failed(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
            return;
        }
        Pages::Ready(_) => {}
    }
    let pane = PagePane {
        view,
        textures,
        last,
        lang,
    };
    pages(ui, doc, pane, selected, out);
}

/// Page navigation and zoom.
fn toolbar(
    ui: &mut Ui,
    view: &mut PageView,
    textures: &PageTextures,
    last: &LastScroll,
    lang: Lang,
) {
    let count = view.page_count();
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                view.page > 0,
                egui::Button::new(lang.t("上一页", "Previous")),
            )
            .on_hover_text("PageUp")
            .clicked()
        {
            view.previous_page();
        }
        let mut number = view.page + 1;
        let label = ui.label(lang.t("页", "Page"));
        let field = ui
            .add(
                egui::DragValue::new(&mut number)
                    .range(1..=count.max(1))
                    .speed(0.1),
            )
            .labelled_by(label.id);
        if field.changed() {
            view.go_to(number.saturating_sub(1));
        }
        ui.label(format!("/ {count}"));
        if ui
            .add_enabled(
                view.page + 1 < count,
                egui::Button::new(lang.t("下一页", "Next")),
            )
            .on_hover_text("PageDown")
            .clicked()
        {
            view.next_page();
        }
        ui.separator();
        let centre = [last.viewport[0] / 2.0, last.viewport[1] / 2.0];
        if ui
            .button(lang.t("缩小", "Zoom out"))
            .on_hover_text("Ctrl + 滚轮 / Ctrl + wheel")
            .clicked()
        {
            view.zoom_by(1.0 / ZOOM_STEP, centre, last.offset, last.viewport);
        }
        let percent = (view.scale(last.viewport[0]) * 100.0).round();
        let memory = textures.bytes() as f32 / (1024.0 * 1024.0);
        let timing = match textures.last_render_ms {
            Some(ms) => format!(
                "{} {ms:.0} ms · ",
                lang.t("上一页绘制", "last page drawn in")
            ),
            None => String::new(),
        };
        ui.label(format!("{percent}%")).on_hover_text(format!(
            "{timing}{} {memory:.1} MB",
            lang.t("页面缓存", "page cache")
        ));
        if ui
            .button(lang.t("放大", "Zoom in"))
            .on_hover_text("Ctrl + 滚轮 / Ctrl + wheel")
            .clicked()
        {
            view.zoom_by(ZOOM_STEP, centre, last.offset, last.viewport);
        }
        let fit = view.zoom == Zoom::FitWidth;
        if ui
            .selectable_label(fit, lang.t("适合宽度", "Fit width"))
            .clicked()
            && !fit
        {
            view.fit_width();
        }
    });
    // Keys while the pointer is over the pane.
    if ui.rect_contains_pointer(ui.max_rect()) {
        let (up, down) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::PageUp),
                i.key_pressed(egui::Key::PageDown),
            )
        });
        if up {
            view.previous_page();
        }
        if down {
            view.next_page();
        }
    }
}

/// The scrolled column of pages.
fn pages(
    ui: &mut Ui,
    doc: Shown<'_>,
    pane: PagePane<'_>,
    selected: Option<crate::model::PdfBox>,
    out: &mut Vec<Command>,
) {
    let PagePane {
        view,
        textures,
        last,
        lang,
    } = pane;
    // The scroll bars float over the content (egui's default): the pages
    // take the whole width, their margin under the bar.
    let width = ui.available_width().max(50.0);
    let Some(geometry) = view.geometry(width) else {
        return;
    };
    let mut area = egui::ScrollArea::both()
        .id_salt("page_scroll")
        .auto_shrink([false, false]);
    let target = view.scroll_to;
    if last.viewport[1] <= 0.0 {
        // The first frame: the pane's size stands in for the viewport's.
        let size = ui.available_size();
        last.viewport = [size.x, size.y];
    }
    if target.is_some() {
        if let Some(to) = view.resolve_scroll(&geometry, last.offset, last.viewport) {
            area = area.scroll_offset(vec2(to[0], to[1]));
        }
        view.scroll_to = None;
    }
    let dark = ui.visuals().dark_mode;
    let ppp = ui.ctx().pixels_per_point();
    let output = area.show_viewport(ui, |ui, viewport| {
        let (rect, response) =
            ui.allocate_exact_size(vec2(geometry.size[0], geometry.size[1]), Sense::click());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                lang.t("原件页面", "Original pages"),
            )
        });
        let origin = rect.min;
        let painter = ui.painter_at(ui.clip_rect());
        let to_screen =
            |r: PageRect| Rect::from_min_max(origin + vec2(r[0], r[1]), origin + vec2(r[2], r[3]));
        let visible = pages_in_view(&geometry, viewport.min.y, viewport.height());
        for &page in &visible {
            let r = to_screen(geometry.pages[page]);
            painter.rect_filled(r, 0.0, Color32::WHITE);
            painter.rect_stroke(
                r,
                0.0,
                Stroke::new(1.0, Color32::from_gray(150)),
                StrokeKind::Outside,
            );
            match textures.texture(doc.id, page) {
                Some((_, texture)) => {
                    painter.image(
                        texture.id(),
                        r,
                        Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                        Color32::WHITE,
                    );
                }
                None => {
                    let text = match textures.failure(doc.id, page) {
                        Some(e) => e.to_string(),
                        None => format!(
                            "{} {} {}…",
                            lang.t("正在绘制第", "Drawing page"),
                            page + 1,
                            lang.t("页", ""),
                        ),
                    };
                    painter.text(
                        r.center_top() + vec2(0.0, 40.0),
                        Align2::CENTER_CENTER,
                        text,
                        egui::FontId::proportional(14.0),
                        Color32::from_gray(90),
                    );
                }
            }
        }
        // Cells to check (placed by position, rebuilt, low OCR confidence)
        // in the grid's review colour, on the pages in view.
        for (_, b) in doc.tables.into_iter().flat_map(review_boxes) {
            if let Some((page, r)) = view.box_on_screen(&geometry, &b)
                && visible.contains(&page)
            {
                painter.rect_stroke(
                    to_screen(r).expand(1.5),
                    1.0,
                    Stroke::new(1.5, theme::review()),
                    StrokeKind::Outside,
                );
            }
        }
        if let Some(b) = selected
            && let Some((_, r)) = view.box_on_screen(&geometry, &b)
        {
            let r = to_screen(r).expand(2.0);
            painter.rect_filled(r, 1.0, theme::page_selected_fill(dark));
            painter.rect_stroke(
                r,
                1.0,
                Stroke::new(2.0, theme::page_selected()),
                StrokeKind::Outside,
            );
        }
        if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let p = pointer - origin;
            if let Some(tables) = doc.tables
                && let Some(at) = view.cell_at(&geometry, tables, [p.x, p.y])
            {
                out.push(Command::Select(Target::Cell(at)));
            }
        }
        textures.want(doc.id, &visible, geometry.scale * ppp);
        response.hovered()
    });
    let offset = output.state.clamped_offset();
    let viewport = output.inner_rect.size();
    // The page number follows scrolling; after going to a page it stays
    // the page asked for (the last page may not reach the top of the
    // pane), after showing a box it is the box's page.
    match target {
        Some(ScrollTarget::Page(_)) => {}
        Some(ScrollTarget::Box(b)) => {
            if let Some((page, _)) = view.box_on_screen(&geometry, &b) {
                view.page = page;
            }
        }
        _ if (offset.y - last.offset[1]).abs() > 0.5 => view.scrolled(&geometry, offset.y),
        _ => {}
    }
    *last = LastScroll {
        offset: [offset.x, offset.y],
        viewport: [viewport.x, viewport.y],
    };
    // Ctrl + wheel (or a pinch) zooms about the pointer.
    let zoom = ui.input(|i| i.zoom_delta());
    if output.inner && zoom != 1.0 {
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .map(|p| p - output.inner_rect.min)
            .unwrap_or(Vec2::new(viewport.x / 2.0, viewport.y / 2.0));
        view.zoom_by(zoom, [pointer.x, pointer.y], last.offset, last.viewport);
        ui.ctx().request_repaint();
    }
}
