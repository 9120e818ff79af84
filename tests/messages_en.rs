//! Every kind of message the library gives a person, in English: rule
//! messages (fail, warn, skipped; one report and across years), parser
//! warnings, repair proposals, unread rows, refusals of typed input, why a
//! file could not be read or written, the window's notes, the file
//! chooser's messages and the rules' names. The English must hold no
//! Chinese except inside “…”, where the report's own labels and names are
//! quoted (the template has no official English).

use std::path::{Path, PathBuf};

use nianbao::model::{CellRef, Report};
use nianbao::parser::ParseError;
use nianbao::review::error::FileError;
use nianbao::review::{Command, ExportKind, State, Target, input};
use nianbao::rules::{cross_year, names, repair};
use nianbao::template::{TableId, ValueKind};
use nianbao::text::{Lang, Text, cjk_outside_quotes};

#[path = "common/temp.rs"]
mod temp;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Collects messages, failing on one whose English holds Chinese.
#[derive(Default)]
struct Seen {
    count: usize,
    bad: Vec<String>,
}

impl Seen {
    fn check(&mut self, what: &str, t: &Text) {
        if t.zh().is_empty() && t.en().is_empty() {
            return;
        }
        self.count += 1;
        if t.en().is_empty() {
            self.bad.push(format!("{what}: no English for {}", t.zh()));
        } else if let Some(c) = cjk_outside_quotes(t.en()) {
            self.bad.push(format!("{what}: “{c}” in {}", t.en()));
        }
        assert_eq!(t.text(Lang::En), t.en());
        assert_eq!(t.text(Lang::Zh), t.zh());
    }

    fn report(&mut self, file: &str, r: &Report) {
        for c in &r.checks {
            self.check(&format!("{file} {}", c.rule), &c.message);
        }
        for w in &r.warnings {
            self.check(&format!("{file} warning"), w);
        }
        for s in repair::suggestions(r) {
            self.check(&format!("{file} repair"), &s.label);
        }
        for u in &r.unread_rows {
            self.check(&format!("{file} unread"), &repair::unread_message(r, u));
        }
    }

    fn done(self, at_least: usize) {
        assert!(self.bad.is_empty(), "{}", self.bad.join("\n"));
        assert!(self.count >= at_least, "only {} messages seen", self.count);
    }
}

fn every_fixture() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["seeds", "variants", "real_classes", "formats", "flat"] {
        for e in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if nianbao::batch::is_report_file(&p) && p.extension().is_some_and(|e| e != "doc") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn rule_messages_warnings_and_repairs_are_english() {
    let mut seen = Seen::default();
    let mut rules_failed = std::collections::BTreeSet::new();
    for path in every_fixture() {
        let Ok(parsed) = nianbao::parse_path(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut r = parsed.report;
        seen.report(&name, &r);
        // Every cell wrong in turn would be slow: a few kinds of damage per
        // table make every rule fail, be skipped, or propose a repair.
        for id in TableId::ALL {
            let Some(t) = r.tables.get(id) else { continue };
            let (rows, cols) = (t.cells.len(), t.cells[0].len());
            for (row, col, v) in [
                (0, 0, Some(-3.0)),
                (rows / 2, cols - 1, Some(1234.0)),
                (rows - 1, 0, None),
                (1.min(rows - 1), 0, Some(0.5)),
            ] {
                let mut damaged = r.clone();
                let at = CellRef {
                    table: id,
                    row,
                    col: col.min(damaged.tables.get(id).unwrap().cells[row].len() - 1),
                };
                if let Some(t) = damaged.tables.get_mut(id)
                    && let Some(cell) = t.cell_mut(at.row, at.col)
                {
                    cell.value = v;
                }
                nianbao::recheck(&mut damaged);
                for c in damaged.failures() {
                    rules_failed.insert(c.rule);
                }
                seen.report(&format!("{name} damaged"), &damaged);
            }
        }
        // Across years: last year's report is this one, numbers changed.
        if let Some((_, year, mut facts)) = cross_year::YearFacts::of(&r) {
            if let Some(f) = &mut facts.carried_forward {
                for v in f.iter_mut() {
                    *v = v.map(|x| x + 1.0);
                }
            }
            if let Some(f) = &mut facts.in_force {
                f[0] = f[0].map(|x| x + 7.0);
            }
            r.meta.year = Some(year + 1);
            for c in cross_year::cross_year_checks(&r, &facts) {
                rules_failed.insert(c.rule);
                seen.check(&format!("{name} {}", c.rule), &c.message);
            }
            facts.carried_forward = Some(vec![None; 7]);
            facts.in_force = Some([None, None]);
            for c in cross_year::cross_year_checks(&r, &facts) {
                seen.check(&format!("{name} {} skipped", c.rule), &c.message);
            }
        }
    }
    for rule in [
        "applications.row_total",
        "applications.balance",
        "applications.outcomes",
        "review_litigation.total",
        "value.non_negative",
    ] {
        assert!(
            rules_failed.contains(rule),
            "{rule} never failed: {rules_failed:?}"
        );
    }
    seen.done(500);
}

#[test]
fn refusals_and_errors_are_english() {
    let mut seen = Seen::default();
    for kind in [ValueKind::Count, ValueKind::Signed, ValueKind::Amount] {
        seen.check("cell", &input::parse_cell("abc", kind).unwrap_err());
    }
    seen.check("year", &input::parse_year("x").unwrap_err());
    seen.check("date", &input::parse_date("2024/13").unwrap_err());
    let errors = [
        ParseError::Io(std::io::Error::other("gone")),
        ParseError::IsDirectory,
        ParseError::Empty,
        ParseError::TooLarge { size: 9, limit: 1 },
        ParseError::Binary,
        ParseError::UnsupportedFormat("XLS"),
        ParseError::UnknownEncoding,
        ParseError::BadArchive("eof".into()),
        ParseError::Unpacked { limit: 1 },
        ParseError::TooDeep { found: 9, limit: 1 },
        ParseError::BadDocument("tag".into()),
        ParseError::NeedsLibreOffice("DOC"),
        ParseError::ConversionFailed("WPS", "exit 1".into()),
        ParseError::ScannedPdf,
        ParseError::BadPdf("xref".into()),
        ParseError::TooManyPages {
            found: 900,
            limit: 500,
        },
        ParseError::PdfTimeout(5),
    ];
    for e in &errors {
        seen.check("parse error", &e.both());
        // The JSON's reason stays as it always was: Chinese (English).
        let start: String = e.text(Lang::Zh).chars().take(2).collect();
        assert!(e.to_string().starts_with(&start), "{e}");
    }
    let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let file_errors = [
        FileError::Open {
            name: "/tmp/a.txt".into(),
            source: ParseError::Empty,
        },
        FileError::Write {
            path: "/tmp/a.json".into(),
            source: io(),
        },
        FileError::CreateFolder {
            path: "/tmp/x".into(),
            source: io(),
        },
        FileError::Json(serde_json::from_str::<u8>("x").unwrap_err()),
    ];
    for e in &file_errors {
        seen.check("file error", &e.both());
    }
    for rule in names::RULES {
        let name = names::rule_name(rule);
        assert_ne!(name.en(), rule, "{rule} has a name");
        seen.check("rule name", &name);
    }
    seen.done(30);
}

#[test]
fn the_windows_notes_are_english() {
    let dir = temp::temp_dir("messages_en", "notes");
    std::fs::copy(
        fixtures().join("seeds/000_f28bdb7c4ee4bcba.txt"),
        dir.join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::create_dir_all(dir.join("nothing")).unwrap();
    let mut state = State::new(Some(dir.join("recovery")));
    let mut seen = Seen::default();
    state.apply_blocking(Command::OpenFolders(vec![dir.clone()]));
    state.apply_blocking(Command::OpenFolders(vec![dir.join("nothing")]));
    state.apply_blocking(Command::OpenFiles(vec![dir.join("missing.txt")]));
    let id = state.documents[0].id;
    state.apply(Command::Activate(id));
    let at = CellRef {
        table: TableId::Applications,
        row: 0,
        col: 0,
    };
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "abc".into(),
    });
    seen.check("hint", state.hint.as_ref().unwrap());
    state.apply_blocking(Command::Edit {
        target: Target::Cell(at),
        text: "5".into(),
    });
    state.apply_blocking(Command::Export(dir.join("no/such/folder/a.json")));
    state.apply_blocking(Command::Export(dir.join("a.json")));
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::JsonLines,
        path: dir.join("all.jsonl"),
    });
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::Csv,
        path: dir.join("no/such/all.csv"),
    });
    state.apply(Command::JournalFailed(FileError::Write {
        path: "/tmp/j".into(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    }));
    assert!(state.messages.len() >= 8, "{:?}", state.messages);
    for m in &state.messages {
        // File names are the person's own: this test's are ASCII.
        seen.check("note", &m.text);
    }
    for f in &state.failed {
        seen.check("unreadable", &f.why);
    }
    seen.done(9);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_file_choosers_messages_are_english() {
    use nianbao::review::file_chooser::{Listing, list_folder};
    let e = list_folder(Path::new("/no/such/folder"), Listing::Reports).unwrap_err();
    let mut seen = Seen::default();
    seen.check("chooser", &e.message);
    seen.done(1);
}
