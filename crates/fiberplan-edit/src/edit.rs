//! The edit vocabulary: a placed [`Part`] of any kind, one [`Edit`] of a design, and why an
//! edit can fail.

use fiberplan_engine::trace::report::Touched;
use fiberplan_model::{
    Cable, CableSpec, Enclosure, EnclosureSpec, Equipment, EquipmentSpec, Id, Module, ModuleSpec,
    Mount, Note, PortRef, Rack, SlotRef,
};
use serde::{Deserialize, Serialize};

/// A placed part of any kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// A rack.
    Rack(Rack),
    /// An enclosure.
    Enclosure(Enclosure),
    /// A cassette, panel or converter.
    Module(Module),
    /// A switch or server.
    Equipment(Equipment),
    /// A cable.
    Cable(Cable),
}

impl Part {
    /// The part's id.
    pub fn id(&self) -> &Id {
        match self {
            Part::Rack(p) => &p.id,
            Part::Enclosure(p) => &p.id,
            Part::Module(p) => &p.id,
            Part::Equipment(p) => &p.id,
            Part::Cable(p) => &p.id,
        }
    }
}

/// One change to a design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Inserts a part at `index` of its list (clamped to the list's length).
    Insert {
        /// Position in the list of parts of its kind.
        index: usize,
        /// The part.
        part: Part,
    },
    /// Removes the part with this id.
    Remove(Id),
    /// Mounts an enclosure or equipment in a rack (or unmounts it).
    Mount {
        /// Enclosure or equipment.
        id: Id,
        /// New position.
        mount: Option<Mount>,
    },
    /// Puts a module in a slot (or takes it out).
    Slot {
        /// The module.
        id: Id,
        /// New slot.
        slot: Option<SlotRef>,
    },
    /// Plugs a cable end into a port (or unplugs it).
    Plug {
        /// The cable.
        cable: Id,
        /// End index, from 0.
        end: usize,
        /// New port.
        port: Option<PortRef>,
    },
    /// Replaces a cable's parameters.
    CableSpec {
        /// The cable.
        id: Id,
        /// New parameters.
        spec: CableSpec,
    },
    /// Replaces a module's parameters.
    ModuleSpec {
        /// The module.
        id: Id,
        /// New parameters.
        spec: ModuleSpec,
    },
    /// Replaces an equipment's parameters.
    EquipmentSpec {
        /// The equipment.
        id: Id,
        /// New parameters.
        spec: EquipmentSpec,
    },
    /// Replaces an enclosure's parameters.
    EnclosureSpec {
        /// The enclosure.
        id: Id,
        /// New parameters.
        spec: EnclosureSpec,
    },
    /// Sets a rack's height, row and site.
    RackFields {
        /// The rack.
        id: Id,
        /// Height in units.
        height_u: u8,
        /// Row.
        row: String,
        /// Site.
        site: String,
    },
    /// Relabels a part.
    Label {
        /// The part.
        id: Id,
        /// New label.
        label: String,
    },
    /// Sets which parameters of a part are still unconfirmed defaults (an empty list: the
    /// designer confirmed them all).
    Unconfirmed {
        /// The part.
        id: Id,
        /// The parameters still unconfirmed.
        fields: Vec<String>,
    },
    /// Sets the catalog part number a part is recorded as (or clears it), e.g. after a fix
    /// changed its parameters to those of another catalog entry.
    PartNumber {
        /// The part.
        id: Id,
        /// New part number.
        part_number: Option<String>,
    },
    /// Adds a reviewer note at `index` of the notes.
    InsertNote {
        /// Position in the list.
        index: usize,
        /// The note.
        note: Note,
    },
    /// Removes the note at `index`.
    RemoveNote(usize),
    /// Several edits as one step.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether the edit changes only reviewer notes, the one change a design open for
    /// review accepts. A batch is a note edit when every edit in it is.
    pub fn is_note(&self) -> bool {
        match self {
            Edit::InsertNote { .. } | Edit::RemoveNote(_) => true,
            Edit::Batch(edits) => !edits.is_empty() && edits.iter().all(Edit::is_note),
            _ => false,
        }
    }

    /// What this edit inserts, removes or changes, so that a check can look again at only
    /// what it touched.
    pub fn touched(&self) -> Touched {
        let mut t = Touched::default();
        self.add_touched(&mut t);
        t
    }

    fn add_touched(&self, t: &mut Touched) {
        match self {
            Edit::Insert { part, .. } => {
                t.ids.push(part.id().clone());
                t.inserted_or_removed = true;
                t.placement = true;
            }
            Edit::Remove(id) => {
                t.ids.push(id.clone());
                t.inserted_or_removed = true;
                t.placement = true;
            }
            Edit::Mount { id, .. }
            | Edit::Slot { id, .. }
            | Edit::RackFields { id, .. }
            | Edit::ModuleSpec { id, .. }
            | Edit::EquipmentSpec { id, .. }
            | Edit::EnclosureSpec { id, .. } => {
                t.ids.push(id.clone());
                t.placement = true;
            }
            Edit::CableSpec { id, .. }
            | Edit::Label { id, .. }
            | Edit::PartNumber { id, .. }
            | Edit::Unconfirmed { id, .. } => t.ids.push(id.clone()),
            Edit::Plug { cable, .. } => t.ids.push(cable.clone()),
            Edit::InsertNote { .. } | Edit::RemoveNote(_) => {}
            Edit::Batch(edits) => edits.iter().for_each(|e| e.add_touched(t)),
        }
    }
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No part has this id (or not of the kind the edit needs).
    #[error("no {kind} with id {id}")]
    NoSuchPart {
        /// What was expected.
        kind: &'static str,
        /// The id.
        id: Id,
    },
    /// The id is already used.
    #[error("id {0} is already used")]
    DuplicateId(Id),
    /// There is no note at this index.
    #[error("there is no note {0}")]
    NoSuchNote(usize),
    /// The cable has no such end.
    #[error("cable {cable} has no end {end}")]
    NoSuchEnd {
        /// The cable.
        cable: Id,
        /// The end index.
        end: usize,
    },
    /// The document is open for review: only reviewer notes may change.
    #[error("the design is open read-only for review; only notes can be added or removed")]
    ReadOnly,
}
