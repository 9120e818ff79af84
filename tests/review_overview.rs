//! The report list and the overview as plain data, with no window: the
//! list keeps its order while a report is edited, the overview sorts by any
//! column and filters, and the counts said agree with what is listed and
//! exported — on a folder with every kind of unreadable file.

use std::path::{Path, PathBuf};

use nianbao::model::CellRef;
use nianbao::review::overview::{self, Column, OverviewSort};
use nianbao::review::{
    Command, ExportKind, ListFilter, ListItem, SortKey, State, StatusFilter, Target,
};
use nianbao::template::TableId;

#[path = "common/temp.rs"]
mod temp;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn copy(from: &str, dir: &Path, name: &str) {
    std::fs::copy(fixture(from), dir.join(name)).unwrap();
}

/// Five seeds, a report with broken rules and one with missing tables.
fn good_folder(tag: &str) -> PathBuf {
    let dir = temp::temp_dir("roverview", tag);
    for e in std::fs::read_dir(fixture("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    copy("variants/broken_rules.txt", &dir, "broken_rules.txt");
    copy(
        "variants/missing_tables_typos.txt",
        &dir,
        "missing_tables_typos.txt",
    );
    dir
}

/// A PDF of one page that only draws an image: a scan.
fn image_only_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream",
        "<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

/// Every kind of unreadable file beside two good reports. Returns the
/// folder and how many of its files are unreadable report files.
fn unreadable_folder(tag: &str) -> (PathBuf, usize) {
    let dir = temp::temp_dir("roverview", tag);
    copy("seeds/000_f28bdb7c4ee4bcba.txt", &dir, "good1.txt");
    copy("formats/report2021_utf8.docx", &dir, "good2.docx");
    let mut bad = 0;
    let mut write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).unwrap();
        bad += 1;
    };
    write("empty.txt", b"");
    write(
        "garbage.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8],
    );
    let docx = std::fs::read(fixture("formats/report2021_utf8.docx")).unwrap();
    write("truncated.docx", &docx[..docx.len() / 3]);
    write(
        "encrypted.pdf",
        b"%PDF-1.6\n1 0 obj\n<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>\nendobj\ntrailer\n<< /Encrypt 1 0 R /Root 2 0 R >>\n%%EOF\n",
    );
    write("scan.pdf", &image_only_pdf());
    write("empty_too.html", b"");
    // Not a report file by its name: never read, never counted.
    std::fs::write(dir.join("notes.xyz"), b"whatever").unwrap();
    // A report file that cannot be opened at all (not when run as root,
    // who may read anything: then it is a good report).
    let locked = dir.join("locked.txt");
    std::fs::copy(fixture("seeds/001_103b191ae6add938.txt"), &locked).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        bad += 1;
    }
    (dir, bad)
}

fn open_folder(state: &mut State, dir: &Path) {
    let rest = state.apply_blocking(Command::OpenFolders(vec![dir.to_path_buf()]));
    assert!(rest.is_empty(), "{rest:?}");
}

fn last_note(state: &State) -> String {
    state.messages.last().unwrap().text.to_string()
}

#[test]
fn unreadable_count_equals_listed_equals_csv_rows() {
    let (dir, bad) = unreadable_folder("every_kind");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    // Said.
    let note = last_note(&state);
    assert!(
        note.contains(&format!("其中 {bad} 个无法读取")),
        "{note} (expected {bad})"
    );
    // Listed.
    let listed = state
        .list()
        .iter()
        .filter(|i| matches!(i, ListItem::Failed(_)))
        .count();
    assert_eq!(listed, bad, "{:?}", state.failed);
    assert_eq!(state.failed.len(), bad);
    let empty = state
        .failed
        .iter()
        .find(|f| f.path.ends_with("empty.txt"))
        .expect("the empty file is listed");
    assert!(empty.reason.contains("文件为空"), "{}", empty.reason);
    assert!(empty.why.en().contains("empty"));
    // In the overview too, in the Unreadable column.
    let unreadable_rows = state
        .overview()
        .iter()
        .filter_map(|&i| overview::row(&state.documents, &state.failed, i))
        .filter(|r| r.unreadable.is_some())
        .count();
    assert_eq!(unreadable_rows, bad);
    // Exported: one CSV row with an error per unreadable file.
    let csv = dir.join("out.csv");
    state.apply_blocking(Command::ExportAll {
        kind: ExportKind::Csv,
        path: csv.clone(),
    });
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let headers = reader.headers().unwrap().clone();
    // The window writes Chinese headers: the error column by its place.
    let error_col = nianbao::batch::table_columns::ERROR_COLUMN;
    assert_eq!(
        &headers[error_col],
        nianbao::batch::table_columns::LEADING_COLUMNS_ZH[error_col]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let with_error = rows.iter().filter(|r| !r[error_col].is_empty()).count();
    assert_eq!(with_error, bad);
    assert_eq!(rows.len(), state.documents.len() + bad);
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(
        dir.join("locked.txt"),
        std::fs::Permissions::from_mode(0o644),
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_second_folder_counts_only_its_own_unreadable_files() {
    // The cause of "2 个无法读取" after reading a folder where every file was
    // read: the note counted every failure listed, an earlier folder's too.
    let (bad_dir, bad) = unreadable_folder("first");
    let good_dir = good_folder("second");
    let mut state = State::new(None);
    open_folder(&mut state, &bad_dir);
    assert_eq!(state.failed.len(), bad);
    open_folder(&mut state, &good_dir);
    let note = last_note(&state);
    assert!(
        note.contains("已读取 7 个文件") && !note.contains("无法读取"),
        "{note}"
    );
    // The first folder's failures stay listed, and the list says how many.
    assert_eq!(
        state
            .list()
            .iter()
            .filter(|i| matches!(i, ListItem::Failed(_)))
            .count(),
        bad
    );
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(
        bad_dir.join("locked.txt"),
        std::fs::Permissions::from_mode(0o644),
    );
    std::fs::remove_dir_all(&bad_dir).unwrap();
    std::fs::remove_dir_all(&good_dir).unwrap();
}

#[test]
fn a_file_opened_alone_that_cannot_be_read_is_listed_and_exported() {
    let dir = temp::temp_dir("roverview", "single");
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let mut state = State::new(None);
    state.apply_blocking(Command::OpenFiles(vec![dir.join("empty.txt")]));
    assert!(state.messages.iter().any(|m| m.error));
    assert_eq!(state.list(), vec![ListItem::Failed(0)]);
    // Read later (the file was fixed): no longer listed as unreadable.
    std::fs::copy(
        fixture("seeds/000_f28bdb7c4ee4bcba.txt"),
        dir.join("empty.txt"),
    )
    .unwrap();
    state.apply_blocking(Command::OpenFiles(vec![dir.join("empty.txt")]));
    assert!(state.failed.is_empty());
    assert_eq!(state.list().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn failing_cell(state: &State) -> (u64, CellRef) {
    for d in &state.documents {
        for c in d.report.failures() {
            if c.rule == "applications.row_total" {
                let at = *c.cell_refs.last().unwrap();
                return (d.id, at);
            }
        }
    }
    panic!("no report with a failing row total");
}

/// Table 3's 予以公开 total of report `id`: a wrong number there fails the
/// row's rules.
fn granted_total(state: &State, id: u64) -> CellRef {
    let spec = state.doc(id).unwrap().spec(TableId::Applications).unwrap();
    CellRef {
        table: TableId::Applications,
        row: spec.row("granted").unwrap(),
        col: 0,
    }
}

#[test]
fn the_list_keeps_its_order_while_a_report_is_edited() {
    let dir = good_folder("stable");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    state.apply(Command::SetFilter(ListFilter {
        sort: SortKey::Problems,
        ..Default::default()
    }));
    let before = state.list();
    // The last report passes every rule; a wrong number makes it fail, which
    // would sort it to the top.
    let ListItem::Doc(id) = *before.last().unwrap() else {
        panic!("a report last")
    };
    assert_eq!(state.doc(id).unwrap().report.failures().count(), 0);
    state.apply(Command::Activate(id));
    let at = granted_total(&state, id);
    state.apply(Command::Select(Target::Cell(at)));
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "99999".into(),
    });
    assert!(state.doc(id).unwrap().report.failures().count() > 0);
    let fresh = nianbao::review::report_list::list(&state.documents, &state.failed, &state.filter);
    assert_ne!(fresh, before, "sorted afresh, the edited report would move");
    assert_eq!(state.list(), before, "no jump while editing");
    let overview_before = state.overview().to_vec();
    state.apply(Command::Undo);
    state.apply(Command::Redo);
    assert_eq!(state.list(), before);
    assert_eq!(state.overview(), overview_before.as_slice());
    // Sorting again (any command other than an edit) takes it into account.
    state.apply(Command::SetFilter(ListFilter {
        sort: SortKey::Problems,
        ..Default::default()
    }));
    assert_eq!(state.list(), fresh);
    let now = state
        .list()
        .iter()
        .position(|&i| i == ListItem::Doc(id))
        .unwrap();
    assert!(
        now < before.len() - 1,
        "moved up among the reports with problems"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The report list as sorting every report afresh gives it.
fn fresh_list(s: &State) -> Vec<ListItem> {
    nianbao::review::report_list::list(&s.documents, &s.failed, &s.filter)
}

/// The overview as sorting every report afresh gives it.
fn fresh_overview(s: &State) -> Vec<ListItem> {
    overview::order(&s.documents, &s.failed, &s.filter, s.overview_sort)
}

/// A change of one list's order sorts that list alone: the other keeps
/// its order (an edit made since does not move anything there), and a
/// change of the filter beyond the list's order sorts both.
#[test]
fn an_order_changed_sorts_only_its_own_list() {
    let dir = good_folder("own_order");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    let listed = state.list();
    let ListItem::Doc(id) = *listed.last().unwrap() else {
        panic!("a report last")
    };
    state.apply(Command::Activate(id));
    let at = granted_total(&state, id);
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "99999".into(),
    });
    assert_ne!(fresh_list(&state), listed, "sorted afresh, it would move");

    // The overview by failures: sorted anew, the report list untouched.
    state.apply(Command::SetOverviewSort(OverviewSort {
        column: Column::Failures,
        descending: true,
    }));
    assert_eq!(state.overview(), fresh_overview(&state).as_slice());
    assert_eq!(state.list(), listed, "the list keeps its order");

    // The edit undone (the report passes again), then the list's order
    // alone: the list sorted anew, the overview untouched.
    let overview_before = state.overview().to_vec();
    state.apply(Command::Undo);
    assert_ne!(fresh_overview(&state), overview_before, "it would move");
    state.apply(Command::SetFilter(ListFilter {
        sort: SortKey::Agency,
        ..state.filter.clone()
    }));
    assert_eq!(state.list(), fresh_list(&state));
    assert_eq!(state.overview(), overview_before.as_slice());

    // A filter: both sorted anew (the overview shows what the list shows).
    state.apply(Command::SetFilter(ListFilter {
        status: Some(StatusFilter::AllPass),
        ..state.filter.clone()
    }));
    assert_eq!(state.list(), fresh_list(&state));
    assert_eq!(state.overview(), fresh_overview(&state).as_slice());
    assert!(state.overview().len() < overview_before.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// While the overview is out of sight a filter sorts the report list
/// alone; the overview is sorted when it is shown again, as a fresh sort
/// would have it, and is then kept as before.
#[test]
fn an_overview_out_of_sight_is_sorted_when_shown() {
    let dir = good_folder("hidden_overview");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    let overview_before = state.overview().to_vec();
    state.set_overview_hidden(true);
    state.apply(Command::SetFilter(ListFilter {
        status: Some(StatusFilter::AllPass),
        ..state.filter.clone()
    }));
    assert_eq!(state.list(), fresh_list(&state));
    assert_ne!(
        fresh_overview(&state),
        overview_before,
        "filtered, it would shrink"
    );
    assert_eq!(
        state.overview(),
        overview_before.as_slice(),
        "not sorted out of sight"
    );
    assert!(!state.lists_pending(), "nothing waits for a frame");

    // Shown: sorted at once.
    state.overview_shown();
    assert_eq!(state.overview(), fresh_overview(&state).as_slice());
    assert!(!state.lists_pending());
    // And kept current while shown, as before.
    state.apply(Command::SetFilter(ListFilter {
        status: None,
        ..state.filter.clone()
    }));
    assert_eq!(state.overview(), fresh_overview(&state).as_slice());
    assert_eq!(state.overview(), overview_before.as_slice());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn undoing_back_to_the_parsed_values_clears_the_unsaved_mark() {
    let dir = good_folder("dirty");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    let (id, at) = failing_cell(&state);
    state.apply(Command::Activate(id));
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "12345".into(),
    });
    assert!(state.doc(id).unwrap().dirty);
    state.apply(Command::Undo);
    assert!(!state.doc(id).unwrap().dirty, "back to what was parsed");
    state.apply(Command::Redo);
    assert!(state.doc(id).unwrap().dirty);
    // Exported, then undone: differs from what was exported, so unsaved.
    let out = dir.join("one.json");
    state.apply_blocking(Command::Export(out));
    assert!(!state.doc(id).unwrap().dirty);
    state.apply(Command::Undo);
    assert!(state.doc(id).unwrap().dirty);
    state.apply(Command::Redo);
    assert!(!state.doc(id).unwrap().dirty, "back to what was exported");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn rows(state: &State) -> Vec<overview::Row> {
    state
        .overview()
        .iter()
        .map(|&i| overview::row(&state.documents, &state.failed, i).unwrap())
        .collect()
}

#[test]
fn the_overview_sorts_by_every_column_both_ways() {
    let (dir, bad) = unreadable_folder("sorting");
    let good = good_folder("sorting_good");
    let mut state = State::new(None);
    open_folder(&mut state, &dir);
    open_folder(&mut state, &good);
    let n = state.documents.len() + state.failed.len();
    for column in Column::ALL {
        for descending in [false, true] {
            state.apply(Command::SetOverviewSort(OverviewSort {
                column,
                descending,
            }));
            let r = rows(&state);
            assert_eq!(r.len(), n, "{column:?}");
            let key = |r: &overview::Row| -> i64 {
                match column {
                    Column::Year => i64::from(r.year.unwrap_or(0)),
                    Column::Failures => r.failures as i64,
                    Column::Warnings => r.warnings as i64,
                    Column::Edits => r.edits as i64,
                    Column::Unreadable => i64::from(r.unreadable.is_some()),
                    _ => 0,
                }
            };
            match column {
                Column::Agency | Column::Region | Column::Format => {
                    let text = |r: &overview::Row| match column {
                        Column::Agency => nianbao::rules::agency::agency_key(&r.agency),
                        Column::Region => r.region.clone(),
                        _ => r.format.clone(),
                    };
                    // Non-empty values in order, empty ones last.
                    let filled: Vec<String> =
                        r.iter().map(text).filter(|t| !t.is_empty()).collect();
                    let mut sorted = filled.clone();
                    sorted.sort();
                    if descending {
                        sorted.reverse();
                    }
                    assert_eq!(filled, sorted, "{column:?} {descending}");
                    let first_empty = r.iter().position(|r| text(r).is_empty());
                    if let Some(k) = first_empty {
                        assert!(r[k..].iter().all(|r| text(r).is_empty()), "{column:?}");
                    }
                }
                _ => {
                    let keys: Vec<i64> = r.iter().map(key).collect();
                    let mut sorted = keys.clone();
                    sorted.sort();
                    if descending {
                        sorted.reverse();
                    }
                    assert_eq!(keys, sorted, "{column:?} {descending}");
                }
            }
        }
    }
    // A click on a heading: its natural way first, then the other way.
    let s = OverviewSort::default().clicked(Column::Failures);
    assert!(s.descending);
    assert!(!s.clicked(Column::Failures).descending);
    // Unreadable first when sorted so, and exactly those.
    state.apply(Command::SetOverviewSort(OverviewSort {
        column: Column::Unreadable,
        descending: true,
    }));
    let r = rows(&state);
    assert!(r[..bad].iter().all(|r| r.unreadable.is_some()));
    assert!(r[bad..].iter().all(|r| r.unreadable.is_none()));
    // Filtered by the list's filter.
    state.apply(Command::SetFilter(ListFilter {
        status: Some(StatusFilter::Problems),
        ..Default::default()
    }));
    let r = rows(&state);
    assert!(!r.is_empty() && r.len() < n);
    assert!(r.iter().all(|r| r.failures > 0));
    // Region and format come from the report.
    state.apply(Command::SetFilter(ListFilter::default()));
    let r = rows(&state);
    assert!(r.iter().any(|r| r.format == "docx"));
    assert!(r.iter().any(|r| r.format == "txt"));
    assert!(r.iter().any(|r| !r.region.is_empty()), "{r:?}");
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(
        dir.join("locked.txt"),
        std::fs::Permissions::from_mode(0o644),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&good).unwrap();
}

#[test]
fn thousands_of_reports_sort_in_a_blink() {
    // The overview's order is computed once per sort, not per frame; many
    // open reports must still sort quickly (3,000 here: opening them costs
    // more than sorting them in a debug build).
    let parsed = nianbao::parse_bytes("a.txt", nianbao::SAMPLE_BYTES).unwrap();
    let mut docs = Vec::new();
    for i in 0..3_000u64 {
        let mut p = nianbao::Parsed {
            text: String::new(),
            report: parsed.report.clone(),
        };
        p.report.meta.year = Some(2000 + (i % 25) as i32);
        docs.push(Box::new(nianbao::review::Document::new(i + 1, None, p)));
    }
    let start = std::time::Instant::now();
    let order = overview::order(
        &docs,
        &[],
        &ListFilter::default(),
        OverviewSort {
            column: Column::Year,
            descending: true,
        },
    );
    let took = start.elapsed();
    assert_eq!(order.len(), 3_000);
    // Generous for a debug build on a loaded machine.
    assert!(took.as_secs_f64() < 20.0, "{took:?}");
    eprintln!("3,000 reports sorted by year in {took:?} (debug build)");
}
