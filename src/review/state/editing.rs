//! Selecting and correcting cells: typed input, undo and redo, added tables and applied repairs.

use super::State;
use crate::model::CellRef;
use crate::review::command::{Command, Direction, Effect};
use crate::review::document::Document;
use crate::review::edit::{Change, MetaField, MetaValue, Target, meta_value};
use crate::review::input;

impl State {
    /// Selection and edits of the active report.
    pub(super) fn apply_edit(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Activate(id) => {
                if self.doc(id).is_some() {
                    self.active = Some(id);
                }
                vec![]
            }
            Command::Select(target) => {
                if let Some(d) = self.active_mut() {
                    d.selected = Some(target);
                }
                vec![]
            }
            Command::Move(dir) => {
                if let Some(d) = self.active_mut() {
                    d.selected = moved(d, dir);
                }
                vec![]
            }
            Command::Edit { target, text } => self.edit(target, &text),
            Command::Clear(target) => self.edit(target, ""),
            Command::Undo | Command::Redo => {
                let redo = matches!(command, Command::Redo);
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                let changed = if redo { d.redo() } else { d.undo() };
                self.hint = None;
                if changed {
                    self.journal_effects()
                } else {
                    vec![]
                }
            }
            Command::AddTable(id, layout) => {
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                if d.report.tables.get(id).is_some() {
                    return vec![];
                }
                d.commit(vec![Change::AddTable { id, layout }]);
                self.journal_effects()
            }
            Command::ApplySuggestion(s) => {
                let Some(d) = self.active_mut() else {
                    return vec![];
                };
                // A proposal of the report before its latest change (shown
                // until the new ones come) may no longer fit it.
                if !d.suggestions_current() || !d.suggestions.contains(&s) {
                    self.hint = Some(crate::text::Text::new(
                        "修正建议已随修改更新，请重新选择",
                        "The suggested fixes changed with the edit; choose again",
                    ));
                    return vec![];
                }
                let changes: Vec<Change> = s
                    .changes
                    .iter()
                    .filter_map(|&(at, after)| {
                        d.report.tables.cell(at).map(|c| Change::Cell {
                            at,
                            before: c.value,
                            after,
                        })
                    })
                    .collect();
                if let Some(&(at, _)) = s.changes.first() {
                    d.selected = Some(Target::Cell(at));
                }
                d.commit(changes);
                self.journal_effects()
            }
            // Commands of the other parts never come here (see `apply_inner`).
            _ => Vec::new(),
        }
    }

    fn edit(&mut self, target: Target, text: &str) -> Vec<Effect> {
        let Some(d) = self.active_doc() else {
            return vec![];
        };
        let change = match proposed_change(d, target, text) {
            Ok(Some(change)) => change,
            Ok(None) => {
                self.hint = None;
                return vec![];
            }
            Err(hint) => {
                self.hint = Some(hint);
                return vec![];
            }
        };
        self.hint = None;
        if let Some(d) = self.active_mut() {
            d.selected = Some(target);
            d.commit(vec![change]);
        }
        self.journal_effects()
    }
}

/// The change that typing `text` into `target` makes: `Ok(None)` when it
/// changes nothing, `Err(hint)` when the input is refused.
fn proposed_change(
    d: &Document,
    target: Target,
    text: &str,
) -> Result<Option<Change>, crate::text::Text> {
    let change = match target {
        Target::Cell(at) => {
            let Some(kind) = d.kind(at) else {
                return Ok(None);
            };
            let after = input::parse_cell(text, kind)?;
            let before = d.value(at);
            if before == after {
                return Ok(None);
            }
            Change::Cell { at, before, after }
        }
        Target::Meta(field) => {
            let after = match field {
                MetaField::Agency => MetaValue::Text(input::parse_text(text)),
                MetaField::Year => MetaValue::Year(input::parse_year(text)?),
                MetaField::Published => MetaValue::Text(input::parse_date(text)?),
            };
            let before = meta_value(&d.report, field);
            if before == after {
                return Ok(None);
            }
            Change::Meta {
                field,
                before,
                after,
            }
        }
    };
    Ok(Some(change))
}

/// The selection after a move, spreadsheet-like: arrows stay within a table.
fn moved(d: &Document, dir: Direction) -> Option<Target> {
    let targets = d.targets();
    let Some(current) = d.selected else {
        return targets.first().copied();
    };
    let i = targets.iter().position(|t| *t == current)?;
    let step = |forward: bool| {
        if forward {
            targets.get(i + 1).copied().or(Some(current))
        } else {
            i.checked_sub(1)
                .and_then(|j| targets.get(j).copied())
                .or(Some(current))
        }
    };
    match (dir, current) {
        (Direction::Next, _) => step(true),
        (Direction::Prev, _) => step(false),
        (Direction::Up | Direction::Down | Direction::Left | Direction::Right, Target::Meta(_)) => {
            step(matches!(dir, Direction::Down | Direction::Right))
        }
        (Direction::Left | Direction::Right, Target::Cell(at)) => {
            let len = d.spec(at.table)?.rows[at.row].columns.len();
            let col = match dir {
                Direction::Left => at.col.saturating_sub(1),
                _ => (at.col + 1).min(len - 1),
            };
            Some(Target::Cell(CellRef { col, ..at }))
        }
        (_, Target::Cell(at)) => {
            let spec = d.spec(at.table)?;
            let row = match dir {
                Direction::Up => at.row.checked_sub(1),
                _ => (at.row + 1 < spec.rows.len()).then_some(at.row + 1),
            };
            let Some(row) = row else {
                return Some(current);
            };
            let col = at.col.min(spec.rows[row].columns.len() - 1);
            Some(Target::Cell(CellRef { row, col, ..at }))
        }
    }
}
