//! The page view (原件) in the real window through egui_kittest: open a
//! PDF, switch to 原件, select a cell and see its box scrolled into view,
//! click a number's box on the page and see its cell selected.
#![cfg(feature = "gui")]

use egui::{Event, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{ReviewApp, install_fonts};
use nianbao::review::page_view::{Pages, SourceTab, cell_boxes, reveal};
use nianbao::review::{Command, Target};

fn harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
        // The fixture's text holds a private-use bullet (U+F0B7, from
        // Word's Symbol font) that no font draws: the window shows a box
        // for it, as it does outside tests.
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut ReviewApp| app.show(ui),
            ReviewApp::headless(None),
        )
}

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/report2021_utf8.pdf")
}

fn click_at(h: &mut Harness<'static, ReviewApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    h.run();
}

#[test]
fn open_a_pdf_switch_to_the_page_select_and_click_cells() {
    let mut h = harness();
    h.run();
    h.state_mut().send(Command::OpenFiles(vec![fixture()]));
    h.run();
    assert_eq!(h.state().state.documents.len(), 1);
    assert_eq!(h.state().view.page_view.tab, SourceTab::Text);

    h.get_by_label("原件").click();
    h.run();
    let view = &h.state().view.page_view;
    assert_eq!(view.tab, SourceTab::Page);
    let Pages::Ready(layout) = &view.pages else {
        panic!("pages not read: {:?}", view.pages)
    };
    assert_eq!(layout.page_count(), 4);

    // A cell on page 3 (out of view at first): selecting it scrolls its
    // box into the pane.
    let doc = h.state().state.active_doc().unwrap();
    let cells: Vec<_> = cell_boxes(&doc.report.tables).collect();
    let (far, far_box) = *cells
        .iter()
        .find(|(_, b)| b.page >= 3)
        .expect("a cell on page 3");
    h.state_mut().send(Command::Select(Target::Cell(far)));
    h.run();
    let app = h.state();
    let last = app.view.page_scroll;
    assert!(last.offset[1] > 0.0, "scrolled down: {last:?}");
    let geometry = app.view.page_view.geometry(last.viewport[0]).unwrap();
    let (_, on_screen) = app
        .view
        .page_view
        .box_on_screen(&geometry, &far_box)
        .unwrap();
    assert_eq!(
        reveal(on_screen, last.offset, last.viewport),
        None,
        "the selected box {on_screen:?} is in view at {last:?}"
    );
    assert_eq!(app.view.page_view.page, far_box.page as usize - 1);

    // Click another number's box on the same page: its cell is selected.
    let (near, near_box) = *cells
        .iter()
        .find(|(at, b)| {
            b.page == far_box.page && *at != far && {
                let (_, r) = app.view.page_view.box_on_screen(&geometry, b).unwrap();
                reveal(r, last.offset, last.viewport).is_none()
            }
        })
        .expect("another cell in view");
    let (_, r) = app
        .view
        .page_view
        .box_on_screen(&geometry, &near_box)
        .unwrap();
    let page_node = h.get_by_label("原件页面").rect().min;
    let pos = page_node + egui::vec2((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
    click_at(&mut h, pos);
    let doc = h.state().state.active_doc().unwrap();
    assert_eq!(doc.selected, Some(Target::Cell(near)));

    // Zoom in and page navigation through the buttons.
    h.get_by_label("放大").click();
    h.run();
    assert!(matches!(
        h.state().view.page_view.zoom,
        nianbao::review::page_view::Zoom::Scale(_)
    ));
    h.get_by_label("适合宽度").click();
    h.run();
    let before = h.state().view.page_view.page;
    assert!(before < 3, "not the last page");
    h.get_by_label("下一页").click();
    h.run();
    assert_eq!(h.state().view.page_view.page, before + 1);
    h.get_by_label("上一页").click();
    h.run();
    assert_eq!(h.state().view.page_view.page, before);
}

#[test]
fn a_text_report_has_no_page_tab() {
    let mut h = harness();
    h.run();
    h.state_mut().send(Command::LoadSample);
    h.run();
    assert!(h.query_by_label("原件").is_none());
}
