//! The review state driven by commands, with no window: open, edit, check,
//! undo/redo, refuse bad input, export, recover.

use nianbao::model::{CellRef, Status};
use nianbao::review::{Command, Effect, MetaField, State, Target};
use nianbao::template::TableId;

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-review-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn sample_state(tag: &str) -> (State, std::path::PathBuf) {
    let dir = temp_dir(tag);
    let mut state = State::new(Some(dir.join("recovery")));
    let rest = state.apply_blocking(Command::LoadSample);
    assert!(rest.is_empty(), "{rest:?}");
    assert_eq!(state.documents.len(), 1, "{:?}", state.messages);
    (state, dir)
}

fn cell(state: &State, row: &str, col: &str) -> CellRef {
    let spec = state
        .active_doc()
        .unwrap()
        .spec(TableId::Applications)
        .unwrap();
    let row = spec.row(row).unwrap();
    CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column(col).unwrap(),
    }
}

fn status(state: &State, rule: &str, place: &str) -> Status {
    state
        .active_doc()
        .unwrap()
        .report
        .checks
        .iter()
        .find(|c| c.rule == rule && c.place == place)
        .map(|c| c.status)
        .unwrap()
}

#[test]
fn edit_changes_checks_and_undo_redo_restore_them() {
    let (mut state, dir) = sample_state("edit");
    let at = cell(&state, "granted", "total");
    let before = state.active_doc().unwrap().value(at);
    assert!(before.is_some());
    let was = status(&state, "applications.row_total", "applications.granted");
    let wrong = before.unwrap() + 7.0;
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: format!("{wrong}"),
    });
    let doc = state.active_doc().unwrap();
    assert_eq!(doc.value(at), Some(wrong));
    assert!(doc.dirty && doc.is_edited(at));
    assert_eq!(
        status(&state, "applications.row_total", "applications.granted"),
        Status::Fail
    );
    // A one-cell misread is proposed back, never applied by itself.
    let doc = state.active_doc().unwrap();
    let s = doc
        .suggestions
        .iter()
        .find(|s| s.changes == vec![(at, before)])
        .cloned();
    assert!(s.is_some(), "{:?}", doc.suggestions);
    assert_eq!(doc.value(at), Some(wrong));

    state.apply_blocking(Command::Undo);
    assert_eq!(state.active_doc().unwrap().value(at), before);
    assert_eq!(
        status(&state, "applications.row_total", "applications.granted"),
        was
    );
    state.apply_blocking(Command::Redo);
    assert_eq!(state.active_doc().unwrap().value(at), Some(wrong));
    state.apply_blocking(Command::ApplySuggestion(s.unwrap()));
    assert_eq!(state.active_doc().unwrap().value(at), before);
    state.apply_blocking(Command::Undo);
    assert_eq!(state.active_doc().unwrap().value(at), Some(wrong));

    // Delete empties the cell: the rule is skipped, not a 0.
    state.apply_blocking(Command::Clear(Target::Cell(at)));
    assert_eq!(state.active_doc().unwrap().value(at), None);
    assert_eq!(
        status(&state, "applications.row_total", "applications.granted"),
        Status::Skipped
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn invalid_input_is_refused_with_a_hint() {
    let (mut state, dir) = sample_state("invalid");
    let at = cell(&state, "granted", "natural_person");
    let before = state.active_doc().unwrap().value(at);
    for bad in ["-1", "1.5", "abc"] {
        state.apply_blocking(Command::Edit {
            target: Target::Cell(at),
            text: bad.into(),
        });
        assert_eq!(state.active_doc().unwrap().value(at), before);
        assert!(
            state.hint.as_deref().is_some_and(|h| h.contains("整数")),
            "{:?}",
            state.hint
        );
    }
    assert!(!state.active_doc().unwrap().dirty);
    state.apply_blocking(Command::Edit {
        target: Target::Meta(MetaField::Year),
        text: "二〇二一".into(),
    });
    assert!(state.hint.is_some());
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "3".into(),
    });
    assert!(state.hint.is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn export_writes_corrected_json_with_corrections() {
    let (mut state, dir) = sample_state("export");
    let at = cell(&state, "carried_over", "natural_person");
    let before = state.active_doc().unwrap().value(at);
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "41".into(),
    });
    let rest = state.apply_blocking(Command::ChooseExportPath);
    assert!(matches!(rest.as_slice(), [Effect::AskExportPath { .. }]));
    let out = dir.join("out.json");
    state.apply_blocking(Command::Export(out.clone()));
    assert!(!state.active_doc().unwrap().dirty, "{:?}", state.messages);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(
        json["tables"]["applications"]["carried_over"]["natural_person"],
        41
    );
    let corrections = json["corrections"].as_array().unwrap();
    assert_eq!(corrections.len(), 1);
    assert_eq!(
        corrections[0]["cell"],
        "applications.carried_over.natural_person"
    );
    assert_eq!(corrections[0]["to"], 41);
    assert_eq!(corrections[0]["from"].as_f64(), before);
    assert!(
        json["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["status"] == "fail")
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "{names:?}"
    );

    // A failed write says why and keeps the corrections.
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "42".into(),
    });
    state.apply_blocking(Command::Export(dir.join("no/such/folder/out.json")));
    assert!(state.active_doc().unwrap().dirty);
    assert!(state.messages.last().unwrap().error);
    assert!(state.messages.last().unwrap().text.contains("导出失败"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unsaved_corrections_come_back_from_the_journal() {
    let (mut state, dir) = sample_state("journal");
    let at = cell(&state, "granted", "commercial");
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "9".into(),
    });
    state.apply_blocking(Command::Edit {
        target: Target::Meta(MetaField::Agency),
        text: "某某局".into(),
    });
    let recovery = dir.join("recovery");
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 1);
    // The program is killed here; a new one starts.
    let mut again = State::new(Some(recovery.clone()));
    assert_eq!(again.recoverable.len(), 1);
    let path = again.recoverable[0].path.clone();
    again.apply_blocking(Command::RestoreJournal(path));
    let doc = again.active_doc().unwrap();
    assert_eq!(doc.value(at), Some(9.0));
    assert_eq!(doc.report.meta.agency.as_deref(), Some("某某局"));
    assert!(doc.dirty);
    // Closing asks first; discarding removes the journal.
    let id = doc.id;
    let rest = again.apply_blocking(Command::Close {
        doc: id,
        discard: false,
    });
    assert_eq!(rest, vec![Effect::ConfirmClose { doc: id }]);
    again.apply_blocking(Command::Close {
        doc: id,
        discard: true,
    });
    assert!(again.documents.is_empty());
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bad_file_is_a_chinese_message_not_a_panic() {
    let dir = temp_dir("bad");
    let mut state = State::new(None);
    state.apply_blocking(Command::OpenFiles(vec![
        dir.join("missing.txt"),
        dir.clone(),
    ]));
    assert!(state.documents.is_empty());
    assert_eq!(state.messages.len(), 2);
    assert!(
        state
            .messages
            .iter()
            .all(|m| m.error && m.text.contains("无法打开"))
    );
    assert_eq!(state.pending, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_table_can_be_added_and_filled() {
    let (mut state, dir) = sample_state("add");
    let doc = state.active_doc().unwrap();
    let layout = doc.report.meta.template.unwrap();
    // Take table 4 away as if the report had it only as an image.
    let id = doc.id;
    state.documents[0].report.tables.review_litigation = None;
    state.documents[0].original.tables.review_litigation = None;
    assert_eq!(state.doc(id).unwrap().summary().missing_tables, 1);
    state.apply_blocking(Command::AddTable(TableId::ReviewLitigation, layout));
    let at = CellRef {
        table: TableId::ReviewLitigation,
        row: 0,
        col: 0,
    };
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "2".into(),
    });
    let doc = state.active_doc().unwrap();
    assert_eq!(doc.value(at), Some(2.0));
    assert!(
        doc.corrections()
            .iter()
            .any(|c| c.cell == "review_litigation.review.upheld")
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// While a person types, the rules are re-checked with the typed text
/// before it is stored; invalid text previews nothing; nothing is stored.
#[test]
fn rules_are_rechecked_live_while_typing() {
    let (state, dir) = sample_state("live");
    let at = cell(&state, "granted", "total");
    let doc = state.active_doc().unwrap();
    let stored = doc.value(at).unwrap();
    let preview = doc
        .preview_checks(at, &format!("{}", stored + 5.0))
        .expect("a valid number previews");
    let row_total = preview
        .iter()
        .find(|c| c.rule == "applications.row_total" && c.place == "applications.granted")
        .unwrap();
    assert_eq!(row_total.status, Status::Fail);
    assert!(doc.preview_checks(at, "abc").is_none());
    assert!(
        doc.preview_checks(at, &format!("{stored}")).is_none(),
        "no change, no preview"
    );
    assert_eq!(doc.value(at), Some(stored), "nothing stored by a preview");
    assert_eq!(
        status(&state, "applications.row_total", "applications.granted"),
        Status::Pass
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A value typed into the wrong row (its row's parts exceed its total, the
/// next row lacks exactly that) is proposed to be moved back, never moved
/// without a click.
#[test]
fn value_in_the_wrong_row_is_proposed_to_move_back() {
    let (mut state, dir) = sample_state("wrongrow");
    let secret = cell(&state, "withheld_state_secret", "natural_person");
    let law = cell(&state, "withheld_prohibited_by_law", "natural_person");
    let law_total = cell(&state, "withheld_prohibited_by_law", "total");
    // The truth: 4 more applications under 2.其他法律行政法规禁止公开, totals
    // consistent everywhere; but the 4 was read into 1.属于国家秘密.
    let edits = [
        (secret, "4"),
        (law_total, "4"),
        (cell(&state, "total_processed", "natural_person"), "7"),
        (cell(&state, "total_processed", "total"), "7"),
        (cell(&state, "new_received", "natural_person"), "7"),
        (cell(&state, "new_received", "total"), "7"),
    ];
    for (at, text) in edits {
        state.apply_blocking(Command::Edit {
            target: Target::Cell(at),
            text: text.into(),
        });
    }
    let doc = state.active_doc().unwrap();
    let suggestions = nianbao::review::suggest::suggestions(&doc.report);
    let moving = suggestions
        .iter()
        .find(|s| s.changes.contains(&(secret, Some(0.0))) && s.changes.contains(&(law, Some(4.0))))
        .unwrap_or_else(|| panic!("{suggestions:?}"));
    assert!(moving.label.contains("疑似填错行"), "{}", moving.label);
    assert_eq!(doc.value(secret), Some(4.0), "not applied by itself");
    let _ = std::fs::remove_dir_all(dir);
}
