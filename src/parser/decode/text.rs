//! Plain text files: bytes → text. Tells the encoding (BOM, UTF-16 without BOM,
//! UTF-8, else GB18030/GBK and others by detection) and refuses what is not
//! text at all, saying what it looks like instead.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::parser::decode::{Decoded, SourceFormat, check_size};
use crate::parser::error::ParseError;

/// Decodes a whole file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ParseError> {
    check_size(bytes.len() as u64)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(kind) = binary_format(bytes) {
        return Err(kind);
    }
    // UTF-16 text always has NUL bytes (every line break has one); most
    // files have none, and `contains` finds that out fast.
    let has_nul = bytes.contains(&0);
    if has_nul {
        if let Some(enc) = utf16_without_bom(bytes) {
            return finish(enc, bytes);
        }
    }
    if has_nul {
        return Err(ParseError::Binary);
    }
    // Most reports are UTF-8; a SIMD validator tells that at a fraction of
    // the cost of the standard one.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return checked(text.to_owned(), "utf-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    finish(enc, bytes)
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, ParseError> {
    // GBK files are decoded as GB18030, its superset, so that no character of
    // a GB18030 file is lost.
    let enc = if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let name = match enc {
        e if e == UTF_8 => "utf-8",
        e if e == UTF_16LE => "utf-16le",
        e if e == UTF_16BE => "utf-16be",
        e if e == GB18030 => "gb18030",
        e => e.name(),
    };
    let text = text.into_owned();
    if had_errors && replacement_ratio(&text) > 0.02 {
        return Err(if enc == UTF_8 {
            ParseError::Binary
        } else {
            ParseError::UnknownEncoding
        });
    }
    checked(text, name)
}

/// Refuses decoded text that is mostly control characters: a binary file that
/// happened to decode.
fn checked(text: String, encoding: &'static str) -> Result<Decoded, ParseError> {
    // Counted over the first 64 KiB, byte-wise: control characters are
    // ASCII (C1 controls are rare enough to leave out), and a replacement
    // character is EF BF BD. Characters are counted by their lead bytes.
    let sample = &text.as_bytes()[..text.len().min(64 * 1024)];
    let control = count_where(sample, |b| {
        let tab_or_break = (b'\t'..=b'\r').contains(&b) & (b != 0x0B);
        ((b < 0x20) & !tab_or_break) | (b == 0x7F)
    });
    let replacements = replacement_count(sample);
    let control = control + replacements;
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    // Characters are counted only when there is something to weigh against
    // them (most texts have no control character at all): every byte that
    // is not a UTF-8 continuation byte starts one.
    if control > 0 && control * 20 > count_where(sample, |b| b & 0xC0 != 0x80) {
        return Err(ParseError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        format: SourceFormat::Txt,
        places: Vec::new(),
        ocr: Default::default(),
    })
}

/// How many replacement characters (EF BF BD) `bytes` holds (a SIMD
/// substring search: most texts have none).
fn replacement_count(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
}

/// How many bytes satisfy `pred`: counted 255 at a time in byte lanes,
/// which the compiler vectorises (a branch-free `pred`, with `&` and `|`
/// rather than `&&` and `||`, keeps it so).
fn count_where(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(pred(b))) as usize)
        .sum()
}

fn replacement_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut bad = 0usize;
    for ch in text.chars() {
        total += 1;
        bad += usize::from(ch == '\u{fffd}');
    }
    bad as f64 / total.max(1) as f64
}

/// Formats recognised by their first bytes that are not plain text.
fn binary_format(bytes: &[u8]) -> Option<ParseError> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "DOCX/ZIP"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "DOC/WPS"),
        (b"{\\rtf", "RTF"),
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"\x7FELF", "ELF"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, name)| ParseError::UnsupportedFormat(name))
}

/// UTF-16 text without a byte-order mark shows as NUL bytes in every other
/// position (the high byte of ASCII digits, spaces and line breaks). Chinese
/// text with full-width digits and few spaces has few of them, and some CJK
/// characters have a NUL low byte (一 is U+4E00), so each byte order with
/// NULs enough is decoded and the one that gives the characters text is made
/// of wins.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = sample.len() / 2;
    [(UTF_16LE, odd), (UTF_16BE, even)]
        .into_iter()
        .filter(|&(_, nuls)| nuls * 200 >= pairs)
        .filter_map(|(enc, _)| {
            let (text, had_errors) = enc.decode_without_bom_handling(sample);
            if had_errors {
                return None;
            }
            let (mut common, mut all) = (0usize, 0usize);
            for c in text.chars() {
                all += 1;
                common += usize::from(matches!(c as u32,
                    0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x2000..=0x206F | 0x3000..=0x303F
                        | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF));
            }
            (common * 20 >= all * 19).then_some((enc, common * 1000 / all.max(1)))
        })
        .max_by_key(|&(_, share)| share)
        .map(|(enc, _)| enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "舒城县医疗保障局\n2023 年政府信息公开工作年度报告\n规章 0 0 0\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap().encoding, "utf-8");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(TEXT.as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        for (enc, name) in [(UTF_16LE, "utf-16le"), (UTF_16BE, "utf-16be")] {
            let units: Vec<u16> = TEXT.encode_utf16().collect();
            let mut raw = Vec::new();
            for u in units {
                if enc == UTF_16LE {
                    raw.extend_from_slice(&u.to_le_bytes());
                } else {
                    raw.extend_from_slice(&u.to_be_bytes());
                }
            }
            let d = decode(&raw).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (TEXT, name));
            let mut with_bom = if enc == UTF_16LE {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            with_bom.extend_from_slice(&raw);
            assert_eq!(decode(&with_bom).unwrap().text, TEXT);
        }
    }

    #[test]
    fn utf16_without_bom_with_few_ascii_characters() {
        // Full-width digits, no spaces: NUL bytes only in the line breaks.
        let text = "某某县人民政府\n二〇二〇年政府信息公开工作年度报告\n".to_string()
            + &"一、行政许可：３５，处理决定数量１２０８，本年增减－３\n".repeat(40);
        for le in [true, false] {
            let raw: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            let d = decode(&raw).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, if le { "utf-16le" } else { "utf-16be" });
        }
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode(TEXT);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(matches!(decode(b""), Err(ParseError::Empty)));
        assert!(matches!(decode(b" \n\t "), Err(ParseError::Empty)));
        assert!(matches!(
            decode(b"%PDF-1.7 ..."),
            Err(ParseError::UnsupportedFormat("PDF"))
        ));
        assert!(matches!(
            decode(b"PK\x03\x04...."),
            Err(ParseError::UnsupportedFormat(_))
        ));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode(&noise).is_err());
    }

    #[test]
    fn damage_is_counted_wherever_it_stands() {
        // Text with one in 15 characters a replacement character is refused;
        // the count must not depend on where the 255-byte steps fall.
        for shift in 0..4 {
            let mut text = "x".repeat(shift);
            for _ in 0..200 {
                text.push_str("政府信息公开年度报告全文如下\u{fffd}");
            }
            assert!(matches!(
                checked(text.clone(), "utf-8"),
                Err(ParseError::Binary)
            ));
            let clean = text.replace('\u{fffd}', "。");
            assert!(checked(clean, "utf-8").is_ok());
        }
        for shift in 0..300 {
            let text = format!("{}{}", "x".repeat(shift), "\u{fffd}报".repeat(200));
            let naive = text
                .as_bytes()
                .windows(3)
                .filter(|w| *w == [0xEF, 0xBF, 0xBD])
                .count();
            assert_eq!(replacement_count(text.as_bytes()), naive);
            assert_eq!(naive, 200);
        }
        let controls: String = "报告\u{1}".repeat(100);
        assert!(matches!(
            checked(controls, "utf-8"),
            Err(ParseError::Binary)
        ));
        let breaks: String = "报告\t\r\n\u{c}".repeat(100);
        assert!(checked(breaks, "utf-8").is_ok());
    }
}
