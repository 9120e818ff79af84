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
