//! A turn of the mouse wheel, for the window tests that scroll.

/// The wheel moved by `delta_y` points (negative: the content moves up,
/// showing what is below).
pub fn wheel(delta_y: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    }
}
