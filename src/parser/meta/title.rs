//! The report's title: the agency and the year it names, and the year
//! from the statistics period (`2025年1月1日至12月31日`).

use super::*;

pub(super) struct Title {
    pub(super) agency: Option<String>,
    pub(super) agency_at: Option<(usize, usize)>,
    pub(super) year: Option<i32>,
    pub(super) year_at: Option<(usize, usize)>,
    /// Normalised offset where the title ends.
    pub(super) end: usize,
}

/// The title: the first line that names the annual report, joined with the
/// line before it when the agency or the year stands there.
pub(super) fn find_title(doc: &Normalized, within: usize) -> Option<Title> {
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
pub(super) fn find_year_before(s: &str, before: usize) -> Option<(i32, usize)> {
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

/// `统计期限为2023年1月1日至2023年12月31日` and the like: the year counted.
pub(super) fn statistics_year(text: &str) -> Option<i32> {
    statistics_year_end(text).or_else(|| statistics_year_start(text))
}

/// The year written before `12月31日`.
pub(super) fn statistics_year_end(text: &str) -> Option<i32> {
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
pub(super) fn statistics_year_start(text: &str) -> Option<i32> {
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
