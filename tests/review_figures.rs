//! The batch figures off the window's thread, in the review state with no
//! window: the state hands the figures service the facts of what changed,
//! an edit makes the figures held out of date (they stay shown until the
//! new ones come), an answer older than the one held is dropped, and the
//! service's sums are what a fresh computation over every report gives.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::model::CellRef;
use nianbao::review::figures::{FactsChange, Figures, FiguresKey, FiguresService};
use nianbao::review::report_list::failing_rules;
use nianbao::review::stats;
use nianbao::review::{Command, State, Target};
use nianbao::template::TableId;

#[path = "common/temp.rs"]
mod temp;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// 舒城县医疗保障局 2023 (seed 000), its 2024 with 上年结转 not matching
/// 2023's 结转下年度 (a failing cross-year rule), and another agency's seed.
fn open(tag: &str) -> (State, PathBuf) {
    let dir = temp::temp_dir("rfigures", tag);
    let y2023 = std::fs::read_to_string(fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let y2024 = y2023
        .replacen(
            "2023 年政府信息公开工作年度报告",
            "2024 年政府信息公开工作年度报告",
            1,
        )
        .replace(
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
        );
    std::fs::write(dir.join("a_2023.txt"), &y2023).unwrap();
    std::fs::write(dir.join("b_2024.txt"), &y2024).unwrap();
    std::fs::copy(
        fixture("seeds/002_1e2618f252abd06d.txt"),
        dir.join("002.txt"),
    )
    .unwrap();
    let mut state = State::new(None);
    assert!(
        state
            .apply_blocking(Command::OpenFolders(vec![dir.clone()]))
            .is_empty()
    );
    assert_eq!(state.documents.len(), 3);
    (state, dir)
}

fn id_of(state: &State, file: &str) -> u64 {
    state.documents.iter().find(|d| d.name == file).unwrap().id
}

/// What the window does with the service on its thread: the request, the
/// answer, the answer applied.
fn ask(state: &mut State, service: &mut FiguresService) -> Arc<Figures> {
    let request = state.figures_request(true).expect("figures asked for");
    let figures = Arc::new(service.run(request).expect("figures computed"));
    state.apply(Command::FiguresComputed(figures.clone()));
    figures
}

fn total_received(state: &State, id: u64) -> CellRef {
    let spec = state.doc(id).unwrap().spec(TableId::Applications).unwrap();
    let row = spec.row("new_received").unwrap();
    CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    }
}

#[test]
fn an_edit_makes_the_figures_stale_and_an_older_answer_is_dropped() {
    let (mut state, dir) = open("stale");
    let mut service = FiguresService::default();
    assert!(state.figures().is_none());
    assert!(!state.figures_current());

    // The first request carries every report's facts.
    let request = state.figures_request(true).unwrap();
    let opened = request
        .changes
        .iter()
        .filter(|c| matches!(c, FactsChange::Set { .. }))
        .count();
    assert_eq!(opened, 3);
    assert_eq!(request.want, Some(state.figures_key()));
    // Asked once: nothing more to send until something changes.
    assert!(state.figures_request(true).is_none());
    let first = Arc::new(service.run(request).unwrap());
    state.apply(Command::FiguresComputed(first.clone()));
    assert!(state.figures_current());
    assert_eq!(first.stats, stats::batch_stats(&state.documents));
    assert_eq!(first.stats.reports, 3);

    // An edit: the figures held are out of date but still there to show.
    let id = state.active.unwrap();
    state.apply(Command::Edit {
        target: Target::Cell(total_received(&state, id)),
        text: "9999".into(),
    });
    assert!(!state.figures_current());
    assert_eq!(state.figures().unwrap().key, first.key);
    // The list's edit count, counted without naming the cells.
    let d = state.doc(id).unwrap();
    assert_eq!(d.correction_count(), 1);
    assert_eq!(d.correction_count(), d.corrections().len());
    // Figures not wanted (charts hidden): the edited report's facts alone
    // go over, and nothing is computed.
    let request = state.figures_request(false).unwrap();
    assert_eq!(request.want, None);
    assert!(
        matches!(request.changes.as_slice(), [FactsChange::Set { id: i, .. }] if *i == id),
        "{:?}",
        request.changes
    );
    assert!(service.run(request).is_none());
    assert!(state.figures_request(false).is_none());

    // Wanted again: computed for the new revision.
    let request = state.figures_request(true).unwrap();
    assert!(request.changes.is_empty());
    let newer = Arc::new(service.run(request).unwrap());
    assert!(newer.key.revision > first.key.revision);
    assert_eq!(newer.stats, stats::batch_stats(&state.documents));
    assert_ne!(newer.stats, first.stats);

    // The newer answer first, then a computation it overtook: the older is dropped.
    state.apply(Command::FiguresComputed(newer.clone()));
    state.apply(Command::FiguresComputed(first.clone()));
    assert_eq!(state.figures().unwrap().key, newer.key);
    assert!(state.figures_current());

    // Another report shown: its agency's years are asked for.
    let other = state
        .documents
        .iter()
        .map(|d| d.id)
        .find(|&d| Some(d) != state.active)
        .unwrap();
    state.apply(Command::Activate(other));
    assert!(!state.figures_current());
    let shown = ask(&mut state, &mut service);
    assert_eq!(
        shown.key,
        FiguresKey {
            revision: newer.key.revision,
            active: Some(other)
        }
    );
    assert_eq!(
        shown.agency_years,
        stats::agency_years(&state.documents, other)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cross_year_rules_and_closes_reach_the_figures() {
    let (mut state, dir) = open("cross");
    let mut service = FiguresService::default();
    let (y2023, y2024) = (id_of(&state, "a_2023.txt"), id_of(&state, "b_2024.txt"));
    let with_both = ask(&mut state, &mut service);
    // 2024's 上年结转 does not match 2023's 结转下年度: a cross-year rule
    // fails in 2024, counted as the list's rule filter counts it.
    assert!(
        with_both
            .stats
            .by_rule
            .iter()
            .any(|(rule, _)| rule.starts_with("cross_year.")),
        "{:?}",
        with_both.stats.by_rule
    );
    assert_eq!(with_both.stats.by_rule, failing_rules(&state.documents));
    // (Seed 002 is of 2021.)
    assert_eq!(with_both.years, [2024, 2023, 2021]);

    // Closing 2023 removes its facts, and 2024's cross-year rules with it.
    state.apply(Command::Close {
        doc: y2023,
        discard: true,
    });
    let request = state.figures_request(true).unwrap();
    assert!(request.changes.contains(&FactsChange::Closed(y2023)));
    assert!(
        request
            .changes
            .iter()
            .any(|c| matches!(c, FactsChange::CrossYear { id, rules } if *id == y2024 && rules.is_empty())),
        "{:?}",
        request.changes
    );
    let without = Arc::new(service.run(request).unwrap());
    state.apply(Command::FiguresComputed(without.clone()));
    assert_eq!(without.stats, stats::batch_stats(&state.documents));
    assert_eq!(without.stats.by_rule, failing_rules(&state.documents));
    assert!(
        !without
            .stats
            .by_rule
            .iter()
            .any(|(rule, _)| rule.starts_with("cross_year."))
    );
    assert_eq!(without.years, [2024, 2021]);
    assert_eq!(service.len(), 2);
    let _ = std::fs::remove_dir_all(dir);
}
