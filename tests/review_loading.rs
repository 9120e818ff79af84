//! A folder read while the window goes on, with no window: each report is
//! placed in the sorted list and overview, and its cross-year rules (and
//! those of the same agency's next year) computed, as it arrives, instead
//! of everything sorted and checked again at every frame and at the end.
//! At every frame and at the end the lists and rules are exactly what
//! sorting and checking afresh gives, every report listed once; an edit
//! made while the folder reads is kept.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use nianbao::model::CellRef;
use nianbao::review::overview::{self, Column, OverviewSort};
use nianbao::review::{
    Command, ListFilter, ListItem, SortKey, State, StatusFilter, Target, worker,
};
use nianbao::rules::cross_year::YearIndex;
use nianbao::template::TableId;

#[path = "common/temp.rs"]
mod temp;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Seeds, variants, an unreadable file, and one agency's reports for
/// 2021–2024 named so that they are read latest first, 2022 twice: a
/// report arrives before the year it is checked against, and the second
/// 2022 must not replace the first.
fn folder(tag: &str) -> PathBuf {
    let dir = temp::temp_dir("rloading", tag);
    for e in std::fs::read_dir(fixture("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    for v in [
        "broken_rules.txt",
        "missing_tables_typos.txt",
        "converted_cells_blank_cell_and_page_number.txt",
    ] {
        std::fs::copy(fixture(&format!("variants/{v}")), dir.join(v)).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let y2023 = std::fs::read_to_string(fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    // (file, year, 二、上年结转, 四、结转下年度继续办理): the second 2022
    // carries forward what the 2023 seed did not carry over.
    for (name, year, carried, forward) in [
        ("a_2024.txt", 2024, "3 0 0 0 0 0 3", "0 0 0 0 0 0 0"),
        ("b_2022.txt", 2022, "1 0 0 0 0 0 1", "0 0 0 0 0 0 0"),
        ("c_2021.txt", 2021, "0 0 0 0 0 0 0", "1 0 0 0 0 0 1"),
        ("d_2022_again.txt", 2022, "5 0 0 0 0 0 5", "9 0 0 0 0 0 9"),
    ] {
        let text = y2023
            .replacen(
                "2023 年政府信息公开工作年度报告",
                &format!("{year} 年政府信息公开工作年度报告"),
                1,
            )
            .replace(
                "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
                &format!("二、上年结转政府信息公开申请数量 {carried}"),
            )
            .replace(
                "四、结转下年度继续办理 0 0 0 0 0 0 0",
                &format!("四、结转下年度继续办理 {forward}"),
            );
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// The commands a folder's reading sends, in order.
fn reading(state: &mut State, dir: &Path) -> Vec<Command> {
    let effects = state.apply(Command::OpenFolders(vec![dir.to_path_buf()]));
    let mut commands = Vec::new();
    for e in effects {
        if let nianbao::review::Effect::ParseBatch { batch, paths, .. } = e {
            worker::run_batch(batch, &paths, &AtomicBool::new(false), &mut |c| {
                commands.push(c)
            });
        }
    }
    assert!(commands.len() > 10, "{}", commands.len());
    commands
}

/// A state with the folder `folder(tag)` read whole, and the folder.
fn read_whole(tag: &str) -> (State, PathBuf) {
    let dir = folder(tag);
    let mut state = State::new(None);
    for c in reading(&mut state, &dir) {
        state.apply(c);
    }
    (state, dir)
}

/// The open reports of `year`, in the order of their ids.
fn ids_of_year(state: &State, year: i32) -> Vec<u64> {
    state
        .documents
        .iter()
        .filter(|d| d.report.meta.year == Some(year))
        .map(|d| d.id)
        .collect()
}

/// Each report's cross-year rules as one pass over every report gives them.
fn assert_cross_year_afresh(state: &State, when: &str) {
    let mut index = YearIndex::default();
    for d in &state.documents {
        index.add(&d.report);
    }
    for d in &state.documents {
        assert_eq!(
            d.cross_year(),
            index.checks_for(&d.report),
            "{when}: cross-year rules of {}",
            d.name
        );
    }
}

/// The cross-year rules, and the lists as sorting everything again gives
/// them.
fn assert_as_afresh(state: &mut State, when: &str) {
    assert_cross_year_afresh(state, when);
    let (list, overview) = (state.list(), state.overview().to_vec());
    let unreadable = list
        .iter()
        .filter(|i| matches!(i, ListItem::Failed(_)))
        .count();
    assert_eq!(
        state.listed_unreadable(),
        unreadable,
        "{when}: unreadable count"
    );
    if !state.filter.is_active() {
        let mut all: Vec<ListItem> = state
            .documents
            .iter()
            .map(|d| ListItem::Doc(d.id))
            .chain((0..state.failed.len()).map(ListItem::Failed))
            .collect();
        let mut listed = list.clone();
        all.sort_by_key(|i| format!("{i:?}"));
        listed.sort_by_key(|i| format!("{i:?}"));
        assert_eq!(listed, all, "{when}: every report listed once");
    }
    // Setting the same filter sorts both lists afresh.
    state.apply(Command::SetFilter(state.filter.clone()));
    assert_eq!(state.list(), list, "{when}: the list");
    assert_eq!(
        state.overview(),
        overview.as_slice(),
        "{when}: the overview"
    );
}

/// Reads the folder `frame` commands a frame (the window's sort once a
/// frame between), checking the lists and rules after every frame.
fn read_in_frames(dir: &Path, filter: ListFilter, sort: OverviewSort, frame: usize) {
    let mut state = State::new(None);
    state.apply(Command::SetFilter(filter.clone()));
    state.apply(Command::SetOverviewSort(sort));
    let commands = reading(&mut state, dir);
    let total = commands.len();
    for (i, c) in commands.into_iter().enumerate() {
        state.apply(c);
        if (i + 1) % frame == 0 || i + 1 == total {
            state.refresh_lists();
            assert_as_afresh(&mut state, &format!("{filter:?} {sort:?}, command {i}"));
        }
    }
    assert!(state.batch.is_none());
    assert_eq!(state.documents.len(), 12, "{:?}", state.failed);
}

#[test]
fn lists_and_cross_year_rules_as_if_made_afresh_at_every_frame() {
    let dir = folder("afresh");
    let sorts = [
        OverviewSort::default(),
        OverviewSort {
            column: Column::Failures,
            descending: true,
        },
        OverviewSort {
            column: Column::Year,
            descending: false,
        },
    ];
    for (k, sort) in SortKey::ALL.into_iter().enumerate() {
        let filter = ListFilter {
            sort,
            ..ListFilter::default()
        };
        read_in_frames(&dir, filter.clone(), sorts[k % sorts.len()], 1);
        read_in_frames(&dir, filter, sorts[(k + 1) % sorts.len()], 4);
    }
    let problems = ListFilter {
        status: Some(StatusFilter::Problems),
        ..ListFilter::default()
    };
    read_in_frames(&dir, problems, sorts[1], 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_edit_made_while_a_folder_reads_is_kept() {
    let dir = folder("edit");
    let mut state = State::new(None);
    let commands = reading(&mut state, &dir);
    let half = commands.len() / 2;
    let mut edited = None;
    for (i, c) in commands.into_iter().enumerate() {
        state.apply(c);
        state.refresh_lists();
        if i == half {
            let id = state.active.expect("a report shown while reading");
            let at = CellRef {
                table: TableId::Applications,
                row: 0,
                col: 0,
            };
            state.apply(Command::Select(Target::Cell(at)));
            state.apply(Command::Edit {
                target: Target::Cell(at),
                text: "4321".into(),
            });
            assert_eq!(state.doc(id).unwrap().value(at), Some(4321.0));
            edited = Some((id, at));
        }
    }
    let (id, at) = edited.expect("edited halfway");
    assert_eq!(state.doc(id).unwrap().value(at), Some(4321.0));
    assert!(state.doc(id).unwrap().dirty);
    let listed = state
        .list()
        .iter()
        .filter(|&&i| i == ListItem::Doc(id))
        .count();
    assert_eq!(listed, 1);
    assert_as_afresh(&mut state, "after the edit");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An edit of 四、结转下年度 (what the next year is checked against) checks
/// the next year again, as one pass over every report would; for the
/// second 2022 report, whose facts nobody is checked against, only itself.
#[test]
fn an_edit_of_what_the_next_year_is_checked_against_rechecks_it() {
    let (mut state, dir) = read_whole("facts");
    let ids = ids_of_year(&state, 2022);
    assert_eq!(ids.len(), 2);
    for (k, id) in ids.into_iter().enumerate() {
        state.apply(Command::Activate(id));
        let row = state
            .doc(id)
            .unwrap()
            .spec(TableId::Applications)
            .unwrap()
            .row("carried_forward")
            .unwrap();
        let at = CellRef {
            table: TableId::Applications,
            row,
            col: 0,
        };
        state.apply(Command::Select(Target::Cell(at)));
        state.apply(Command::Edit {
            target: Target::Cell(at),
            text: format!("{}", 40 + k),
        });
        assert_eq!(state.doc(id).unwrap().value(at), Some(40.0 + k as f64));
        assert_cross_year_afresh(&state, &format!("after editing report {id}"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The window places a frame's arrivals only within its budget: those not
/// placed wait, and the lists hold each report at most once, in the order
/// a fresh sort gives; once read (and placed) the lists are as afresh.
/// Reading the same folder again opens nothing twice (the open reports are
/// found by their file, not by a walk over all of them).
#[test]
fn placing_within_a_frame_budget_catches_up_and_a_folder_read_again_adds_nothing() {
    let dir = folder("budget");
    let mut state = State::new(None);
    let mut lagged = false;
    for (k, c) in reading(&mut state, &dir).into_iter().enumerate() {
        state.apply(c);
        // Frames with no time left (results took it all), and frames with
        // a few microseconds: a report or two.
        let spare = std::time::Duration::from_micros(if k % 3 == 0 { 20 } else { 0 });
        let deadline = std::time::Instant::now() + spare;
        state.refresh_lists_until(Some(deadline));
        lagged |= state.lists_pending();
        let list = state.list();
        let mut unique = list.clone();
        unique.sort_by_key(|i| format!("{i:?}"));
        unique.dedup();
        assert_eq!(unique.len(), list.len(), "a report listed twice");
        // In the order of a fresh sort, restricted to those listed.
        let fresh: Vec<ListItem> =
            nianbao::review::report_list::list(&state.documents, &state.failed, &state.filter)
                .into_iter()
                .filter(|i| list.contains(i))
                .collect();
        assert_eq!(fresh, list, "out of order");
    }
    assert!(lagged, "the budget never left a report waiting");
    while state.lists_pending() {
        let deadline = std::time::Instant::now() + std::time::Duration::from_micros(20);
        state.refresh_lists_until(Some(deadline));
    }
    assert_as_afresh(&mut state, "placed within budgets");
    let open = state.documents.len();
    for c in reading(&mut state, &dir) {
        state.apply(c);
    }
    assert_eq!(state.documents.len(), open, "a report opened twice");
    assert_as_afresh(&mut state, "read again");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// With the overview out of sight, a folder's reports are placed in the
/// report list alone; shown, the overview is sorted at once as a fresh
/// sort gives it, and kept so while shown; hidden again and shown at the
/// end, it is again as a fresh sort gives it.
#[test]
fn an_overview_out_of_sight_while_a_folder_reads_is_sorted_when_shown() {
    let dir = folder("hidden_overview");
    let mut state = State::new(None);
    let fresh_overview =
        |s: &State| overview::order(&s.documents, &s.failed, &s.filter, s.overview_sort);
    for (i, c) in reading(&mut state, &dir).into_iter().enumerate() {
        // Out of sight for the first four reports and after the eighth.
        let opened = state.documents.len();
        let hidden = !(4..8).contains(&opened);
        state.set_overview_hidden(hidden);
        if !hidden {
            state.overview_shown();
        }
        state.apply(c);
        state.refresh_lists();
        assert!(!state.lists_pending(), "command {i}: nothing waits");
        let list =
            nianbao::review::report_list::list(&state.documents, &state.failed, &state.filter);
        assert_eq!(state.list(), list, "command {i}: the list");
        if hidden {
            continue;
        }
        assert_eq!(
            state.overview(),
            fresh_overview(&state).as_slice(),
            "command {i}: the overview shown"
        );
    }
    assert_ne!(
        state.overview(),
        fresh_overview(&state).as_slice(),
        "the reports after the eighth are not in it yet"
    );
    state.overview_shown();
    assert_as_afresh(&mut state, "shown at the end");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An edit of a report's agency or year (and its undo) moves it in the
/// index of agencies' years: the reports checked against its old and new
/// places are checked again, and every report's cross-year rules are what
/// one pass over every report gives, with no recheck of all of them.
#[test]
fn an_edit_of_agency_or_year_moves_the_report_between_years() {
    use nianbao::review::MetaField;
    let (mut state, dir) = read_whole("moved");
    assert_cross_year_afresh(&state, "read");
    // The 2022 report the 2023 seed is checked against, the 2021 report
    // the 2022 ones are checked against, and the 2024 report.
    let first_2022 = ids_of_year(&state, 2022)[0];
    let the_2021 = ids_of_year(&state, 2021)[0];
    let the_2024 = ids_of_year(&state, 2024)[0];
    let agency = state
        .doc(the_2021)
        .unwrap()
        .report
        .meta
        .agency
        .clone()
        .expect("the agency is read");
    let edits: [(u64, MetaField, String); 6] = [
        // 2022's holder moves to 2020: the second 2022 report holds 2022.
        (first_2022, MetaField::Year, "2020".into()),
        // 2021 moves to another agency: 2022 has no year before.
        (the_2021, MetaField::Agency, "另一个测试局".into()),
        // and back.
        (the_2021, MetaField::Agency, agency.clone()),
        // 2024 becomes a second 2021, checked against nothing new, and
        // 2022 still checked against the first 2021.
        (the_2024, MetaField::Year, "2021".into()),
        // The agency cleared: in no place at all.
        (the_2021, MetaField::Agency, String::new()),
        // 2020 back to 2022, holding it again (the lower id).
        (first_2022, MetaField::Year, "2022".into()),
    ];
    for (id, field, text) in edits {
        state.apply(Command::Activate(id));
        state.apply(Command::Edit {
            target: Target::Meta(field),
            text: text.clone(),
        });
        assert_cross_year_afresh(
            &state,
            &format!("after setting {field:?} of {id} to {text:?}"),
        );
    }
    // Undone one by one, each as afresh.
    for k in 0..6 {
        for id in [first_2022, the_2021, the_2024] {
            state.apply(Command::Activate(id));
            state.apply(Command::Undo);
            assert_cross_year_afresh(&state, &format!("after undo {k} of {id}"));
        }
    }
    assert_eq!(
        state.doc(the_2021).unwrap().report.meta.agency.as_deref(),
        Some(agency.as_str())
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An agency and a year edited while a folder reads: the report shown,
/// its 结转下年度 set apart from zero first, becomes the 2020 report of the
/// agency read for 2021–2024, so that agency's 2021 report (carrying over
/// nothing) now warns. From then on, at every command, the lists are in
/// the order a fresh sort gives and the cross-year rules as one pass over
/// every report gives them: the list filtered by the carried-over rule,
/// the 2021 report is placed in the lists anew (they must stay as a fresh
/// sort gives them for the binary searches that place the next arrivals).
#[test]
fn an_agency_and_year_edited_while_a_folder_reads_keep_lists_and_rules_afresh() {
    use nianbao::review::MetaField;
    let dir = folder("moved_reading");
    let mut state = State::new(None);
    // The list shows the reports with the carried-over rule broken: the
    // 2021 report joins it when it warns.
    state.apply(Command::SetFilter(ListFilter {
        rule: Some("cross_year.carried_over"),
        ..ListFilter::default()
    }));
    let commands = reading(&mut state, &dir);
    let half = commands.len() / 2;
    let mut edited = false;
    for (i, c) in commands.into_iter().enumerate() {
        state.apply(c);
        state.refresh_lists();
        let the_2021 = state
            .documents
            .iter()
            .filter(|d| Some(d.id) != state.active)
            .find(|d| d.report.meta.year == Some(2021))
            .map(|d| (d.id, d.summary(), d.report.meta.agency.clone()));
        if !edited
            && i >= half
            && let Some(active) = state.active
            && let Some((id_2021, before, Some(agency))) = the_2021
            && state.doc(active).unwrap().report.meta.year != Some(2021)
        {
            let spec = state
                .doc(active)
                .unwrap()
                .spec(TableId::Applications)
                .unwrap();
            let row = spec.row("carried_forward").unwrap();
            let total = spec.rows[row].columns.len() - 1;
            let edits = [
                (
                    Target::Cell(CellRef {
                        table: TableId::Applications,
                        row,
                        col: 0,
                    }),
                    "77".to_string(),
                ),
                (
                    Target::Cell(CellRef {
                        table: TableId::Applications,
                        row,
                        col: total,
                    }),
                    "77".into(),
                ),
                (Target::Meta(MetaField::Agency), agency),
                (Target::Meta(MetaField::Year), "2020".into()),
            ];
            for (target, text) in edits {
                state.apply(Command::Edit { target, text });
                state.refresh_lists();
                assert_as_afresh(&mut state, &format!("after the edit of {target:?}"));
            }
            assert_ne!(
                state.doc(id_2021).unwrap().summary(),
                before,
                "the 2021 report's counts unchanged: the test shows nothing"
            );
            edited = true;
        }
        if edited {
            assert_as_afresh(&mut state, &format!("command {i}"));
        }
    }
    assert!(edited, "no edit made while reading");
    std::fs::remove_dir_all(&dir).unwrap();
}
