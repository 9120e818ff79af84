//! What a person may type into a cell. A refused input is never stored: the
//! caller shows the hint instead, in the reader's language.

use crate::template::ValueKind;
use crate::text::Text;

/// Reads what was typed into a table cell of the given kind. `Ok(None)`
/// means the cell is emptied (null), which is a different fact from 0.
pub fn parse_cell(text: &str, kind: ValueKind) -> Result<Option<f64>, Text> {
    let s = half_width(text.trim());
    if s.is_empty() {
        return Ok(None);
    }
    match kind {
        ValueKind::Count => match s.parse::<u64>() {
            Ok(v) => Ok(Some(v as f64)),
            Err(_) => Err(Text::new(
                format!("“{text}” 不是件数：只能填 0 或正整数"),
                format!("“{text}” is not a count: only 0 or a positive whole number"),
            )),
        },
        ValueKind::Signed => {
            let digits = s.strip_prefix('+').unwrap_or(&s);
            match digits.parse::<i64>() {
                Ok(v) => Ok(Some(v as f64)),
                Err(_) => Err(Text::new(
                    format!("“{text}” 不是整数：可填正负整数，如 +19、-8"),
                    format!("“{text}” is not a whole number: e.g. +19 or -8"),
                )),
            }
        }
        ValueKind::Amount => match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 && !s.contains(['e', 'E']) => Ok(Some(v)),
            _ => Err(Text::new(
                format!("“{text}” 不是金额：请填不小于 0 的数，如 12.5（单位：万元）"),
                format!(
                    "“{text}” is not an amount: a number 0 or more, e.g. 12.5 (in 10,000 yuan)"
                ),
            )),
        },
    }
}

/// Reads a report year (the year reported on).
pub fn parse_year(text: &str) -> Result<Option<i32>, Text> {
    let s = half_width(text.trim());
    if s.is_empty() {
        return Ok(None);
    }
    match s.trim_end_matches('年').parse::<i32>() {
        Ok(y) if crate::model::is_report_year(y) => Ok(Some(y)),
        _ => Err(Text::new(
            format!("“{text}” 不是年份：请填四位年份，如 2023"),
            format!("“{text}” is not a year: four digits, e.g. 2023"),
        )),
    }
}

/// Reads a publication date, `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Option<String>, Text> {
    let s = half_width(text.trim());
    if s.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        Text::new(
            format!("“{text}” 不是日期：请按 2024-01-24 的格式填写"),
            format!("“{text}” is not a date: write it as 2024-01-24"),
        )
    };
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(refuse());
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(refuse());
    };
    if !crate::model::is_report_year(y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(refuse());
    }
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

/// Reads an agency name: any text; blank empties it.
pub fn parse_text(text: &str) -> Option<String> {
    let s = text.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Chinese input methods often type full-width digits and signs.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' => '-',
            '＋' => '+',
            '，' | ',' => '\u{0}',
            _ => c,
        })
        .filter(|&c| c != '\u{0}')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(parse_cell("12", ValueKind::Count), Ok(Some(12.0)));
        assert_eq!(parse_cell("１２", ValueKind::Count), Ok(Some(12.0)));
        assert_eq!(parse_cell(" ", ValueKind::Count), Ok(None));
        assert!(parse_cell("-1", ValueKind::Count).is_err());
        assert!(parse_cell("1.5", ValueKind::Count).is_err());
        assert!(parse_cell("abc", ValueKind::Count).is_err());
    }

    #[test]
    fn signed_and_amounts() {
        assert_eq!(parse_cell("+19", ValueKind::Signed), Ok(Some(19.0)));
        assert_eq!(parse_cell("-8", ValueKind::Signed), Ok(Some(-8.0)));
        assert_eq!(parse_cell("12.5", ValueKind::Amount), Ok(Some(12.5)));
        assert!(parse_cell("1e3", ValueKind::Amount).is_err());
        assert!(parse_cell("-2", ValueKind::Amount).is_err());
    }

    #[test]
    fn meta_values() {
        assert_eq!(parse_year("2023"), Ok(Some(2023)));
        assert!(parse_year("23").is_err());
        assert_eq!(parse_date("2024-1-5"), Ok(Some("2024-01-05".into())));
        assert!(parse_date("2024/01/05").is_err());
    }
}
