//! Keys, as in a spreadsheet: typing replaces the selected cell, Enter and
//! the arrows commit and move, Tab/Shift+Tab walk the cells, Delete empties
//! a cell, Escape drops what was typed; plus the window's shortcuts.
//!
//! While a cell is selected and no text field has focus, the grid owns the
//! keyboard: its keys are taken out of egui's input before any widget is
//! drawn, egui's Tab/arrow focus moves are cancelled and no other widget
//! keeps focus, so no keystroke reaches two widgets and no button is
//! pressed by a key meant for the grid.

use egui::{Event, Key, KeyboardShortcut, Modifiers};

use super::ReviewApp;
use crate::review::{Command, Direction};

pub fn handle(app: &mut ReviewApp, ui: &egui::Ui) {
    let shortcut =
        |m: Modifiers, k: Key| ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
    let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
    // In a text field (the remarks, the filter) Ctrl+Z undoes its typing,
    // not a cell edit out of sight.
    let typing = ui.ctx().text_edit_focused();
    // Check Ctrl+Shift+Z before Ctrl+Z: consume_shortcut matches loosely on Shift.
    if !typing && (shortcut(shift_cmd, Key::Z) || shortcut(Modifiers::COMMAND, Key::Y)) {
        app.view.editing = None;
        app.send(Command::Redo);
    }
    if !typing && shortcut(Modifiers::COMMAND, Key::Z) {
        app.view.editing = None;
        app.send(Command::Undo);
    }
    if (shortcut(Modifiers::COMMAND, Key::S) || shortcut(Modifiers::COMMAND, Key::E))
        && app.commit_edit()
    {
        app.send(Command::ChooseExportPath);
    }
    if shortcut(Modifiers::COMMAND, Key::O) {
        app.send(Command::ChooseFiles);
    }
    let Some(selected) = app.state.active_doc().and_then(|d| d.selected) else {
        return;
    };
    // Typing into a text field (the list's filter, say): its keys are its own.
    if ui.ctx().text_edit_focused() {
        return;
    }
    ui.memory_mut(|m| {
        m.move_focus(egui::FocusDirection::None);
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    let events = ui.input_mut(|i| {
        let (grid, rest) = std::mem::take(&mut i.events)
            .into_iter()
            .partition(is_grid_event);
        i.events = rest;
        grid
    });
    for event in events {
        match event {
            Event::Text(t) | Event::Paste(t) | Event::Ime(egui::ImeEvent::Commit(t)) => {
                let t: String = t.chars().filter(|c| !c.is_control()).collect();
                match &mut app.view.editing {
                    Some((_, buf)) => buf.push_str(&t),
                    None => app.view.editing = Some((selected, t)),
                }
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.command && !modifiers.alt => {
                let dir = match key {
                    Key::Enter => Some(if modifiers.shift {
                        Direction::Up
                    } else {
                        Direction::Down
                    }),
                    Key::Tab => Some(if modifiers.shift {
                        Direction::Prev
                    } else {
                        Direction::Next
                    }),
                    Key::ArrowUp => Some(Direction::Up),
                    Key::ArrowDown => Some(Direction::Down),
                    Key::ArrowLeft => Some(Direction::Left),
                    Key::ArrowRight => Some(Direction::Right),
                    _ => None,
                };
                if let Some(dir) = dir {
                    if app.commit_edit() {
                        app.send(Command::Move(dir));
                    }
                    continue;
                }
                match key {
                    Key::Escape => {
                        app.view.editing = None;
                        app.state.hint = None;
                    }
                    Key::Backspace => match &mut app.view.editing {
                        Some((_, buf)) => {
                            buf.pop();
                        }
                        None => app.view.editing = Some((selected, String::new())),
                    },
                    Key::Delete => match &mut app.view.editing {
                        Some((_, buf)) => buf.clear(),
                        None => app.send(Command::Clear(selected)),
                    },
                    Key::F2 => {
                        if app.view.editing.is_none()
                            && let Some(d) = app.state.active_doc()
                        {
                            app.view.editing = Some((selected, d.display(selected)));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// The keys the grid takes for itself: text, and keys without Ctrl or Alt
/// (the window's shortcuts stay for `consume_shortcut`).
fn is_grid_event(event: &Event) -> bool {
    match event {
        Event::Text(_) | Event::Paste(_) | Event::Ime(egui::ImeEvent::Commit(_)) => true,
        Event::Key { modifiers, .. } => !modifiers.command && !modifiers.alt,
        _ => false,
    }
}
