//! Text as a sort key: its first 16 bytes held inline as a number, so that
//! sorting 10,000 reports by agency compares numbers in the key itself and
//! reads the text, somewhere else in memory, only when those bytes tie
//! (the lists' sort was bound by those reads, one per comparison).

use std::borrow::Cow;

/// Orders exactly as its text does (bytes, lexicographically): the prefix
/// is big-endian and zero-padded, and ties go to the text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortText<'a> {
    prefix: u128,
    text: Cow<'a, str>,
}

impl<'a> SortText<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>) -> SortText<'a> {
        let text = text.into();
        let mut bytes = [0u8; 16];
        let n = text.len().min(16);
        bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
        SortText {
            prefix: u128::from_be_bytes(bytes),
            text,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::SortText;

    #[test]
    fn orders_as_the_text_does() {
        let words = [
            "",
            "a",
            "a\u{1}",
            "ab",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopa",
            "abcdefghijklmno",
            "舒城县医疗保障局",
            "舒城县医疗保障局办公室",
            "舒城县人民政府",
            "安徽省人民政府办公厅",
            "z",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    SortText::new(a).cmp(&SortText::new(b)),
                    a.cmp(b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }
}
