//! Review views: findings grouped by severity and rule, a sortable and filterable channel
//! table, reviewer notes, and the loss budget of a channel as a stacked bar.

use crate::action::Action;
use egui::Ui;
use fiberplan_edit::matrix::Row;
use fiberplan_edit::Edit;
use fiberplan_engine::trace::{Budget, Channel, Report, Rule, Severity, Verdict};
use fiberplan_model::{Design, Note, NoteTarget};
use std::collections::BTreeMap;

/// Which review tab is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewTab {
    /// Findings grouped by severity and rule.
    #[default]
    Findings,
    /// The channel table.
    Channels,
    /// The application matrix: what each link and trunk carries today and after a change
    /// of the patching layer.
    Applications,
}

/// Column the channel table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Design order.
    #[default]
    EndA,
    /// Far end.
    EndB,
    /// Application.
    Application,
    /// Plugs on the path.
    Hops,
    /// Length.
    Length,
    /// Loss.
    Loss,
    /// Margin.
    Margin,
    /// Verdict.
    Verdict,
}

/// Review view state.
#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    /// Tab shown.
    pub tab: ReviewTab,
    /// Sort column.
    pub sort: SortKey,
    /// Sort descending.
    pub descending: bool,
    /// Text filter on any column.
    pub filter: String,
    /// Only channels with this verdict.
    pub verdict: Option<Verdict>,
}

fn margin(c: &Channel) -> f64 {
    c.budget.as_ref().map_or(f64::INFINITY, Budget::margin_db)
}

/// The channel rows, filtered and sorted as `state` says.
pub fn channel_rows(report: &Report, state: &ReviewState) -> Vec<usize> {
    let needle = state.filter.to_lowercase();
    let mut rows: Vec<usize> = (0..report.channels().len())
        .filter(|&i| {
            let c = &report.channels()[i];
            state.verdict.is_none_or(|v| c.verdict == v)
                && (needle.is_empty()
                    || fiberplan_export::check_report::channel_line(c)
                        .to_lowercase()
                        .contains(&needle))
        })
        .collect();
    let key = |i: &usize| {
        let c = &report.channels()[*i];
        match state.sort {
            SortKey::EndA => format!("{}{:05}", c.a.part, c.a.port),
            SortKey::EndB => {
                c.b.as_ref()
                    .map(|b| format!("{}{:05}", b.part, b.port))
                    .unwrap_or_default()
            }
            SortKey::Application => c.applications.join("/"),
            SortKey::Hops => format!("{:06}", c.hops),
            SortKey::Length => format!("{:012.3}", c.length_m),
            SortKey::Loss => format!("{:09.4}", c.budget.as_ref().map_or(0.0, |b| b.loss_db)),
            SortKey::Margin => format!("{:+012.4}", margin(c).min(1e6)),
            SortKey::Verdict => format!("{:?}", c.verdict),
        }
    };
    rows.sort_by_key(key);
    if state.descending {
        rows.reverse();
    }
    rows
}

/// The review panel (findings or channels tab).
pub fn review_panel_ui(
    ui: &mut Ui,
    report: &Report,
    state: &mut ReviewState,
    matrix: Option<&[Row]>,
) -> Vec<Action> {
    let mut click = Vec::new();
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut state.tab,
            ReviewTab::Findings,
            format!("Findings ({})", report.findings().len()),
        );
        ui.selectable_value(
            &mut state.tab,
            ReviewTab::Channels,
            format!("Channels ({})", report.channels().len()),
        );
        ui.selectable_value(&mut state.tab, ReviewTab::Applications, "Applications");
    });
    ui.separator();
    match state.tab {
        ReviewTab::Findings => {
            let mut groups: BTreeMap<(std::cmp::Reverse<Severity>, Rule), Vec<usize>> =
                BTreeMap::new();
            for (i, f) in report.findings().iter().enumerate() {
                groups
                    .entry((std::cmp::Reverse(f.severity), f.rule))
                    .or_default()
                    .push(i);
            }
            if groups.is_empty() {
                ui.label("No findings.");
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for ((sev, rule), list) in groups {
                        egui::CollapsingHeader::new(format!("{} {rule} ({})", sev.0, list.len()))
                            .default_open(true)
                            .show(ui, |ui| {
                                ui.label(rule.citation());
                                for i in list {
                                    let f = &report.findings()[i];
                                    if ui.selectable_label(false, &f.message).clicked() {
                                        click.push(Action::Focus(f.parts.clone()));
                                    }
                                }
                            });
                    }
                });
        }
        ReviewTab::Channels => {
            ui.horizontal(|ui| {
                let l = ui.label("Filter");
                ui.add(egui::TextEdit::singleline(&mut state.filter).hint_text("any text"))
                    .labelled_by(l.id);
                egui::ComboBox::from_label("Verdict")
                    .selected_text(match state.verdict {
                        None => "All".to_owned(),
                        Some(v) => v.to_string(),
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut state.verdict, None, "All");
                        for v in [Verdict::Pass, Verdict::Warning, Verdict::Fail] {
                            ui.selectable_value(&mut state.verdict, Some(v), v.to_string());
                        }
                    });
            });
            let rows = channel_rows(report, state);
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("channel-table")
                        .striped(true)
                        .show(ui, |ui| {
                            for (key, title) in [
                                (SortKey::EndA, "End A"),
                                (SortKey::EndB, "End B"),
                                (SortKey::Application, "Application"),
                                (SortKey::Hops, "Hops"),
                                (SortKey::Length, "Length m"),
                                (SortKey::Loss, "Loss dB"),
                                (SortKey::Margin, "Margin dB"),
                                (SortKey::Verdict, "Verdict"),
                            ] {
                                let arrow = if state.sort == key {
                                    if state.descending {
                                        " v"
                                    } else {
                                        " ^"
                                    }
                                } else {
                                    ""
                                };
                                if ui.button(format!("{title}{arrow}")).clicked() {
                                    if state.sort == key {
                                        state.descending = !state.descending;
                                    } else {
                                        state.sort = key;
                                        state.descending = false;
                                    }
                                }
                            }
                            ui.label("Budget dB");
                            ui.end_row();
                            for i in rows {
                                let c = &report.channels()[i];
                                if ui.link(format!("{} {}", c.a, c.a_name)).clicked() {
                                    click.push(Action::TraceChannel(i));
                                }
                                ui.label(match (&c.b, &c.b_name) {
                                    (Some(b), Some(n)) => format!("{b} {n}"),
                                    _ => "open".into(),
                                });
                                ui.label(c.applications.join("/"));
                                ui.label(c.hops.to_string());
                                ui.label(format!("{:.1}", c.length_m));
                                match &c.budget {
                                    Some(b) => {
                                        ui.label(format!("{:.3}", b.loss_db));
                                        ui.label(format!("{:.3}", b.margin_db()));
                                    }
                                    None => {
                                        ui.label("-");
                                        ui.label("-");
                                    }
                                }
                                let color = match c.verdict {
                                    Verdict::Pass => egui::Color32::from_rgb(80, 200, 120),
                                    Verdict::Warning => {
                                        super::findings::severity_color(Severity::Warning)
                                    }
                                    Verdict::Fail => {
                                        super::findings::severity_color(Severity::Error)
                                    }
                                };
                                ui.colored_label(color, c.verdict.to_string());
                                ui.label(
                                    c.budget
                                        .as_ref()
                                        .map(|b| format!("{:.2}", b.max_loss_db))
                                        .unwrap_or_default(),
                                );
                                ui.end_row();
                            }
                        });
                });
        }
        ReviewTab::Applications => match matrix {
            Some(rows) => applications_table(ui, rows, &state.filter),
            None => {
                ui.spinner();
            }
        },
    }
    click
}

/// The application matrix as a table: a row per link and trunk, a column per application,
/// each cell what it gives today and after a change of the patching layer; the reason a
/// cell cannot is on hover.
fn applications_table(ui: &mut Ui, rows: &[Row], filter: &str) {
    ui.label("Each cell: today as patched / after the patching change an upgrade would make (margin in dB). Hover a cell for the reason it cannot.");
    let Some(first) = rows.first() else {
        ui.label("No links.");
        return;
    };
    let needle = filter.to_lowercase();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("applications-table")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Link or trunk");
                    for c in &first.cells {
                        ui.strong(&c.application);
                    }
                    ui.end_row();
                    for r in rows
                        .iter()
                        .filter(|r| needle.is_empty() || r.name.to_lowercase().contains(&needle))
                    {
                        if r.via.is_empty() {
                            ui.label(&r.name);
                        } else {
                            ui.label(format!("{} (via {})", r.name, r.via));
                        }
                        for c in &r.cells {
                            let short = |x: &fiberplan_edit::matrix::Carry| match x.margin_db {
                                Some(m) if x.carries() => format!("{m:+.1}"),
                                _ if x.carries() => x.verdict.to_string(),
                                _ => "no".to_owned(),
                            };
                            let text = format!("{} / {}", short(&c.today), short(&c.after));
                            let resp = if c.today.carries() || c.after.carries() {
                                ui.label(text)
                            } else {
                                ui.colored_label(ui.visuals().weak_text_color(), text)
                            };
                            let why: Vec<String> = [("today", &c.today), ("after", &c.after)]
                                .into_iter()
                                .filter_map(|(w, x)| x.why.as_ref().map(|y| format!("{w}: {y}")))
                                .collect();
                            if !why.is_empty() {
                                resp.on_hover_text(why.join("\n"));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

/// Colours of the loss bar's segments.
const PAIRS: egui::Color32 = egui::Color32::from_rgb(90, 140, 230);
const SPLICES: egui::Color32 = egui::Color32::from_rgb(200, 120, 220);
const FIBER: egui::Color32 = egui::Color32::from_rgb(0, 170, 180);

/// A small square of a segment's colour, or the limit's line, in the bar's key.
fn key_swatch(ui: &mut Ui, color: egui::Color32, line: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    if line {
        ui.painter().line_segment(
            [rect.center_top(), rect.center_bottom()],
            egui::Stroke::new(2.0, color),
        );
    } else {
        ui.painter()
            .rect_filled(rect, egui::CornerRadius::same(1), color);
    }
}

/// A step between dB ticks that gives about five of them up to `max`.
fn tick_step(max: f64) -> f64 {
    [0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0]
        .into_iter()
        .find(|s| max / s <= 6.0)
        .unwrap_or(10.0)
}

/// A channel's loss budget as one horizontal bar in dB: mated pairs, splices and fiber as
/// segments, the application's limit as a line, the margin written under it. A drawing, not a
/// plot: nothing in it pans or zooms.
pub fn loss_bar_ui(ui: &mut Ui, budget: &Budget) {
    let over = budget.loss_db > budget.max_loss_db + 1e-9;
    let summary = format!(
        "Loss budget, {} on {}: mated pairs {:.2} dB, splices {:.2} dB, fiber {:.2} dB; {:.2} dB of {:.2} dB, {}",
        budget.application,
        budget.fiber,
        budget.mated_pairs_db,
        budget.splices_db,
        budget.fiber_db,
        budget.loss_db,
        budget.max_loss_db,
        if over {
            format!("{:.2} dB over", -budget.margin_db())
        } else {
            format!("margin {:.2} dB", budget.margin_db())
        }
    );
    ui.label(format!(
        "Loss budget: {} on {}",
        budget.application, budget.fiber
    ));
    let width = ui.available_width().max(120.0);
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, 40.0), egui::Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    let painter = ui.painter_at(rect.expand(2.0));
    let visuals = ui.visuals();
    let max = budget.loss_db.max(budget.max_loss_db) * 1.12;
    let bar = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width(), 16.0));
    let x_of = |db: f64| bar.left() + (db / max) as f32 * bar.width();
    painter.rect_filled(bar, egui::CornerRadius::same(2), visuals.extreme_bg_color);
    let mut at = 0.0;
    for (db, color) in [
        (budget.mated_pairs_db, PAIRS),
        (budget.splices_db, SPLICES),
        (budget.fiber_db, FIBER),
    ] {
        if db > 0.0 {
            let seg = egui::Rect::from_x_y_ranges(x_of(at)..=x_of(at + db), bar.y_range());
            painter.rect_filled(seg, egui::CornerRadius::ZERO, color);
        }
        at += db;
    }
    let limit_x = x_of(budget.max_loss_db);
    let red = egui::Color32::from_rgb(225, 55, 55);
    painter.line_segment(
        [
            egui::pos2(limit_x, bar.top() - 3.0),
            egui::pos2(limit_x, bar.bottom() + 3.0),
        ],
        egui::Stroke::new(2.0, red),
    );
    // The dB scale under the bar.
    let font = egui::FontId::proportional(11.0);
    let step = tick_step(max);
    let mut tick = 0.0;
    while tick <= max {
        let x = x_of(tick);
        painter.line_segment(
            [
                egui::pos2(x, bar.bottom()),
                egui::pos2(x, bar.bottom() + 4.0),
            ],
            egui::Stroke::new(1.0, visuals.weak_text_color()),
        );
        let text = if tick == 0.0 {
            "0 dB".to_owned()
        } else {
            format!("{tick}")
        };
        // The first tick's text starts at the bar's edge instead of hanging over it.
        let align = if tick == 0.0 {
            egui::Align2::LEFT_TOP
        } else {
            egui::Align2::CENTER_TOP
        };
        painter.text(
            egui::pos2(x, bar.bottom() + 5.0),
            align,
            text,
            font.clone(),
            visuals.weak_text_color(),
        );
        tick += step;
    }
    ui.horizontal_wrapped(|ui| {
        for (name, db, color) in [
            ("mated pairs", budget.mated_pairs_db, PAIRS),
            ("splices", budget.splices_db, SPLICES),
            ("fiber", budget.fiber_db, FIBER),
        ] {
            key_swatch(ui, color, false);
            ui.label(format!("{name} {db:.2} dB"));
        }
        key_swatch(ui, red, true);
        ui.label(format!("limit {:.2} dB", budget.max_loss_db));
    });
    let verdict = if over {
        format!(
            "{:.2} dB of {:.2} dB: {:.2} dB over the limit",
            budget.loss_db,
            budget.max_loss_db,
            -budget.margin_db()
        )
    } else {
        format!(
            "{:.2} dB of {:.2} dB: margin {:.2} dB",
            budget.loss_db,
            budget.max_loss_db,
            budget.margin_db()
        )
    };
    if over {
        ui.colored_label(red, verdict);
    } else {
        ui.label(verdict);
    }
}

/// Notes pinned to `target`, with a field to add one. Returns the note edit asked for.
pub fn notes_ui(
    ui: &mut Ui,
    design: &Design,
    target: &NoteTarget,
    draft: &mut String,
) -> Option<(String, Edit)> {
    let mut out = None;
    ui.separator();
    ui.strong("Reviewer notes");
    for (i, n) in design
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| &n.target == target)
    {
        ui.horizontal(|ui| {
            ui.label(if n.author.is_empty() {
                n.text.clone()
            } else {
                format!("{}: {}", n.author, n.text)
            });
            if ui.small_button(format!("Remove note {}", i + 1)).clicked() {
                out = Some(("Remove note".to_owned(), Edit::RemoveNote(i)));
            }
        });
    }
    ui.horizontal(|ui| {
        let l = ui.label("New note");
        // Leaves room for the button at any panel width.
        let width = (ui.available_width() - 80.0).max(60.0);
        ui.add(egui::TextEdit::singleline(draft).desired_width(width))
            .labelled_by(l.id);
        if ui.button("Add note").clicked() && !draft.trim().is_empty() {
            out = Some((
                "Add note".to_owned(),
                Edit::InsertNote {
                    index: usize::MAX,
                    note: Note {
                        target: target.clone(),
                        author: std::env::var("USER").unwrap_or_default(),
                        text: draft.trim().to_owned(),
                    },
                },
            ));
            draft.clear();
        }
    });
    out
}
