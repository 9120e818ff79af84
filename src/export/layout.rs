//! Where each part of a table stands on a sheet laid out as the printed
//! template (国办公开办函〔2021〕30号 and 〔2019〕60号): merged header cells,
//! the row labels in their groups, and the place of every value. Pure data,
//! from the template's rows and columns (`assets/template.tsv`); the Excel
//! writer only draws it.
//!
//! - 表二 stands in blocks, one per article of the regulations (第二十条第
//!   （一）项 …): the article across the table, then 信息内容 and the
//!   block's column labels, then its rows; a block with fewer columns than
//!   the widest stretches its last column to the table's edge.
//! - 表三: a label area three columns wide (三、本年度办理结果 and （三）不予公开
//!   merged down over their rows), under a three-row header: 申请人情况 over
//!   自然人 | 法人或其他组织 (商业企业 … 其他) | 总计.
//! - 表四: one row of 15 values under a three-row header: 行政复议 (its five
//!   outcomes) | 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (five each).

use crate::template::{RowSpec, TableId, TableSpec};

/// A rectangle of the sheet, relative to the table's top-left corner;
/// merged when it spans more than one cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
}

impl Area {
    pub fn cell(row: u32, col: u16) -> Area {
        Area {
            first_row: row,
            first_col: col,
            last_row: row,
            last_col: col,
        }
    }

    pub fn is_merged(&self) -> bool {
        self.first_row != self.last_row || self.first_col != self.last_col
    }
}

/// What a text block is: a header over values, or a row's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Header,
    Label,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBlock {
    pub area: Area,
    pub text: String,
    pub kind: TextKind,
}

/// A table laid out: its text blocks and the area of every value.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub texts: Vec<TextBlock>,
    /// `values[row][col]` of the template: where that value stands.
    pub values: Vec<Vec<Area>>,
    /// Columns the table takes (the label columns included).
    pub width: u16,
    pub height: u32,
    /// How many columns on the left hold labels.
    pub label_columns: u16,
}

/// The words over table 3's columns of legal persons and other organisations,
/// and the columns they stand over (the template data names the five
/// columns but not the group; the printed template has it).
pub const APPLICANT_GROUP: (&str, &[&str]) = (
    "法人或其他组织",
    &[
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other",
    ],
);

/// What the printed table 3 says in its top-left corner.
pub const TABLE3_CORNER: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub fn plan(spec: &TableSpec) -> Plan {
    match spec.id {
        TableId::ActiveDisclosure => blocks(spec),
        TableId::Applications => applications(spec),
        TableId::ReviewLitigation => review_litigation(spec),
    }
}

struct Builder {
    texts: Vec<TextBlock>,
}

impl Builder {
    fn text(&mut self, area: Area, text: &str, kind: TextKind) {
        self.texts.push(TextBlock {
            area,
            text: text.to_string(),
            kind,
        });
    }
}

/// Table 2: a block per article.
fn blocks(spec: &TableSpec) -> Plan {
    let max_cols = spec.rows.iter().map(|r| r.columns.len()).max().unwrap_or(1) as u16;
    let width = 1 + max_cols;
    let last = width - 1;
    let mut b = Builder { texts: vec![] };
    let mut values = Vec::with_capacity(spec.rows.len());
    let mut row: u32 = 0;
    let mut group: Option<&str> = None;
    // Spread `n` columns over the width: the last takes what is left.
    let column_area = |r: u32, c: usize, n: usize| {
        let first = 1 + c as u16;
        let end = if c + 1 == n { last } else { first };
        Area {
            first_row: r,
            first_col: first,
            last_row: r,
            last_col: end,
        }
    };
    for r in spec.rows {
        if group != Some(r.group) {
            group = Some(r.group);
            if !r.group.is_empty() {
                b.text(span(row, 0, last), r.group, TextKind::Header);
                row += 1;
            }
            b.text(Area::cell(row, 0), "信息内容", TextKind::Header);
            for (c, col) in r.columns.iter().enumerate() {
                b.text(
                    column_area(row, c, r.columns.len()),
                    col.label,
                    TextKind::Header,
                );
            }
            row += 1;
        }
        b.text(Area::cell(row, 0), r.label, TextKind::Label);
        values.push(
            (0..r.columns.len())
                .map(|c| column_area(row, c, r.columns.len()))
                .collect(),
        );
        row += 1;
    }
    Plan {
        texts: b.texts,
        values,
        width,
        height: row,
        label_columns: 1,
    }
}

/// An area along one row.
fn span(row: u32, first_col: u16, last_col: u16) -> Area {
    Area {
        first_row: row,
        first_col,
        last_row: row,
        last_col,
    }
}

/// A row's label parts: its groups (`三、本年度办理结果`, `（三）不予公开`)
/// then its own label.
fn label_parts(r: &RowSpec) -> Vec<&str> {
    r.group
        .split_whitespace()
        .chain(std::iter::once(r.label))
        .collect()
}

/// Table 3: label columns under the corner note, applicants' header over
/// the values.
fn applications(spec: &TableSpec) -> Plan {
    let depth = spec
        .rows
        .iter()
        .map(|r| label_parts(r).len())
        .max()
        .unwrap_or(1) as u16;
    let header_rows: u32 = 3;
    let columns = spec.rows.first().map(|r| r.columns).unwrap_or(&[]);
    let width = depth + columns.len() as u16;
    let mut b = Builder { texts: vec![] };
    b.text(
        Area {
            first_row: 0,
            first_col: 0,
            last_row: header_rows - 1,
            last_col: depth - 1,
        },
        TABLE3_CORNER,
        TextKind::Header,
    );
    if !columns.is_empty() {
        b.text(span(0, depth, width - 1), "申请人情况", TextKind::Header);
    }
    let (group_name, group_keys) = APPLICANT_GROUP;
    let in_group: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| group_keys.contains(&c.key))
        .map(|(i, _)| i)
        .collect();
    if let (Some(&first), Some(&last)) = (in_group.first(), in_group.last()) {
        b.text(
            span(1, depth + first as u16, depth + last as u16),
            group_name,
            TextKind::Header,
        );
    }
    for (i, col) in columns.iter().enumerate() {
        let c = depth + i as u16;
        let area = if in_group.contains(&i) {
            Area::cell(2, c)
        } else {
            Area {
                first_row: 1,
                first_col: c,
                last_row: 2,
                last_col: c,
            }
        };
        b.text(area, col.label, TextKind::Header);
    }
    // Labels: each group level in its column, merged down over the rows
    // that share it; the row's own label to the label area's right edge.
    let parts: Vec<Vec<&str>> = spec.rows.iter().map(label_parts).collect();
    let mut values = Vec::with_capacity(spec.rows.len());
    for (i, (r, p)) in spec.rows.iter().zip(&parts).enumerate() {
        let row = header_rows + i as u32;
        let own = (p.len() - 1) as u16;
        b.text(span(row, own, depth - 1), r.label, TextKind::Label);
        values.push(
            (0..r.columns.len())
                .map(|c| Area::cell(row, depth + c as u16))
                .collect(),
        );
    }
    for level in 0..depth.saturating_sub(1) as usize {
        let mut i = 0;
        while i < parts.len() {
            let key = |k: usize| -> Option<&[&str]> {
                let p = &parts[k];
                (p.len() > level + 1).then(|| &p[..=level])
            };
            let Some(here) = key(i) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < parts.len() && key(j) == Some(here) {
                j += 1;
            }
            b.text(
                Area {
                    first_row: header_rows + i as u32,
                    first_col: level as u16,
                    last_row: header_rows + j as u32 - 1,
                    last_col: level as u16,
                },
                here[level],
                TextKind::Label,
            );
            i = j;
        }
    }
    Plan {
        texts: b.texts,
        values,
        width,
        height: header_rows + spec.rows.len() as u32,
        label_columns: depth,
    }
}

/// Table 4: the template's rows side by side, one row of values.
fn review_litigation(spec: &TableSpec) -> Plan {
    let mut b = Builder { texts: vec![] };
    let mut values = Vec::with_capacity(spec.rows.len());
    let mut col: u16 = 0;
    // (group, first column) of the group heading being extended.
    let mut open: Option<(&str, u16)> = None;
    let close = |b: &mut Builder, open: Option<(&str, u16)>, end: u16| {
        if let Some((g, first)) = open {
            b.text(span(0, first, end - 1), g, TextKind::Header);
        }
    };
    for r in spec.rows {
        let n = r.columns.len() as u16;
        if n == 0 {
            values.push(vec![]);
            continue;
        }
        let last = col + n - 1;
        if r.group.is_empty() {
            close(&mut b, open.take(), col);
            b.text(span(0, col, last), r.label, TextKind::Header);
        } else {
            if open.is_some_and(|(g, _)| g != r.group) {
                close(&mut b, open.take(), col);
            }
            if open.is_none() {
                open = Some((r.group, col));
            }
            // 行政诉讼·未经复议直接起诉 → 未经复议直接起诉.
            let own = r.label.rsplit('·').next().unwrap_or(r.label);
            b.text(span(1, col, last), own, TextKind::Header);
        }
        for (c, column) in r.columns.iter().enumerate() {
            let at = col + c as u16;
            let area = if r.group.is_empty() {
                Area {
                    first_row: 1,
                    first_col: at,
                    last_row: 2,
                    last_col: at,
                }
            } else {
                Area::cell(2, at)
            };
            b.text(area, column.label, TextKind::Header);
        }
        values.push((0..n).map(|c| Area::cell(3, col + c)).collect());
        col += n;
    }
    close(&mut b, open.take(), col);
    Plan {
        texts: b.texts,
        values,
        width: col,
        height: 4,
        label_columns: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Layout;

    fn text_at<'a>(p: &'a Plan, text: &str) -> &'a TextBlock {
        p.texts
            .iter()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("{text} not in {:?}", p.texts))
    }

    /// No two parts of a plan overlap: Excel refuses overlapping merges.
    fn assert_no_overlap(p: &Plan) {
        let mut seen = std::collections::HashSet::new();
        let areas = p
            .texts
            .iter()
            .map(|t| t.area)
            .chain(p.values.iter().flatten().copied());
        for a in areas {
            for r in a.first_row..=a.last_row {
                for c in a.first_col..=a.last_col {
                    assert!(seen.insert((r, c)), "({r}, {c}) twice in {p:?}");
                    assert!(c < p.width && r < p.height);
                }
            }
        }
    }

    #[test]
    fn table3_has_the_printed_header() {
        for layout in [Layout::Y2021, Layout::Y2019] {
            let p = plan(TableSpec::get(TableId::Applications, layout));
            assert_no_overlap(&p);
            assert_eq!((p.label_columns, p.width), (3, 10));
            assert_eq!(text_at(&p, "申请人情况").area, span(0, 3, 9));
            assert_eq!(text_at(&p, "法人或其他组织").area, span(1, 4, 8));
            assert_eq!(text_at(&p, "自然人").area.last_row, 2);
            assert_eq!(text_at(&p, "商业企业").area, Area::cell(2, 4));
            let results = text_at(&p, "三、本年度办理结果").area;
            assert_eq!(results.first_col, 0);
            assert!(results.last_row > results.first_row + 10);
            // 一、本年新收… spans the whole label area.
            assert_eq!(
                text_at(&p, "一、本年新收政府信息公开申请数量").area,
                span(3, 0, 2)
            );
        }
        let p = plan(TableSpec::get(TableId::Applications, Layout::Y2021));
        let withheld = text_at(&p, "（三）不予公开").area;
        assert_eq!(
            (withheld.first_col, withheld.last_row - withheld.first_row),
            (1, 7)
        );
    }

    #[test]
    fn table4_groups_review_and_litigation() {
        let p = plan(TableSpec::get(TableId::ReviewLitigation, Layout::Y2021));
        assert_no_overlap(&p);
        assert_eq!(p.width, 15);
        assert_eq!(text_at(&p, "行政复议").area, span(0, 0, 4));
        assert_eq!(text_at(&p, "行政诉讼").area, span(0, 5, 14));
        assert_eq!(text_at(&p, "未经复议直接起诉").area, span(1, 5, 9));
        assert_eq!(text_at(&p, "复议后起诉").area, span(1, 10, 14));
        assert_eq!(p.values[2][4], Area::cell(3, 14));
    }

    #[test]
    fn table2_stands_in_blocks() {
        for layout in [Layout::Y2021, Layout::Y2019] {
            let p = plan(TableSpec::get(TableId::ActiveDisclosure, layout));
            assert_no_overlap(&p);
            assert_eq!(p.width, 4);
            let article = text_at(&p, "第二十条第（一）项").area;
            assert_eq!(article, span(0, 0, 3));
        }
        let p = plan(TableSpec::get(TableId::ActiveDisclosure, Layout::Y2021));
        // 行政许可's one column stretches to the edge.
        let licensing = TableSpec::get(TableId::ActiveDisclosure, Layout::Y2021)
            .row("licensing")
            .unwrap();
        assert_eq!(p.values[licensing][0].last_col, 3);
    }
}
