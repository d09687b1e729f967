//! The application window: the open design, its channels and findings.

use crate::catalog::{ApplicationTable, Catalog};
use crate::cli::{channel_line, Summary};
use crate::model::Design;
use crate::trace::{check, CheckMode, Report, Severity};

/// The Fiberplan window's state.
pub struct FiberplanApp {
    design: Design,
    source: String,
    report: Report,
    catalog: Catalog,
}

impl FiberplanApp {
    /// Opens `design` (read from `source`, shown in the title) and checks it.
    pub fn new(design: Design, source: String, apps: &ApplicationTable, catalog: Catalog) -> Self {
        let report = check(&design, apps, CheckMode::Draft);
        FiberplanApp {
            design,
            source,
            report,
            catalog,
        }
    }
}

impl eframe::App for FiberplanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let summary = Summary::of(&self.report);
        egui::Panel::top("title").show(ui, |ui| {
            ui.heading(format!("{} — {}", self.design.name, self.source));
            ui.label(format!(
                "{} channels: {} pass, {} warn, {} fail; {} errors, {} warnings",
                summary.channels,
                summary.passing,
                summary.warning,
                summary.failing,
                summary.errors,
                summary.warnings
            ));
            ui.label(format!("Catalog: {} parts", self.catalog.entries.len()));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for c in &self.report.channels {
                    ui.monospace(channel_line(c));
                    for f in self.report.channel_findings(c) {
                        let color = match f.severity {
                            Severity::Error => egui::Color32::from_rgb(220, 60, 60),
                            Severity::Warning => egui::Color32::from_rgb(230, 160, 30),
                        };
                        ui.colored_label(
                            color,
                            format!("    {} {}: {}", f.severity, f.rule, f.message),
                        );
                    }
                }
            });
        });
    }
}
