//! 对比 and the batch figures in the review state, with no window: the
//! default pair (same agency, year before), any pair, a cell selected in
//! both, the comparison following edits and closes; the batch statistics,
//! the list filtered by rule and region as a chart's bar would, and the
//! totals by region exported as CSV.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::compare::{CellKey, CellStatus, TextPart};
use nianbao::model::{CellRef, Status};
use nianbao::review::figures::FiguresService;
use nianbao::review::stats::{self, Grouping, RegionLevel};
use nianbao::review::{
    Command, CompareCommand, ExportKind, ListFilter, ListItem, State, Target, worker,
};
use nianbao::template::TableId;

#[path = "common/temp.rs"]
mod temp;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// 舒城县医疗保障局 2023 (seed 000), a 2024 written from it under the
/// abbreviated name with 上年结转 changed, and two other agencies' seeds.
fn folder(tag: &str) -> PathBuf {
    let dir = temp::temp_dir("rcompare", tag);
    let y2023 = std::fs::read_to_string(fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let y2024 = y2023
        .replacen(
            "舒城县医疗保障局\n2023 年政府信息公开工作年度报告",
            "舒城县医保局\n2024 年政府信息公开工作年度报告",
            1,
        )
        .replace(
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
        );
    std::fs::write(dir.join("a_2023.txt"), &y2023).unwrap();
    std::fs::write(dir.join("b_2024.txt"), &y2024).unwrap();
    for s in ["002_1e2618f252abd06d.txt", "003_e18be9a397c96df8.txt"] {
        std::fs::copy(fixture(&format!("seeds/{s}")), dir.join(s)).unwrap();
    }
    std::fs::copy(
        fixture("variants/broken_rules.txt"),
        dir.join("broken_rules.txt"),
    )
    .unwrap();
    dir
}

fn open(tag: &str) -> (State, PathBuf) {
    let dir = folder(tag);
    let mut state = State::new(None);
    let rest = state.apply_blocking(Command::OpenFolders(vec![dir.clone()]));
    assert!(rest.is_empty());
    assert_eq!(state.documents.len(), 5);
    (state, dir)
}

fn id_of(state: &State, file: &str) -> u64 {
    state.documents.iter().find(|d| d.name == file).unwrap().id
}

#[test]
fn compare_defaults_to_the_year_before_and_follows_edits() {
    let (mut state, dir) = open("default");
    let (y2023, y2024) = (id_of(&state, "a_2023.txt"), id_of(&state, "b_2024.txt"));
    state.apply(Command::Activate(y2024));
    state.apply(Command::Compare(CompareCommand::Open));
    let view = state.compare.as_ref().unwrap();
    assert_eq!((view.this, view.last), (Some(y2024), Some(y2023)));
    let cmp = view.comparison().unwrap();
    assert_eq!(cmp.count(CellStatus::Changed), 2);
    let carried = cmp
        .cross_year
        .iter()
        .find(|c| c.rule == "cross_year.carried_over")
        .unwrap();
    assert_eq!(carried.status, Status::Warn);
    assert_eq!(
        cmp.repeat(TextPart::Overview).unwrap().similarity.share,
        1.0
    );

    // The agency over the years: both years of 舒城县, oldest first.
    let years = stats::agency_years(&state.documents, y2024);
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2023, 2024]
    );

    // A cell selected in the comparison is selected in both reports.
    let key = CellKey {
        table: TableId::Applications,
        row: "granted",
        col: "total",
    };
    state.apply(Command::Compare(CompareCommand::Select(key)));
    for id in [y2023, y2024] {
        let d = state.doc(id).unwrap();
        let Some(Target::Cell(at)) = d.selected else {
            panic!("selected in {}", d.name)
        };
        assert_eq!(CellKey::of(at, &d.report.tables), Some(key));
    }
    assert_eq!(state.compare.as_ref().unwrap().selected, Some(key));

    // Editing this year's report recomputes the comparison; nothing else does.
    let before = state.compare.as_ref().unwrap().result.clone().unwrap();
    state.apply(Command::Compare(CompareCommand::ShowPart(TextPart::Whole)));
    assert!(std::sync::Arc::ptr_eq(
        &before.1,
        &state.compare.as_ref().unwrap().result.as_ref().unwrap().1
    ));
    let d = state.doc(y2024).unwrap();
    let spec = d.spec(TableId::Applications).unwrap();
    let row = spec.row("granted").unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    };
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "777".into(),
    });
    let cmp = state.compare.as_ref().unwrap().comparison().unwrap();
    assert_eq!(cmp.count(CellStatus::Changed), 3);
    assert_eq!(cmp.cell(key).unwrap().this, Some(777.0));

    // Swap, then any two on request.
    state.apply(Command::Compare(CompareCommand::Swap));
    let view = state.compare.as_ref().unwrap();
    assert_eq!((view.this, view.last), (Some(y2023), Some(y2024)));
    let other = id_of(&state, "002_1e2618f252abd06d.txt");
    state.apply(Command::Compare(CompareCommand::Pick {
        this: other,
        last: y2023,
    }));
    let cmp = state.compare.as_ref().unwrap().comparison().unwrap();
    assert!(cmp.count(CellStatus::Changed) > 10);
    assert!(cmp.repeat(TextPart::Overview).unwrap().similarity.share < 0.5);

    // Closing a compared report leaves the view asking for a choice.
    state.apply(Command::Close {
        doc: other,
        discard: true,
    });
    let view = state.compare.as_ref().unwrap();
    assert_eq!(view.this, None);
    assert!(view.comparison().is_none());
    state.apply(Command::Compare(CompareCommand::Close));
    assert!(state.compare.is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn no_default_pair_without_an_earlier_year() {
    let (mut state, dir) = open("nopair");
    let y2023 = id_of(&state, "a_2023.txt");
    state.apply(Command::Activate(y2023));
    state.apply(Command::Compare(CompareCommand::Open));
    let view = state.compare.as_ref().unwrap();
    assert_eq!((view.this, view.last), (Some(y2023), None));
    assert!(view.comparison().is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_figures_and_filters_from_their_bars() {
    let (mut state, dir) = open("stats");
    let s = stats::batch_stats(&state.documents);
    assert_eq!(s.reports, 5);
    let failing = state
        .documents
        .iter()
        .filter(|d| !stats::passes_every_rule(&d.report))
        .count();
    assert!(failing >= 1);
    assert_eq!(s.passing, 5 - failing);
    // Rules by the number of reports in which they fail or warn, as the
    // list's rule filter counts them.
    let listed = nianbao::review::report_list::failing_rules(&state.documents);
    assert_eq!(s.by_rule, listed);
    // A rule's bar filters the list to the reports where it fails.
    let (rule, n) = s.by_rule[0];
    state.apply(Command::SetFilter(ListFilter {
        rule: Some(rule),
        ..ListFilter::default()
    }));
    assert_eq!(state.list().len(), n);

    // Grouped by the coarsest level at which the reports' regions differ.
    let Some(Grouping::Region(level)) = s.grouping else {
        panic!("seeds name places: {:?}", s.grouping)
    };
    let total: f64 = s.failing_by_group.iter().map(|b| b.value).sum();
    assert_eq!(total as usize, failing);
    let bar = &s.failing_by_group[0];
    state.apply(Command::SetFilter(ListFilter {
        region: Some((level, bar.key.clone())),
        ..ListFilter::default()
    }));
    let shown = state.list();
    assert!(!shown.is_empty());
    let failing_shown = shown
        .iter()
        .filter(|i| match i {
            ListItem::Doc(id) => !stats::passes_every_rule(&state.doc(*id).unwrap().report),
            ListItem::Failed(_) => false,
        })
        .count();
    assert_eq!(failing_shown as f64, bar.value);
    for item in &shown {
        let ListItem::Doc(id) = item else { panic!() };
        let r = &state.doc(*id).unwrap().report;
        assert_eq!(stats::region_at(r, level).unwrap_or(""), bar.key);
    }

    // Applications per agency: one agency's two years summed under one name.
    let shucheng = s
        .per_agency
        .iter()
        .find(|b| b.zh.contains("舒城县"))
        .unwrap();
    let both: f64 = ["a_2023.txt", "b_2024.txt"]
        .iter()
        .map(|f| {
            let d = state.doc(id_of(&state, f)).unwrap();
            stats::figures(&d.report).unwrap().received.unwrap()
        })
        .sum();
    assert!(both > 0.0);
    assert_eq!(shucheng.value, both);

    // The window's figures, summed by the figures service from the facts
    // the state hands it as reports change, follow an edit and a close as
    // a fresh computation does.
    let mut service = FiguresService::default();
    let mut figures = |state: &mut State| {
        let request = state.figures_request(true).expect("figures asked for");
        let f = Arc::new(service.run(request).expect("figures computed"));
        state.apply(Command::FiguresComputed(f.clone()));
        f
    };
    let first = figures(&mut state);
    assert_eq!(first.stats, s);
    assert_eq!(
        first.totals_rows,
        stats::region_total_rows(&s.region_totals)
    );
    let y2023 = id_of(&state, "a_2023.txt");
    state.apply(Command::Activate(y2023));
    let d = state.doc(y2023).unwrap();
    let spec = d.spec(TableId::Applications).unwrap();
    let row = spec.row("new_received").unwrap();
    let at = CellRef {
        table: TableId::Applications,
        row,
        col: spec.rows[row].column("total").unwrap(),
    };
    state.apply(Command::Edit {
        target: Target::Cell(at),
        text: "9999".into(),
    });
    let edited = figures(&mut state);
    assert_eq!(edited.stats, stats::batch_stats(&state.documents));
    assert_ne!(edited.stats, s);
    assert_eq!(
        edited.agency_years,
        stats::agency_years(&state.documents, y2023)
    );
    assert_eq!(edited.agency_years.len(), 2);
    state.apply(Command::Close {
        doc: y2023,
        discard: true,
    });
    let closed = figures(&mut state);
    assert_eq!(closed.stats, stats::batch_stats(&state.documents));
    assert_eq!(closed.stats.reports, 4);

    // With the 2023 report closed, its agency has one year left.
    let y2024 = id_of(&state, "b_2024.txt");
    let years = stats::agency_years(&state.documents, y2024);
    assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), [2024]);
    state.apply(Command::Activate(y2024));
    // (Closing may have shown 2024 already: then the figures are its.)
    if !state.figures_current() {
        figures(&mut state);
    }
    assert_eq!(state.figures().unwrap().agency_years, years);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn totals_by_region_export_as_csv() {
    let (mut state, dir) = open("totals");
    let totals = stats::region_totals(state.documents.iter().map(|d| &d.report));
    // Every report counts once at each level it is known at.
    let provinces: usize = totals
        .iter()
        .filter(|t| t.level == Some(RegionLevel::Province))
        .map(|t| t.reports)
        .sum();
    let unknown: usize = totals
        .iter()
        .filter(|t| t.level.is_none())
        .map(|t| t.reports)
        .sum();
    assert_eq!(provinces + unknown, 5);
    let rows = stats::region_total_rows(&totals);
    assert_eq!(rows[0][0], "级别");
    assert_eq!(rows.len(), totals.len() + 1);

    let out = dir.join("region_totals.csv");
    let effects = state.apply_blocking(Command::ExportAll {
        kind: ExportKind::RegionTotalsCsv,
        path: out.clone(),
    });
    assert!(effects.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.starts_with("级别,地区,上级,报告数"));
    assert_eq!(text.lines().count(), rows.len());
    assert!(text.contains("安徽省"), "{text}");
    let _ = worker::write_export_all; // the same writer as the other exports
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn one_reports_outcomes_and_applicants() {
    let parsed = nianbao::parse_path(&fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let outcomes = stats::outcome_bars(&parsed.report);
    assert_eq!(outcomes[0].zh, "予以公开");
    let t = parsed.report.tables.applications.as_ref().unwrap();
    let total: f64 = outcomes.iter().map(|b| b.value).sum();
    assert_eq!(Some(total), t.value("total_processed", "total"));
    let applicants = stats::applicant_bars(&parsed.report);
    assert_eq!(applicants.len(), 6);
    let sum: f64 = applicants.iter().map(|b| b.value).sum();
    assert_eq!(Some(sum), t.value("new_received", "total"));
}

/// 六安市舒城县医疗保障局 is 舒城县医疗保障局 with its city in front: the same
/// division code and the same name after the place names.
#[test]
fn the_year_before_under_a_fuller_name() {
    let dir = temp::temp_dir("rcompare", "fuller");
    let y2023 = std::fs::read_to_string(fixture("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let y2024 = y2023.replacen(
        "舒城县医疗保障局\n2023 年政府信息公开工作年度报告",
        "六安市舒城县医疗保障局\n2024 年政府信息公开工作年度报告",
        1,
    );
    assert_ne!(y2023, y2024);
    std::fs::write(dir.join("a_2023.txt"), &y2023).unwrap();
    std::fs::write(dir.join("b_2024.txt"), &y2024).unwrap();
    let mut state = State::new(None);
    state.apply_blocking(Command::OpenFolders(vec![dir.clone()]));
    let (a, b) = (id_of(&state, "a_2023.txt"), id_of(&state, "b_2024.txt"));
    let names: Vec<_> = [a, b]
        .iter()
        .map(|&id| state.doc(id).unwrap().report.meta.agency.clone().unwrap())
        .collect();
    assert_ne!(names[0], names[1]);
    state.apply(Command::Activate(b));
    state.apply(Command::Compare(CompareCommand::Open));
    assert_eq!(state.compare.as_ref().unwrap().last, Some(a), "{names:?}");
    assert_eq!(stats::agency_years(&state.documents, b).len(), 2);
    let _ = std::fs::remove_dir_all(dir);
}
