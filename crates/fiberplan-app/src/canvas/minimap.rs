//! The minimap: when the design is larger than the view, a small picture of every rack face in
//! the canvas's lower right corner with the part in view outlined; clicking or dragging in it
//! moves the view there.

use super::CanvasState;
use crate::layout::Layout;
use egui::{pos2, vec2, Color32, CornerRadius, Rect, Sense, Stroke, StrokeKind, Ui};

/// Width of the minimap on screen.
const WIDTH: f32 = 220.0;

/// Draws the minimap over the lower right corner of `canvas` (screen coordinates) when the
/// design does not fit in the view, and moves the view where it is clicked or dragged.
pub fn minimap_ui(ui: &mut Ui, layout: &Layout, state: &mut CanvasState, canvas: Rect) {
    let bounds = layout.bounds;
    // Not while everything the design uses (what Fit shows) is in view.
    if !bounds.is_positive()
        || state
            .scene_rect
            .expand(1.0)
            .contains_rect(layout.fit_bounds())
    {
        return;
    }
    let height = (WIDTH * bounds.height() / bounds.width()).clamp(40.0, 160.0);
    let scale = (WIDTH / bounds.width()).min(height / bounds.height());
    let size = vec2(bounds.width() * scale, bounds.height() * scale);
    let at = canvas.right_bottom() - size - vec2(12.0, 12.0);
    let map = Rect::from_min_size(at, size);
    let to_map = |p: egui::Pos2| {
        pos2(
            map.left() + (p.x - bounds.left()) * scale,
            map.top() + (p.y - bounds.top()) * scale,
        )
    };
    let dark = ui.visuals().dark_mode;
    egui::Area::new(ui.scope_id().with("minimap"))
        .fixed_pos(map.min)
        .order(egui::Order::Middle)
        .show(ui.ctx(), |ui| {
            let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Minimap"));
            let painter = ui.painter();
            let (ground, face, frame) = if dark {
                (
                    Color32::from_black_alpha(200),
                    Color32::from_gray(90),
                    Color32::from_gray(140),
                )
            } else {
                (
                    Color32::from_white_alpha(220),
                    Color32::from_gray(170),
                    Color32::from_gray(90),
                )
            };
            painter.rect_filled(rect.expand(4.0), CornerRadius::same(4), ground);
            for rack in &layout.racks {
                for area in [rack.front, rack.rear] {
                    if area.is_positive() {
                        painter.rect_filled(
                            Rect::from_two_pos(to_map(area.min), to_map(area.max)),
                            CornerRadius::ZERO,
                            face,
                        );
                    }
                }
            }
            let view =
                Rect::from_two_pos(to_map(state.scene_rect.min), to_map(state.scene_rect.max))
                    .intersect(rect.expand(2.0));
            painter.rect_stroke(
                view,
                CornerRadius::same(1),
                Stroke::new(1.5, super::SELECTED),
                StrokeKind::Outside,
            );
            painter.rect_stroke(
                rect.expand(4.0),
                CornerRadius::same(4),
                Stroke::new(1.0, frame),
                StrokeKind::Inside,
            );
            if resp.clicked() || resp.dragged() {
                if let Some(p) = resp.interact_pointer_pos() {
                    let centre = pos2(
                        bounds.left() + (p.x - map.left()) / scale,
                        bounds.top() + (p.y - map.top()) / scale,
                    );
                    state.scene_rect = Rect::from_center_size(centre, state.scene_rect.size());
                }
            }
        });
}
