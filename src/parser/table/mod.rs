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

use crate::model::{Cell, ReviewMark, ReviewReason, Table, UnreadRow};
use crate::parser::normalize::Normalized;
use crate::parser::table::align::{Alignment, align, align_with, phrase_hits};
use crate::parser::table::rows::{RawCell, RawRow, raw_rows};
use crate::parser::table::tokens::{TokenKind, tokenize};
use crate::template::{LAYOUTS, Layout, RowSpec, TableId, TableSpec};
use crate::text::Text;

pub struct ReadTable {
    pub table: Option<Table>,
    pub warnings: Vec<Text>,
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
        read.warnings.push(Text::new(
            format!(
                "{}：表格区域有 {n} 行，只读取了前 {MAX_REGION_ROWS} 行",
                id.short_title()
            ),
            format!(
                "{}: the table's region has {n} rows; only the first {MAX_REGION_ROWS} were read",
                id.short_title_en()
            ),
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
    warnings: &mut Vec<Text>,
    unread: &mut Vec<UnreadRow>,
) -> Table {
    let mut table = Table::empty(spec);
    let short = spec.id.short_title();
    let short_en = spec.id.short_title_en();
    let mut spans = doc.cursor();
    let missing = missing_columns(spec, rows, alignment);
    let columns = spec.rows.first().map_or(&[][..], |r| r.columns);
    for &c in &missing {
        let (why, why_en) = if c + 1 == columns.len() {
            (
                "（表格疑超出页面）",
                " (the table seems cut at the page's edge)",
            )
        } else {
            ("", "")
        };
        let label = columns[c].label;
        warnings.push(Text::new(
            format!("{short}：表头没有“{label}”一列{why}，该列留空，其余各列按表头读取"),
            format!(
                "{short_en}: the header has no “{label}” column{why_en}; that column is left empty, the others read by the header"
            ),
        ));
    }
    let grids = value_grids(doc, rows, alignment, spec);
    let doubtful = may_be_the_next_rows(doc, rows, alignment);
    for (r, row) in spec.rows.iter().enumerate() {
        let Some(i) = alignment.assigned[r] else {
            if let Some(raw) = unplaced_row_named(spec, rows, alignment, r) {
                // The row is there, its values too few or too many for its
                // columns: say what was read, and keep it.
                let found: Vec<&str> = raw
                    .cells
                    .iter()
                    .map(|c| &doc.text[c.start..c.end])
                    .collect();
                let line = doc.line_of(raw.cells[0].start) + 1;
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”读到 {} 个值（{}），应为 {} 个，无法确定对应的列，该行留空（第 {line} 行）",
                        row.name,
                        found.len(),
                        found.join(" "),
                        row.columns.len()
                    ),
                    format!(
                        "{short_en}: “{}” has {} values ({}) where {} are expected; their columns cannot be told, so the row is left empty (line {line})",
                        row.name,
                        found.len(),
                        found.join(" "),
                        row.columns.len()
                    ),
                ));
                unread.push(unread_row(doc, spec.id, Some(row.key), &raw.cells));
                continue;
            }
            warnings.push(Text::new(
                format!("{short}：未找到“{}”一行，该行留空", row.name),
                format!("{short_en}: row “{}” not found; left empty", row.name),
            ));
            continue;
        };
        let raw = &rows[i];
        let line = doc.line_of(raw.label_start) + 1;
        if doubtful[r] {
            let next = spec.rows[r + 1].name;
            warnings.push(Text::new(
                format!(
                    "{short}：“{}”的数值不与行名同行，其下的“{next}”又未找到：这些数值也可能属于行名缺失的“{next}”，该行留空，请核对（第 {line} 行）",
                    row.name
                ),
                format!(
                    "{short_en}: the values of “{}” stand on a later line than its label, and “{next}” below it is not found: they may as well be “{next}”'s, whose label is missing, so the row is left empty; please check (line {line})",
                    row.name
                ),
            ));
            unread.push(unread_row(doc, spec.id, Some(row.key), &raw.cells));
            continue;
        }
        if alignment.by_position[r] {
            warnings.push(Text::new(
                format!(
                    "{short}：第 {line} 行的数值未见“{}”的行名（缺失或有误），按表中位置（前后两行之间）放入该行，请核对",
                    row.name
                ),
                format!(
                    "{short_en}: the values on line {line} have no label “{}” (missing or misprinted); placed in that row by their position between the rows around them; please check",
                    row.name
                ),
            ));
        }
        // A table cut at the page's edge: the row's values are the header's
        // columns, never fitted to the template's by empty cells.
        let placed =
            alignment.by_position[r].then(|| ReviewMark::new(ReviewReason::PlacedByPosition));
        if let Some(cells) = header_columns(raw, row.columns.len(), &missing) {
            for (c, cell) in cells {
                table.cells[r][c] = Cell {
                    value: cell.value,
                    source: Some(spans.span(cell.start, cell.end)),
                    review: review_mark(cell, placed),
                };
            }
        } else if let Some(cells) = match short_on_grid(doc, raw, row.columns.len(), &grids) {
            Some(placed) => placed,
            None => raw.fitted(row.columns.len()),
        } {
            if let Some(stray) = raw.stray_left_out(row.columns.len()) {
                let (stray, stray_line) = (
                    &doc.text[stray.start..stray.end],
                    doc.line_of(stray.start) + 1,
                );
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”中单独一行的“{stray}”不计入（疑为页码）（第 {stray_line} 行）",
                        row.name
                    ),
                    format!(
                        "{short_en}: the “{stray}” standing alone on a line in “{}” is left out (likely a page number) (line {stray_line})",
                        row.name
                    ),
                ));
            }
            for (c, cell) in cells.iter().enumerate() {
                table.cells[r][c] = Cell {
                    value: cell.value,
                    source: Some(spans.span(cell.start, cell.end)),
                    review: review_mark(cell, placed),
                };
            }
            if raw.blank {
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”一行各格均为空，按无数值处理（第 {line} 行）",
                        row.name
                    ),
                    format!(
                        "{short_en}: every cell of row “{}” is blank; read as no value (line {line})",
                        row.name
                    ),
                ));
            }
            let blanks = cells.iter().filter(|c| c.kind == TokenKind::Empty).count();
            if blanks > 0 && !raw.blank {
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”有 {blanks} 格为空，按无数值处理（第 {line} 行）",
                        row.name
                    ),
                    format!(
                        "{short_en}: {blanks} cell(s) of “{}” are blank; read as no value (line {line})",
                        row.name
                    ),
                ));
            }
            let nils = cells.iter().filter(|c| c.kind == TokenKind::Nil).count();
            if nils > 0 {
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”有 {nils} 格填“/”或“-”，按无数值处理（第 {line} 行）",
                        row.name
                    ),
                    format!(
                        "{short_en}: {nils} cell(s) of “{}” hold “/” or “-”; read as no value (line {line})",
                        row.name
                    ),
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
                warnings.push(Text::new(
                    format!(
                        "{short}：“{}”读到 {} 个值（{}），应为 {} 个，无法确定对应的列，该行留空（第 {line} 行）",
                        row.name,
                        raw.cells.len(),
                        found.join(" "),
                        row.columns.len()
                    ),
                    format!(
                        "{short_en}: “{}” has {} values ({}) where {} are expected; their columns cannot be told, so the row is left empty (line {line})",
                        row.name,
                        raw.cells.len(),
                        found.join(" "),
                        row.columns.len()
                    ),
                ));
            }
            unread.push(unread_row(doc, spec.id, Some(row.key), &raw.cells));
        }
    }
    table
}

/// The one raw row with values (two or more: a sentence's number is no
/// row) that no template row took and that names template row `r` (one of
/// its phrases, none of another row left unplaced): row `r` as the report
/// has it — often after a later block of the table — with values that do
/// not fit its columns. Nothing of it is placed;
/// it lets the warning say what was read and keeps its values.
fn unplaced_row_named<'r>(
    spec: &TableSpec,
    rows: &'r [RawRow],
    alignment: &Alignment,
    r: usize,
) -> Option<&'r RawRow> {
    let assigned = &alignment.assigned;
    let names = |raw: &RawRow, row: &RowSpec| row.phrases.iter().any(|p| raw.label.contains(p));
    let unplaced_other = |raw: &RawRow| {
        spec.rows
            .iter()
            .enumerate()
            .any(|(k, row)| k != r && assigned[k].is_none() && names(raw, row))
    };
    let mut found = (0..rows.len())
        .filter(|&i| !assigned.contains(&Some(i)))
        .map(|i| &rows[i])
        .filter(|raw| raw.cells.len() >= 2 && names(raw, &spec.rows[r]) && !unplaced_other(raw));
    match (found.next(), found.next()) {
        (Some(raw), None) => Some(raw),
        _ => None,
    }
}

/// Template rows whose values may as well belong to the row below: empty
/// cells stand after the label, the values on a later line, and the next
/// template row is not found. A blank row followed by a row whose
/// label was lost — or garbled into what reads as the first label's second
/// line — looks like that, so which row the numbers are cannot be told.
/// (Without the empty cells it is a label wrapped over lines or written
/// above its values, with a row the report leaves out after it: common,
/// and read as such.)
fn may_be_the_next_rows(doc: &Normalized, rows: &[RawRow], alignment: &Alignment) -> Vec<bool> {
    let assigned = &alignment.assigned;
    (0..assigned.len())
        .map(|r| {
            let Some(i) = assigned[r] else {
                return false;
            };
            let raw = &rows[i];
            let next_missing = assigned.get(r + 1).is_some_and(Option::is_none);
            let blank_cells_above_values = raw
                .cells_range()
                .is_some_and(|(start, _)| empty_cells_before_values(doc, raw.label_start, start));
            next_missing && blank_cells_above_values && !raw.blank && !alignment.by_position[r]
        })
        .collect()
}

/// Whether the lines from the label's (at `label_start`) up to the one
/// before the values' (at `values_start`) end in the empty cells of a table
/// line — tabs, `| |`, or the runs of spaces a layout puts between
/// columns — or are such cells alone: the row's own cells stand there, blank. A
/// label wrapped over lines, or written alone above its values, ends its
/// lines with its text.
fn empty_cells_before_values(doc: &Normalized, label_start: usize, values_start: usize) -> bool {
    (doc.line_of(label_start)..doc.line_of(values_start)).any(|i| {
        let (_, line) = doc.line(i);
        let text_end = line.trim_end_matches(|c: char| c.is_whitespace() || c == '|');
        let rest = &line[text_end.len()..];
        // One `|` closes any pipe-table line; an empty cell needs two.
        rest.contains('\t') || rest.matches('|').count() >= 2 || rest.contains("  ")
    })
}

/// Where a row's values stand on one tab- or pipe-separated line: the cell
/// index of the label (when on that line), of the first of `n` columns,
/// and how many separators the line has. Rows of one table copied from a
/// Word table share a few such shapes, one per kind of merged label cell.
type GridKey = (Option<usize>, usize, usize);

/// The shapes of the table's rows that hold exactly as many cells as
/// their columns, all on one separated line, with how many rows have each:
/// where a short row may be read by position.
fn value_grids(
    doc: &Normalized,
    rows: &[RawRow],
    alignment: &Alignment,
    spec: &TableSpec,
) -> Vec<(GridKey, usize)> {
    let mut keys: Vec<GridKey> = spec
        .rows
        .iter()
        .zip(&alignment.assigned)
        .filter_map(|(row, i)| {
            let raw = &rows[(*i)?];
            let n = row.columns.len();
            (!raw.blank && raw.cells.len() == n)
                .then(|| grid_key(doc, raw, raw.cells.first()?.start, &raw.cells))
                .flatten()
        })
        .collect();
    keys.sort_unstable();
    let mut counted: Vec<(GridKey, usize)> = Vec::new();
    for key in keys {
        match counted.last_mut() {
            Some((k, n)) if *k == key => *n += 1,
            _ => counted.push((key, 1)),
        }
    }
    counted
}

/// The cell index of `pos` on its line (separators before it), and the
/// line's separator count, when the line is tab- or pipe-separated.
fn cell_index(doc: &Normalized, pos: usize) -> Option<(usize, usize, usize)> {
    let (start, line) = doc.line(doc.line_of(pos));
    let seps = |s: &str| s.bytes().filter(|&b| b == b'\t' || b == b'|').count();
    let total = seps(line);
    (total > 0).then(|| (doc.line_of(pos), seps(&line[..pos - start]), total))
}

/// The shape of `cells` (first at `first`) placed on its line, when all of
/// them and the row's label stand on that one separated line (the label
/// may stand on an earlier line: then it is `None`).
fn grid_key(doc: &Normalized, raw: &RawRow, first: usize, cells: &[RawCell]) -> Option<GridKey> {
    let (line, at, total) = cell_index(doc, first)?;
    if cells.iter().any(|c| doc.line_of(c.start) != line) {
        return None;
    }
    let label = cell_index(doc, raw.label_start)
        .filter(|&(l, _, _)| l == line && raw.label_end > raw.label_start)
        .map(|(_, k, _)| k);
    Some((label, at, total))
}

/// A separated row with fewer values than its `n` columns: the empty
/// cells beside its values may be blank columns, but which of them is
/// certain only where exactly one way of placing the values matches the
/// shape of the table's whole rows (same label cell, same first column,
/// as many cells on the line). `Some(Some(cells))` that placement,
/// `Some(None)` when it is not certain (the row is left unread, never
/// shifted), `None` when the row is not such a row.
fn short_on_grid<'a>(
    doc: &Normalized,
    raw: &'a RawRow,
    n: usize,
    grids: &[(GridKey, usize)],
) -> Option<Option<Vec<&'a RawCell>>> {
    let len = raw.cells.len();
    if raw.blank || len == 0 || len >= n {
        return None;
    }
    let first = raw.cells.first()?;
    let (line, _, _) = cell_index(doc, first.start)?;
    let on_line = |c: &&RawCell| doc.line_of(c.start) == line;
    let lead: Vec<&RawCell> = raw.lead.iter().filter(on_line).collect();
    let trail: Vec<&RawCell> = raw.trail.iter().filter(on_line).collect();
    let k = n - len;
    // The number of cells most whole rows' lines have.
    let mut widths: Vec<(usize, usize)> = Vec::new();
    for &((_, _, total), rows) in grids {
        match widths.iter_mut().find(|(w, _)| *w == total) {
            Some((_, n)) => *n += rows,
            None => widths.push((total, rows)),
        }
    }
    let most = widths.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let mut usual = widths.iter().filter(|&&(_, n)| n == most).map(|&(w, _)| w);
    let usual = usual.next().filter(|_| usual.next().is_none());
    let mut found = None;
    let mut matches = 0;
    let mut windows = Vec::new();
    for from_lead in 0..=k.min(lead.len()) {
        let from_trail = k - from_lead;
        if from_trail > trail.len() {
            continue;
        }
        let placed: Vec<&RawCell> = lead[lead.len() - from_lead..]
            .iter()
            .copied()
            .chain(&raw.cells)
            .chain(trail[..from_trail].iter().copied())
            .collect();
        let Some(key) = grid_key(doc, raw, placed[0].start, &raw.cells) else {
            return Some(None);
        };
        // A shape two whole rows share is the table's grid, and so is one
        // row's whose line has as many cells as most whole rows' lines; a
        // lone row of another width may be damaged itself (a garbled label
        // that swallowed a separator, digits run together), and fixes
        // nothing.
        let enough = |rows: usize| rows >= 2 || Some(key.2) == usual;
        if grids.iter().any(|(g, rows)| *g == key && enough(*rows)) {
            matches += 1;
            found = Some(placed.clone());
        }
        let (_, at, total) = key;
        let like = grids
            .iter()
            .any(|(g, rows)| (g.1, g.2) == (at, total) && enough(*rows));
        windows.push((like, placed));
    }
    if matches == 1 {
        return Some(found);
    }
    // No whole row has the row's label cell, but the values can stand in
    // one way only, and whole rows start their values there on a line of
    // as many cells (rows under a merged group label).
    if let [(true, placed)] = windows.as_slice() {
        if matches == 0 {
            return Some(Some(placed.clone()));
        }
    }
    Some(None)
}

/// The columns of table 3 its header lacks — cut off at the page's edge,
/// or left out — when the header (the lines just above the first row)
/// names every other column and most rows have exactly that many values
/// fewer. Then each row's values go to the columns the header names, and
/// the missing ones stay empty: counting from one end would shift every
/// number into its neighbour's column.
fn missing_columns(spec: &TableSpec, rows: &[RawRow], alignment: &Alignment) -> Vec<usize> {
    if spec.id != TableId::Applications {
        return Vec::new();
    }
    let Some(first) = alignment.assigned.first().copied().flatten() else {
        return Vec::new();
    };
    let columns = spec.rows[0].columns;
    let header: String = rows[first.saturating_sub(3)..=first]
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    // The group heading holds 其他 too: only a column of its own counts.
    let header = header.replace("法人或其他组织", "");
    let named =
        |label: &str| header.contains(label) || (label == "总计" && header.contains("合计"));
    let missing: Vec<usize> = (0..columns.len())
        .filter(|&c| !named(columns[c].label))
        .collect();
    // Most columns must be named for the lines to be the header at all.
    if missing.is_empty() || missing.len() > 2 {
        return Vec::new();
    }
    let n = columns.len();
    let (short, placed) = alignment
        .assigned
        .iter()
        .flatten()
        .fold((0, 0), |(s, p), &i| {
            let fits = header_columns(&rows[i], n, &missing).is_some();
            (s + usize::from(fits), p + 1)
        });
    if short * 2 > placed {
        missing
    } else {
        Vec::new()
    }
}

/// The row's cells with the template columns they stand in, when they are
/// exactly as many as the columns the header has (empty cells among them
/// kept in their places).
fn header_columns<'r>(
    raw: &'r RawRow,
    n: usize,
    missing: &'r [usize],
) -> Option<impl Iterator<Item = (usize, &'r RawCell)>> {
    let present = n.checked_sub(missing.len())?;
    (!missing.is_empty() && !raw.blank && present >= 1 && raw.cells.len() == present).then(|| {
        (0..n)
            .filter(|c| !missing.contains(c))
            .zip(raw.cells.iter())
    })
}

/// The values of `cells` (nil marks included, empty cells left out) kept
/// for a row that could not be placed.
/// Table 4 found but its numbers not placed: an empty table pointing at
/// where they stand, the numbers kept as one unread row.
fn table4_unread(
    doc: &Normalized,
    spec: &'static TableSpec,
    span: crate::model::Span,
    cells: &[RawCell],
    warnings: Vec<Text>,
) -> ReadTable {
    let mut table = Table::empty(spec);
    for cell in table.cells.iter_mut().flatten() {
        cell.source = Some(span);
    }
    ReadTable {
        table: Some(table),
        warnings,
        unread: vec![unread_row(doc, spec.id, None, cells)],
    }
}

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
            // The blank cells opening the line or those closing it, not
            // both: where either way gives 15 the values' places are not
            // certain, and they are left unread.
            let fits: Vec<Vec<RawCell>> = [(true, false), (false, true), (true, true)]
                .into_iter()
                .map(|blanks| gather(first, blanks))
                .filter(|cells| cells.len() == want)
                .collect();
            let either = fits.len() >= 2 && fits[0] != fits[1];
            if let (Some(with_blanks), false) = (fits.into_iter().next(), either) {
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
                warnings.push(Text::new(
                    format!(
                        "表四：数字连在一起（{run}），按勾稽关系拆分为 {}，请核对（第 {line} 行）",
                        shown.join(" ")
                    ),
                    format!(
                        "table 4: the digits run together ({run}); split by the consistency rules into {}; please check (line {line})",
                        shown.join(" ")
                    ),
                ));
                cells = split;
            }
            Err(n) => {
                let (why, why_en) = if n == 0 {
                    (
                        "没有一种拆分符合勾稽关系",
                        "no split keeps the consistency rules",
                    )
                } else {
                    (
                        "有多种拆分都符合勾稽关系",
                        "several splits keep the consistency rules",
                    )
                };
                warnings.push(Text::new(
                    format!(
                        "表四：数字连在一起（{run}），{why}，无法确定各格，表四留空（第 {line} 行）"
                    ),
                    format!(
                        "table 4: the digits run together ({run}); {why_en}, so table 4 is left empty (line {line})"
                    ),
                ));
                let span = doc.span(one.start, one.end);
                return table4_unread(doc, spec, span, &cells, warnings);
            }
        }
    }
    if cells.len() == want {
        let table = place_groups(doc, spec, [true; 3], &cells, &mut warnings);
        return ReadTable {
            table: Some(table),
            warnings,
            unread: Vec::new(),
        };
    }
    if own_section && let Some(groups) = groups_the_header_names(spec, rows, &cells) {
        for (row, _) in spec.rows.iter().zip(groups).filter(|(_, named)| !named) {
            warnings.push(Text::new(
                format!(
                    "表四：表头没有“{}”一组，该组留空，其余各组按表头读取",
                    row.name
                ),
                format!(
                    "table 4: the header has no “{}” group; that group is left empty, the others read by the header",
                    row.name
                ),
            ));
        }
        let table = place_groups(doc, spec, groups, &cells, &mut warnings);
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
        warnings.push(Text::new(
            format!(
                "表四：读到 {} 个值（{}），应为 15 个，无法确定对应的格，表四留空（第 {line} 行）",
                cells.len(),
                found.join(" ")
            ),
            format!(
                "table 4: {} values read ({}) where 15 are expected; their cells cannot be told, so table 4 is left empty (line {line})",
                cells.len(),
                found.join(" ")
            ),
        ));
        let span = doc.span(cells[0].start, cells[cells.len() - 1].end);
        return table4_unread(doc, spec, span, &cells, warnings);
    }
    ReadTable {
        table: None,
        warnings,
        unread: Vec::new(),
    }
}

/// Table 4's cells in template order, `groups` saying which of its three
/// groups of five (行政复议, 未经复议直接起诉, 复议后起诉: the template's rows)
/// the cells fill; the groups not named stay empty.
fn place_groups(
    doc: &Normalized,
    spec: &'static TableSpec,
    groups: [bool; 3],
    cells: &[RawCell],
    warnings: &mut Vec<Text>,
) -> Table {
    let blanks: Vec<&RawCell> = cells
        .iter()
        .filter(|c| c.kind == TokenKind::Empty)
        .collect();
    if let Some(first) = blanks.first() {
        let (n, line) = (blanks.len(), doc.line_of(first.start) + 1);
        warnings.push(Text::new(
            format!("表四：有 {n} 格为空，按无数值处理（第 {line} 行）"),
            format!("table 4: {n} cell(s) are blank; read as no value (line {line})"),
        ));
    }
    let nils = cells.iter().filter(|c| c.kind == TokenKind::Nil).count();
    if nils > 0 {
        let line = doc.line_of(cells[0].start) + 1;
        warnings.push(Text::new(
            format!("表四：有 {nils} 格填“/”或“-”，按无数值处理（第 {line} 行）"),
            format!("table 4: {nils} cell(s) hold “/” or “-”; read as no value (line {line})"),
        ));
    }
    let mut table = Table::empty(spec);
    let mut spans = doc.cursor();
    let mut it = cells.iter();
    for (row, _) in table
        .cells
        .iter_mut()
        .zip(groups)
        .filter(|(_, named)| *named)
    {
        for (cell, raw) in row.iter_mut().zip(it.by_ref()) {
            *cell = Cell {
                value: raw.value,
                source: Some(spans.span(raw.start, raw.end)),
                review: review_mark(raw, None),
            };
        }
    }
    table
}

/// Which of table 4's three groups the header names, when it names fewer
/// than three and the values are exactly five for each group named — a
/// table that leaves a group out, or one cut at the page's edge. Counting
/// the values from the start would put one group's numbers in another's
/// cells. The header must also hold each named group's own column
/// headings (结果维持 … 总计) once per group, so that a header whose group
/// titles were lost in extraction is never taken for a smaller table.
fn groups_the_header_names(
    spec: &TableSpec,
    rows: &[RawRow],
    cells: &[RawCell],
) -> Option<[bool; 3]> {
    let last = cells.last()?.start;
    // The header: the labels of the lines up to the last value.
    let header: String = rows
        .iter()
        .take_while(|r| r.label_start <= last)
        .map(|r| r.label.as_str())
        .collect();
    let [review, direct, after] = spec.rows else {
        return None;
    };
    let names = |row: &RowSpec| row.phrases.iter().any(|p| header.contains(p));
    let groups = [names(review), names(direct), names(after)];
    let named = groups.iter().filter(|&&g| g).count();
    let columns = review.columns;
    let (first, total) = (columns.first()?.label, columns.last()?.label);
    let headings = |label: &str| header.matches(label).count();
    (named >= 1
        && named < groups.len()
        && cells.len() == named * columns.len()
        && headings(first) == named
        && headings(total) + headings("合计") == named)
        .then_some(groups)
}

/// The review mark a cell gets: a value cut out of a digit run, or any
/// value of a row placed by position (`placed`). Blank cells of a placed
/// row are marked too: that the row is blank is as inferred as its numbers.
fn review_mark(cell: &RawCell, placed: Option<ReviewMark>) -> Option<ReviewMark> {
    if cell.rebuilt && cell.value.is_some() {
        Some(ReviewMark::new(ReviewReason::DigitsRebuilt))
    } else {
        placed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_cells_are_separators_with_nothing_between() {
        let before_values = |text: &str| {
            let doc = Normalized::new(text);
            let values = doc.text.find('7').unwrap();
            empty_cells_before_values(&doc, 0, values)
        };
        // A blank row's own cells after its label.
        assert!(before_values("规章\t\t\t\n行政规范\t7\t0\t1\n"));
        assert!(before_values("| 规章 | | | |\n| 7 | 0 | 1 |\n"));
        assert!(before_values("一、本年新收       \n\n 7 0 0\n"));
        assert!(before_values("2.没有现成信息\n      \n 7 0 0\n"));
        // A label wrapped over lines, a pipe table's closing bar, a
        // markdown delimiter row: no empty cell.
        assert!(!before_values(
            "5.要求行政机关确认或重新\n出具已获取信息\n7 0 0\n"
        ));
        assert!(!before_values(
            "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 7 | 0 |\n"
        ));
    }

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
