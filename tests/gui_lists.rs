//! The report list, the overview and the English switch in the real
//! window, driven through egui_kittest at 1366×768.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::app::{Lang, ReviewApp, install_fonts};
use nianbao::review::{Column, Command, ListItem, Target};

#[path = "common/wheel.rs"]
mod wheel;

fn harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        )
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-gui-lists-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder of three seeds, broken rules and an empty file, read.
fn with_folder(h: &mut Harness<'static, ReviewApp>, tag: &str) -> PathBuf {
    let dir = temp(tag);
    for seed in [
        "000_f28bdb7c4ee4bcba.txt",
        "001_103b191ae6add938.txt",
        "003_e18be9a397c96df8.txt",
    ] {
        std::fs::copy(fixture(&format!("seeds/{seed}")), dir.join(seed)).unwrap();
    }
    std::fs::copy(
        fixture("variants/broken_rules.txt"),
        dir.join("broken_rules.txt"),
    )
    .unwrap();
    std::fs::copy(
        fixture("formats/report2021_utf8.docx"),
        dir.join("report.docx"),
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    h.run();
    h.state_mut().send(Command::OpenFolders(vec![dir.clone()]));
    for _ in 0..200 {
        if h.state().state.batch.is_none() {
            break;
        }
        h.step();
    }
    assert!(h.state().state.batch.is_none());
    h.run();
    dir
}

#[test]
fn the_list_shows_year_format_status_and_the_unreadable_count() {
    let mut h = harness();
    let dir = with_folder(&mut h, "list");
    assert_eq!(h.state().state.documents.len(), 5);
    // Year · format · status under each agency; the docx is told apart.
    assert!(h.query_by_label_contains(" · DOCX · ").is_some());
    assert!(h.query_all_by_label_contains(" · TXT · ").count() >= 4);
    assert!(h.query_by_label_contains("缺表").is_some());
    assert!(h.query_by_label_contains("个问题").is_some());
    // The empty file is listed, and the count says what is listed.
    assert!(h.query_all_by_label_contains("empty.txt").count() >= 1);
    assert!(h.query_by_label("1 个无法读取").is_some());
    assert!(
        h.query_by_label_contains("已读取 6 个文件（其中 1 个无法读取")
            .is_some()
    );

    // Editing the shown report keeps its place in the list.
    let before = h.state().state.list();
    let ListItem::Doc(first) = before[0] else {
        panic!("problems first")
    };
    let agency = h
        .state()
        .state
        .doc(first)
        .unwrap()
        .report
        .meta
        .agency
        .clone()
        .unwrap();
    h.get_all_by_label_contains(&agency)
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().state.active, Some(first));
    let label = "表三 （一）予以公开 总计";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("777");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().state.active_doc().unwrap().dirty);
    assert_eq!(
        h.state().state.list(),
        before,
        "the edited report stays put"
    );
    // The unsaved mark beside its agency.
    assert!(h.query_all_by_label_contains("● ").count() >= 1);
    // Undone back to the parsed value: the mark goes.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().state.active_doc().unwrap().dirty);
    assert_eq!(h.query_all_by_label_contains("● ").count(), 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_overview_sorts_and_opens_a_report() {
    let mut h = harness();
    let dir = with_folder(&mut h, "overview");
    h.get_by_label("总览").click();
    h.run();
    assert!(h.state().view.show_overview);
    assert!(h.query_by_label_contains("报告总览").is_some());
    // Every report and the unreadable file, one row each.
    assert_eq!(h.state().state.overview().len(), 6);
    // A click on 年度 sorts newest first; a second click oldest first.
    h.get_all_by_label("年度")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().state.overview_sort.column, Column::Year);
    assert!(h.state().state.overview_sort.descending);
    h.get_all_by_label("年度 ▼")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    h.run();
    assert!(!h.state().state.overview_sort.descending);
    // Sorted by failing rules: the report with most failures first.
    h.get_all_by_label("不符规则")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    h.run();
    let order = h.state().state.overview().to_vec();
    let ListItem::Doc(worst) = order[0] else {
        panic!("a report first")
    };
    let failures = |id| h.state().state.doc(id).unwrap().report.failures().count();
    assert!(order.iter().all(|i| match i {
        ListItem::Doc(id) => failures(*id) <= failures(worst),
        ListItem::Failed(_) => true,
    }));
    // A click on a row opens that report and goes back to its tables.
    let agency = h
        .state()
        .state
        .doc(worst)
        .unwrap()
        .report
        .meta
        .agency
        .clone()
        .unwrap();
    let cell = h
        .get_all_by_label(&agency)
        .find(|n| n.accesskit_node().role() != Role::Button)
        .unwrap();
    cell.click();
    h.run();
    assert_eq!(h.state().state.active, Some(worst));
    assert!(!h.state().view.show_overview);
    assert!(h.query_by_label("表三 （一）予以公开 总计").is_some());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn english_shows_rule_messages_warnings_and_rule_names_in_english() {
    let mut h = harness();
    let dir = with_folder(&mut h, "english");
    let broken = h
        .state()
        .state
        .documents
        .iter()
        .find(|d| d.name == "broken_rules.txt")
        .unwrap()
        .id;
    h.state_mut().send(Command::Activate(broken));
    h.run();
    assert!(h.query_all_by_label_contains("合计").count() >= 1);
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().settings.lang, Lang::En);
    // Rule messages and their tags in English; no Chinese message left.
    assert!(h.query_all_by_label_contains("add up to").count() >= 1);
    assert!(h.query_all_by_label_contains("fails").count() >= 1);
    assert_eq!(h.query_all_by_label_contains("合计").count(), 0);
    // The rule filter names rules, never their ids.
    h.get_by_role_and_label(Role::ComboBox, "Rule").click();
    h.run();
    assert!(
        h.query_by_label_contains("Table 3: applicants add up to the total")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("applications.row_total")
            .is_none()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    // The note of the folder read, and the unreadable file's reason.
    assert!(
        h.query_by_label_contains("6 files read (1 of them unreadable")
            .is_some()
    );
    assert!(h.query_by_label_contains("the file is empty").is_some());
    // A report without tables says so rather than that all rules pass.
    let no_tables = h
        .state()
        .state
        .documents
        .iter()
        .find(|d| d.name.starts_with("003_"))
        .unwrap()
        .id;
    h.state_mut().send(Command::Activate(no_tables));
    h.run();
    assert!(
        h.query_by_label_contains("not found: their consistency rules cannot be checked")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Every consistency rule passes")
            .is_none()
    );
    // A refused input's hint in English.
    h.state_mut().send(Command::Activate(broken));
    h.run();
    let label = "table 3 （一）予以公开 总计";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("abc");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("is not a count").is_some());
    assert!(matches!(
        h.state().state.active_doc().unwrap().selected,
        Some(Target::Cell(_))
    ));
    let _ = std::fs::remove_dir_all(dir);
}

/// Frame times with ten thousand open reports, the overview and the list
/// shown (run by hand: `cargo test --release --test gui_lists -- --ignored
/// --nocapture`; slow to set up in a debug build).
#[test]
#[ignore]
fn ten_thousand_reports_frame_times() {
    let mut h = harness();
    let parsed = nianbao::parse_bytes("sample.txt", nianbao::SAMPLE_BYTES).unwrap();
    let setup = std::time::Instant::now();
    for i in 0..10_000u64 {
        let mut p = nianbao::Parsed {
            text: parsed.text.clone(),
            report: parsed.report.clone(),
        };
        p.report.meta.year = Some(2015 + (i % 10) as i32);
        p.report.meta.agency = Some(format!("第{i}号机关"));
        h.state_mut()
            .state
            .documents
            .push(Box::new(nianbao::review::Document::new(i + 1, None, p)));
    }
    h.state_mut().send(Command::SetFilter(Default::default()));
    h.state_mut().send(Command::Activate(1));
    eprintln!("10,000 reports set up in {:?}", setup.elapsed());
    h.run();
    let time = |h: &mut Harness<'static, ReviewApp>, what: &str| {
        let mut v = Vec::new();
        for _ in 0..20 {
            let t = std::time::Instant::now();
            h.step();
            v.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        eprintln!(
            "{what}: median {:.1} ms, worst {:.1} ms a frame",
            v[10], v[19]
        );
    };
    time(&mut h, "report list + tables");
    h.state_mut().view.show_overview = true;
    time(&mut h, "report list + overview");
    let t = std::time::Instant::now();
    h.state_mut()
        .send(Command::SetOverviewSort(nianbao::review::OverviewSort {
            column: Column::Failures,
            descending: true,
        }));
    eprintln!("sorted by failing rules in {:?}", t.elapsed());
    time(&mut h, "overview sorted");
}

#[test]
fn a_report_opened_anew_starts_at_its_top() {
    let mut h = harness();
    let dir = with_folder(&mut h, "scroll");
    let heading = "表二 二、主动公开政府信息情况";
    let top_of = |h: &Harness<'static, ReviewApp>| h.get_by_label(heading).rect().top();
    let first = h.state().state.active.unwrap();
    let at_top = top_of(&h);
    // Scroll the first report's tables well down.
    h.hover_at(egui::pos2(600.0, 400.0));
    for _ in 0..10 {
        h.event(wheel::wheel(-200.0));
        h.step();
    }
    h.run();
    assert!(
        top_of(&h) < at_top - 300.0,
        "scrolled: {} vs {at_top}",
        top_of(&h)
    );
    // Another report: shown from its top.
    let other = h
        .state()
        .state
        .documents
        .iter()
        .find(|d| d.id != first && d.report.tables.active_disclosure.is_some())
        .unwrap()
        .id;
    h.state_mut().send(Command::Activate(other));
    h.run();
    assert!(
        (top_of(&h) - at_top).abs() < 1.0,
        "{} vs {at_top}",
        top_of(&h)
    );
    // Back to the first: where it was left.
    h.state_mut().send(Command::Activate(first));
    h.run();
    assert!(top_of(&h) < at_top - 300.0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn table_three_fits_the_default_window_with_readable_headings() {
    let mut h = harness();
    let dir = with_folder(&mut h, "fit");
    let broken = h
        .state()
        .state
        .documents
        .iter()
        .find(|d| d.name == "broken_rules.txt")
        .unwrap()
        .id;
    h.state_mut().send(Command::Activate(broken));
    h.run();
    // The last column of table 3 stands left of the source pane: nothing
    // to scroll sideways for.
    let total = h.get_by_label("表三 （一）予以公开 总计").rect();
    let natural = h.get_by_label("表三 （一）予以公开 自然人").rect();
    assert!(total.right() < 1366.0 - 300.0, "{total:?}");
    assert!(natural.left() > 230.0, "{natural:?}");
    // Headings in the body's size, centred over their column.
    let heading = h.get_by_label("商业企业").rect();
    assert!(heading.height() >= 12.0, "{heading:?}");
    let commercial = h.get_by_label("表三 （一）予以公开 商业企业").rect();
    assert!(
        (heading.center().x - commercial.center().x).abs() < 3.0,
        "{heading:?} over {commercial:?}"
    );
    // A long row label shown whole, wrapped, not cut.
    assert!(
        h.query_by_label("一、本年新收政府信息公开申请数量")
            .is_some()
    );
    let _ = std::fs::remove_dir_all(dir);
}
