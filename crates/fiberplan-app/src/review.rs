//! Review views: findings grouped by severity and rule, a sortable and filterable channel
//! table, reviewer notes, and the loss budget of a channel as a stacked bar.

use crate::action::Action;
use egui::Ui;
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
pub fn review_panel_ui(ui: &mut Ui, report: &Report, state: &mut ReviewState) -> Vec<Action> {
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
    }
    click
}

/// A stacked bar of a channel's loss contributions against the application's limit.
pub fn loss_plot_ui(ui: &mut Ui, id: usize, budget: &Budget) {
    use egui_plot::{Bar, BarChart, HLine, Legend, Plot};
    let pairs = BarChart::new(
        "Mated pairs",
        vec![Bar::new(0.0, budget.mated_pairs_db).width(0.6)],
    )
    .color(egui::Color32::from_rgb(90, 140, 230));
    let splices = BarChart::new("Splices", vec![Bar::new(0.0, budget.splices_db).width(0.6)])
        .color(egui::Color32::from_rgb(200, 120, 220))
        .stack_on(&[&pairs]);
    let fiber = BarChart::new("Fiber", vec![Bar::new(0.0, budget.fiber_db).width(0.6)])
        .color(egui::Color32::from_rgb(0, 190, 200))
        .stack_on(&[&pairs, &splices]);
    let limit = HLine::new(format!("{} limit", budget.application), budget.max_loss_db)
        .color(egui::Color32::from_rgb(225, 55, 55));
    Plot::new(("loss-budget", id))
        .height(140.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(budget.max_loss_db * 1.1)
        .show_x(false)
        .show(ui, |p| {
            p.bar_chart(pairs);
            p.bar_chart(splices);
            p.bar_chart(fiber);
            p.hline(limit);
        });
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
