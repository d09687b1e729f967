//! Edit > Plan an upgrade…: a target application and the links to move, a preview of the
//! change of the patching layer the planner finds (parts removed and added with their part
//! numbers, links that move with their verdicts and margins, links that cannot move and why,
//! trunk fibers lit), then apply it as one undoable step or save it as a new design file.
//! The planning itself is `fiberplan_edit::upgrade`, run on a worker thread (a hall of
//! thousands of links takes seconds) while the window stays live; this window only shows it.

use super::*;
use fiberplan_edit::upgrade::{optic_for, upgrade, Scope, Upgrade};
use fiberplan_export::bom_delta::{bom_delta, DeltaLine};
use std::sync::mpsc::{channel, Receiver};

/// Which links the upgrade window plans for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpgradeLinks {
    /// Every link of the design.
    #[default]
    Whole,
    /// Links with an end on a selected rack's or a selected part's ports.
    Selection,
}

/// A planned upgrade and the document revision it was planned on.
pub struct Preview {
    revision: u64,
    plan: Upgrade,
    delta: Vec<DeltaLine>,
}

/// The upgrade window's fields and its last preview.
#[derive(Default)]
pub struct UpgradeForm {
    /// Whether the window is open.
    pub open: bool,
    /// The target application (a name of the applications table).
    pub application: String,
    /// Which links.
    pub links: UpgradeLinks,
    preview: Option<Preview>,
    /// Why the last preview could not be made.
    pub error: Option<String>,
    /// The preview being planned on the worker thread.
    job: Option<Receiver<Result<Preview, String>>>,
}

impl UpgradeForm {
    /// The planned upgrade shown, if any.
    pub fn plan(&self) -> Option<&Upgrade> {
        self.preview.as_ref().map(|p| &p.plan)
    }

    /// Whether a preview is being planned.
    pub fn planning(&self) -> bool {
        self.job.is_some()
    }

    /// Takes the worker's preview when it has answered.
    fn finish(&mut self) {
        let Some(rx) = &self.job else { return };
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            // The planner stopped without answering: say so rather than wait for ever.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err("The upgrade could not be planned (the planner stopped).".to_owned())
            }
        };
        self.job = None;
        match answer {
            Ok(p) => {
                self.preview = Some(p);
                self.error = None;
            }
            Err(e) => {
                self.preview = None;
                self.error = Some(e);
            }
        }
    }
}

impl FiberplanApp {
    /// Opens the upgrade window.
    pub fn open_upgrade(&mut self) {
        self.upgrade.open = true;
        if !self.selection.is_empty() {
            self.upgrade.links = UpgradeLinks::Selection;
        }
    }

    /// The links the window's choice names, as the planner's scope.
    fn upgrade_scope(&self) -> Scope {
        if self.upgrade.links == UpgradeLinks::Whole {
            return Scope::All;
        }
        let d = self.doc.design();
        let mut ports = Vec::new();
        for e in &d.equipment {
            let in_rack = e
                .mount
                .as_ref()
                .is_some_and(|m| self.selection.contains(&m.rack));
            if in_rack || self.selection.contains(&e.id) {
                ports.extend(
                    (1..=e.spec.port_count())
                        .filter_map(|n| u16::try_from(n).ok())
                        .map(|n| PortRef::front(e.id.as_str(), n)),
                );
            }
        }
        Scope::Ports(ports)
    }

    /// Starts planning the upgrade the window names on a worker thread; the preview shows
    /// when it answers.
    pub fn preview_upgrade(&mut self, ctx: &egui::Context) {
        let scope = self.upgrade_scope();
        let design = self.doc.design().clone();
        let report = self.doc.report().clone();
        let (catalog, apps) = (self.catalog.clone(), self.apps.clone());
        let application = self.upgrade.application.clone();
        let revision = self.doc.revision();
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let answer = upgrade(&design, &report, &catalog, &apps, &application, &scope)
                .map(|plan| {
                    let delta = bom_delta(
                        &fiberplan_export::bom::bom(&design, &catalog),
                        &fiberplan_export::bom::bom(&plan.design, &catalog),
                    );
                    Preview {
                        revision,
                        plan,
                        delta,
                    }
                })
                .map_err(|e| e.to_string());
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
        self.upgrade.job = Some(rx);
        self.upgrade.preview = None;
        self.upgrade.error = None;
    }

    /// Applies the previewed upgrade as one undoable step (while the design is as it was
    /// previewed).
    pub fn apply_upgrade(&mut self) {
        let Some(p) = self.upgrade.preview.take() else {
            return;
        };
        if p.revision != self.doc.revision() {
            self.upgrade.error =
                Some("The design changed since this preview: preview again.".to_owned());
            return;
        }
        let label = format!("Upgrade to {}", p.plan.application);
        let summary = format!(
            "Upgraded {} links to {}: {} pass; {} cannot move.",
            p.plan.moved.len(),
            p.plan.application,
            p.plan.passing(),
            p.plan.stuck.len()
        );
        self.apply(&label, p.plan.edit);
        self.notify(summary, false);
        self.upgrade.open = false;
    }

    /// The applications a catalog switch or server has an optic for, in the table's order.
    fn upgrade_targets(&self) -> Vec<String> {
        self.apps
            .applications
            .iter()
            .filter(|a| optic_for(&self.catalog, &a.name).is_some())
            .map(|a| a.name.clone())
            .collect()
    }

    /// The upgrade window, when open.
    pub(super) fn upgrade_ui(&mut self, ui: &mut Ui) {
        self.upgrade.finish();
        if !self.upgrade.open {
            return;
        }
        let ctx = ui.ctx().clone();
        let mut open = true;
        let (mut preview, mut apply, mut save) = (false, false, false);
        let targets = self.upgrade_targets();
        if self.upgrade.application.is_empty() {
            self.upgrade.application = targets
                .iter()
                .find(|t| t.as_str() == "100GBASE-SR4")
                .or(targets.first())
                .cloned()
                .unwrap_or_default();
        }
        let selected = self.selection.len();
        let revision = self.doc.revision();
        let read_only = self.review();
        egui::Window::new("Plan an upgrade")
            .open(&mut open)
            .collapsible(false)
            // Sized by its contents, so the preview's lists show as soon as they are made.
            .resizable(false)
            .default_width(640.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(&ctx, |ui| {
                let form = &mut self.upgrade;
                ui.label("Finds the change of the patching layer that carries a target application: new optics; cassettes exchanged for MPO panels or conversion modules of the same slot format; LC cords for MPO cords; breakouts where only one end of the links is selected. Each is tried on the checks until the links pass.");
                egui::Grid::new("upgrade-form").num_columns(2).show(ui, |ui| {
                    ui.label("Move links to");
                    egui::ComboBox::from_label("(target application)")
                        .selected_text(form.application.clone())
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            for t in &targets {
                                ui.selectable_value(&mut form.application, t.clone(), t);
                            }
                        });
                    ui.end_row();
                    ui.label("Links");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.links, UpgradeLinks::Whole, "Whole design");
                        ui.add_enabled_ui(selected > 0, |ui| {
                            ui.radio_value(
                                &mut form.links,
                                UpgradeLinks::Selection,
                                format!("Selected racks and parts ({selected})"),
                            );
                        });
                    });
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    let planning = form.planning();
                    if ui
                        .add_enabled(!planning, egui::Button::new("Preview"))
                        .clicked()
                    {
                        preview = true;
                    }
                    if planning {
                        ui.spinner();
                        ui.label("Trying panels and cords on every link…");
                    }
                });
                if let Some(e) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                let Some(p) = &form.preview else { return };
                ui.separator();
                // The buttons come before the lists, so they stay in view however long the
                // preview is.
                let current = p.revision == revision;
                if !current {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "The design changed since this preview: preview again to apply it.",
                    );
                }
                ui.horizontal(|ui| {
                    let can_apply = current && !read_only && !p.plan.moved.is_empty();
                    if ui
                        .add_enabled(can_apply, egui::Button::new("Apply (one undo step)"))
                        .clicked()
                    {
                        apply = true;
                    }
                    if ui
                        .add_enabled(current, egui::Button::new("Save as new design…"))
                        .clicked()
                    {
                        save = true;
                    }
                });
                preview_body(ui, p);
            });
        if preview {
            self.preview_upgrade(&ctx);
        }
        if apply {
            self.apply_upgrade();
        }
        if save {
            if let Some(p) = &self.upgrade.preview {
                let design = Box::new(p.plan.design.clone());
                self.ask_file(FilePurpose::SaveCopy { design });
            }
        }
        if !open {
            self.upgrade.open = false;
        }
    }
}

/// What a preview shows: the summary, links that move, links that cannot, the parts and
/// the trunks' fibers.
fn preview_body(ui: &mut Ui, p: &Preview) {
    let u = &p.plan;
    ui.strong(format!(
        "{} links move to {}, {} of them pass; {} cannot move.",
        u.moved.len(),
        u.application,
        u.passing(),
        u.stuck.len()
    ));
    egui::ScrollArea::vertical()
        .max_height(380.0)
        .min_scrolled_height(380.0).show(ui, |ui| {
        egui::CollapsingHeader::new(format!("Links that move ({})", u.moved.len()))
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("upgrade-moved").striped(true).show(ui, |ui| {
                    for h in ["Link", "Through", "Verdict", "Margin"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for m in &u.moved {
                        ui.label(&m.name);
                        ui.label(m.trunk.as_deref().unwrap_or("(optics only)"));
                        let text = m.verdict.to_string();
                        if m.verdict == Verdict::Fail {
                            ui.colored_label(ui.visuals().error_fg_color, text)
                                .on_hover_text(m.problem.as_deref().unwrap_or(""));
                        } else {
                            ui.label(text);
                        }
                        ui.label(
                            m.margin_db
                                .map(|x| format!("{x:+.2} dB"))
                                .unwrap_or_default(),
                        );
                        ui.end_row();
                    }
                });
            });
        egui::CollapsingHeader::new(format!("Links that cannot move ({})", u.stuck.len()))
            .default_open(u.moved.is_empty())
            .show(ui, |ui| {
                for s in &u.stuck {
                    ui.label(format!("{}: {}", s.name, s.why));
                }
            });
        egui::CollapsingHeader::new(format!("Parts ({} lines)", p.delta.len()))
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("upgrade-parts").striped(true).show(ui, |ui| {
                    for h in ["Change", "Part number", "Description"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for d in &p.delta {
                        ui.label(format!("{:+}", d.change));
                        ui.label(&d.line.part_number);
                        ui.label(&d.line.description);
                        ui.end_row();
                    }
                });
            });
        if !u.utilization.is_empty() {
            let before: usize = u.utilization.iter().map(|t| t.lit_before).sum();
            let after: usize = u.utilization.iter().map(|t| t.lit_after).sum();
            let fibers: usize = u.utilization.iter().map(|t| usize::from(t.fibers)).sum();
            ui.label(format!(
                "Trunk fibers lit: {before} of {fibers} before, {after} of {fibers} after, on {} trunks.",
                u.utilization.len()
            ));
        }
    });
}
