//! What the canvas keeps between frames and what it is told to mark: the view, the gesture in
//! progress, the cable offer, and the highlights of findings, selection and channel.

use egui::emath::TSTransform;
use egui::{Pos2, Rect};
use fiberplan_model::{Id, PortRef};
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
    /// Dragging a selection box over empty canvas, from `.0` to where the pointer last was
    /// (`.1`), in scene coordinates.
    Boxing(Pos2, Pos2),
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

/// A change of the view asked for, carried out on the next frame when the layout is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewRequest {
    /// Fit the whole design with a margin (Ctrl+0).
    All,
    /// Zoom to this scene rect with a margin (the selection, a finding's parts).
    Zoom(Rect),
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
    /// The labels drawn in the last frame (for tests).
    pub drawn_labels: Vec<String>,
    /// A change of the view for the next frame.
    pub request: Option<ViewRequest>,
    /// Which rack faces are shown.
    pub faces: crate::layout::Faces,
    /// The offer's cables tried on the design, passing ones first, for the offer they are of.
    pub ranking: Option<(
        CableOffer,
        Vec<(
            fiberplan_edit::new_part::CableChoice,
            fiberplan_edit::new_part::Fits,
        )>,
    )>,
    /// The length the offer will make its cable, metres.
    pub offer_length_m: f64,
    /// The catalog cable last picked from an offer.
    pub last_cable: Option<String>,
    /// The slot or rack unit under the pointer in the last frame, if it is over one.
    pub hover_place: Option<fiberplan_edit::placement::Place>,
}

impl CanvasState {
    /// Fits the whole design on the next frame.
    pub fn fit_all(&mut self) {
        self.request = Some(ViewRequest::All);
    }

    /// Zooms to `rect` (scene coordinates) on the next frame.
    pub fn zoom_to(&mut self, rect: Rect) {
        self.request = Some(ViewRequest::Zoom(rect));
    }
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            scene_rect: Rect::ZERO,
            gesture: Gesture::None,
            offer: None,
            to_global: TSTransform::IDENTITY,
            drawn_labels: Vec::new(),
            request: None,
            faces: crate::layout::Faces::default(),
            ranking: None,
            offer_length_m: 3.0,
            last_cable: None,
            hover_place: None,
        }
    }
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
    /// Ports picked to patch in order.
    pub picked: HashSet<PortRef>,
}
