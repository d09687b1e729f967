//! The canvas: racks, enclosures, modules, equipment, ports and cables, with pan and zoom,
//! selection, drag and drop from the palette, moving placed parts, and drawing cables from
//! port to port. It returns what the user asked for as [`CanvasAction`]s; it edits nothing.

use super::layout::{Face, Layout, RackBox, HEADER, RAIL, U_H};
use crate::catalog::{Catalog, PartTemplate};
use crate::edit::{fresh_id, Edit, Part};
use crate::model::{
    Cable, Connector, Design, Enclosure, Equipment, FiberType, Id, Module, Mount, PartKind, Polish,
    PortRef, Rack, SlotRef,
};
use egui::emath::TSTransform;
use egui::{
    pos2, vec2, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Role, Sense, Shape, Stroke,
    StrokeKind, Ui, WidgetInfo,
};
use std::collections::{HashMap, HashSet};

/// What is dragged from the palette: a catalog part number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PalettePart(pub String);

/// A gesture in progress on the canvas.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Gesture {
    /// Nothing.
    #[default]
    None,
    /// Drawing a cable from this port.
    Wiring(PortRef),
    /// Moving this placed part.
    Moving(Id),
}

/// Cables the user may create between two ports, offered after drawing one.
#[derive(Debug, Clone, PartialEq)]
pub struct CableOffer {
    /// Port the drag started at.
    pub from: PortRef,
    /// Port it ended at.
    pub to: PortRef,
    /// Where to show the offer, in scene coordinates.
    pub at: Pos2,
}

/// Canvas view state kept between frames.
#[derive(Debug, Clone)]
pub struct CanvasState {
    /// Visible part of the scene.
    pub scene_rect: Rect,
    /// Gesture in progress.
    pub gesture: Gesture,
    /// Cable choice on screen.
    pub offer: Option<CableOffer>,
    /// Scene-to-screen transform of the last frame (for tests and tooltips).
    pub to_global: TSTransform,
    /// When set, the next frame centres the view on this scene rect.
    pub focus: Option<Rect>,
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            scene_rect: Rect::ZERO,
            gesture: Gesture::None,
            offer: None,
            to_global: TSTransform::IDENTITY,
            focus: None,
        }
    }
}

/// What the user asked for on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub enum CanvasAction {
    /// Select a part (adding to the selection with Shift).
    Select {
        /// The part.
        id: Id,
        /// Add to the selection instead of replacing it.
        add: bool,
    },
    /// Select a port (and so its channel).
    SelectPort(PortRef),
    /// Clear the selection.
    ClearSelection,
    /// Apply an edit.
    Edit {
        /// Undo label.
        label: String,
        /// The edit (boxed: a part can be large).
        edit: Box<Edit>,
    },
    /// Delete a part (and what is inside it).
    Delete(Id),
    /// A drop or move was refused, with the reason.
    Refused(String),
}

/// What the canvas marks: findings, selection and the selected channel.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// Parts in error findings.
    pub errors: HashSet<Id>,
    /// Parts in warning findings.
    pub warnings: HashSet<Id>,
    /// Finding messages per part, for hover text.
    pub notes: HashMap<Id, Vec<String>>,
    /// Parts on the selected port's channels.
    pub channel: HashSet<Id>,
    /// Selected parts.
    pub selected: Vec<Id>,
    /// Selected port.
    pub selected_port: Option<PortRef>,
}

const ERROR: Color32 = Color32::from_rgb(225, 55, 55);
const WARNING: Color32 = Color32::from_rgb(240, 165, 30);
const SELECTED: Color32 = Color32::from_rgb(90, 170, 255);
const CHANNEL: Color32 = Color32::from_rgb(120, 230, 255);
const OK_TARGET: Color32 = Color32::from_rgb(80, 200, 120);

/// Jacket colour by fiber type (TIA-598 conventions in `applications.md`).
pub fn fiber_color(f: FiberType) -> Color32 {
    match f {
        FiberType::OM3 | FiberType::OM4 => Color32::from_rgb(0, 190, 200),
        FiberType::OM5 => Color32::from_rgb(150, 215, 40),
        FiberType::OS2 => Color32::from_rgb(235, 205, 40),
        FiberType::OM1 | FiberType::OM2 => Color32::from_rgb(215, 165, 105),
    }
}

/// Accessible label of a port.
pub fn port_label(p: &PortRef, name: &str) -> String {
    format!("Port {}/{}", p.part, name)
}

/// Where a dragged part would go, or why it cannot.
enum Target {
    Background,
    Units { rack: Id, u: u8, rect: Rect },
    Slot { enclosure: Id, slot: u8, rect: Rect },
    Refused { reason: String, rect: Rect },
}

/// Draws the canvas and returns the user's actions.
pub fn canvas_ui(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    hl: &Highlights,
    state: &mut CanvasState,
) -> Vec<CanvasAction> {
    let mut actions = Vec::new();
    if state.scene_rect == Rect::ZERO {
        state.scene_rect = layout.fit_bounds();
    }
    if let Some(focus) = state.focus.take() {
        let size = state.scene_rect.size().max(focus.size() * 1.3);
        state.scene_rect = Rect::from_center_size(focus.center(), size);
    }
    let mut scene_rect = state.scene_rect;
    egui::Scene::new()
        .zoom_range(0.01..=4.0)
        .drag_pan_buttons(egui::DragPanButtons::SECONDARY | egui::DragPanButtons::MIDDLE)
        .show(ui, &mut scene_rect, |ui| {
            state.to_global = ui
                .ctx()
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or(TSTransform::IDENTITY);
            scene_contents(ui, design, layout, catalog, hl, state, &mut actions);
        });
    state.scene_rect = scene_rect;
    // The cable choice is a screen-space popup, so it stays readable at any zoom.
    offer_ui(ui, design, layout, catalog, state, &mut actions);
    actions
}

fn pointer_in_scene(ui: &Ui, state: &CanvasState) -> Option<Pos2> {
    let p = ui.ctx().pointer_latest_pos()?;
    Some(state.to_global.inverse() * p)
}

#[allow(clippy::too_many_arguments)]
fn scene_contents(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    hl: &Highlights,
    state: &mut CanvasState,
    actions: &mut Vec<CanvasAction>,
) {
    let painter = ui.painter().clone();
    let font = FontId::proportional(11.0);
    let small = FontId::proportional(8.5);
    let text_color = ui.visuals().text_color();
    // Inside the scene the clip rect is the visible part of the scene: nothing outside it is
    // drawn or given a widget.
    let view = ui.clip_rect();
    if state.to_global.scaling < super::overview::OVERVIEW_BELOW {
        super::overview::overview_ui(ui, design, layout, hl, state, actions, view);
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
        actions.push(CanvasAction::ClearSelection);
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
    let mut order: Vec<&super::layout::ItemBox> = layout.items.iter().collect();
    order.sort_by_key(|i| i.kind != PartKind::Enclosure);
    for item in order.into_iter().filter(|i| view.intersects(i.rect)) {
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
        resp.widget_info(|| {
            WidgetInfo::labeled(Role::Button, true, format!("{kind} {label} {face}"))
        });
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
            actions.push(CanvasAction::Select {
                id: item.id.clone(),
                add,
            });
        }
        if resp.drag_started() {
            state.gesture = Gesture::Moving(item.id.clone());
        }
        resp.context_menu(|ui| {
            if ui.button("Delete").clicked() {
                actions.push(CanvasAction::Delete(item.id.clone()));
                ui.close();
            }
        });
    }

    // Slots, named for tests and screen readers.
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

    // Ports.
    for p in layout.ports.iter().filter(|p| view.intersects(p.rect)) {
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
            actions.push(CanvasAction::SelectPort(p.port.clone()));
        }
        if resp.drag_started() {
            state.gesture = Gesture::Wiring(p.port.clone());
            state.offer = None;
        }
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

/// The outline of a part: selection, then error, warning, traced channel, or plain.
pub(super) fn item_stroke(id: &Id, hl: &Highlights) -> Stroke {
    if hl.selected.contains(id) {
        Stroke::new(2.0, SELECTED)
    } else if hl.errors.contains(id) {
        Stroke::new(2.0, ERROR)
    } else if hl.warnings.contains(id) {
        Stroke::new(2.0, WARNING)
    } else if hl.channel.contains(id) {
        Stroke::new(1.5, CHANNEL)
    } else {
        Stroke::new(0.8, Color32::from_gray(110))
    }
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
    actions: &mut Vec<CanvasAction>,
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
            actions.push(CanvasAction::Select {
                id: rack.id.clone(),
                add: ui.input(|i| i.modifiers.shift),
            });
        }
        resp.context_menu(|ui| {
            if ui.button("Delete").clicked() {
                actions.push(CanvasAction::Delete(rack.id.clone()));
                ui.close();
            }
        });
    }
    let _ = design;
}

fn bezier_points(a: Pos2, b: Pos2) -> [Pos2; 4] {
    let sag = super::layout::cable_sag(a, b);
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

/// A cable's stroke width and colour: highlighted, or coloured by fiber type.
pub(super) fn cable_style(cable: &Cable, hl: &Highlights) -> (f32, Color32) {
    if hl.selected.contains(&cable.id) {
        (3.0, SELECTED)
    } else if hl.errors.contains(&cable.id) {
        (2.5, ERROR)
    } else if hl.warnings.contains(&cable.id) {
        (2.5, WARNING)
    } else if hl.channel.contains(&cable.id) {
        (2.5, CHANNEL)
    } else {
        (1.6, fiber_color(cable.spec.fiber))
    }
}

fn draw_cable(
    ui: &mut Ui,
    cable: &Cable,
    ends: &[Option<Pos2>],
    hl: &Highlights,
    state: &CanvasState,
    actions: &mut Vec<CanvasAction>,
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
        actions.push(CanvasAction::Select {
            id: cable.id.clone(),
            add: ui.input(|i| i.modifiers.shift),
        });
    }
    resp.context_menu(|ui| {
        if ui.button("Delete").clicked() {
            actions.push(CanvasAction::Delete(cable.id.clone()));
            ui.close();
        }
    });
}

/// Units `u..u+height` of `rack` that are free of every mounted part but `except`.
fn units_free(
    design: &Design,
    rack: &Id,
    u: u8,
    height: u8,
    except: Option<&Id>,
) -> Result<(), String> {
    let Some(r) = design.racks.iter().find(|r| &r.id == rack) else {
        return Err(format!("rack {rack} does not exist"));
    };
    let top = u32::from(u) + u32::from(height.max(1)) - 1;
    if u < 1 || top > u32::from(r.height_u) {
        return Err(format!(
            "needs U{u}-U{top}, but {} has U1-U{}",
            r.label, r.height_u
        ));
    }
    let mounted = design
        .enclosures
        .iter()
        .filter_map(|e| {
            e.mount
                .as_ref()
                .map(|m| (&e.id, &e.label, m, e.spec.height_u))
        })
        .chain(design.equipment.iter().filter_map(|e| {
            e.mount
                .as_ref()
                .map(|m| (&e.id, &e.label, m, e.spec.height_u))
        }));
    for (id, label, m, h) in mounted {
        if Some(id) == except || &m.rack != rack {
            continue;
        }
        let (b, t) = (u32::from(m.u), u32::from(m.u) + u32::from(h.max(1)) - 1);
        if b <= top && u32::from(u) <= t {
            return Err(format!("U{u}-U{top} overlaps {label} (U{b}-U{t})"));
        }
    }
    Ok(())
}

/// Whether a module of `format` fits `slot` of `enclosure`.
fn slot_free(
    design: &Design,
    enclosure: &Id,
    slot: u8,
    format: &str,
    except: Option<&Id>,
) -> Result<(), String> {
    let Some(e) = design.enclosures.iter().find(|e| &e.id == enclosure) else {
        return Err(format!("enclosure {enclosure} does not exist"));
    };
    if e.spec.slot_format != format {
        return Err(format!(
            "{} takes {} modules; this one is {format}",
            e.label, e.spec.slot_format
        ));
    }
    if let Some(m) = design.modules.iter().find(|m| {
        Some(&m.id) != except
            && m.slot
                .as_ref()
                .is_some_and(|s| &s.enclosure == enclosure && s.slot == slot)
    }) {
        return Err(format!("slot {slot} of {} holds {}", e.label, m.label));
    }
    Ok(())
}

/// What kind of placement a catalog template or a placed part needs.
enum Needs {
    Units(u8),
    Slot(String),
    Anywhere,
}

fn target_for(
    design: &Design,
    layout: &Layout,
    p: Pos2,
    needs: &Needs,
    except: Option<&Id>,
) -> Target {
    match needs {
        Needs::Units(h) => match layout.rack_unit_at(p) {
            Some((rack, face, u)) => {
                let rect = rack.units(face, u, *h);
                match units_free(design, &rack.id, u, *h, except) {
                    Ok(()) => Target::Units {
                        rack: rack.id.clone(),
                        u,
                        rect,
                    },
                    Err(reason) => Target::Refused { reason, rect },
                }
            }
            None => Target::Background,
        },
        Needs::Slot(format) => match layout.slot_at(p) {
            Some(s) => match slot_free(design, &s.enclosure, s.slot, format, except) {
                Ok(()) => Target::Slot {
                    enclosure: s.enclosure.clone(),
                    slot: s.slot,
                    rect: s.rect,
                },
                Err(reason) => Target::Refused {
                    reason,
                    rect: s.rect,
                },
            },
            None => Target::Background,
        },
        Needs::Anywhere => Target::Background,
    }
}

fn needs_of_template(t: &PartTemplate) -> Needs {
    match t {
        PartTemplate::Enclosure(s) => Needs::Units(s.height_u),
        PartTemplate::Equipment(s) => Needs::Units(s.height_u),
        PartTemplate::Module(s) => Needs::Slot(s.slot_format.clone()),
        PartTemplate::Rack { .. } | PartTemplate::Cable(_) => Needs::Anywhere,
    }
}

fn paint_target(painter: &egui::Painter, target: &Target) {
    match target {
        Target::Units { rect, .. } | Target::Slot { rect, .. } => {
            painter.rect_filled(*rect, CornerRadius::same(2), OK_TARGET.gamma_multiply(0.35));
            painter.rect_stroke(
                *rect,
                CornerRadius::same(2),
                Stroke::new(2.0, OK_TARGET),
                StrokeKind::Outside,
            );
        }
        Target::Refused { reason, rect } => {
            painter.rect_filled(*rect, CornerRadius::same(2), ERROR.gamma_multiply(0.35));
            painter.rect_stroke(
                *rect,
                CornerRadius::same(2),
                Stroke::new(2.0, ERROR),
                StrokeKind::Outside,
            );
            painter.text(
                rect.right_top() + vec2(6.0, 0.0),
                Align2::LEFT_TOP,
                format!("Cannot place here: {reason}"),
                FontId::proportional(11.0),
                ERROR,
            );
        }
        Target::Background => {}
    }
}

/// `wanted` if it is free, else `prefix` with the next free number.
fn preferred_id(design: &Design, wanted: Option<String>, prefix: &str) -> Id {
    match wanted.map(Id::from) {
        Some(id) if design.kind_of(&id).is_none() => id,
        _ => fresh_id(design, prefix),
    }
}

/// A new part made from a catalog entry, placed at `target`.
fn new_part(
    design: &Design,
    catalog: &Catalog,
    number: &str,
    target: &Target,
) -> Option<(String, Edit)> {
    let entry = catalog.get(number)?;
    let mount = match target {
        Target::Units { rack, u, .. } => Some(Mount {
            rack: rack.clone(),
            u: *u,
        }),
        _ => None,
    };
    let slot = match target {
        Target::Slot {
            enclosure, slot, ..
        } => Some(SlotRef {
            enclosure: enclosure.clone(),
            slot: *slot,
        }),
        _ => None,
    };
    let part = match &entry.part {
        PartTemplate::Rack { height_u } => {
            let id = fresh_id(design, "RACK");
            let label = format!("A{:02}", design.racks.len() + 1);
            Part::Rack(Rack {
                id,
                label,
                site: String::new(),
                row: "A".into(),
                height_u: *height_u,
            })
        }
        PartTemplate::Enclosure(spec) => {
            // TIA-606 style: rack and unit, e.g. A01-U40.
            let wanted = mount
                .as_ref()
                .map(|m| format!("{}-U{}", design.label_of(&m.rack), m.u));
            let id = preferred_id(design, wanted, "ENC");
            Part::Enclosure(Enclosure {
                label: id.to_string(),
                id,
                catalog: Some(entry.part_number.clone()),
                mount,
                spec: spec.clone(),
            })
        }
        PartTemplate::Module(spec) => {
            // The enclosure's identifier and the slot, e.g. A01-U40-S2.
            let wanted = slot
                .as_ref()
                .map(|s| format!("{}-S{}", design.label_of(&s.enclosure), s.slot));
            let id = preferred_id(design, wanted, "MOD");
            Part::Module(Module {
                label: id.to_string(),
                id,
                catalog: Some(entry.part_number.clone()),
                slot,
                spec: spec.clone(),
            })
        }
        PartTemplate::Equipment(spec) => {
            let prefix = if entry.group == "Servers" {
                "SRV"
            } else {
                "SW"
            };
            let id = fresh_id(design, prefix);
            Part::Equipment(Equipment {
                label: id.to_string(),
                id,
                catalog: Some(entry.part_number.clone()),
                mount,
                spec: spec.clone(),
            })
        }
        PartTemplate::Cable(spec) => {
            let id = fresh_id(design, "CBL");
            Part::Cable(Cable {
                label: id.to_string(),
                id,
                catalog: Some(entry.part_number.clone()),
                spec: spec.clone(),
                ends: vec![None; spec.end_count()],
            })
        }
    };
    let label = format!("Add {} {}", entry.name, part.id());
    Some((
        label,
        Edit::Insert {
            index: usize::MAX,
            part,
        },
    ))
}

#[allow(clippy::too_many_arguments)]
fn gestures(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    state: &mut CanvasState,
    actions: &mut Vec<CanvasAction>,
    painter: &egui::Painter,
) {
    let pointer = pointer_in_scene(ui, state);
    let released = ui.input(|i| i.pointer.any_released());
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));

    // A catalog part dragged from the palette.
    if let Some(payload) = egui::DragAndDrop::payload::<PalettePart>(ui.ctx()) {
        if escape {
            egui::DragAndDrop::clear_payload(ui.ctx());
        } else if let (Some(p), Some(entry)) = (pointer, catalog.get(&payload.0)) {
            let target = target_for(design, layout, p, &needs_of_template(&entry.part), None);
            paint_target(painter, &target);
            if released {
                egui::DragAndDrop::clear_payload(ui.ctx());
                match &target {
                    Target::Refused { reason, .. } => {
                        actions.push(CanvasAction::Refused(format!("{}: {reason}", entry.name)))
                    }
                    _ => {
                        if let Some((label, edit)) = new_part(design, catalog, &payload.0, &target)
                        {
                            actions.push(CanvasAction::Edit {
                                label,
                                edit: Box::new(edit),
                            });
                        }
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
        Gesture::Moving(id) => {
            let needs = match design.kind_of(&id) {
                Some(PartKind::Enclosure) => design
                    .enclosures
                    .iter()
                    .find(|e| e.id == id)
                    .map(|e| Needs::Units(e.spec.height_u)),
                Some(PartKind::Equipment) => design
                    .equipment
                    .iter()
                    .find(|e| e.id == id)
                    .map(|e| Needs::Units(e.spec.height_u)),
                Some(PartKind::Module) => design
                    .modules
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| Needs::Slot(m.spec.slot_format.clone())),
                _ => None,
            };
            if let (Some(p), Some(needs)) = (pointer, needs) {
                let target = target_for(design, layout, p, &needs, Some(&id));
                paint_target(painter, &target);
                if released {
                    state.gesture = Gesture::None;
                    let label = design.label_of(&id).to_owned();
                    match target {
                        Target::Units { rack, u, .. } => actions.push(CanvasAction::Edit {
                            label: format!("Move {label}"),
                            edit: Box::new(Edit::Mount {
                                id,
                                mount: Some(Mount { rack, u }),
                            }),
                        }),
                        Target::Slot {
                            enclosure, slot, ..
                        } => actions.push(CanvasAction::Edit {
                            label: format!("Move {label}"),
                            edit: Box::new(Edit::Slot {
                                id,
                                slot: Some(SlotRef { enclosure, slot }),
                            }),
                        }),
                        Target::Refused { reason, .. } => {
                            actions.push(CanvasAction::Refused(format!("{label}: {reason}")))
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

/// Catalog cables whose ends fit ports `a` and `b`: (part number, name, end for a, end for b).
pub fn compatible_cables(
    catalog: &Catalog,
    a: Connector,
    b: Connector,
) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    for e in &catalog.entries {
        let PartTemplate::Cable(spec) = &e.part else {
            continue;
        };
        let n = spec.end_count();
        let fits =
            |end: usize, c: Connector| spec.end_connector(end).is_some_and(|x| x.mates_with(c));
        // Some end for a, a different end for b.
        'found: for ea in 0..n {
            for eb in 0..n {
                if ea != eb && fits(ea, a) && fits(eb, b) {
                    out.push((e.part_number.clone(), e.name.clone(), ea, eb));
                    break 'found;
                }
            }
        }
    }
    out
}

fn offer_ui(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    state: &mut CanvasState,
    actions: &mut Vec<CanvasAction>,
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
    let options = compatible_cables(catalog, pa.connector, pb.connector);
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("cable-offer")).show(ui.ctx(), |ui| {
        ui.label(format!(
            "Cable from {} to {}:",
            port_label(&pa.port, &pa.name),
            port_label(&pb.port, &pb.name)
        ));
        if options.is_empty() {
            ui.label("No catalog cable fits these two ports.");
        }
        for (number, name, ea, eb) in &options {
            if ui.button(format!("{number}: {name}")).clicked() {
                if let Some(entry) = catalog.get(number) {
                    if let PartTemplate::Cable(spec) = &entry.part {
                        let id = fresh_id(design, "CBL");
                        let mut ends = vec![None; spec.end_count()];
                        ends[*ea] = Some(pa.port.clone());
                        ends[*eb] = Some(pb.port.clone());
                        actions.push(CanvasAction::Edit {
                            label: format!("Add {name} {id}"),
                            edit: Box::new(Edit::Insert {
                                index: usize::MAX,
                                part: Part::Cable(Cable {
                                    label: id.to_string(),
                                    id,
                                    catalog: Some(number.clone()),
                                    spec: spec.clone(),
                                    ends,
                                }),
                            }),
                        });
                    }
                }
                close = true;
            }
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if close || modal.should_close() {
        state.offer = None;
    }
}
