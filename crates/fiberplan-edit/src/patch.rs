//! Bulk patching: N cords between two ranges of ports in order, as one step; and the ranges a
//! designer picks on a faceplate (a switch's ports by number; an enclosure's cassette ports
//! slot by slot).

use crate::{Edit, Part};
use fiberplan_engine::catalog::{Catalog, PartTemplate};
use fiberplan_model::{Cable, Connector, Design, Id, PortRef, Side};
use std::collections::HashSet;

/// Why a patch cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PatchError {
    /// The two ranges differ in length.
    #[error("{from} ports on one side and {to} on the other: pick as many far ports as near ones")]
    Count {
        /// Near ports.
        from: usize,
        /// Far ports.
        to: usize,
    },
    /// Nothing to patch.
    #[error("no ports picked")]
    Empty,
    /// A port already has a cable in it.
    #[error("port {0} already has a cable in it")]
    Taken(PortRef),
    /// A port of the design does not exist.
    #[error("there is no port {0}")]
    NoSuchPort(PortRef),
    /// The catalog has no such cable.
    #[error("the catalog has no cable {0}")]
    NoSuchCable(String),
    /// The cable's ends do not fit the ports.
    #[error("{cable} does not fit {port} ({connector})")]
    DoesNotFit {
        /// Catalog part number.
        cable: String,
        /// The port.
        port: PortRef,
        /// The port's connector.
        connector: Connector,
    },
}

/// The connector a plug in `port` must have, if the port exists.
pub fn port_connector(design: &Design, port: &PortRef) -> Option<Connector> {
    if let Some(m) = design.modules.iter().find(|m| m.id == port.part) {
        return m
            .spec
            .ports(port.side)
            .into_iter()
            .find(|(n, _)| *n == port.port)
            .map(|(_, c)| c);
    }
    let e = design.equipment.iter().find(|e| e.id == port.part)?;
    (port.side == Side::Front)
        .then(|| e.spec.port(port.port))
        .flatten()
        .map(|(g, _)| g.transceiver.connector)
}

/// The ports from `first` to `last` as a faceplate runs: on one piece of equipment by number;
/// on the cassettes and panels of one enclosure slot by slot, then by number, on the same face.
/// Empty when the two are not on the same part or enclosure and face.
pub fn port_range(design: &Design, first: &PortRef, last: &PortRef) -> Vec<PortRef> {
    if first.side != last.side {
        return Vec::new();
    }
    let side = first.side;
    // Every port of the faceplate `first` is on, in faceplate order.
    let plate: Vec<PortRef> = if let Some(e) = design.equipment.iter().find(|e| e.id == first.part)
    {
        if last.part != first.part {
            return Vec::new();
        }
        (1..=u16::try_from(e.spec.port_count()).unwrap_or(u16::MAX))
            .map(|n| PortRef::front(e.id.as_str(), n))
            .collect()
    } else {
        let slot_of = |id: &Id| {
            design
                .modules
                .iter()
                .find(|m| &m.id == id)
                .and_then(|m| m.slot.clone())
        };
        let (Some(a), Some(b)) = (slot_of(&first.part), slot_of(&last.part)) else {
            // Loose modules: only within one.
            return if first.part == last.part {
                numbers_between(design, first, last)
            } else {
                Vec::new()
            };
        };
        if a.enclosure != b.enclosure {
            return Vec::new();
        }
        let mut modules: Vec<_> = design
            .modules
            .iter()
            .filter(|m| m.slot.as_ref().is_some_and(|s| s.enclosure == a.enclosure))
            .collect();
        modules.sort_by_key(|m| m.slot.as_ref().map(|s| s.slot));
        modules
            .iter()
            .flat_map(|m| {
                m.spec.ports(side).into_iter().map(move |(n, _)| PortRef {
                    part: m.id.clone(),
                    side,
                    port: n,
                })
            })
            .collect()
    };
    let (Some(i), Some(j)) = (
        plate.iter().position(|p| p == first),
        plate.iter().position(|p| p == last),
    ) else {
        return Vec::new();
    };
    let (lo, hi) = (i.min(j), i.max(j));
    let mut out = plate[lo..=hi].to_vec();
    if j < i {
        out.reverse();
    }
    out
}

fn numbers_between(design: &Design, first: &PortRef, last: &PortRef) -> Vec<PortRef> {
    let Some(m) = design.modules.iter().find(|m| m.id == first.part) else {
        return Vec::new();
    };
    let (lo, hi) = (first.port.min(last.port), first.port.max(last.port));
    let mut out: Vec<PortRef> = m
        .spec
        .ports(first.side)
        .into_iter()
        .filter(|(n, _)| (lo..=hi).contains(n))
        .map(|(n, _)| PortRef {
            part: m.id.clone(),
            side: first.side,
            port: n,
        })
        .collect();
    if last.port < first.port {
        out.reverse();
    }
    out
}

/// A bulk patch ready to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// The step's name, e.g. "Patch 24 cords in order (LCC-AB-OM4)".
    pub label: String,
    /// The edit adding every cord.
    pub edit: Edit,
    /// The new cables' ids, in order.
    pub cables: Vec<Id>,
}

/// `from[k]` to `to[k]` for every k, each with a cable of catalog entry `part_number`
/// (`length_m` when given, else the catalog's), named `PC-…` with the next free numbers, as
/// one step. Every port must exist, be free and fit the cable's ends.
pub fn patch_in_order(
    design: &Design,
    catalog: &Catalog,
    part_number: &str,
    length_m: Option<f64>,
    from: &[PortRef],
    to: &[PortRef],
) -> Result<Patch, PatchError> {
    if from.len() != to.len() {
        return Err(PatchError::Count {
            from: from.len(),
            to: to.len(),
        });
    }
    if from.is_empty() {
        return Err(PatchError::Empty);
    }
    let entry = catalog
        .get(part_number)
        .ok_or_else(|| PatchError::NoSuchCable(part_number.to_owned()))?;
    let PartTemplate::Cable(spec) = &entry.part else {
        return Err(PatchError::NoSuchCable(part_number.to_owned()));
    };
    let taken: HashSet<&PortRef> = design
        .cables
        .iter()
        .flat_map(|c| c.ends.iter().flatten())
        .collect();
    let mut ids: HashSet<Id> = design.cables.iter().map(|c| c.id.clone()).collect();
    let mut next = 1u32;
    let mut edits = Vec::with_capacity(from.len());
    let mut cables = Vec::with_capacity(from.len());
    for (a, b) in from.iter().zip(to) {
        let mut ends = vec![None; spec.end_count()];
        for (end, port) in [(0usize, a), (1, b)] {
            if taken.contains(port) {
                return Err(PatchError::Taken(port.clone()));
            }
            let connector =
                port_connector(design, port).ok_or_else(|| PatchError::NoSuchPort(port.clone()))?;
            if !spec
                .end_connector(end)
                .is_some_and(|c| c.mates_with(connector))
            {
                return Err(PatchError::DoesNotFit {
                    cable: part_number.to_owned(),
                    port: port.clone(),
                    connector,
                });
            }
            if let Some(slot) = ends.get_mut(end) {
                *slot = Some(port.clone());
            }
        }
        let id = loop {
            let id = Id::from(format!("PC-{next:03}"));
            next += 1;
            if !ids.contains(&id) && design.kind_of(&id).is_none() {
                break id;
            }
        };
        ids.insert(id.clone());
        let mut spec = spec.clone();
        if let Some(l) = length_m.filter(|l| l.is_finite() && *l > 0.0) {
            spec.length_m = l;
        }
        cables.push(id.clone());
        edits.push(Edit::Insert {
            index: usize::MAX,
            part: Part::Cable(Cable {
                label: id.to_string(),
                id,
                catalog: Some(entry.part_number.clone()),
                unconfirmed: entry.unconfirmed.clone(),
                spec,
                ends,
            }),
        });
    }
    Ok(Patch {
        label: format!(
            "Patch {} cords in order ({})",
            from.len(),
            entry.part_number
        ),
        edit: Edit::Batch(edits),
        cables,
    })
}

/// The free rear ports of the modules in `enclosure`, slot by slot: the ends a trunk from
/// this enclosure to another takes, in the order "trunk enclosure to enclosure" pairs them.
pub fn free_rear_ports(design: &Design, enclosure: &Id) -> Vec<PortRef> {
    let taken: HashSet<&PortRef> = design
        .cables
        .iter()
        .flat_map(|c| c.ends.iter().flatten())
        .collect();
    let mut modules: Vec<_> = design
        .modules
        .iter()
        .filter(|m| m.slot.as_ref().is_some_and(|s| &s.enclosure == enclosure))
        .collect();
    modules.sort_by_key(|m| m.slot.as_ref().map(|s| s.slot));
    modules
        .iter()
        .flat_map(|m| {
            m.spec
                .ports(Side::Rear)
                .into_iter()
                .map(move |(n, _)| PortRef {
                    part: m.id.clone(),
                    side: Side::Rear,
                    port: n,
                })
        })
        .filter(|p| !taken.contains(p))
        .collect()
}

/// One trunk of catalog entry `part_number` between each pair of modules of enclosures `a`
/// and `b` in slot order, their free rear ports paired in order; as many as the enclosure
/// with fewer free ports has.
pub fn trunk_enclosures(
    design: &Design,
    catalog: &Catalog,
    part_number: &str,
    length_m: Option<f64>,
    a: &Id,
    b: &Id,
) -> Result<Patch, PatchError> {
    let (mut from, mut to) = (free_rear_ports(design, a), free_rear_ports(design, b));
    let n = from.len().min(to.len());
    from.truncate(n);
    to.truncate(n);
    let mut p = patch_in_order(design, catalog, part_number, length_m, &from, &to)?;
    p.label = format!("Trunk {a} to {b}: {n} trunks ({part_number})");
    Ok(p)
}

/// The edit that fills every empty slot of `enclosure` with catalog module `part_number`,
/// named after the slot (`A01-U40-S3`), as one step; an error says why it does not fit.
pub fn fill_enclosure(
    design: &Design,
    catalog: &Catalog,
    enclosure: &Id,
    part_number: &str,
) -> Result<(String, Edit), crate::placement::Refusal> {
    use crate::placement::{check_place, Need, Place};
    let e = design
        .enclosures
        .iter()
        .find(|e| &e.id == enclosure)
        .ok_or_else(|| crate::placement::Refusal::NoEnclosure(enclosure.clone()))?;
    let Some(entry) = catalog.get(part_number) else {
        return Ok((String::new(), Edit::Batch(Vec::new())));
    };
    let need = Need::of_template(&entry.part);
    let mut edits = Vec::new();
    let mut first_refusal = None;
    for slot in 1..=e.spec.slots {
        let place = Place::Slot {
            enclosure: enclosure.clone(),
            slot,
        };
        match check_place(design, &need, &place, None) {
            Ok(()) => {
                if let Some((_, edit)) =
                    crate::new_part::new_part(design, catalog, part_number, &place)
                {
                    edits.push(edit);
                }
            }
            // A taken slot is skipped; a format that does not fit is the answer.
            Err(r) => first_refusal = first_refusal.or(Some(r)),
        }
    }
    if edits.is_empty() {
        if let Some(r) = first_refusal {
            return Err(r);
        }
    }
    Ok((
        format!("Fill {} with {} x {}", e.label, edits.len(), entry.name),
        Edit::Batch(edits),
    ))
}
