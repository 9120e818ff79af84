//! CMaps: how a font's shown bytes split into character codes (codespace
//! ranges), what CID a code selects (`cidchar`/`cidrange`), and what text it
//! stands for (a ToUnicode CMap's `bfchar`/`bfrange`). Parsed once per font
//! and document; ranges are kept as ranges, so a hostile `<00000000>
//! <FFFFFFFF>` costs nothing.

use std::collections::HashMap;

use super::content::{Lexer, Operand};

/// Codes of `len` bytes from `lo` to `hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CodeRange {
    pub len: u8,
    pub lo: u32,
    pub hi: u32,
}

/// Splits shown bytes into codes by codespace ranges (PDF 1.7 §9.7.6.2).
pub fn next_code(ranges: &[CodeRange], bytes: &[u8], at: &mut usize) -> Option<(u32, u8)> {
    let rest = bytes.get(*at..).filter(|r| !r.is_empty())?;
    let mut code = 0u32;
    for len in 1..=4u8 {
        let Some(&b) = rest.get(usize::from(len) - 1) else {
            break;
        };
        code = code << 8 | u32::from(b);
        if ranges
            .iter()
            .any(|r| r.len == len && code >= r.lo && code <= r.hi)
        {
            *at += usize::from(len);
            return Some((code, len));
        }
    }
    // No range matches: take as many bytes as the shortest range has.
    let len = ranges.iter().map(|r| r.len).min().unwrap_or(1).max(1);
    let len = usize::from(len).min(rest.len());
    let code = rest[..len].iter().fold(0u32, |c, &b| c << 8 | u32::from(b));
    *at += len;
    Some((code, len as u8))
}

#[derive(Clone, Debug, Default)]
pub struct CMap {
    pub codespace: Vec<CodeRange>,
    /// `bfchar`: code → text.
    chars: HashMap<u32, String>,
    /// `bfrange` with a string target: `(lo, hi, first target as UTF-16)`,
    /// sorted by `lo`.
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// `cidchar` and `cidrange`: `(lo, hi, first CID)`, sorted by `lo`.
    cids: Vec<(u32, u32, u32)>,
    /// The CMap this one extends (`/Name usecmap`).
    pub base: Option<Vec<u8>>,
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |c, &b| c << 8 | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

fn text_of(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .filter_map(Result::ok)
        .collect()
}

/// A `bfchar` or `bfrange` target: a UTF-16BE string, or a glyph name.
fn target_text(o: &Operand) -> Option<String> {
    match o {
        Operand::Str(s) => Some(text_of(&utf16_units(s))),
        Operand::Name(n) => super::font::glyph_name_text(n),
        _ => None,
    }
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Some(lo), Some(hi)) = (pair[0].bytes(), pair[1].bytes())
                            && (1..=4).contains(&lo.len())
                        {
                            cmap.codespace.push(CodeRange {
                                len: lo.len() as u8,
                                lo: code_of(lo),
                                hi: code_of(hi),
                            });
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Some(src), Some(text)) = (pair[0].bytes(), target_text(&pair[1])) {
                            cmap.chars.insert(code_of(src), text);
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in ops.chunks_exact(3) {
                        let (Some(lo), Some(hi)) = (triple[0].bytes(), triple[1].bytes()) else {
                            continue;
                        };
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        if hi < lo {
                            continue;
                        }
                        match &triple[2] {
                            Operand::Str(s) => cmap.ranges.push((lo, hi, utf16_units(s))),
                            Operand::Array(items) => {
                                for (code, item) in (lo..=hi).zip(items) {
                                    if let Some(text) = target_text(item) {
                                        cmap.chars.insert(code, text);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Some(src), Some(cid)) = (pair[0].bytes(), pair[1].num()) {
                            let code = code_of(src);
                            cmap.cids.push((code, code, cid.max(0.0) as u32));
                        }
                    }
                }
                b"endcidrange" => {
                    for triple in ops.chunks_exact(3) {
                        if let (Some(lo), Some(hi), Some(cid)) =
                            (triple[0].bytes(), triple[1].bytes(), triple[2].num())
                        {
                            cmap.cids
                                .push((code_of(lo), code_of(hi), cid.max(0.0) as u32));
                        }
                    }
                }
                b"usecmap" => {
                    if let Some(name) = ops.first().and_then(Operand::name) {
                        cmap.base = Some(name.to_vec());
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| r.0);
        cmap.cids.sort_by_key(|r| r.0);
        cmap
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The text `code` stands for.
    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&code) {
            return Some(t.clone());
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        let (lo, hi, first) = self.ranges.get(i.checked_sub(1)?)?;
        if code > *hi {
            return None;
        }
        // The last unit counts up through the range.
        let mut units = first.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add((code - lo) as u16);
        Some(text_of(&units))
    }

    /// The CID `code` selects, if this CMap maps CIDs.
    pub fn cid(&self, code: u32) -> Option<u32> {
        let i = self.cids.partition_point(|r| r.0 <= code);
        let &(lo, hi, first) = self.cids.get(i.checked_sub(1)?)?;
        (code <= hi).then(|| first.saturating_add(code - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <4E2D56FD> endbfchar
2 beginbfrange <0013> <001C> <0030> <0020> <0021> [<516C> <5F00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn to_unicode_chars_and_ranges() {
        let c = CMap::parse(TO_UNICODE);
        assert_eq!(
            c.codespace,
            vec![CodeRange {
                len: 2,
                lo: 0,
                hi: 0xFFFF
            }]
        );
        assert_eq!(c.text(0x11).as_deref(), Some("中国"));
        assert_eq!(c.text(0x13).as_deref(), Some("0"));
        assert_eq!(c.text(0x1C).as_deref(), Some("9"));
        assert_eq!(c.text(0x21).as_deref(), Some("开"));
        assert_eq!(c.text(0x1D), None);
    }

    #[test]
    fn codes_split_by_codespace() {
        let ranges = [
            CodeRange {
                len: 1,
                lo: 0,
                hi: 0x80,
            },
            CodeRange {
                len: 2,
                lo: 0x8140,
                hi: 0xFEFE,
            },
        ];
        let bytes = [0x31, 0xD6, 0xD0, 0x32];
        let mut at = 0;
        let mut codes = Vec::new();
        while let Some(c) = next_code(&ranges, &bytes, &mut at) {
            codes.push(c);
        }
        assert_eq!(codes, vec![(0x31, 1), (0xD6D0, 2), (0x32, 1)]);
    }

    #[test]
    fn cid_ranges() {
        let c = CMap::parse(b"1 begincidrange <8140> <817E> 100 endcidrange 1 begincidchar <20> 1 endcidchar /GBK-EUC-H usecmap");
        assert_eq!(c.cid(0x8141), Some(101));
        assert_eq!(c.cid(0x20), Some(1));
        assert_eq!(c.cid(0x21), None);
        assert_eq!(c.base.as_deref(), Some(&b"GBK-EUC-H"[..]));
    }
}
