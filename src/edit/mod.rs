//! Edits: the only way the model changes. Each [`Edit`] applied to a design returns its
//! inverse, so [`History`] can undo and redo any sequence exactly.

pub mod document;

pub use document::Document;

use crate::model::{
    Cable, CableSpec, Design, Enclosure, EnclosureSpec, Equipment, EquipmentSpec, Id, Module,
    ModuleSpec, Mount, Note, PortRef, Rack, SlotRef,
};
use crate::trace::report::Touched;
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
    /// Relabels a part.
    Label {
        /// The part.
        id: Id,
        /// New label.
        label: String,
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
            | Edit::ModuleSpec { id, .. }
            | Edit::EquipmentSpec { id, .. }
            | Edit::EnclosureSpec { id, .. } => {
                t.ids.push(id.clone());
                t.placement = true;
            }
            Edit::CableSpec { id, .. } | Edit::Label { id, .. } => t.ids.push(id.clone()),
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
}

fn find<'a, T>(
    list: &'a mut [T],
    id: &Id,
    get: impl Fn(&T) -> &Id,
    kind: &'static str,
) -> Result<&'a mut T, EditError> {
    list.iter_mut()
        .find(|x| get(x) == id)
        .ok_or_else(|| EditError::NoSuchPart {
            kind,
            id: id.clone(),
        })
}

fn insert_at<T>(list: &mut Vec<T>, index: usize, item: T) {
    let i = index.min(list.len());
    list.insert(i, item);
}

fn remove_from<T>(list: &mut Vec<T>, id: &Id, get: impl Fn(&T) -> &Id) -> Option<(usize, T)> {
    let i = list.iter().position(|x| get(x) == id)?;
    Some((i, list.remove(i)))
}

/// Applies `edit` to `design` and returns the edit that undoes it. On error the design is
/// unchanged (a batch rolls back what it had applied).
pub fn apply(design: &mut Design, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::Insert { index, part } => {
            if design.kind_of(part.id()).is_some() {
                return Err(EditError::DuplicateId(part.id().clone()));
            }
            let id = part.id().clone();
            match part {
                Part::Rack(p) => insert_at(&mut design.racks, index, p),
                Part::Enclosure(p) => insert_at(&mut design.enclosures, index, p),
                Part::Module(p) => insert_at(&mut design.modules, index, p),
                Part::Equipment(p) => insert_at(&mut design.equipment, index, p),
                Part::Cable(p) => insert_at(&mut design.cables, index, p),
            }
            Edit::Remove(id)
        }
        Edit::Remove(id) => {
            let (index, part) = if let Some((i, p)) = remove_from(&mut design.racks, &id, |p| &p.id)
            {
                (i, Part::Rack(p))
            } else if let Some((i, p)) = remove_from(&mut design.enclosures, &id, |p| &p.id) {
                (i, Part::Enclosure(p))
            } else if let Some((i, p)) = remove_from(&mut design.modules, &id, |p| &p.id) {
                (i, Part::Module(p))
            } else if let Some((i, p)) = remove_from(&mut design.equipment, &id, |p| &p.id) {
                (i, Part::Equipment(p))
            } else if let Some((i, p)) = remove_from(&mut design.cables, &id, |p| &p.id) {
                (i, Part::Cable(p))
            } else {
                return Err(EditError::NoSuchPart { kind: "part", id });
            };
            Edit::Insert { index, part }
        }
        Edit::Mount { id, mount } => {
            let old = if let Some(e) = design.enclosures.iter_mut().find(|e| e.id == id) {
                std::mem::replace(&mut e.mount, mount)
            } else {
                let e = find(
                    &mut design.equipment,
                    &id,
                    |e| &e.id,
                    "enclosure or equipment",
                )?;
                std::mem::replace(&mut e.mount, mount)
            };
            Edit::Mount { id, mount: old }
        }
        Edit::Slot { id, slot } => {
            let m = find(&mut design.modules, &id, |m| &m.id, "module")?;
            let old = std::mem::replace(&mut m.slot, slot);
            Edit::Slot { id, slot: old }
        }
        Edit::Plug { cable, end, port } => {
            let c = find(&mut design.cables, &cable, |c| &c.id, "cable")?;
            let slot = c.ends.get_mut(end).ok_or(EditError::NoSuchEnd {
                cable: cable.clone(),
                end,
            })?;
            let old = std::mem::replace(slot, port);
            Edit::Plug {
                cable,
                end,
                port: old,
            }
        }
        Edit::CableSpec { id, spec } => {
            let c = find(&mut design.cables, &id, |c| &c.id, "cable")?;
            // Keep one end entry per plug of the new kind.
            let old_ends = c.ends.clone();
            c.ends.resize(spec.end_count(), None);
            let old = std::mem::replace(&mut c.spec, spec);
            if old_ends.len() != c.ends.len() {
                let restore_ends = old_ends
                    .into_iter()
                    .enumerate()
                    .map(|(end, port)| Edit::Plug {
                        cable: id.clone(),
                        end,
                        port,
                    });
                let mut batch = vec![Edit::CableSpec {
                    id: id.clone(),
                    spec: old,
                }];
                batch.extend(restore_ends);
                return Ok(Edit::Batch(batch));
            }
            Edit::CableSpec { id, spec: old }
        }
        Edit::ModuleSpec { id, spec } => {
            let m = find(&mut design.modules, &id, |m| &m.id, "module")?;
            let old = std::mem::replace(&mut m.spec, spec);
            Edit::ModuleSpec { id, spec: old }
        }
        Edit::EquipmentSpec { id, spec } => {
            let e = find(&mut design.equipment, &id, |e| &e.id, "equipment")?;
            let old = std::mem::replace(&mut e.spec, spec);
            Edit::EquipmentSpec { id, spec: old }
        }
        Edit::EnclosureSpec { id, spec } => {
            let e = find(&mut design.enclosures, &id, |e| &e.id, "enclosure")?;
            let old = std::mem::replace(&mut e.spec, spec);
            Edit::EnclosureSpec { id, spec: old }
        }
        Edit::Label { id, label } => {
            let slot = label_slot(design, &id).ok_or_else(|| EditError::NoSuchPart {
                kind: "part",
                id: id.clone(),
            })?;
            let old = std::mem::replace(slot, label);
            Edit::Label { id, label: old }
        }
        Edit::InsertNote { index, note } => {
            let i = index.min(design.notes.len());
            design.notes.insert(i, note);
            Edit::RemoveNote(i)
        }
        Edit::RemoveNote(index) => {
            if index >= design.notes.len() {
                return Err(EditError::NoSuchNote(index));
            }
            let note = design.notes.remove(index);
            Edit::InsertNote { index, note }
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match apply(design, e) {
                    Ok(inv) => inverses.push(inv),
                    Err(err) => {
                        for inv in inverses.into_iter().rev() {
                            // Inverses of edits that just succeeded cannot fail.
                            let _ = apply(design, inv);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Edit::Batch(inverses)
        }
    })
}

fn label_slot<'a>(design: &'a mut Design, id: &Id) -> Option<&'a mut String> {
    if let Some(p) = design.racks.iter_mut().find(|p| &p.id == id) {
        return Some(&mut p.label);
    }
    if let Some(p) = design.enclosures.iter_mut().find(|p| &p.id == id) {
        return Some(&mut p.label);
    }
    if let Some(p) = design.modules.iter_mut().find(|p| &p.id == id) {
        return Some(&mut p.label);
    }
    if let Some(p) = design.equipment.iter_mut().find(|p| &p.id == id) {
        return Some(&mut p.label);
    }
    design
        .cables
        .iter_mut()
        .find(|p| &p.id == id)
        .map(|p| &mut p.label)
}

/// The edit that deletes `id` and everything that only exists inside it: a rack's mounted
/// enclosures and equipment, an enclosure's modules; cable ends plugged into deleted parts
/// are unplugged (the cables stay).
pub fn delete(design: &Design, id: &Id) -> Edit {
    let mut doomed = vec![id.clone()];
    for r in design.racks.iter().filter(|r| &r.id == id) {
        for e in &design.enclosures {
            if e.mount.as_ref().is_some_and(|m| m.rack == r.id) {
                doomed.push(e.id.clone());
            }
        }
        for e in &design.equipment {
            if e.mount.as_ref().is_some_and(|m| m.rack == r.id) {
                doomed.push(e.id.clone());
            }
        }
    }
    let enclosures: Vec<Id> = doomed.clone();
    for m in &design.modules {
        if m.slot
            .as_ref()
            .is_some_and(|s| enclosures.contains(&s.enclosure))
        {
            doomed.push(m.id.clone());
        }
    }
    let mut edits = Vec::new();
    for c in &design.cables {
        if doomed.contains(&c.id) {
            continue;
        }
        for (end, port) in c.ends.iter().enumerate() {
            if port.as_ref().is_some_and(|p| doomed.contains(&p.part)) {
                edits.push(Edit::Plug {
                    cable: c.id.clone(),
                    end,
                    port: None,
                });
            }
        }
    }
    // Contents first, so the container goes last and comes back first on undo.
    edits.extend(doomed.iter().rev().map(|d| Edit::Remove(d.clone())));
    Edit::Batch(edits)
}

/// An id not used in `design`: `prefix` followed by the smallest free number.
pub fn fresh_id(design: &Design, prefix: &str) -> Id {
    (1..)
        .map(|n| Id::from(format!("{prefix}{n}")))
        .find(|id| design.kind_of(id).is_none())
        .unwrap_or_else(|| Id::from(prefix)) // ok: the range is unbounded
}

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    label: String,
    /// The edit that takes the design back (on the undo stack) or forward (on the redo stack).
    edit: Edit,
}

/// Undo and redo stacks, and whether the design differs from its last saved state.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Undo depth at the last save; `None` when that state can no longer be reached.
    saved_depth: Option<usize>,
}

impl History {
    /// A history whose current state is the saved one.
    pub fn new() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            saved_depth: Some(0),
        }
    }

    /// Applies `edit` as one undoable step called `label`.
    pub fn apply(&mut self, design: &mut Design, label: &str, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(design, edit)?;
        if self.saved_depth.is_some_and(|d| d > self.undo.len()) {
            self.saved_depth = None;
        }
        self.undo.push(Step {
            label: label.to_owned(),
            edit: inverse,
        });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.undo.pop()?;
        match apply(design, step.edit.clone()) {
            Ok(forward) => {
                self.redo.push(Step {
                    label: step.label.clone(),
                    edit: forward,
                });
                Some(step.label)
            }
            Err(_) => {
                // The history no longer matches the design; keep it rather than lose it.
                self.undo.push(step);
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.redo.pop()?;
        match apply(design, step.edit.clone()) {
            Ok(back) => {
                self.undo.push(Step {
                    label: step.label.clone(),
                    edit: back,
                });
                Some(step.label)
            }
            Err(_) => {
                self.redo.push(step);
                None
            }
        }
    }

    /// The edit Undo would apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.edit)
    }

    /// The edit Redo would apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    /// Label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of steps that can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// Records that the current state is not the one on disk (a restored or repaired
    /// design), so closing it asks to save.
    pub fn mark_unsaved(&mut self) {
        self.saved_depth = None;
    }

    /// Records that the current state has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_depth = Some(self.undo.len());
    }

    /// True when the design differs from its last saved state.
    pub fn is_modified(&self) -> bool {
        self.saved_depth != Some(self.undo.len())
    }
}
