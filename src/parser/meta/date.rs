//! The signature date and where the signature stands (before a saved
//! page's site footer), and the numerals dates and years are written in.

use super::*;

/// Where a saved web page's site footer starts (主办单位, 网站标识码, ICP
/// 备案, 版权所有 … within the last 40 lines with text), with the link list
/// just before it (short lines without digits): the report ends before.
/// Used only where no signature stands at the very end.
pub(super) fn site_footer(doc: &Normalized) -> Option<usize> {
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
pub(super) fn signature_lines_before(
    doc: &Normalized,
    end: usize,
) -> impl Iterator<Item = (usize, &str)> {
    (0..end)
        .rev()
        .map(|i| doc.line(i))
        .filter(|(_, line)| !line.trim().is_empty())
        .take(6)
        .filter(|(_, line)| line.trim().chars().count() <= 60)
}

/// The date the report is signed: a line near the end that is a date, or an
/// agency name followed by a date.
pub(super) fn signature_date(doc: &Normalized) -> Option<(String, usize, usize)> {
    let end = doc.line_count();
    signature_date_before(doc, end).or_else(|| signature_date_before(doc, site_footer(doc)?))
}

/// [`signature_date`] on the lines before line `end`.
pub(super) fn signature_date_before(
    doc: &Normalized,
    end: usize,
) -> Option<(String, usize, usize)> {
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
pub(super) fn month_signature(doc: &Normalized) -> Option<usize> {
    let end = doc.line_count();
    month_signature_before(doc, end).or_else(|| month_signature_before(doc, site_footer(doc)?))
}

/// [`month_signature`] on the lines before line `end`.
pub(super) fn month_signature_before(doc: &Normalized, end: usize) -> Option<usize> {
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

pub(super) fn parse_date(s: &str) -> Option<String> {
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
pub(super) fn chinese_digit(c: char) -> Option<u32> {
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

pub(super) fn numeral(s: &str, year: bool) -> Option<u32> {
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
