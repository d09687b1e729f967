//! Damage a file can carry that RON itself accepts: ids used twice, references to parts or
//! ports that do not exist, two cable ends in one port, parts placed outside their rack or
//! enclosure, and absurd figures. Each problem names the object and what was expected, and
//! comes with the repair that lets the rest of the design open: the broken item is renamed,
//! unplugged, unplaced or left out, never silently changed.
//!
//! The channel checks report finer faults (a loss figure out of range, a harness map that
//! uses a dark position) as findings; these are the ones that make a design incoherent.

use fiberplan_model::limits::{self, MAX_CABLE_M, MAX_PORTS, MAX_RACK_U};
use fiberplan_model::placement::{slot_exists, UnitSpan};
use fiberplan_model::{CableKind, Design, Id, PortRef, Side};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;

/// One damaged item and what opening the rest does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The object, e.g. `cable T1` or `module C3`.
    pub object: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// What opening the rest does with it.
    pub repair: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.object, self.message, self.repair)
    }
}

/// Finds the damage in `design` and returns the design with every damaged item repaired as
/// its [`Problem::repair`] says, with the problems in file order. No problem: the design
/// comes back unchanged.
pub fn repair(mut design: Design) -> (Design, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut note = |object: String, message: String, repair: &str| {
        problems.push(Problem {
            object,
            message,
            repair: repair.to_owned(),
        })
    };
    rename_repeated_ids(&mut design, &mut note);
    leave_out_absurd_parts(&mut design, &mut note);
    unplace_misplaced_parts(&mut design, &mut note);
    unplug_bad_ends(&mut design, &mut note);
    (design, problems)
}

/// Ids: the first use keeps the id, later ones get a fresh one.
fn rename_repeated_ids(design: &mut Design, note: &mut dyn FnMut(String, String, &str)) {
    // Almost every file has none: find that out without copying an id.
    let mut distinct: HashSet<&str> = HashSet::default();
    distinct.reserve(design.ids().size_hint().0);
    if design.ids().all(|id| distinct.insert(id.as_str())) {
        return;
    }
    let mut seen: HashSet<Id> = HashSet::default();
    let mut taken: HashSet<Id> = design.ids().cloned().collect();
    let mut rename = |kind: &str, id: &mut Id, note: &mut dyn FnMut(String, String, &str)| {
        if seen.insert(id.clone()) {
            return;
        }
        let fresh = (2..)
            .map(|n| Id::from(format!("{id}~{n}")))
            .find(|c| !taken.contains(c))
            .unwrap_or_else(|| id.clone()); // ok: an unbounded range always finds a free id
        note(
            format!("{kind} {id}"),
            "the id is already used by another part; ids must be unique".to_owned(),
            &format!("opened as {fresh}"),
        );
        taken.insert(fresh.clone());
        *id = fresh;
    };
    for r in &mut design.racks {
        rename("rack", &mut r.id, note);
    }
    for e in &mut design.enclosures {
        rename("enclosure", &mut e.id, note);
    }
    for m in &mut design.modules {
        rename("module", &mut m.id, note);
    }
    for e in &mut design.equipment {
        rename("equipment", &mut e.id, note);
    }
    for c in &mut design.cables {
        rename("cable", &mut c.id, note);
    }
}

/// Absurd figures: the part cannot be drawn or traced, so it is left out.
fn leave_out_absurd_parts(design: &mut Design, note: &mut dyn FnMut(String, String, &str)) {
    design.racks.retain(|r| {
        let ok = limits::height_in_range(r.height_u);
        if !ok {
            note(
                format!("rack {}", r.id),
                format!("height {} U; expected 1 to {MAX_RACK_U} U", r.height_u),
                "left out",
            );
        }
        ok
    });
    design.enclosures.retain(|e| {
        let ok = limits::height_in_range(e.spec.height_u) && e.spec.slots >= 1;
        if !ok {
            note(
                format!("enclosure {}", e.id),
                format!(
                    "{} U with {} slots; expected 1 to {MAX_RACK_U} U and at least one slot",
                    e.spec.height_u, e.spec.slots
                ),
                "left out",
            );
        }
        ok
    });
    design.equipment.retain(|e| {
        let ports = e.spec.port_count();
        let ok = limits::height_in_range(e.spec.height_u)
            && !limits::too_many_ports(usize::try_from(ports).unwrap_or(usize::MAX));
        if !ok {
            note(
                format!("equipment {}", e.id),
                format!(
                    "{} U with {ports} ports; expected 1 to {MAX_RACK_U} U and at most {MAX_PORTS} ports",
                    e.spec.height_u
                ),
                "left out",
            );
        }
        ok
    });
    design.modules.retain(|m| {
        let ports = [Side::Front, Side::Rear].map(|s| m.spec.port_count(s));
        let ok = !ports.iter().any(|&n| limits::too_many_ports(n));
        if !ok {
            note(
                format!("module {}", m.id),
                format!(
                    "{} front and {} rear ports; expected at most {MAX_PORTS} on a face",
                    ports[0], ports[1]
                ),
                "left out",
            );
        }
        ok
    });
    design.cables.retain(|c| {
        let spec = &c.spec;
        let message = if !limits::cable_length_in_range(spec.length_m) {
            Some(format!(
                "length {} m; expected a length from 0 to {MAX_CABLE_M} m",
                spec.length_m
            ))
        } else if limits::too_many_ports(spec.end_count()) {
            Some(format!(
                "{} ends; expected at most {MAX_PORTS}",
                spec.end_count()
            ))
        } else if spec.plugs.len() != spec.end_count() {
            Some(format!(
                "{} plugs described for {} ends; expected one plug per end",
                spec.plugs.len(),
                spec.end_count()
            ))
        } else if c.ends.len() != spec.end_count() {
            Some(format!(
                "{} ends placed for a cable with {} ends; expected one entry (a port or None) per end",
                c.ends.len(),
                spec.end_count()
            ))
        } else if let CableKind::Harness { fibers, .. } = &spec.kind {
            let most = spec.end_count() * 24;
            (fibers.len() > most).then(|| {
                format!(
                    "{} fibers in its map; a harness with {} ends has at most {most}",
                    fibers.len(),
                    spec.end_count()
                )
            })
        } else {
            None
        };
        if let Some(message) = &message {
            note(format!("cable {}", c.id), message.clone(), "left out");
        }
        message.is_none()
    });
}

/// Placement: a part outside its rack or enclosure, or in a taken slot, opens unplaced.
fn unplace_misplaced_parts(design: &mut Design, note: &mut dyn FnMut(String, String, &str)) {
    let racks: HashMap<&Id, u8> = design.racks.iter().map(|r| (&r.id, r.height_u)).collect();
    let place = |kind: &str,
                 id: &Id,
                 height: u8,
                 mount: &mut Option<fiberplan_model::Mount>,
                 note: &mut dyn FnMut(String, String, &str)| {
        let Some(m) = mount else { return };
        let message = match racks.get(&m.rack) {
            None => format!("mounted in rack {}, which does not exist", m.rack),
            Some(&rack_u) => {
                let span = UnitSpan::new(m.u, height);
                if !span.inside(rack_u) {
                    format!(
                        "at U{} with {height} U reaches U{}, outside rack {} (U1 to U{rack_u})",
                        m.u, span.top, m.rack
                    )
                } else {
                    return;
                }
            }
        };
        note(format!("{kind} {id}"), message, "opened unmounted");
        *mount = None;
    };
    for e in &mut design.enclosures {
        place("enclosure", &e.id, e.spec.height_u, &mut e.mount, note);
    }
    for e in &mut design.equipment {
        place("equipment", &e.id, e.spec.height_u, &mut e.mount, note);
    }
    let slots: HashMap<&Id, u8> = design
        .enclosures
        .iter()
        .map(|e| (&e.id, e.spec.slots))
        .collect();
    let mut filled: HashMap<(Id, u8), Id> = HashMap::default();
    for m in &mut design.modules {
        let Some(s) = &m.slot else { continue };
        let message = match slots.get(&s.enclosure) {
            None => format!("in enclosure {}, which does not exist", s.enclosure),
            Some(&n) if !slot_exists(s.slot, n) => format!(
                "in slot {} of enclosure {}, which has slots 1 to {n}",
                s.slot, s.enclosure
            ),
            Some(_) => match filled.get(&(s.enclosure.clone(), s.slot)) {
                Some(first) => format!(
                    "in slot {} of enclosure {}, which module {first} already holds",
                    s.slot, s.enclosure
                ),
                None => {
                    filled.insert((s.enclosure.clone(), s.slot), m.id.clone());
                    continue;
                }
            },
        };
        note(format!("module {}", m.id), message, "opened unplaced");
        m.slot = None;
    }
}

/// Cable ends: to a port that exists and that no earlier end holds.
fn unplug_bad_ends(design: &mut Design, note: &mut dyn FnMut(String, String, &str)) {
    let mut faces: HashMap<(&Id, Side), usize> = HashMap::default();
    for m in &design.modules {
        for side in [Side::Front, Side::Rear] {
            faces.insert((&m.id, side), m.spec.port_count(side));
        }
    }
    for e in &design.equipment {
        faces.insert((&e.id, Side::Front), e.spec.port_count() as usize);
        faces.insert((&e.id, Side::Rear), 0);
    }
    // Found first, without changing anything, so every port is looked up by reference;
    // the few bad ends are unplugged after.
    let mut held: HashMap<&PortRef, (usize, usize)> = HashMap::default();
    held.reserve(2 * design.cables.len());
    let mut bad: Vec<(usize, usize, String)> = Vec::new();
    for (k, c) in design.cables.iter().enumerate() {
        for (i, end) in c.ends.iter().enumerate() {
            let Some(port) = end else { continue };
            let face = faces.get(&(&port.part, port.side)).copied();
            let message = match face {
                None => format!(
                    "end {} is plugged into {port}, but there is no module or equipment {}",
                    i + 1,
                    port.part
                ),
                Some(n) if port.port == 0 || usize::from(port.port) > n => format!(
                    "end {} is plugged into {port}, but {} has {n} {} ports",
                    i + 1,
                    port.part,
                    if port.side == Side::Front {
                        "front"
                    } else {
                        "rear"
                    }
                ),
                Some(_) => match held.get(port) {
                    Some(&(cable, end)) => {
                        format!(
                            "end {} is plugged into {port}, which cable {} end {} already holds",
                            i + 1,
                            design.cables[cable].id,
                            end + 1
                        )
                    }
                    None => {
                        held.insert(port, (k, i));
                        continue;
                    }
                },
            };
            bad.push((k, i, message));
        }
    }
    for (k, i, message) in bad {
        let c = &mut design.cables[k];
        note(
            format!("cable {}", c.id),
            message,
            "that end opened unplugged",
        );
        c.ends[i] = None;
    }
}
