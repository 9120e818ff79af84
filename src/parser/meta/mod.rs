//! Stage 6: the report's metadata — agency, year, publication date — from the
//! title, the text and the signature block.

mod agency;
mod date;
mod title;

use crate::model::{Meta, MetaSources};
use crate::parser::compact::compact;
use crate::parser::normalize::Normalized;
use crate::parser::sections::Sections;
use crate::parser::table::tokens::is_cjk;

use agency::*;
use date::*;
use title::*;

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
