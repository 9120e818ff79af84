//! Counts that the narrative states (“全年共收到政府信息公开申请 1 件”,
//! “办理信息公开行政复议1件”), compared with the tables by advisory rules.

use crate::model::{Narrative, Stated};
use crate::parser::normalize::Normalized;

/// Looks for stated counts in normalised byte range `range` (the text of
/// section 一, or the whole text when there is none).
pub fn extract(doc: &Normalized, range: std::ops::Range<usize>) -> Narrative {
    let text = &doc.text[range.clone()];
    let base = range.start;
    let stated = |found: Option<(f64, usize, usize)>| {
        found.map(|(value, s, e)| Stated {
            value,
            source: doc.span(base + s, base + e),
        })
    };
    Narrative {
        applications_received: stated(count_after(
            text,
            &["公开申请", "依申请公开"],
            &["收到", "受理", "共"],
            14,
        )),
        review_cases: stated(count_after(text, &["行政复议"], &[], 0)),
        litigation_cases: stated(count_after(text, &["行政诉讼"], &[], 0)),
    }
}

/// The first `subject` followed within a few characters by a number and a
/// measure word (件, 次, 起, 宗, 个, 条); where `cues` are given, one of them
/// must stand within `reach` characters before the subject.
fn count_after(
    text: &str,
    subjects: &[&str],
    cues: &[&str],
    reach: usize,
) -> Option<(f64, usize, usize)> {
    for subject in subjects {
        // memmem's SIMD search: this scans the whole of section 一 per subject.
        for pos in memchr::memmem::find_iter(text.as_bytes(), subject.as_bytes()) {
            if !cues.is_empty() {
                // The `reach` characters before the subject.
                let from = text[..pos]
                    .char_indices()
                    .rev()
                    .take(reach)
                    .last()
                    .map_or(pos, |(i, _)| i);
                let before = &text[from..pos];
                if !cues.iter().any(|c| before.contains(c)) {
                    continue;
                }
            }
            let after = &text[pos + subject.len()..];
            if let Some((v, s, e)) = number_with_measure(after, 6) {
                let off = pos + subject.len();
                return Some((v, off + s, off + e));
            }
        }
    }
    None
}

/// A number within `reach` characters at the start of `s`, followed by a
/// measure word.
fn number_with_measure(s: &str, reach: usize) -> Option<(f64, usize, usize)> {
    let mut chars = s.char_indices().peekable();
    let mut seen = 0;
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let rest = s[end..].trim_start();
            if rest.starts_with(['件', '次', '起', '宗', '个', '条']) {
                return s[i..end].parse().ok().map(|v| (v, i, end));
            }
            return None;
        }
        if matches!(c, '。' | ';' | '\n') {
            return None;
        }
        seen += 1;
        if seen > reach {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_counts() {
        let doc = Normalized::new(
            "全年共收到政府信息公开申请 1 件，办理信息公开行政复议1件，本年度未收到行政诉讼。",
        );
        let n = extract(&doc, 0..doc.text.len());
        assert_eq!(n.applications_received.map(|s| s.value), Some(1.0));
        assert_eq!(n.review_cases.map(|s| s.value), Some(1.0));
        assert_eq!(n.litigation_cases, None);
    }
}
