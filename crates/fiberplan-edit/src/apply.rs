//! Applying an edit to a design and getting its inverse back, the edit that deletes a part
//! with what is inside it, and fresh ids for new parts.

use crate::{Edit, EditError, Part};
use fiberplan_model::{Design, Id};

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
        Edit::RackFields {
            id,
            height_u,
            row,
            site,
        } => {
            let r = find(&mut design.racks, &id, |r| &r.id, "rack")?;
            Edit::RackFields {
                id: id.clone(),
                height_u: std::mem::replace(&mut r.height_u, height_u),
                row: std::mem::replace(&mut r.row, row),
                site: std::mem::replace(&mut r.site, site),
            }
        }
        Edit::Unconfirmed { id, fields } => {
            let slot = unconfirmed_slot(design, &id).ok_or_else(|| EditError::NoSuchPart {
                kind: "part",
                id: id.clone(),
            })?;
            let old = std::mem::replace(slot, fields);
            Edit::Unconfirmed { id, fields: old }
        }
        Edit::PartNumber { id, part_number } => {
            let slot = part_number_slot(design, &id).ok_or_else(|| EditError::NoSuchPart {
                kind: "part",
                id: id.clone(),
            })?;
            let old = std::mem::replace(slot, part_number);
            Edit::PartNumber {
                id,
                part_number: old,
            }
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

/// A placed part of any kind, borrowed to change it.
enum PartMut<'a> {
    Rack(&'a mut fiberplan_model::Rack),
    Enclosure(&'a mut fiberplan_model::Enclosure),
    Module(&'a mut fiberplan_model::Module),
    Equipment(&'a mut fiberplan_model::Equipment),
    Cable(&'a mut fiberplan_model::Cable),
}

fn part_mut<'a>(design: &'a mut Design, id: &Id) -> Option<PartMut<'a>> {
    if let Some(p) = design.racks.iter_mut().find(|p| &p.id == id) {
        return Some(PartMut::Rack(p));
    }
    if let Some(p) = design.enclosures.iter_mut().find(|p| &p.id == id) {
        return Some(PartMut::Enclosure(p));
    }
    if let Some(p) = design.modules.iter_mut().find(|p| &p.id == id) {
        return Some(PartMut::Module(p));
    }
    if let Some(p) = design.equipment.iter_mut().find(|p| &p.id == id) {
        return Some(PartMut::Equipment(p));
    }
    design
        .cables
        .iter_mut()
        .find(|p| &p.id == id)
        .map(PartMut::Cable)
}

fn label_slot<'a>(design: &'a mut Design, id: &Id) -> Option<&'a mut String> {
    Some(match part_mut(design, id)? {
        PartMut::Rack(p) => &mut p.label,
        PartMut::Enclosure(p) => &mut p.label,
        PartMut::Module(p) => &mut p.label,
        PartMut::Equipment(p) => &mut p.label,
        PartMut::Cable(p) => &mut p.label,
    })
}

/// The unconfirmed parameters of a part; racks have none.
fn unconfirmed_slot<'a>(design: &'a mut Design, id: &Id) -> Option<&'a mut Vec<String>> {
    match part_mut(design, id)? {
        PartMut::Rack(_) => None,
        PartMut::Enclosure(p) => Some(&mut p.unconfirmed),
        PartMut::Module(p) => Some(&mut p.unconfirmed),
        PartMut::Equipment(p) => Some(&mut p.unconfirmed),
        PartMut::Cable(p) => Some(&mut p.unconfirmed),
    }
}

/// The catalog part number of a part; racks have none.
fn part_number_slot<'a>(design: &'a mut Design, id: &Id) -> Option<&'a mut Option<String>> {
    match part_mut(design, id)? {
        PartMut::Rack(_) => None,
        PartMut::Enclosure(p) => Some(&mut p.catalog),
        PartMut::Module(p) => Some(&mut p.catalog),
        PartMut::Equipment(p) => Some(&mut p.catalog),
        PartMut::Cable(p) => Some(&mut p.catalog),
    }
}

/// The edit that deletes `id` and everything that only exists inside it: a rack's mounted
/// enclosures and equipment, an enclosure's modules; cable ends plugged into deleted parts
/// are unplugged (the cables stay).
pub fn delete(design: &Design, id: &Id) -> Edit {
    delete_all(design, std::slice::from_ref(id))
}

/// The edit that deletes every part in `ids` as one step, with everything inside them
/// (as [`delete`] does for one); ids not in `design` are passed over, and a part inside
/// another deleted part is removed once.
pub fn delete_all(design: &Design, ids: &[Id]) -> Edit {
    let mut doomed: Vec<Id> = Vec::new();
    for id in ids {
        if design.kind_of(id).is_some() && !doomed.contains(id) {
            doomed.push(id.clone());
        }
    }
    let racks: Vec<Id> = doomed.clone();
    for r in design.racks.iter().filter(|r| racks.contains(&r.id)) {
        for e in &design.enclosures {
            if e.mount.as_ref().is_some_and(|m| m.rack == r.id) && !doomed.contains(&e.id) {
                doomed.push(e.id.clone());
            }
        }
        for e in &design.equipment {
            if e.mount.as_ref().is_some_and(|m| m.rack == r.id) && !doomed.contains(&e.id) {
                doomed.push(e.id.clone());
            }
        }
    }
    let enclosures: Vec<Id> = doomed.clone();
    for m in &design.modules {
        if m.slot
            .as_ref()
            .is_some_and(|s| enclosures.contains(&s.enclosure))
            && !doomed.contains(&m.id)
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
