//! `--bench-frames N`: time to first frame, time to a parsed report on
//! screen, and frame times while typing into table 3, printed on stdout;
//! with a folder, every `SWITCH_EVERY` frames another report is shown and
//! the frame after it timed apart.
//! With `--bench-charts`: frame times with the charts and the report list
//! shown (nothing typed), e.g. over a folder of 10,000 reports. Both also
//! time the window's work in each frame until every report is read and
//! shown (arriving reports handled, lists sorted, the build): what reading
//! a folder costs the window's thread. Before typing, the list's order and
//! filter and the overview's order are changed a few times and each change
//! timed (what is shown sorted again over every report: the report list,
//! or the overview for its own order).

use std::time::{Duration, Instant};

use super::ReviewApp;
use crate::model::CellRef;
use crate::review::{
    Column, Command, ListFilter, ListItem, OverviewSort, SortKey, StatusFilter, Target,
};
use crate::template::TableId;

pub struct Bench {
    frames: usize,
    launched: Instant,
    first_frame: Option<Duration>,
    report_shown: Option<Duration>,
    last_frame: Option<Instant>,
    /// Time from one frame's start to the next (build, paint, present).
    intervals: Vec<Duration>,
    /// Time spent building the UI in the previous frame.
    build_times: Vec<Duration>,
    /// The window's work in each frame until the report (every report of
    /// a folder) is shown, that frame included.
    loading_times: Vec<Duration>,
    /// Of which what the frame spent before drawing: arriving results
    /// applied, the lists brought up to date.
    loading_state_times: Vec<Duration>,
    /// The loading frame whose part before drawing took longest: that
    /// time, the results it applied, and the time they took.
    slowest_state: Option<(Duration, usize, Duration)>,
    typed: usize,
    /// Show the charts and type nothing.
    pub charts: bool,
    /// Changes of the list's filter or order, or the overview's order, each
    /// applied (both lists sorted again) once every report is shown.
    pub sort_times: Vec<Duration>,
    /// Time spent building the charts panel, in frames that showed it.
    pub charts_times: Vec<Duration>,
    /// Time the typed digit took to commit (the edit applied, checks and
    /// lists updated), after each timed frame's build: the window's thread
    /// does this in the frame too.
    pub edit_times: Vec<Duration>,
    /// The same as `loading_times`, `build_times` and `edit_times` in the
    /// window thread's own CPU time: without the time it waited for a
    /// core (two cores shared with the parsing threads, the repair
    /// proposals' thread and the renderer), which the wall times include.
    loading_cpu: Vec<Duration>,
    build_cpu: Vec<Duration>,
    pub edit_cpu: Vec<Duration>,
    sort_cpu: Vec<Duration>,
    /// The report shown was switched in the frame before (`SWITCH_EVERY`):
    /// this frame's build, the other report's first, is timed apart.
    switched: bool,
    /// Builds of the frames after a switch to another report.
    switch_times: Vec<Duration>,
}

/// While typing over a folder, every this many frames the next report of
/// the list (one with table 3) is shown instead of a digit typed: the
/// frame after it builds a report not shown before.
const SWITCH_EVERY: usize = 25;

/// The CPU time the calling thread has used (zero where it cannot be read).
pub fn thread_cpu() -> Duration {
    cpu_time::ThreadTime::try_now()
        .map(|t| t.as_duration())
        .unwrap_or(Duration::ZERO)
}

/// What the bench does in a frame.
pub enum Script {
    Type(usize),
    /// Charts shown, nothing typed: another frame.
    Idle,
    Finish,
}

impl Bench {
    pub fn new(frames: usize, launched: Instant) -> Bench {
        Bench {
            frames,
            launched,
            first_frame: None,
            report_shown: None,
            last_frame: None,
            intervals: Vec::new(),
            build_times: Vec::new(),
            loading_times: Vec::new(),
            loading_state_times: Vec::new(),
            slowest_state: None,
            typed: 0,
            charts: false,
            charts_times: Vec::new(),
            sort_times: Vec::new(),
            edit_times: Vec::new(),
            loading_cpu: Vec::new(),
            build_cpu: Vec::new(),
            edit_cpu: Vec::new(),
            sort_cpu: Vec::new(),
            switched: false,
            switch_times: Vec::new(),
        }
    }

    /// The time this frame spent before drawing (results applied, lists
    /// updated), counted while reports are still being read.
    /// (`applied` results in the first `results` of it; the rest: figures
    /// received, lists updated.)
    pub fn state_time(&mut self, spent: Duration, applied: usize, results: Duration) {
        if self.report_shown.is_none() {
            self.loading_state_times.push(spent);
            if self.slowest_state.is_none_or(|(s, _, _)| spent > s) {
                self.slowest_state = Some((spent, applied, results));
            }
        }
    }

    /// Called at the end of each frame that began at `start`, when the
    /// thread's CPU time was `cpu_start`.
    pub fn frame(&mut self, shown: bool, start: Instant, cpu_start: Duration) -> Option<Script> {
        let now = Instant::now();
        let cpu = thread_cpu().saturating_sub(cpu_start);
        self.first_frame.get_or_insert(now - self.launched);
        if self.report_shown.is_none() {
            self.loading_times.push(now - start);
            self.loading_cpu.push(cpu);
        }
        if !shown {
            return None;
        }
        if self.report_shown.is_none() {
            self.report_shown = Some(now - self.launched);
        } else {
            if let Some(prev) = self.last_frame {
                self.intervals.push(start - prev);
            }
            if std::mem::take(&mut self.switched) {
                self.switch_times.push(now - start);
            } else {
                self.build_times.push(now - start);
                self.build_cpu.push(cpu);
            }
        }
        self.last_frame = Some(start);
        if self.intervals.len() >= self.frames {
            return Some(Script::Finish);
        }
        if self.charts {
            return Some(Script::Idle);
        }
        self.typed += 1;
        Some(Script::Type(self.typed))
    }

    /// Whether the frame just timed is followed by an edit to time.
    pub fn timing_edit(&self) -> bool {
        !self.charts && self.build_times.len() > self.edit_times.len()
    }

    pub fn report(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let stats = |v: &[Duration]| {
            let mut sorted: Vec<f64> = v.iter().map(|d| ms(*d)).collect();
            sorted.sort_by(f64::total_cmp);
            let mean = sorted.iter().sum::<f64>() / sorted.len().max(1) as f64;
            // The nearest-rank 95th percentile.
            let p95 = sorted
                .get((sorted.len() * 95).div_ceil(100).saturating_sub(1))
                .copied()
                .unwrap_or(f64::NAN);
            let max = sorted.last().copied().unwrap_or(f64::NAN);
            format!("mean {mean:.2} ms, p95 {p95:.2} ms, max {max:.2} ms")
        };
        // Build and commit of the same frame.
        let sum = |a: &[Duration], b: &[Duration]| -> Vec<Duration> {
            a.iter().zip(b).map(|(x, y)| *x + *y).collect()
        };
        let work = sum(&self.build_times, &self.edit_times);
        // Loading frames over 4 ms, each with the part before drawing: to
        // tell a slow build (a first layout, a texture) from slow results.
        let slow: Vec<String> = self
            .loading_times
            .iter()
            .enumerate()
            .filter(|(_, d)| ms(**d) > 4.0)
            .map(|(i, d)| {
                let state = self.loading_state_times.get(i).copied().unwrap_or_default();
                format!("#{i} {:.1}/{:.1}", ms(*d), ms(state))
            })
            .collect();
        format!(
            "first frame: {:.0} ms after launch\nparsed report on screen: {:.0} ms after launch\n\
             until then, {} frames: UI work per frame {}; of which results applied and lists updated {}{}\n\
             loading frames over 4 ms, {}: {} (frame number, ms in all/before drawing)\n\
             the same frames on the window thread's CPU (its waits for a core left out): {}\n\
             {}, {} frames: frame interval {}; UI build {}\n",
            self.first_frame.map(ms).unwrap_or(f64::NAN),
            self.report_shown.map(ms).unwrap_or(f64::NAN),
            self.loading_times.len(),
            stats(&self.loading_times),
            stats(&self.loading_state_times),
            self.slowest_state
                .map(|(s, n, r)| format!(
                    " (the slowest: {:.2} ms, {n} results applied in {:.2} ms, figures and lists {:.2} ms)",
                    ms(s),
                    ms(r),
                    ms(s - r)
                ))
                .unwrap_or_default(),
            slow.len(),
            slow.join(", "),
            stats(&self.loading_cpu),
            if self.charts {
                "charts and report list shown"
            } else {
                "typing into table 3"
            },
            self.intervals.len(),
            stats(&self.intervals),
            stats(&self.build_times),
        ) + &if self.edit_times.is_empty() {
            String::new()
        } else {
            let work_cpu = sum(&self.build_cpu, &self.edit_cpu);
            format!(
                "edit committed after the build: {}; UI work per frame (build + edit): {}\n\
                 the same on the window thread's CPU (its waits for a core left out): {}\n",
                stats(&self.edit_times),
                stats(&work),
                stats(&work_cpu)
            )
        } + &if self.sort_times.is_empty() {
            String::new()
        } else {
            let each: Vec<String> = self
                .sort_times
                .iter()
                .zip(&self.sort_cpu)
                .map(|(d, c)| format!("{:.2}/{:.2}", ms(*d), ms(*c)))
                .collect();
            format!(
                "filter or order changed (what shows it sorted again), {} times: {}; on the thread's CPU {} (each, ms wall/CPU: {})\n",
                self.sort_times.len(),
                stats(&self.sort_times),
                stats(&self.sort_cpu),
                each.join(", ")
            )
        } + &if self.switch_times.is_empty() {
            String::new()
        } else {
            format!(
                "the frame after showing another report (not in the typing figures), {} times: UI build {}\n",
                self.switch_times.len(),
                stats(&self.switch_times)
            )
        } + &if self.charts_times.is_empty() {
            String::new()
        } else {
            format!(
                "of which the charts panel, {} frames: {}\n",
                self.charts_times.len(),
                stats(&self.charts_times)
            )
        }
    }
}

/// Changes the list's order and filter and the overview's order as a
/// person would, one at a time, timing each (the first typed frame is not
/// an edit timed), and puts them back.
fn time_sorts(app: &mut ReviewApp) {
    let start = app.state.filter.clone();
    let overview = app.state.overview_sort;
    let mut changes: Vec<Command> = SortKey::ALL
        .iter()
        .map(|&sort| {
            Command::SetFilter(ListFilter {
                sort,
                ..start.clone()
            })
        })
        .collect();
    changes.push(Command::SetFilter(ListFilter {
        status: Some(StatusFilter::Problems),
        ..start.clone()
    }));
    changes.push(Command::SetFilter(start));
    changes.push(Command::SetOverviewSort(OverviewSort {
        column: Column::Failures,
        descending: true,
    }));
    changes.push(Command::SetOverviewSort(overview));
    for change in changes {
        // The overview is sorted only when shown (`set_overview_hidden`):
        // its order changes are timed with it shown, as a person clicking
        // its headings has it, the first with the sort the filter changes
        // before it left waiting.
        let overview = matches!(change, Command::SetOverviewSort(_));
        app.view.show_overview = overview;
        app.state.set_overview_hidden(!overview);
        let (at, cpu) = (Instant::now(), thread_cpu());
        app.send(change);
        if overview {
            app.state.overview_shown();
        }
        let spent = at.elapsed();
        let spent_cpu = thread_cpu().saturating_sub(cpu);
        if let Some(b) = &mut app.bench {
            b.sort_times.push(spent);
            b.sort_cpu.push(spent_cpu);
        }
    }
    app.view.show_overview = false;
}

/// Types one digit into the next cell of table 3 through the same path as
/// the keyboard (edit buffer, commit, move), or ends the run.
pub fn drive(app: &mut ReviewApp, script: Script, ctx: &egui::Context) {
    match script {
        Script::Finish => {
            if let Some(b) = &app.bench {
                print!("{}", b.report());
            }
            app.bench = None;
            // The typing was the benchmark's own (no journals are kept):
            // close without the unsaved-corrections question.
            app.view.quit_confirmed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        Script::Idle => {
            app.view.charts = true;
            ctx.request_repaint();
        }
        Script::Type(i) => {
            if i == 1 {
                time_sorts(app);
            }
            if i % SWITCH_EVERY == 0 && switch_report(app) {
                ctx.request_repaint();
                return;
            }
            let Some(doc) = app.state.active_doc() else {
                return;
            };
            let Some(spec) = doc.spec(TableId::Applications) else {
                return;
            };
            let row = i % spec.rows.len();
            let col = (i / spec.rows.len()) % spec.rows[row].columns.len();
            let target = Target::Cell(CellRef {
                table: TableId::Applications,
                row,
                col,
            });
            app.send(Command::Select(target));
            app.view.editing = Some((target, format!("{}", i % 10)));
            app.commit_edit();
            ctx.request_repaint();
        }
    }
}

/// Shows the report after the one shown in the list that has table 3
/// (wrapping round); whether there was another.
fn switch_report(app: &mut ReviewApp) -> bool {
    let listed = app.state.listed();
    let at = app
        .state
        .active
        .and_then(|id| listed.iter().position(|&i| i == ListItem::Doc(id)))
        .unwrap_or(0);
    let next = (1..listed.len())
        .map(|k| listed[(at + k) % listed.len()])
        .find_map(|item| match item {
            ListItem::Doc(id) => app
                .state
                .doc(id)
                .is_some_and(|d| d.spec(TableId::Applications).is_some())
                .then_some(id),
            ListItem::Failed(_) => None,
        });
    let Some(id) = next else {
        return false;
    };
    app.send(Command::Activate(id));
    if let Some(b) = &mut app.bench {
        b.switched = true;
    }
    true
}
