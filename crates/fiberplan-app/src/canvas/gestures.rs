//! Gestures on the canvas: a catalog part dropped from the palette, a placed part moved,
//! a cable drawn from port to port, and the offer of catalog cables that fit both ports.

use super::drop_targets::{drop_new, paint_target, target_for, Target};
use super::{
    pointer_in_scene, port_label, Action, CableOffer, CanvasState, Gesture, PalettePart, SELECTED,
};
use crate::layout::Layout;
use egui::{Stroke, Ui};
use fiberplan_edit::new_part::{compatible_cables, new_cable_of_length, CableChoice, Fits};
use fiberplan_edit::placement::{self, Need, Place};
use fiberplan_engine::catalog::Catalog;
use fiberplan_model::Design;

#[allow(clippy::too_many_arguments)]
pub(super) fn gestures(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    painter: &egui::Painter,
    selected: &[fiberplan_model::Id],
) {
    let pointer = pointer_in_scene(ui, state);
    let released = ui.input(|i| i.pointer.any_released());
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));

    // A catalog part dragged from the palette.
    if let Some(payload) = egui::DragAndDrop::payload::<PalettePart>(ui.ctx()) {
        if escape {
            egui::DragAndDrop::clear_payload(ui.ctx());
        } else if let (Some(p), Some(entry)) = (pointer, catalog.get(&payload.0)) {
            let target = target_for(design, layout, p, &Need::of_template(&entry.part), None);
            paint_target(painter, &target);
            if released {
                egui::DragAndDrop::clear_payload(ui.ctx());
                match target {
                    Target::Refused { reason, .. } => {
                        actions.push(Action::Refused(format!("{}: {reason}", entry.name)))
                    }
                    Target::Place { place, .. } => {
                        drop_new(design, catalog, &payload.0, &place, actions)
                    }
                    Target::Background => {
                        drop_new(design, catalog, &payload.0, &Place::Loose, actions)
                    }
                }
            }
        }
    }

    match state.gesture.clone() {
        Gesture::None => {}
        _ if escape => state.gesture = Gesture::None,
        Gesture::Wiring(from) => {
            if let (Some(p), Some(a)) = (pointer, layout.port_center(&from)) {
                painter.line_segment([a, p], Stroke::new(2.0, SELECTED));
                if released {
                    state.gesture = Gesture::None;
                    if let Some(to) = layout.port_at(p) {
                        if to.port != from {
                            state.offer = Some(CableOffer {
                                from,
                                to: to.port.clone(),
                                at: p,
                            });
                        }
                    }
                }
            } else if released {
                state.gesture = Gesture::None;
            }
        }
        Gesture::Boxing(start, last) => {
            // The pointer may be gone in the frame the button comes up: the box ends where
            // it was last seen.
            let end = pointer.unwrap_or(last);
            state.gesture = Gesture::Boxing(start, end);
            {
                let p = end;
                let rect = egui::Rect::from_two_pos(start, p);
                let px = 1.0 / state.to_global.scaling.max(1e-3);
                painter.rect_filled(rect, 0.0, SELECTED.gamma_multiply(0.12));
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(1.0 * px, SELECTED),
                    egui::StrokeKind::Inside,
                );
                if released {
                    state.gesture = Gesture::None;
                    let far = ui.input(|i| i.modifiers.command);
                    actions.extend(boxed(design, layout, rect, far));
                }
            }
        }
        Gesture::Moving(id) => {
            let needs = Need::of_part(design, &id);
            if let (Some(p), Some(needs)) = (pointer, needs) {
                let target = target_for(design, layout, p, &needs, Some(&id));
                paint_target(painter, &target);
                if released {
                    state.gesture = Gesture::None;
                    let label = design.label_of(&id).to_owned();
                    // Dragging one of several selected parts moves the rack-mounted ones
                    // together, by the same number of units (they may take each other's
                    // units, so the lead's own target is not the test).
                    let group = selected.len() > 1
                        && selected.contains(&id)
                        && matches!(needs, Need::Units(_));
                    let unit = layout.rack_unit_at(p).map(|(r, _, u)| (r.id.clone(), u));
                    match target {
                        _ if group => {
                            if let Some((rack, u)) = unit {
                                let moved = placement::move_group(design, selected, &id, &rack, u);
                                push_move(actions, &label, moved);
                            }
                        }
                        Target::Place { place, .. } => {
                            push_move(actions, &label, placement::move_to(design, &id, &place));
                        }
                        Target::Refused { reason, .. } => {
                            actions.push(Action::Refused(format!("{label}: {reason}")))
                        }
                        Target::Background => {}
                    }
                }
            } else if released {
                state.gesture = Gesture::None;
            }
        }
    }
    if escape {
        state.offer = None;
    }
}

/// The move a drag ended with, or why it was refused, as an action.
fn push_move(
    actions: &mut Vec<Action>,
    label: &str,
    moved: Result<Option<(String, fiberplan_edit::Edit)>, placement::Refusal>,
) {
    match moved {
        Ok(Some((label, edit))) => actions.push(Action::Edit {
            label,
            edit: Box::new(edit),
        }),
        Ok(None) => {}
        Err(refusal) => actions.push(Action::Refused(format!("{label}: {refusal}"))),
    }
}

/// What a selection box round `rect` (scene coordinates) selects: the racks, enclosures
/// and equipment wholly inside it (and modules whose enclosure is not), or, where it holds no
/// whole part, the ports inside it to patch in order.
fn boxed(design: &Design, layout: &Layout, rect: egui::Rect, far: bool) -> Option<Action> {
    let mut ids: Vec<fiberplan_model::Id> = Vec::new();
    for r in &layout.racks {
        let whole = [r.front, r.rear]
            .into_iter()
            .any(|f| f.is_positive() && rect.contains_rect(f));
        if whole && !ids.contains(&r.id) {
            ids.push(r.id.clone());
        }
    }
    for item in layout.items.iter().filter(|i| rect.contains_rect(i.rect)) {
        if !ids.contains(&item.id) {
            ids.push(item.id.clone());
        }
    }
    // What is inside a selected rack or enclosure goes with it.
    let holder: Vec<fiberplan_model::Id> = ids.clone();
    ids.retain(|id| design.container_of(id).is_none_or(|c| !holder.contains(c)));
    if !ids.is_empty() {
        return Some(Action::SelectMany(ids));
    }
    let ports: Vec<fiberplan_model::PortRef> = layout
        .ports
        .iter()
        .filter(|p| rect.contains_rect(p.rect))
        .map(|p| p.port.clone())
        .collect();
    (!ports.is_empty()).then_some(Action::PickPorts { ports, far })
}

pub(super) fn offer_ui(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
) {
    let Some(offer) = state.offer.clone() else {
        return;
    };
    let (Some(&ia), Some(&ib)) = (
        layout.port_index.get(&offer.from),
        layout.port_index.get(&offer.to),
    ) else {
        state.offer = None;
        return;
    };
    let (pa, pb) = (&layout.ports[ia], &layout.ports[ib]);
    // The cables tried on the design (the window ranks them once per offer); until then, in
    // catalog order.
    let options: Vec<(CableChoice, Option<Fits>)> = match &state.ranking {
        Some((o, ranked)) if *o == offer => ranked
            .iter()
            .map(|(c, f)| (c.clone(), Some(f.clone())))
            .collect(),
        _ => compatible_cables(catalog, pa.connector, pb.connector)
            .into_iter()
            .map(|c| (c, None))
            .collect(),
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("cable-offer")).show(ui.ctx(), |ui| {
        ui.label(format!(
            "Cable from {} to {}:",
            port_label(&pa.port, &pa.name),
            port_label(&pb.port, &pb.name)
        ));
        ui.horizontal(|ui| {
            let l = ui.label("Length");
            ui.add(
                egui::DragValue::new(&mut state.offer_length_m)
                    .range(0.1..=2000.0)
                    .speed(0.1)
                    .suffix(" m"),
            )
            .labelled_by(l.id);
        });
        if options.is_empty() {
            ui.label("No catalog cable fits these two ports.");
        }
        for (choice, fits) in &options {
            ui.horizontal(|ui| {
                let fails = matches!(fits, Some(Fits::Fails(_)));
                let text = format!("{}: {}", choice.part_number, choice.name);
                let button = if fails {
                    egui::Button::new(egui::RichText::new(&text).color(super::ERROR))
                } else {
                    egui::Button::new(&text)
                };
                if ui.add(button).clicked() {
                    if let Some((label, edit)) = new_cable_of_length(
                        design,
                        catalog,
                        choice,
                        &pa.port,
                        &pb.port,
                        Some(state.offer_length_m),
                    ) {
                        actions.push(Action::Edit {
                            label,
                            edit: Box::new(edit),
                        });
                    }
                    state.last_cable = Some(choice.part_number.clone());
                    close = true;
                }
                if let Some(Fits::Fails(why)) = fits {
                    ui.colored_label(super::ERROR, format!("would make an error: {why}"));
                }
            });
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if close || modal.should_close() {
        state.offer = None;
    }
}
