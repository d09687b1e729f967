//! Swapping a placed part for another catalog part of the same footprint: a module for one of
//! its slot format, a device or an enclosure for one as tall, a cable for one with the same
//! connectors. The part keeps its id, label and place; its cables stay where the new part has
//! the port, and are unplugged where it has not.

use crate::Edit;
use fiberplan_engine::catalog::{Catalog, CatalogEntry, PartTemplate};
use fiberplan_model::{Design, Id, PortRef, Side};

/// Whether catalog entry `e` has the footprint of part `id` of `design`.
fn same_footprint(design: &Design, id: &Id, e: &CatalogEntry) -> bool {
    match &e.part {
        PartTemplate::Module(spec) => design
            .modules
            .iter()
            .any(|m| &m.id == id && m.spec.slot_format == spec.slot_format),
        PartTemplate::Equipment(spec) => design
            .equipment
            .iter()
            .any(|x| &x.id == id && x.spec.height_u == spec.height_u),
        PartTemplate::Enclosure(spec) => design
            .enclosures
            .iter()
            .any(|x| &x.id == id && x.spec.height_u == spec.height_u),
        PartTemplate::Cable(spec) => design.cables.iter().any(|c| {
            &c.id == id
                && c.spec.end_count() == spec.end_count()
                && (0..spec.end_count()).all(|k| c.spec.end_connector(k) == spec.end_connector(k))
        }),
        PartTemplate::Rack { .. } => false,
    }
}

/// The catalog parts `id` can be swapped for, in catalog order, without the one it is now.
pub fn swap_candidates<'c>(
    design: &Design,
    catalog: &'c Catalog,
    id: &Id,
) -> Vec<&'c CatalogEntry> {
    let now = design.catalog_of(id);
    catalog
        .entries
        .iter()
        .filter(|e| Some(e.part_number.as_str()) != now && same_footprint(design, id, e))
        .collect()
}

/// The edit that makes part `id` the catalog part `part_number` (one step): its parameters
/// and part number change; a cable keeps its length; an enclosure's modules in slots it no
/// longer has come out of their slots; cable ends in ports the new part does not have are
/// unplugged. `None` when the footprints differ or the entry is unknown.
pub fn swap_part(
    design: &Design,
    catalog: &Catalog,
    id: &Id,
    part_number: &str,
) -> Option<(String, Edit)> {
    let entry = catalog.get(part_number)?;
    if !same_footprint(design, id, entry) {
        return None;
    }
    let mut edits = Vec::new();
    let has_port = |p: &PortRef| -> bool {
        match &entry.part {
            PartTemplate::Module(spec) => spec.has_port(p.side, p.port),
            PartTemplate::Equipment(spec) => {
                p.side == Side::Front && u32::from(p.port) <= spec.port_count()
            }
            _ => true,
        }
    };
    match &entry.part {
        PartTemplate::Module(spec) => edits.push(Edit::ModuleSpec {
            id: id.clone(),
            spec: spec.clone(),
        }),
        PartTemplate::Equipment(spec) => edits.push(Edit::EquipmentSpec {
            id: id.clone(),
            spec: spec.clone(),
        }),
        PartTemplate::Enclosure(spec) => {
            for m in &design.modules {
                if m.slot
                    .as_ref()
                    .is_some_and(|s| &s.enclosure == id && s.slot > spec.slots)
                {
                    edits.push(Edit::Slot {
                        id: m.id.clone(),
                        slot: None,
                    });
                }
            }
            edits.push(Edit::EnclosureSpec {
                id: id.clone(),
                spec: spec.clone(),
            });
        }
        PartTemplate::Cable(spec) => {
            let mut spec = spec.clone();
            if let Some(c) = design.cables.iter().find(|c| &c.id == id) {
                spec.length_m = c.spec.length_m;
            }
            edits.push(Edit::CableSpec {
                id: id.clone(),
                spec,
            });
        }
        PartTemplate::Rack { .. } => return None,
    }
    for c in &design.cables {
        for (end, at) in c.ends.iter().enumerate() {
            if at.as_ref().is_some_and(|p| &p.part == id && !has_port(p)) {
                edits.push(Edit::Plug {
                    cable: c.id.clone(),
                    end,
                    port: None,
                });
            }
        }
    }
    edits.push(Edit::PartNumber {
        id: id.clone(),
        part_number: Some(entry.part_number.clone()),
    });
    // What the new part's source left unconfirmed, and nothing of the old part's.
    edits.push(Edit::Unconfirmed {
        id: id.clone(),
        fields: entry.unconfirmed.clone(),
    });
    Some((
        format!("Swap {} for {}", design.label_of(id), entry.part_number),
        Edit::Batch(edits),
    ))
}
