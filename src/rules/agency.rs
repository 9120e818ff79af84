//! Matching one agency's reports across years by a normalised name: the
//! same agency writes its name with full- or half-width characters, with or
//! without spaces, and in common abbreviations (医保局 for 医疗保障局).

/// Abbreviations that stand for exactly one full name. Ambiguous ones (自然
/// 资源局, which may or may not include 规划) are left out on purpose.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("医保局", "医疗保障局"),
    ("人社局", "人力资源和社会保障局"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("住建局", "住房和城乡建设局"),
    ("市监局", "市场监督管理局"),
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("教体局", "教育和体育局"),
    ("文旅局", "文化和旅游局"),
    ("交通局", "交通运输局"),
    ("农业局", "农业农村局"),
    ("退役军人局", "退役军人事务局"),
    ("应急局", "应急管理局"),
    ("城管局", "城市管理局"),
    ("统计局", "统计局"),
];

/// The key two names of the same agency share: white space removed,
/// full-width forms folded, abbreviations expanded, 人民政府 办公室 kept.
pub fn agency_key(name: &str) -> String {
    let mut folded: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    for (short, full) in ABBREVIATIONS {
        if folded.ends_with(short) {
            folded.truncate(folded.len() - short.len());
            folded.push_str(full);
            break;
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_widths() {
        assert_eq!(agency_key("舒城县医保局"), agency_key("舒城县 医疗保障局"));
        assert_eq!(
            agency_key("ＸＸ县人社局"),
            agency_key("XX县人力资源和社会保障局")
        );
        assert_ne!(
            agency_key("舒城县医疗保障局"),
            agency_key("金乡县医疗保障局")
        );
    }
}
