//! Copy, cut, paste and duplicate. A copy is a design of its own (the clipboard holds it as
//! the RON of a design file, so it pastes into another window too): the racks, enclosures,
//! modules and equipment asked for with everything inside them, and the cables between them.
//! A paste renames what it adds the way the design names things: a pasted rack is the next
//! rack of its row (`A03` after `A02`), and the parts in it and the cables between them take
//! its name in place of the old rack's (`A01-U40-S1` becomes `A03-U40-S1`).

use crate::{Edit, Part};
use fiberplan_model::{Design, Id, Mount};
use std::collections::{HashMap, HashSet};

/// What a paste adds, ready to apply as one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// The edit adding every part.
    pub edit: Edit,
    /// The new ids of what was copied at the top (racks, or parts copied without their rack),
    /// to select after the paste.
    pub top: Vec<Id>,
    /// The step's name, e.g. "Paste 2 racks".
    pub label: String,
}

/// The parts `ids` of `design` with everything inside them (a rack's enclosures and
/// equipment, an enclosure's modules) and the cables whose plugged ends are all in them (a
/// cable asked for by id comes too, unplugged where its far part is not copied), as a design of
/// its own.
pub fn copy(design: &Design, ids: &[Id]) -> Design {
    let wanted: HashSet<&Id> = ids.iter().collect();
    let mut out = Design::new(&design.name);
    let racks: HashSet<&Id> = design
        .racks
        .iter()
        .filter(|r| wanted.contains(&r.id))
        .map(|r| &r.id)
        .collect();
    out.racks = design
        .racks
        .iter()
        .filter(|r| racks.contains(&r.id))
        .cloned()
        .collect();
    let in_rack = |m: &Option<Mount>| m.as_ref().is_some_and(|m| racks.contains(&m.rack));
    out.enclosures = design
        .enclosures
        .iter()
        .filter(|e| wanted.contains(&e.id) || in_rack(&e.mount))
        .cloned()
        .collect();
    // A part copied without its rack is copied without its place.
    for e in &mut out.enclosures {
        if !in_rack(&e.mount) {
            e.mount = None;
        }
    }
    let enclosures: HashSet<Id> = out.enclosures.iter().map(|e| e.id.clone()).collect();
    out.modules = design
        .modules
        .iter()
        .filter(|m| {
            wanted.contains(&m.id)
                || m.slot
                    .as_ref()
                    .is_some_and(|s| enclosures.contains(&s.enclosure))
        })
        .cloned()
        .collect();
    for m in &mut out.modules {
        if !m
            .slot
            .as_ref()
            .is_some_and(|s| enclosures.contains(&s.enclosure))
        {
            m.slot = None;
        }
    }
    out.equipment = design
        .equipment
        .iter()
        .filter(|e| wanted.contains(&e.id) || in_rack(&e.mount))
        .cloned()
        .collect();
    for e in &mut out.equipment {
        if !in_rack(&e.mount) {
            e.mount = None;
        }
    }
    let parts: HashSet<Id> = out
        .modules
        .iter()
        .map(|m| m.id.clone())
        .chain(out.equipment.iter().map(|e| e.id.clone()))
        .collect();
    for c in &design.cables {
        let plugged: Vec<&fiberplan_model::PortRef> = c.ends.iter().flatten().collect();
        let inside = !plugged.is_empty() && plugged.iter().all(|p| parts.contains(&p.part));
        if inside || wanted.contains(&c.id) {
            let mut c = c.clone();
            for end in &mut c.ends {
                if end.as_ref().is_some_and(|p| !parts.contains(&p.part)) {
                    *end = None;
                }
            }
            out.cables.push(c);
        }
    }
    out
}

/// The next free rack label of `row` after the highest numbered one: `A03` when `A01` and
/// `A02` are taken (a row's racks are its letter and a two-digit number, TIA-606 style).
fn next_rack_label(taken: &HashSet<String>, row: &str, like: &str) -> String {
    let prefix: String = like
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_owned();
    let prefix = if prefix.is_empty() {
        row.to_owned()
    } else {
        prefix
    };
    let width = (like.len() - like.trim_end_matches(|c: char| c.is_ascii_digit()).len()).max(2);
    let highest = taken
        .iter()
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    (highest + 1..)
        .map(|n| format!("{prefix}{n:0width$}"))
        .find(|l| !taken.contains(l))
        .unwrap_or_else(|| format!("{prefix}{}", highest + 1)) // ok: the range is unbounded
}

/// `text` with each old rack name replaced by its new one, where it stands as a whole
/// segment of an identifier (`A01` in `A01-U40-S1`, `TRK-A01-A02-1`), not inside another.
fn renamed(text: &str, names: &[(String, String)]) -> String {
    text.split('-')
        .map(|seg| {
            names
                .iter()
                .find(|(old, _)| old == seg)
                .map_or(seg.to_owned(), |(_, new)| new.clone())
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The edit that adds `fragment` (a copy) to `design`: its racks as the next racks of their
/// rows, the parts and cables in them renamed after them, everything else under its own name
/// or, where that is taken, the next free one; parts copied without their rack are added
/// without a place. `None` when the fragment holds nothing.
pub fn paste(design: &Design, fragment: &Design) -> Option<Pasted> {
    paste_at(design, fragment, &Where::default())
}

/// Where the pointer was when a paste was asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Where {
    /// The rack under the pointer: pasted racks go in the row just before it.
    pub rack: Option<Id>,
    /// The free place under the pointer (rack units or a slot): a single part pasted
    /// without its rack goes there when it fits.
    pub place: Option<crate::placement::Place>,
}

/// As [`paste`], at the pointer: racks inserted before the rack under it, and a single part
/// copied without its rack put in the units or slot under it when it fits there.
pub fn paste_at(design: &Design, fragment: &Design, at: &Where) -> Option<Pasted> {
    let mut taken_ids: HashSet<Id> = all_ids(design);
    let mut rack_labels: HashSet<String> = design.racks.iter().map(|r| r.label.clone()).collect();
    let mut names: Vec<(String, String)> = Vec::new();
    let mut ids: HashMap<Id, Id> = HashMap::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut top = Vec::new();
    for r in &fragment.racks {
        let label = next_rack_label(&rack_labels, &r.row, &r.label);
        rack_labels.insert(label.clone());
        names.push((r.label.clone(), label.clone()));
        let id = if r.id.as_str() == r.label && !taken_ids.contains(&Id::from(label.as_str())) {
            Id::from(label.as_str())
        } else {
            unique(&taken_ids, &renamed(r.id.as_str(), &names))
        };
        taken_ids.insert(id.clone());
        ids.insert(r.id.clone(), id.clone());
        top.push(id.clone());
        let mut r = r.clone();
        r.id = id;
        r.label = label;
        parts.push(Part::Rack(r));
    }
    let mut new_id = |old: &Id, taken: &mut HashSet<Id>| -> Id {
        let id = unique(taken, &renamed(old.as_str(), &names));
        taken.insert(id.clone());
        ids.insert(old.clone(), id.clone());
        id
    };
    let mut staged: Vec<Part> = Vec::new();
    for e in &fragment.enclosures {
        let mut e = e.clone();
        let old = e.id.clone();
        e.id = new_id(&old, &mut taken_ids);
        e.label = relabel(&e.label, &old, &e.id, &names);
        staged.push(Part::Enclosure(e));
    }
    for m in &fragment.modules {
        let mut m = m.clone();
        let old = m.id.clone();
        m.id = new_id(&old, &mut taken_ids);
        m.label = relabel(&m.label, &old, &m.id, &names);
        staged.push(Part::Module(m));
    }
    for e in &fragment.equipment {
        let mut e = e.clone();
        let old = e.id.clone();
        e.id = new_id(&old, &mut taken_ids);
        e.label = relabel(&e.label, &old, &e.id, &names);
        staged.push(Part::Equipment(e));
    }
    for c in &fragment.cables {
        let mut c = c.clone();
        let old = c.id.clone();
        c.id = new_id(&old, &mut taken_ids);
        c.label = relabel(&c.label, &old, &c.id, &names);
        staged.push(Part::Cable(c));
    }
    // Places and ends point at the new ids.
    let map = |id: &Id| ids.get(id).cloned().unwrap_or_else(|| id.clone());
    for p in &mut staged {
        match p {
            Part::Enclosure(e) => {
                if let Some(m) = &mut e.mount {
                    m.rack = map(&m.rack);
                }
            }
            Part::Module(m) => {
                if let Some(s) = &mut m.slot {
                    s.enclosure = map(&s.enclosure);
                }
            }
            Part::Equipment(e) => {
                if let Some(m) = &mut e.mount {
                    m.rack = map(&m.rack);
                }
            }
            Part::Cable(c) => {
                for end in c.ends.iter_mut().flatten() {
                    end.part = map(&end.part);
                }
            }
            Part::Rack(_) => {}
        }
    }
    if fragment.racks.is_empty() {
        // Parts copied without a rack: the outermost of them are the ones to select.
        let inner: HashSet<Id> = staged
            .iter()
            .filter_map(|p| match p {
                Part::Module(m) => m.slot.as_ref().map(|_| m.id.clone()),
                _ => None,
            })
            .collect();
        top.extend(
            staged
                .iter()
                .map(|p| p.id().clone())
                .filter(|id| !inner.contains(id)),
        );
    }
    // A single part copied without a rack goes where the pointer is, when it fits.
    if fragment.racks.is_empty() && top.len() == 1 {
        if let Some(place) = &at.place {
            place_top(design, &top[0], place, &mut staged);
        }
    }
    parts.extend(staged);
    if parts.is_empty() {
        return None;
    }
    // Racks at the pointer: in the design's order (which is the order of a row) before the
    // rack under it.
    let rack_index = at
        .rack
        .as_ref()
        .and_then(|r| design.racks.iter().position(|x| &x.id == r));
    let label = match fragment.racks.len() {
        0 => format!("Paste {} parts", parts.len()),
        1 => format!("Paste rack {}", top.first().map_or("", |i| i.as_str())),
        n => format!("Paste {n} racks"),
    };
    Some(Pasted {
        edit: Edit::Batch(
            parts
                .into_iter()
                .enumerate()
                .map(|(k, part)| Edit::Insert {
                    index: match (&part, rack_index) {
                        (Part::Rack(_), Some(i)) => i + k,
                        _ => usize::MAX,
                    },
                    part,
                })
                .collect(),
        ),
        top,
        label,
    })
}

/// Puts the staged part `id` at `place` when the placement rules let it go there.
fn place_top(design: &Design, id: &Id, place: &crate::placement::Place, staged: &mut [Part]) {
    use crate::placement::{check_place, Need, Place};
    let units_fit = |height_u: u8| check_place(design, &Need::Units(height_u), place, None).is_ok();
    for p in staged.iter_mut().filter(|p| p.id() == id) {
        match (p, place) {
            (Part::Enclosure(e), Place::Units { rack, u }) if units_fit(e.spec.height_u) => {
                e.mount = Some(Mount {
                    rack: rack.clone(),
                    u: *u,
                });
            }
            (Part::Equipment(e), Place::Units { rack, u }) if units_fit(e.spec.height_u) => {
                e.mount = Some(Mount {
                    rack: rack.clone(),
                    u: *u,
                });
            }
            (Part::Module(m), Place::Slot { enclosure, slot })
                if check_place(design, &Need::Slot(m.spec.slot_format.clone()), place, None)
                    .is_ok() =>
            {
                m.slot = Some(fiberplan_model::SlotRef {
                    enclosure: enclosure.clone(),
                    slot: *slot,
                });
            }
            _ => {}
        }
    }
}

/// A copy of `ids` pasted into the same design: the next racks of their rows, or the parts
/// again without a place.
pub fn duplicate(design: &Design, ids: &[Id]) -> Option<Pasted> {
    let mut pasted = paste(design, &copy(design, ids))?;
    pasted.label = pasted.label.replacen("Paste", "Duplicate", 1);
    Some(pasted)
}

/// A pasted part's label: its new id where it was labelled with its id, else the label with
/// the racks renamed.
fn relabel(label: &str, old: &Id, new: &Id, names: &[(String, String)]) -> String {
    if label == old.as_str() {
        new.to_string()
    } else {
        renamed(label, names)
    }
}

fn all_ids(design: &Design) -> HashSet<Id> {
    design
        .racks
        .iter()
        .map(|r| r.id.clone())
        .chain(design.enclosures.iter().map(|e| e.id.clone()))
        .chain(design.modules.iter().map(|m| m.id.clone()))
        .chain(design.equipment.iter().map(|e| e.id.clone()))
        .chain(design.cables.iter().map(|c| c.id.clone()))
        .collect()
}

/// `wanted` if it is free; else, for a name ending in a number, the next free number with as
/// many digits (`SRV13` for `SRV01` when `SRV01` to `SRV12` are taken); else `wanted-2`,
/// `wanted-3`, ...
fn unique(taken: &HashSet<Id>, wanted: &str) -> Id {
    let id = Id::from(wanted);
    if !taken.contains(&id) {
        return id;
    }
    let stem = wanted.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &wanted[stem.len()..];
    if let Ok(n) = digits.parse::<u64>() {
        let width = digits.len();
        if let Some(free) = (n + 1..n + 100_000)
            .map(|k| Id::from(format!("{stem}{k:0width$}")))
            .find(|id| !taken.contains(id))
        {
            return free;
        }
    }
    (2..)
        .map(|n| Id::from(format!("{wanted}-{n}")))
        .find(|id| !taken.contains(id))
        .unwrap_or(id) // ok: the range is unbounded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_rack_of_a_row_follows_the_highest() {
        let taken: HashSet<String> = ["A01", "A02", "B01"].map(String::from).into();
        assert_eq!(next_rack_label(&taken, "A", "A01"), "A03");
        assert_eq!(next_rack_label(&taken, "B", "B01"), "B02");
        assert_eq!(
            renamed("TRK-A01-A02-1", &[("A01".into(), "A03".into())]),
            "TRK-A03-A02-1"
        );
        assert_eq!(
            renamed("XA01-U40", &[("A01".into(), "A03".into())]),
            "XA01-U40"
        );
    }
}
