//! The canvas: racks, enclosures, modules, equipment, ports and cables, with pan and zoom,
//! selection, drag and drop from the palette, moving placed parts, and drawing cables from
//! port to port. It returns what the user asked for as [`Action`]s; it edits nothing.
//!
//! - [`state`]: what the canvas keeps between frames and the highlights it is given;
//! - `detail`: racks, parts, slots, ports and cables when zoomed in;
//! - [`overview`]: parts as blocks when zoomed out over many racks;
//! - `drop_targets`: where a dragged part would go, asked of the edit layer's rules;
//! - `gestures`: palette drops, moves, cable drawing and the cable offer.

mod detail;
mod drop_targets;
mod gestures;
pub mod overview;
pub mod state;

pub use state::{CableOffer, CanvasState, Gesture, Highlights, PalettePart};

use crate::action::Action;
use crate::layout::Layout;
use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, Stroke, Ui};
use fiberplan_engine::catalog::Catalog;
use fiberplan_model::{Cable, Design, FiberType, Id, PortRef};

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
            detail::scene_contents(ui, design, layout, catalog, hl, state, &mut actions);
        });
    state.scene_rect = scene_rect;
    // The cable choice is a screen-space popup, so it stays readable at any zoom.
    gestures::offer_ui(ui, design, layout, catalog, state, &mut actions);
    actions
}

pub(crate) fn pointer_in_scene(ui: &Ui, state: &CanvasState) -> Option<Pos2> {
    let p = ui.ctx().pointer_latest_pos()?;
    Some(state.to_global.inverse() * p)
}

/// The outline of a part: selection, then error, warning, traced channel, or plain.
pub(crate) fn item_stroke(id: &Id, hl: &Highlights) -> Stroke {
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
