//! Text with its white space removed, as headings and titles are compared
//! (extractions space characters out: “一 、 总 体 情 况”). Borrowed when
//! there is none to remove, the common case, so that a comparison costs no
//! allocation.

use std::borrow::Cow;

/// `s` without white space, at most `max_chars` characters of it.
pub fn compact(s: &str, max_chars: usize) -> Cow<'_, str> {
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n == max_chars {
            return Cow::Borrowed(&s[..i]);
        }
        if c.is_whitespace() {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..i]);
            out.extend(
                s[i..]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(max_chars - n),
            );
            return Cow::Owned(out);
        }
    }
    Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_white_space_and_stops_at_the_limit() {
        assert!(matches!(compact("总体情况", 24), Cow::Borrowed("总体情况")));
        assert_eq!(compact("一 、 总\u{3000}体 情 况", 24), "一、总体情况");
        assert_eq!(compact("一、总体情况", 3), "一、总");
        assert_eq!(compact("一 、 总体情况", 3), "一、总");
        assert_eq!(compact(" \t", 5), "");
        assert_eq!(compact("", 5), "");
    }
}
