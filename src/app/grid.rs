//! The editable grids: metadata, and tables 2, 3 and 4 with the report's
//! own row and column labels, grouped as in the template.

use egui::{RichText, Ui, vec2};
use egui_extras::{Column, TableBuilder};

use super::cell::{self, Look};
use super::i18n::Lang;
use std::collections::HashMap;

use crate::model::{CellRef, Check, Number, Status};
use crate::review::{Command, Document, MetaField, Target};
use crate::template::{Layout, RowSpec, TableId};

/// What every grid needs to draw.
pub struct Grid<'a> {
    pub doc: &'a Document,
    pub editing: Option<&'a (Target, String)>,
    /// The checks with the value being typed, re-checked live.
    pub preview: Option<&'a [Check]>,
    pub lang: Lang,
    /// Scroll the selected cell into view this frame.
    pub scroll: bool,
    /// The worst status of the rules each cell takes part in (see
    /// `worst_statuses`).
    pub worst: HashMap<CellRef, Status>,
}

/// Each cell's worst status among `checks` (failing before advisory),
/// for the cells any rule fails or warns on. Made once a frame: asking
/// every cell in view for its rules walked all checks per cell.
pub fn worst_statuses<'a>(checks: impl Iterator<Item = &'a Check>) -> HashMap<CellRef, Status> {
    let mut worst = HashMap::new();
    for check in checks {
        if !matches!(check.status, Status::Fail | Status::Warn) {
            continue;
        }
        for &at in &check.cell_refs {
            let status = worst.entry(at).or_insert(check.status);
            if check.status == Status::Fail {
                *status = Status::Fail;
            }
        }
    }
    worst
}

const ROW_H: f32 = 22.0;

impl Grid<'_> {
    /// The rules a cell fails or is warned by, worst first: as they would be
    /// with the value being typed, while typing.
    fn problems_at(&self, at: CellRef) -> Vec<&Check> {
        let Some(preview) = self.preview else {
            return self.doc.problems_at(at);
        };
        crate::review::document::problems_among(preview.iter(), Some(at))
    }

    fn cell(&self, ui: &mut Ui, target: Target, width: f32, label: &str, out: &mut Vec<Command>) {
        let doc = self.doc;
        let selected = doc.selected == Some(target);
        let editing = self
            .editing
            .filter(|(t, _)| *t == target)
            .map(|(_, s)| s.as_str());
        let (status, edited, numeric) = match target {
            Target::Cell(at) => (self.worst.get(&at).copied(), doc.is_edited(at), true),
            Target::Meta(f) => (None, meta_edited(doc, f), false),
        };
        // A correction is a person's look: the mark is for values no one
        // has looked at yet.
        let review = match target {
            Target::Cell(at) if !edited => doc.report.tables.cell(at).and_then(|c| c.review),
            _ => None,
        }
        .is_some();
        let text = doc.display(target);
        let response = cell::show(
            ui,
            vec2(width, ROW_H - 2.0),
            Look {
                text: &text,
                selected,
                editing,
                status,
                edited,
                review,
                numeric,
            },
            label,
        );
        if response.clicked() && !selected {
            out.push(Command::Select(target));
        }
        response.on_hover_ui(|ui| self.tooltip(ui, target, label));
    }

    /// The rule messages with expected and actual values, the parsed value
    /// of an edited cell, and where the value came from.
    fn tooltip(&self, ui: &mut Ui, target: Target, label: &str) {
        let doc = self.doc;
        let lang = self.lang;
        ui.strong(label);
        let Target::Cell(at) = target else {
            return;
        };
        if let Some(mark) = doc.report.tables.cell(at).and_then(|c| c.review)
            && !doc.is_edited(at)
        {
            ui.colored_label(super::theme::review(), review_reason(mark, lang));
        }
        if doc.is_edited(at) {
            let parsed = doc
                .original_value(at)
                .map(|v| Number(v).to_string())
                .unwrap_or_else(|| lang.t("空", "empty").into());
            ui.colored_label(
                super::theme::edited(),
                format!(
                    "{}{parsed}",
                    lang.t("已修改，原识别值：", "edited; parsed value: ")
                ),
            );
        }
        for check in self.problems_at(at) {
            let (tag, color) = cell::status_tag(check.status, lang, ui.visuals().dark_mode);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tag).background_color(color));
                ui.label(check.message.text(lang));
            });
            if let (Some(e), Some(a)) = (check.expected, check.actual) {
                ui.label(match lang {
                    Lang::Zh => format!("应为 {e}，实为 {a}"),
                    Lang::En => format!("expected {e}, actual {a}"),
                });
            }
        }
        for (_, u) in doc.unread_rows() {
            let cells = crate::rules::repair::unread_cells(&doc.report, u);
            if cells.is_some_and(|c| c.contains(&at)) {
                let (_, color) =
                    cell::status_tag(crate::model::Status::Warn, lang, ui.visuals().dark_mode);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(lang.t("未读", "unread")).background_color(color));
                    ui.label(crate::rules::repair::unread_message(&doc.report, u).text(lang));
                });
            }
        }
        match doc.report.tables.cell(at).and_then(|c| c.source) {
            Some(span) => ui.weak(match lang {
                Lang::Zh => format!("来源：第 {} 行", span.line),
                Lang::En => format!("source: line {}", span.line),
            }),
            None => ui.weak(lang.t("无来源（原文中未找到此格）", "no source in the text")),
        };
    }

    pub fn meta(&self, ui: &mut Ui, out: &mut Vec<Command>) {
        let lang = self.lang;
        let r = &self.doc.report;
        egui::Grid::new("meta_grid")
            .num_columns(4)
            .spacing([8.0, 2.0])
            .show(ui, |ui| {
                ui.label(lang.t("机关", "Agency"));
                let name = lang.t("机关名称", "Agency name");
                self.cell(ui, Target::Meta(MetaField::Agency), 260.0, name, out);
                ui.label(lang.t("年度", "Year"));
                let year = lang.t("报告年度", "Report year");
                self.cell(ui, Target::Meta(MetaField::Year), 70.0, year, out);
                ui.end_row();
                ui.label(lang.t("发布日期", "Published"));
                self.cell(
                    ui,
                    Target::Meta(MetaField::Published),
                    120.0,
                    lang.t("发布日期", "Published"),
                    out,
                );
                ui.label(lang.t("格式", "Template"));
                let t = r.meta.template.map(|l| l.as_str()).unwrap_or("?");
                ui.label(match lang {
                    Lang::Zh => format!("{t} 年格式"),
                    Lang::En => format!("{t} format"),
                })
                .on_hover_text(lang.t("由表格自身的栏目决定", "told by the tables' own labels"));
                ui.end_row();
            });
    }

    pub fn table(&self, ui: &mut Ui, id: TableId, out: &mut Vec<Command>) {
        let lang = self.lang;
        ui.add_space(6.0);
        ui.heading(match lang {
            Lang::Zh => format!("{} {}", id.short_title(), id.title()),
            // The report's own heading stays beside the English name.
            Lang::En => {
                let short = id.short_title_en();
                let mut c = short.chars();
                let short: String = c
                    .next()
                    .map(|f| f.to_ascii_uppercase())
                    .into_iter()
                    .chain(c)
                    .collect();
                format!("{short} · {}", id.title())
            }
        });
        let Some(t) = self.doc.report.tables.get(id) else {
            ui.label(
                RichText::new(lang.t(
                    "本报告中没有找到此表（原文可能是图片）。可添加空表后手工填写：",
                    "This table was not found (perhaps an image in the original). Add it empty and fill it by hand:",
                ))
                .color(ui.visuals().warn_fg_color),
            );
            ui.horizontal(|ui| {
                let layouts: &[Layout] = if id == TableId::ReviewLitigation {
                    &[Layout::Y2021]
                } else {
                    &[Layout::Y2021, Layout::Y2019]
                };
                for &layout in layouts {
                    let text = if layouts.len() == 1 {
                        lang.t("添加空表", "Add empty table").to_string()
                    } else {
                        match lang {
                            Lang::Zh => format!("添加空表（{} 年格式）", layout.as_str()),
                            Lang::En => format!("Add empty table ({} format)", layout.as_str()),
                        }
                    };
                    if ui.button(text).clicked() {
                        out.push(Command::AddTable(id, layout));
                    }
                }
            });
            return;
        };
        let spec = t.spec;
        // Table 2 has blocks with their own columns; tables 3 and 4 one block.
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for (i, row) in spec.rows.iter().enumerate() {
            match blocks.last_mut() {
                Some((start, end))
                    if id != TableId::ActiveDisclosure || spec.rows[*start].group == row.group =>
                {
                    *end = i + 1
                }
                _ => blocks.push((i, i + 1)),
            }
        }
        for (b, &(start, end)) in blocks.iter().enumerate() {
            self.block(ui, id, &spec.rows[start..end], start, b, out);
        }
    }

    fn block(
        &self,
        ui: &mut Ui,
        id: TableId,
        rows: &[RowSpec],
        first: usize,
        block: usize,
        out: &mut Vec<Command>,
    ) {
        let columns = rows[0].columns;
        let n = columns.len();
        let gap = ui.spacing().item_spacing.x;
        // Fit the window's width: no sideways scrolling. The numbers get
        // what seven digits need at most; the labels the rest, wrapped.
        let avail = ui.available_width() - 4.0;
        let col_w = ((avail - LABEL_MIN_W) / n as f32 - gap).clamp(44.0, 86.0);
        // In a window too narrow even for that, the labels give way first.
        let label_w = (avail - (col_w + gap) * n as f32 - gap).max(LABEL_MIN_W / 2.0);
        let head = if id == TableId::ActiveDisclosure {
            rows[0].group
        } else {
            ""
        };
        let header = Header::measure(ui, columns, col_w, ui.clip_rect());
        let wrapped = |ui: &Ui, text: &str, width: f32, strong: bool| {
            let text = if strong {
                RichText::new(text).strong()
            } else {
                RichText::new(text)
            };
            egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                width,
                egui::TextStyle::Body,
            )
        };
        // The rows as shown: each group heading where its group
        // starts, then the row under it with its label wrapped (the
        // whole label: never cut off), and the height that needs.
        let mut lines: Vec<Line> = Vec::new();
        let mut prev: Vec<&str> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let parts: Vec<&str> = if id == TableId::ActiveDisclosure {
                Vec::new()
            } else {
                row.group.split_whitespace().collect()
            };
            for (depth, part) in parts.iter().enumerate() {
                if prev.get(depth) != Some(part) {
                    lines.push(Line::Group {
                        indent: depth as f32 * INDENT,
                        title: part,
                    });
                }
            }
            let indent = parts.len() as f32 * INDENT;
            prev = parts;
            let galley = wrapped(ui, row.label, label_w - indent - 4.0, false);
            lines.push(Line::Row {
                index: i,
                indent,
                galley,
            });
        }
        // The selected cell of this block, when it is to be scrolled to.
        let selected_line = match self.doc.selected {
            Some(Target::Cell(at)) if self.scroll && at.table == id => lines
                .iter()
                .position(|l| matches!(l, Line::Row { index, .. } if first + index == at.row)),
            _ => None,
        };
        let heights: Vec<f32> = lines.iter().map(Line::height).collect();
        let row_gap = ui.spacing().item_spacing.y;
        TableBuilder::new(ui)
            .id_salt((id, block))
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(label_w))
            .columns(Column::exact(col_w), n)
            .header(header.height, |mut row| {
                row.col(|ui| {
                    ui.add(egui::Label::new(wrapped(ui, head, label_w, true)));
                });
                for (c, col) in columns.iter().enumerate() {
                    row.col(|ui| header.column(ui, c, col.label, col_w, gap));
                }
            })
            .body(|body| {
                // Only the rows in view are built (a report's tables are
                // taller than the window): the typing frame's budget.
                body.heterogeneous_rows(heights.iter().copied(), |mut tr| {
                    match &lines[tr.index()] {
                        Line::Group { indent, title } => {
                            tr.col(|ui| {
                                ui.add_space(*indent);
                                ui.strong(*title);
                            });
                            for _ in 0..n {
                                tr.col(|_| {});
                            }
                        }
                        Line::Row {
                            index,
                            indent,
                            galley,
                        } => {
                            let row = &rows[*index];
                            tr.col(|ui| {
                                ui.add_space(*indent);
                                ui.add(egui::Label::new(galley.clone()).selectable(false));
                            });
                            for (c, col) in row.columns.iter().enumerate() {
                                tr.col(|ui| {
                                    let at = CellRef {
                                        table: id,
                                        row: first + index,
                                        col: c,
                                    };
                                    // The table named in the reader's
                                    // language, the row and column as the
                                    // report has them.
                                    let table = self.lang.t(id.short_title(), id.short_title_en());
                                    let label = format!("{table} {} {}", row.name, col.label);
                                    self.cell(ui, Target::Cell(at), col_w, &label, out);
                                });
                            }
                        }
                    }
                });
            });
        // The selected cell's row is not built while out of view, and the
        // table's own (unscrolling) area would swallow a request from
        // inside it: the grids' area is asked here, the row's place
        // measured up from the table's end.
        if let Some(line) = selected_line {
            let below: f32 = heights[line + 1..].iter().map(|h| h + row_gap).sum();
            let bottom = ui.min_rect().bottom() - below;
            let top = bottom - heights[line] - row_gap;
            let x = ui.min_rect().x_range();
            ui.scroll_to_rect(egui::Rect::from_x_y_ranges(x, top..=bottom), None);
        }
    }
}

/// A line of a grid block: a group's heading, or a row of the template.
enum Line<'a> {
    Group {
        indent: f32,
        title: &'a str,
    },
    Row {
        /// Of the block's rows.
        index: usize,
        indent: f32,
        /// Its label, wrapped to the label column.
        galley: std::sync::Arc<egui::Galley>,
    },
}

impl Line<'_> {
    fn height(&self) -> f32 {
        match self {
            Line::Group { .. } => ROW_H,
            Line::Row { galley, .. } => (galley.size().y + 6.0).max(ROW_H),
        }
    }
}

/// The narrowest the row labels get before the numbers' columns shrink.
const LABEL_MIN_W: f32 = 170.0;
/// How far a row stands in under its group heading.
const INDENT: f32 = 12.0;

/// The column headings of a block as in the template: each label whole,
/// centred over its numbers, and 法人或其他组织 over its five columns in
/// table 3.
struct Header {
    height: f32,
    /// The columns under a shared heading, and that heading.
    group: Option<(std::ops::Range<usize>, &'static str)>,
    line: f32,
    /// Where the grids are shown: the shared heading may be painted there,
    /// beyond the one cell it is drawn from.
    clip: egui::Rect,
}

impl Header {
    fn measure(
        ui: &Ui,
        columns: &[crate::template::ColumnSpec],
        col_w: f32,
        clip: egui::Rect,
    ) -> Header {
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let group = column_group(columns);
        let lines = columns
            .iter()
            .map(|c| {
                let g = egui::WidgetText::from(RichText::new(c.label).strong()).into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    col_w - 4.0,
                    egui::TextStyle::Body,
                );
                g.size().y
            })
            .fold(line, f32::max);
        let height = lines + if group.is_some() { line + 6.0 } else { 0.0 } + 6.0;
        Header {
            height,
            group,
            line,
            clip,
        }
    }

    fn column(&self, ui: &mut Ui, c: usize, label: &str, col_w: f32, gap: f32) {
        let rect = ui.max_rect();
        if let Some((range, title)) = &self.group {
            if c == range.start {
                // The shared heading, painted once over its columns.
                let width = range.len() as f32 * (col_w + gap) - gap;
                let top = egui::Rect::from_min_size(rect.min, vec2(width, self.line + 4.0));
                let painter = egui::Painter::new(
                    ui.ctx().clone(),
                    ui.layer_id(),
                    self.clip.intersect(top.expand(1.0)),
                );
                let color = ui.visuals().strong_text_color();
                painter.text(
                    top.center(),
                    egui::Align2::CENTER_CENTER,
                    *title,
                    egui::TextStyle::Body.resolve(ui.style()),
                    color,
                );
                painter.hline(
                    top.x_range(),
                    top.bottom(),
                    ui.visuals().widgets.noninteractive.bg_stroke,
                );
            }
        }
        let under_group = self.group.as_ref().is_some_and(|(r, _)| r.contains(&c));
        let top = if under_group { self.line + 6.0 } else { 0.0 };
        let area = egui::Rect::from_min_max(rect.min + vec2(0.0, top), rect.max);
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(area)
                .layout(egui::Layout::top_down(egui::Align::Center)),
            |ui| {
                let galley = egui::WidgetText::from(RichText::new(label).strong()).into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    col_w - 4.0,
                    egui::TextStyle::Body,
                );
                // Centred both ways, as a merged heading cell is.
                ui.add_space(((area.height() - galley.size().y) / 2.0).max(0.0));
                ui.add(
                    egui::Label::new(galley)
                        .halign(egui::Align::Center)
                        .selectable(false),
                );
            },
        );
    }
}

/// Table 3's applicant columns: 法人或其他组织 stands over the five kinds of
/// organisation, between 自然人 and 总计.
fn column_group(
    columns: &[crate::template::ColumnSpec],
) -> Option<(std::ops::Range<usize>, &'static str)> {
    let first = columns.iter().position(|c| c.key == "commercial")?;
    let last = columns.iter().position(|c| c.key == "other")?;
    (first < last).then_some((first..last + 1, "法人或其他组织"))
}

fn meta_edited(doc: &Document, f: MetaField) -> bool {
    let (a, b) = (&doc.report.meta, &doc.original.meta);
    match f {
        MetaField::Agency => a.agency != b.agency,
        MetaField::Year => a.year != b.year,
        MetaField::Published => a.published != b.published,
    }
}

/// Why a cell is marked for review, for its tooltip.
fn review_reason(mark: crate::model::ReviewMark, lang: Lang) -> String {
    use crate::model::ReviewReason;
    let why = match mark.reason {
        ReviewReason::PlacedByPosition => lang.t(
            "请核对：该行行名缺失或有误，按表中位置放入",
            "Check: the row's label is missing or misprinted; placed by its position in the table",
        ),
        ReviewReason::DigitsRebuilt => lang.t(
            "请核对：数字原本连在一起，按勾稽关系拆分",
            "Check: the digits stood run together and were split by the table's rules",
        ),
        ReviewReason::LowOcrConfidence => lang.t(
            "请核对：图像识别（OCR）置信度低",
            "Check: read from an image (OCR) with low confidence",
        ),
        ReviewReason::OcrUnread => lang.t(
            "请核对：图像中此格有字迹，识别不出，留空",
            "Check: the image has ink here that OCR could not read; left empty",
        ),
    };
    match mark.confidence {
        Some(c) => format!("{why} ({:.0}%)", c * 100.0),
        None => why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Layout;

    fn check(status: Status, cells: &[(usize, usize)]) -> Check {
        Check {
            rule: "test",
            place: String::new(),
            status,
            expected: None,
            actual: None,
            message: Default::default(),
            cell_refs: cells
                .iter()
                .map(|&(row, col)| CellRef {
                    table: TableId::Applications,
                    row,
                    col,
                })
                .collect(),
            layout: Layout::Y2021,
        }
    }

    #[test]
    fn a_cell_shows_the_worst_rule_it_takes_part_in() {
        let checks = [
            check(Status::Warn, &[(0, 0), (0, 1)]),
            check(Status::Fail, &[(0, 1), (1, 1)]),
            check(Status::Warn, &[(1, 1)]),
            check(Status::Pass, &[(2, 2)]),
            check(Status::Skipped, &[(3, 3)]),
        ];
        let worst = worst_statuses(checks.iter());
        let at = |row, col| {
            worst
                .get(&CellRef {
                    table: TableId::Applications,
                    row,
                    col,
                })
                .copied()
        };
        assert_eq!(at(0, 0), Some(Status::Warn));
        assert_eq!(at(0, 1), Some(Status::Fail));
        assert_eq!(at(1, 1), Some(Status::Fail));
        assert_eq!(at(2, 2), None);
        assert_eq!(at(3, 3), None);
        assert_eq!(worst.len(), 3);
    }
}
