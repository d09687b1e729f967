//! A site's NetBox objects made into a Fiberplan design: what a pull and a read of exported
//! files do. A type whose model (or part number) is a catalog part becomes that part; any
//! other is read like a library type and its unstated parameters are unconfirmed. A cable
//! takes what Fiberplan wrote into its description (`Type B`, `plugs pinned UPC/pinned UPC`,
//! `part X`); what no object says is listed, never guessed silently.

use crate::export::termination;
use crate::library::{entry, NetboxType};
use crate::plan::{CableRow, Plan, PortKind, Term};
use fiberplan_edit::new_part::compatible_cables;
use fiberplan_edit::patch::port_connector;
use fiberplan_engine::catalog::{Catalog, CatalogEntry, PartTemplate};
use fiberplan_model::{
    ArrayPolarity, Cable, CableKind, Design, DuplexPolarity, Enclosure, Equipment, FiberType,
    Gender, Id, Module, Mount, Polish, PortRef, Rack, Side, SlotRef,
};
use std::collections::HashMap;
use std::path::Path;

/// A design made from NetBox objects, and what could not be mapped.
#[derive(Debug, Clone)]
pub struct Pulled {
    /// The design.
    pub design: Design,
    /// Each object left out or only partly mapped, and why.
    pub unmapped: Vec<String>,
}

/// The catalog part a NetBox type stands for: the catalog's own when its model or part number
/// is a catalog part, or the type read as a library type with what it leaves unconfirmed.
fn part_of(t: &NetboxType, catalog: &Catalog) -> Result<(String, CatalogEntry), String> {
    for key in std::iter::once(&t.model).chain(t.part_number.iter()) {
        if let Some(e) = catalog.get(key) {
            return Ok((key.clone(), e.clone()));
        }
    }
    entry(t, Path::new(&t.model))
        .map(|e| (t.model.clone(), e))
        .map_err(|e| e.to_string())
}

/// The FiberType of NetBox's cable type; `None` for a copper or unknown type.
pub fn fiber_of(cable_type: &str) -> Option<FiberType> {
    Some(match cable_type {
        "mmf-om1" => FiberType::OM1,
        "mmf-om2" => FiberType::OM2,
        "mmf-om3" => FiberType::OM3,
        "mmf-om4" => FiberType::OM4,
        "mmf-om5" => FiberType::OM5,
        "smf" | "smf-os1" | "smf-os2" => FiberType::OS2,
        _ => return None,
    })
}

/// A length in metres from NetBox's length and unit.
fn metres(length: f64, unit: &str) -> Option<f64> {
    let factor = match unit {
        "m" | "" => 1.0,
        "cm" => 0.01,
        "km" => 1000.0,
        "ft" => 0.3048,
        "in" => 0.0254,
        _ => return None,
    };
    Some(length * factor).filter(|l| l.is_finite() && *l > 0.0)
}

/// A word of Fiberplan's cable description: the text after `key ` up to the next comma.
fn word<'a>(description: &'a str, key: &str) -> Option<&'a str> {
    let rest = description.split(", ").find_map(|w| w.strip_prefix(key))?;
    Some(rest.trim())
}

fn polarity_word(description: &str) -> Option<ArrayPolarity> {
    description.split(", ").find_map(|w| {
        let w = w.trim();
        if w.ends_with("Type A") {
            Some(ArrayPolarity::A)
        } else if w.ends_with("Type B") {
            Some(ArrayPolarity::B)
        } else if w.ends_with("Type C") {
            Some(ArrayPolarity::C)
        } else {
            None
        }
    })
}

/// The plugs Fiberplan wrote, end by end: gender (MPO only) and polish.
fn plugs_word(description: &str) -> Option<Vec<(Option<Gender>, Polish)>> {
    word(description, "plugs ")?
        .split('/')
        .map(|plug| {
            let mut w = plug.split(' ').rev();
            let polish = match w.next()? {
                "UPC" => Polish::UPC,
                "APC" => Polish::APC,
                _ => return None,
            };
            let gender = match w.next() {
                Some("pinned") => Some(Gender::Pinned),
                Some("unpinned") => Some(Gender::Unpinned),
                Some(_) => return None,
                None => None,
            };
            Some((gender, polish))
        })
        .collect()
}

/// A free id for `wanted` in `taken`.
fn fresh(taken: &mut Vec<String>, wanted: &str) -> Id {
    let mut id = wanted.to_owned();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    Id::from(id)
}

/// The design of `plan`'s objects, named `name`.
pub fn to_design(plan: &Plan, catalog: &Catalog, name: &str) -> Pulled {
    let mut design = Design::new(name);
    let mut unmapped = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let mut types: HashMap<&str, (&NetboxType, String, CatalogEntry)> = HashMap::new();
    for t in plan.device_types.iter().chain(&plan.module_types) {
        match part_of(t, catalog) {
            Ok((number, e)) => {
                types.insert(t.model.as_str(), (t, number, e));
            }
            Err(why) => unmapped.push(format!("type {}: {why}", t.model)),
        }
    }
    let mut racks: HashMap<&str, Id> = HashMap::new();
    for r in &plan.racks {
        let id = fresh(&mut taken, &r.name);
        racks.insert(r.name.as_str(), id.clone());
        design.racks.push(Rack {
            id,
            label: r.name.clone(),
            site: r.site.clone(),
            row: String::new(),
            height_u: r.u_height,
        });
    }
    // Device name -> (enclosure id, its NetBox type) for the modules.
    let mut enclosures: HashMap<&str, (Id, &NetboxType)> = HashMap::new();
    // Device name -> (equipment id, its NetBox type) for the interfaces.
    let mut equipment: HashMap<&str, (Id, &NetboxType)> = HashMap::new();
    for d in &plan.devices {
        let Some((t, number, e)) = types.get(d.device_type.as_str()) else {
            unmapped.push(format!(
                "device {}: its type {} was not mapped",
                d.name, d.device_type
            ));
            continue;
        };
        let mount = match &d.rack {
            Some((rack, u)) => match racks.get(rack.as_str()) {
                Some(id) => Some(Mount {
                    rack: id.clone(),
                    u: *u,
                }),
                None => {
                    unmapped.push(format!("device {}: rack {rack} is not in the site", d.name));
                    None
                }
            },
            None => None,
        };
        let id = fresh(&mut taken, &d.name);
        match &e.part {
            PartTemplate::Enclosure(spec) => {
                enclosures.insert(d.name.as_str(), (id.clone(), t));
                design.enclosures.push(Enclosure {
                    id,
                    label: d.name.clone(),
                    catalog: Some(number.clone()),
                    unconfirmed: e.unconfirmed.clone(),
                    mount,
                    spec: spec.clone(),
                });
            }
            PartTemplate::Equipment(spec) => {
                equipment.insert(d.name.as_str(), (id.clone(), t));
                design.equipment.push(Equipment {
                    id,
                    label: d.name.clone(),
                    catalog: Some(number.clone()),
                    unconfirmed: e.unconfirmed.clone(),
                    mount,
                    spec: spec.clone(),
                });
            }
            _ => unmapped.push(format!(
                "device {}: its type {} is a module, not a device",
                d.name, d.device_type
            )),
        }
    }
    for m in &plan.modules {
        let what = format!("module {} in {}", m.module_type, m.device);
        let Some((enclosure, device_type)) = enclosures.get(m.device.as_str()) else {
            unmapped.push(format!("{what}: the device is not an enclosure here"));
            continue;
        };
        // Slots are numbered as the bays are listed, as the library import numbers them.
        let Some(slot) = device_type
            .module_bays
            .iter()
            .position(|b| b.name == m.bay)
            .and_then(|i| u8::try_from(i + 1).ok())
        else {
            unmapped.push(format!("{what}: no bay {}", m.bay));
            continue;
        };
        let Some((_, number, e)) = types.get(m.module_type.as_str()) else {
            unmapped.push(format!("{what}: its type was not mapped"));
            continue;
        };
        let PartTemplate::Module(spec) = &e.part else {
            unmapped.push(format!("{what}: its type is not a module"));
            continue;
        };
        let id = fresh(&mut taken, &format!("{}-S{slot}", m.device));
        design.modules.push(Module {
            label: id.to_string(),
            id,
            catalog: Some(number.clone()),
            unconfirmed: e.unconfirmed.clone(),
            slot: Some(SlotRef {
                enclosure: enclosure.clone(),
                slot,
            }),
            spec: spec.clone(),
        });
    }
    let ports = port_names(&design, &equipment);
    for c in &plan.cables {
        match cable(&design, catalog, &ports, c, &mut taken) {
            Ok(cable) => design.cables.push(cable),
            Err(why) => unmapped.push(format!("cable {}: {why}", c.label)),
        }
    }
    Pulled { design, unmapped }
}

/// Every port of the design by its NetBox name. A switch's interfaces are matched by name, and
/// otherwise by their order among its type's fiber interfaces (a library type's `ens1f0`
/// is the first port whatever Fiberplan calls it).
fn port_names(
    design: &Design,
    equipment: &HashMap<&str, (Id, &NetboxType)>,
) -> HashMap<Term, PortRef> {
    let mut out = HashMap::new();
    for e in &design.equipment {
        let count = u16::try_from(e.spec.port_count()).unwrap_or(u16::MAX);
        let by_order: Vec<&str> = equipment
            .get(e.label.as_str())
            .map(|(_, t)| t.interfaces.iter().map(|i| i.name.as_str()).collect())
            .unwrap_or_default();
        for n in 1..=count {
            let port = PortRef {
                part: e.id.clone(),
                side: Side::Front,
                port: n,
            };
            // The type's own order first: it is what NetBox names the port.
            if let Some(name) = by_order.get(usize::from(n) - 1) {
                out.insert(
                    Term {
                        device: e.label.clone(),
                        kind: PortKind::Interface,
                        name: (*name).to_owned(),
                    },
                    port.clone(),
                );
            }
            if let Some((_, name)) = e.spec.port(n) {
                out.entry(Term {
                    device: e.label.clone(),
                    kind: PortKind::Interface,
                    name,
                })
                .or_insert(port);
            }
        }
    }
    for m in &design.modules {
        for port in m.port_refs() {
            if let Ok(t) = termination(design, &port) {
                out.insert(t, port);
            }
        }
    }
    out
}

/// The gender of what a plug in `port` meets, where the part says: an MPO transceiver is
/// pinned, a cassette's rear port holds its inner plug; a panel's adapter says nothing.
fn facing_gender(design: &Design, port: &PortRef) -> Option<Gender> {
    if design.equipment.iter().any(|e| e.id == port.part) {
        return Some(Gender::Pinned);
    }
    let m = design.modules.iter().find(|m| m.id == port.part)?;
    match (&m.spec.kind, port.side) {
        (fiberplan_model::ModuleKind::Cassette(c), Side::Rear) => Some(c.gender),
        _ => None,
    }
}

/// The cable of a NetBox cable row between ports of `design`.
fn cable(
    design: &Design,
    catalog: &Catalog,
    ports: &HashMap<Term, PortRef>,
    c: &CableRow,
    taken: &mut Vec<String>,
) -> Result<Cable, String> {
    let ends: Vec<PortRef> =
        c.a.iter()
            .chain(&c.b)
            .map(|t| {
                ports
                    .get(t)
                    .cloned()
                    .ok_or_else(|| format!("no Fiberplan port for {t}"))
            })
            .collect::<Result<_, _>>()?;
    let fiber = fiber_of(&c.kind).ok_or_else(|| format!("cable type {:?} is not fiber", c.kind))?;
    // NetBox often has no length: the catalog part's length stands in, unconfirmed.
    let length = metres(c.length, &c.length_unit);
    let connectors: Vec<_> = ends
        .iter()
        .map(|p| port_connector(design, p).ok_or_else(|| format!("{p}: no connector")))
        .collect::<Result<_, _>>()?;
    let mut unconfirmed = Vec::new();
    // The part Fiberplan named, else the first catalog cable of that fiber whose ends fit.
    let named = word(&c.description, "part ").and_then(|pn| catalog.get(pn));
    let (number, mut spec, order) = match named {
        Some(e) => {
            let PartTemplate::Cable(spec) = &e.part else {
                return Err(format!("part {} is not a cable", e.part_number));
            };
            (
                e.part_number.clone(),
                spec.clone(),
                (0..ends.len()).collect::<Vec<_>>(),
            )
        }
        None => {
            let mut fits: Vec<(String, fiberplan_model::CableSpec, Vec<usize>)> = if ends.len() == 2
            {
                compatible_cables(catalog, connectors[0], connectors[1])
                    .into_iter()
                    .filter_map(|ch| {
                        let e = catalog.get(&ch.part_number)?;
                        match &e.part {
                            PartTemplate::Cable(s) if s.fiber == fiber => {
                                Some((e.part_number.clone(), s.clone(), vec![ch.end_a, ch.end_b]))
                            }
                            _ => None,
                        }
                    })
                    .collect()
            } else {
                // A breakout: the MPO on side A, a leg for each of side B's terminations.
                catalog
                    .entries
                    .iter()
                    .filter_map(|e| match &e.part {
                        PartTemplate::Cable(s)
                            if s.fiber == fiber
                                && s.end_count() == ends.len()
                                && connectors.iter().enumerate().all(|(i, k)| {
                                    s.end_connector(i).is_some_and(|x| x.mates_with(*k))
                                }) =>
                        {
                            Some((e.part_number.clone(), s.clone(), (0..ends.len()).collect()))
                        }
                        _ => None,
                    })
                    .collect()
            };
            // The one the description describes: its kind and ferrule, then the one whose
            // ferrule is the port's own.
            fits.sort_by_key(|(_, s, order)| {
                let kind = match s.kind {
                    CableKind::Trunk { .. } => "trunk",
                    CableKind::MpoCord { .. } => "cord",
                    CableKind::LcCord { .. } => "LC duplex cord",
                    CableKind::Breakout { .. } => "breakout",
                    CableKind::Harness { .. } => "harness",
                };
                let ferrule = s.end_connector(order[0]);
                (
                    !c.description.contains(kind),
                    !ferrule.is_some_and(|f| c.description.contains(&f.to_string())),
                    ferrule != Some(connectors[0]),
                )
            });
            let found = fits.into_iter().next();
            let found = found.ok_or_else(|| {
                format!(
                    "no {fiber} catalog cable fits {}",
                    connectors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" to ")
                )
            })?;
            unconfirmed.push("cable part (the nearest catalog cable)".to_owned());
            found
        }
    };
    // The ferrule and leg map Fiberplan wrote, over the nearest catalog cable's.
    let stated_ferrule = c.description.split(", ").find_map(|w| {
        let w = w.strip_prefix("Fiberplan: ").unwrap_or(w);
        let (ferrule, _) = w.split_once(' ')?;
        [
            fiberplan_model::Connector::Mpo8,
            fiberplan_model::Connector::Mpo12,
            fiberplan_model::Connector::Mpo16,
            fiberplan_model::Connector::Mpo24,
        ]
        .into_iter()
        .find(|k| k.to_string() == ferrule)
    });
    let stated_legs: Option<Vec<fiberplan_model::BreakoutLeg>> = word(&c.description, "legs ")
        .and_then(|m| {
            m.split(' ')
                .map(|leg| {
                    let (a, b) = leg
                        .split_once('-')
                        .map_or((leg, None), |(a, b)| (a, Some(b)));
                    Some(fiberplan_model::BreakoutLeg {
                        a: a.parse().ok()?,
                        b: match b {
                            Some(b) => Some(b.parse().ok()?),
                            None => None,
                        },
                    })
                })
                .collect()
        });
    match &mut spec.kind {
        CableKind::Trunk { connector, .. } | CableKind::MpoCord { connector, .. } => {
            if let Some(f) = stated_ferrule {
                *connector = f;
            }
        }
        CableKind::Breakout { connector, legs } => {
            if let Some(f) = stated_ferrule {
                *connector = f;
            }
            match stated_legs {
                Some(l) if l.len() == legs.len() => *legs = l,
                _ if named.is_none() => unconfirmed.push("leg map".to_owned()),
                _ => {}
            }
        }
        _ => {}
    }
    match length {
        Some(l) => spec.length_m = l,
        None => unconfirmed.push("length".to_owned()),
    }
    if let Some(db) = word(&c.description, "")
        .and(
            c.description
                .split(", ")
                .find_map(|w| w.strip_suffix(" dB per mated pair")),
        )
        .and_then(|x| x.trim().parse::<f64>().ok())
    {
        spec.loss_class_db = db;
    }
    match (&mut spec.kind, polarity_word(&c.description)) {
        (CableKind::Trunk { polarity, .. } | CableKind::MpoCord { polarity, .. }, Some(p)) => {
            *polarity = p
        }
        // Unstated: TIA-568.3 Method B (Type B arrays, A-to-B cords), the method the library
        // import assumes for cassettes and panels, so that an unstated site reads as one
        // consistent method; unconfirmed all the same.
        (CableKind::Trunk { polarity, .. } | CableKind::MpoCord { polarity, .. }, None)
            if named.is_none() =>
        {
            *polarity = ArrayPolarity::B;
            unconfirmed.push("polarity type".to_owned())
        }
        (CableKind::LcCord { polarity }, _) => {
            if c.description.contains("A-to-A") {
                *polarity = DuplexPolarity::AA;
            } else if c.description.contains("A-to-B") {
                *polarity = DuplexPolarity::AB;
            } else if named.is_none() {
                *polarity = DuplexPolarity::AB;
                unconfirmed.push("duplex polarity".to_owned());
            }
        }
        _ => {}
    }
    let mut default_genders = false;
    match plugs_word(&c.description) {
        Some(plugs) if plugs.len() == spec.plugs.len() => {
            for (plug, (gender, polish)) in spec.plugs.iter_mut().zip(plugs) {
                plug.gender = gender;
                plug.polish = polish;
            }
        }
        _ if named.is_none() => {
            default_genders = true;
            unconfirmed.push("plug genders and polish".to_owned())
        }
        _ => {}
    }
    let mut placed = vec![None; spec.end_count()];
    for (port, &end) in ends.into_iter().zip(&order) {
        *placed
            .get_mut(end)
            .ok_or_else(|| format!("part {number} has no end {}", end + 1))? = Some(port);
    }
    if default_genders {
        // Each MPO plug the opposite of what it meets: a transceiver is pinned, a cassette's
        // rear is its inner plug's gender; at a panel, a cord from a transceiver is pinned
        // and a trunk unpinned, so that the two meet pinned to unpinned.
        let at_transceiver = placed
            .iter()
            .flatten()
            .any(|p| design.equipment.iter().any(|e| e.id == p.part));
        for (plug, port) in spec.plugs.iter_mut().zip(&placed) {
            if plug.gender.is_none() {
                continue;
            }
            let facing = port.as_ref().and_then(|p| facing_gender(design, p));
            plug.gender = Some(match facing {
                Some(Gender::Pinned) => Gender::Unpinned,
                Some(Gender::Unpinned) => Gender::Pinned,
                None if at_transceiver => Gender::Pinned,
                None => Gender::Unpinned,
            });
        }
    }
    Ok(Cable {
        id: fresh(taken, &c.label),
        label: c.label.clone(),
        catalog: Some(number),
        unconfirmed,
        spec,
        ends: placed,
    })
}
