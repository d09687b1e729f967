//! Drop targets: where a part dragged from the palette or moved on the canvas would go, or
//! why it cannot, as the edit layer's placement rules decide; outlined green or red.

use super::{Action, ERROR, OK_TARGET};
use crate::layout::Layout;
use egui::{vec2, Align2, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind};
use fiberplan_edit::new_part::new_part;
use fiberplan_edit::placement::{self, Need, Place};
use fiberplan_engine::catalog::Catalog;
use fiberplan_model::{Design, Id};

/// Where a dragged part would go, or why it cannot.
pub(super) enum Target {
    Background,
    Place { place: Place, rect: Rect },
    Refused { reason: String, rect: Rect },
}

/// Where the part needing `need` would go if dropped at `p`, or why it cannot.
pub(super) fn target_for(
    design: &Design,
    layout: &Layout,
    p: Pos2,
    need: &Need,
    except: Option<&Id>,
) -> Target {
    let (place, rect) = match need {
        Need::Units(h) => match layout.rack_unit_at(p) {
            Some((rack, face, u)) => (
                Place::Units {
                    rack: rack.id.clone(),
                    u,
                },
                rack.units(face, u, *h),
            ),
            None => return Target::Background,
        },
        Need::Slot(_) => match layout.slot_at(p) {
            Some(s) => (
                Place::Slot {
                    enclosure: s.enclosure.clone(),
                    slot: s.slot,
                },
                s.rect,
            ),
            None => return Target::Background,
        },
        Need::Anywhere => return Target::Background,
    };
    match placement::check_place(design, need, &place, except) {
        Ok(()) => Target::Place { place, rect },
        Err(refusal) => Target::Refused {
            reason: refusal.to_string(),
            rect,
        },
    }
}

pub(super) fn paint_target(painter: &egui::Painter, target: &Target) {
    match target {
        Target::Place { rect, .. } => {
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

/// Adds the catalog part `number` dropped at `place`.
pub(super) fn drop_new(
    design: &Design,
    catalog: &Catalog,
    number: &str,
    place: &Place,
    actions: &mut Vec<Action>,
) {
    if let Some((label, edit)) = new_part(design, catalog, number, place) {
        actions.push(Action::Edit {
            label,
            edit: Box::new(edit),
        });
    }
}
