//! Messages for people, in Chinese and English.
//!
//! Everything the library says to a person — rule messages, parser
//! warnings, repair proposals, refusals — is a [`Text`]: both renderings,
//! made where the facts are known, and shown in the [`Lang`] the reader
//! chose. Chinese is the canonical form: the JSON of `nianbao parse`
//! writes it unless `--lang en` is asked for, and a `Text` reads as its
//! Chinese (`Deref<Target = str>`, `Display`) wherever a plain string was
//! expected before.
//!
//! English messages quote the template's row and column labels, and the
//! report's own words, in Chinese inside “…”: they are what the reviewer
//! finds printed in the report, and the template has no official English.

use serde::{Deserialize, Serialize};

/// The language a person reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// Picks the Chinese or the English words.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// `zh` or `en` as given on the command line.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One message in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text {
    zh: String,
    en: String,
    /// The language its JSON is written in (Chinese unless asked).
    written: Lang,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
            written: Lang::Zh,
        }
    }

    /// Its JSON written in `lang` from now on (`nianbao parse --lang`).
    pub fn write_in(&mut self, lang: Lang) {
        self.written = lang;
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn zh(&self) -> &str {
        &self.zh
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }

    /// Both renderings changed alike (a prefix, a suffix).
    pub fn map(&self, f: impl Fn(Lang, &str) -> String) -> Text {
        Text {
            zh: f(Lang::Zh, &self.zh),
            en: f(Lang::En, &self.en),
            written: self.written,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.zh
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.zh)
    }
}

/// Written in Chinese, the JSON's default language, unless `write_in`
/// chose English.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(self.written))
    }
}

/// Whether `s` holds Chinese characters outside “…” quotes: what an
/// English message must not (its quotes hold the report's own labels).
pub fn cjk_outside_quotes(s: &str) -> Option<char> {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_cjk(c) => return Some(c),
            _ => {}
        }
    }
    None
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F      // CJK punctuation (、。“ excluded above)
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFF65    // full-width forms (，：（）)
        | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_labels_are_allowed_other_chinese_is_not() {
        assert_eq!(cjk_outside_quotes("“总计”: sum 3"), None);
        assert_eq!(cjk_outside_quotes("row “一、本年” is 件"), Some('件'));
        assert_eq!(cjk_outside_quotes("a，b"), Some('，'));
    }
}
