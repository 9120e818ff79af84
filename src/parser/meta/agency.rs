//! The agency's name: cleaned of crawler and converter residue, made
//! fuller from the text, or read from the text or above the signature.

use super::*;

/// Characters that mark a place name within an agency's name.
pub(super) const PLACE_MARKS: &[char] = &[
    '省', '市', '县', '区', '州', '旗', '盟', '镇', '乡', '村', '国',
];

/// Characters that cannot be part of an agency name before it.
pub(super) const NAME_STOPS: &str =
    "的和与及在对由为是将把向从于了年度月日经按照据依即等同各该本我贵其共全有无";

/// Whether `c`, read backwards before `next` (the name's first character so
/// far), ends an agency's name: a word of NAME_STOPS, except where it begins
/// a place's name (无锡, 于都, 贵阳, 本溪: China's divisions decide).
pub(super) fn stops_name(c: char, next: Option<char>) -> bool {
    NAME_STOPS.contains(c) && !next.is_some_and(|n| crate::parser::region::begins_place_name(c, n))
}

pub(super) fn clean_agency(name: &str) -> String {
    // A breadcrumb (“首页>政务公开>…”) names no agency before its last step.
    let name = name.rsplit(['>', '›', '»']).next().unwrap_or(name);
    let mut n = name
        .trim_matches(|c: char| !is_cjk(c) && !c.is_alphanumeric())
        .to_string();
    for suffix in ["关于", "的", "发布"] {
        if let Some(stripped) = n.strip_suffix(suffix) {
            n = stripped.to_string();
        }
    }
    // A crawler's or converter's field label (“标题:”, “题名：”) is not
    // part of the name.
    if let Some((label, rest)) = n.split_once([':', '：']) {
        if label.chars().count() <= 4 && !rest.is_empty() {
            n = rest.to_string();
        }
    }
    // A leading "附件1" or similar is not part of the name.
    if let Some(rest) = n.strip_prefix("附件") {
        n = rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
            .to_string();
    }
    n
}

/// Where the title names the agency without its place (“医疗保障局”), the
/// text usually names it in full (“示范区医疗保障局”): the most frequent
/// place-bearing name that ends with the title's.
pub(super) fn fuller_name(doc: &Normalized, agency: &str, after: usize) -> Option<String> {
    let text = &doc.text[after.min(doc.text.len())..];
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (pos, _) in text.match_indices(agency) {
        let before: Vec<char> = text[..pos].chars().rev().take(12).collect();
        let mut next = agency.chars().next();
        let prefix: String = before
            .iter()
            .take_while(|&&c| {
                let keep = is_cjk(c) && !stops_name(c, next);
                next = Some(c);
                keep
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if prefix.contains(PLACE_MARKS) {
            match counts.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, n)) => *n += 1,
                None => counts.push((prefix, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
        })
        .map(|(prefix, _)| format!("{prefix}{agency}"))
}

/// Words an agency's name ends with (longest first).
pub(super) const AGENCY_SUFFIXES: [&str; 8] = [
    "人民政府",
    "办事处",
    "委员会",
    "办公室",
    "管委会",
    "中心",
    "局",
    "厅",
];

/// Words that, following an agency's word, make it part of another word
/// (局长, 人民政府信息公开, 人民政府办公室).
pub(super) const NOT_AFTER_AGENCY: [&str; 8] =
    ["长", "信息", "网", "门户", "办公", "工作人员", "部门", "令"];

/// The suffix `name` ends with, if any.
pub(super) fn agency_suffix(name: &str) -> Option<&'static str> {
    AGENCY_SUFFIXES.iter().copied().find(|s| name.ends_with(s))
}

/// The agency the text names most often: a run of CJK characters that
/// bears a place (省 市 县 区 …) and ends with an agency's word (局, 厅,
/// 人民政府, 办事处, …), counted over the first 64 KiB. The longest of the
/// most frequent wins (“某某县人民政府” over “人民政府”).
pub(super) fn agency_in_text(text: &str) -> Option<String> {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for suffix in AGENCY_SUFFIXES {
        for (pos, _) in text.match_indices(suffix) {
            let after = pos + suffix.len();
            // The whole word: not “局长”, “政府信息”.
            if NOT_AFTER_AGENCY
                .iter()
                .any(|w| text[after..].starts_with(w))
            {
                continue;
            }
            let before = &text[..pos];
            let mut next = suffix.chars().next();
            let start = before
                .char_indices()
                .rev()
                .take(16)
                .take_while(|&(_, c)| {
                    // 和 joins the words of many names (住房和城乡建设局);
                    // another agency's 局 or 厅 ends the name.
                    let keep =
                        is_cjk(c) && (c == '和' || !stops_name(c, next)) && c != '局' && c != '厅';
                    next = Some(c);
                    keep
                })
                .last()
                .map_or(pos, |(i, _)| i);
            let prefix = &text[start..pos];
            // The place: a place mark after the name's first character
            // (“国务院办公厅” and “中华人民共和国” bear none).
            if !prefix
                .chars()
                .skip(1)
                .any(|c| PLACE_MARKS.contains(&c) && c != '国')
            {
                continue;
            }
            let name = &text[start..after];
            match counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, k)) => *k += 1,
                None => counts.push((name, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())))
        .map(|(name, _)| name.to_string())
}

/// The agency name on the signature line or the line above the date.
pub(super) fn signature_agency(doc: &Normalized, date_start: usize) -> Option<String> {
    let line = doc.line_of(date_start);
    let (start, text) = doc.line(line);
    let before = text[..date_start - start].trim();
    if !before.is_empty() {
        return Some(before.chars().filter(|c| !c.is_whitespace()).collect());
    }
    (0..line)
        .rev()
        .map(|i| doc.line(i).1.trim())
        .find(|l| !l.is_empty())
        .and_then(|l| {
            let name: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            (name.chars().count() <= 30 && !name.contains(['。', ','])).then_some(name)
        })
}
