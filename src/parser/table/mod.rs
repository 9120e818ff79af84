//! Stage 4: read tables 2, 3 and 4 from their regions into the template,
//! choosing each table's layout (2021 or 2019) by its own labels, and saying
//! in a warning whatever could not be read. A value is never invented: a
//! table the report lacks is `None`, a row whose number of values does not
//! fit its columns stays empty rather than being shifted.

pub mod align;
pub mod digits;
pub mod rows;
pub mod tokens;

use std::ops::Range;
use std::sync::LazyLock;

use crate::model::{Cell, Table, UnreadRow};
use crate::parser::normalize::Normalized;
use crate::parser::table::align::{Alignment, align, align_with, phrase_hits};
use crate::parser::table::rows::{RawCell, RawRow, raw_rows};
use crate::parser::table::tokens::{TokenKind, tokenize};
use crate::template::{LAYOUTS, Layout, TableId, TableSpec};

pub struct ReadTable {
    pub table: Option<Table>,
    pub warnings: Vec<String>,
    /// Rows whose values could not be placed, with those values as read.
    pub unread: Vec<UnreadRow>,
}

/// Reads table `id` from lines `region` of `doc`; `own_section` when the
/// region is the body of the table's own section (its heading was found),
/// not the lines between the neighbouring headings that were.
pub fn read_table(
    doc: &Normalized,
    id: TableId,
    region: Range<usize>,
    own_section: bool,
) -> ReadTable {
    let tokens = tokenize(doc, region);
    let mut rows = raw_rows(doc, &tokens);
    // A report table has a few dozen rows; a region with thousands is a
    // whole document without headings, or no report at all. Looking at its
    // first rows keeps the work bounded whatever arrives.
    let mut truncated = None;
    if rows.len() > MAX_REGION_ROWS {
        truncated = Some(rows.len());
        rows.truncate(MAX_REGION_ROWS);
    }
    let mut read = read_rows(doc, id, &rows, own_section);
    if let Some(n) = truncated {
        read.warnings.push(format!(
            "{}：表格区域有 {n} 行，只读取了前 {MAX_REGION_ROWS} 行",
            id.short_title()
        ));
    }
    read
}

/// Rows of a table region looked at, at most.
const MAX_REGION_ROWS: usize = 2000;

fn read_rows(doc: &Normalized, id: TableId, rows: &[RawRow], own_section: bool) -> ReadTable {
    match id {
        TableId::ReviewLitigation => read_review_litigation(doc, rows, own_section),
        _ => read_by_labels(doc, id, rows),
    }
}

/// Tables 2 and 3: rows found by their labels.
fn read_by_labels(doc: &Normalized, id: TableId, rows: &[RawRow]) -> ReadTable {
    let mut warnings = Vec::new();
    let hits = phrase_hits(rows, id);
    let told = header_layout(id, rows);
    let Some((spec, alignment)) = TableSpec::layouts(id)
        .filter(|spec| told.is_none_or(|t| std::ptr::eq(t, *spec)))
        .map(|spec| (spec, align_with(rows, &hits, spec)))
        // On a tie the first layout (2021) wins.
        .reduce(|best, next| {
            if next.1.score > best.1.score {
                next
            } else {
                best
            }
        })
    else {
        return ReadTable {
            table: None,
            warnings,
            unread: Vec::new(),
        };
    };
    // Run-together text: rows whose values are one digit run split by the
    // rules, then aligned again.
    let split;
    let mut explained = Vec::new();
    let (rows, alignment) = if doc.flat {
        let (r, left) = digits::split_rows(doc, spec, rows, &alignment.assigned, &mut warnings);
        split = r;
        explained = left;
        let hits = phrase_hits(&split, id);
        let again = align_with(&split, &hits, spec);
        (&split[..], again)
    } else {
        (rows, alignment)
    };
    // Enough rows must be there, whole, for the table to be there at all;
    // a sentence of narrative that happens to name one row is not a table.
    let needed = (spec.rows.len() / 5).max(2);
    if alignment.complete_rows < needed {
        return ReadTable {
            table: None,
            warnings,
            unread: Vec::new(),
        };
    }
    let mut unread = Vec::new();
    let table = fill(
        doc,
        spec,
        rows,
        &alignment,
        &explained,
        &mut warnings,
        &mut unread,
    );
    ReadTable {
        table: Some(table),
        warnings,
        unread,
    }
}

/// The layout of a table as its column headers tell it, where they name
/// columns of one layout only (本年制发件数 is table 2's 2021 layout,
/// 上一年项目数量 its 2019 one): rows alone can mislead when merged cells
/// repeat a value over the columns.
fn header_layout(id: TableId, rows: &[RawRow]) -> Option<&'static TableSpec> {
    let mut told = HEADER_WORDS
        .iter()
        .filter(|(spec, words)| {
            spec.id == id
                && rows
                    .iter()
                    .any(|r| words.iter().any(|w| r.label.contains(w)))
        })
        .map(|&(spec, _)| spec);
    let first = told.next();
    told.next().is_none().then_some(first).flatten()
}

/// Each layout with the words of its column headers (the label before any
/// bracketed unit) that no other layout of its table has, nor holds within
/// its own or inside one of them (处理决定数量 is in both of table 2's).
static HEADER_WORDS: LazyLock<Vec<(&'static TableSpec, Vec<&'static str>)>> = LazyLock::new(|| {
    let words = |spec: &'static TableSpec| {
        let mut w: Vec<&'static str> = spec
            .rows
            .iter()
            .flat_map(|r| r.columns)
            .map(|c| c.label.split(['（', '(']).next().unwrap_or(c.label))
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    LAYOUTS
        .iter()
        .map(|spec| {
            let others: Vec<&str> = TableSpec::layouts(spec.id)
                .filter(|o| !std::ptr::eq(*o, spec))
                .flat_map(words)
                .collect();
            let own = words(spec)
                .into_iter()
                .filter(|w| others.iter().all(|o| !w.contains(o) && !o.contains(w)))
                .collect();
            (spec, own)
        })
        .collect()
});

fn fill(
    doc: &Normalized,
    spec: &'static TableSpec,
    rows: &[RawRow],
    alignment: &Alignment,
    explained: &[usize],
    warnings: &mut Vec<String>,
    unread: &mut Vec<UnreadRow>,
) -> Table {
    let mut table = Table::empty(spec);
    let short = spec.id.short_title();
    let mut spans = doc.cursor();
    let last_missing = last_column_missing(spec, rows, alignment);
    if last_missing {
        warnings.push(format!(
            "{short}：表头没有“{}”一列（表格疑超出页面），该列留空，其余各列按表头读取",
            spec.rows[0].columns.last().map_or("", |c| c.label)
        ));
    }
    for (r, row) in spec.rows.iter().enumerate() {
        let Some(i) = alignment.assigned[r] else {
            warnings.push(format!("{short}：未找到“{}”一行，该行留空", row.name));
            continue;
        };
        let raw = &rows[i];
        let line = doc.line_of(raw.label_start) + 1;
        if alignment.by_position[r] {
            warnings.push(format!(
                "{short}：第 {line} 行的数值未见“{}”的行名（缺失或有误），按表中位置（前后两行之间）放入该行，请核对",
                row.name
            ));
        }
        // A table cut at the page's edge: the row's values are the header's
        // columns, never fitted to the template's by empty cells.
        let cut = last_missing
            .then(|| but_last(raw, row.columns.len()))
            .flatten();
        if let Some(cells) = cut {
            for (c, cell) in cells.iter().enumerate() {
                table.cells[r][c] = Cell {
                    value: cell.value,
                    source: Some(spans.span(cell.start, cell.end)),
                };
            }
        } else if let Some(cells) = raw.fitted(row.columns.len()) {
            if let Some(stray) = raw.stray_left_out(row.columns.len()) {
                warnings.push(format!(
                    "{short}：“{}”中单独一行的“{}”不计入（疑为页码）（第 {} 行）",
                    row.name,
                    &doc.text[stray.start..stray.end],
                    doc.line_of(stray.start) + 1
                ));
            }
            for (c, cell) in cells.iter().enumerate() {
                table.cells[r][c] = Cell {
                    value: cell.value,
                    source: Some(spans.span(cell.start, cell.end)),
                };
            }
            if raw.blank {
                warnings.push(format!(
                    "{short}：“{}”一行各格均为空，按无数值处理（第 {line} 行）",
                    row.name
                ));
            }
            let nils = cells.iter().filter(|c| c.kind == TokenKind::Nil).count();
            if nils > 0 {
                warnings.push(format!(
                    "{short}：“{}”有 {nils} 格填“/”或“-”，按无数值处理（第 {line} 行）",
                    row.name
                ));
            }
        } else {
            // Point every cell at the row's numbers so a person can see them.
            if let Some((start, end)) = raw.cells_range() {
                let span = doc.span(start, end);
                for cell in &mut table.cells[r] {
                    cell.source = Some(span);
                }
            }
            let found: Vec<String> = raw
                .cells
                .iter()
                .map(|c| doc.text[c.start..c.end].to_string())
                .collect();
            // A digit run's own warning already says why.
            if !explained.contains(&i) {
                warnings.push(format!(
                "{short}：“{}”读到 {} 个值（{}），应为 {} 个，无法确定对应的列，该行留空（第 {line} 行）",
                row.name,
                raw.cells.len(),
                found.join(" "),
                row.columns.len()
            ));
            }
            unread.push(unread_row(doc, spec.id, Some(row.key), &raw.cells));
        }
    }
    table
}

/// Whether table 3's header names every column but the last (自然人 …
/// 其他, no 总计) and its rows hold one value fewer than the template's
/// columns: a table cut at the page's edge. Its rows are then read by the
/// header, the last column left empty — never shifted.
fn last_column_missing(spec: &TableSpec, rows: &[RawRow], alignment: &Alignment) -> bool {
    if spec.id != TableId::Applications {
        return false;
    }
    let Some(first) = alignment.assigned.first().copied().flatten() else {
        return false;
    };
    let columns = spec.rows[0].columns;
    let Some((last, named)) = columns.split_last() else {
        return false;
    };
    let header: String = rows[first.saturating_sub(3)..=first]
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    if !named.iter().all(|c| header.contains(c.label))
        || header.contains(last.label)
        || header.contains("合计")
    {
        return false;
    }
    let n = columns.len();
    let (short, placed) = alignment
        .assigned
        .iter()
        .flatten()
        .fold((0, 0), |(s, p), &i| {
            (s + usize::from(but_last(&rows[i], n).is_some()), p + 1)
        });
    short * 2 > placed
}

/// The row's cells when they are exactly one fewer than `n` columns
/// (empty cells among them kept in their places).
fn but_last(raw: &RawRow, n: usize) -> Option<Vec<&RawCell>> {
    (!raw.blank && n >= 2 && raw.cells.len() == n - 1).then(|| raw.cells.iter().collect())
}

/// The values of `cells` (nil marks included, empty cells left out) kept
/// for a row that could not be placed.
fn unread_row(
    doc: &Normalized,
    table: TableId,
    row: Option<&'static str>,
    cells: &[RawCell],
) -> UnreadRow {
    let read: Vec<&RawCell> = cells
        .iter()
        .filter(|c| c.kind != TokenKind::Empty)
        .collect();
    UnreadRow {
        table,
        row,
        values: read.iter().map(|c| c.value).collect(),
        sources: read.iter().map(|c| doc.span(c.start, c.end)).collect(),
    }
}

/// Table 4: usually 15 numbers under a two-level header, read in template
/// order; sometimes three labelled rows of five.
fn read_review_litigation(doc: &Normalized, rows: &[RawRow], own_section: bool) -> ReadTable {
    let spec = TableSpec::get(TableId::ReviewLitigation, Layout::Y2021);
    let mut warnings = Vec::new();
    let want = spec.cell_count();
    // The values follow the table's two-level header: gather cells from a
    // row whose label holds header words, while the labels in between are
    // header-like, until there are 15. Where the section heading was not
    // found the region may hold narrative and table 3 too, so every such
    // row is tried in turn, and the first that gives exactly 15 wins.
    const HEADER_WORDS: [&str; 5] = ["复议", "诉讼", "维持", "纠正", "审结"];
    // A blank cell opening or closing a tab- or pipe-separated line of
    // values is one of them where the values are one short otherwise; the
    // empty cells of the header lines before are not.
    let same_line = |c: &RawCell, raw: &RawRow| {
        raw.cells_range().is_some_and(|(s, e)| {
            doc.line_of(c.start) == doc.line_of(s) || doc.line_of(c.start) == doc.line_of(e)
        })
    };
    let gather = |first: usize, (lead, trail): (bool, bool)| {
        let mut cells = Vec::new();
        for (k, raw) in rows[first..].iter().enumerate() {
            if k > 0 && raw.label.chars().count() > 40 {
                break; // narrative after the table
            }
            if raw.blank {
                continue;
            }
            if lead {
                cells.extend(raw.lead.iter().filter(|c| same_line(c, raw)).cloned());
            }
            cells.extend(raw.cells.iter().cloned());
            if trail {
                cells.extend(raw.trail.iter().filter(|c| same_line(c, raw)).cloned());
            }
            if cells.len() >= want {
                break;
            }
        }
        cells
    };
    let headed = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.cells.is_empty() && HEADER_WORDS.iter().any(|w| r.label.contains(w)))
        .map(|(i, _)| i);
    // Numbers under no header words are table 4's only in its own section:
    // where its heading is missing the region holds tables 2 and 3 too.
    let any = rows
        .iter()
        .position(|r| !r.cells.is_empty())
        .filter(|_| own_section);
    let mut cells = Vec::new();
    for first in headed.chain(any) {
        let mut found = gather(first, (false, false));
        if found.len() < want {
            if let Some(with_blanks) = [(true, false), (false, true), (true, true)]
                .into_iter()
                .map(|blanks| gather(first, blanks))
                .find(|cells| cells.len() == want)
            {
                found = with_blanks;
            }
        }
        let exact = found.len() == want;
        if cells.is_empty() || exact {
            cells = found;
        }
        if exact {
            break;
        }
    }
    // Run-together text: the fifteen numbers as one digit run.
    if doc.flat
        && let [one] = cells.as_slice()
        && doc.text[one.start..one.end].len() > 1
        && doc.text[one.start..one.end]
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        let run = doc.text[one.start..one.end].to_string();
        let line = doc.line_of(one.start) + 1;
        match digits::split_outcomes(doc, one, want) {
            Ok(split) => {
                let shown: Vec<&str> = split.iter().map(|c| &doc.text[c.start..c.end]).collect();
                warnings.push(format!(
                    "表四：数字连在一起（{run}），按勾稽关系拆分为 {}，请核对（第 {line} 行）",
                    shown.join(" ")
                ));
                cells = split;
            }
            Err(n) => {
                let why = if n == 0 {
                    "没有一种拆分符合勾稽关系"
                } else {
                    "有多种拆分都符合勾稽关系"
                };
                warnings.push(format!(
                    "表四：数字连在一起（{run}），{why}，无法确定各格，表四留空（第 {line} 行）"
                ));
                let mut table = Table::empty(spec);
                let span = doc.span(one.start, one.end);
                for cell in table.cells.iter_mut().flatten() {
                    cell.source = Some(span);
                }
                let unread = vec![unread_row(doc, spec.id, None, &cells)];
                return ReadTable {
                    table: Some(table),
                    warnings,
                    unread,
                };
            }
        }
    }
    if cells.len() == want {
        let mut table = Table::empty(spec);
        let mut spans = doc.cursor();
        let mut it = cells.iter();
        for row in table.cells.iter_mut() {
            for cell in row.iter_mut() {
                let raw = it.next().expect("15 cells");
                *cell = Cell {
                    value: raw.value,
                    source: Some(spans.span(raw.start, raw.end)),
                };
            }
        }
        return ReadTable {
            table: Some(table),
            warnings,
            unread: Vec::new(),
        };
    }
    // Labelled rows.
    let alignment = align(rows, spec);
    if alignment.complete_rows >= 1 {
        let mut unread = Vec::new();
        let table = fill(doc, spec, rows, &alignment, &[], &mut warnings, &mut unread);
        return ReadTable {
            table: Some(table),
            warnings,
            unread,
        };
    }
    if !cells.is_empty() {
        let found: Vec<String> = cells
            .iter()
            .map(|c| doc.text[c.start..c.end].to_string())
            .collect();
        let line = doc.line_of(cells[0].start) + 1;
        warnings.push(format!(
            "表四：读到 {} 个值（{}），应为 15 个，无法确定对应的格，表四留空（第 {line} 行）",
            cells.len(),
            found.join(" ")
        ));
        let mut table = Table::empty(spec);
        let span = doc.span(cells[0].start, cells[cells.len() - 1].end);
        for cell in table.cells.iter_mut().flatten() {
            cell.source = Some(span);
        }
        let unread = vec![unread_row(doc, spec.id, None, &cells)];
        return ReadTable {
            table: Some(table),
            warnings,
            unread,
        };
    }
    ReadTable {
        table: None,
        warnings,
        unread: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_are_the_columns_one_layout_alone_names() {
        let words = |id, layout| {
            let spec = TableSpec::get(id, layout);
            HEADER_WORDS
                .iter()
                .find(|(s, _)| std::ptr::eq(*s, spec))
                .map(|(_, w)| w.clone())
                .unwrap()
        };
        let y2021 = words(TableId::ActiveDisclosure, Layout::Y2021);
        let y2019 = words(TableId::ActiveDisclosure, Layout::Y2019);
        for w in ["本年制发件数", "现行有效件数", "本年收费金额"] {
            assert!(y2021.contains(&w), "{y2021:?}");
        }
        for w in ["上一年项目数量", "本年新制作数量", "采购总金额"] {
            assert!(y2019.contains(&w), "{y2019:?}");
        }
        // 处理决定数量 (2019) stands inside 本年处理决定数量 (2021): neither tells.
        assert!(
            !y2021
                .iter()
                .chain(&y2019)
                .any(|w| w.contains("处理决定数量"))
        );
        // Table 3's layouts share their columns.
        assert!(words(TableId::Applications, Layout::Y2021).is_empty());
    }
}
