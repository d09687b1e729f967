//! The canvas zoomed in: every rack with its units, parts with their labels, slots, ports and
//! cable curves, each an accessible widget named for tests and screen readers.

use super::gestures::gestures;
use super::labels::{shorter_forms, Label, Labels, MIN_PX, PART_PX, RACK_PX};
use super::{
    cable_style, item_stroke, overview, port_label, selection_outline, Action, CanvasState,
    Gesture, Highlights, Ink, SELECTED,
};
use crate::layout::{
    Face, Layout, RackBox, ENCLOSURE_LABEL_W, EQUIPMENT_LABEL_W, HEADER, RAIL, U_H,
};
use egui::{
    pos2, vec2, Align2, Color32, CornerRadius, Pos2, Rect, Role, Sense, Shape, Stroke, StrokeKind,
    Ui, WidgetInfo,
};
use fiberplan_engine::catalog::Catalog;
use fiberplan_model::{Cable, Design, PartKind, Polish};

#[allow(clippy::too_many_arguments)]
pub(super) fn scene_contents(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    labels: &mut Labels,
) {
    let painter = ui.painter().clone();
    let ink = Ink::of(ui.visuals());
    // Inside the scene the clip rect is the visible part of the scene: nothing outside it is
    // drawn or given a widget.
    let view = ui.clip_rect();
    if state.to_global.scaling < overview::OVERVIEW_BELOW {
        overview::overview_ui(ui, design, layout, hl, state, actions, view, labels);
        gestures(
            ui,
            design,
            layout,
            catalog,
            state,
            actions,
            &painter,
            &hl.selected,
        );
        return;
    }
    let scale = state.to_global.scaling;

    // Background: clicks clear the selection; a drag draws a selection box.
    let bg = ui.interact(
        layout.bounds,
        ui.scope_id().with("canvas-bg"),
        Sense::click_and_drag(),
    );
    bg.widget_info(|| WidgetInfo::labeled(Role::Pane, true, "Canvas"));
    if bg.clicked() {
        actions.push(Action::ClearSelection);
        state.offer = None;
    }
    if bg.drag_started_by(egui::PointerButton::Primary) {
        if let Some(p) = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| state.to_global.inverse() * p)
        {
            state.gesture = Gesture::Boxing(p, p);
        }
    }

    // Racks, with their names and unit numbers first: they win a place before any other
    // label.
    for rack in &layout.racks {
        for (face, area) in [(Face::Front, rack.front), (Face::Rear, rack.rear)] {
            let whole = area.expand2(vec2(RAIL, HEADER));
            if area.is_positive() && view.intersects(whole) {
                draw_rack_face(ui, rack, face, area, hl, &ink, scale, labels, actions);
            }
        }
    }

    // Enclosures, then modules and equipment on top.
    let mut order: Vec<&crate::layout::ItemBox> = layout.items.iter().collect();
    order.sort_by_key(|i| i.kind != PartKind::Enclosure);
    for item in order.into_iter().filter(|i| view.intersects(i.rect)) {
        item_ui(ui, item, design, catalog, hl, state, actions, &ink, labels);
    }

    // Slots, named for tests and screen readers.
    slots_ui(ui, design, layout, view);

    // Ports, numbered where the number fits.
    for p in layout.ports.iter().filter(|p| view.intersects(p.rect)) {
        port_ui(ui, p, hl, state, actions, &ink, labels);
    }

    // Cables: those of the selection and of the traced channel last, so they are drawn
    // above the rest and their labels win a place.
    let lit = |c: &Cable| {
        hl.selected.contains(&c.id)
            || hl.channel.contains(&c.id)
            || hl.errors.contains(&c.id)
            || hl.warnings.contains(&c.id)
    };
    let visible: Vec<(&Cable, &crate::layout::CableBox)> = design
        .cables
        .iter()
        .zip(&layout.cables)
        .filter(|(_, drawn)| view.intersects(drawn.bounds))
        .collect();
    let mut cable_labels = Labels::default();
    for pass in [false, true] {
        for (cable, drawn) in visible.iter().filter(|(c, _)| lit(c) == pass) {
            draw_cable(
                ui,
                cable,
                &drawn.ends,
                hl,
                state,
                actions,
                &mut cable_labels,
                pass,
            );
        }
    }
    // Lit cables' labels were asked for last but go first.
    cable_labels.reverse_into(labels);

    gestures(
        ui,
        design,
        layout,
        catalog,
        state,
        actions,
        &painter,
        &hl.selected,
    );
}

/// One face of a rack: its frame, unit lines, the rack's name above it and the unit numbers
/// on its rail (every unit where they fit, else every 2nd, 5th or 10th).
#[allow(clippy::too_many_arguments)]
fn draw_rack_face(
    ui: &mut Ui,
    rack: &RackBox,
    face: Face,
    area: Rect,
    hl: &Highlights,
    ink: &Ink,
    scale: f32,
    labels: &mut Labels,
    actions: &mut Vec<Action>,
) {
    let painter = ui.painter().clone();
    let face_name = if face == Face::Front { "front" } else { "rear" };
    let outer = area.expand2(vec2(0.0, 2.0)).with_min_x(area.left() - RAIL);
    painter.rect_filled(outer, CornerRadius::same(3), ink.rack);
    painter.rect_stroke(
        outer,
        CornerRadius::same(3),
        item_stroke(&rack.id, hl),
        StrokeKind::Inside,
    );
    selection_outline(&painter, outer, &rack.id, hl, 1.0 / scale.max(1e-3));
    let header = Rect::from_min_max(
        pos2(outer.left(), area.top() - HEADER),
        pos2(area.right(), area.top() - 2.0),
    );
    labels.add(
        Label::inside(
            header,
            format!("{} {face_name}", rack.label),
            RACK_PX,
            ink.text,
        )
        .or([rack.label.clone()]),
    );
    let unit_px = U_H * scale;
    let step = [1u8, 2, 5, 10]
        .into_iter()
        .find(|&k| f32::from(k) * unit_px >= MIN_PX + 3.0)
        .unwrap_or(u8::MAX);
    for u in 1..=rack.height_u {
        let r = rack.units(face, u, 1);
        painter.line_segment(
            [r.left_bottom(), r.right_bottom()],
            Stroke::new(0.3, ink.unit_line),
        );
        if step != u8::MAX && u % step == 0 {
            let span = f32::from(step) * U_H;
            let cell = Rect::from_center_size(
                pos2(area.left() - RAIL / 2.0, r.center().y),
                vec2(RAIL, span),
            );
            labels.add(Label::inside(cell, u.to_string(), MIN_PX, ink.weak));
        }
    }
    let resp = ui.interact(
        header,
        ui.scope_id().with(("rack", &rack.id, face_name)),
        Sense::click(),
    );
    let name = format!("Rack {} {face_name}", rack.label);
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
    if resp.clicked() {
        actions.push(Action::Select {
            id: rack.id.clone(),
            add: ui.input(|i| i.modifiers.shift),
        });
    }
    resp.context_menu(|ui| {
        if ui.button("Delete").clicked() {
            actions.push(Action::Delete(rack.id.clone()));
            ui.close();
        }
    });
}

fn bezier_points(a: Pos2, b: Pos2) -> [Pos2; 4] {
    let sag = crate::layout::cable_sag(a, b);
    [a, a + vec2(0.0, sag), b + vec2(0.0, sag), b]
}

fn bezier_at(p: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let c = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    pos2(
        c[0] * p[0].x + c[1] * p[1].x + c[2] * p[2].x + c[3] * p[3].x,
        c[0] * p[0].y + c[1] * p[1].y + c[2] * p[2].y + c[3] * p[3].y,
    )
}

#[allow(clippy::too_many_arguments)]
fn draw_cable(
    ui: &mut Ui,
    cable: &Cable,
    ends: &[Option<Pos2>],
    hl: &Highlights,
    state: &CanvasState,
    actions: &mut Vec<Action>,
    labels: &mut Labels,
    lit: bool,
) {
    let painter = ui.painter().clone();
    let Some(Some(first)) = ends.first().copied() else {
        return;
    };
    let (width, color) = cable_style(cable, hl);
    let mut handle = None;
    for end in ends.iter().skip(1).flatten() {
        let pts = bezier_points(first, *end);
        // A fixed 16-segment polyline: as smooth as the curve looks at any zoom, and far
        // cheaper to tessellate than egui's adaptive Bézier flattening for thousands of cables.
        let line: Vec<Pos2> = (0..=16).map(|i| bezier_at(&pts, i as f32 / 16.0)).collect();
        painter.add(Shape::line(line, Stroke::new(width, color)));
        handle.get_or_insert(bezier_at(&pts, 0.5));
    }
    // APC ends get a green dot.
    for (end, pos) in ends.iter().enumerate() {
        if let (Some(pos), Some(plug)) = (pos, cable.spec.plugs.get(end)) {
            if plug.polish == Polish::APC {
                painter.circle_filled(*pos, 2.5, Color32::from_rgb(40, 170, 70));
            }
        }
    }
    let Some(mid) = handle else { return };
    let rect = Rect::from_center_size(mid, vec2(10.0, 10.0));
    let resp = ui.interact(
        rect,
        ui.scope_id().with(("cable", &cable.id)),
        Sense::click(),
    );
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Cable {}", cable.label)));
    painter.circle_filled(mid, 3.5, color);
    // The label sits on the cable, beside its handle: always for the selection, the traced
    // channel and the cable under the pointer, else where it covers no other label.
    let scale = state.to_global.scaling.max(1e-3);
    // The selection's and the hovered cable's labels always show; a cable in a finding or
    // on the traced channel goes before the others but gives way to labels already drawn.
    let shown = hl.selected.contains(&cable.id) || resp.hovered();
    if shown || lit || scale >= 0.9 {
        let at = Rect::from_min_size(mid + vec2(6.0 / scale, 0.0), vec2(0.0, 0.0));
        labels.add(Label {
            rect: at,
            contain: false,
            texts: vec![cable.label.clone()],
            px: MIN_PX,
            align: Align2::LEFT_CENTER,
            color: if shown {
                color
            } else {
                ui.visuals().weak_text_color()
            },
            backing: shown.then(|| Ink::of(ui.visuals()).backing),
            yields: !shown,
            fallback: None,
        });
    }
    let resp = match hl.notes.get(&cable.id) {
        Some(notes) => resp.on_hover_text(notes.join("\n")),
        None => resp,
    };
    if resp.clicked() {
        actions.push(Action::Select {
            id: cable.id.clone(),
            add: ui.input(|i| i.modifiers.shift),
        });
    }
    resp.context_menu(|ui| {
        if ui.button("Select").clicked() {
            actions.push(Action::Select {
                id: cable.id.clone(),
                add: false,
            });
            ui.close();
        }
        if ui.button("Delete").clicked() {
            actions.push(Action::Delete(cable.id.clone()));
            ui.close();
        }
    });
}

/// One enclosure, module or piece of equipment on one face: its box, its label in its label
/// area (in full, else shortened, else left out), hover text, and the select, move and
/// delete it offers.
#[allow(clippy::too_many_arguments)]
fn item_ui(
    ui: &mut Ui,
    item: &crate::layout::ItemBox,
    design: &Design,
    catalog: &Catalog,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    ink: &Ink,
    labels: &mut Labels,
) {
    let painter = ui.painter();
    let label = design.label_of(&item.id).to_owned();
    let face = if item.face == Face::Front {
        "front"
    } else {
        "rear"
    };
    let id = ui
        .scope_id()
        .with(("item", &item.id, item.face == Face::Front));
    let resp = ui.interact(item.rect, id, Sense::click_and_drag());
    let kind = match item.kind {
        PartKind::Enclosure => "Enclosure",
        PartKind::Module => "Module",
        PartKind::Equipment => "Equipment",
        _ => "Part",
    };
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("{kind} {label} {face}")));
    let fill = match item.kind {
        PartKind::Enclosure => ink.enclosure,
        PartKind::Module => ink.module,
        _ => ink.equipment,
    };
    painter.rect_filled(item.rect, CornerRadius::same(2), fill);
    let stroke = item_stroke(&item.id, hl);
    painter.rect_stroke(item.rect, CornerRadius::same(2), stroke, StrokeKind::Inside);
    let px = 1.0 / state.to_global.scaling.max(1e-3);
    selection_outline(painter, item.rect, &item.id, hl, px);
    let r = item.rect;
    let shorter = shorter_forms(&label);
    match item.kind {
        PartKind::Equipment if item.face == Face::Front => {
            let area = r.with_max_x(r.left() + EQUIPMENT_LABEL_W.min(r.width() * 0.3));
            labels.add(
                Label::inside(area.shrink2(vec2(3.0, 0.0)), label, PART_PX, ink.text)
                    .align(Align2::LEFT_CENTER)
                    .or(shorter),
            );
        }
        PartKind::Equipment => {
            labels.add(Label::inside(r, label, PART_PX, ink.weak).or(shorter));
        }
        PartKind::Enclosure => {
            let area = r.with_max_x(r.left() + ENCLOSURE_LABEL_W.min(r.width() * 0.3));
            labels.add(
                Label::inside(area.shrink2(vec2(2.0, 0.0)), label, PART_PX, ink.text)
                    .align(Align2::LEFT_CENTER)
                    .or(shorter),
            );
        }
        PartKind::Module => {
            // In the band above its ports where it fits there, else over them on a backing.
            let band = r.with_max_y(r.top() + (r.height() * 0.45).min(9.0));
            let mut over =
                Label::inside(r.shrink(1.0), label.clone(), PART_PX, ink.text).or(shorter.clone());
            over.backing = Some(ink.backing);
            labels.add(
                Label::inside(band.shrink2(vec2(2.0, 0.0)), label, PART_PX, ink.text)
                    .align(Align2::LEFT_TOP)
                    .or(shorter)
                    .or_else(over),
            );
        }
        _ => {}
    }
    let resp = match hl.notes.get(&item.id) {
        Some(notes) => resp.on_hover_text(notes.join("\n")),
        None => resp,
    };
    if resp.clicked() {
        let add = ui.input(|i| i.modifiers.shift);
        actions.push(Action::Select {
            id: item.id.clone(),
            add,
        });
    }
    if resp.drag_started() {
        state.gesture = Gesture::Moving(item.id.clone());
    }
    resp.context_menu(|ui| {
        if ui.button("Zoom to it").clicked() {
            actions.push(Action::ZoomTo(item.id.clone()));
            ui.close();
        }
        if ui.button("Duplicate").clicked() {
            actions.push(Action::Duplicate(item.id.clone()));
            ui.close();
        }
        if item.kind == PartKind::Enclosure {
            fill_menu_ui(ui, design, catalog, &item.id, actions);
        }
        if ui.button("Delete").clicked() {
            actions.push(Action::Delete(item.id.clone()));
            ui.close();
        }
    });
}

/// "Fill empty slots with …": the catalog modules of the enclosure's slot format.
fn fill_menu_ui(
    ui: &mut Ui,
    design: &Design,
    catalog: &Catalog,
    enclosure: &fiberplan_model::Id,
    actions: &mut Vec<Action>,
) {
    let Some(format) = design
        .enclosures
        .iter()
        .find(|e| &e.id == enclosure)
        .map(|e| e.spec.slot_format.clone())
    else {
        return;
    };
    ui.menu_button("Fill empty slots with", |ui| {
        for e in &catalog.entries {
            let fiberplan_engine::catalog::PartTemplate::Module(m) = &e.part else {
                continue;
            };
            if m.slot_format != format {
                continue;
            }
            if ui
                .button(format!("{}: {}", e.part_number, e.name))
                .clicked()
            {
                match fiberplan_edit::patch::fill_enclosure(
                    design,
                    catalog,
                    enclosure,
                    &e.part_number,
                ) {
                    Ok((label, edit)) => actions.push(Action::edit(label, edit)),
                    Err(r) => actions.push(Action::Refused(format!("Fill: {r}"))),
                }
                ui.close();
            }
        }
    });
}

/// The enclosure slots in `view`, named for tests and screen readers.
fn slots_ui(ui: &mut Ui, design: &Design, layout: &Layout, view: Rect) {
    let painter = ui.painter();
    for s in layout.slots.iter().filter(|s| view.intersects(s.rect)) {
        let id = ui
            .scope_id()
            .with(("slot", &s.enclosure, s.slot, s.face == Face::Front));
        let resp = ui.interact(s.rect, id, Sense::hover());
        let face = if s.face == Face::Front {
            "front"
        } else {
            "rear"
        };
        let name = format!("Slot {} {} {face}", design.label_of(&s.enclosure), s.slot);
        resp.widget_info(|| WidgetInfo::labeled(Role::Cell, true, &name));
        painter.rect_stroke(
            s.rect,
            CornerRadius::ZERO,
            Stroke::new(0.5, Color32::from_gray(90)),
            StrokeKind::Inside,
        );
    }
}

/// One port: its box, its number where it fits, hover text, and the select and cable
/// drawing it starts.
fn port_ui(
    ui: &mut Ui,
    p: &crate::layout::PortBox,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    ink: &Ink,
    labels: &mut Labels,
) {
    let painter = ui.painter();
    let id = ui.scope_id().with(("port", &p.port));
    let resp = ui.interact(p.rect.expand(1.0), id, Sense::click_and_drag());
    // Names are built only when asked for (accessibility, hover): a zoomed-in rack shows
    // hundreds of ports every frame.
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, port_label(&p.port, &p.name)));
    let selected = hl.selected_port.as_ref() == Some(&p.port) || hl.picked.contains(&p.port);
    let fill = if p.connector.is_mpo() {
        ink.mpo_port
    } else {
        ink.port
    };
    painter.rect_filled(p.rect, CornerRadius::same(1), fill);
    let stroke = if selected {
        Stroke::new(1.5, SELECTED)
    } else {
        Stroke::new(0.6, ink.port_line)
    };
    painter.rect_stroke(p.rect, CornerRadius::same(1), stroke, StrokeKind::Outside);
    // The number the device prints: front ports 1..N, rear MPO ports R1.., switch ports by
    // their number.
    let number = match p.port.side {
        fiberplan_model::Side::Rear => format!("R{}", p.port.port),
        fiberplan_model::Side::Front => p.port.port.to_string(),
    };
    if 9.0 * state.to_global.scaling >= MIN_PX {
        labels.add(Label::inside(p.rect.expand(1.0), number, MIN_PX, ink.text).yielding());
    }
    let resp = resp.on_hover_ui(|ui| {
        ui.label(format!(
            "{} ({})",
            port_label(&p.port, &p.name),
            p.connector
        ));
    });
    if resp.clicked() {
        let m = ui.input(|i| i.modifiers);
        actions.push(if m.shift || m.command {
            Action::PickPort {
                port: p.port.clone(),
                far: m.command,
                extend: m.shift,
            }
        } else {
            Action::SelectPort(p.port.clone())
        });
    }
    if resp.drag_started() {
        state.gesture = Gesture::Wiring(p.port.clone());
        state.offer = None;
    }
    resp.context_menu(|ui| {
        if ui.button("Trace its channel").clicked() {
            actions.push(Action::SelectPort(p.port.clone()));
            ui.close();
        }
        if ui
            .button("Patch from here (then Shift+click the last)")
            .clicked()
        {
            actions.push(Action::SelectPort(p.port.clone()));
            ui.close();
        }
        if ui.button("Patch to here (far range)").clicked() {
            actions.push(Action::PickPort {
                port: p.port.clone(),
                far: true,
                extend: false,
            });
            ui.close();
        }
    });
}
