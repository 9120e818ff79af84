//! Stage 3: find the six section headings (一、总体情况 … 六、其他需要报告的
//! 事项) and the line range each governs. A heading is a line opening with
//! its numeral and naming its subject, so the table 3 rows that also open
//! with 一、 二、 三、 四、 are never taken for headings. Headings may be
//! spaced out, broken over two lines, listed first as a table of contents,
//! or stand in an unusual order.

use std::ops::Range;

use crate::parser::compact::compact;
use crate::parser::normalize::Normalized;
use crate::template::TableId;

/// The six sections of the template, in their order: 一 … 六.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况 (table 二)
    ActiveDisclosure,
    /// 三、收到和处理政府信息公开申请情况 (table 三)
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况 (table 四)
    ReviewLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl Section {
    /// The section that holds a table.
    pub fn of_table(id: TableId) -> Section {
        match id {
            TableId::ActiveDisclosure => Section::ActiveDisclosure,
            TableId::Applications => Section::Applications,
            TableId::ReviewLitigation => Section::ReviewLitigation,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Words that name each section's subject, in either format.
const SUBJECTS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况", "总体"],
    &["主动公开"],
    &["收到和处理", "依申请公开", "公开申请", "申请情况"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他需要报告", "需要报告", "其他事项", "其他"],
];

/// How each section's heading opens in the template's wording (2019 and
/// earlier layouts): with its numeral's separator lost, only these open a
/// heading.
const UNSEPARATED_OPENINGS: [&[&str]; 6] = [
    &["总体情况", "概述"],
    &["主动公开政府信息"],
    &["收到和处理政府信息公开申请", "依申请公开政府信息"],
    &[
        "政府信息公开行政复议",
        "因政府信息公开工作被申请行政复议",
        "因政府信息公开申请提起行政复议",
    ],
    &["存在的主要问题", "政府信息公开工作存在的主要问题"],
    &["其他需要报告"],
];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sections {
    /// For each section 一…六, the line of its heading, if found.
    pub headings: [Option<usize>; 6],
    /// For each section, the lines after its heading up to the next heading.
    pub bodies: [Option<Range<usize>>; 6],
}

impl Sections {
    /// The lines under a section's heading, if the heading was found.
    pub fn body(&self, section: Section) -> Option<&Range<usize>> {
        self.bodies[section.index()].as_ref()
    }

    /// The lines where the table of `section` should be
    /// looked for: its section's body, or — where its heading was not
    /// found — the lines between the nearest found headings around it.
    pub fn region(&self, section: Section, line_count: usize) -> Range<usize> {
        let section = section.index();
        if let Some(body) = &self.bodies[section] {
            return body.clone();
        }
        let start = (0..section)
            .rev()
            .find_map(|k| self.headings[k])
            .map_or(0, |h| h + 1);
        let end = self.headings[section + 1..]
            .iter()
            .flatten()
            .copied()
            .filter(|&h| h >= start)
            .min()
            .unwrap_or(line_count);
        start..end
    }
}

/// Which section a line opens, if it is a heading; `join` is the next line,
/// tried when the heading is broken over two lines.
pub(crate) fn heading_of(line: &str, next: Option<&str>) -> Option<usize> {
    // Markdown and bold marks around a heading are not part of it.
    let t = line
        .trim_start()
        .trim_start_matches(['#', '*', '>', ' ', '\t']);
    // “第一部分 总体情况” names its section the long way.
    let (t, part) = match t.strip_prefix('第') {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let mut chars = t.chars();
    let first = chars.next()?;
    let k = NUMERALS.iter().position(|&n| n == first)?;
    let rest = chars.as_str();
    let rest = if part {
        let rest = rest.trim_start().strip_prefix("部分")?;
        // “第一部分总体情况”: nothing between number and subject.
        if !rest.starts_with(|c: char| c.is_whitespace() || "、:：.".contains(c)) {
            return names_subject(k, &compact(rest, 24)).then_some(k);
        }
        rest
    } else {
        rest
    };
    let after = rest.trim_start();
    let spaced = after.len() < rest.len();
    let body = match after.chars().next() {
        Some('、' | '.' | ',' | ':' | '，' | '．') => &after[after.chars().next()?.len_utf8()..],
        _ if spaced => after,
        // “四政府信息公开行政复议、行政诉讼情况”: the separator lost (OCR
        // drops 、 and spaces). Taken only when the template's own heading
        // words follow at once, on a line no longer than a heading, so a
        // sentence like “一是加强组织领导” stays text.
        _ => {
            let compact = compact(after, 48);
            let opens = UNSEPARATED_OPENINGS[k]
                .iter()
                .any(|o| compact.starts_with(o));
            // (Each opening names its section's subject: no further check.)
            return (opens && compact.chars().count() <= 30).then_some(k);
        }
    };
    let compact = compact(body, 24);
    if names_subject(k, &compact) {
        return Some(k);
    }
    if compact.chars().count() < 16 {
        let joined: String = compact
            .chars()
            .chain(next?.chars().filter(|c| !c.is_whitespace()))
            .take(24)
            .collect();
        if names_subject(k, &joined) {
            return Some(k);
        }
    }
    None
}

fn names_subject(k: usize, text: &str) -> bool {
    // Table 3's own rows open with 一、二、三、四、 too; they name no subject.
    SUBJECTS[k].iter().any(|s| text.contains(s))
        && !text.starts_with("本年新收")
        && !text.starts_with("上年结转")
        && !text.starts_with("本年度办理结果")
        && !text.starts_with("结转下年度")
}

pub fn find_sections(doc: &Normalized) -> Sections {
    let n = doc.line_count();
    // (line, section) of every heading-like line.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let next_nonempty = |i: usize| {
        (i + 1..n.min(i + 4))
            .map(|j| doc.line(j).1)
            .find(|l| !l.trim().is_empty())
    };
    for i in 0..n {
        let (_, line) = doc.line(i);
        if line.len() > 400 {
            continue;
        }
        // Only a line opening with a numeral (or 第, #, *) can be a heading.
        // (Most lines open with a CJK character or ASCII, neither of them
        // white space: then there is nothing to trim.)
        let lead = match line.as_bytes().first() {
            Some(b'!'..=b'~' | 0xE4..=0xE9) => line.chars().next(),
            _ => line.trim_start().chars().next(),
        };
        if !lead.is_some_and(|c| NUMERALS.contains(&c) || matches!(c, '第' | '#' | '*' | '>')) {
            continue;
        }
        if let Some(k) = heading_of(line, next_nonempty(i)) {
            candidates.push((i, k));
        }
    }
    // A heading directly followed by another section's heading is an entry
    // of a table of contents; prefer the heading that has a body.
    let is_toc = |idx: usize| -> bool {
        let (line, k) = candidates[idx];
        candidates.get(idx + 1).is_some_and(|&(next_line, next_k)| {
            next_k != k && (line + 1..next_line).all(|j| doc.line(j).1.trim().chars().count() <= 2)
        })
    };
    let mut headings = [None; 6];
    for (k, heading) in headings.iter_mut().enumerate() {
        let mine: Vec<usize> = (0..candidates.len())
            .filter(|&c| candidates[c].1 == k)
            .collect();
        let chosen = mine.iter().find(|&&c| !is_toc(c)).or(mine.last());
        *heading = chosen.map(|&c| candidates[c].0);
    }
    let mut found: Vec<(usize, usize)> = headings
        .iter()
        .enumerate()
        .filter_map(|(k, h)| h.map(|h| (h, k)))
        .collect();
    found.sort_unstable();
    let mut bodies: [Option<Range<usize>>; 6] = Default::default();
    for (idx, &(line, k)) in found.iter().enumerate() {
        let end = found.get(idx + 1).map_or(n, |&(next, _)| next);
        bodies[k] = Some(line + 1..end.max(line + 1));
    }
    Sections { headings, bodies }
}

/// The text of lines `range` as the source has it (not normalised),
/// trimmed, blank lines dropped.
pub fn body_text(doc: &Normalized, decoded: &str, range: &Range<usize>) -> String {
    // About as long as the lines' text: grown once, not line by line.
    let size = match (range.start < range.end).then_some(()) {
        Some(()) if range.end <= doc.line_count() => {
            let (a, _) = doc.line(range.start);
            let (b, last) = doc.line(range.end - 1);
            b + last.len() - a
        }
        _ => 0,
    };
    let mut out = String::with_capacity(size);
    // Lines in order: the cursor walks on instead of searching each time.
    let mut at = doc.cursor();
    for i in range.clone() {
        let (start, line) = doc.line(i);
        let a = char_floor(decoded, at.to_decoded(start));
        let b = char_floor(decoded, at.to_decoded(start + line.len())).max(a);
        let line = decoded[a..b].trim();
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}

/// `pos` moved back to the nearest character boundary of `text` (at most
/// its length): offsets mapped back from the normalised text must slice the
/// source whatever it holds.
pub(crate) fn char_floor(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_not_rows() {
        assert_eq!(heading_of("一、总体情况", None), Some(0));
        assert_eq!(heading_of("一 、 总 体 情 况", None), Some(0));
        assert_eq!(heading_of("## 二、主动公开政府信息情况", None), Some(1));
        assert_eq!(
            heading_of("第三部分 收到和处理政府信息公开申请情况", None),
            Some(2)
        );
        assert_eq!(
            heading_of("第四部分政府信息公开行政复议、行政诉讼情况", None),
            Some(3)
        );
        assert_eq!(heading_of("第二十条第（一）项", None), None);
        assert_eq!(
            heading_of("**三、收到和处理政府信息公开申请情况**", None),
            Some(2)
        );
        assert_eq!(
            heading_of("四、政府信息公开行", Some("政复议、行政诉讼情况")),
            Some(3)
        );
        assert_eq!(
            heading_of("一、本年新收政府信息公开申请数量 1 0 0", None),
            None
        );
        assert_eq!(heading_of("四、结转下年度继续办理 0 0 0", None), None);
        assert_eq!(heading_of("三、本年度办理结果", None), None);
        assert_eq!(heading_of("一是加强组织领导", None), None);
        // The separator lost, as OCR reads a heading: the template's words
        // alone open it.
        assert_eq!(
            heading_of("四政府信息公开行政复议、行政诉讼情况", None),
            Some(3)
        );
        assert_eq!(heading_of("二主动公开政府信息情况", None), Some(1));
        assert_eq!(heading_of("五存在的主要问题及改进情况", None), Some(4));
        assert_eq!(
            heading_of("三收到和处理政府信息公开申请情况", None),
            Some(2)
        );
        assert_eq!(heading_of("二是主动公开政府信息", None), None);
        assert_eq!(heading_of("四结转下年度继续办理 0 0 0", None), None);
        assert_eq!(
            heading_of(
                "一总体情况良好，本机关认真贯彻落实条例，全年主动公开政府信息一千余条，依申请公开办理及时",
                None
            ),
            None
        );
        assert_eq!(
            heading_of(
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                None
            ),
            Some(3)
        );
    }

    #[test]
    fn table_of_contents_is_skipped() {
        let text = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n\
                    正文\n一、总体情况\n概述。\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n表\n\
                    四、政府信息公开行政复议、行政诉讼情况\n表\n五、存在的主要问题及改进情况\n问题\n六、其他需要报告的事项\n无";
        let doc = Normalized::new(text);
        let s = find_sections(&doc);
        assert_eq!(
            s.headings,
            [Some(8), Some(10), Some(12), Some(14), Some(16), Some(18)]
        );
    }
}
