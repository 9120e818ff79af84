//! Fonts: how a shown string splits into character codes, the text and
//! the advance width of each. Decoded once per document: [`FontCache`]
//! keeps each font dictionary's decoding by object id, so a ToUnicode CMap
//! is parsed once, not once per page.
//!
//! Simple fonts (Type1, TrueType, Type3) use one byte per code; the text
//! comes from the ToUnicode CMap, else the encoding (a standard one and its
//! `Differences`, glyph names through the Adobe Glyph List). Composite
//! (Type0) fonts use `Identity-H` (two bytes, the text from ToUnicode) or a
//! predefined CJK CMap such as `UniGB-UCS2-H` or `GBK-EUC-H`, whose codes
//! are Unicode or GBK/Big5/Shift-JIS/EUC-KR bytes and so decode without a
//! ToUnicode CMap.

use std::collections::HashMap;
use std::rc::Rc;

use encoding_rs::Encoding;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::cmap::{CMap, CodeRange, next_code};
use super::glyph_names;

/// Follows references (a bounded number of them).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

pub fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    get(doc, dict, key).and_then(num)
}

/// A stream's bytes, decompressed when its filter is one lopdf knows.
pub fn stream_bytes(o: &Object) -> Option<Vec<u8>> {
    let s = o.as_stream().ok()?;
    Some(
        s.decompressed_content()
            .unwrap_or_else(|_| s.content.clone()),
    )
}

#[derive(Debug)]
enum Codes {
    OneByte,
    TwoBytes,
    Ranges(Vec<CodeRange>),
}

/// Where a code's text comes from when the ToUnicode CMap has none.
#[derive(Debug)]
enum Fallback {
    None,
    /// A simple font's encoding: code → text.
    Table(Vec<Option<String>>),
    /// The code is UTF-16 (the `Uni…-UCS2`/`UTF16` CMaps).
    Utf16,
    /// The code's bytes are text in a legacy encoding (GBK, Big5, …).
    Legacy(&'static Encoding),
}

/// Which CID a code selects (composite fonts' widths are by CID).
#[derive(Debug)]
enum Cids {
    Identity,
    Embedded(CMap),
    /// A predefined CJK CMap: only the proportional ASCII range is known
    /// (CIDs 1–95 in every Adobe CJK collection).
    Ascii,
}

#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        cids: Cids,
        /// `(first CID, last CID, width)`, sorted.
        ranges: Vec<(u32, u32, f64)>,
        default: f64,
    },
}

/// A decoded font.
#[derive(Debug)]
pub struct Font {
    codes: Codes,
    to_unicode: Option<CMap>,
    fallback: Fallback,
    widths: Widths,
    /// Glyph-space width units → text space (1/1000, or a Type3 font's
    /// FontMatrix).
    scale: f64,
}

/// One shown character code.
pub struct Shown {
    pub code: u32,
    /// Bytes the code took (word spacing applies to the one-byte code 32).
    pub len: u8,
    /// Advance in text space per unit of font size.
    pub width: f64,
}

impl Font {
    /// A font that shows nothing readable (a broken font dictionary).
    pub fn unreadable() -> Font {
        Font {
            codes: Codes::OneByte,
            to_unicode: None,
            fallback: Fallback::None,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: 500.0,
            },
            scale: 0.001,
        }
    }

    /// Splits `bytes` into codes.
    pub fn codes<'s>(&'s self, bytes: &'s [u8]) -> impl Iterator<Item = Shown> + 's {
        let mut at = 0usize;
        std::iter::from_fn(move || {
            let (code, len) = match &self.codes {
                Codes::OneByte => {
                    let b = *bytes.get(at)?;
                    at += 1;
                    (u32::from(b), 1)
                }
                Codes::TwoBytes => {
                    let hi = *bytes.get(at)?;
                    let lo = bytes.get(at + 1).copied().unwrap_or(0);
                    at += 2;
                    (u32::from(hi) << 8 | u32::from(lo), 2)
                }
                Codes::Ranges(r) => next_code(r, bytes, &mut at)?,
            };
            Some(Shown {
                code,
                len,
                width: self.width(code) * self.scale,
            })
        })
    }

    fn width(&self, code: u32) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid {
                cids,
                ranges,
                default,
            } => {
                let cid = match cids {
                    Cids::Identity => Some(code),
                    Cids::Embedded(c) => c.cid(code),
                    Cids::Ascii => (0x20..=0x7E).contains(&code).then(|| code - 31),
                };
                cid.and_then(|cid| {
                    let i = ranges.partition_point(|r| r.0 <= cid);
                    let &(_, hi, w) = ranges.get(i.checked_sub(1)?)?;
                    (cid <= hi).then_some(w)
                })
                .unwrap_or(*default)
            }
        }
    }

    /// The text `code` stands for; `None` when the font does not say.
    pub fn text(&self, code: u32, len: u8) -> Option<String> {
        if let Some(t) = self.to_unicode.as_ref().and_then(|c| c.text(code)) {
            return Some(t);
        }
        match &self.fallback {
            Fallback::None => None,
            Fallback::Table(t) => t.get(code as usize).cloned().flatten(),
            Fallback::Utf16 => {
                let units: Vec<u16> = if len == 4 {
                    vec![(code >> 16) as u16, code as u16]
                } else {
                    vec![code as u16]
                };
                let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
                (!s.is_empty()).then_some(s)
            }
            Fallback::Legacy(enc) => {
                let bytes = code.to_be_bytes();
                let bytes = &bytes[4 - usize::from(len.clamp(1, 4))..];
                let (s, had_errors) = enc.decode_without_bom_handling(bytes);
                (!had_errors && !s.is_empty()).then(|| s.into_owned())
            }
        }
    }

    /// Decodes a font dictionary.
    pub fn load(doc: &Document, font: &Dictionary) -> Font {
        let subtype = get(doc, font, b"Subtype").and_then(|o| o.as_name().ok());
        let to_unicode = get(doc, font, b"ToUnicode")
            .and_then(stream_bytes)
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        match subtype {
            Some(b"Type0") => load_composite(doc, font, to_unicode),
            _ => load_simple(doc, font, subtype == Some(b"Type3"), to_unicode),
        }
    }
}

/// The predefined CMaps: code space, text fallback, CIDs.
fn predefined(name: &[u8]) -> Option<(Codes, Fallback, Cids)> {
    let name = std::str::from_utf8(name).ok()?;
    let one = |lo, hi| CodeRange { len: 1, lo, hi };
    let two = |lo, hi| CodeRange { len: 2, lo, hi };
    let legacy = |ranges: Vec<CodeRange>, enc| {
        Some((Codes::Ranges(ranges), Fallback::Legacy(enc), Cids::Ascii))
    };
    if name.starts_with("Identity-") {
        return Some((Codes::TwoBytes, Fallback::None, Cids::Identity));
    }
    if name.contains("UCS2") {
        return Some((Codes::TwoBytes, Fallback::Utf16, Cids::Ascii));
    }
    if name.contains("UTF16") {
        let ranges = vec![
            two(0x0000, 0xD7FF),
            CodeRange {
                len: 4,
                lo: 0xD800_DC00,
                hi: 0xDBFF_DFFF,
            },
            two(0xE000, 0xFFFF),
        ];
        return Some((Codes::Ranges(ranges), Fallback::Utf16, Cids::Ascii));
    }
    if name.contains("UTF8") {
        let ranges = vec![
            one(0x00, 0x7F),
            two(0xC280, 0xDFBF),
            CodeRange {
                len: 3,
                lo: 0xE0_8080,
                hi: 0xEF_BFBF,
            },
            CodeRange {
                len: 4,
                lo: 0xF080_8080,
                hi: 0xF48F_BFBF,
            },
        ];
        return legacy(ranges, encoding_rs::UTF_8);
    }
    if name.starts_with("GB") {
        let ranges = vec![
            one(0x00, 0x80),
            two(0x8140, 0xFEFE),
            CodeRange {
                len: 4,
                lo: 0x8130_8130,
                hi: 0xFE39_FE39,
            },
        ];
        return legacy(ranges, encoding_rs::GB18030);
    }
    if name.contains("B5") || name.starts_with("ETen") || name.starts_with("HKscs") {
        return legacy(
            vec![one(0x00, 0x80), two(0x8140, 0xFEFE)],
            encoding_rs::BIG5,
        );
    }
    if name.contains("RKSJ") {
        return legacy(
            vec![
                one(0x00, 0x80),
                one(0xA0, 0xDF),
                two(0x8140, 0x9FFC),
                two(0xE040, 0xFCFC),
            ],
            encoding_rs::SHIFT_JIS,
        );
    }
    if name.starts_with("KSC") {
        return legacy(
            vec![one(0x00, 0x80), two(0x8141, 0xFEFE)],
            encoding_rs::EUC_KR,
        );
    }
    if name == "EUC-H" || name == "EUC-V" {
        return legacy(
            vec![one(0x00, 0x80), two(0x8EA0, 0x8EDF), two(0xA1A1, 0xFEFE)],
            encoding_rs::EUC_JP,
        );
    }
    None
}

fn load_composite(doc: &Document, font: &Dictionary, to_unicode: Option<CMap>) -> Font {
    let (codes, fallback, cids) = match get(doc, font, b"Encoding") {
        Some(Object::Name(n)) => predefined(n),
        Some(o @ Object::Stream(_)) => stream_bytes(o).map(|b| {
            let cmap = CMap::parse(&b);
            let base = cmap.base.as_deref().and_then(predefined);
            let (base_codes, fallback) = match base {
                Some((c, f, _)) => (c, f),
                None => (Codes::TwoBytes, Fallback::None),
            };
            let codes = if cmap.codespace.is_empty() {
                base_codes
            } else {
                Codes::Ranges(cmap.codespace.clone())
            };
            (codes, fallback, Cids::Embedded(cmap))
        }),
        _ => None,
    }
    .unwrap_or((Codes::TwoBytes, Fallback::None, Cids::Identity));
    let descendant = get(doc, font, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let mut ranges = Vec::new();
    let mut default = 1000.0;
    if let Some(d) = descendant {
        default = get_num(doc, d, b"DW").unwrap_or(1000.0);
        if let Some(w) = get(doc, d, b"W").and_then(|o| o.as_array().ok()) {
            ranges = cid_widths(doc, w);
        }
    }
    Font {
        codes,
        to_unicode,
        fallback,
        widths: Widths::Cid {
            cids,
            ranges,
            default,
        },
        scale: 0.001,
    }
}

/// A `/W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    if let Some(width) = num(deref(doc, o)) {
                        let cid = first.saturating_add(k as u32);
                        out.push((cid, cid, width));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let width = w.get(i + 2).and_then(|o| num(deref(doc, o)));
                if let Some(width) = width
                    && last >= first
                {
                    out.push((first, last, width));
                }
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

fn base_table(name: &[u8]) -> Option<&'static [u16; 256]> {
    match name {
        b"WinAnsiEncoding" => Some(&glyph_names::WIN_ANSI),
        b"MacRomanEncoding" => Some(&glyph_names::MAC_ROMAN),
        b"StandardEncoding" => Some(&glyph_names::STANDARD),
        b"PDFDocEncoding" => Some(&glyph_names::PDF_DOC),
        _ => None,
    }
}

fn load_simple(doc: &Document, font: &Dictionary, type3: bool, to_unicode: Option<CMap>) -> Font {
    let subtype = get(doc, font, b"Subtype").and_then(|o| o.as_name().ok());
    let base_font = get(doc, font, b"BaseFont")
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let default_base = if subtype == Some(b"TrueType") {
        &glyph_names::WIN_ANSI
    } else {
        &glyph_names::STANDARD
    };
    let encoding = get(doc, font, b"Encoding");
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (base_table(n), None),
        Some(Object::Dictionary(d)) => (
            get(doc, d, b"BaseEncoding")
                .and_then(|o| o.as_name().ok())
                .and_then(base_table),
            get(doc, d, b"Differences").and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    let base = base.unwrap_or(default_base);
    let mut table: Vec<Option<String>> = base
        .iter()
        .map(|&u| {
            char::from_u32(u32::from(u))
                .filter(|_| u != 0)
                .map(String::from)
        })
        .collect();
    if let Some(diff) = differences {
        let mut code = 0usize;
        for o in diff {
            match deref(doc, o) {
                Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = glyph_name_text(n);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    let descriptor = get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
    let missing = descriptor
        .and_then(|d| get_num(doc, d, b"MissingWidth"))
        .filter(|w| *w > 0.0)
        .unwrap_or_else(|| core_width(base_font));
    let first = get_num(doc, font, b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
    let widths: Vec<f64> = get(doc, font, b"Widths")
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .take(256)
                .map(|o| num(deref(doc, o)).unwrap_or(missing))
                .collect()
        })
        .unwrap_or_default();
    let scale = if type3 {
        get(doc, font, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|m| m.first())
            .and_then(|o| num(deref(doc, o)))
            .filter(|s| s.abs() > 1e-9)
            .unwrap_or(0.001)
    } else {
        0.001
    };
    Font {
        codes: Codes::OneByte,
        to_unicode,
        fallback: Fallback::Table(table),
        widths: Widths::Simple {
            first,
            widths,
            missing,
        },
        scale,
    }
}

/// A typical advance of the standard 14 fonts, for files that omit their
/// widths (digits are 500–600 units in all of them).
fn core_width(base_font: &[u8]) -> f64 {
    if base_font.starts_with(b"Courier") {
        600.0
    } else if base_font.starts_with(b"Helvetica") || base_font.starts_with(b"Arial") {
        556.0
    } else {
        500.0
    }
}

/// A glyph name's text (Adobe Glyph List rules): `one`, `uni4E2D`,
/// `u1F600`, `f_i`, `one.oldstyle`.
pub fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or("");
    let mut out = String::new();
    for part in name.split('_') {
        out.push_str(&component_text(part)?);
    }
    (!out.is_empty()).then_some(out)
}

fn component_text(part: &str) -> Option<String> {
    if let Ok(i) =
        glyph_names::GLYPH_LIST.binary_search_by(|(n, _)| n.as_bytes().cmp(part.as_bytes()))
    {
        return Some(glyph_names::GLYPH_LIST[i].1.to_string());
    }
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = part.strip_prefix("uni")
        && !h.is_empty()
        && h.len() % 4 == 0
        && h.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return (0..h.len()).step_by(4).map(|i| hex(&h[i..i + 4])).collect();
    }
    if let Some(h) = part.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return hex(h).map(String::from);
    }
    None
}

/// Fonts decoded once per document, by the font dictionary's object id.
#[derive(Default)]
pub struct FontCache {
    fonts: HashMap<ObjectId, Rc<Font>>,
}

impl FontCache {
    /// The font a page resource entry names (a reference, usually; a font
    /// written inline in the resources is decoded each time).
    pub fn get(&mut self, doc: &Document, entry: &Object) -> Rc<Font> {
        let load = |o: &Object| match deref(doc, o).as_dict() {
            Ok(d) => Font::load(doc, d),
            Err(_) => Font::unreadable(),
        };
        match entry {
            Object::Reference(id) => self
                .fonts
                .entry(*id)
                .or_insert_with(|| Rc::new(load(entry)))
                .clone(),
            _ => Rc::new(load(entry)),
        }
    }

    pub fn len(&self) -> usize {
        self.fonts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fonts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_text(b"one").as_deref(), Some("1"));
        assert_eq!(glyph_name_text(b"uni4E2D56FD").as_deref(), Some("中国"));
        assert_eq!(glyph_name_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_text(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_text(b"zero.tf").as_deref(), Some("0"));
        assert_eq!(glyph_name_text(b"g123"), None);
        assert_eq!(glyph_name_text(b".notdef"), None);
    }

    #[test]
    fn predefined_cjk_cmaps_decode_without_to_unicode() {
        let (codes, fallback, cids) = predefined(b"GBK-EUC-H").unwrap();
        let font = Font {
            codes,
            to_unicode: None,
            fallback,
            widths: Widths::Cid {
                cids,
                ranges: vec![(18, 18, 480.0)],
                default: 1000.0,
            },
            scale: 0.001,
        };
        // "中1" in GBK; "1" is CID 18 in Adobe-GB1.
        let bytes = [0xD6, 0xD0, 0x31];
        let shown: Vec<(String, f64)> = font
            .codes(&bytes)
            .map(|s| (font.text(s.code, s.len).unwrap(), s.width))
            .collect();
        assert_eq!(shown, vec![("中".into(), 1.0), ("1".into(), 0.48)]);
        let (codes, fallback, _) = predefined(b"UniGB-UCS2-H").unwrap();
        assert!(matches!(codes, Codes::TwoBytes) && matches!(fallback, Fallback::Utf16));
    }
}
