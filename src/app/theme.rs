//! The window's colours, in one place: what each colour means, for the light
//! and the dark theme.

use egui::Color32;

/// `on_dark` in the dark theme, `on_light` in the light one.
fn by_theme(dark: bool, on_dark: [u8; 3], on_light: [u8; 3]) -> Color32 {
    let [r, g, b] = if dark { on_dark } else { on_light };
    Color32::from_rgb(r, g, b)
}

/// A cell whose rule fails.
pub fn fail(dark: bool) -> Color32 {
    by_theme(dark, [110, 30, 30], [255, 205, 205])
}

/// A cell with an advisory (a warning, not a failure).
pub fn warn(dark: bool) -> Color32 {
    by_theme(dark, [100, 75, 10], [255, 232, 170])
}

/// The selected value's background in the source text.
pub fn source_highlight(dark: bool) -> Color32 {
    by_theme(dark, [120, 90, 0], [255, 220, 80])
}

/// The selected cell's box on the page view (原件): an outline that stands
/// out on black print and on blue or red table shading.
pub fn page_selected() -> Color32 {
    Color32::from_rgb(235, 110, 0)
}

/// The inside of the selected box: the print shows through.
pub fn page_selected_fill(dark: bool) -> Color32 {
    let a = if dark { 70 } else { 50 };
    Color32::from_rgba_unmultiplied(255, 170, 0, a)
}

/// The mark of a corrected cell.
pub fn edited() -> Color32 {
    Color32::from_rgb(40, 120, 230)
}

/// The mark of a value read by inference, which a person should check
/// (placed by position, rebuilt digits, low OCR confidence).
pub fn review() -> Color32 {
    Color32::from_rgb(150, 60, 200)
}

/// A report whose rules all pass.
pub fn status_ok() -> Color32 {
    Color32::from_rgb(30, 140, 60)
}

/// A report with failing rules or missing tables.
pub fn status_problem() -> Color32 {
    Color32::from_rgb(200, 50, 50)
}

/// Text that repeats the other report's, in the comparison.
pub fn repeated_text(dark: bool) -> Color32 {
    by_theme(dark, [35, 75, 120], [200, 225, 255])
}

/// A cell whose value changed from last year, in the comparison.
pub fn changed_cell(dark: bool) -> Color32 {
    by_theme(dark, [100, 75, 10], [255, 232, 170])
}

/// A cell with a value on one side only, in the comparison.
pub fn one_sided_cell(dark: bool) -> Color32 {
    by_theme(dark, [80, 80, 80], [225, 225, 225])
}

/// The bars and lines of the charts, in order.
pub fn series(i: usize) -> Color32 {
    const SERIES: [[u8; 3]; 9] = [
        [40, 120, 230],
        [230, 120, 30],
        [200, 50, 50],
        [30, 140, 60],
        [140, 80, 200],
        [120, 90, 60],
        [220, 90, 170],
        [110, 110, 110],
        [20, 160, 170],
    ];
    let [r, g, b] = SERIES[i % SERIES.len()];
    Color32::from_rgb(r, g, b)
}

/// A rule that holds, where passes are listed (the comparison's cross-year rules).
pub fn passed(dark: bool) -> Color32 {
    by_theme(dark, [25, 85, 40], [200, 240, 205])
}
