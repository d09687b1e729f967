//! What a user asked for in any view. Every view returns these instead of changing anything;
//! one place in the app ([`crate::FiberplanApp::handle`]) carries them out, and the only
//! way one of them changes the design is an [`Edit`] applied through the document.

use fiberplan_edit::Edit;
use fiberplan_model::{Id, PortRef};

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Select a part (adding to or removing from the selection with Shift).
    Select {
        /// The part.
        id: Id,
        /// Toggle it in the selection instead of replacing the selection.
        add: bool,
    },
    /// Select a port, and so trace its channels.
    SelectPort(PortRef),
    /// Pick ports to patch in order: Shift+click extends the near range to this port,
    /// Ctrl+click starts the far range here and Ctrl+Shift+click extends it.
    PickPort {
        /// The port clicked.
        port: PortRef,
        /// The far range (Ctrl) rather than the near one.
        far: bool,
        /// Extend the range from its first port (Shift) rather than start it.
        extend: bool,
    },
    /// Clear the selection.
    ClearSelection,
    /// Select these parts (a box was dragged round them).
    SelectMany(Vec<Id>),
    /// Pick these ports to patch in order (a box was dragged round them): the far range
    /// with Ctrl held, else the near one.
    PickPorts {
        /// The ports, in faceplate order.
        ports: Vec<PortRef>,
        /// The far range.
        far: bool,
    },
    /// Select these parts and centre the canvas on them (a finding was clicked).
    Focus(Vec<Id>),
    /// Trace this channel (index into the report's channels) from its first port.
    TraceChannel(usize),
    /// Apply an edit as one undoable step.
    Edit {
        /// Undo label, naming what the user did.
        label: String,
        /// The edit (boxed: a part can be large).
        edit: Box<Edit>,
    },
    /// Delete a part (and what is inside it).
    Delete(Id),
    /// Duplicate a part (a rack as the next rack of its row).
    Duplicate(Id),
    /// Select a part and zoom to it.
    ZoomTo(Id),
    /// A drop or move was refused, with the reason.
    Refused(String),
    /// Export the trace drawing of this channel as SVG.
    ExportTrace(usize),
}

impl Action {
    /// An edit with its undo label.
    pub fn edit(label: impl Into<String>, edit: Edit) -> Action {
        Action::Edit {
            label: label.into(),
            edit: Box::new(edit),
        }
    }
}
