//! The canvas: racks, enclosures, modules, equipment, ports and cables, with pan and zoom,
//! selection, drag and drop from the palette, moving placed parts, and drawing cables from
//! port to port. It returns what the user asked for as [`Action`]s; it edits nothing.
//!
//! - [`state`]: what the canvas keeps between frames and the highlights it is given;
//! - `detail`: racks, parts, slots, ports and cables when zoomed in;
//! - [`overview`]: parts as blocks when zoomed out over many racks;
//! - [`labels`]: text, drawn in screen space after the scene so it is legible or left out;
//! - [`minimap`]: the whole design in a corner when it is larger than the view;
//! - `drop_targets`: where a dragged part would go, asked of the edit layer's rules;
//! - `gestures`: palette drops, moves, cable drawing and the cable offer.

mod detail;
mod drop_targets;
mod gestures;
pub mod labels;
pub mod minimap;
pub mod overview;
pub mod state;

pub use state::{CableOffer, CanvasState, Gesture, Highlights, PalettePart, ViewRequest};

use crate::action::Action;
use crate::layout::Layout;
use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, Stroke, Ui};
use fiberplan_engine::catalog::Catalog;
use fiberplan_model::{Cable, Design, FiberType, Id, PortRef};

/// Outline of a part in an error finding.
pub const ERROR: Color32 = Color32::from_rgb(225, 55, 55);
/// Outline of a part in a warning.
pub const WARNING: Color32 = Color32::from_rgb(240, 165, 30);
/// Outline of the selection.
pub const SELECTED: Color32 = Color32::from_rgb(90, 170, 255);
/// Outline of the parts on the selected port's channels.
pub const CHANNEL: Color32 = Color32::from_rgb(120, 230, 255);
const OK_TARGET: Color32 = Color32::from_rgb(80, 200, 120);

/// The canvas's colours for the current theme.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ink {
    /// Rack faces.
    pub rack: Color32,
    /// Lines between rack units.
    pub unit_line: Color32,
    /// Enclosures.
    pub enclosure: Color32,
    /// Modules.
    pub module: Color32,
    /// Equipment.
    pub equipment: Color32,
    /// LC ports.
    pub port: Color32,
    /// MPO ports.
    pub mpo_port: Color32,
    /// Port outlines.
    pub port_line: Color32,
    /// Labels.
    pub text: Color32,
    /// U numbers and other secondary text.
    pub weak: Color32,
    /// Behind a label drawn over ports.
    pub backing: Color32,
}

impl Ink {
    /// The colours for `visuals` (dark or light).
    pub(crate) fn of(visuals: &egui::Visuals) -> Ink {
        if visuals.dark_mode {
            Ink {
                rack: Color32::from_gray(28),
                unit_line: Color32::from_gray(55),
                enclosure: Color32::from_gray(48),
                module: Color32::from_gray(70),
                equipment: Color32::from_rgb(40, 48, 62),
                port: Color32::from_rgb(30, 30, 34),
                mpo_port: Color32::from_rgb(95, 95, 110),
                port_line: Color32::from_gray(150),
                text: Color32::from_gray(235),
                weak: Color32::from_gray(150),
                backing: Color32::from_black_alpha(170),
            }
        } else {
            Ink {
                rack: Color32::from_gray(250),
                unit_line: Color32::from_gray(215),
                enclosure: Color32::from_gray(222),
                module: Color32::from_gray(200),
                equipment: Color32::from_rgb(214, 224, 240),
                port: Color32::from_gray(245),
                mpo_port: Color32::from_rgb(170, 170, 190),
                port_line: Color32::from_gray(90),
                text: Color32::BLACK,
                weak: Color32::from_gray(90),
                backing: Color32::from_white_alpha(200),
            }
        }
    }
}

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

/// Draws the canvas and returns the user's actions.
pub fn canvas_ui(
    ui: &mut Ui,
    design: &Design,
    layout: &Layout,
    catalog: &Catalog,
    hl: &Highlights,
    state: &mut CanvasState,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if state.scene_rect == Rect::ZERO {
        state.scene_rect = layout.open_bounds();
    }
    match state.request.take() {
        Some(ViewRequest::All) => state.scene_rect = layout.fit_bounds(),
        // Room around what is zoomed to, and never closer than parts read at their size.
        Some(ViewRequest::Zoom(r)) => {
            let size = (r.size() * 1.4).max(egui::vec2(400.0, 260.0));
            state.scene_rect = Rect::from_center_size(r.center(), size);
        }
        None => {}
    }
    let mut scene_rect = state.scene_rect;
    let canvas_rect = ui.available_rect_before_wrap();
    let mut labels = labels::Labels::default();
    labels.embolden = !ui.visuals().dark_mode;
    let scene_layer = egui::Scene::new()
        .zoom_range(0.01..=4.0)
        .drag_pan_buttons(egui::DragPanButtons::SECONDARY | egui::DragPanButtons::MIDDLE)
        .show(ui, &mut scene_rect, |ui| {
            state.to_global = ui
                .ctx()
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or(TSTransform::IDENTITY);
            detail::scene_contents(
                ui,
                design,
                layout,
                catalog,
                hl,
                state,
                &mut actions,
                &mut labels,
            );
            ui.layer_id()
        })
        .inner;
    state.scene_rect = scene_rect;
    // What is under the pointer, for the palette to grey what cannot go there.
    state.hover_place = ui
        .ctx()
        .pointer_latest_pos()
        .filter(|p| canvas_rect.contains(*p))
        .map(|p| state.to_global.inverse() * p)
        .and_then(|p| {
            if let Some(s) = layout.slot_at(p) {
                return Some(fiberplan_edit::placement::Place::Slot {
                    enclosure: s.enclosure.clone(),
                    slot: s.slot,
                });
            }
            layout
                .rack_unit_at(p)
                .map(|(r, _, u)| fiberplan_edit::placement::Place::Units {
                    rack: r.id.clone(),
                    u,
                })
        });
    // Text goes on a layer of its own right above the scene, in screen space: drawn at the
    // size it is read at, not scaled with the drawing.
    let text_layer = egui::LayerId::new(scene_layer.order, scene_layer.id.with("labels"));
    ui.ctx().set_sublayer(scene_layer, text_layer);
    let painter = ui
        .ctx()
        .layer_painter(text_layer)
        .with_clip_rect(canvas_rect.intersect(ui.clip_rect()));
    state.drawn_labels = labels.paint(&painter, state.to_global);
    minimap::minimap_ui(ui, layout, state, canvas_rect);
    // The cable choice is a screen-space popup, so it stays readable at any zoom.
    gestures::offer_ui(ui, design, layout, catalog, state, &mut actions);
    actions
}

pub(crate) fn pointer_in_scene(ui: &Ui, state: &CanvasState) -> Option<Pos2> {
    let p = ui.ctx().pointer_latest_pos()?;
    Some(state.to_global.inverse() * p)
}

/// The outline of a part: error, warning, traced channel, or plain. The selection is a
/// second outline outside it ([`selection_outline`]), so an error stays visible when its
/// part is selected.
pub(crate) fn item_stroke(id: &Id, hl: &Highlights) -> Stroke {
    if hl.errors.contains(id) {
        Stroke::new(2.0, ERROR)
    } else if hl.warnings.contains(id) {
        Stroke::new(2.0, WARNING)
    } else if hl.channel.contains(id) {
        Stroke::new(1.5, CHANNEL)
    } else {
        Stroke::new(0.8, Color32::from_gray(110))
    }
}

/// Draws the selection's outline just outside `rect` when `id` is selected; `px` is one
/// screen pixel in the painter's units.
pub(crate) fn selection_outline(
    painter: &egui::Painter,
    rect: Rect,
    id: &Id,
    hl: &Highlights,
    px: f32,
) {
    if hl.selected.contains(id) {
        painter.rect_stroke(
            rect.expand(1.5 * px),
            egui::CornerRadius::same(3),
            Stroke::new(2.5 * px, SELECTED),
            egui::StrokeKind::Outside,
        );
    }
}

/// A cable's stroke width and colour: highlighted, or coloured by fiber type.
pub(crate) fn cable_style(cable: &Cable, hl: &Highlights) -> (f32, Color32) {
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
