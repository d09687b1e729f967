//! The findings list: every finding of the last check, errors first; clicking one selects
//! and centres the parts involved.

use crate::action::Action;
use egui::{Color32, Ui};
use fiberplan_engine::trace::{Report, Severity};

/// Colour of a severity.
pub fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Error => Color32::from_rgb(225, 55, 55),
        Severity::Warning => Color32::from_rgb(240, 165, 30),
    }
}

/// Draws the findings; a click on one asks to focus its parts.
pub fn findings_ui(ui: &mut Ui, report: &Report) -> Vec<Action> {
    let mut clicked = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("Findings");
        ui.label(format!(
            "{} errors, {} warnings",
            report.count(Severity::Error),
            report.count(Severity::Warning)
        ));
    });
    if report.findings().is_empty() {
        ui.label("No findings: every traced fiber reaches a receiver within its budget.");
        return clicked;
    }
    let mut order: Vec<usize> = (0..report.findings().len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(report.findings()[i].severity));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for i in order {
                let f = &report.findings()[i];
                ui.horizontal(|ui| {
                    ui.colored_label(severity_color(f.severity), f.severity.to_string());
                    let text = format!("{}: {}", f.rule, f.message);
                    if ui
                        .selectable_label(false, text)
                        .on_hover_text(f.rule.citation())
                        .clicked()
                    {
                        clicked.push(Action::Focus(f.parts.clone()));
                    }
                });
            }
        });
    clicked
}
