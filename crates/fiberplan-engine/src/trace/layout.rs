//! Layout checks that need no tracing: ids, rack units, slots and slot formats.

use super::finding::{Finding, Rule, Severity};
use fiberplan_model::placement;
use fiberplan_model::{Design, Id};
use rustc_hash::FxHashMap as HashMap;

/// Checks ids, rack unit use and module slots of `design`.
pub fn check_layout(design: &Design) -> Vec<Finding> {
    let mut out = check_ids(design);
    out.extend(check_placement(design));
    out
}

/// Checks that every id is given and used once.
pub fn check_ids(design: &Design) -> Vec<Finding> {
    let mut out = Vec::new();
    let count = design.racks.len()
        + design.enclosures.len()
        + design.modules.len()
        + design.equipment.len()
        + design.cables.len();
    let mut seen: HashMap<&str, &'static str> = HashMap::default();
    seen.reserve(count);
    let all = design
        .racks
        .iter()
        .map(|r| (&r.id, "rack"))
        .chain(design.enclosures.iter().map(|e| (&e.id, "enclosure")))
        .chain(design.modules.iter().map(|m| (&m.id, "module")))
        .chain(design.equipment.iter().map(|e| (&e.id, "equipment")))
        .chain(design.cables.iter().map(|c| (&c.id, "cable")));
    for (id, kind) in all {
        if id.0.is_empty() {
            out.push(Finding::new(
                Severity::Error,
                Rule::Reference,
                format!("a {kind} has an empty id"),
                vec![],
            ));
        } else if let Some(first) = seen.insert(id.as_str(), kind) {
            out.push(Finding::new(
                Severity::Error,
                Rule::Reference,
                format!("id {id} is used twice (a {first} and a {kind}); ids must be unique"),
                vec![id.clone()],
            ));
        }
    }
    out
}

/// Checks where parts sit: rack units and module slots.
pub fn check_placement(design: &Design) -> Vec<Finding> {
    let mut out = Vec::new();
    check_racks(design, &mut out);
    check_slots(design, &mut out);
    out
}

/// Rack units: every rack-mounted part lies inside its rack and no two share a unit.
fn check_racks(design: &Design, out: &mut Vec<Finding>) {
    let racks: HashMap<&Id, u8> = design.racks.iter().map(|r| (&r.id, r.height_u)).collect();
    let mut per_rack: HashMap<&Id, Vec<(&Id, u32, u32)>> = HashMap::default();
    for part in placement::mounted_parts(design) {
        let (id, mount, span) = (part.id, part.mount, part.span);
        let Some(&rack_height) = racks.get(&mount.rack) else {
            out.push(Finding::new(
                Severity::Error,
                Rule::Reference,
                format!(
                    "{id} is mounted in rack {}, which does not exist",
                    mount.rack
                ),
                vec![id.clone()],
            ));
            continue;
        };
        let (bottom, top) = (span.bottom, span.top);
        if !span.inside(rack_height) {
            out.push(Finding::new(
                Severity::Error,
                Rule::RackOverflow,
                format!(
                    "{id} occupies U{bottom}-U{top}, outside rack {} (U1-U{rack_height})",
                    mount.rack
                ),
                vec![id.clone(), mount.rack.clone()],
            ));
        }
        per_rack
            .entry(&mount.rack)
            .or_default()
            .push((id, bottom, top));
    }
    let mut racks_sorted: Vec<_> = per_rack.into_iter().collect();
    racks_sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (rack, mut parts) in racks_sorted {
        parts.sort_by_key(|p| (p.1, p.2));
        for i in 0..parts.len() {
            for j in i + 1..parts.len() {
                let (a, ab, at) = parts[i];
                let (b, bb, bt) = parts[j];
                if bb > at {
                    break;
                }
                out.push(Finding::new(
                    Severity::Error,
                    Rule::RackOverlap,
                    format!("{a} (U{ab}-U{at}) and {b} (U{bb}-U{bt}) overlap in rack {rack}"),
                    vec![a.clone(), b.clone()],
                ));
            }
        }
    }
}

/// Slots: the slot exists, holds one module, and the module's format matches.
fn check_slots(design: &Design, out: &mut Vec<Finding>) {
    let enclosures: HashMap<&Id, _> = design.enclosures.iter().map(|e| (&e.id, e)).collect();
    let mut taken: HashMap<(&Id, u8), &Id> = HashMap::default();
    for m in &design.modules {
        let Some(slot) = &m.slot else { continue };
        let Some(enc) = enclosures.get(&slot.enclosure) else {
            out.push(Finding::new(
                Severity::Error,
                Rule::Reference,
                format!(
                    "{} sits in enclosure {}, which does not exist",
                    m.id, slot.enclosure
                ),
                vec![m.id.clone()],
            ));
            continue;
        };
        if !placement::slot_exists(slot.slot, enc.spec.slots) {
            out.push(Finding::new(
                Severity::Error,
                Rule::Slot,
                format!(
                    "{} is in slot {} of {}, which has slots 1-{}",
                    m.id, slot.slot, enc.id, enc.spec.slots
                ),
                vec![m.id.clone(), enc.id.clone()],
            ));
        }
        if let Some(other) = taken.insert((&enc.id, slot.slot), &m.id) {
            out.push(Finding::new(
                Severity::Error,
                Rule::Slot,
                format!(
                    "{} and {} are both in slot {} of {}",
                    other, m.id, slot.slot, enc.id
                ),
                vec![other.clone(), m.id.clone(), enc.id.clone()],
            ));
        }
        if !placement::format_fits(&m.spec.slot_format, &enc.spec.slot_format) {
            out.push(Finding::new(
                Severity::Error,
                Rule::SlotFormat,
                format!(
                    "{} is a {} module but {} takes {} modules",
                    m.id, m.spec.slot_format, enc.id, enc.spec.slot_format
                ),
                vec![m.id.clone(), enc.id.clone()],
            ));
        }
    }
}
