//! One grid cell: its value, or the text being typed; colour for the worst
//! rule it takes part in; a corner mark when edited; a frame when selected.
//! Drawn by hand (not a TextEdit) so that the keyboard belongs to the grid.

use egui::{CornerRadius, Response, Sense, Stroke, StrokeKind, Ui, Vec2, pos2};

use super::theme;
use crate::model::Status;

pub struct Look<'a> {
    pub text: &'a str,
    pub selected: bool,
    /// The text being typed, when this cell is being edited.
    pub editing: Option<&'a str>,
    /// The worst status of the rules the cell takes part in.
    pub status: Option<Status>,
    pub edited: bool,
    /// The value was inferred (placed by position, rebuilt from run-together
    /// digits, low OCR confidence): a bar down the left edge asks for a look.
    pub review: bool,
    /// Right-aligned numbers; left-aligned text (agency, date).
    pub numeric: bool,
}

/// Draws a cell of `size`; `label` is its accessible name ("表三 （一）予以公开 总计").
pub fn show(ui: &mut Ui, size: Vec2, look: Look<'_>, label: &str) -> Response {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let fill = match look.status {
        Some(Status::Fail) => theme::fail(dark),
        Some(Status::Warn) => theme::warn(dark),
        _ if look.editing.is_some() => visuals.extreme_bg_color,
        _ => visuals.faint_bg_color,
    };
    let painter = ui.painter_at(rect);
    let inner = rect.shrink(1.0);
    painter.rect_filled(inner, CornerRadius::same(2), fill);
    if look.selected {
        painter.rect_stroke(
            inner,
            CornerRadius::same(2),
            Stroke::new(2.0, visuals.selection.stroke.color),
            StrokeKind::Inside,
        );
    } else if response.hovered() {
        painter.rect_stroke(
            inner,
            CornerRadius::same(2),
            visuals.widgets.hovered.bg_stroke,
            StrokeKind::Inside,
        );
    }
    if look.review {
        let bar =
            egui::Rect::from_min_max(inner.left_top(), pos2(inner.left() + 3.0, inner.bottom()));
        painter.rect_filled(bar, CornerRadius::same(1), theme::review());
    }
    if look.edited {
        // A corner triangle, like a spreadsheet's comment mark.
        let c = rect.right_top();
        painter.add(egui::Shape::convex_polygon(
            vec![c, pos2(c.x - 8.0, c.y), pos2(c.x, c.y + 8.0)],
            theme::edited(),
            Stroke::NONE,
        ));
    }
    let (shown, color) = match look.editing {
        Some(t) => (format!("{t}▏"), visuals.strong_text_color()),
        None => (look.text.to_string(), visuals.text_color()),
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = painter.layout_no_wrap(shown, font, color);
    let y = rect.center().y - galley.size().y / 2.0;
    let x = if look.numeric && look.editing.is_none() {
        rect.right() - 6.0 - galley.size().x
    } else {
        rect.left() + 4.0
    };
    painter.galley(pos2(x.max(rect.left() + 2.0), y), galley, color);
    let value_text = look.editing.unwrap_or(look.text).to_string();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Button, true, label);
        info.current_text_value = Some(value_text.clone());
        info.selected = Some(look.selected);
        info
    });
    response
}

/// The tag and colour a rule's outcome is shown with: 不符 in the failure
/// colour, 提示 (advisory) in the warning colour.
pub fn status_tag(
    status: crate::model::Status,
    lang: super::i18n::Lang,
    dark: bool,
) -> (&'static str, egui::Color32) {
    match status {
        crate::model::Status::Fail => (lang.t("不符", "fails"), theme::fail(dark)),
        _ => (lang.t("提示", "advisory"), theme::warn(dark)),
    }
}
