//! Rows the parser could not place: their cells, their names, and the one
//! fill of their numbers that makes the rules hold.

use super::*;
use crate::model::{CellRef, Report, UnreadRow};
use crate::text::{Lang, Text};

/// The cells an unread row was to fill, in order: the row's, or the whole
/// table's (table 4 read as one run of values). `None` when the report no
/// longer has that table or row.
pub fn unread_cells(report: &Report, u: &UnreadRow) -> Option<Vec<CellRef>> {
    let t = report.tables.get(u.table)?;
    let rows = match u.row {
        Some(key) => {
            let r = t.spec.row(key)?;
            r..r + 1
        }
        None => 0..t.spec.rows.len(),
    };
    Some(
        rows.flat_map(|row| {
            (0..t.spec.rows[row].columns.len()).map(move |col| CellRef {
                table: u.table,
                row,
                col,
            })
        })
        .collect(),
    )
}

/// Whether an unread row's cells are all still empty (nobody filled them).
pub fn is_unfilled(report: &Report, u: &UnreadRow) -> bool {
    unread_cells(report, u).is_some_and(|cells| {
        cells
            .iter()
            .all(|&at| report.tables.cell(at).is_none_or(|c| c.value.is_none()))
    })
}

/// How an unread row is named: `表三“（一）予以公开”`, or `表四`
/// (`table 3 “（一）予以公开”`, `table 4`).
pub(super) fn unread_name(report: &Report, u: &UnreadRow) -> Text {
    let (title, title_en) = (u.table.short_title(), u.table.short_title_en());
    let row = match (u.row, report.tables.get(u.table)) {
        (Some(key), Some(t)) => t.spec.row(key).map(|r| t.spec.rows[r].name),
        _ => None,
    };
    match row {
        Some(name) => Text::new(format!("{title}“{name}”"), format!("{title_en} “{name}”")),
        None => Text::new(title, title_en),
    }
}

/// The problem an unread row is.
pub fn unread_message(report: &Report, u: &UnreadRow) -> Text {
    let want = unread_cells(report, u).map(|c| c.len()).unwrap_or(0);
    let read = |lang: Lang| {
        let v: Vec<String> = u.values.iter().map(|v| show(*v, lang)).collect();
        v.join(" ")
    };
    let name = unread_name(report, u);
    let n = u.values.len();
    Text::new(
        format!(
            "{}读到 {n} 个值（{}），应为 {want} 个，无法确定对应的{}，留空未填",
            name.zh(),
            read(Lang::Zh),
            if u.row.is_some() { "列" } else { "格" }
        ),
        format!(
            "{}: {n} values read ({}) where {want} are expected; their {} cannot be told, so they are left blank",
            name.en(),
            read(Lang::En),
            if u.row.is_some() { "columns" } else { "cells" }
        ),
    )
}

/// How an unread row's values are fitted to its cells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Fill {
    AsRead,
    /// Values `i` and `i + 1` are the halves of one number.
    Join(usize),
    /// The first value is extra: everything moves one column left.
    DropFirst,
    /// The last value is extra.
    DropLast,
    /// One value short, the first cell the blank: everything moves one
    /// column right.
    BlankFirst,
    /// One value short, the last cell the blank.
    BlankLast,
}

/// Proposals to fill each unfilled unread row: the numbers as read, fitted
/// the one way (a split number joined, a shift by one column) that makes
/// rules hold that could not be checked, breaking none.
pub(super) fn unread_suggestions(judge: &Judge) -> Vec<Suggestion> {
    let report = judge.report;
    let mut out = Vec::new();
    for (i, u) in report.unread_rows.iter().enumerate() {
        if !is_unfilled(report, u) {
            continue;
        }
        let (Some(cells), Some(t)) = (unread_cells(report, u), report.tables.get(u.table)) else {
            continue;
        };
        let (n, v) = (cells.len(), &u.values);
        let mut fills: Vec<(Fill, Vec<Option<f64>>)> = Vec::new();
        if v.len() == n {
            fills.push((Fill::AsRead, v.clone()));
        } else if v.len() == n + 1 {
            for j in 0..n {
                if let (Some(a), Some(b)) = (v[j], v[j + 1])
                    && let Some(joined) = join_digits(a, b)
                {
                    let mut new = v[..j].to_vec();
                    new.push(Some(joined));
                    new.extend_from_slice(&v[j + 2..]);
                    fills.push((Fill::Join(j), new));
                }
            }
            fills.push((Fill::DropFirst, v[1..].to_vec()));
            fills.push((Fill::DropLast, v[..n].to_vec()));
        } else if v.len() + 1 == n && n > 1 {
            let mut first = vec![None];
            first.extend_from_slice(v);
            fills.push((Fill::BlankFirst, first));
            let mut last = v.clone();
            last.push(None);
            fills.push((Fill::BlankLast, last));
        }
        let old = vec![None; n];
        let scored: Vec<(Fill, Changes, Verdict)> = fills
            .into_iter()
            .filter_map(|(fill, new)| {
                let changes = row_changes(t, &cells, &old, &new)?;
                let after = Verdict::of(judge, &changes, true)?;
                (after.gained + after.fixed.len() > 0).then_some((fill, changes, after))
            })
            .collect();
        let refs: Vec<&(Fill, Changes, Verdict)> = scored.iter().collect();
        let Some((fill, changes, after)) = unique_best(&refs, |(_, _, o)| o.gained + o.fixed.len())
        else {
            continue;
        };
        out.push(Suggestion {
            places: dedup(after.fixed.iter().map(|(_, p)| p.clone())),
            label: describe_fill(report, u, t, &cells, *fill, changes),
            changes: changes.clone(),
            unread: Some(i),
        });
    }
    out
}
