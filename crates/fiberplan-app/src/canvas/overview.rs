//! The canvas zoomed out over many racks: racks and parts as plain blocks in one mesh, no
//! slots, ports or unit numbers (they would be smaller than a pixel), cables as straight
//! strokes batched into one mesh, and one interaction for the whole scene that finds the
//! part under the pointer through the layout's spatial grid.

use super::{item_stroke, CanvasState, Gesture, Highlights};
use crate::action::Action;
use crate::layout::{Layout, RAIL};
use egui::{
    pos2, vec2, Align2, Color32, CornerRadius, Mesh, Pos2, Rect, Role, Sense, Shape, StrokeKind,
    Ui, WidgetInfo,
};
use fiberplan_model::{Design, PartKind};

/// Below this zoom (screen pixels per scene unit) the canvas draws the overview: a rack unit
/// is then under 6 pixels tall and a port under 3.
pub const OVERVIEW_BELOW: f32 = 0.35;

/// Draws the overview of everything in `view` (scene coordinates) and turns clicks and
/// drags on parts into selections and moves.
#[allow(clippy::too_many_arguments)]
pub fn overview_ui(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
    view: Rect,
    labels: &mut super::labels::Labels,
) {
    let painter = ui.painter().clone();
    let scale = state.to_global.scaling.max(1e-3);
    let to_scene = |p: Pos2| state.to_global.inverse() * p;

    // One widget for the background and one per visible rack face; the part under the
    // pointer is then found through the grid, so the widget count follows the racks in view,
    // not the parts.
    let bg = ui.interact(
        layout.bounds,
        ui.scope_id().with("canvas-bg"),
        Sense::click(),
    );
    bg.widget_info(|| WidgetInfo::labeled(Role::Pane, true, "Canvas"));
    let mut clicked = bg.clicked();
    let mut drag_started = false;
    for rack in &layout.racks {
        for (face, area) in [(0, rack.front), (1, rack.rear)] {
            if !view.intersects(area) {
                continue;
            }
            let resp = ui.interact(
                area,
                ui.scope_id().with(("overview-rack", &rack.id, face)),
                Sense::click_and_drag(),
            );
            // Named only when asked (accessibility, tests): hundreds of faces are in view.
            resp.widget_info(|| {
                let side = if face == 0 { "front" } else { "rear" };
                WidgetInfo::labeled(Role::Button, true, format!("Rack {} {side}", rack.label))
            });
            clicked |= resp.clicked();
            drag_started |= resp.drag_started();
        }
    }
    if clicked {
        let hit = ui
            .ctx()
            .pointer_latest_pos()
            .and_then(|p| layout.item_at(to_scene(p)));
        actions.push(match hit {
            Some(item) => Action::Select {
                id: item.id.clone(),
                add: ui.input(|i| i.modifiers.shift),
            },
            None => Action::ClearSelection,
        });
    }
    if drag_started {
        let origin = ui.input(|i| i.pointer.press_origin());
        if let Some(item) = origin.and_then(|p| layout.item_at(to_scene(p))) {
            state.gesture = Gesture::Moving(item.id.clone());
        }
    }

    // Blocks: racks, then enclosures, then what sits in them, all in one mesh.
    let mut blocks = Mesh::default();
    let ink = super::Ink::of(ui.visuals());
    for rack in &layout.racks {
        for (face, area) in [("front", rack.front), ("rear", rack.rear)] {
            if !area.is_positive() {
                continue;
            }
            let outer = area.expand2(vec2(0.0, 2.0)).with_min_x(area.left() - RAIL);
            if !view.intersects(outer) {
                continue;
            }
            blocks.add_colored_rect(outer, ink.rack);
            // The rack's name above it, where it fits on screen.
            let header = Rect::from_min_max(
                pos2(outer.left(), area.top() - crate::layout::HEADER),
                pos2(area.right(), area.top()),
            );
            labels.add(
                super::labels::Label::inside(
                    header,
                    format!("{} {face}", rack.label),
                    super::labels::MIN_PX,
                    ink.text,
                )
                .align(Align2::CENTER_BOTTOM)
                .or([rack.label.clone()]),
            );
        }
    }
    let mut outlined = Vec::new();
    for pass in [true, false] {
        for item in layout
            .items
            .iter()
            .filter(|i| (i.kind == PartKind::Enclosure) == pass)
        {
            if !view.intersects(item.rect) {
                continue;
            }
            let fill = match item.kind {
                PartKind::Enclosure => ink.enclosure,
                PartKind::Module => ink.module,
                _ => ink.equipment,
            };
            blocks.add_colored_rect(item.rect.shrink(0.5 / scale), fill);
            if hl.selected.contains(&item.id)
                || hl.errors.contains(&item.id)
                || hl.warnings.contains(&item.id)
                || hl.channel.contains(&item.id)
            {
                outlined.push(item);
            }
        }
    }
    painter.add(Shape::mesh(blocks));
    for item in outlined {
        let mut stroke = item_stroke(&item.id, hl);
        stroke.width /= scale;
        painter.rect_stroke(item.rect, CornerRadius::ZERO, stroke, StrokeKind::Outside);
        super::selection_outline(&painter, item.rect, &item.id, hl, 1.0 / scale);
    }
    for rack in &layout.racks {
        if hl.selected.contains(&rack.id) || hl.errors.contains(&rack.id) {
            let mut stroke = item_stroke(&rack.id, hl);
            stroke.width /= scale;
            for area in [rack.front, rack.rear]
                .into_iter()
                .filter(|a| a.is_positive())
            {
                painter.rect_stroke(area, CornerRadius::ZERO, stroke, StrokeKind::Outside);
            }
        }
    }

    // Cables: the plain ones between the same two parts (a trunk's cords, a cassette's
    // patch cords to one switch) as one bundle, a stroke as wide as its count warrants with
    // the count beside it; highlighted ones each on their own, on top.
    let mut lines = Mesh::default();
    let mut bundles: std::collections::HashMap<(&str, &str), Bundle> = Default::default();
    let mut lit = Vec::new();
    for (cable, drawn) in design.cables.iter().zip(&layout.cables) {
        if !view.intersects(drawn.bounds) {
            continue;
        }
        let Some((Some(first), rest)) = drawn.ends.split_first() else {
            continue;
        };
        let highlighted = hl.selected.contains(&cable.id)
            || hl.errors.contains(&cable.id)
            || hl.warnings.contains(&cable.id)
            || hl.channel.contains(&cable.id);
        let parts: Vec<&str> = cable
            .ends
            .iter()
            .map(|e| e.as_ref().map_or("", |p| p.part.as_str()))
            .collect();
        for (k, end) in rest.iter().enumerate() {
            let Some(end) = end else { continue };
            if highlighted {
                lit.push((cable, *first, *end));
                continue;
            }
            let key = (parts[0], parts.get(k + 1).copied().unwrap_or(""));
            let b = bundles.entry(key).or_insert(Bundle {
                from: Pos2::ZERO,
                to: Pos2::ZERO,
                count: 0,
                color: super::fiber_color(cable.spec.fiber),
            });
            b.from += first.to_vec2();
            b.to += end.to_vec2();
            b.count += 1;
        }
    }
    for b in bundles.values() {
        let n = b.count as f32;
        let (from, to) = (
            Pos2::ZERO + b.from.to_vec2() / n,
            Pos2::ZERO + b.to.to_vec2() / n,
        );
        let half = 0.5 * (0.8 + n.sqrt() * 0.6).min(6.0) / scale;
        add_segment(&mut lines, from, to, half, b.color);
        if b.count > 1 {
            let mid = from + (to - from) * 0.5;
            labels.add(super::labels::Label {
                rect: Rect::from_min_size(mid + vec2(4.0 / scale, 0.0), vec2(0.0, 0.0)),
                contain: false,
                texts: vec![format!("{} cables", b.count)],
                px: super::labels::MIN_PX,
                align: Align2::LEFT_CENTER,
                // On a backing, in the main text colour: a bundle's count sits among other
                // bundles' strokes, where grey text on cyan cannot be read.
                color: ink.text,
                backing: Some(ink.backing),
                yields: true,
                fallback: None,
            });
        }
    }
    for (cable, first, end) in lit {
        let (px, color) = super::cable_style(cable, hl);
        let half = 0.5 * (px * 0.6).max(1.0) / scale;
        add_segment(&mut lines, first, end, half, color);
    }
    painter.add(Shape::mesh(lines));
}

/// Plain cables between the same two parts, drawn as one stroke between their mean ends.
struct Bundle {
    from: Pos2,
    to: Pos2,
    count: usize,
    color: Color32,
}

/// A straight stroke from `a` to `b`, `half` wide on each side, as two triangles.
fn add_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, half: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len <= f32::EPSILON {
        return;
    }
    let n = vec2(-d.y, d.x) / len * half;
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}
