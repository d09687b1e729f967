//! Routing a link through the plant: between two free transceiver ports, the cords that
//! complete a path through what is already in place (a free cassette port whose trunk leads
//! on), with the polarity that makes the channel pass, found by trying each on a copy of the
//! design; or what is missing when no free path exists.

use crate::new_part::suggested_length_m;
use crate::patch::port_connector;
use crate::{apply, Edit, Part};
use fiberplan_engine::catalog::{ApplicationTable, Catalog, PartTemplate};
use fiberplan_engine::trace::{PlugSite, Report, Rule, Verdict};
use fiberplan_model::{
    Cable, CableKind, Connector, Design, DuplexPolarity, FiberType, Id, ModuleKind, PortRef, Side,
};
use std::collections::HashSet;

/// Why no route was found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RouteError {
    /// An end is not a free transceiver port.
    #[error("{0} is not a free transceiver port")]
    NotFree(PortRef),
    /// No cassette with a trunk in its rear has a free front port near the first end.
    #[error("no cassette near {0} has a free front port with a trunk behind it: add a cassette and a trunk")]
    NoFreePort(PortRef),
    /// Free ports exist, but none leads to a free port the far end can reach.
    #[error("no free path: none of the {tried} free cassette ports near {from} leads through a trunk to a free port; add a trunk between these enclosures or free a port")]
    NoPath {
        /// The first end.
        from: PortRef,
        /// Free near ports tried.
        tried: usize,
    },
    /// The catalog has no LC cord of the plant's fiber.
    #[error("the catalog has no LC duplex cord of {0}")]
    NoCord(FiberType),
}

/// A route found: two cords, and the path they complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The step's name.
    pub label: String,
    /// The edit adding both cords.
    pub edit: Edit,
    /// The cassette ports the cords go to, near then far.
    pub through: (PortRef, PortRef),
}

/// The catalog's LC duplex cord of `fiber` and `polarity`, by part number.
fn cord(
    catalog: &Catalog,
    fiber: FiberType,
    polarity: DuplexPolarity,
) -> Option<(String, fiberplan_model::CableSpec)> {
    catalog.entries.iter().find_map(|e| match &e.part {
        PartTemplate::Cable(spec)
            if spec.fiber == fiber
                && matches!(spec.kind, CableKind::LcCord { polarity: p } if p == polarity) =>
        {
            Some((e.part_number.clone(), spec.clone()))
        }
        _ => None,
    })
}

/// A cord from `a` to `b` of catalog entry `number`, with a free id.
fn cord_edit(
    taken: &mut HashSet<Id>,
    (number, spec): &(String, fiberplan_model::CableSpec),
    a: &PortRef,
    b: &PortRef,
    length_m: Option<f64>,
) -> Edit {
    let id = (1..)
        .map(|n| Id::from(format!("PC-{n:03}")))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| Id::from("PC")); // ok: the range is unbounded
    taken.insert(id.clone());
    let mut spec = spec.clone();
    if let Some(l) = length_m {
        spec.length_m = l;
    }
    Edit::Insert {
        index: usize::MAX,
        part: Part::Cable(Cable {
            label: id.to_string(),
            id,
            catalog: Some(number.clone()),
            unconfirmed: Vec::new(),
            spec,
            ends: vec![Some(a.clone()), Some(b.clone())],
        }),
    }
}

/// The rack a module or piece of equipment is in.
fn rack_of(design: &Design, part: &Id) -> Option<Id> {
    if let Some(e) = design.equipment.iter().find(|e| &e.id == part) {
        return e.mount.as_ref().map(|m| m.rack.clone());
    }
    let m = design.modules.iter().find(|m| &m.id == part)?;
    let slot = m.slot.as_ref()?;
    let e = design.enclosures.iter().find(|e| e.id == slot.enclosure)?;
    e.mount.as_ref().map(|m| m.rack.clone())
}

/// Two cords that join transceiver ports `a` and `b` through the plant in place: from `a` to
/// a free front port of a cassette whose rear has a trunk (those in `a`'s rack first), and
/// from the free port where that light arrives to `b`, with the polarities that make the
/// channel pass (A-to-B first). Each candidate is tried on a copy of the design.
pub fn route(
    design: &Design,
    report: &Report,
    apps: &ApplicationTable,
    catalog: &Catalog,
    a: &PortRef,
    b: &PortRef,
) -> Result<Route, RouteError> {
    let occupied: HashSet<&PortRef> = design
        .cables
        .iter()
        .flat_map(|c| c.ends.iter().flatten())
        .collect();
    for end in [a, b] {
        let transceiver = design.equipment.iter().any(|e| e.id == end.part)
            && port_connector(design, end).is_some();
        if !transceiver || occupied.contains(end) {
            return Err(RouteError::NotFree(end.clone()));
        }
    }
    // Free front ports of cassettes with a cable in a rear port, in a's rack first.
    let near_rack = rack_of(design, &a.part);
    let mut near: Vec<(bool, PortRef, FiberType)> = Vec::new();
    for m in &design.modules {
        let ModuleKind::Cassette(cas) = &m.spec.kind else {
            continue;
        };
        let fed = m.spec.ports(Side::Rear).iter().any(|(n, _)| {
            occupied.contains(&PortRef {
                part: m.id.clone(),
                side: Side::Rear,
                port: *n,
            })
        });
        if !fed {
            continue;
        }
        let here = near_rack.is_some() && rack_of(design, &m.id) == near_rack;
        for (n, c) in m.spec.ports(Side::Front) {
            let p = PortRef {
                part: m.id.clone(),
                side: Side::Front,
                port: n,
            };
            if c == Connector::LcDuplex && !occupied.contains(&p) {
                near.push((here, p, cas.fiber));
            }
        }
    }
    near.sort_by_key(|(here, _, _)| !here);
    if near.is_empty() {
        return Err(RouteError::NoFreePort(a.clone()));
    }
    let far_rack = rack_of(design, &b.part);
    let taken: HashSet<Id> = design.cables.iter().map(|c| c.id.clone()).collect();
    let mut best: Option<Route> = None;
    // Enough to find a path in any plant that has one near `a`, bounded for a large hall.
    const TRIES: usize = 400;
    for (_, fx, fiber) in near.iter().take(TRIES) {
        let ab = cord(catalog, *fiber, DuplexPolarity::AB).ok_or(RouteError::NoCord(*fiber))?;
        let aa = cord(catalog, *fiber, DuplexPolarity::AA);
        // Where does the light of a cord into fx arrive?
        let first = cord_edit(
            &mut taken.clone(),
            &ab,
            a,
            fx,
            suggested_length_m(design, a, fx),
        );
        let Some(r) = tried(design, report, apps, &first) else {
            continue;
        };
        let Some(fy) = arrives_open(&r, a) else {
            continue;
        };
        if occupied.contains(&fy) || fy.part == fx.part {
            continue;
        }
        for (near_cord, far_cord) in [
            (Some(&ab), Some(&ab)),
            (Some(&ab), aa.as_ref()),
            (aa.as_ref(), Some(&ab)),
            (aa.as_ref(), aa.as_ref()),
        ] {
            let (Some(nc), Some(fc)) = (near_cord, far_cord) else {
                continue;
            };
            let mut ids = taken.clone();
            let edit = Edit::Batch(vec![
                cord_edit(&mut ids, nc, a, fx, suggested_length_m(design, a, fx)),
                cord_edit(&mut ids, fc, &fy, b, suggested_length_m(design, &fy, b)),
            ]);
            let Some(r) = tried(design, report, apps, &edit) else {
                continue;
            };
            let passes = r
                .channel_between(a, b)
                .is_some_and(|c| c.verdict == Verdict::Pass);
            if passes {
                let route = Route {
                    label: format!("Route {a} to {b} through {fx} and {fy}"),
                    edit,
                    through: (fx.clone(), fy.clone()),
                };
                // A far port in b's own rack makes the shortest far cord: take it at once.
                if far_rack.is_some() && rack_of(design, &fy.part) == far_rack {
                    return Ok(route);
                }
                best.get_or_insert(route);
                break;
            }
        }
    }
    best.ok_or(RouteError::NoPath {
        from: a.clone(),
        tried: near.len().min(TRIES),
    })
}

/// The check of `design` with `edit` applied, on copies of both.
fn tried(design: &Design, report: &Report, apps: &ApplicationTable, edit: &Edit) -> Option<Report> {
    let mut d = design.clone();
    let touched = edit.touched();
    apply(&mut d, edit.clone()).ok()?;
    let mut r = report.clone();
    r.update(&d, apps, &touched);
    Some(r)
}

/// The module port where the light from transceiver port `a` ends with nothing mated, in the
/// check `r`.
fn arrives_open(r: &Report, a: &PortRef) -> Option<PortRef> {
    r.channels_at(a).find_map(|c| {
        r.channel_findings(c)
            .filter(|f| f.rule == Rule::Open)
            .find_map(|f| match f.path.last().map(|h| &h.plug) {
                Some(PlugSite::ModuleInternal { port }) => Some(port.clone()),
                _ => None,
            })
    })
}
