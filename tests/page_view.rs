//! The page view (原件) without a window: its state (fit to width, zoom,
//! page navigation, boxes to screen, a click to a cell) and the renderer on
//! real PDFs — a table cell the parser placed is drawn where its box says.

use std::path::{Path, PathBuf};

use nianbao::model::PdfBox;
use nianbao::page::{
    DocLayout, PageError, PageService, PageSize, PageSource, PageWant, RenderJob, RenderReply,
};
use nianbao::review::page_view::{
    Geometry, MIN_SCALE, PAGE_GAP, PageView, Pages, ScrollTarget, Zoom, cell_boxes, page_at,
    pages_in_view, reveal,
};

const A4: PageSize = PageSize {
    width: 595.0,
    height: 842.0,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn view_of(pages: usize) -> PageView {
    let mut v = PageView::default();
    assert!(v.show_doc(7));
    v.opened(7, Ok(DocLayout::plain(vec![A4; pages])));
    v
}

#[test]
fn fit_width_fills_the_pane_and_stacks_pages() {
    let v = view_of(3);
    let g = v.geometry(619.0 + 2.0 * PAGE_GAP - 24.0).unwrap();
    assert!((g.scale - 595.0 / 595.0 * (619.0 - 24.0) / 595.0).abs() < 1e-4);
    let width = 700.0;
    let g = v.geometry(width).unwrap();
    let page = g.pages[0];
    assert!((page[2] - page[0] - (width - 2.0 * PAGE_GAP)).abs() < 0.01);
    assert!((page[0] - PAGE_GAP).abs() < 0.01);
    // One below the other, a gap between.
    assert!((g.pages[1][1] - g.pages[0][3] - PAGE_GAP).abs() < 0.01);
    assert!((g.size[1] - (g.pages[2][3] + PAGE_GAP)).abs() < 0.01);
}

#[test]
fn zoom_keeps_the_point_under_the_pointer() {
    let mut v = view_of(2);
    let viewport = [400.0, 600.0];
    let before = v.geometry(viewport[0]).unwrap();
    let offset = [0.0, 500.0];
    let anchor = [200.0, 300.0];
    let content = [offset[0] + anchor[0], offset[1] + anchor[1]];
    let page_unit = |g: &Geometry, p: [f32; 2]| {
        let page = page_at(g, p[1]);
        let r = g.pages[page];
        (page, [(p[0] - r[0]) / g.scale, (p[1] - r[1]) / g.scale])
    };
    let under = page_unit(&before, content);
    assert_eq!(under.0, 1, "the pointer is over the second page");
    v.zoom_by(2.0, anchor, offset, viewport);
    assert!(matches!(v.zoom, Zoom::Scale(s) if (s - before.scale * 2.0).abs() < 1e-4));
    let after = v.geometry(viewport[0]).unwrap();
    let Some(ScrollTarget::Offset(o)) = v.scroll_to else {
        panic!("zoom asks for a scroll: {:?}", v.scroll_to)
    };
    let still = page_unit(&after, [o[0] + anchor[0], o[1] + anchor[1]]);
    assert_eq!(still.0, under.0);
    assert!((still.1[0] - under.1[0]).abs() < 0.5 && (still.1[1] - under.1[1]).abs() < 0.5);
    // Bounded both ways; back to fit width.
    for _ in 0..40 {
        v.zoom_by(1.0 / 1.2, anchor, [0.0, 0.0], viewport);
    }
    assert_eq!(v.zoom, Zoom::Scale(MIN_SCALE));
    v.fit_width();
    assert_eq!(v.zoom, Zoom::FitWidth);
}

#[test]
fn page_navigation_is_clamped_and_scrolls_to_the_page_top() {
    let mut v = view_of(3);
    let g = v.geometry(500.0).unwrap();
    v.next_page();
    v.next_page();
    v.next_page();
    assert_eq!(v.page, 2);
    let to = v.resolve_scroll(&g, [0.0, 0.0], [500.0, 400.0]).unwrap();
    assert!((to[1] - (g.pages[2][1] - PAGE_GAP)).abs() < 0.01);
    v.previous_page();
    v.previous_page();
    v.previous_page();
    assert_eq!(v.page, 0);
    v.go_to(99);
    assert_eq!(v.page, 2);
    // Scrolling by hand moves the page number.
    v.scrolled(&g, g.pages[1][1] + 10.0);
    assert_eq!(v.page, 1);
    // Pages to render: those in view and one either side.
    assert_eq!(pages_in_view(&g, g.pages[1][1], 10.0), vec![1, 2, 0]);
}

#[test]
fn a_new_report_resets_and_stale_answers_are_ignored() {
    let mut v = view_of(3);
    v.go_to(2);
    assert!(!v.show_doc(7), "same report: nothing to ask");
    assert!(v.show_doc(8));
    assert_eq!((v.page, &v.pages), (0, &Pages::Opening));
    v.opened(7, Ok(DocLayout::plain(vec![A4])));
    assert_eq!(
        v.pages,
        Pages::Opening,
        "an answer for the old report is dropped"
    );
    v.opened(8, Err(PageError::BadPdf));
    assert_eq!(v.pages, Pages::Failed(PageError::BadPdf));
    assert!(v.geometry(500.0).is_none());
}

#[test]
fn boxes_map_to_screen_and_a_box_out_of_view_is_revealed() {
    let v = view_of(2);
    let g = v.geometry(PAGE_GAP * 2.0 + 595.0).unwrap();
    assert!((g.scale - 1.0).abs() < 1e-5);
    let b = PdfBox::new(2, 100.0, 200.0, 150.0, 212.0);
    let (page, r) = v.box_on_screen(&g, &b).unwrap();
    assert_eq!(page, 1);
    let top = g.pages[1][1];
    assert_eq!(
        r,
        [PAGE_GAP + 100.0, top + 200.0, PAGE_GAP + 150.0, top + 212.0]
    );
    // At the top of the document the box is out of view: centred.
    let viewport = [619.0, 400.0];
    let to = reveal(r, [0.0, 0.0], viewport).unwrap();
    assert!((to[1] + 200.0 - (r[1] + r[3]) / 2.0).abs() < 0.01);
    // In view: no scroll.
    assert_eq!(reveal(r, [0.0, top], viewport), None);
    assert!(
        v.box_on_screen(&g, &PdfBox::new(3, 0.0, 0.0, 1.0, 1.0))
            .is_none()
    );
}

/// The parse of a fixture PDF and its pages.
fn parsed(name: &str) -> (nianbao::Parsed, PageSource) {
    let path = fixture(name);
    let parsed = nianbao::parse_path(&path).unwrap();
    let source = PageSource::open_path(&path).unwrap();
    (parsed, source)
}

#[test]
fn a_click_on_a_number_selects_its_cell() {
    let (parsed, source) = parsed("report2021_utf8.pdf");
    let mut v = PageView::default();
    v.show_doc(1);
    v.opened(1, Ok(source.layout()));
    let g = v.geometry(700.0).unwrap();
    let tables = &parsed.report.tables;
    let cells: Vec<_> = cell_boxes(tables).collect();
    assert!(cells.len() > 50, "the fixture's cells carry boxes");
    let mut hits = 0;
    for (at, b) in &cells {
        let (_, r) = v.box_on_screen(&g, b).unwrap();
        let centre = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
        if v.cell_at(&g, tables, centre) == Some(*at) {
            hits += 1;
        }
    }
    // Every cell is hit at its centre (boxes of one report do not overlap).
    assert_eq!(hits, cells.len());
    // Also on a narrow pane, where digits' boxes are a few points wide and
    // closer than the slop to their neighbours.
    let small = v.geometry(300.0).unwrap();
    for (at, b) in &cells {
        let (_, r) = v.box_on_screen(&small, b).unwrap();
        let centre = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
        assert_eq!(v.cell_at(&small, tables, centre), Some(*at));
    }
    // Far from any box: nothing.
    assert_eq!(v.cell_at(&g, tables, [1.0, 1.0]), None);
}

/// The darkest pixel inside a page rectangle (page units at `scale`).
fn darkest(img: &nianbao::page::PageImage, r: [f32; 4], scale: f32) -> u8 {
    let mut min = 255;
    let (x0, y0) = ((r[0] * scale) as u32, (r[1] * scale) as u32);
    let (x1, y1) = ((r[2] * scale).ceil() as u32, (r[3] * scale).ceil() as u32);
    for y in y0..y1.min(img.height) {
        for x in x0..x1.min(img.width) {
            let [r, g, b] = img.rgb(x, y).unwrap();
            min = min.min(r.min(g).min(b));
        }
    }
    min
}

#[test]
fn the_rendered_page_has_ink_inside_a_parsed_cells_box() {
    let (parsed, source) = parsed("report2021_utf8.pdf");
    let layout = source.layout();
    let scale = 700.0 / layout.sizes[0].width;
    // A cell with a number on page 1.
    let (at, b) = cell_boxes(&parsed.report.tables)
        .find(|(at, b)| {
            b.page == 1
                && parsed
                    .report
                    .tables
                    .cell(*at)
                    .unwrap()
                    .value
                    .is_some_and(|v| v > 0.0)
        })
        .expect("a number on page 1");
    let img = source.render(0, scale).unwrap();
    assert_eq!(img.width, 700);
    let dark = img.rgba.chunks_exact(4).filter(|p| p[0] < 100).count();
    let total = (img.width * img.height) as usize;
    assert!(
        dark > total / 500,
        "not blank: {dark} dark pixels of {total}"
    );
    assert!(dark < total / 2, "not black: {dark} dark pixels of {total}");
    let (_, r) = layout.place(&b).unwrap();
    assert!(
        darkest(&img, r, scale) < 100,
        "{at:?}: no ink in its box {r:?}"
    );
    // And a blank margin has none.
    assert!(darkest(&img, [2.0, 2.0, 20.0, 20.0], scale) > 200);
}

#[test]
fn real_reports_render_with_ink_in_their_cells() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real/inputs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{}: absent (a fresh clone); skipped", dir.display());
        return;
    };
    let mut pdfs: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    for path in pdfs {
        let parsed = nianbao::parse_path(&path).unwrap();
        let source = PageSource::open_path(&path).unwrap();
        let layout = source.layout();
        let mut checked = 0;
        let mut rendered: Vec<Option<(f32, nianbao::page::PageImage)>> =
            vec![None; layout.page_count()];
        for (at, b) in cell_boxes(&parsed.report.tables) {
            if parsed.report.tables.cell(at).unwrap().value.is_none() {
                continue;
            }
            let (page, r) = layout.place(&b).unwrap();
            let (scale, img) = rendered[page].get_or_insert_with(|| {
                let scale = 700.0 / layout.sizes[page].width;
                (scale, source.render(page, scale).unwrap())
            });
            // Thin serif digits at 700 pixels a page are grey, not black.
            assert!(
                darkest(img, r, *scale) < 192,
                "{}: {at:?} on page {} has no ink in {r:?}",
                path.display(),
                page + 1
            );
            checked += 1;
        }
        assert!(checked > 20, "{}: {checked} cells", path.display());
    }
}

#[test]
fn the_service_answers_for_the_open_report_only() {
    let mut service = PageService::default();
    let path = fixture("report2021_utf8.pdf");
    let replies = service.run(RenderJob::Open { doc: 1, path });
    let [
        RenderReply::Opened {
            doc: 1,
            result: Ok(layout),
        },
    ] = replies.as_slice()
    else {
        panic!("{replies:?}")
    };
    assert!(layout.page_count() >= 2);
    let want = PageWant {
        page: 0,
        scale: 0.5,
    };
    let replies = service.run(RenderJob::Want {
        doc: 1,
        pages: vec![
            want,
            PageWant {
                page: 99,
                scale: 1.0,
            },
        ],
    });
    assert!(
        matches!(&replies[0], RenderReply::Rendered { result: Ok(img), .. } if img.width == (layout.sizes[0].width * 0.5) as u32)
    );
    assert!(matches!(
        &replies[1],
        RenderReply::Rendered {
            result: Err(PageError::NoSuchPage { page: 100, .. }),
            ..
        }
    ));
    // A request for a report no longer open: dropped.
    assert!(
        service
            .run(RenderJob::Want {
                doc: 2,
                pages: vec![want]
            })
            .is_empty()
    );
}

#[test]
fn garbage_truncated_and_missing_files_are_messages() {
    let good = std::fs::read(fixture("report2021_utf8.pdf")).unwrap();
    let mut garbage = b"%PDF-1.4\n".to_vec();
    garbage.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    assert!(PageSource::open(garbage).is_err());
    for cut in [20, 400, good.len() / 4, good.len() / 2, good.len() - 100] {
        // hayro repairs what it can; whatever opens must render or fail
        // cleanly, never panic.
        if let Ok(source) = PageSource::open(good[..cut].to_vec()) {
            for i in 0..source.page_count() {
                let _ = source.render(i, 0.5);
            }
        }
    }
    let mut service = PageService::default();
    let replies = service.run(RenderJob::Open {
        doc: 3,
        path: PathBuf::from("/nonexistent/报告.pdf"),
    });
    let [
        RenderReply::Opened {
            result: Err(e @ PageError::Io(_)),
            ..
        },
    ] = replies.as_slice()
    else {
        panic!("{replies:?}")
    };
    assert!(e.to_string().contains("无法读取文件"));
    let text = fixture("../seeds")
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        PageSource::open_path(&text).unwrap_err(),
        PageError::NotAPage
    );
}
