//! Stage 7: the report's metadata — agency, year, publication date — from the
//! title, the text and the signature block.

use crate::model::{Meta, MetaSources};
use crate::parser::compact::compact;
use crate::parser::normalize::Normalized;
use crate::parser::sections::Sections;
use crate::parser::table::tokens::is_cjk;

/// Characters that mark a place name within an agency's name.
const PLACE_MARKS: &[char] = &[
    '省', '市', '县', '区', '州', '旗', '盟', '镇', '乡', '村', '国',
];
/// Characters that cannot be part of an agency name before it.
const NAME_STOPS: &str =
    "的和与及在对由为是将把向从于了年度月日经按照据依即等同各该本我贵其共全有无";

/// Whether `c`, read backwards before `next` (the name's first character so
/// far), ends an agency's name: a word of NAME_STOPS, except where it begins
/// a place (无锡, 无为, 无棣, 无极).
fn stops_name(c: char, next: Option<char>) -> bool {
    NAME_STOPS.contains(c) && !(c == '无' && next.is_some_and(|n| "锡为棣极".contains(n)))
}

pub fn extract(doc: &Normalized, sections: &Sections) -> (Meta, MetaSources) {
    let mut meta = Meta::default();
    let mut sources = MetaSources::default();
    let first_heading = sections
        .headings
        .iter()
        .flatten()
        .min()
        .copied()
        .unwrap_or(doc.line_count());
    if let Some(title) = find_title(doc, first_heading.min(30)) {
        meta.agency = title.agency.clone();
        sources.agency = title.agency_at.map(|(s, e)| doc.span(s, e));
        meta.year = title.year;
        sources.year = title.year_at.map(|(s, e)| doc.span(s, e));
        if let Some(agency) = &meta.agency {
            if !agency.contains(PLACE_MARKS) {
                if let Some(fuller) = fuller_name(doc, agency, title.end) {
                    meta.agency = Some(fuller);
                }
            }
        }
    }
    if let Some((date, s, e)) = signature_date(doc) {
        meta.published = Some(date);
        sources.published = Some(doc.span(s, e));
        if meta.agency.is_none() {
            meta.agency = signature_agency(doc, s);
        }
    }
    if meta.agency.is_none() {
        // A signature dated by month alone (“2024年1月”), else the name the
        // text itself uses most.
        meta.agency = month_signature(doc)
            .and_then(|s| signature_agency(doc, s))
            .filter(|name| agency_suffix(name).is_some())
            .or_else(|| agency_in_text(&doc.text));
    }
    if meta.year.is_none() {
        meta.year = statistics_year(&doc.text).or_else(|| {
            meta.published
                .as_deref()
                .and_then(|p| p[..4].parse::<i32>().ok())
                .map(|y| y - 1)
        });
    }
    (meta, sources)
}

struct Title {
    agency: Option<String>,
    agency_at: Option<(usize, usize)>,
    year: Option<i32>,
    year_at: Option<(usize, usize)>,
    /// Normalised offset where the title ends.
    end: usize,
}

/// The title: the first line that names the annual report, joined with the
/// line before it when the agency or the year stands there.
fn find_title(doc: &Normalized, within: usize) -> Option<Title> {
    // The title is the best of the lines naming the annual report: a web
    // page's breadcrumb (“首页 > 信息公开 > 年度报告”) names it too.
    let limit = within.max(1).min(doc.line_count());
    // A title broken over two lines (“…工作年” / “度报告”) is scored with
    // the start of the next line.
    let score = |line: &str, next: &str| -> i32 {
        // (Characters every title has, looked for before any copying.)
        if !line.contains('息') {
            return i32::MIN;
        }
        let compact = if line.contains('报') {
            compact(line, usize::MAX)
        } else if next.contains('报') && next.chars().count() <= 12 {
            std::borrow::Cow::Owned(compact(&format!("{line}{next}"), usize::MAX).into_owned())
        } else {
            return i32::MIN;
        };
        // “…政府信息公开工作报告” (no 年度) titles some reports too.
        if !(compact.contains("信息公开")
            && (compact.contains("年度报")
                || compact.contains("年报")
                || compact.contains("工作报告")))
        {
            return i32::MIN;
        }
        let mut s = 0;
        s += 2 * i32::from(compact.contains("政府信息公开"));
        s += i32::from(compact.contains("工作年度报"));
        s += i32::from(find_year_before(&compact, compact.len()).is_some());
        s -= 10
            * i32::from(
                compact.contains(['>', '›', '»'])
                    || compact.contains("首页")
                    || compact.contains("当前位置"),
            );
        s -= 5 * i32::from(compact.chars().count() > 60);
        s
    };
    let (best, _) = (0..limit)
        .map(|i| {
            // (The next line with text: converters put blank lines between.)
            let next = (i + 1..(i + 3).min(doc.line_count()))
                .map(|j| doc.line(j).1)
                .find(|l| !l.trim().is_empty());
            (i, score(doc.line(i).1, next.unwrap_or("")))
        })
        .filter(|&(_, s)| s > i32::MIN)
        .fold((None, i32::MIN), |(bi, bs), (i, s)| {
            if s > bs { (Some(i), s) } else { (bi, bs) }
        });
    let i = best?;
    let prev = (0..i).rev().find(|&p| !doc.line(p).1.trim().is_empty());
    {
        let (start, line) = doc.line(i);
        let end = start + line.len();
        // Candidate text: the previous line (if short) then this one. A
        // line of page metadata (“发布机构：… 发布日期：2023-02-07”) names
        // no title; nor does a line ending in a number, which would run
        // into the title's year.
        let mut pieces: Vec<(usize, &str)> = Vec::new();
        if let Some(p) = prev {
            let (ps, pl) = doc.line(p);
            let pt = pl.trim();
            if pt.chars().count() <= 40
                && !pt.contains(['。', '：', ':'])
                && !pt.ends_with(|c: char| c.is_ascii_digit())
            {
                pieces.push((ps, pl));
            }
        }
        pieces.push((start, line));
        // Characters with their offsets, white space removed.
        let chars: Vec<(usize, char)> = pieces
            .iter()
            .flat_map(|&(base, text)| text.char_indices().map(move |(o, c)| (base + o, c)))
            .filter(|(_, c)| !c.is_whitespace())
            .collect();
        let s: String = chars.iter().map(|&(_, c)| c).collect();
        let own_start = chars.iter().position(|&(o, _)| o >= start).unwrap_or(0);
        let subject = s.find("政府信息公开").or_else(|| s.find("信息公开"))?;
        let subject_ci = s[..subject].chars().count();
        // The year: four digits and 年 before the subject, or — in titles
        // like “政府信息公开工作年度报告（2023年）” — after it.
        let (year, year_ci) = find_year_before(&s, subject)
            .or_else(|| find_year_before(&s, s.len()).filter(|&(_, ci)| ci > subject_ci))
            .map_or((None, None), |(y, ci)| (Some(y), Some(ci)));
        let name_end_ci = year_ci.filter(|&ci| ci < subject_ci).unwrap_or(subject_ci);
        // The agency is the text before the year; on this line if it has any,
        // else on the line before.
        let from = if name_end_ci > own_start {
            own_start
        } else {
            0
        };
        let (mut from, mut to) = (from, name_end_ci);
        let mut name: String = chars[from..to].iter().map(|&(_, c)| c).collect();
        name = clean_agency(&name);
        // A name from the line before (2 characters: a converter's “正文”)
        // gives way to a name after this line's year.
        let from_before = from < own_start;
        // “2023年XX局政府信息公开工作年度报告”: the agency follows the year.
        if name.is_empty() || from_before {
            if let Some(ci) = year_ci.filter(|&ci| ci < subject_ci) {
                let mut after = ci + 5;
                if chars.get(after).is_some_and(|&(_, c)| c == '度') {
                    after += 1;
                }
                if after < subject_ci {
                    let after_year = clean_agency(
                        &chars[after..subject_ci]
                            .iter()
                            .map(|&(_, c)| c)
                            .collect::<String>(),
                    );
                    if !after_year.is_empty() {
                        (from, to, name) = (after, subject_ci, after_year);
                    }
                }
            }
        }
        if from < own_start && name.chars().count() < 3 {
            name.clear();
        }
        let agency_at = (!name.is_empty())
            .then(|| (chars[from].0, chars[to - 1].0 + chars[to - 1].1.len_utf8()));
        let year_at = year_ci.map(|ci| (chars[ci].0, chars[ci + 3].0 + chars[ci + 3].1.len_utf8()));
        Some(Title {
            agency: (!name.is_empty()).then_some(name),
            agency_at,
            year,
            year_at,
            end,
        })
    }
}

/// `2023年` (or `2023 年度`, `二〇二三年度`) ending before byte `before` of
/// `s`: the year and the char index where it starts.
fn find_year_before(s: &str, before: usize) -> Option<(i32, usize)> {
    let head = &s[..before];
    let chars: Vec<char> = head.chars().collect();
    // A year's digits are all Arabic or all Chinese (二〇二三, never 二0二三).
    let digit = |c: char, chinese: bool| -> Option<i32> {
        if chinese {
            chinese_digit(c).map(|d| d as i32)
        } else {
            c.to_digit(10)
                .filter(|_| c.is_ascii_digit())
                .map(|d| d as i32)
        }
    };
    for i in (0..chars.len().saturating_sub(4)).rev() {
        if chars.get(i + 4) != Some(&'年') {
            continue;
        }
        for chinese in [false, true] {
            let is_digit = |c: char| digit(c, chinese).is_some();
            if chars[i..i + 4].iter().all(|&c| is_digit(c)) && (i == 0 || !is_digit(chars[i - 1])) {
                let y = chars[i..i + 4]
                    .iter()
                    .fold(0, |y, &c| y * 10 + digit(c, chinese).unwrap_or(0));
                if crate::model::is_report_year(y) {
                    return Some((y, i));
                }
            }
        }
    }
    None
}

fn clean_agency(name: &str) -> String {
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
fn fuller_name(doc: &Normalized, agency: &str, after: usize) -> Option<String> {
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

/// Where a saved web page's site footer starts (主办单位, 网站标识码, ICP
/// 备案, 版权所有 … within the last 40 lines with text), with the link list
/// just before it (short lines without digits): the report ends before.
/// Used only where no signature stands at the very end.
fn site_footer(doc: &Normalized) -> Option<usize> {
    const MARKS: [&str; 12] = [
        "主办单位",
        "承办单位",
        "主办:",
        "维护单位",
        "网站标识码",
        "ICP备",
        "公网安备",
        "版权所有",
        "Copyright",
        "技术支持",
        "网站地图",
        "访问量",
    ];
    let tail: Vec<usize> = (0..doc.line_count())
        .rev()
        .filter(|&i| !doc.line(i).1.trim().is_empty())
        .take(40)
        .collect();
    let first_mark = tail
        .iter()
        .copied()
        .filter(|&i| {
            let l = doc.line(i).1;
            MARKS.iter().any(|m| l.contains(m))
        })
        .min()?;
    // Back over the link list before the footer (short lines, no digits).
    let mut end = first_mark;
    for &i in tail.iter().filter(|&&i| i < first_mark) {
        let l = doc.line(i).1.trim();
        if l.chars().count() > 20 || l.chars().any(|c| c.is_ascii_digit() || c == '年') {
            break;
        }
        end = i;
    }
    Some(end)
}

/// The lines a signature may stand on, last first: the last six with text,
/// those of at most 60 characters (start offset and line).
fn signature_lines_before(doc: &Normalized, end: usize) -> impl Iterator<Item = (usize, &str)> {
    (0..end)
        .rev()
        .map(|i| doc.line(i))
        .filter(|(_, line)| !line.trim().is_empty())
        .take(6)
        .filter(|(_, line)| line.trim().chars().count() <= 60)
}

/// The date the report is signed: a line near the end that is a date, or an
/// agency name followed by a date.
fn signature_date(doc: &Normalized) -> Option<(String, usize, usize)> {
    let end = doc.line_count();
    signature_date_before(doc, end).or_else(|| signature_date_before(doc, site_footer(doc)?))
}

/// [`signature_date`] on the lines before line `end`.
fn signature_date_before(doc: &Normalized, end: usize) -> Option<(String, usize, usize)> {
    for (start, line) in signature_lines_before(doc, end) {
        if let Some((date, s, e)) = date_at_end(line) {
            let before = line[..s].trim();
            if before.is_empty()
                || (before.chars().count() <= 40 && !before.contains(['。', ',', '，', ':']))
            {
                return Some((date, start + s, start + e));
            }
        }
    }
    None
}

/// Where a line among the last few ends in a date without its day
/// (`2024年1月`, `二〇二四年一月`), the normalised offset where that date
/// starts.
fn month_signature(doc: &Normalized) -> Option<usize> {
    let end = doc.line_count();
    month_signature_before(doc, end).or_else(|| month_signature_before(doc, site_footer(doc)?))
}

/// [`month_signature`] on the lines before line `end`.
fn month_signature_before(doc: &Normalized, end: usize) -> Option<usize> {
    for (start, line) in signature_lines_before(doc, end) {
        let t = line.trim_end();
        if !t.ends_with('月') {
            continue;
        }
        // Back from 月: the month, 年, the year (white space skipped).
        let chars: Vec<(usize, char)> = t
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .collect();
        let n = chars.len();
        let month_len = chars[..n - 1]
            .iter()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .count();
        if !(1..=3).contains(&month_len) || n < month_len + 6 || chars[n - 2 - month_len].1 != '年'
        {
            continue;
        }
        let year_start = n - 2 - month_len - 4;
        let year: String = chars[year_start..n - 2 - month_len]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        if numeral(&year, true).is_some_and(crate::model::is_report_year) {
            return Some(start + chars[year_start].0);
        }
    }
    None
}

/// Words an agency's name ends with (longest first).
const AGENCY_SUFFIXES: [&str; 8] = [
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
const NOT_AFTER_AGENCY: [&str; 8] = ["长", "信息", "网", "门户", "办公", "工作人员", "部门", "令"];

/// The suffix `name` ends with, if any.
fn agency_suffix(name: &str) -> Option<&'static str> {
    AGENCY_SUFFIXES.iter().copied().find(|s| name.ends_with(s))
}

/// The agency the text names most often: a run of CJK characters that
/// bears a place (省 市 县 区 …) and ends with an agency's word (局, 厅,
/// 人民政府, 办事处, …), counted over the first 64 KiB. The longest of the
/// most frequent wins (“某某县人民政府” over “人民政府”).
fn agency_in_text(text: &str) -> Option<String> {
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
fn signature_agency(doc: &Normalized, date_start: usize) -> Option<String> {
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

/// A date closing `line` (trailing spaces allowed): `2024年1月24日`,
/// `2024 年 1 月 24 日`, `二〇二四年一月二十四日`, `2024-01-24`, `2024.1.24`.
/// Returns `YYYY-MM-DD` and its byte range in the line.
pub fn date_at_end(line: &str) -> Option<(String, usize, usize)> {
    let trimmed = line.trim_end();
    let chars: Vec<(usize, char)> = trimmed
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    if !chars
        .last()
        .is_some_and(|&(_, c)| c == '日' || c == '号' || c.is_ascii_digit())
    {
        return None;
    }
    let s: String = chars.iter().map(|&(_, c)| c).collect();
    // Only where a number starts can a date start; the first that parses to
    // the end wins.
    let starts_number = |c: char| c.is_ascii_digit() || "〇○零一二三四五六七八九".contains(c);
    let mut byte = 0;
    for (k, &(off, c)) in chars.iter().enumerate() {
        let prev_is_number = k > 0 && starts_number(chars[k - 1].1);
        if starts_number(c) && !prev_is_number {
            if let Some(date) = parse_date(&s[byte..]) {
                return Some((date, off, trimmed.len()));
            }
        }
        byte += c.len_utf8();
    }
    None
}

fn parse_date(s: &str) -> Option<String> {
    let (y, m, d) = if let Some(rest) = s.strip_suffix('日').or_else(|| s.strip_suffix('号')) {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        (numeral(y, true)?, numeral(m, false)?, numeral(d, false)?)
    } else {
        let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
        if parts.len() != 3 {
            return None;
        }
        (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        )
    };
    (crate::model::is_report_year(y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Arabic digits, or Chinese numerals: digit by digit for years (二〇二四),
/// with 十 for months and days (二十四).
/// A Chinese digit's value: 〇 (or ○ 零 O Ｏ, as zero is often typed) to 九.
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'Ｏ' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn numeral(s: &str, year: bool) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    // (A signature's zero is sometimes typed as a letter or an Arabic 0.)
    let digit = |c: char| chinese_digit(c).or_else(|| matches!(c, 'o' | '0').then_some(0));
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || chars.len() > 4 {
        return None;
    }
    if year {
        return chars
            .iter()
            .try_fold(0u32, |acc, &c| Some(acc * 10 + digit(c)?));
    }
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [u] => digit(*u),
        _ => None,
    }
}

/// `统计期限为2023年1月1日至2023年12月31日` and the like: the year counted.
fn statistics_year(text: &str) -> Option<i32> {
    statistics_year_end(text).or_else(|| statistics_year_start(text))
}

/// The year written before `12月31日`.
fn statistics_year_end(text: &str) -> Option<i32> {
    let pos = text.find("12月31日").or_else(|| text.find("12 月 31 日"))?;
    // Backwards from the date, white space skipped: 年, then four digits.
    let mut before = text[..pos].chars().rev().filter(|c| !c.is_whitespace());
    if before.next()? != '年' {
        return None;
    }
    let digits: String = before
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits
        .parse()
        .ok()
        .filter(|y| crate::model::is_report_year(*y))
}

/// `2025年1月1日至12月31日`: the year written before `1月1日`, where the
/// period's end names no year.
fn statistics_year_start(text: &str) -> Option<i32> {
    let compact: String = text
        .chars()
        .take(20_000)
        .filter(|c| !c.is_whitespace())
        .collect();
    let pos = compact.find("年1月1日至12月31日")?;
    let digits = compact[..pos].chars().rev().take(4).collect::<Vec<_>>();
    if digits.len() < 4 || !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let year: String = digits.into_iter().rev().collect();
    year.parse().ok().filter(|y| (2000..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> (Option<String>, Option<i32>) {
        let doc = Normalized::new(text);
        let t = find_title(&doc, 10).unwrap();
        (t.agency, t.year)
    }

    #[test]
    fn titles() {
        let y = |a: &str, y: i32| (Some(a.to_string()), Some(y));
        assert_eq!(
            title(
                "首页 > 信息公开 > 政府信息公开年度报告\n发布时间：2024-01-20\n某某县民政局2023年政府信息公开工作年度报告"
            ),
            y("某某县民政局", 2023)
        );
        assert_eq!(
            title("舒城县医疗保障局\n2023 年政府信息公开工作年度报告"),
            y("舒城县医疗保障局", 2023)
        );
        assert_eq!(
            title("金乡县医疗保障局2021年\n政府信息公开工作年度报告"),
            y("金乡县医疗保障局", 2021)
        );
        assert_eq!(
            title("2023年北京市海淀区教育委员会政府信息公开工作年度报告"),
            y("北京市海淀区教育委员会", 2023)
        );
        assert_eq!(
            title("北京市统计局政府信息公开工作年度报告（2022年）"),
            y("北京市统计局", 2022)
        );
        assert_eq!(
            title("某某市财政局关于2020年度政府信息公开工作年度报告"),
            y("某某市财政局", 2020)
        );
        assert_eq!(
            title(
                "发布机构：某某省生态环境厅  发布日期：2023-02-07\n\n2022年度某某省生态环境厅政府信息公开工作年度报告"
            ),
            y("某某省生态环境厅", 2022)
        );
        assert_eq!(
            title("某某市人民政府2023年政府信息公开工作年\n度报告\n"),
            y("某某市人民政府", 2023)
        );
        assert_eq!(
            title("国家税务总局某某市税务局2023年政府信息公开工作年度\n\n报告\n"),
            y("国家税务总局某某市税务局", 2023)
        );
        assert_eq!(
            title("某某县民政局\n二〇二二年度政府信息公开工作年度报告"),
            y("某某县民政局", 2022)
        );
        assert_eq!(
            title("二○二一年度某某镇人民政府政府信息公开工作年度报告"),
            y("某某镇人民政府", 2021)
        );
        // “工作报告” without 年度, under a breadcrumb that names the report.
        assert_eq!(
            title(
                "首页 > 政务公开 > 政府信息公开年度报告\n某某县交通运输局\n2023年度政府信息公开工作报告"
            ),
            y("某某县交通运输局", 2023)
        );
        // A breadcrumb alone names no agency.
        assert_eq!(
            title("首页 > 政务公开 > 政府信息公开年度报告\n正文"),
            (None, None)
        );
        // A converter's first line “正文” is not the agency: the name after
        // the year is.
        assert_eq!(
            title("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》"),
            y("上海市科委", 2024)
        );
        assert_eq!(
            title("正文\n2024年政府信息公开工作年度报告\n"),
            (None, Some(2024))
        );
        // A crawler's field label before the title is dropped.
        assert_eq!(
            title(
                "标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局\n单位：沭阳县发改局"
            ),
            y("沭阳县发展和改革局", 2023)
        );
    }

    #[test]
    fn statistics_period_names_the_year() {
        assert_eq!(
            statistics_year("本报告中所列数据统计期限为2025年1月1日至12月31日。"),
            Some(2025)
        );
        assert_eq!(
            statistics_year("统计期限自2023年1月1日起至2023年12月31日止"),
            Some(2023)
        );
        assert_eq!(statistics_year("1月1日至12月31日"), None);
    }

    #[test]
    fn places_beginning_with_wu() {
        let text = "我局无重大变化。无锡市市场监督管理局认真落实。无锡市市场监督管理局网站。";
        assert_eq!(
            agency_in_text(text).as_deref(),
            Some("无锡市市场监督管理局")
        );
        assert_eq!(
            agency_in_text("本年度无某某县民政局受理的申请。").as_deref(),
            Some("某某县民政局")
        );
    }

    #[test]
    fn agency_from_signature_or_text() {
        let meta = |text: &str| {
            let doc = Normalized::new(text);
            extract(&doc, &crate::parser::sections::find_sections(&doc)).0
        };
        let m = meta(
            "2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，我局主动公开信息。\n\n某某县水利局\n2024年1月\n",
        );
        assert_eq!(m.agency.as_deref(), Some("某某县水利局"));
        assert_eq!(m.published, None);
        let m = meta(
            "2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，某某县高桥镇人民政府认真落实《中华人民共和国政府信息公开条例》，\
             按照国务院办公厅要求，某某县高桥镇人民政府主动公开信息。\n",
        );
        assert_eq!(m.agency.as_deref(), Some("某某县高桥镇人民政府"));
        let m = meta(
            "2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，某某市住房和城乡建设局主动公开信息。\n",
        );
        assert_eq!(m.agency.as_deref(), Some("某某市住房和城乡建设局"));
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_at_end("2024 年 1 月 24 日").map(|d| d.0),
            Some("2024-01-24".into())
        );
        assert_eq!(
            date_at_end("二〇二四年一月二十四日").map(|d| d.0),
            Some("2024-01-24".into())
        );
        assert_eq!(
            date_at_end("某某县人民政府 二○二三年十二月三十一日").map(|d| d.0),
            Some("2023-12-31".into())
        );
        assert_eq!(
            date_at_end("2022-01-30").map(|d| d.0),
            Some("2022-01-30".into())
        );
        assert_eq!(date_at_end("2023年医保局未收取信息公开处理费用。"), None);
    }
}
