//! The canvas zoomed in: every rack with its units, parts with their labels, slots, ports and
//! cable curves, each an accessible widget named for tests and screen readers.

use super::gestures::gestures;
use super::{
    cable_style, item_stroke, overview, port_label, Action, CanvasState, Gesture, Highlights,
    SELECTED,
};
use crate::layout::{Face, Layout, RackBox, HEADER, RAIL, U_H};
use egui::{
    pos2, vec2, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Role, Sense, Shape, Stroke,
    StrokeKind, Ui, WidgetInfo,
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
) {
    let painter = ui.painter().clone();
    let font = FontId::proportional(11.0);
    let small = FontId::proportional(8.5);
    let text_color = ui.visuals().text_color();
    // Inside the scene the clip rect is the visible part of the scene: nothing outside it is
    // drawn or given a widget.
    let view = ui.clip_rect();
    if state.to_global.scaling < overview::OVERVIEW_BELOW {
        overview::overview_ui(ui, design, layout, hl, state, actions, view);
        gestures(ui, design, layout, catalog, state, actions, &painter);
        return;
    }

    // Background: clicks clear the selection.
    let bg = ui.interact(
        layout.bounds,
        ui.scope_id().with("canvas-bg"),
        Sense::click(),
    );
    bg.widget_info(|| WidgetInfo::labeled(Role::Pane, true, "Canvas"));
    if bg.clicked() {
        actions.push(Action::ClearSelection);
        state.offer = None;
    }

    // Racks.
    for rack in &layout.racks {
        let whole = rack.front.union(rack.rear).expand2(vec2(RAIL, HEADER));
        if view.intersects(whole) {
            draw_rack(ui, rack, design, hl, &font, &small, text_color, actions);
        }
    }

    // Enclosures, then modules and equipment on top.
    let mut order: Vec<&crate::layout::ItemBox> = layout.items.iter().collect();
    order.sort_by_key(|i| i.kind != PartKind::Enclosure);
    for item in order.into_iter().filter(|i| view.intersects(i.rect)) {
        item_ui(ui, item, design, hl, state, actions, &small, text_color);
    }

    // Slots, named for tests and screen readers.
    slots_ui(ui, design, layout, view);

    // Ports.
    for p in layout.ports.iter().filter(|p| view.intersects(p.rect)) {
        port_ui(ui, p, hl, state, actions);
    }

    // Cables.
    for (cable, drawn) in design.cables.iter().zip(&layout.cables) {
        if view.intersects(drawn.bounds) {
            draw_cable(ui, cable, &drawn.ends, hl, state, actions);
        }
    }

    gestures(ui, design, layout, catalog, state, actions, &painter);
    let _ = (HEADER, RAIL, U_H);
}

#[allow(clippy::too_many_arguments)]
fn draw_rack(
    ui: &mut Ui,
    rack: &RackBox,
    design: &Design,
    hl: &Highlights,
    font: &FontId,
    small: &FontId,
    text_color: Color32,
    actions: &mut Vec<Action>,
) {
    let painter = ui.painter().clone();
    for (face, area) in [("front", rack.front), ("rear", rack.rear)] {
        let outer = area.expand2(vec2(0.0, 2.0)).with_min_x(area.left() - RAIL);
        painter.rect_filled(outer, CornerRadius::same(3), Color32::from_gray(28));
        painter.rect_stroke(
            outer,
            CornerRadius::same(3),
            item_stroke(&rack.id, hl),
            StrokeKind::Inside,
        );
        for u in 1..=rack.height_u {
            let r = rack.units(
                if face == "front" {
                    Face::Front
                } else {
                    Face::Rear
                },
                u,
                1,
            );
            painter.text(
                pos2(area.left() - RAIL / 2.0, r.center().y),
                Align2::CENTER_CENTER,
                u.to_string(),
                small.clone(),
                Color32::from_gray(120),
            );
            painter.line_segment(
                [r.left_bottom(), r.right_bottom()],
                Stroke::new(0.3, Color32::from_gray(55)),
            );
        }
        painter.text(
            pos2(area.center().x, area.top() - HEADER / 2.0),
            Align2::CENTER_CENTER,
            format!("{} {face}", rack.label),
            font.clone(),
            text_color,
        );
        let title = Rect::from_center_size(
            pos2(area.center().x, area.top() - HEADER / 2.0),
            vec2(area.width(), HEADER - 6.0),
        );
        let resp = ui.interact(
            title,
            ui.scope_id().with(("rack", &rack.id, face)),
            Sense::click(),
        );
        let name = format!("Rack {} {face}", rack.label);
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
    let _ = design;
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

fn draw_cable(
    ui: &mut Ui,
    cable: &Cable,
    ends: &[Option<Pos2>],
    hl: &Highlights,
    state: &CanvasState,
    actions: &mut Vec<Action>,
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
    // Labels only once zoomed in enough to read them.
    if state.to_global.scaling >= 1.5 {
        painter.text(
            mid + vec2(6.0, 0.0),
            Align2::LEFT_CENTER,
            &cable.label,
            FontId::proportional(7.5),
            Color32::from_gray(200),
        );
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
        if ui.button("Delete").clicked() {
            actions.push(Action::Delete(cable.id.clone()));
            ui.close();
        }
    });
}

/// One enclosure, module or piece of equipment on one face: its box, label, hover text, and
/// the select, move and delete it offers.
#[allow(clippy::too_many_arguments)]
fn item_ui(
    ui: &mut Ui,
    item: &crate::layout::ItemBox,
    design: &Design,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    small: &FontId,
    text_color: Color32,
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
        PartKind::Enclosure => Color32::from_gray(48),
        PartKind::Module => Color32::from_gray(70),
        _ => Color32::from_rgb(40, 48, 62),
    };
    painter.rect_filled(item.rect, CornerRadius::same(2), fill);
    let stroke = item_stroke(&item.id, hl);
    painter.rect_stroke(item.rect, CornerRadius::same(2), stroke, StrokeKind::Inside);
    if item.kind == PartKind::Equipment && item.face == Face::Front {
        painter.text(
            item.rect.left_center() + vec2(4.0, 0.0),
            Align2::LEFT_CENTER,
            &label,
            small.clone(),
            text_color,
        );
    } else if item.kind == PartKind::Module {
        painter.text(
            item.rect.left_bottom() + vec2(2.0, -1.0),
            Align2::LEFT_BOTTOM,
            &label,
            FontId::proportional(6.5),
            Color32::from_gray(180),
        );
    } else if item.kind == PartKind::Equipment {
        painter.text(
            item.rect.center(),
            Align2::CENTER_CENTER,
            &label,
            small.clone(),
            Color32::from_gray(150),
        );
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
        if ui.button("Delete").clicked() {
            actions.push(Action::Delete(item.id.clone()));
            ui.close();
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

/// One port: its box, hover text, and the select and cable drawing it starts.
fn port_ui(
    ui: &mut Ui,
    p: &crate::layout::PortBox,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
) {
    let painter = ui.painter();
    let id = ui.scope_id().with(("port", &p.port));
    let resp = ui.interact(p.rect.expand(1.0), id, Sense::click_and_drag());
    // Names are built only when asked for (accessibility, hover): a zoomed-in rack shows
    // hundreds of ports every frame.
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, port_label(&p.port, &p.name)));
    let selected = hl.selected_port.as_ref() == Some(&p.port);
    let fill = if p.connector.is_mpo() {
        Color32::from_rgb(95, 95, 110)
    } else {
        Color32::from_rgb(30, 30, 34)
    };
    painter.rect_filled(p.rect, CornerRadius::same(1), fill);
    let stroke = if selected {
        Stroke::new(1.5, SELECTED)
    } else {
        Stroke::new(0.6, Color32::from_gray(150))
    };
    painter.rect_stroke(p.rect, CornerRadius::same(1), stroke, StrokeKind::Outside);
    let resp = resp.on_hover_ui(|ui| {
        ui.label(format!(
            "{} ({})",
            port_label(&p.port, &p.name),
            p.connector
        ));
    });
    if resp.clicked() {
        actions.push(Action::SelectPort(p.port.clone()));
    }
    if resp.drag_started() {
        state.gesture = Gesture::Wiring(p.port.clone());
        state.offer = None;
    }
}
