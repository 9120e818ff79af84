//! The embedded CJK font, so every label renders on a machine with no
//! Chinese fonts. A subset of Noto Sans CJK SC (SIL OFL 1.1, see
//! `assets/fonts/`), added after egui's own fonts as a fallback for both
//! families.

use std::sync::Arc;

pub const NOTO_SANS_SC_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// A full CJK font often present on Linux, for characters outside the subset.
const SYSTEM_FALLBACKS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];

pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans_sc".into(),
        Arc::new(egui::FontData::from_static(NOTO_SANS_SC_SUBSET)),
    );
    let mut names = vec!["noto_sans_sc".to_string()];
    // Rare characters (names of places, say) may be missing from the subset.
    if let Some(bytes) = SYSTEM_FALLBACKS.iter().find_map(|p| std::fs::read(p).ok()) {
        fonts.font_data.insert(
            "system_cjk".into(),
            Arc::new(egui::FontData::from_owned(bytes)),
        );
        names.push("system_cjk".into());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.extend(names.iter().cloned());
    }
    ctx.set_fonts(fonts);
}
