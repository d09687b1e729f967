//! The single changes a part on a failing channel may take, as data, words and an edit.

use super::Change;
use crate::Edit;
use fiberplan_engine::catalog::{Catalog, PartTemplate};
use fiberplan_engine::trace::channel::path_parts;
use fiberplan_engine::trace::{Channel, Finding, PlugSite, Report, Rule};
use fiberplan_model::{
    AdapterKind, ArrayPolarity, CableKind, CassettePolarity, Design, DuplexPolarity, FiberType,
    Gender, Id, ModuleKind, Polish, PortRef,
};
use std::collections::HashSet;

/// Where each cable and module of a design is, found once instead of once per channel.
pub(super) struct PartIndex<'d> {
    cables: std::collections::HashMap<&'d Id, usize>,
    modules: std::collections::HashMap<&'d Id, usize>,
}

impl<'d> PartIndex<'d> {
    pub(super) fn of(design: &'d Design) -> Self {
        PartIndex {
            cables: design
                .cables
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.id, i))
                .collect(),
            modules: design
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (&m.id, i))
                .collect(),
        }
    }
}

/// Single changes of the cables and modules on `channel`'s fibers, in path order.
pub(super) fn candidates(
    design: &Design,
    index: &PartIndex<'_>,
    report: &Report,
    channel: &Channel,
) -> Vec<Change> {
    let piece = report.piece(channel);
    let mut parts: Vec<Id> = Vec::new();
    for &t in &channel.traces {
        for p in path_parts(&piece.graph, piece.traces.path(t as usize)) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    // The fiber types on the path, the ones a part of the wrong type may change to.
    let fibers: Vec<FiberType> = {
        let mut f: Vec<FiberType> = parts
            .iter()
            .filter_map(|id| fiber_of(design, index, id))
            .collect();
        f.sort();
        f.dedup();
        f
    };
    let mut out = Vec::new();
    for id in &parts {
        if let Some(&i) = index.cables.get(id) {
            cable_changes(&design.cables[i], &fibers, &mut out);
        } else if let Some(&i) = index.modules.get(id) {
            module_changes(&design.modules[i], &fibers, &mut out);
        }
    }
    out
}

fn fiber_of(design: &Design, index: &PartIndex<'_>, id: &Id) -> Option<FiberType> {
    if let Some(&i) = index.cables.get(id) {
        return Some(design.cables[i].spec.fiber);
    }
    match &design.modules[*index.modules.get(id)?].spec.kind {
        ModuleKind::Cassette(c) => Some(c.fiber),
        ModuleKind::Converter(c) => Some(c.fiber),
        ModuleKind::AdapterPanel(_) => None,
    }
}

/// "a" or "an" before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn array_name(p: ArrayPolarity) -> &'static str {
    match p {
        ArrayPolarity::A => "Type A",
        ArrayPolarity::B => "Type B",
        ArrayPolarity::C => "Type C",
    }
}

fn flip_gender(g: Gender) -> Gender {
    match g {
        Gender::Pinned => Gender::Unpinned,
        Gender::Unpinned => Gender::Pinned,
    }
}

fn flip_polish(p: Polish) -> Polish {
    match p {
        Polish::UPC => Polish::APC,
        Polish::APC => Polish::UPC,
    }
}

/// The changes a cable may take: its polarity type, each end's gender and polish, its fiber.
fn cable_changes(c: &fiberplan_model::Cable, fibers: &[FiberType], out: &mut Vec<Change>) {
    let change = |field: &str, old: String, new: String, text: String, spec| {
        let edit = Edit::CableSpec {
            id: c.id.clone(),
            spec,
        };
        Change::new(&c.id, field, (old, new), text, edit)
    };
    match &c.spec.kind {
        CableKind::LcCord { polarity } => {
            let (to, words) = match polarity {
                DuplexPolarity::AB => (DuplexPolarity::AA, "an A-to-A"),
                DuplexPolarity::AA => (DuplexPolarity::AB, "an A-to-B"),
            };
            let mut spec = c.spec.clone();
            spec.kind = CableKind::LcCord { polarity: to };
            out.push(change(
                "polarity",
                format!("{polarity:?}"),
                format!("{to:?}"),
                format!("change {} to {words} cord", c.label),
                spec,
            ));
        }
        CableKind::Trunk { polarity, .. } | CableKind::MpoCord { polarity, .. } => {
            let trunk = matches!(c.spec.kind, CableKind::Trunk { .. });
            for to in [ArrayPolarity::A, ArrayPolarity::B, ArrayPolarity::C] {
                if to == *polarity {
                    continue;
                }
                let mut spec = c.spec.clone();
                if let CableKind::Trunk { polarity: p, .. }
                | CableKind::MpoCord { polarity: p, .. } = &mut spec.kind
                {
                    *p = to;
                }
                out.push(change(
                    "polarity",
                    array_name(*polarity).to_owned(),
                    array_name(to).to_owned(),
                    format!(
                        "change {} to a {} {}",
                        c.label,
                        array_name(to),
                        if trunk { "trunk" } else { "MPO cord" }
                    ),
                    spec,
                ));
            }
        }
        CableKind::Breakout { .. } | CableKind::Harness { .. } => {}
    }
    // Both ends at once, where they agree: a trunk ordered with the wrong ends.
    if c.spec.plugs.len() > 1 {
        let genders: Vec<Option<Gender>> = c.spec.plugs.iter().map(|p| p.gender).collect();
        if let Some(Some(g)) = genders
            .first()
            .copied()
            .filter(|g| genders.iter().all(|x| x == g))
        {
            let to = flip_gender(g);
            let mut spec = c.spec.clone();
            spec.plugs.iter_mut().for_each(|p| p.gender = Some(to));
            out.push(change(
                "gender",
                g.to_string(),
                to.to_string(),
                format!("make {} {to} at both ends", c.label),
                spec,
            ));
        }
        let first = c.spec.plugs[0].polish;
        if c.spec.plugs.iter().all(|p| p.polish == first) {
            let to = flip_polish(first);
            let mut spec = c.spec.clone();
            spec.plugs.iter_mut().for_each(|p| p.polish = to);
            out.push(change(
                "polish",
                first.to_string(),
                to.to_string(),
                format!("make {} {to} at both ends", c.label),
                spec,
            ));
        }
    }
    for (i, plug) in c.spec.plugs.iter().enumerate() {
        if let Some(g) = plug.gender {
            let mut spec = c.spec.clone();
            let to = flip_gender(g);
            spec.plugs[i].gender = Some(to);
            out.push(change(
                &format!("end {} gender", i + 1),
                g.to_string(),
                to.to_string(),
                format!("make end {} of {} {to}", i + 1, c.label),
                spec,
            ));
        }
        let mut spec = c.spec.clone();
        let to = flip_polish(plug.polish);
        spec.plugs[i].polish = to;
        out.push(change(
            &format!("end {} polish", i + 1),
            plug.polish.to_string(),
            to.to_string(),
            format!("make end {} of {} {to}", i + 1, c.label),
            spec,
        ));
    }
    for &f in fibers.iter().filter(|&&f| f != c.spec.fiber) {
        let mut spec = c.spec.clone();
        spec.fiber = f;
        out.push(change(
            "fiber",
            c.spec.fiber.to_string(),
            f.to_string(),
            format!("make {} {f}", c.label),
            spec,
        ));
    }
}

/// The changes a module may take: a cassette's polarity type, gender, MPO polish and fiber;
/// a panel's adapter orientation.
fn module_changes(m: &fiberplan_model::Module, fibers: &[FiberType], out: &mut Vec<Change>) {
    let change = |field: &str, old: String, new: String, text: String, spec| {
        let edit = Edit::ModuleSpec {
            id: m.id.clone(),
            spec,
        };
        Change::new(&m.id, field, (old, new), text, edit)
    };
    match &m.spec.kind {
        ModuleKind::Cassette(cas) => {
            let (to, words) = match cas.polarity {
                CassettePolarity::A => (CassettePolarity::B, "Type B (key-up/key-up)"),
                CassettePolarity::B => (CassettePolarity::A, "Type A (key-up/key-down)"),
            };
            let with = |f: &dyn Fn(&mut fiberplan_model::CassetteSpec)| {
                let mut spec = m.spec.clone();
                if let ModuleKind::Cassette(c) = &mut spec.kind {
                    f(c);
                }
                spec
            };
            out.push(change(
                "polarity",
                format!("{:?}", cas.polarity),
                format!("{to:?}"),
                format!("change {} to a {words} cassette", m.label),
                with(&|c| c.polarity = to),
            ));
            let g = flip_gender(cas.gender);
            out.push(change(
                "gender",
                cas.gender.to_string(),
                g.to_string(),
                format!("make {} {} {g} cassette", m.label, article(&g.to_string())),
                with(&|c| c.gender = g),
            ));
            let p = flip_polish(cas.mpo_polish);
            out.push(change(
                "MPO polish",
                cas.mpo_polish.to_string(),
                p.to_string(),
                format!("make the MPO side of {} {p}", m.label),
                with(&|c| c.mpo_polish = p),
            ));
            for &f in fibers.iter().filter(|&&f| f != cas.fiber) {
                out.push(change(
                    "fiber",
                    cas.fiber.to_string(),
                    f.to_string(),
                    format!("make {} {f}", m.label),
                    with(&|c| c.fiber = f),
                ));
            }
        }
        ModuleKind::AdapterPanel(panel) if panel.adapter.is_mpo() => {
            let to = match panel.adapter {
                AdapterKind::MpoKeyUpKeyDown => AdapterKind::MpoKeyUpKeyUp,
                _ => AdapterKind::MpoKeyUpKeyDown,
            };
            let mut spec = m.spec.clone();
            if let ModuleKind::AdapterPanel(p) = &mut spec.kind {
                p.adapter = to;
            }
            out.push(change(
                "adapter",
                panel.adapter.to_string(),
                to.to_string(),
                format!("change {} to {to} adapters", m.label),
                spec,
            ));
        }
        _ => {}
    }
}

/// Moves of cable ends that may complete an open channel or a split pair: a cord end on the
/// channel's path moved to a free port of the same module face (nearest first), and any cord
/// end on the face where the light ends open moved into that open port. `occupied` holds
/// every port of the whole design a cable end is plugged into.
pub(super) fn move_changes(
    design: &Design,
    index: &PartIndex<'_>,
    occupied: &HashSet<&PortRef>,
    report: &Report,
    channel: &Channel,
    faults: &[&Finding],
    out: &mut Vec<Change>,
) {
    let piece = report.piece(channel);
    let module_face = |p: &PortRef| index.modules.get(&p.part).map(|&i| &design.modules[i]);
    let mut ends: Vec<(Id, u16, PortRef)> = Vec::new();
    for &t in &channel.traces {
        for &n in piece.traces.path(t as usize) {
            let plug = &piece.graph.plugs[piece.graph.node(n).plug as usize];
            if let PlugSite::CableEnd {
                cable,
                end,
                port: Some(p),
            } = &plug.site
            {
                if module_face(p).is_some() && !ends.iter().any(|(c, e, _)| c == cable && e == end)
                {
                    ends.push((cable.clone(), *end, p.clone()));
                }
            }
        }
    }
    // At most this many free ports are tried for each end on the path: the fault a move
    // cures is a cord one or two ports off; a cord far off is found from its open port.
    const NEAREST: usize = 4;
    for (cable, end, at) in &ends {
        let (Some(&ci), Some(m)) = (index.cables.get(cable), module_face(at)) else {
            continue;
        };
        let c = &design.cables[ci];
        let Some(connector) = c.spec.end_connector(usize::from(*end) - 1) else {
            continue;
        };
        let mut free: Vec<u16> = m
            .spec
            .ports(at.side)
            .into_iter()
            .filter(|&(k, conn)| {
                conn == connector
                    && k != at.port
                    && !occupied.contains(&PortRef {
                        part: at.part.clone(),
                        side: at.side,
                        port: k,
                    })
            })
            .map(|(k, _)| k)
            .collect();
        free.sort_by_key(|&k| k.abs_diff(at.port));
        for k in free.into_iter().take(NEAREST) {
            let to = PortRef {
                part: at.part.clone(),
                side: at.side,
                port: k,
            };
            out.push(move_change(c, *end, at, to));
        }
    }
    // Where the light ends at a module port with nothing in it, a cord end plugged into
    // another port of the same face may belong there.
    for f in faults.iter().filter(|f| f.rule == Rule::Open) {
        let Some(PlugSite::ModuleInternal { port: open }) = f.path.last().map(|h| &h.plug) else {
            continue;
        };
        if occupied.contains(open) || module_face(open).is_none() {
            continue;
        }
        for c in &design.cables {
            for (i, at) in c.ends.iter().enumerate() {
                let Some(at) = at else { continue };
                if at.part != open.part || at.side != open.side || at == open {
                    continue;
                }
                let fits = module_face(open).is_some_and(|m| {
                    m.spec
                        .ports(open.side)
                        .iter()
                        .any(|&(k, conn)| k == open.port && Some(conn) == c.spec.end_connector(i))
                });
                let end = u16::try_from(i + 1).unwrap_or(u16::MAX);
                if fits
                    && !out
                        .iter()
                        .any(|x| x.part == c.id && x.new == open.to_string())
                {
                    out.push(move_change(c, end, at, open.clone()));
                }
            }
        }
    }
}

/// Moving end `end` (1-based) of `c` from `from` to `to`.
fn move_change(c: &fiberplan_model::Cable, end: u16, from: &PortRef, to: PortRef) -> Change {
    let text = if c.spec.end_count() == 2 {
        format!("move {} from {from} to {to}", c.label)
    } else {
        format!("move end {end} of {} from {from} to {to}", c.label)
    };
    let values = (from.to_string(), to.to_string());
    let edit = Edit::Plug {
        cable: c.id.clone(),
        end: usize::from(end) - 1,
        port: Some(to),
    };
    Change::new(&c.id, &format!("end {end} port"), values, text, edit)
}

/// Names the catalog part a spec change makes of its part, when the catalog has one with
/// exactly the new parameters (a cable's length aside, which is ordered to fit), and records
/// the part number on the part; a part that was recorded as another catalog part and
/// matches none is no longer recorded as that part.
pub(super) fn name_part_number(
    design: &Design,
    index: &PartIndex<'_>,
    catalog: &Catalog,
    change: &mut Change,
) {
    let (found, was) = match &change.edit {
        Edit::CableSpec { id, spec } => {
            let found = catalog.entries.iter().find(|e| match &e.part {
                PartTemplate::Cable(c) => {
                    let mut c = c.clone();
                    c.length_m = spec.length_m;
                    &c == spec
                }
                _ => false,
            });
            let was = index.cables.get(id).map(|&i| &design.cables[i].catalog);
            (found, was)
        }
        Edit::ModuleSpec { id, spec } => {
            let found = catalog
                .entries
                .iter()
                .find(|e| matches!(&e.part, PartTemplate::Module(m) if m == spec));
            let was = index.modules.get(id).map(|&i| &design.modules[i].catalog);
            (found, was)
        }
        _ => return,
    };
    let now = found.map(|e| e.part_number.clone());
    if let Some(number) = &now {
        change.text = format!("{} ({number})", change.text);
    }
    if was.is_some_and(|w| *w != now) {
        change.record = Some(Edit::PartNumber {
            id: change.part.clone(),
            part_number: now.clone(),
        });
    }
    change.part_number = now;
}
