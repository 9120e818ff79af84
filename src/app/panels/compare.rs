//! 对比: two open reports side by side — every cell of tables 二/三/四
//! with both values and the change, the cross-year rules, and the repeated
//! text of each section highlighted in both texts. Drawing only: the
//! comparison is `review::compare`'s, recomputed there when a report changes.

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Ui};

use crate::app::ReviewApp;
use crate::app::cell;
use crate::app::i18n::Lang;
use crate::app::theme;
use crate::compare::{CellChange, CellStatus, Comparison, TextPart};
use crate::model::{Number, Status};
use crate::review::{Command, CompareCommand, CompareView, Document};

/// How a report is named in the choosers: agency and year, else the file.
fn doc_label(d: &Document) -> String {
    match (&d.report.meta.agency, d.report.meta.year) {
        (Some(a), Some(y)) => format!("{a} {y}"),
        (Some(a), None) => a.clone(),
        _ => d.name.clone(),
    }
}

fn part_title(part: TextPart, lang: Lang) -> &'static str {
    match part {
        TextPart::Overview => lang.t("一、总体情况", "1. Overview"),
        TextPart::Problems => lang.t("五、存在的主要问题", "5. Problems"),
        TextPart::Other => lang.t("六、其他需要报告的事项", "6. Other matters"),
        TextPart::Whole => lang.t("全文", "Whole text"),
    }
}

fn status_text(s: CellStatus, lang: Lang) -> &'static str {
    match s {
        CellStatus::Unchanged => lang.t("未变", "same"),
        CellStatus::Changed => lang.t("有变化", "changed"),
        CellStatus::MissingThis => lang.t("本年空", "blank this year"),
        CellStatus::MissingLast => lang.t("上年空", "blank last year"),
        CellStatus::Empty => lang.t("均空", "both blank"),
    }
}

pub(super) fn compare(app: &ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let Some(view) = &app.state.compare else {
        return;
    };
    choosers(app, view, ui, out);
    ui.separator();
    let Some(cmp) = view.comparison() else {
        ui.label(lang.t(
            "请选择要对比的两份报告：本年和上年。默认是同一机关上一年度的报告（已打开时）。",
            "Choose the two reports to compare: this year's and last year's. By default the same agency's report of the year before, when it is open.",
        ));
        return;
    };
    summary(cmp, lang, ui);
    let dark = ui.visuals().dark_mode;
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width((width * 0.48).max(320.0));
            cross_year(cmp, lang, ui, out);
            ui.separator();
            cells(app, view, cmp, dark, ui, out);
        });
        ui.separator();
        ui.vertical(|ui| {
            repeated_text(app, view, cmp, dark, ui, out);
        });
    });
}

fn choosers(app: &ReviewApp, view: &CompareView, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let docs = &app.state.documents;
    let name = |id: Option<u64>| {
        id.and_then(|id| app.state.doc(id))
            .map(doc_label)
            .unwrap_or_else(|| lang.t("（未选）", "(none)").to_string())
    };
    ui.horizontal(|ui| {
        ui.strong(lang.t("对比", "Compare"));
        for (is_this, label) in [
            (true, lang.t("本年", "This year")),
            (false, lang.t("上年", "Last year")),
        ] {
            let current = if is_this { view.this } else { view.last };
            egui::ComboBox::from_label(label)
                .selected_text(name(current))
                .width(220.0)
                .show_ui(ui, |ui| {
                    for d in docs {
                        if ui
                            .selectable_label(current == Some(d.id), doc_label(d))
                            .clicked()
                        {
                            let (this, last) = if is_this {
                                (d.id, view.last.unwrap_or(d.id))
                            } else {
                                (view.this.unwrap_or(d.id), d.id)
                            };
                            out.push(Command::Compare(CompareCommand::Pick { this, last }));
                        }
                    }
                });
        }
        if ui.button(lang.t("交换", "Swap")).clicked() {
            out.push(Command::Compare(CompareCommand::Swap));
        }
        let mut only = view.only_changed;
        if ui
            .checkbox(&mut only, lang.t("只看有变化的格", "Changed cells only"))
            .changed()
        {
            out.push(Command::Compare(CompareCommand::OnlyChanged(only)));
        }
        if ui.button(lang.t("关闭对比", "Close comparison")).clicked() {
            out.push(Command::Compare(CompareCommand::Close));
        }
    });
}

fn summary(cmp: &Comparison, lang: Lang, ui: &mut Ui) {
    let n = |s| cmp.count(s);
    ui.label(match lang {
        Lang::Zh => format!(
            "表二、三、四共 {} 格：有变化 {}，未变 {}，本年空 {}，上年空 {}，均空 {}",
            cmp.cells.len(),
            n(CellStatus::Changed),
            n(CellStatus::Unchanged),
            n(CellStatus::MissingThis),
            n(CellStatus::MissingLast),
            n(CellStatus::Empty)
        ),
        Lang::En => format!(
            "Tables 2–4, {} cells: {} changed, {} same, {} blank this year, {} blank last year, {} both blank",
            cmp.cells.len(),
            n(CellStatus::Changed),
            n(CellStatus::Unchanged),
            n(CellStatus::MissingThis),
            n(CellStatus::MissingLast),
            n(CellStatus::Empty)
        ),
    });
}

fn cross_year(cmp: &Comparison, lang: Lang, ui: &mut Ui, out: &mut Vec<Command>) {
    ui.strong(lang.t("跨年度规则", "Cross-year rules"));
    if cmp.cross_year.is_empty() {
        ui.weak(lang.t(
            "两份报告缺少跨年度规则所需的表。",
            "The reports lack the tables the cross-year rules need.",
        ));
    }
    let dark = ui.visuals().dark_mode;
    for check in &cmp.cross_year {
        let (tag, color) = match check.status {
            Status::Pass => (lang.t("通过", "passes"), theme::passed(dark)),
            Status::Skipped => (
                lang.t("无法核对", "not assessable"),
                theme::one_sided_cell(dark),
            ),
            s => cell::status_tag(s, lang, dark),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tag).background_color(color));
            let text = if check.message.is_empty() {
                format!("{} {}", check.rule, check.place)
            } else {
                check.message.text(lang).to_string()
            };
            let key = check.cell_refs.first().and_then(|&at| {
                // The rule's cells are this year's: find the compared cell.
                cmp.cells
                    .iter()
                    .find(|c| c.this_ref == Some(at))
                    .map(|c| c.key)
            });
            if ui.link(text).clicked()
                && let Some(key) = key
            {
                out.push(Command::Compare(CompareCommand::Select(key)));
            }
        });
    }
}

fn value_text(v: Option<f64>) -> String {
    v.map(|v| Number(v).to_string())
        .unwrap_or_else(|| "—".into())
}

fn cells(
    app: &ReviewApp,
    view: &CompareView,
    cmp: &Comparison,
    dark: bool,
    ui: &mut Ui,
    out: &mut Vec<Command>,
) {
    let lang = app.settings.lang;
    let shown: Vec<&CellChange> = cmp
        .cells
        .iter()
        .filter(|c| {
            !view.only_changed || c.status != CellStatus::Unchanged && c.status != CellStatus::Empty
        })
        .collect();
    if let Some(key) = view.selected
        && let Some(c) = cmp.cell(key)
    {
        selected_detail(app, view, c, ui);
    }
    ui.horizontal(|ui| {
        ui.add_sized(
            [300.0, 16.0],
            egui::Label::new(RichText::new(lang.t("单元格", "Cell")).strong()),
        );
        for h in [
            lang.t("本年", "This year"),
            lang.t("上年", "Last year"),
            lang.t("变化", "Change"),
        ] {
            ui.add_sized([70.0, 16.0], egui::Label::new(RichText::new(h).strong()));
        }
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("compare_cells")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for c in &shown[range] {
                let fill = match c.status {
                    CellStatus::Changed => Some(theme::changed_cell(dark)),
                    CellStatus::MissingThis | CellStatus::MissingLast => {
                        Some(theme::one_sided_cell(dark))
                    }
                    _ => None,
                };
                let selected = view.selected == Some(c.key);
                ui.horizontal(|ui| {
                    let name = format!("{} {} {}", c.key.table.short_title(), c.row_name, c.column);
                    let r = ui.add_sized(
                        [300.0, row_height - 4.0],
                        egui::Button::selectable(selected, name.as_str()).truncate(),
                    );
                    if r.clicked() {
                        out.push(Command::Compare(CompareCommand::Select(c.key)));
                    }
                    r.on_hover_text(format!(
                        "{} · {}",
                        c.key.path(),
                        status_text(c.status, lang)
                    ));
                    for text in [
                        value_text(c.this),
                        value_text(c.last),
                        c.delta()
                            .map(|d| {
                                if d > 0.0 {
                                    format!("+{}", Number(d))
                                } else {
                                    Number(d).to_string()
                                }
                            })
                            .unwrap_or_else(|| status_text(c.status, lang).to_string()),
                    ] {
                        let mut t = RichText::new(text);
                        if let Some(fill) = fill {
                            t = t.background_color(fill);
                        }
                        ui.add_sized([70.0, row_height - 4.0], egui::Label::new(t));
                    }
                });
            }
        });
}

/// The selected cell in both reports: value and the source line it was read from.
fn selected_detail(app: &ReviewApp, view: &CompareView, c: &CellChange, ui: &mut Ui) {
    let lang = app.settings.lang;
    ui.group(|ui| {
        ui.strong(format!(
            "{} {} {}",
            c.key.table.short_title(),
            c.row_name,
            c.column
        ));
        for (label, id, at) in [
            (lang.t("本年", "This year"), view.this, c.this_ref),
            (lang.t("上年", "Last year"), view.last, c.last_ref),
        ] {
            let Some(d) = id.and_then(|id| app.state.doc(id)) else {
                continue;
            };
            let line = at
                .and_then(|at| d.report.tables.cell(at))
                .and_then(|cell| cell.source)
                .and_then(|s| d.text.lines().nth(s.line.saturating_sub(1)))
                .map(|l| l.trim().chars().take(60).collect::<String>())
                .unwrap_or_else(|| lang.t("无来源", "no source").to_string());
            let value = at.and_then(|at| d.value(at));
            ui.label(format!("{label}：{} · {line}", value_text(value)));
        }
    });
}

fn repeated_text(
    app: &ReviewApp,
    view: &CompareView,
    cmp: &Comparison,
    dark: bool,
    ui: &mut Ui,
    out: &mut Vec<Command>,
) {
    let lang = app.settings.lang;
    ui.strong(lang.t(
        "重复文字（本年与上年相同的文字）",
        "Repeated text (this year's words found in last year's)",
    ));
    ui.horizontal_wrapped(|ui| {
        for part in TextPart::ALL {
            let share = cmp
                .repeat(part)
                .map(|r| r.similarity.share * 100.0)
                .unwrap_or(0.0);
            let label = format!("{} {share:.0}%", part_title(part, lang));
            if ui.selectable_label(view.part == part, label).clicked() {
                out.push(Command::Compare(CompareCommand::ShowPart(part)));
            }
        }
    });
    let Some(rep) = cmp.repeat(view.part) else {
        return;
    };
    let sim = &rep.similarity;
    ui.weak(match lang {
        Lang::Zh => format!(
            "重复率 {:.1}%：本年 {} 字中 {} 字在上年报告中连续出现（至少 {} 字相同才计，数字和标点不计差别），{} 段",
            sim.share * 100.0,
            sim.this_units,
            sim.repeated_units,
            crate::compare::SHINGLE,
            sim.passages.len()
        ),
        Lang::En => format!(
            "{:.1}% repeated: {} of this year's {} characters stand in last year's report in runs of at least {} (numbers and punctuation ignored), {} passages",
            sim.share * 100.0,
            sim.repeated_units,
            sim.this_units,
            crate::compare::SHINGLE,
            sim.passages.len()
        ),
    });
    let (Some(this), Some(last)) = (
        view.this.and_then(|id| app.state.doc(id)),
        view.last.and_then(|id| app.state.doc(id)),
    ) else {
        return;
    };
    let this_text = view.part.text(side(this));
    let last_text = view.part.text(side(last));
    let this_ranges: Vec<std::ops::Range<usize>> =
        sim.passages.iter().map(|p| p.this.clone()).collect();
    let last_ranges = merged(sim.passages.iter().map(|p| p.last.clone()).collect());
    let height = ui.available_height();
    let half = (ui.available_width() / 2.0 - 8.0).max(150.0);
    ui.horizontal_top(|ui| {
        for (label, text, ranges, salt) in [
            (
                lang.t("本年", "This year"),
                this_text,
                &this_ranges,
                "cmp_this",
            ),
            (
                lang.t("上年", "Last year"),
                last_text,
                &last_ranges,
                "cmp_last",
            ),
        ] {
            ui.vertical(|ui| {
                ui.set_width(half);
                ui.strong(label);
                egui::ScrollArea::vertical()
                    .id_salt(salt)
                    .max_height(height - 30.0)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if text.trim().is_empty() {
                            ui.weak(lang.t("（本节无文字）", "(no text in this section)"));
                        } else {
                            ui.label(highlighted(ui, text, ranges, half, dark));
                        }
                    });
            });
        }
    });
}

/// Sorted, overlapping ranges joined (last year's side: two passages of
/// this year's text may repeat the same words).
fn merged(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `text` with `ranges` (sorted, disjoint, on char boundaries) on the
/// repeated-text background.
fn highlighted(
    ui: &Ui,
    text: &str,
    ranges: &[std::ops::Range<usize>],
    width: f32,
    dark: bool,
) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let normal = TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    let marked = TextFormat {
        font_id: font,
        color,
        background: theme::repeated_text(dark),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut at = 0;
    for r in ranges {
        let (s, e) = (r.start.min(text.len()), r.end.min(text.len()));
        if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        job.append(&text[at..s], 0.0, normal.clone());
        job.append(&text[s..e], 0.0, marked.clone());
        at = e;
    }
    job.append(&text[at..], 0.0, normal);
    job
}

fn side(d: &Document) -> crate::compare::Side<'_> {
    crate::compare::Side {
        report: &d.report,
        text: &d.text,
    }
}
