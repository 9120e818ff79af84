//! 对比 and 图表 in the real window through egui_kittest: open one agency's
//! two years and other reports, compare, select a cell in both, switch the
//! repeated-text section, then show the charts and filter from them.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{ReviewApp, install_fonts};
use nianbao::compare::{CellKey, TextPart};
use nianbao::review::{Command, Target};
use nianbao::template::TableId;

fn harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        )
}

fn folder() -> std::path::PathBuf {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let y2023 = std::fs::read_to_string(fixtures.join("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
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
    std::fs::write(dir.join("a_2023.txt"), y2023).unwrap();
    std::fs::write(dir.join("b_2024.txt"), y2024).unwrap();
    std::fs::copy(
        fixtures.join("seeds/002_1e2618f252abd06d.txt"),
        dir.join("002.txt"),
    )
    .unwrap();
    std::fs::copy(
        fixtures.join("variants/broken_rules.txt"),
        dir.join("broken_rules.txt"),
    )
    .unwrap();
    dir
}

#[test]
fn compare_two_years_then_charts_filter_the_list() {
    let dir = folder();
    let mut h = harness();
    h.run();
    h.state_mut().send(Command::OpenFolders(vec![dir.clone()]));
    for _ in 0..50 {
        if h.state().state.batch.is_none() {
            break;
        }
        h.step();
    }
    h.run();
    assert_eq!(h.state().state.documents.len(), 4);
    let id = |h: &Harness<'static, ReviewApp>, name: &str| {
        h.state()
            .state
            .documents
            .iter()
            .find(|d| d.name == name)
            .unwrap()
            .id
    };
    let (y2023, y2024) = (id(&h, "a_2023.txt"), id(&h, "b_2024.txt"));
    h.state_mut().send(Command::Activate(y2024));
    h.run();

    // 对比 opens on the year before, by default.
    h.get_by_label("对比…").click();
    h.run();
    let view = h.state().state.compare.clone().unwrap();
    assert_eq!((view.this, view.last), (Some(y2024), Some(y2023)));
    assert!(h.query_by_label_contains("有变化 2").is_some());
    // The cross-year rule is listed with its message.
    assert!(h.query_by_label_contains("与上年报告").is_some());

    // Only the changed cells, then click one: it is selected in both reports.
    h.get_by_label("只看有变化的格").click();
    h.run();
    assert!(h.state().state.compare.as_ref().unwrap().only_changed);
    assert!(h.query_by_label("表二 规章 本年制发件数").is_none());
    h.get_by_label("表三 二、上年结转政府信息公开申请数量 总计")
        .click();
    h.run();
    let key = CellKey {
        table: TableId::Applications,
        row: "carried_over",
        col: "total",
    };
    assert_eq!(
        h.state().state.compare.as_ref().unwrap().selected,
        Some(key)
    );
    for doc in [y2023, y2024] {
        let d = h.state().state.doc(doc).unwrap();
        let Some(Target::Cell(at)) = d.selected else {
            panic!("not selected")
        };
        assert_eq!(CellKey::of(at, &d.report.tables), Some(key));
    }
    // Both values and the change are shown.
    assert_eq!(h.query_all_by_label("+2").count(), 2);

    // The repeated text of the whole text, with its share.
    h.get_by_label_contains("全文").click();
    h.run();
    assert_eq!(
        h.state().state.compare.as_ref().unwrap().part,
        TextPart::Whole
    );
    assert!(h.query_by_label_contains("重复率").is_some());
    h.get_by_label("关闭对比").click();
    h.run();
    assert!(h.state().state.compare.is_none());

    // The charts: the share passing every rule, and the totals table.
    h.get_by_label("图表").click();
    h.run();
    assert!(h.state().view.charts);
    assert!(h.query_by_label_contains("全部规则通过：").is_some());
    assert!(h.query_by_label_contains("按地区和级别合计").is_some());
    assert!(h.query_by_label_contains("本机关历年").is_some());
    // Clicking the top bar of the rules chart filters the list to that rule.
    let top_rule = nianbao::review::stats::batch_stats(&h.state().state.documents).by_rule[0];
    let title = h.get_by_label("各规则不通过（或提示）的报告数").rect();
    let at = egui::pos2(title.left() + 40.0, title.bottom() + 16.0);
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().state.filter.rule, Some(top_rule.0));
    assert_eq!(h.state().state.list().len(), top_rule.1);
    assert!(
        h.query_by_label_contains(&format!("显示 {} / 4 份", top_rule.1))
            .is_some()
    );
    // English is complete here too.
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label_contains("Passing every rule").is_some());
    assert!(
        h.query_by_label_contains("Totals by region and level")
            .is_some()
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A click on an agency's bar of "applications per agency" lists exactly
/// that agency's reports: not another agency whose name contains its name.
#[test]
fn agency_bar_filters_to_exactly_that_agency() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = std::env::temp_dir().join(format!("nianbao-kittest-agency-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let y2023 = std::fs::read_to_string(fixtures.join("seeds/000_f28bdb7c4ee4bcba.txt")).unwrap();
    let y2024 = y2023.replacen(
        "2023 年政府信息公开工作年度报告",
        "2024 年政府信息公开工作年度报告",
        1,
    );
    // Another agency, its name beginning with the first's whole name.
    let branch = y2023.replace("舒城县医疗保障局", "舒城县医疗保障局城关分局");
    std::fs::write(dir.join("a_2023.txt"), &y2023).unwrap();
    std::fs::write(dir.join("b_2024.txt"), &y2024).unwrap();
    std::fs::write(dir.join("c_branch.txt"), &branch).unwrap();

    // Tall enough for every chart without scrolling.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        );
    h.run();
    h.state_mut().send(Command::OpenFolders(vec![dir.clone()]));
    for _ in 0..50 {
        if h.state().state.batch.is_none() {
            break;
        }
        h.step();
    }
    h.run();
    assert_eq!(h.state().state.documents.len(), 3);
    h.get_by_label("图表").click();
    h.run();
    let figures = h
        .state()
        .state
        .figures()
        .cloned()
        .expect("figures computed");
    // Two years of the one agency outnumber the branch's one year.
    let top = figures.stats.per_agency[0].clone();
    assert_eq!(top.zh, "舒城县医疗保障局");
    assert!(
        figures
            .stats
            .per_agency
            .iter()
            .any(|b| b.zh == "舒城县医疗保障局城关分局")
    );
    let title = h.get_by_label("各机关本年新收申请数（前 20）").rect();
    // Past the plot's margin left of 0, in the top bar.
    let at = egui::pos2(title.left() + 160.0, title.bottom() + 16.0);
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    let state = &h.state().state;
    assert_eq!(
        state.filter.exact_agency,
        Some((top.key.clone(), top.zh.clone()))
    );
    let listed: Vec<&str> = state
        .listed()
        .iter()
        .map(|item| match item {
            nianbao::review::ListItem::Doc(id) => state.doc(*id).unwrap().name.as_str(),
            nianbao::review::ListItem::Failed(_) => panic!("no unreadable file"),
        })
        .collect();
    let mut listed = listed;
    listed.sort_unstable();
    assert_eq!(listed, ["a_2023.txt", "b_2024.txt"]);
    assert!(h.query_by_label_contains("显示 2 / 3 份").is_some());
    assert!(
        h.query_by_label_contains("仅此机关：舒城县医疗保障局")
            .is_some()
    );
    // The name typed instead finds the branch too: what the bar no longer does.
    let mut by_name = state.filter.clone();
    by_name.exact_agency = None;
    by_name.agency = top.zh.clone();
    h.state_mut().send(Command::SetFilter(by_name));
    h.run();
    assert_eq!(h.state().state.listed().len(), 3);
    h.state_mut()
        .send(Command::SetFilter(nianbao::review::ListFilter {
            exact_agency: Some((top.key.clone(), top.zh.clone())),
            ..Default::default()
        }));
    h.run();
    // Its × shows every agency again.
    h.get_by_label("取消仅此机关").click();
    h.run();
    assert_eq!(h.state().state.filter.exact_agency, None);
    assert_eq!(h.state().state.listed().len(), 3);
    let _ = std::fs::remove_dir_all(dir);
}
