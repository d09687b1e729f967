//! Patch in order: the near and far ranges of ports a designer picks on the canvas (a click,
//! then Shift+click the last; Ctrl+click and Ctrl+Shift+click for the far range), and the
//! panel above the inspector that makes one catalog cord for each pair, as one step. The
//! ranges and the cords are `fiberplan_edit::patch`'s.

use super::*;
use fiberplan_edit::new_part::compatible_cables;
use fiberplan_edit::patch::{patch_in_order, port_connector, port_range};

/// The ports picked to patch in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PortPick {
    /// Where the near range starts.
    pub near_from: Option<PortRef>,
    /// The near ports, in order.
    pub near: Vec<PortRef>,
    /// Where the far range starts.
    pub far_from: Option<PortRef>,
    /// The far ports, in order.
    pub far: Vec<PortRef>,
    /// The catalog cord chosen.
    pub cable: Option<String>,
    /// Its length, metres; the catalog's when not set.
    pub length_m: Option<f64>,
}

impl PortPick {
    /// Whether there is anything to patch: more than one near port, or a far one.
    pub fn active(&self) -> bool {
        self.near.len() > 1 || !self.far.is_empty()
    }
}

impl FiberplanApp {
    /// A plain click on a port: it starts the near range.
    pub(super) fn pick_start(&mut self, port: &PortRef) {
        self.pick.near_from = Some(port.clone());
        self.pick.near = vec![port.clone()];
        self.pick.far_from = None;
        self.pick.far.clear();
    }

    /// A Shift- or Ctrl-click on a port.
    pub(super) fn pick_port(&mut self, port: PortRef, far: bool, extend: bool) {
        let design = self.doc.design();
        let (from, range) = if far {
            (&mut self.pick.far_from, &mut self.pick.far)
        } else {
            (&mut self.pick.near_from, &mut self.pick.near)
        };
        match from.clone() {
            Some(first) if extend => {
                let r = port_range(design, &first, &port);
                if r.is_empty() {
                    self.notice = Some((
                        format!(
                            "{port} is not on the same faceplate as {first}: a range runs along one switch or one enclosure"
                        ),
                        true,
                    ));
                } else {
                    *range = r;
                }
            }
            _ => {
                *from = Some(port.clone());
                *range = vec![port];
            }
        }
        self.selected_port = None;
        self.selection.clear();
    }

    /// Ports boxed on the canvas: the near range, or the far one with Ctrl.
    pub(super) fn pick_ports(&mut self, mut ports: Vec<PortRef>, far: bool) {
        // In faceplate order: an enclosure's cassettes slot by slot, then by number.
        let design = self.doc.design();
        let slot = |p: &PortRef| {
            design
                .modules
                .iter()
                .find(|m| m.id == p.part)
                .and_then(|m| m.slot.as_ref())
                .map_or(0, |s| s.slot)
        };
        ports.sort_by(|x, y| {
            (slot(x), x.part.as_str(), x.port).cmp(&(slot(y), y.part.as_str(), y.port))
        });
        let (from, range) = if far {
            (&mut self.pick.far_from, &mut self.pick.far)
        } else {
            (&mut self.pick.near_from, &mut self.pick.near)
        };
        *from = ports.first().cloned();
        *range = ports;
        self.selection.clear();
        self.selected_port = None;
    }

    /// "Trunk enclosure to enclosure", while two enclosures are selected: one trunk between
    /// each pair of their modules in slot order, the cable chosen from those that pass.
    fn trunk_panel_ui(&mut self, ui: &mut Ui, out: &mut Vec<Action>) {
        let design = self.doc.design();
        let [a, b] = self.selection.as_slice() else {
            return;
        };
        let enclosure = |id: &Id| design.enclosures.iter().any(|e| &e.id == id);
        if !enclosure(a) || !enclosure(b) {
            return;
        }
        let from = fiberplan_edit::patch::free_rear_ports(design, a);
        let to = fiberplan_edit::patch::free_rear_ports(design, b);
        ui.strong(format!("Trunk {a} to {b}"));
        let (Some(fa), Some(fb)) = (from.first(), to.first()) else {
            ui.weak("One of them has no module with a free rear port.");
            ui.separator();
            return;
        };
        // Tried on the design once per pair of enclosures and revision, not every frame.
        let key = (self.doc.revision(), a.clone(), b.clone());
        if self.trunk_ranking.as_ref().is_none_or(|(k, _)| *k != key) {
            let ranked = fiberplan_edit::new_part::ranked_cables(
                design,
                self.doc.report(),
                &self.apps,
                &self.catalog,
                fa,
                fb,
                self.pick.cable.as_deref(),
            );
            self.trunk_ranking = Some((key, ranked));
        }
        let ranked = self
            .trunk_ranking
            .as_ref()
            .map(|(_, r)| r.clone())
            .unwrap_or_default();
        let n = from.len().min(to.len());
        for (choice, fits) in ranked.iter().take(6) {
            let text = format!("{n} x {}: {}", choice.part_number, choice.name);
            let button = match fits {
                fiberplan_edit::new_part::Fits::Passes => egui::Button::new(&text),
                fiberplan_edit::new_part::Fits::Fails(_) => egui::Button::new(
                    egui::RichText::new(&text).color(egui::Color32::from_rgb(225, 55, 55)),
                ),
            };
            let resp = ui.add(button);
            let resp = match fits {
                fiberplan_edit::new_part::Fits::Fails(why) => resp.on_hover_text(why),
                _ => resp,
            };
            if resp.clicked() {
                match fiberplan_edit::patch::trunk_enclosures(
                    design,
                    &self.catalog,
                    &choice.part_number,
                    fiberplan_edit::new_part::suggested_length_m(design, fa, fb),
                    a,
                    b,
                ) {
                    Ok(p) => out.push(Action::edit(p.label, p.edit)),
                    Err(e) => self.notice = Some((format!("Trunk: {e}"), true)),
                }
            }
        }
        ui.separator();
    }

    /// "Swap for another catalog part" while one part is selected: the catalog parts of its
    /// footprint.
    pub(super) fn swap_panel_ui(&mut self, ui: &mut Ui, out: &mut Vec<Action>) {
        let [id] = self.selection.as_slice() else {
            return;
        };
        let design = self.doc.design();
        let candidates = fiberplan_edit::swap::swap_candidates(design, &self.catalog, id);
        if candidates.is_empty() {
            return;
        }
        let mut picked = None;
        ui.menu_button(
            format!("Swap {} for another catalog part", design.label_of(id)),
            |ui| {
                for e in &candidates {
                    if ui
                        .button(format!("{}: {}", e.part_number, e.name))
                        .clicked()
                    {
                        picked = Some(e.part_number.clone());
                        ui.close();
                    }
                }
            },
        );
        if let Some(number) = picked {
            if let Some((label, edit)) =
                fiberplan_edit::swap::swap_part(design, &self.catalog, id, &number)
            {
                out.push(Action::edit(label, edit));
            }
        }
    }

    /// The "Patch in order" panel, while ports are picked; "Trunk enclosure to enclosure"
    /// while two enclosures are selected.
    pub(super) fn patch_panel_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let mut out = Vec::new();
        self.trunk_panel_ui(ui, &mut out);
        if !self.pick.active() {
            return out;
        }
        let design = self.doc.design();
        let span = |ports: &[PortRef]| match ports {
            [] => "none yet".to_owned(),
            [one] => one.to_string(),
            [first, .., last] => format!("{first} to {last} ({} ports)", ports.len()),
        };
        ui.strong("Patch in order");
        ui.label(format!("Near: {}", span(&self.pick.near)));
        ui.label(format!("Far: {}", span(&self.pick.far)));
        if self.pick.far.is_empty() {
            ui.weak("Ctrl+click the first far port, then Ctrl+Shift+click the last.");
        }
        let connectors = (
            self.pick
                .near
                .first()
                .and_then(|p| port_connector(design, p)),
            self.pick
                .far
                .first()
                .and_then(|p| port_connector(design, p)),
        );
        if let (Some(a), Some(b)) = connectors {
            let choices = compatible_cables(&self.catalog, a, b);
            if self.pick.cable.is_none() {
                self.pick.cable = choices.first().map(|c| c.part_number.clone());
            }
            let current = self.pick.cable.clone().unwrap_or_default();
            egui::ComboBox::from_label("Cord")
                .selected_text(&current)
                .show_ui(ui, |ui| {
                    for c in &choices {
                        ui.selectable_value(
                            &mut self.pick.cable,
                            Some(c.part_number.clone()),
                            format!("{} ({})", c.part_number, c.name),
                        );
                    }
                });
            let catalog_length = self
                .pick
                .cable
                .as_deref()
                .and_then(|n| self.catalog.get(n))
                .and_then(|e| match &e.part {
                    fiberplan_engine::catalog::PartTemplate::Cable(s) => Some(s.length_m),
                    _ => None,
                })
                .unwrap_or(3.0);
            let mut length = self.pick.length_m.unwrap_or(catalog_length);
            ui.horizontal(|ui| {
                let l = ui.label("Length");
                if ui
                    .add(
                        egui::DragValue::new(&mut length)
                            .range(0.1..=2000.0)
                            .speed(0.1)
                            .suffix(" m"),
                    )
                    .labelled_by(l.id)
                    .changed()
                {
                    self.pick.length_m = Some(length);
                }
            });
            let result = patch_in_order(
                design,
                &self.catalog,
                &current,
                Some(length),
                &self.pick.near,
                &self.pick.far,
            );
            match result {
                Ok(p) => {
                    let text = format!("Patch {} cords in order", p.cables.len());
                    if ui.button(&text).clicked() {
                        out.push(Action::edit(p.label, p.edit));
                        self.pick = PortPick::default();
                    }
                }
                Err(e) => {
                    ui.colored_label(egui::Color32::from_rgb(225, 55, 55), e.to_string());
                }
            }
        }
        // Two transceiver ports: route the link through the plant in place.
        if let ([a], [b]) = (self.pick.near.as_slice(), self.pick.far.as_slice()) {
            let both_equipment = [a, b]
                .iter()
                .all(|p| design.equipment.iter().any(|e| e.id == p.part));
            if both_equipment && ui.button("Route through the plant").clicked() {
                match fiberplan_edit::route::route(
                    design,
                    self.doc.report(),
                    &self.apps,
                    &self.catalog,
                    a,
                    b,
                ) {
                    Ok(r) => {
                        out.push(Action::edit(r.label, r.edit));
                        self.pick = PortPick::default();
                        ui.separator();
                        return out;
                    }
                    Err(e) => self.notice = Some((format!("Route: {e}"), true)),
                }
            }
        }
        if ui.button("Clear the picked ports").clicked() {
            self.pick = PortPick::default();
        }
        ui.separator();
        out
    }
}
