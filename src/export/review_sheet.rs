//! The review sheet (审核意见) of one report, as a Word document to send
//! back to the agency: which report, what was found (each failing rule with
//! its cells and values, then the advisories), the corrections made (cell,
//! the value read → the corrected value) and the reviewer's remarks
//! (`Report::review_remarks`, typed in the window).

use super::ExportError;
use super::cell_names::{check_cells, expected_actual, path_name, show};
use super::docx::Docx;
use crate::model::{Report, Status};

/// The review sheet's bytes (DOCX). `date` is the day of the review,
/// `YYYY年M月D日`.
pub fn review_sheet(report: &Report, date: &str) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new();
    doc.title("政府信息公开工作年度报告审核意见");
    let m = &report.meta;
    let unknown = || "（未识别）".to_string();
    doc.paragraph(&format!(
        "报送机关：{}",
        m.agency.clone().unwrap_or_else(unknown)
    ));
    doc.paragraph(&format!(
        "报告年度：{}",
        m.year.map(|y| format!("{y} 年度")).unwrap_or_else(unknown)
    ));
    doc.paragraph(&format!("报告文件：{}", report.source.file));
    doc.paragraph(&format!("审核日期：{date}"));

    let failing: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .collect();
    let advisory: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status == Status::Warn)
        .collect();
    let missing: Vec<&str> = crate::template::TableId::ALL
        .iter()
        .filter(|&&id| report.tables.get(id).is_none())
        .map(|id| id.short_title())
        .collect();

    doc.heading("一、审核结论");
    let mut summary = if failing.is_empty() {
        "经核对，报告各表的勾稽关系均相符".to_string()
    } else {
        format!("经核对，报告中有 {} 处勾稽关系不符", failing.len())
    };
    if !missing.is_empty() {
        summary.push_str(&format!("；报告缺少{}", missing.join("、")));
    }
    if !advisory.is_empty() {
        summary.push_str(&format!("；另有 {} 处需要留意", advisory.len()));
    }
    if !report.corrections.is_empty() {
        summary.push_str(&format!(
            "；审核中更正了 {} 个数据",
            report.corrections.len()
        ));
    }
    summary.push('。');
    doc.paragraph(&summary);

    doc.heading("二、勾稽关系不符");
    if failing.is_empty() {
        doc.paragraph("无。");
    } else {
        let mut rows = vec![header(&["序号", "问题", "涉及的单元格及数值"])];
        for (i, c) in failing.iter().enumerate() {
            let problem = match expected_actual(c) {
                Some(ea) => format!("{}（{ea}）", c.message),
                // The sheet goes back to the agency: in Chinese.
                None => c.message.to_string(),
            };
            rows.push(vec![
                (i + 1).to_string(),
                problem,
                check_cells(report, c).join("\n"),
            ]);
        }
        doc.table(&rows, &[1, 5, 5]);
    }

    doc.heading("三、需要留意");
    if advisory.is_empty() {
        doc.paragraph("无。");
    } else {
        let mut rows = vec![header(&["序号", "说明", "涉及的单元格及数值"])];
        for (i, c) in advisory.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                c.message.to_string(),
                check_cells(report, c).join("\n"),
            ]);
        }
        doc.table(&rows, &[1, 5, 5]);
    }

    doc.heading("四、已作更正");
    if report.corrections.is_empty() {
        doc.paragraph("无。");
    } else {
        let mut rows = vec![header(&["单元格", "原值（解析）", "更正为"])];
        for c in &report.corrections {
            rows.push(vec![
                path_name(report, &c.cell),
                show(c.from.map(|n| n.0)),
                show(c.to.map(|n| n.0)),
            ]);
        }
        doc.table(&rows, &[6, 2, 2]);
    }

    doc.heading("五、审核意见");
    let remarks = report.review_remarks.trim();
    if remarks.is_empty() {
        doc.paragraph("无。");
    } else {
        for line in remarks.lines() {
            doc.paragraph(line);
        }
    }
    doc.finish()
}

fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

/// Today's date in China (UTC+8; the reports are China's), `YYYY年M月D日`.
pub fn today_in_china() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        + 8 * 3600;
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y}年{m}月{d}日")
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// algorithm, proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
