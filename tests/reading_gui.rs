//! A report being read, in the real window through egui_kittest: listed
//! with its progress bar (“识别第 i/n 页…”) and 取消 / Cancel, its pages
//! shown while it reads; cancelled, it stays listed with 重新读取 / Read
//! again, which reads it and opens it under the same page view. (The
//! bar is animated: frames are stepped, never run to rest.)
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::OcrProgress;
use nianbao::app::{ReviewApp, install_fonts};
use nianbao::review::Command;
use nianbao::review::page_view::Pages;

fn harness() -> Harness<'static, ReviewApp> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(install_fonts)
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

#[test]
fn progress_bar_cancel_and_read_again() {
    let mut h = harness();
    h.run();
    // Asked for; its reading (a background thread in the window) is not
    // run here, so the test plays the thread's part.
    let effects = h
        .state_mut()
        .state
        .apply(Command::OpenFiles(vec![fixture()]));
    assert_eq!(effects.len(), 1);
    let job = h.state().state.reading[0].id;
    h.state_mut().send(Command::OpenProgress {
        job,
        progress: OcrProgress {
            done: 1,
            total: 4,
            cells: 60,
        },
    });
    h.run_steps(4);
    // In the list and in the middle of the window: the page read, the bar.
    let bars = h.query_all_by_label("识别第 2/4 页…").count();
    assert!(bars >= 2, "progress shown in the list and the view: {bars}");
    // The pages are shown while it reads.
    let view = &h.state().view.page_view;
    assert_eq!(view.doc, Some(job));
    let Pages::Ready(layout) = &view.pages else {
        panic!("pages not shown while reading: {:?}", view.pages)
    };
    assert_eq!(layout.page_count(), 4);

    h.get_all_by_label("取消读取 report2021_utf8.pdf")
        .next()
        .unwrap()
        .click();
    h.run_steps(4);
    let r = &h.state().state.reading[0];
    assert!(r.cancelled && r.cancel.is_cancelled());
    assert!(h.query_by_label("识别第 2/4 页…").is_none());
    assert!(h.query_all_by_label("重新读取").count() >= 1);

    // Read again: read in place here, and open under the same id.
    h.get_all_by_label("重新读取").next().unwrap().click();
    h.run_steps(4);
    h.run_steps(4);
    let app = h.state();
    assert!(app.state.reading.is_empty(), "{:?}", app.state.reading);
    assert_eq!(app.state.documents.len(), 1);
    assert_eq!(app.state.active, Some(job));
}

#[test]
fn in_english_the_bar_and_button_say_so() {
    let mut h = harness();
    h.state_mut().settings.lang = nianbao::app::Lang::En;
    h.run();
    h.state_mut()
        .state
        .apply(Command::OpenFiles(vec![fixture()]));
    let job = h.state().state.reading[0].id;
    h.state_mut().send(Command::OpenProgress {
        job,
        progress: OcrProgress {
            done: 0,
            total: 3,
            cells: 0,
        },
    });
    h.run_steps(4);
    assert!(h.query_all_by_label("Reading page 1 of 3…").count() >= 1);
    h.get_all_by_label("Cancel reading report2021_utf8.pdf")
        .next()
        .unwrap()
        .click();
    h.run_steps(4);
    assert!(h.state().state.reading[0].cancelled);
    assert!(h.query_all_by_label("Read again").count() >= 1);
}
