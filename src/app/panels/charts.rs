//! 图表: pictures of the open reports (egui_plot). One report's applications
//! by outcome and applicant; its agency over the years open; the batch's
//! failing rules by rule and by region, applications per agency, the share
//! passing every rule, and totals by region and level. Clicking a bar
//! filters the report list.
//!
//! The batch's figures (and this agency's years) sum over every report: a
//! worker thread computes them (`review::figures`); this panel draws the
//! last figures received and says when newer ones are on their way.

use std::time::Instant;

use egui::{RichText, Ui};
use egui_plot::{Bar as PlotBar, BarChart, Legend, Line, Plot, PlotPoints, Points, Text};

use crate::app::ReviewApp;
use crate::app::i18n::Lang;
use crate::app::theme;
use crate::review::figures::Figures;
use crate::review::stats::{self, Bar, Grouping, OUTCOMES, UNKNOWN_REGION, YearFigures};
use crate::review::{Command, ExportKind, ListFilter};

fn label(b: &Bar, lang: Lang) -> &str {
    lang.t(&b.zh, &b.en)
}

/// A horizontal bar chart with each bar's label written on it; the index
/// of a clicked bar.
fn bar_chart(ui: &mut Ui, id: &str, bars: &[(String, f64)], color: egui::Color32) -> Option<usize> {
    if bars.is_empty() {
        return None;
    }
    let n = bars.len();
    let height = (n as f32 * 22.0 + 30.0).clamp(80.0, 360.0);
    let max = bars.iter().map(|b| b.1).fold(0.0, f64::max).max(1.0);
    let text_color = ui.visuals().text_color();
    let plot_bars: Vec<PlotBar> = bars
        .iter()
        .enumerate()
        .map(|(i, (name, v))| {
            PlotBar::new((n - 1 - i) as f64, *v)
                .width(0.8)
                .name(name)
                .fill(color.gamma_multiply(0.55))
        })
        .collect();
    let response = Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_y(false)
        .show_axes([true, false])
        .show_grid([true, false])
        .include_x(0.0)
        .include_x(max * 1.05)
        .show(ui, |p| {
            p.bar_chart(BarChart::new(id, plot_bars).horizontal().color(color));
            for (i, (name, v)) in bars.iter().enumerate() {
                let y = (n - 1 - i) as f64;
                p.text(
                    Text::new(
                        format!("{id}-{i}"),
                        [0.0, y].into(),
                        RichText::new(format!(" {name}  {}", crate::model::Number(*v)))
                            .color(text_color),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
            p.pointer_coordinate()
        });
    if response.response.clicked()
        && let Some(at) = response.inner
    {
        let i = n as i64 - 1 - at.y.round() as i64;
        if (0..n as i64).contains(&i) && at.x >= 0.0 {
            return Some(i as usize);
        }
    }
    None
}

pub(super) fn charts(app: &mut ReviewApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let lang = app.settings.lang;
    let started = Instant::now();
    app.view.figures_wanted = true;
    let figures = app.state.figures().cloned();
    let current = app.state.figures_current();
    egui::ScrollArea::vertical()
        .id_salt("charts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(lang.t("图表", "Charts"));
                if ui
                    .button(lang.t("返回表格", "Back to the tables"))
                    .clicked()
                {
                    app.view.charts = false;
                }
                if !current {
                    ui.spinner();
                    ui.weak(if figures.is_some() {
                        lang.t(
                            "正在更新…（显示的是上次的统计）",
                            "Updating… (the figures shown are the last computed)",
                        )
                    } else {
                        lang.t("计算中…", "Computing…")
                    });
                }
            });
            if let Some(doc) = app.state.active_doc() {
                ui.separator();
                ui.strong(match lang {
                    Lang::Zh => format!("本报告：{}", doc.name),
                    Lang::En => format!("This report: {}", doc.name),
                });
                ui.columns(2, |cols| {
                    cols[0].label(lang.t(
                        "申请办理结果（表三，总计）",
                        "Applications by outcome (table 3, total)",
                    ));
                    let outcomes: Vec<(String, f64)> = stats::outcome_bars(&doc.report)
                        .iter()
                        .map(|b| (label(b, lang).to_string(), b.value))
                        .collect();
                    empty_note(&mut cols[0], outcomes.is_empty(), lang);
                    bar_chart(&mut cols[0], "outcomes", &outcomes, theme::series(0));
                    cols[1]
                        .label(lang.t("本年新收申请，按申请人", "New applications by applicant"));
                    let applicants: Vec<(String, f64)> = stats::applicant_bars(&doc.report)
                        .iter()
                        .map(|b| (label(b, lang).to_string(), b.value))
                        .collect();
                    empty_note(&mut cols[1], applicants.is_empty(), lang);
                    bar_chart(&mut cols[1], "applicants", &applicants, theme::series(1));
                });
                // The years of the agency shown, once computed for this report.
                if let Some(f) = figures.as_ref().filter(|f| f.key.active == Some(doc.id)) {
                    agency_over_years(ui, &f.agency_years, lang);
                }
            }
            ui.separator();
            if let Some(f) = &figures {
                batch_charts(app, ui, f, lang, out);
            }
        });
    app.view.charts_time = Some(started.elapsed());
}

fn empty_note(ui: &mut Ui, empty: bool, lang: Lang) {
    if empty {
        ui.weak(lang.t("（表三无数据）", "(no figures in table 3)"));
    }
}

fn agency_over_years(ui: &mut Ui, years: &[YearFigures], lang: Lang) {
    ui.strong(lang.t(
        "本机关历年（已打开的报告）",
        "This agency over the years (open reports)",
    ));
    if years.len() < 2 {
        ui.weak(lang.t(
            "只打开了本机关一个年度的报告；打开其他年度的报告即可看到历年变化。",
            "Only one year of this agency is open; open its other years to see the trend.",
        ));
    }
    type Pick = fn(&YearFigures) -> Option<f64>;
    let mut series: Vec<(String, Pick)> = vec![(
        lang.t("新收申请", "Applications received").to_string(),
        |f| f.received,
    )];
    let picks: [Pick; 6] = [
        |f| f.outcomes[0],
        |f| f.outcomes[1],
        |f| f.outcomes[2],
        |f| f.outcomes[3],
        |f| f.outcomes[4],
        |f| f.outcomes[5],
    ];
    for (i, pick) in picks.into_iter().enumerate() {
        series.push((lang.t(OUTCOMES[i].1, OUTCOMES[i].2).to_string(), pick));
    }
    series.push((
        lang.t("行政复议", "Administrative reviews").to_string(),
        |f| f.review,
    ));
    series.push((lang.t("行政诉讼", "Lawsuits").to_string(), |f| {
        f.litigation
    }));
    Plot::new("agency_years")
        .height(220.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 {
                format!("{}", mark.value as i64)
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            for (i, (name, pick)) in series.iter().enumerate() {
                let pts: Vec<[f64; 2]> = years
                    .iter()
                    .filter_map(|f| Some([f64::from(f.year), pick(f)?]))
                    .collect();
                if pts.is_empty() {
                    continue;
                }
                let color = theme::series(i);
                p.line(Line::new(name.as_str(), PlotPoints::from(pts.clone())).color(color));
                p.points(
                    Points::new(name.as_str(), PlotPoints::from(pts))
                        .color(color)
                        .radius(3.0),
                );
            }
        });
}

fn batch_charts(app: &ReviewApp, ui: &mut Ui, f: &Figures, lang: Lang, out: &mut Vec<Command>) {
    let s = &f.stats;
    ui.strong(match lang {
        Lang::Zh => format!("全部已打开的报告（{} 份）", s.reports),
        Lang::En => format!("All open reports ({})", s.reports),
    });
    if s.reports == 0 {
        return;
    }
    ui.add(
        egui::ProgressBar::new(s.share_passing() as f32).text(match lang {
            Lang::Zh => format!(
                "全部规则通过：{} / {} 份（{:.1}%）",
                s.passing,
                s.reports,
                100.0 * s.share_passing()
            ),
            Lang::En => format!(
                "Passing every rule: {} of {} ({:.1}%)",
                s.passing,
                s.reports,
                100.0 * s.share_passing()
            ),
        }),
    );
    ui.weak(lang.t(
        "点击条形可筛选左侧报告列表。",
        "Click a bar to filter the report list on the left.",
    ));
    let filter = |f: &dyn Fn(&mut ListFilter)| {
        let mut new = app.state.filter.clone();
        f(&mut new);
        Command::SetFilter(new)
    };
    ui.columns(2, |cols| {
        cols[0].label(lang.t(
            "各规则不通过（或提示）的报告数",
            "Reports where each rule fails (or warns)",
        ));
        let rules: Vec<(String, f64)> = s
            .by_rule
            .iter()
            .take(20)
            .map(|(r, n)| (r.to_string(), *n as f64))
            .collect();
        if let Some(i) = bar_chart(&mut cols[0], "by_rule", &rules, theme::series(2)) {
            let rule = s.by_rule[i].0;
            out.push(filter(&|f| f.rule = Some(rule)));
        }
        let group_title = match s.grouping {
            Some(Grouping::Region(level)) => match lang {
                Lang::Zh => format!("有问题的报告数，按地区（{}）", level.zh()),
                Lang::En => format!("Reports with problems by region ({})", level.en()),
            },
            _ => lang
                .t("有问题的报告数，按机关", "Reports with problems by agency")
                .to_string(),
        };
        cols[1].label(group_title);
        let groups: Vec<(String, f64)> = s
            .failing_by_group
            .iter()
            .take(20)
            .map(|b| {
                let name = if b.key.is_empty() {
                    lang.t(UNKNOWN_REGION, "(region unknown)").to_string()
                } else {
                    label(b, lang).to_string()
                };
                (name, b.value)
            })
            .collect();
        if groups.is_empty() {
            cols[1].weak(lang.t("没有不通过的报告。", "No report fails a rule."));
        }
        if let Some(i) = bar_chart(&mut cols[1], "by_group", &groups, theme::series(3)) {
            let bar = &s.failing_by_group[i];
            let key = bar.key.clone();
            out.push(match s.grouping {
                Some(Grouping::Region(level)) => filter(&|f| f.region = Some((level, key.clone()))),
                _ => filter(&|f| {
                    f.agency.clear();
                    f.exact_agency = Some((key.clone(), bar.zh.clone()));
                }),
            });
        }
    });
    ui.label(lang.t(
        "各机关本年新收申请数（前 20）",
        "New applications per agency (top 20)",
    ));
    let agencies: Vec<(String, f64)> = s
        .per_agency
        .iter()
        .take(20)
        .map(|b| (b.zh.clone(), b.value))
        .collect();
    if let Some(i) = bar_chart(ui, "per_agency", &agencies, theme::series(4)) {
        // Exactly that agency (its group key), not every name containing it.
        let bar = &s.per_agency[i];
        out.push(filter(&|f| {
            f.agency.clear();
            f.exact_agency = Some((bar.key.clone(), bar.zh.clone()));
        }));
    }
    region_table(ui, &f.totals_rows, lang, out);
}

fn region_table(ui: &mut Ui, rows: &[Vec<String>], lang: Lang, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong(lang.t("按地区和级别合计", "Totals by region and level"));
        if ui
            .button(lang.t("导出 CSV…", "Export CSV…"))
            .on_hover_text(lang.t(
                "各地区合计表，每个省、市、县一行",
                "The totals table, a row per province, city and county",
            ))
            .clicked()
        {
            out.push(Command::ChooseExportAll(ExportKind::RegionTotalsCsv));
        }
    });
    let headers_en = [
        "Level", "Region", "Within", "Reports", "All pass", "Share", "Received", "Granted",
        "Reviews", "Lawsuits",
    ];
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("region_totals")
        .max_height(240.0)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            egui::Grid::new("region_totals_grid")
                .striped(true)
                .min_col_width(48.0)
                .show(ui, |ui| {
                    for i in range {
                        for (c, cell) in rows[i].iter().enumerate() {
                            if i == 0 {
                                ui.strong(lang.t(cell, headers_en[c]));
                            } else if c == 0 {
                                let en = stats::RegionLevel::ALL
                                    .into_iter()
                                    .find(|l| l.zh() == cell)
                                    .map(|l| l.en())
                                    .unwrap_or("");
                                ui.label(lang.t(cell, en));
                            } else {
                                ui.label(cell);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
