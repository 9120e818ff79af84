//! Fonts for the fonts a PDF names but does not embed. Chinese reports are
//! often written with 宋体 or 仿宋 left out of the file: such text would
//! vanish or turn into boxes without a CJK font to stand in. A full system
//! Noto Sans CJK when the machine has one, else the subset the program
//! carries (`assets/fonts/`); the 14 standard PDF fonts from hayro's own.

use std::sync::{Arc, OnceLock};

use hayro::hayro_interpret::FontResolverFn;
use hayro::hayro_interpret::font::{FallbackFontQuery, FontData, FontQuery};
use hayro::hayro_interpret::hayro_cmap::CidFamily;

/// A subset of Noto Sans CJK SC (SIL OFL 1.1): GB2312, ASCII, CJK
/// punctuation and every character the program itself shows. The window
/// uses the same bytes for its labels.
pub const NOTO_SANS_SC_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// Full CJK fonts often present on Linux, each with the index of its
/// simplified-Chinese face in the collection.
const SYSTEM_CJK: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
];

/// Font names that say the font is Chinese, Japanese or Korean, for fonts
/// that do not declare a CJK character collection.
const CJK_NAME_PARTS: &[&str] = &[
    "sim",
    "song",
    "hei",
    "kai",
    "fang",
    "yahei",
    "ming",
    "gothic",
    "mincho",
    "batang",
    "gulim",
    "stxihei",
    "cjk",
    "dengxian",
    "xiaobiaosong",
    "fzxbs",
    "gb2312",
];

/// The CJK face standing in for unembedded Chinese fonts: read once.
fn cjk_fallback() -> &'static (FontData, u32) {
    static FONT: OnceLock<(FontData, u32)> = OnceLock::new();
    FONT.get_or_init(|| {
        SYSTEM_CJK
            .iter()
            .find_map(|&(path, index)| {
                let bytes = std::fs::read(path).ok()?;
                Some((Arc::new(bytes) as FontData, index))
            })
            .unwrap_or_else(|| (Arc::new(NOTO_SANS_SC_SUBSET) as FontData, 0))
    })
}

/// Whether an unembedded font is one of the CJK fonts: by its declared
/// character collection, else by its name.
fn wants_cjk(query: &FallbackFontQuery) -> bool {
    if let Some(cc) = &query.character_collection {
        return matches!(
            cc.family,
            CidFamily::AdobeGB1
                | CidFamily::AdobeCNS1
                | CidFamily::AdobeJapan1
                | CidFamily::AdobeKorea1
        );
    }
    [
        &query.post_script_name,
        &query.font_name,
        &query.font_family,
    ]
    .into_iter()
    .flatten()
    .any(|name| is_cjk_name(name))
}

/// Whether a font's name says it is a Chinese, Japanese or Korean font.
pub(super) fn is_cjk_name(name: &str) -> bool {
    // Names written in Chinese (宋体, often as GBK bytes) are not ASCII.
    !name.is_ascii() || {
        let lower = name.to_ascii_lowercase();
        CJK_NAME_PARTS.iter().any(|part| lower.contains(part))
    }
}

/// The resolver hayro calls for every font a page uses but the file does
/// not embed.
pub fn resolver() -> FontResolverFn {
    Arc::new(|query| match query {
        FontQuery::Standard(font) => Some(font.get_font_data()),
        FontQuery::Fallback(f) if wants_cjk(f) => Some(cjk_fallback().clone()),
        FontQuery::Fallback(f) => Some(f.pick_standard_font().get_font_data()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> FallbackFontQuery {
        FallbackFontQuery {
            post_script_name: Some(name.into()),
            ..Default::default()
        }
    }

    #[test]
    fn chinese_font_names_get_the_cjk_face() {
        assert!(wants_cjk(&named("SimSun")));
        assert!(wants_cjk(&named("FangSong_GB2312")));
        assert!(wants_cjk(&named("宋体")));
        assert!(!wants_cjk(&named("Arial")));
        assert!(!wants_cjk(&named("TimesNewRomanPSMT")));
    }

    #[test]
    fn the_fallback_is_a_font() {
        let (data, _) = cjk_fallback();
        let bytes: &[u8] = data.as_ref().as_ref();
        assert!(bytes.len() > 100_000, "a CJK font, not a stub");
    }
}
