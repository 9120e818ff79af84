//! Stage 4b: tokens → raw rows: the label text a row's values follow, and
//! the values. A row ends where label text starts again after values, so a
//! label broken over several lines, a row whose last number was pushed to
//! the next line, and a shredded header before the first row all come out
//! as one row each, whatever the line breaks were.

use crate::parser::normalize::Normalized;
use crate::parser::table::tokens::{Token, TokenKind};

#[derive(Clone, Debug, PartialEq)]
pub struct RawCell {
    /// `None` for a nil mark or an empty cell.
    pub value: Option<f64>,
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// Cut out of a run of digits by [`crate::parser::table::digits`]: the
    /// value is a reading, not what the source separated.
    pub rebuilt: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    /// The label with all white space removed.
    pub label: String,
    /// Normalised byte range of the label (first to last word).
    pub label_start: usize,
    pub label_end: usize,
    pub cells: Vec<RawCell>,
    /// Empty cells between the label and the first value, and after the
    /// last value: usually the rest of merged cells, sometimes blank values
    /// (see [`RawRow::fitted`]).
    pub lead: Vec<RawCell>,
    pub trail: Vec<RawCell>,
    /// The row without one number standing alone on its line that may be a
    /// page number caught between the row's values (`3` in “规章 0 1 8 / 3 /”
    /// broken over lines): tried only where the row does not fit as read.
    pub without_stray: Option<Box<RawRow>>,
    /// Whether that number is surely no value: it stands on a plain line
    /// among tab- or pipe-separated rows. Then the row is fitted without it
    /// first.
    pub stray_surely: bool,
    /// Whether blank lines stand for empty cells among the values (a table
    /// one cell to a line): then, where the row has too many values, the
    /// number standing alone is left out before any empty cell.
    pub blank_cells: bool,
    /// Whether the row is a tab- or pipe-separated line whose value cells
    /// are all empty (`2.其他法律行政法规禁止公开 | | | …`, `&nbsp;` cells of
    /// a web table): a row of nulls that keeps its label, never giving it
    /// to the next row's values. Its `cells` are those empty cells.
    pub blank: bool,
}

impl RawRow {
    /// The row's cells fitted to `n` columns, or `None` when they cannot be
    /// fitted without guessing. Tab- or pipe-separated rows keep their empty
    /// cells: when the values alone are too few, the empty cells after them
    /// (then before them) are the blank columns; when they are too many,
    /// empty cells between values are the rest of a merged cell.
    pub fn fitted(&self, n: usize) -> Option<Vec<&RawCell>> {
        let without = || self.without_stray.as_ref()?.fitted_as_read(n);
        if self.stray_first(n) {
            without().or_else(|| self.fitted_as_read(n))
        } else {
            self.fitted_as_read(n).or_else(without)
        }
    }

    /// The number standing alone on its line that [`RawRow::fitted`] left
    /// out to fit the row to `n` columns, if it did.
    pub fn stray_left_out(&self, n: usize) -> Option<&RawCell> {
        if (self.fits_as_read(n) && !self.stray_first(n))
            || !self.without_stray.as_ref()?.fits_as_read(n)
        {
            return None;
        }
        let kept = self.without_stray.as_ref()?;
        let all = self.cells.iter().chain(&self.trail);
        let mut kept_cells = kept.cells.iter().chain(&kept.trail);
        let mut next = kept_cells.next();
        for c in all {
            match next {
                Some(k) if k.start == c.start => next = kept_cells.next(),
                _ => return Some(c),
            }
        }
        None
    }

    /// Whether the row is fitted to `n` columns without its stray number
    /// before it is tried as read.
    fn stray_first(&self, n: usize) -> bool {
        self.stray_surely || (self.blank_cells && self.cells.len() > n)
    }

    fn fitted_as_read(&self, n: usize) -> Option<Vec<&RawCell>> {
        let len = self.cells.len();
        if self.blank && len > 0 {
            // Every column is empty, whatever merged cells made the count.
            return Some((0..n).map(|k| &self.cells[k.min(len - 1)]).collect());
        }
        if len == n {
            return Some(self.cells.iter().collect());
        }
        if len < n && len > 0 {
            let k = n - len;
            if self.trail.len() >= k {
                return Some(self.cells.iter().chain(&self.trail[..k]).collect());
            }
            if self.trail.len() + self.lead.len() >= k {
                let from_lead = k - self.trail.len();
                let lead = &self.lead[self.lead.len() - from_lead..];
                return Some(lead.iter().chain(&self.cells).chain(&self.trail).collect());
            }
            return None;
        }
        let filled: Vec<&RawCell> = self
            .cells
            .iter()
            .filter(|c| c.kind != TokenKind::Empty)
            .collect();
        if n == 1 && self.repeats_one_value() {
            return Some(vec![&self.cells[0]]);
        }
        (filled.len() == n).then_some(filled)
    }

    /// Whether the row is one value repeated over two to four cells: a
    /// value cell merged over the table's columns that a Word-to-text
    /// conversion wrote once per column (“行政许可 41 41 41”).
    fn repeats_one_value(&self) -> bool {
        let Some(first) = self.cells.first() else {
            return false;
        };
        (2..=4).contains(&self.cells.len())
            && first.value.is_some()
            && self
                .cells
                .iter()
                .all(|c| c.kind == first.kind && c.value == first.value)
    }

    /// Whether [`RawRow::fitted`] would fit the row to `n` columns, without
    /// building the list (the alignment asks this for every pairing).
    pub fn fits(&self, n: usize) -> bool {
        self.fits_as_read(n)
            || self
                .without_stray
                .as_ref()
                .is_some_and(|r| r.fits_as_read(n))
    }

    fn fits_as_read(&self, n: usize) -> bool {
        let len = self.cells.len();
        if self.blank && len > 0 {
            return true;
        }
        match len.cmp(&n) {
            std::cmp::Ordering::Equal => true,
            std::cmp::Ordering::Less => len > 0 && self.trail.len() + self.lead.len() >= n - len,
            std::cmp::Ordering::Greater => {
                self.cells
                    .iter()
                    .filter(|c| c.kind != TokenKind::Empty)
                    .count()
                    == n
                    || (n == 1 && self.repeats_one_value())
            }
        }
    }

    /// An empty row with room for a usual label (up to 40 characters) and
    /// row of values with the empty cells of the next line's merged label
    /// cells, so that building it allocates once, not at every doubling.
    fn with_room() -> RawRow {
        RawRow {
            label: String::with_capacity(120),
            cells: Vec::with_capacity(12),
            ..RawRow::default()
        }
    }

    /// Normalised byte range from the first to the last cell.
    pub fn cells_range(&self) -> Option<(usize, usize)> {
        Some((self.cells.first()?.start, self.cells.last()?.end))
    }
}

pub fn raw_rows(doc: &Normalized, tokens: &[Token]) -> Vec<RawRow> {
    // A row has a label and a few values: about one row per five tokens.
    let mut rows = Vec::with_capacity(tokens.len() / 5 + 1);
    let mut cur = RawRow::with_room();
    let mut has_label = false;
    // The numbering mark of the label's last line that opened with one.
    let mut mark = None;
    // Where the label's text on its last line starts, and the label's
    // length and end before it.
    let mut last_line = (0, 0, 0);
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        k += 1;
        match t.kind {
            TokenKind::Text => {
                if !cur.cells.is_empty() {
                    // The rest of a label wrapped around its row's values.
                    if let Some(end) = label_tail(doc, tokens, k - 1) {
                        for t in &tokens[k - 1..end] {
                            cur.label.push_str(&doc.text[t.start..t.end]);
                            cur.label_end = t.end;
                        }
                        k = end;
                        continue;
                    }
                    finish(doc, &mut cur, &mut rows);
                    has_label = false;
                } else if has_label
                    && (blank_row_ends(doc, &mut cur, t)
                        || floating_label_ends(doc, &cur, t)
                        || next_item_ends(doc, mark, t))
                {
                    finish(doc, &mut cur, &mut rows);
                    has_label = false;
                }
                if !has_label {
                    cur.label_start = t.start;
                    has_label = true;
                    cur.lead.clear();
                    mark = None;
                }
                if let Some(m) = line_mark(doc, t) {
                    mark = Some(m);
                }
                if t.start == cur.label_start || doc.line_of(t.start) != doc.line_of(cur.label_end)
                {
                    last_line = (t.start, cur.label.len(), cur.label_end);
                }
                cur.label.push_str(&doc.text[t.start..t.end]);
                cur.label_end = t.end;
            }
            TokenKind::Value(v) => {
                if bare_values_start(doc, &cur, tokens, k - 1)
                    || (floating_label_before_values(doc, &cur, tokens, k - 1)
                        && labels_in_separated_lines(doc, &rows))
                    || blank_line_before_values(doc, &mut cur, last_line, tokens, k - 1, &mut rows)
                {
                    // The empty cells already read on this line (merged
                    // label cells before the values) open the new row.
                    let line_start = line_at(doc, t.start).0;
                    let keep = cur
                        .cells
                        .iter()
                        .rposition(|c| c.kind != TokenKind::Empty || c.start < line_start)
                        .map_or(0, |k| k + 1);
                    let lead = cur.cells.split_off(keep);
                    finish(doc, &mut cur, &mut rows);
                    has_label = false;
                    cur.label_start = t.start;
                    cur.label_end = t.start;
                    cur.lead = lead;
                }
                cur.cells.push(RawCell {
                    value: Some(v),
                    kind: t.kind,
                    start: t.start,
                    end: t.end,
                    rebuilt: false,
                })
            }
            TokenKind::Nil => cur.cells.push(RawCell {
                value: None,
                kind: t.kind,
                start: t.start,
                end: t.end,
                rebuilt: false,
            }),
            // An empty cell before the first value is a merged label cell.
            TokenKind::Empty if !cur.cells.is_empty() => cur.cells.push(RawCell {
                value: None,
                kind: t.kind,
                start: t.start,
                end: t.end,
                rebuilt: false,
            }),
            TokenKind::Empty => cur.lead.push(RawCell {
                value: None,
                kind: t.kind,
                start: t.start,
                end: t.end,
                rebuilt: false,
            }),
        }
    }
    finish(doc, &mut cur, &mut rows);
    rows
}

fn finish(doc: &Normalized, cur: &mut RawRow, rows: &mut Vec<RawRow>) {
    let values_end = values_end(&cur.cells);
    if cur.cells.len() >= 2 {
        if let Some(k) = stray(doc, &cur.cells[..values_end]) {
            let mut without = RawRow {
                label: cur.label.clone(),
                label_start: cur.label_start,
                label_end: cur.label_end,
                cells: cur.cells.clone(),
                lead: cur.lead.clone(),
                ..RawRow::default()
            };
            let stray = without.cells.remove(k);
            split_trail(&mut without);
            cur.without_stray = Some(Box::new(without));
            let has_separator = |c: &RawCell| line_at(doc, c.start).1.contains(['\t', '|']);
            // A blank line read as an empty cell among the values (a table
            // one cell to a line) is surer than a number standing alone
            // between rows, where the row has a value too many.
            let blank_line = |c: &RawCell| {
                c.kind == TokenKind::Empty && line_at(doc, c.start).1.trim().is_empty()
            };
            cur.stray_surely = !has_separator(&stray) && cur.cells.iter().any(has_separator);
            cur.blank_cells = cur.cells[..values_end].iter().any(blank_line);
        }
    }
    split_trail(cur);
    if !cur.label.is_empty() || !cur.cells.is_empty() {
        rows.push(std::mem::replace(cur, RawRow::with_room()));
    }
}

/// A numbering mark's kind (`一、`, `(一)`, `1.`/`1、`) and number.
type Mark = (u8, u32);

/// The numbering mark of the line the text token `t` opens (nothing but
/// white space or separators before it on its line).
fn line_mark(doc: &Normalized, t: &Token) -> Option<Mark> {
    let (start, line) = line_at(doc, t.start);
    let before = &line[..t.start - start];
    if !before.chars().all(|c| c.is_whitespace() || c == '|') {
        return None;
    }
    let text = &line[t.start - start..];
    let numeral = |s: &str| -> Option<(u32, usize)> {
        let digits: String = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect();
        let value = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
        let chars: Vec<char> = digits.chars().collect();
        let n = match chars.as_slice() {
            [c] if *c == '十' => 10,
            [c] => value(*c)?,
            ['十', c] => 10 + value(*c)?,
            _ => return None,
        };
        Some((n, digits.len()))
    };
    if let Some(rest) = text.strip_prefix('(') {
        let (n, len) = numeral(rest)?;
        return rest[len..].starts_with(')').then_some((1, n));
    }
    if let Some((n, len)) = numeral(text) {
        return text[len..].starts_with('、').then_some((0, n));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && text[digits..].starts_with(['.', '、']) {
        return Some((2, text[..digits].parse().ok()?));
    }
    None
}

/// Whether the text token `next` opens a line with the numbering mark that
/// follows `mark`, the mark of the label read so far (no values yet):
/// `二、` after `一、`, `2.` after `1.`. The label read so far is then a row
/// of its own whose values are missing, never the label of the next item's
/// values.
fn next_item_ends(doc: &Normalized, mark: Option<Mark>, next: &Token) -> bool {
    let Some((kind, n)) = mark else {
        return false;
    };
    line_mark(doc, next) == Some((kind, n + 1))
}

/// Whether the text token `next` opens a cell of a tab- or pipe-separated
/// line (only empty cells before it on its line) with a numbering mark
/// (`| 1.属于国家秘密 | 0 | …`) while the label read so far stands on plain
/// lines before it: text a converter floated out of the table (wrapped
/// labels of other rows, `（三）不予公开`). The separated line's own cell is
/// its row's label; the floating text is left as a row without values.
fn floating_label_ends(doc: &Normalized, cur: &RawRow, next: &Token) -> bool {
    if !cur.cells.is_empty()
        || !cur.lead.is_empty()
        || doc.line_of(next.start) == doc.line_of(cur.label_end)
        || !plain_lines(doc, cur.label_start, cur.label_end)
    {
        return false;
    }
    let (next_start, next_line) = line_at(doc, next.start);
    if next_start <= cur.label_start || !next_line.contains(['\t', '|']) {
        return false;
    }
    let before = &next_line[..next.start - next_start];
    if !before.chars().all(|c| c.is_whitespace() || c == '|') {
        return false;
    }
    opens_with_mark(&next_line[next.start - next_start..])
}

/// Whether the value token `tokens[k]` opens a pipe- or tab-separated line
/// of values without a label (`| 0 | 0 | 0 | 0 | 0 | 0 | 0 |`) after a row
/// whose own values stand on an earlier separated line: a converter's bare
/// row whose label floated away, a row of its own (placed later by its
/// position in the table, where that is certain). At least three values,
/// and as many on each line: a row's values wrapped over two lines differ.
fn bare_values_start(doc: &Normalized, cur: &RawRow, tokens: &[Token], k: usize) -> bool {
    // (The empty cells before the values on this line, merged label
    // cells, are in `cur.cells` already: the row's last value is looked at.)
    let Some(last) = cur.cells.iter().rev().find(|c| c.kind != TokenKind::Empty) else {
        return false;
    };
    let line_start = line_at(doc, tokens[k].start).0;
    if last.start >= line_start || !bare_value_line(doc, tokens, k) {
        return false;
    }
    // The row's last line of values is separated too and holds three or more.
    let (last_start, last_line) = line_at(doc, last.start);
    if !last_line.contains(['\t', '|']) {
        return false;
    }
    let on_last = cur
        .cells
        .iter()
        .rev()
        .take_while(|c| c.start >= last_start)
        .filter(|c| c.kind != TokenKind::Empty)
        .count();
    // As many values on both lines: two rows of one table, not one row's
    // values wrapped over two lines.
    let line_end = line_start + line_at(doc, tokens[k].start).1.len();
    let on_this = tokens[k..]
        .iter()
        .take_while(|t| t.start <= line_end)
        .filter(|t| matches!(t.kind, TokenKind::Value(_) | TokenKind::Nil))
        .count();
    on_last >= 3 && on_last == on_this
}

/// Whether the value token `tokens[k]` opens a tab- or pipe-separated line
/// holding three or more values and no text.
fn bare_value_line(doc: &Normalized, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let (line_start, line) = line_at(doc, t.start);
    let line_end = line_start + line.len();
    // Only empty cells before it on its line (looked at through the
    // tokens, so that a long line is not scanned at each of its values).
    let opener = tokens[..k]
        .iter()
        .rev()
        .find(|p| p.kind != TokenKind::Empty || p.start < line_start)
        .is_none_or(|p| p.start < line_start);
    if !opener || !line.contains(['\t', '|']) {
        return false;
    }
    let before = &line[..t.start - line_start];
    if !before.chars().all(|c| c.is_whitespace() || c == '|') {
        return false;
    }
    let on_line = tokens[k..].iter().take_while(|t| t.start <= line_end);
    !on_line.clone().any(|t| t.kind == TokenKind::Text)
        && on_line
            .filter(|t| matches!(t.kind, TokenKind::Value(_) | TokenKind::Nil))
            .count()
            >= 3
}

/// Whether the label read so far (no values yet) stands on plain lines
/// only, and the value token `tokens[k]` opens a bare separated line of
/// values: text a converter floated out of a pipe table (often the labels
/// of other rows) is not that line's label. The values start a row without
/// a label, placed later by position where that is certain.
fn floating_label_before_values(
    doc: &Normalized,
    cur: &RawRow,
    tokens: &[Token],
    k: usize,
) -> bool {
    cur.cells.is_empty()
        && !cur.label.is_empty()
        && bare_value_line(doc, tokens, k)
        && plain_lines(doc, cur.label_start, cur.label_end)
}

/// Whether one of the last rows read has its label and values on one tab-
/// or pipe-separated line: the table writes labels in its cells, so text on
/// plain lines between its lines floated out of it. (A table that writes
/// each label on a plain line above its separated values has none.)
fn labels_in_separated_lines(doc: &Normalized, rows: &[RawRow]) -> bool {
    rows.iter().rev().take(30).any(|r| {
        let Some(first) = r.cells.first() else {
            return false;
        };
        if r.label.is_empty() {
            return false;
        }
        let (start, line) = line_at(doc, first.start);
        r.label_end >= start && line.contains(['\t', '|'])
    })
}

/// Whether the text from `start` to `end` stands on at most eight lines,
/// none of them tab- or pipe-separated.
fn plain_lines(doc: &Normalized, start: usize, end: usize) -> bool {
    let (first, last) = (doc.line_of(start), doc.line_of(end));
    last - first <= 8 && (first..=last).all(|i| !doc.line(i).1.contains(['\t', '|']))
}

/// Whether the row being read (a label, no values yet) is a whole line of
/// a tab- or pipe-separated table whose cells after the label are all
/// empty, and the value token `tokens[k]` opens a later bare separated line
/// of values (no text, three or more values): a blank row whose label stays
/// its own, and a row whose label is missing, never one row. Then the
/// row's empty cells become its cells and it is marked [`RawRow::blank`];
/// the values start a row without a label (placed later by position where
/// that is certain). Label text on earlier lines (a header read before the
/// row, no values of its own) is left as a row of its own, `last_line`
/// telling where the label's last line starts (offset, label length and
/// end before it).
fn blank_line_before_values(
    doc: &Normalized,
    cur: &mut RawRow,
    last_line: (usize, usize, usize),
    tokens: &[Token],
    k: usize,
    rows: &mut Vec<RawRow>,
) -> bool {
    let (part_start, head_len, head_end) = last_line;
    if !cur.cells.is_empty()
        || cur.label.is_empty()
        || cur.lead.is_empty()
        || part_start < cur.label_start
        || doc.line_of(part_start) != doc.line_of(cur.label_end)
        || doc.line_of(tokens[k].start) == doc.line_of(cur.label_end)
    {
        return false;
    }
    let (line_start, line) = line_at(doc, cur.label_end);
    let line_end = line_start + line.len();
    if !line.contains(['\t', '|']) || !bare_value_line(doc, tokens, k) {
        return false;
    }
    let before = &doc.text[line_start..part_start];
    if !before.chars().all(|c| c.is_whitespace() || c == '|') {
        return false;
    }
    let on_line = |c: &RawCell| c.start >= cur.label_end && c.start <= line_end;
    if !cur.lead.iter().any(on_line) {
        return false;
    }
    if part_start > cur.label_start {
        let (head_lead, lead): (Vec<RawCell>, Vec<RawCell>) = std::mem::take(&mut cur.lead)
            .into_iter()
            .partition(|c| c.start < part_start);
        let mut head = RawRow {
            label: cur.label[..head_len].to_string(),
            label_start: cur.label_start,
            label_end: head_end,
            lead: head_lead,
            ..RawRow::default()
        };
        finish(doc, &mut head, rows);
        cur.label.drain(..head_len);
        cur.label_start = part_start;
        cur.lead = lead;
    }
    let lead = std::mem::take(&mut cur.lead);
    let (cells, lead): (Vec<RawCell>, Vec<RawCell>) = lead.into_iter().partition(on_line);
    cur.cells = cells;
    cur.lead = lead;
    cur.blank = true;
    true
}

/// Whether the row being read (a label, no values yet) is a whole line of
/// a tab- or pipe-separated table whose cells after the label are all
/// empty, and the text token `next` opens the next row's numbered label
/// (`3.` `（六）` `四、` on the following line). Then the row is a blank row
/// of its own: its empty cells become its cells and it is marked
/// [`RawRow::blank`]. A label wrapped onto a second line of the table (the
/// next line's text opens without a numbering mark) stays one label.
fn blank_row_ends(doc: &Normalized, cur: &mut RawRow, next: &Token) -> bool {
    // (Cheap tests first: this is asked at every word of a label.)
    if cur.lead.is_empty()
        || doc.line_of(cur.label_start) != doc.line_of(cur.label_end)
        || doc.line_of(next.start) == doc.line_of(cur.label_end)
        || !opens_with_mark(&doc.text[cur.label_start..cur.label_end])
    {
        return false;
    }
    let (line_start, line) = line_at(doc, cur.label_end);
    let line_end = line_start + line.len();
    // (One line holds the whole label.)
    if cur.label_start < line_start || next.start <= line_end || !line.contains(['\t', '|']) {
        return false;
    }
    let (next_start, next_line) = line_at(doc, next.start);
    let next_text = &next_line[next.start - next_start..];
    // A label wrapped onto the next line goes on in its own cell; text
    // opening another cell (a garbled label) is the next row's.
    let cell = |line: &str, at: usize| {
        line[..at]
            .bytes()
            .filter(|&b| b == b'\t' || b == b'|')
            .count()
    };
    let other_cell = next_line.contains(['\t', '|'])
        && cell(next_line, next.start - next_start) != cell(line, cur.label_start - line_start);
    if !opens_with_mark(next_text) && !other_cell {
        return false;
    }
    let on_line = |c: &RawCell| c.start >= cur.label_end && c.start <= line_end;
    if !cur.lead.iter().any(on_line) {
        return false;
    }
    // (The label opens its line: no text of an earlier row before it.)
    let before = &doc.text[line_start..cur.label_start];
    if !before.chars().all(|c| c.is_whitespace() || c == '|') {
        return false;
    }
    let lead = std::mem::take(&mut cur.lead);
    let (cells, lead): (Vec<RawCell>, Vec<RawCell>) = lead.into_iter().partition(on_line);
    cur.cells = cells;
    cur.lead = lead;
    cur.blank = true;
    true
}

/// Where a wrapped label's values stand on its first or middle line (as
/// `pdftotext -layout` writes a table), the label's last line comes after
/// the values: `2.其他法律行政法规 1 0 1 0 0 7 9` / `禁止公开` /
/// `3.危及“三安全一稳定” …`. Text after values is such a tail when it opens
/// its line without a numbering mark (1. （三） 四、), is no longer than a
/// label (up to five lines, at most 40 characters) and is followed, before
/// any value, by a line that opens with one: the next row's label. One short
/// line may also end the region, or come before a long line of text without
/// values (what follows the table). Returns the index of the token after
/// the tail. Plain-text lines only: in tab- or pipe-separated rows a cell is
/// never wrapped onto a line of its own.
fn label_tail(doc: &Normalized, tokens: &[Token], first: usize) -> Option<usize> {
    let text = doc.text.as_bytes();
    // The line the token opens (nothing but spaces before it), found by
    // looking at the bytes around it rather than searching the line table:
    // this is asked at every row's end.
    let opening_line = |pos: usize| -> Option<&str> {
        let mut i = pos;
        while i > 0 && text[i - 1] == b' ' {
            i -= 1;
        }
        if i > 0 && text[i - 1] != b'\n' {
            return None;
        }
        let end = memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |k| pos + k);
        Some(&doc.text[i..end])
    };
    let separated = |l: &str| l.bytes().any(|b| b == b'\t' || b == b'|');
    let line = opening_line(tokens[first].start)?;
    if opens_with_mark(line) || separated(line) {
        return None;
    }
    let mut lines = 1;
    let mut chars = 0;
    let mut prev_end = tokens[first].start;
    for (j, t) in tokens.iter().enumerate().skip(first) {
        if matches!(t.kind, TokenKind::Value(_) | TokenKind::Nil) {
            return None;
        }
        if let Some(k) = memchr::memrchr(b'\n', &text[prev_end..t.start]) {
            let line_end =
                memchr::memchr(b'\n', &text[t.start..]).map_or(text.len(), |k| t.start + k);
            let l = &doc.text[prev_end + k + 1..line_end];
            if opens_with_mark(l) && !separated(l) {
                return Some(j);
            }
            // After the table's last row: a long line of text without
            // values (the next table's header note, narrative).
            if lines == 1
                && chars <= 10
                && l.trim().chars().count() >= 20
                && tokens[j..]
                    .iter()
                    .take_while(|t| t.start < line_end)
                    .all(|t| matches!(t.kind, TokenKind::Text | TokenKind::Empty))
            {
                return Some(j);
            }
            lines += 1;
            if lines > 5 {
                return None;
            }
        }
        if t.kind != TokenKind::Text {
            return None;
        }
        prev_end = t.end;
        chars += doc.text[t.start..t.end].chars().count();
        if chars > 40 {
            return None;
        }
    }
    // The last row's tail may end the region: one short line.
    (lines == 1 && chars <= 10).then_some(tokens.len())
}

/// The line holding normalised offset `pos`: its start and text.
fn line_at(doc: &Normalized, pos: usize) -> (usize, &str) {
    doc.line(doc.line_of(pos))
}

/// Whether `line` opens with a row's numbering mark: `1.` `1、` `1 `,
/// `(三)`, `四、`, or table 2's `第二十条`.
fn opens_with_mark(line: &str) -> bool {
    // Bytes of the Chinese numerals `s` opens with.
    let numerals = |s: &str| -> usize {
        s.chars()
            .take_while(|&c| "一二三四五六七八九十".contains(c))
            .map(char::len_utf8)
            .sum()
    };
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix('第') {
        let n = numerals(rest);
        return n > 0 && rest[n..].starts_with('条');
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        // (`1 属于…`, never a line of values `0 0 0`.)
        let rest = &t[digits..];
        return rest.starts_with(['.', '、'])
            || (rest.starts_with(' ')
                && !rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    }
    if let Some(rest) = t.strip_prefix('(') {
        let n = numerals(rest);
        return n > 0 && rest[n..].starts_with(')');
    }
    let n = numerals(t);
    n > 0 && t[n..].starts_with('、')
}

/// Where a row's values end: the empty cells after the last value are the
/// rest of a merged row.
fn values_end(cells: &[RawCell]) -> usize {
    cells
        .iter()
        .rposition(|c| c.kind != TokenKind::Empty)
        .map_or(0, |k| k + 1)
}

/// Moves the empty cells after the last value into `trail`.
fn split_trail(row: &mut RawRow) {
    if row.blank {
        return;
    }
    let end = values_end(&row.cells);
    if end < row.cells.len() {
        row.trail = row.cells.split_off(end);
    }
}

/// Which of a row's cells may be a page number caught between its values:
/// a whole number from 1 to 999 alone on its line. The one with blank lines
/// on both sides, where exactly one has; else the last
/// cell, else the first, when it stands alone.
fn stray(doc: &Normalized, cells: &[RawCell]) -> Option<usize> {
    let text = doc.text.as_bytes();
    // Values all on one line, the usual row, have none alone on its line.
    let (first, last) = (cells.first()?, cells.last()?);
    memchr::memchr(b'\n', &text[first.start..last.end])?;
    // (blank line before, blank line after) when the cell is alone on its
    // line, else None. (Page breaks are line breaks by now.)
    let alone = |c: &RawCell| -> Option<(bool, bool)> {
        let v = c.value?;
        if c.kind == TokenKind::Empty || !(1.0..=999.0).contains(&v) || v.fract() != 0.0 {
            return None;
        }
        let is_space = |b: u8| b == b' ' || b == b'\t' || b == b'\r';
        let mut i = c.start;
        while i > 0 && is_space(text[i - 1]) {
            i -= 1;
        }
        if i > 0 && text[i - 1] != b'\n' {
            return None;
        }
        let mut j = c.end;
        while j < text.len() && is_space(text[j]) {
            j += 1;
        }
        if j < text.len() && text[j] != b'\n' {
            return None;
        }
        // The line before ends at i - 1; a blank line is one with nothing
        // but spaces before its break.
        let blank_before = i == 0 || {
            let mut k = i - 1;
            while k > 0 && is_space(text[k - 1]) {
                k -= 1;
            }
            k == 0 || text[k - 1] == b'\n'
        };
        let blank_after = j >= text.len() || {
            let mut k = j + 1;
            while k < text.len() && is_space(text[k]) {
                k += 1;
            }
            k >= text.len() || text[k] == b'\n'
        };
        Some((blank_before, blank_after))
    };
    let mut framed = None;
    let mut framed_count = 0;
    for (k, c) in cells.iter().enumerate() {
        if alone(c) == Some((true, true)) {
            framed = Some(k);
            framed_count += 1;
        }
    }
    if framed_count == 1 {
        return framed;
    }
    let last = cells.len().checked_sub(1)?;
    if alone(&cells[last]).is_some() {
        return Some(last);
    }
    alone(&cells[0]).is_some().then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::table::tokens::tokenize;

    fn rows(text: &str) -> Vec<(String, Vec<Option<f64>>)> {
        let doc = Normalized::new(text);
        let toks = tokenize(&doc, 0..doc.line_count());
        raw_rows(&doc, &toks)
            .into_iter()
            .map(|r| (r.label, r.cells.iter().map(|c| c.value).collect()))
            .collect()
    }

    #[test]
    fn wrapped_labels_and_pushed_numbers() {
        let text = "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n\n0 0 0 0 0 0\n0\n\n（三）不\n予公开\n\n1.属于国家秘密 0 0 0 0 0 0 0\n";
        let r = rows(text);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)");
        assert_eq!(r[0].1.len(), 7);
        assert_eq!(r[1].0, "(三)不予公开1.属于国家秘密");
    }

    #[test]
    fn a_label_left_without_values_ends_at_the_next_items_mark() {
        // 一、's numbers lost: 二、's are never 一、's.
        let r =
            rows("一、本年新收政府信息公开申请数量\n\n二、上年结转政府信息公开申请数量 0 0 0\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "一、本年新收政府信息公开申请数量");
        assert!(r[0].1.is_empty());
        assert_eq!(r[1].1, vec![Some(0.0); 3]);
        // A group label and its first item stay one label.
        let r = rows("(四)无法提供\n1.本机关不掌握相关政府信息 0 0 0\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "(四)无法提供1.本机关不掌握相关政府信息");
    }

    #[test]
    fn a_blank_separated_row_before_a_bare_value_line_keeps_its_label() {
        let r =
            rows("信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n规章\t\t\t\n\t5\t0\t24\n");
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[1].0, "规章");
        assert!(r[1].1.iter().all(Option::is_none));
        assert_eq!(r[2].0, "");
        assert_eq!(r[2].1, vec![Some(5.0), Some(0.0), Some(24.0)]);
    }

    #[test]
    fn bare_value_lines_and_blank_rows() {
        // A converter's bare row after a full one: a row of its own.
        let r =
            rows("| （一）予以公开 | 9 | 0 | 9 |\n| 0 | 0 | 0 |\n| 1.属于国家秘密 | 1 | 0 | 1 |");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].0, "");
        assert_eq!(r[1].1, vec![Some(0.0); 3]);
        // So too when the bare line opens with empty (merged label) cells,
        // as a table read from an image whose label OCR lost writes it.
        let r = rows("\t\t3.其他\t0\t3\t7\n\t\t\t41\t33\t236\n四、结转\t0\t0\t0");
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[0].1, vec![Some(0.0), Some(3.0), Some(7.0)]);
        assert_eq!(r[1].0, "");
        assert_eq!(r[1].1, vec![Some(41.0), Some(33.0), Some(236.0)]);
        // A row's values wrapped over two separated lines stay one row.
        let r = rows("一、本年新收\t5\t1\t0\t0\n\t0\t0\t6\n二、上年结转\t1\t0\t0\t0\t0\t0\t1");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].1.iter().flatten().count(), 7);
        // A line of empty cells keeps its label: a blank row, not the
        // start of the next row's label.
        let r = rows(
            "\t1.属于国家秘密\t3\t0\t3\n\t2.其他法律行政法规禁止公开\t\t\t\n\t3.危及“三安全一稳定”\t1\t0\t1",
        );
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].0, "2.其他法律行政法规禁止公开");
        assert!(r[1].1.iter().all(Option::is_none));
        assert_eq!(r[2].0, "3.危及“三安全一稳定”");
    }

    #[test]
    fn merged_cells_leave_no_shift() {
        let r = rows(
            "一、本年新收→→2→0→0→0→0→0→2→\n→→1.属于国家秘密→0→→0→0→0→0→0"
                .replace('→', "\t")
                .as_str(),
        );
        assert_eq!(
            r[0].1,
            vec![
                Some(2.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(2.0)
            ]
        );
        assert_eq!(
            r[1].1,
            vec![
                Some(0.0),
                None,
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0)
            ]
        );
    }

    #[test]
    fn label_tails_after_values_join_their_row() {
        let text = "2.其他法律行政法规    1   0   1   0   0   7   9\n禁止公开\n\
                    3.危及“三安全一稳    0   3   1   0   1   0   5\n定”\n\
                    （四）无法\n提供\n1.本机关不掌握相关政府信    0   0   2   0   0   3   5\n息\n\
                    2.没有现成信息需要另行制作 1 1 1 1 1 1 6\n";
        let r = rows(text);
        assert_eq!(r.len(), 4, "{r:?}");
        assert_eq!(r[0].0, "2.其他法律行政法规禁止公开");
        assert_eq!(r[1].0, "3.危及“三安全一稳定”");
        assert_eq!(r[2].0, "(四)无法提供1.本机关不掌握相关政府信息");
        assert_eq!(r[3].0, "2.没有现成信息需要另行制作");
        // Table 2 in the same layout: before 第二十条, and at the end.
        let r = rows(
            "规章 2 2 12\n行政规范 49 3 505\n性文件\n第二十条第（五）项\n信息内容 本年处理\n决定数量\n行政许可 31\n行政事业 12.5\n性收费\n",
        );
        assert_eq!(r[1].0, "行政规范性文件");
        assert_eq!(r[3].0, "行政事业性收费");
        let r = rows(
            "行政许可 31\n行政事业 12.5\n性收费\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n",
        );
        assert_eq!(r[1].0, "行政事业性收费");
        // Table 4's header and values after table 3's last row stay apart.
        let r = rows("四、结转下年度继续办理 0 0 0 0 0 0 0\n\n行政复议 行政诉讼\n 0 0 0 0 0\n");
        assert_eq!(r[0].0, "四、结转下年度继续办理");
        assert_eq!(r[1].0, "行政复议行政诉讼");
        // Rows without numbering marks keep their own labels.
        let r = rows(
            "规章 0 0 5\n行政规范性文件 3 0 7\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 5\n",
        );
        assert_eq!(r[1].0, "行政规范性文件");
        assert_eq!(r[2].0, "第二十条第(五)项信息内容本年处理决定数量行政许可");
    }

    #[test]
    fn a_page_number_between_values_is_left_out_only_to_fit() {
        let doc = Normalized::new(
            "规章 0 1\n\n3\n\n8\n行政规范性文件 12 0 40\n\n4\n\n行政许可\t5\t\t\n7\n行政处罚 1 2\n3\n",
        );
        let toks = tokenize(&doc, 0..doc.line_count());
        let r = raw_rows(&doc, &toks);
        let values = |cells: Vec<&RawCell>| cells.iter().map(|c| c.value).collect::<Vec<_>>();
        // Framed by blank lines: the page number, wherever it stands.
        assert_eq!(
            values(r[0].fitted(3).unwrap()),
            vec![Some(0.0), Some(1.0), Some(8.0)]
        );
        assert_eq!(r[0].stray_left_out(3).unwrap().value, Some(3.0));
        assert_eq!(
            values(r[1].fitted(3).unwrap()),
            vec![Some(12.0), Some(0.0), Some(40.0)]
        );
        assert_eq!(values(r[2].fitted(1).unwrap()), vec![Some(5.0)]);
        // A row that fits as read keeps every value.
        assert_eq!(
            values(r[3].fitted(3).unwrap()),
            vec![Some(1.0), Some(2.0), Some(3.0)]
        );
        assert!(r[3].stray_left_out(3).is_none());
        // A plain line among tab-separated rows: surely no value, even where
        // an empty cell would let the row fit with it.
        let doc = Normalized::new(
            "重复申请\t7\t7\t3\t0\t\t3\t21\n\n4\n\n要求提供公开出版物\t1\t1\t1\t1\t1\t1\t6\n",
        );
        let toks = tokenize(&doc, 0..doc.line_count());
        let r = raw_rows(&doc, &toks);
        assert_eq!(
            values(r[0].fitted(7).unwrap()),
            vec![
                Some(7.0),
                Some(7.0),
                Some(3.0),
                Some(0.0),
                None,
                Some(3.0),
                Some(21.0)
            ]
        );
        assert_eq!(r[0].stray_left_out(7).unwrap().value, Some(4.0));
    }

    #[test]
    fn empty_cells_fit_blank_columns_and_merges() {
        let doc = Normalized::new(
            "其他对外管理服务事项\t21\t-3\t\n政府集中采购\t35\t\t1268.4\n行政许可\t0\t\t",
        );
        let toks = tokenize(&doc, 0..doc.line_count());
        let r = raw_rows(&doc, &toks);
        let values = |cells: Vec<&RawCell>| cells.iter().map(|c| c.value).collect::<Vec<_>>();
        assert_eq!(
            values(r[0].fitted(3).unwrap()),
            vec![Some(21.0), Some(-3.0), None]
        );
        assert_eq!(
            values(r[1].fitted(2).unwrap()),
            vec![Some(35.0), Some(1268.4)]
        );
        assert_eq!(values(r[2].fitted(1).unwrap()), vec![Some(0.0)]);
        assert!(r[0].fitted(5).is_none());
    }
}
