//! New parts from the catalog: the part a palette drop makes, its id (TIA-606 style where it
//! has a place, such as `A01-U40` for an enclosure and `A01-U40-S2` for its module), and the
//! catalog cables that can join two ports.

use fiberplan_engine::catalog::{Catalog, PartTemplate};
use fiberplan_model::{
    Cable, Connector, Design, Enclosure, Equipment, Id, Module, Mount, PortRef, Rack, SlotRef,
};

use crate::placement::Place;
use crate::{fresh_id, Edit, Part};

/// `wanted` if no part of `design` has it, else `prefix` with the smallest free number.
pub fn preferred_id(design: &Design, wanted: Option<String>, prefix: &str) -> Id {
    match wanted.map(Id::from) {
        Some(id) if design.kind_of(&id).is_none() => id,
        _ => fresh_id(design, prefix),
    }
}

/// The edit that adds a part made from catalog entry `number` at `place`, with its undo label
/// ("Add 1U 4-slot enclosure A01-U40"); `None` if the catalog has no such entry. Whether the
/// place is free is [`crate::placement::check_place`]'s question, asked before.
pub fn new_part(
    design: &Design,
    catalog: &Catalog,
    number: &str,
    place: &Place,
) -> Option<(String, Edit)> {
    let entry = catalog.get(number)?;
    let mount = match place {
        Place::Units { rack, u } => Some(Mount {
            rack: rack.clone(),
            u: *u,
        }),
        _ => None,
    };
    let slot = match place {
        Place::Slot { enclosure, slot } => Some(SlotRef {
            enclosure: enclosure.clone(),
            slot: *slot,
        }),
        _ => None,
    };
    let catalog_number = Some(entry.part_number.clone());
    let part = match &entry.part {
        PartTemplate::Rack { height_u } => Part::Rack(Rack {
            id: fresh_id(design, "RACK"),
            label: format!("A{:02}", design.racks.len() + 1),
            site: String::new(),
            row: "A".into(),
            height_u: *height_u,
        }),
        PartTemplate::Enclosure(spec) => {
            // TIA-606 style: rack and unit, e.g. A01-U40.
            let wanted = mount
                .as_ref()
                .map(|m| format!("{}-U{}", design.label_of(&m.rack), m.u));
            let id = preferred_id(design, wanted, "ENC");
            Part::Enclosure(Enclosure {
                label: id.to_string(),
                id,
                catalog: catalog_number,
                unconfirmed: entry.unconfirmed.clone(),
                mount,
                spec: spec.clone(),
            })
        }
        PartTemplate::Module(spec) => {
            // The enclosure's identifier and the slot, e.g. A01-U40-S2.
            let wanted = slot
                .as_ref()
                .map(|s| format!("{}-S{}", design.label_of(&s.enclosure), s.slot));
            let id = preferred_id(design, wanted, "MOD");
            Part::Module(Module {
                label: id.to_string(),
                id,
                catalog: catalog_number,
                unconfirmed: entry.unconfirmed.clone(),
                slot,
                spec: spec.clone(),
            })
        }
        PartTemplate::Equipment(spec) => {
            let prefix = if entry.group == "Servers" {
                "SRV"
            } else {
                "SW"
            };
            let id = fresh_id(design, prefix);
            Part::Equipment(Equipment {
                label: id.to_string(),
                id,
                catalog: catalog_number,
                unconfirmed: entry.unconfirmed.clone(),
                mount,
                spec: spec.clone(),
            })
        }
        PartTemplate::Cable(spec) => {
            let id = fresh_id(design, "CBL");
            Part::Cable(Cable {
                label: id.to_string(),
                id,
                catalog: catalog_number,
                unconfirmed: entry.unconfirmed.clone(),
                spec: spec.clone(),
                ends: vec![None; spec.end_count()],
            })
        }
    };
    let label = format!("Add {} {}", entry.name, part.id());
    Some((
        label,
        Edit::Insert {
            index: usize::MAX,
            part,
        },
    ))
}

/// A catalog cable that can join two ports, and which of its ends goes to which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CableChoice {
    /// Catalog part number.
    pub part_number: String,
    /// Its name.
    pub name: String,
    /// The end (0-based) for the first port.
    pub end_a: usize,
    /// A different end for the second port.
    pub end_b: usize,
}

/// Catalog cables with one end that mates with connector `a` and another that mates with
/// `b` (the ferrule rule of [`Connector::mates_with`]), in catalog order.
pub fn compatible_cables(catalog: &Catalog, a: Connector, b: Connector) -> Vec<CableChoice> {
    let mut out = Vec::new();
    for e in &catalog.entries {
        let PartTemplate::Cable(spec) = &e.part else {
            continue;
        };
        let n = spec.end_count();
        let fits =
            |end: usize, c: Connector| spec.end_connector(end).is_some_and(|x| x.mates_with(c));
        let pair = (0..n)
            .flat_map(|ea| (0..n).map(move |eb| (ea, eb)))
            .find(|&(ea, eb)| ea != eb && fits(ea, a) && fits(eb, b));
        if let Some((end_a, end_b)) = pair {
            out.push(CableChoice {
                part_number: e.part_number.clone(),
                name: e.name.clone(),
                end_a,
                end_b,
            });
        }
    }
    out
}

/// The edit that adds the cable `choice` from port `a` to port `b`, with its undo label;
/// `None` if the catalog has no such cable.
pub fn new_cable(
    design: &Design,
    catalog: &Catalog,
    choice: &CableChoice,
    a: &PortRef,
    b: &PortRef,
) -> Option<(String, Edit)> {
    new_cable_of_length(design, catalog, choice, a, b, None)
}

/// As [`new_cable`], `length_m` long instead of the catalog's length when given.
pub fn new_cable_of_length(
    design: &Design,
    catalog: &Catalog,
    choice: &CableChoice,
    a: &PortRef,
    b: &PortRef,
    length_m: Option<f64>,
) -> Option<(String, Edit)> {
    let entry = catalog.get(&choice.part_number)?;
    let PartTemplate::Cable(spec) = &entry.part else {
        return None;
    };
    let mut spec = spec.clone();
    if let Some(l) = length_m.filter(|l| l.is_finite() && *l > 0.0) {
        spec.length_m = l;
    }
    let spec = &spec;
    let id = fresh_id(design, "CBL");
    let mut ends = vec![None; spec.end_count()];
    *ends.get_mut(choice.end_a)? = Some(a.clone());
    *ends.get_mut(choice.end_b)? = Some(b.clone());
    Some((
        format!("Add {} {id}", choice.name),
        Edit::Insert {
            index: usize::MAX,
            part: Part::Cable(Cable {
                label: id.to_string(),
                id,
                catalog: Some(choice.part_number.clone()),
                unconfirmed: entry.unconfirmed.clone(),
                spec: spec.clone(),
                ends,
            }),
        },
    ))
}

/// What adding a catalog cable between two ports would do to the check.
#[derive(Debug, Clone, PartialEq)]
pub enum Fits {
    /// No new error.
    Passes,
    /// It makes this error (the first new one's message).
    Fails(String),
}

/// Every catalog cable whose ends fit ports `a` and `b`, each tried on a copy of the design:
/// those that make no new error first (the one named `last` first among them), then those
/// that do, each with the first new error; catalog order otherwise.
pub fn ranked_cables(
    design: &Design,
    report: &fiberplan_engine::trace::Report,
    apps: &fiberplan_engine::catalog::ApplicationTable,
    catalog: &Catalog,
    a: &PortRef,
    b: &PortRef,
    last: Option<&str>,
) -> Vec<(CableChoice, Fits)> {
    use fiberplan_engine::trace::Severity;
    let (Some(ca), Some(cb)) = (
        crate::patch::port_connector(design, a),
        crate::patch::port_connector(design, b),
    ) else {
        return Vec::new();
    };
    let errors_before = report.count(Severity::Error);
    let mut out: Vec<(CableChoice, Fits)> = compatible_cables(catalog, ca, cb)
        .into_iter()
        .filter_map(|choice| {
            let (_, edit) = new_cable(design, catalog, &choice, a, b)?;
            let touched = edit.touched();
            let mut trial = design.clone();
            crate::apply(&mut trial, edit).ok()?;
            let mut r = report.clone();
            r.update(&trial, apps, &touched);
            let fits = if r.count(Severity::Error) > errors_before {
                let why = r
                    .findings()
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .find(|f| {
                        f.ports.contains(a)
                            || f.ports.contains(b)
                            || f.parts.iter().any(|p| p == &a.part || p == &b.part)
                    })
                    .or_else(|| r.findings().iter().find(|f| f.severity == Severity::Error))
                    .map(|f| format!("{}: {}", f.rule, f.message))
                    .unwrap_or_default();
                Fits::Fails(why)
            } else {
                Fits::Passes
            };
            Some((choice, fits))
        })
        .collect();
    out.sort_by_key(|(c, f)| {
        (
            !matches!(f, Fits::Passes),
            Some(c.part_number.as_str()) != last,
        )
    });
    out
}

/// A length for a cord between two rack units: a metre of slack, 0.6 m for each rack between
/// them in the row (600 mm racks side by side) and 44.45 mm a unit up or down, rounded up to
/// the half metre; `None` where either is not in a rack of the same row.
pub fn suggested_length_m(design: &Design, a: &PortRef, b: &PortRef) -> Option<f64> {
    let place = |p: &PortRef| -> Option<(usize, String, u8)> {
        let mount = if let Some(e) = design.equipment.iter().find(|e| e.id == p.part) {
            e.mount.clone()?
        } else {
            let m = design.modules.iter().find(|m| m.id == p.part)?;
            let slot = m.slot.as_ref()?;
            design
                .enclosures
                .iter()
                .find(|e| e.id == slot.enclosure)?
                .mount
                .clone()?
        };
        let rack = design.racks.iter().find(|r| r.id == mount.rack)?;
        let in_row = design
            .racks
            .iter()
            .filter(|r| r.row == rack.row)
            .position(|r| r.id == rack.id)?;
        Some((in_row, rack.row.clone(), mount.u))
    };
    let (pa, pb) = (place(a)?, place(b)?);
    if pa.1 != pb.1 {
        return None;
    }
    let racks = pa.0.abs_diff(pb.0) as f64;
    let units = f64::from(pa.2.abs_diff(pb.2));
    let metres = 1.0 + 0.6 * racks + 0.04445 * units;
    Some((metres * 2.0).ceil() / 2.0)
}
