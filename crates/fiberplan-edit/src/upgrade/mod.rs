//! Upgrade what-if: the change of the patching layer that lets links carry a target
//! application, found by trying catalog parts on the real checks, never by a table of
//! what should work.
//!
//! A link whose optics already have the target's shape (duplex to duplex, or parallel on the
//! same ferrule) only gets the new optics. A duplex link through a trunk between two cassettes
//! moves to a parallel application by exchanging the cassettes for MPO adapter panels of the
//! same slot format, its LC cords for MPO cords, and its optics for the target's: one parallel
//! link per trunk (the first of its links in port order); the trunk's other duplex links lose
//! their path and are listed with the reason. Panels and cords are the catalog's, tried on the
//! link's own parts until the check passes, so gender, polarity and ferrule come out of the
//! rules in `fiber-model.md`; loss and reach come out of the same check against the
//! application's limits.

use crate::apply::apply;
use crate::edit::{Edit, Part};
use crate::new_part::compatible_cables;
use fiberplan_engine::catalog::{ApplicationTable, Catalog, PartTemplate};
use fiberplan_engine::trace::channel::path_parts;
use fiberplan_engine::trace::{check, Channel, CheckMode, Report, Severity, Verdict};
use fiberplan_model::{
    Cable, CableKind, CableSpec, Design, EquipmentSpec, Id, Module, ModuleKind, ModuleSpec,
    PortRef, Side, TransceiverSpec,
};
use std::collections::{HashMap, HashSet};

mod breakout;
mod conversion;

/// Which links an upgrade looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every link of the design.
    All,
    /// Links with an end on equipment mounted in one of these racks.
    Racks(Vec<Id>),
    /// Links with an end on one of these ports.
    Ports(Vec<PortRef>),
}

/// A link the upgrade moves, with its verdict after the change.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// One end (the channel's first).
    pub a: PortRef,
    /// The other end.
    pub b: PortRef,
    /// The link as people name it (`LEAF1/Eth1 <-> SRV01/Eth1`).
    pub name: String,
    /// What carries it after the upgrade: its trunk (or pair of trunks), or its breakout
    /// harness; none where only the optics change.
    pub trunk: Option<String>,
    /// Its verdict in the upgraded design.
    pub verdict: Verdict,
    /// Its loss margin against the target, dB.
    pub margin_db: Option<f64>,
    /// The first error, when it does not pass.
    pub problem: Option<String>,
}

/// A link that cannot move, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Stuck {
    /// The link.
    pub name: String,
    /// Why it cannot carry the target.
    pub why: String,
    /// The same reason without this link's own parts, so that links held back alike are
    /// counted together.
    pub reason: String,
}

impl Stuck {
    /// A link held back for a reason that names none of its own parts.
    fn new(name: String, why: String) -> Self {
        Stuck {
            name,
            reason: why.clone(),
            why,
        }
    }
}

/// Why a search of catalog parts found nothing: in general, and the problem of the trial
/// that came closest (a check's finding, which names the parts it was tried on).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Refusal {
    /// The reason, naming no link's parts.
    pub general: String,
    /// The closest trial's problem.
    pub detail: Option<String>,
}

impl Refusal {
    /// The reason with its detail, the detail said to be on `place` where given.
    fn text(&self, place: Option<&str>) -> String {
        match (&self.detail, place) {
            (Some(d), Some(p)) => format!("{} on {p}: {d}", self.general),
            (Some(d), None) => format!("{}: {d}", self.general),
            (None, _) => self.general.clone(),
        }
    }
}

/// How many fibers of a trunk carry light, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct TrunkUse {
    /// The trunk's label.
    pub trunk: String,
    /// Its fibers.
    pub fibers: u8,
    /// Fibers carrying light before the upgrade.
    pub lit_before: usize,
    /// After.
    pub lit_after: usize,
}

/// The change an upgrade makes, and what it gives.
#[derive(Debug, Clone)]
pub struct Upgrade {
    /// The target application.
    pub application: String,
    /// The edit that makes it (one undo step).
    pub edit: Edit,
    /// The design after it.
    pub design: Design,
    /// Parts removed, by label with their part number.
    pub removed: Vec<String>,
    /// Parts added.
    pub added: Vec<String>,
    /// Parts whose optics change: equipment label and port names.
    pub reoptic: Vec<String>,
    /// Links that move, with their verdict after.
    pub moved: Vec<Moved>,
    /// Links that cannot move.
    pub stuck: Vec<Stuck>,
    /// Trunk fibers lit before and after.
    pub utilization: Vec<TrunkUse>,
}

impl Upgrade {
    /// Links that move and pass (a warning counts: no error).
    pub fn passing(&self) -> usize {
        self.moved
            .iter()
            .filter(|m| m.verdict != Verdict::Fail)
            .count()
    }
}

/// Why an upgrade cannot be planned at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UpgradeError {
    /// The applications table has no such application.
    #[error("no application {0} in the applications table")]
    NoApplication(String),
    /// No catalog part carries an optic for it.
    #[error("no optic for {0} in the catalog (a switch or server part with that optic)")]
    NoOptic(String),
}

/// The optic of `application`: the one a catalog switch or server carries.
pub fn optic_for(catalog: &Catalog, application: &str) -> Option<TransceiverSpec> {
    catalog.entries.iter().find_map(|e| match &e.part {
        PartTemplate::Equipment(s) => s
            .ports
            .iter()
            .find(|g| g.transceiver.application == application)
            .map(|g| g.transceiver.clone()),
        _ => None,
    })
}

/// `spec` with port `port` holding `optic`: its group split around it, so every other port
/// keeps its optic and its name.
pub fn set_port_optic(spec: &EquipmentSpec, port: u16, optic: &TransceiverSpec) -> EquipmentSpec {
    let mut out = EquipmentSpec {
        height_u: spec.height_u,
        ports: Vec::new(),
    };
    let mut first = 1u16;
    for g in &spec.ports {
        let last = first.saturating_add(g.count).saturating_sub(1);
        if port < first || port > last || g.transceiver == *optic {
            out.ports.push(g.clone());
        } else {
            let before = port - first;
            let after = last - port;
            if before > 0 {
                out.ports.push(fiberplan_model::PortGroup {
                    count: before,
                    ..g.clone()
                });
            }
            out.ports.push(fiberplan_model::PortGroup {
                count: 1,
                first_number: g.first_number + before,
                transceiver: optic.clone(),
                name_prefix: g.name_prefix.clone(),
            });
            if after > 0 {
                out.ports.push(fiberplan_model::PortGroup {
                    count: after,
                    first_number: g.first_number + before + 1,
                    ..g.clone()
                });
            }
        }
        first = first.saturating_add(g.count);
    }
    // Neighbouring runs of one optic and name that continue each other are one group again.
    let mut merged: Vec<fiberplan_model::PortGroup> = Vec::new();
    for g in out.ports {
        match merged.last_mut() {
            Some(m)
                if m.transceiver == g.transceiver
                    && m.name_prefix == g.name_prefix
                    && m.first_number + m.count == g.first_number =>
            {
                m.count += g.count;
            }
            _ => merged.push(g),
        }
    }
    out.ports = merged;
    out
}

/// Every part a channel's fibers run through.
pub fn channel_parts(report: &Report, c: &Channel) -> Vec<Id> {
    let piece = report.piece(c);
    let mut parts: Vec<Id> = Vec::new();
    for &t in &c.traces {
        for p in path_parts(&piece.graph, piece.traces.path(t as usize)) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    parts
}

/// The design's parts by id, and the cables on each part, looked up once per upgrade.
struct Index<'a> {
    cables: HashMap<&'a Id, &'a Cable>,
    modules: HashMap<&'a Id, &'a Module>,
    equipment: HashMap<&'a Id, &'a fiberplan_model::Equipment>,
    cables_on: HashMap<&'a Id, Vec<&'a Cable>>,
}

impl<'a> Index<'a> {
    fn new(design: &'a Design) -> Self {
        let mut cables_on: HashMap<&Id, Vec<&Cable>> = HashMap::new();
        for c in &design.cables {
            for p in c.ends.iter().flatten() {
                let list = cables_on.entry(&p.part).or_default();
                if !list.iter().any(|x| x.id == c.id) {
                    list.push(c);
                }
            }
        }
        Index {
            cables: design.cables.iter().map(|c| (&c.id, c)).collect(),
            modules: design.modules.iter().map(|m| (&m.id, m)).collect(),
            equipment: design.equipment.iter().map(|e| (&e.id, e)).collect(),
            cables_on,
        }
    }

    fn optic_at(&self, p: &PortRef) -> Option<&'a TransceiverSpec> {
        let e = self.equipment.get(&p.part)?;
        e.spec.port(p.port).map(|(g, _)| &g.transceiver)
    }
}

fn link_name(c: &Channel) -> String {
    format!(
        "{} {} <-> {}",
        c.a,
        c.a_name,
        match (&c.b, &c.b_name) {
            (Some(b), Some(n)) => format!("{b} {n}"),
            (Some(b), None) => b.to_string(),
            _ => "(open)".to_owned(),
        }
    )
}

fn in_scope(index: &Index<'_>, scope: &Scope, c: &Channel) -> bool {
    std::iter::once(&c.a)
        .chain(c.b.as_ref())
        .any(|p| end_in_scope(index, scope, p))
}

/// Whether the upgrade was asked for this end of a link.
fn end_in_scope(index: &Index<'_>, scope: &Scope, p: &PortRef) -> bool {
    match scope {
        Scope::All => true,
        Scope::Ports(ports) => ports.contains(p),
        Scope::Racks(racks) => index
            .equipment
            .get(&p.part)
            .and_then(|e| e.mount.as_ref())
            .is_some_and(|m| racks.contains(&m.rack)),
    }
}

/// A trunk between two cassettes' rear ports on a channel's path: the trunk, and the
/// cassette at each of its ends.
struct TrunkPath {
    trunk: Id,
    cassettes: [Id; 2],
}

fn trunk_path(index: &Index<'_>, parts: &[Id]) -> Option<TrunkPath> {
    parts.iter().find_map(|id| {
        let c = index.cables.get(id)?;
        if !matches!(c.spec.kind, CableKind::Trunk { .. }) {
            return None;
        }
        let cassette = |end: usize| -> Option<Id> {
            let p = c.ends.get(end)?.as_ref()?;
            let m = index.modules.get(&p.part)?;
            // One rear port: the panel that takes its place has the trunk alone behind it.
            (p.side == Side::Rear
                && matches!(&m.spec.kind, ModuleKind::Cassette(c) if c.rear_ports == 1))
            .then(|| m.id.clone())
        };
        Some(TrunkPath {
            trunk: c.id.clone(),
            cassettes: [cassette(0)?, cassette(1)?],
        })
    })
}

/// A design of only `ids` and what they sit in, for trying parts on one link.
fn sub_design(design: &Design, ids: &[Id]) -> Design {
    fn kept<T: Clone>(list: &[T], ids: &[Id], id: impl Fn(&T) -> &Id) -> Vec<T> {
        list.iter()
            .filter(|x| ids.contains(id(x)))
            .cloned()
            .collect()
    }
    let mut d = Design::new("trial");
    d.equipment = kept(&design.equipment, ids, |e| &e.id);
    d.modules = kept(&design.modules, ids, |m| &m.id);
    d.cables = kept(&design.cables, ids, |c| &c.id);
    let enclosures: Vec<Id> = d
        .modules
        .iter()
        .filter_map(|m| m.slot.as_ref().map(|s| s.enclosure.clone()))
        .collect();
    d.enclosures = kept(&design.enclosures, &enclosures, |e| &e.id);
    let racks: Vec<Id> = d
        .enclosures
        .iter()
        .filter_map(|e| e.mount.as_ref().map(|m| m.rack.clone()))
        .chain(
            d.equipment
                .iter()
                .filter_map(|e| e.mount.as_ref().map(|m| m.rack.clone())),
        )
        .collect();
    d.racks = kept(&design.racks, &racks, |r| &r.id);
    d
}

/// The verdict of the link between `a` and `b` in `report`, and its first error.
fn link_verdict(
    report: &Report,
    a: &PortRef,
    b: &PortRef,
) -> Option<(Verdict, Option<f64>, Option<String>)> {
    let c = report.channel_between(a, b)?;
    let problem = report
        .channel_findings(c)
        .find(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.rule, f.message));
    Some((c.verdict, c.budget.as_ref().map(|b| b.margin_db()), problem))
}

/// The panels and cords a trunk path conversion tries, and the last pair that passed.
struct Parts {
    panels: Vec<(String, ModuleSpec)>,
    cords: Vec<(String, CableSpec)>,
}

fn parts_for(catalog: &Catalog) -> Parts {
    let mut panels = Vec::new();
    let mut cords = Vec::new();
    for e in &catalog.entries {
        match &e.part {
            PartTemplate::Module(m) => {
                if let ModuleKind::AdapterPanel(p) = &m.kind {
                    if matches!(
                        p.adapter,
                        fiberplan_model::AdapterKind::MpoKeyUpKeyDown
                            | fiberplan_model::AdapterKind::MpoKeyUpKeyUp
                    ) {
                        panels.push((e.part_number.clone(), m.clone()));
                    }
                }
            }
            PartTemplate::Cable(c) if matches!(c.kind, CableKind::MpoCord { .. }) => {
                cords.push((e.part_number.clone(), c.clone()));
            }
            _ => {}
        }
    }
    Parts { panels, cords }
}

/// Of `cords` (catalog MPO cords), those that mate `a` at one end and `b` at the other:
/// part number, spec, the end that takes `a` and the end that takes `b`.
fn cords_between(
    catalog: &Catalog,
    cords: &[(String, CableSpec)],
    a: fiberplan_model::Connector,
    b: fiberplan_model::Connector,
) -> Vec<(String, CableSpec, usize, usize)> {
    compatible_cables(catalog, a, b)
        .into_iter()
        .filter_map(|ch| {
            cords
                .iter()
                .find(|(pn, _)| pn == &ch.part_number)
                .map(|(pn, s)| (pn.clone(), s.clone(), ch.end_a, ch.end_b))
        })
        .collect()
}

/// What one trunk path's conversion needs: the panel for each cassette and the cord for
/// each end, with the ends the cords plug into.
#[derive(Clone)]
struct Choice {
    panel: (String, ModuleSpec),
    cord_a: (String, CableSpec, usize, usize),
    cord_b: (String, CableSpec, usize, usize),
}

/// Plans the upgrade of the links in `scope` to `application`.
pub fn upgrade(
    design: &Design,
    report: &Report,
    catalog: &Catalog,
    apps: &ApplicationTable,
    application: &str,
    scope: &Scope,
) -> Result<Upgrade, UpgradeError> {
    if apps.get(application).is_none() {
        return Err(UpgradeError::NoApplication(application.to_owned()));
    }
    let optic = optic_for(catalog, application)
        .ok_or_else(|| UpgradeError::NoOptic(application.to_owned()))?;
    let parts = parts_for(catalog);
    let mut edits: Vec<Edit> = Vec::new();
    let mut working = design.clone();
    let mut out = Upgrade {
        application: application.to_owned(),
        edit: Edit::Batch(Vec::new()),
        design: design.clone(),
        removed: Vec::new(),
        added: Vec::new(),
        reoptic: Vec::new(),
        moved: Vec::new(),
        stuck: Vec::new(),
        utilization: Vec::new(),
    };
    let index = Index::new(design);
    let mut ids = IdPool::of(design);
    let mut done_trunks: Vec<Id> = Vec::new();
    let mut done: HashSet<Id> = HashSet::new();
    let mut tried: HashMap<String, Result<Choice, Refusal>> = HashMap::new();
    let mut last_choice: Option<Choice> = None;
    // Apply one edit to the working copy and keep it; an edit that does not apply is a
    // defect of this planner, reported on the link instead of aborting the rest.
    let push = |working: &mut Design, edits: &mut Vec<Edit>, e: Edit| -> Result<(), String> {
        apply(working, e.clone()).map_err(|err| err.to_string())?;
        edits.push(e);
        Ok(())
    };
    let channels: Vec<&Channel> = report
        .channels()
        .iter()
        .filter(|c| c.b.is_some() && in_scope(&index, scope, c))
        .collect();
    // Base-8 optics on base-12 trunks: pairs of trunks carry three links each through
    // conversion modules, where the catalog has them.
    let needed = optic.lanes.len() * 2;
    let pairs_possible =
        optic.is_parallel() && needed <= 8 && !conversion::converters(catalog).is_empty();
    let channel_at: HashMap<&PortRef, usize> = if pairs_possible {
        channels
            .iter()
            .enumerate()
            .flat_map(|(i, c)| std::iter::once((&c.a, i)).chain(c.b.as_ref().map(|b| (b, i))))
            .collect()
    } else {
        HashMap::new()
    };
    let mut moved_ports: HashSet<PortRef> = HashSet::new();
    // Cassettes a breakout's legs went into, and cassettes replaced by a panel or a
    // conversion module: neither kind of change may then touch the other's cassettes, whose
    // cords are no longer the input design's.
    let mut fanned: HashSet<Id> = HashSet::new();
    let mut rebuilt: HashSet<Id> = HashSet::new();
    let mut converted: HashMap<Id, String> = HashMap::new();
    let mut conv_tried: HashMap<String, Result<conversion::ConversionChoice, Refusal>> =
        HashMap::new();
    let mut last_conv: Option<conversion::ConversionChoice> = None;
    // Why trunks that could have been paired carry one link only.
    let mut no_conversion: HashMap<Id, Refusal> = HashMap::new();
    for c in channels.iter().copied() {
        if moved_ports.contains(&c.a) || c.b.as_ref().is_some_and(|b| moved_ports.contains(b)) {
            // Moved with the other links of its trunks' conversion or of its breakout.
            continue;
        }
        let Some(b) = c.b.clone() else { continue };
        let name = link_name(c);
        let (Some(oa), Some(ob)) = (index.optic_at(&c.a), index.optic_at(&b)) else {
            continue;
        };
        if oa.application == application && ob.application == application {
            continue;
        }
        let parts_on = channel_parts(report, c);
        let same_shape = oa.connector.mates_with(optic.connector)
            && oa.lanes.len() == optic.lanes.len()
            && ob.connector.mates_with(optic.connector)
            && ob.lanes.len() == optic.lanes.len();
        if same_shape {
            // The optics alone change.
            let mut ok = true;
            for p in [&c.a, &b] {
                let Some(e) = working.equipment.iter().find(|e| e.id == p.part) else {
                    ok = false;
                    break;
                };
                let spec = set_port_optic(&e.spec, p.port, &optic);
                let port_name = e.spec.port(p.port).map(|(_, n)| n).unwrap_or_default();
                out.reoptic.push(format!("{}/{port_name}", e.label));
                let id = e.id.clone();
                if push(&mut working, &mut edits, Edit::EquipmentSpec { id, spec }).is_err() {
                    ok = false;
                }
            }
            if ok {
                out.moved.push(Moved {
                    a: c.a.clone(),
                    b: b.clone(),
                    name,
                    trunk: None,
                    verdict: Verdict::Fail,
                    margin_db: None,
                    problem: None,
                });
            }
            continue;
        }
        // Only one end asked for: its port takes the parallel optic and fans out to this
        // link and its neighbours, whose far ends keep their duplex optics.
        if optic.is_parallel()
            && !(end_in_scope(&index, scope, &c.a) && end_in_scope(&index, scope, &b))
        {
            let near = if end_in_scope(&index, scope, &c.a) {
                c.a.clone()
            } else {
                b.clone()
            };
            let far_out = |p: &PortRef| !end_in_scope(&index, scope, p);
            match breakout::fan_out(
                &index,
                &channels,
                &near,
                (&moved_ports, &rebuilt, &far_out),
                (&working, catalog, apps, &optic),
            ) {
                Ok(plan) => {
                    let mut log = Vec::new();
                    let applied = undoable(&mut working, Some(&mut edits), |d, step| {
                        breakout::carry_out(d, &plan, &optic, &mut log, &mut ids, step)
                    });
                    match applied {
                        Ok(()) => {
                            // The harness is the last part the breakout added.
                            let harness = log.last().map(|(_, what)| format!("breakout {what}"));
                            record(&mut out, log);
                            if let Some(e) = index.equipment.get(&plan.port.part) {
                                let port_name = e
                                    .spec
                                    .port(plan.port.port)
                                    .map(|(_, n)| n)
                                    .unwrap_or_default();
                                out.reoptic
                                    .push(format!("{}/{port_name} (breakout)", e.label));
                            }
                            for l in &plan.links {
                                moved_ports.insert(l.near.clone());
                                moved_ports.insert(l.far.clone());
                                fanned.insert(l.cassette().clone());
                                out.moved.push(Moved {
                                    a: plan.port.clone(),
                                    b: l.far.clone(),
                                    name: format!("{} (breakout leg of {})", l.name, plan.port),
                                    trunk: harness.clone(),
                                    verdict: Verdict::Fail,
                                    margin_db: None,
                                    problem: None,
                                });
                            }
                        }
                        Err(why) => out.stuck.push(Stuck::new(name, why)),
                    }
                }
                Err(why) => out.stuck.push(Stuck::new(name, why)),
            }
            continue;
        }
        if !optic.is_parallel() {
            out.stuck.push(Stuck::new(
                name,
                format!(
                    "{application} is a duplex optic on {}; this link's optics are parallel: it needs parallel-to-duplex breakouts, which an upgrade to {application} does not add",
                    optic.connector
                ),
            ));
            continue;
        }
        let Some(path) = trunk_path(&index, &parts_on) else {
            out.stuck.push(Stuck::new(
                name,
                "no MPO trunk between two cassettes on its path, so no patching change gives it the fibers a parallel optic needs".into(),
            ));
            continue;
        };
        let trunk_label = design.label_of(&path.trunk).to_owned();
        if let Some(pair_label) = converted.get(&path.trunk) {
            out.stuck.push(Stuck {
                name,
                why: format!(
                    "its trunks {pair_label} carry three {application} links through conversion modules after the upgrade, which went to links before it in port order: add a trunk for this one"
                ),
                reason: "its trunks carry three links through conversion modules after the upgrade: add a trunk for each further link".into(),
            });
            continue;
        }
        if done.contains(&path.trunk) {
            let one = "carries one link after the upgrade";
            let (why, reason) = match no_conversion.get(&path.trunk) {
                None => (
                    format!(
                        "its trunk {trunk_label} carries one {application} link after the upgrade, which went to a link before it in port order: add a trunk for this one"
                    ),
                    format!("its trunk {one}: add a trunk for each further link"),
                ),
                Some(no) => (
                    format!(
                        "its trunk {trunk_label} carries one {application} link after the upgrade, which went to a link before it in port order: add a trunk for this one (conversion modules cannot carry three links on it and its neighbour: {})",
                        no.text(None)
                    ),
                    format!(
                        "its trunk {one}: add a trunk for each further link (conversion modules cannot carry three links on it and its neighbour: {})",
                        no.general
                    ),
                ),
            };
            out.stuck.push(Stuck { name, why, reason });
            continue;
        }
        let Some(trunk) = index.cables.get(&path.trunk).copied() else {
            continue;
        };
        let CableKind::Trunk { connector, .. } = trunk.spec.kind else {
            continue;
        };
        let lit = (1..=connector.positions())
            .filter(|&p| connector.is_lit(p))
            .count();
        if needed > lit {
            out.stuck.push(Stuck {
                name,
                why: format!(
                    "{application} needs {needed} fibers; its trunk {trunk_label} is an {connector} of {lit}"
                ),
                reason: format!(
                    "{application} needs {needed} fibers; its trunk is an {connector} of {lit}"
                ),
            });
            continue;
        }
        if pairs_possible {
            if let Some(pair) = conversion::partner(&index, design, &path, &done) {
                let pair_cords = conversion::cords_on(&index, &pair);
                // The links on the two trunks, in port order, that have not moved.
                let mut on_pair: Vec<usize> = pair_cords
                    .iter()
                    .flat_map(|x| x.ends.iter().flatten())
                    .filter_map(|p| channel_at.get(p).copied())
                    .collect();
                on_pair.sort_unstable();
                on_pair.dedup();
                let carried: Vec<(&Channel, conversion::Carried)> = on_pair
                    .into_iter()
                    .filter_map(|i| {
                        let ch = channels[i];
                        let far = ch.b.as_ref()?;
                        // Both ends asked for, neither moved yet.
                        if moved_ports.contains(&ch.a)
                            || moved_ports.contains(far)
                            || !end_in_scope(&index, scope, &ch.a)
                            || !end_in_scope(&index, scope, far)
                        {
                            return None;
                        }
                        let sa = conversion::side_of(&pair, &pair_cords, &ch.a)?;
                        let sb = conversion::side_of(&pair, &pair_cords, far)?;
                        (sa != sb).then(|| {
                            let ports = if sa == 0 {
                                [ch.a.clone(), far.clone()]
                            } else {
                                [far.clone(), ch.a.clone()]
                            };
                            (ch, conversion::Carried { ports })
                        })
                    })
                    .take(3)
                    .collect();
                let untouched = pair.cassettes.iter().flatten().all(|c| !fanned.contains(c));
                if untouched
                    && carried.len() == 3
                    && carried.iter().any(|(ch, _)| std::ptr::eq(*ch, c))
                {
                    let links: Vec<conversion::Carried> =
                        carried.iter().map(|(_, l)| l.clone()).collect();
                    let (Some(t1), Some(t2)) = (
                        index.cables.get(&pair.trunks[0]),
                        index.cables.get(&pair.trunks[1]),
                    ) else {
                        continue;
                    };
                    let slot: Vec<String> = pair
                        .cassettes
                        .iter()
                        .flatten()
                        .map(|c| {
                            index
                                .modules
                                .get(c)
                                .map(|m| m.spec.slot_format.clone())
                                .unwrap_or_default()
                        })
                        .collect();
                    let shape = format!("{:?}|{:?}|{slot:?}", t1.spec, t2.spec);
                    let swap = conversion::PairSwap {
                        pair: &pair,
                        links: &links,
                        cords: &pair_cords,
                        optic: &optic,
                    };
                    let choice = match conv_tried.get(&shape) {
                        Some(known) => known.clone(),
                        None => {
                            let found = conversion::find_choice(
                                &working,
                                catalog,
                                &parts.cords,
                                apps,
                                &swap,
                                last_conv.as_ref(),
                            );
                            conv_tried.insert(shape, found.clone());
                            found
                        }
                    };
                    if let Err(why) = &choice {
                        for t in &pair.trunks {
                            no_conversion.insert(t.clone(), why.clone());
                        }
                    }
                    if let Ok(choice) = choice {
                        let mut log = Vec::new();
                        if conversion::apply_choice(
                            &mut working,
                            &choice,
                            &swap,
                            &mut log,
                            &mut ids,
                            &mut edits,
                        )
                        .is_ok()
                        {
                            record(&mut out, log);
                            let pair_label = format!(
                                "{} and {}",
                                design.label_of(&pair.trunks[0]),
                                design.label_of(&pair.trunks[1])
                            );
                            rebuilt.extend(pair.cassettes.iter().flatten().cloned());
                            for t in &pair.trunks {
                                done_trunks.push(t.clone());
                                done.insert(t.clone());
                                converted.insert(t.clone(), pair_label.clone());
                            }
                            for (ch, l) in &carried {
                                for p in &l.ports {
                                    if let Some(e) = index.equipment.get(&p.part) {
                                        let port_name =
                                            e.spec.port(p.port).map(|(_, n)| n).unwrap_or_default();
                                        out.reoptic.push(format!("{}/{port_name}", e.label));
                                    }
                                }
                                moved_ports.insert(ch.a.clone());
                                if let Some(far) = &ch.b {
                                    moved_ports.insert(far.clone());
                                }
                                out.moved.push(Moved {
                                    a: ch.a.clone(),
                                    b: ch.b.clone().unwrap_or_else(|| ch.a.clone()),
                                    name: link_name(ch),
                                    trunk: Some(pair_label.clone()),
                                    verdict: Verdict::Fail,
                                    margin_db: None,
                                    problem: None,
                                });
                            }
                            last_conv = Some(choice);
                            continue;
                        }
                    }
                }
            }
        }
        // Every cord of the links on this trunk (LC cords from equipment to the cassettes).
        let cassettes = &path.cassettes;
        let mut cords: Vec<&Cable> = Vec::new();
        for cas in cassettes {
            for x in index.cables_on.get(cas).into_iter().flatten() {
                let on_front = x
                    .ends
                    .iter()
                    .flatten()
                    .any(|p| cassettes.contains(&p.part) && p.side == Side::Front);
                if x.id != path.trunk && on_front && !cords.iter().any(|y| y.id == x.id) {
                    cords.push(x);
                }
            }
        }
        // Which end of the trunk is on the link's `a` side: the cassette of a's cord.
        let cord_of = |end: &PortRef| {
            cords
                .iter()
                .find(|x| x.ends.iter().flatten().any(|p| p == end))
                .copied()
        };
        let (Some(cord_a), Some(cord_b)) = (cord_of(&c.a), cord_of(&b)) else {
            out.stuck.push(Stuck::new(
                name,
                "it does not reach the trunk's cassettes through one cord at each end".into(),
            ));
            continue;
        };
        let cassette_of = |cord: &Cable| {
            cord.ends
                .iter()
                .flatten()
                .find(|p| cassettes.contains(&p.part))
                .map(|p| p.part.clone())
        };
        let (Some(cas_a), Some(cas_b)) = (cassette_of(cord_a), cassette_of(cord_b)) else {
            continue;
        };
        if fanned.contains(&cas_a) || fanned.contains(&cas_b) {
            out.stuck.push(Stuck::new(
                name,
                "a breakout of this upgrade already took ports of its cassettes, so they stay cassettes".into(),
            ));
            continue;
        }
        let slot_format = |id: &Id| {
            index
                .modules
                .get(id)
                .map(|m| m.spec.slot_format.clone())
                .unwrap_or_default()
        };
        // Try catalog panels and cords on this link's parts until its check passes.
        let trunk_end_at = |cas: &Id| {
            trunk
                .ends
                .iter()
                .position(|e| e.as_ref().is_some_and(|p| &p.part == cas))
        };
        let (Some(end_at_a), Some(end_at_b)) = (trunk_end_at(&cas_a), trunk_end_at(&cas_b)) else {
            continue;
        };
        let swap = PanelSwap {
            ends: (&c.a, &b),
            cassettes: (&cas_a, &cas_b),
            trunk: &path.trunk,
            trunk_ends: (end_at_a, end_at_b),
            cords: &cords,
            optic: &optic,
        };
        // (passes, errors, first error) of one choice.
        // Trials run on a design of this link's parts only, made when first needed.
        let base: std::cell::OnceCell<Design> = std::cell::OnceCell::new();
        let try_choice = |ch: &Choice| -> (bool, usize, Option<String>) {
            let mut d = base
                .get_or_init(|| {
                    let mut ids = vec![
                        c.a.part.clone(),
                        b.part.clone(),
                        cas_a.clone(),
                        cas_b.clone(),
                        path.trunk.clone(),
                    ];
                    ids.extend(cords.iter().map(|x| x.id.clone()));
                    sub_design(&working, &ids)
                })
                .clone();
            let mut trial_ids = IdPool::of(&d);
            if let Err(e) = convert(&mut d, ch, &swap, &mut Vec::new(), &mut trial_ids, None) {
                return (false, usize::MAX, Some(e));
            }
            let r = check(&d, apps, CheckMode::Draft);
            let errors = r.count(Severity::Error);
            match link_verdict(&r, &c.a, &b) {
                Some((v, _, problem)) => (v != Verdict::Fail, errors, problem),
                None => (
                    false,
                    usize::MAX,
                    Some("the link does not reach its far end".into()),
                ),
            }
        };
        // Links of one shape (trunk, slot formats) get the same answer: tried once.
        let shape = format!(
            "{:?}|{}|{}",
            trunk.spec,
            slot_format(&cas_a),
            slot_format(&cas_b)
        );
        let mut chosen: Option<Choice> = None;
        // The problem of the trial that came closest: fewest errors.
        let mut best_problem: Option<(usize, String)> = None;
        let mut refused: Option<Refusal> = None;
        if let Some(known) = tried.get(&shape) {
            match known {
                Ok(ch) => chosen = Some(ch.clone()),
                Err(no) => refused = Some(no.clone()),
            }
        } else {
            if let Some(ch) = &last_choice {
                if slot_format(&cas_a) == ch.panel.1.slot_format && try_choice(ch).0 {
                    chosen = Some(ch.clone());
                }
            }
            if chosen.is_none() {
                'search: for panel in parts.panels.iter().filter(|(_, p)| {
                    p.slot_format == slot_format(&cas_a) && p.slot_format == slot_format(&cas_b)
                }) {
                    let ModuleKind::AdapterPanel(ps) = &panel.1.kind else {
                        continue;
                    };
                    let panel_connector = ps.ferrule.unwrap_or(connector);
                    let fits =
                        cords_between(catalog, &parts.cords, optic.connector, panel_connector);
                    for ca in &fits {
                        for cb in &fits {
                            let ch = Choice {
                                panel: panel.clone(),
                                cord_a: ca.clone(),
                                cord_b: cb.clone(),
                            };
                            let (ok, errors, problem) = try_choice(&ch);
                            if ok {
                                chosen = Some(ch);
                                break 'search;
                            }
                            if let Some(p) = problem {
                                if best_problem.as_ref().is_none_or(|(e, _)| errors < *e) {
                                    best_problem = Some((errors, p));
                                }
                            }
                        }
                    }
                }
            }
            let no = match best_problem {
                Some((_, p)) => Refusal {
                    general: "no catalog MPO panel and cords make it pass".into(),
                    detail: Some(p),
                },
                None => Refusal {
                    general: format!(
                        "the catalog has no MPO panel of slot format {} with cords for {}",
                        slot_format(&cas_a),
                        optic.connector
                    ),
                    detail: None,
                },
            };
            tried.insert(shape, chosen.clone().ok_or(no.clone()));
            if chosen.is_none() {
                refused = Some(no);
            }
        }
        let Some(choice) = chosen else {
            if let Some(no) = refused {
                // A shape tried before says so on this link's own trunk.
                out.stuck.push(Stuck {
                    name,
                    why: no.text(Some(&format!("trunk {trunk_label}"))),
                    reason: no.general,
                });
            }
            continue;
        };
        let mut log = Vec::new();
        let result = convert(
            &mut working,
            &choice,
            &swap,
            &mut log,
            &mut ids,
            Some(&mut edits),
        );
        match result {
            Ok(()) => {
                record(&mut out, log);
                for p in [&c.a, &b] {
                    if let Some(e) = index.equipment.get(&p.part) {
                        let port_name = e.spec.port(p.port).map(|(_, n)| n).unwrap_or_default();
                        out.reoptic.push(format!("{}/{port_name}", e.label));
                    }
                }
                rebuilt.insert(cas_a.clone());
                rebuilt.insert(cas_b.clone());
                done_trunks.push(path.trunk.clone());
                done.insert(path.trunk.clone());
                last_choice = Some(choice);
                out.moved.push(Moved {
                    a: c.a.clone(),
                    b: b.clone(),
                    name,
                    trunk: Some(trunk_label),
                    verdict: Verdict::Fail,
                    margin_db: None,
                    problem: None,
                });
            }
            Err(e) => {
                out.stuck.push(Stuck::new(name, e));
            }
        }
    }
    // The verdicts after, from a full check of the upgraded design.
    let after = check(&working, apps, CheckMode::Review);
    for m in &mut out.moved {
        if let Some((v, margin, problem)) = link_verdict(&after, &m.a, &m.b) {
            m.verdict = v;
            m.margin_db = margin;
            m.problem = problem;
        }
    }
    out.utilization = utilization(design, report, &after, &done_trunks);
    out.edit = Edit::Batch(edits);
    out.design = working;
    Ok(out)
}

/// Lit fibers of each trunk in `trunks`, before and after: one pass over each report's
/// channels.
fn utilization(before: &Design, rb: &Report, ra: &Report, trunks: &[Id]) -> Vec<TrunkUse> {
    let wanted: HashSet<&Id> = trunks.iter().collect();
    let lit = |r: &Report| -> HashMap<Id, usize> {
        let mut out: HashMap<Id, usize> = HashMap::new();
        // Each traced fiber counts once on each trunk its own path runs through: a link
        // through a conversion module has fibers on two trunks.
        for c in r.channels().iter() {
            let piece = r.piece(c);
            for &t in &c.traces {
                let mut on: Vec<Id> = path_parts(&piece.graph, piece.traces.path(t as usize))
                    .into_iter()
                    .filter(|p| wanted.contains(p))
                    .collect();
                on.sort();
                on.dedup();
                for p in on {
                    *out.entry(p).or_default() += 1;
                }
            }
        }
        out
    };
    let (lb, la) = (lit(rb), lit(ra));
    trunks
        .iter()
        .filter_map(|t| {
            let cable = before.cables.iter().find(|c| &c.id == t)?;
            let fibers = match cable.spec.kind {
                CableKind::Trunk { connector, .. } => (1..=connector.positions())
                    .filter(|&p| connector.is_lit(p))
                    .count() as u8,
                _ => 0,
            };
            Some(TrunkUse {
                trunk: cable.label.clone(),
                fibers,
                lit_before: lb.get(t).copied().unwrap_or(0),
                lit_after: la.get(t).copied().unwrap_or(0),
            })
        })
        .collect()
}

/// One link's trunk path as a conversion to panels changes it: what the trial of a choice
/// and the conversion kept both act on.
struct PanelSwap<'p> {
    /// The link's two transceiver ports, `a` end first.
    ends: (&'p PortRef, &'p PortRef),
    /// The cassette at each end of the trunk, `a` end first.
    cassettes: (&'p Id, &'p Id),
    /// The trunk.
    trunk: &'p Id,
    /// Which end of the trunk is on each cassette, `a` end first.
    trunk_ends: (usize, usize),
    /// The cords on the cassettes' fronts.
    cords: &'p [&'p Cable],
    /// The optic both ends of the link take.
    optic: &'p TransceiverSpec,
}

/// Converts one trunk path on `d`: the two cassettes out and the panels in, the trunk
/// re-plugged, the cords on the cassettes out, the link's optics set and its MPO cords in.
/// With `edits`, each step is kept as an edit and `log` says what was removed and added. A
/// step that fails undoes the steps before it, so `d` is as it was (without copying it).
fn convert(
    d: &mut Design,
    ch: &Choice,
    swap: &PanelSwap<'_>,
    log: &mut Vec<(bool, String)>,
    ids: &mut IdPool,
    edits: Option<&mut Vec<Edit>>,
) -> Result<(), String> {
    undoable(d, edits, |d, step| {
        convert_steps(d, ch, swap, log, ids, step)
    })
}

/// A step of a conversion: applies an edit to the design, or says why it cannot.
type Step<'s> = dyn FnMut(&mut Design, Edit) -> Result<(), String> + 's;

/// Runs `steps` on `d`, each edit through the step it is given; when all apply, the edits
/// are added to `edits`; when one fails, those before it are undone, so `d` is as it was
/// without being copied.
fn undoable(
    d: &mut Design,
    edits: Option<&mut Vec<Edit>>,
    steps: impl FnOnce(&mut Design, &mut Step<'_>) -> Result<(), String>,
) -> Result<(), String> {
    let mut undo: Vec<Edit> = Vec::new();
    let mut done: Vec<Edit> = Vec::new();
    let mut step = |d: &mut Design, e: Edit| -> Result<(), String> {
        undo.push(apply(d, e.clone()).map_err(|err| err.to_string())?);
        done.push(e);
        Ok(())
    };
    match steps(d, &mut step) {
        Ok(()) => {
            if let Some(list) = edits {
                list.extend(done);
            }
            Ok(())
        }
        Err(e) => {
            for inverse in undo.into_iter().rev() {
                // The inverse of a step that applied applies to the design it left.
                let _ = apply(d, inverse);
            }
            Err(e)
        }
    }
}

/// A module or cable as the upgrade's lists name it: its label and catalog part number.
fn describe(d: &Design, id: &Id) -> String {
    let found = d
        .modules
        .iter()
        .find(|m| &m.id == id)
        .map(|m| (m.label.clone(), m.catalog.clone()))
        .or_else(|| {
            d.cables
                .iter()
                .find(|c| &c.id == id)
                .map(|c| (c.label.clone(), c.catalog.clone()))
        });
    match found {
        Some((label, Some(pn))) => format!("{label} ({pn})"),
        Some((label, None)) => label,
        None => id.to_string(),
    }
}

/// Removes the module `cas` and, with `new` (part number and spec), puts that module in its
/// place: the new module takes the old one's id, slot and label, so its place and labels stay.
fn exchange_module(
    d: &mut Design,
    cas: &Id,
    new: Option<&(String, ModuleSpec)>,
    log: &mut Vec<(bool, String)>,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let Some(old) = d.modules.iter().find(|m| &m.id == cas).cloned() else {
        return Err(format!("no cassette {cas}"));
    };
    log.push((true, describe(d, cas)));
    step(d, Edit::Remove(cas.clone()))?;
    let Some((pn, spec)) = new else {
        return Ok(());
    };
    let module = Module {
        id: old.id,
        label: old.label,
        catalog: Some(pn.clone()),
        unconfirmed: Vec::new(),
        slot: old.slot,
        spec: spec.clone(),
    };
    step(
        d,
        Edit::Insert {
            index: usize::MAX,
            part: Part::Module(module),
        },
    )?;
    log.push((false, describe(d, cas)));
    Ok(())
}

/// Puts `optic` on the equipment port `p`.
fn put_optic(
    d: &mut Design,
    p: &PortRef,
    optic: &TransceiverSpec,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let Some(e) = d.equipment.iter().find(|e| e.id == p.part) else {
        return Err(format!("no equipment {}", p.part));
    };
    let spec = set_port_optic(&e.spec, p.port, optic);
    let id = e.id.clone();
    step(d, Edit::EquipmentSpec { id, spec })
}

/// Adds a catalog cord (`cord`: part number, spec, the end that takes the equipment port,
/// the end that takes the module's) between `equipment` and `module`, and logs it.
fn add_cord(
    d: &mut Design,
    cord: &(String, CableSpec, usize, usize),
    equipment: &PortRef,
    module: PortRef,
    ids: &mut IdPool,
    log: &mut Vec<(bool, String)>,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let (pn, spec, end_eq, end_module) = cord;
    let mut ends = vec![None; spec.end_count()];
    if let Some(e) = ends.get_mut(*end_eq) {
        *e = Some(equipment.clone());
    }
    if let Some(e) = ends.get_mut(*end_module) {
        *e = Some(module);
    }
    add_cable(d, (pn, spec), ends, ids.fresh("MPC"), log, step)
}

/// Adds the catalog cable `part` (part number and spec) with `ends` under the new `id`,
/// labelled with it, and logs it.
fn add_cable(
    d: &mut Design,
    (pn, spec): (&str, &CableSpec),
    ends: Vec<Option<PortRef>>,
    id: Id,
    log: &mut Vec<(bool, String)>,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let cable = Cable {
        label: id.to_string(),
        id: id.clone(),
        catalog: Some(pn.to_owned()),
        unconfirmed: Vec::new(),
        spec: spec.clone(),
        ends,
    };
    step(
        d,
        Edit::Insert {
            index: usize::MAX,
            part: Part::Cable(cable),
        },
    )?;
    log.push((false, describe(d, &id)));
    Ok(())
}

/// Files a conversion's log of parts under the upgrade's removed and added parts.
fn record(out: &mut Upgrade, log: Vec<(bool, String)>) {
    for (removed, what) in log {
        if removed {
            out.removed.push(what);
        } else {
            out.added.push(what);
        }
    }
}

/// Fresh ids for the cords an upgrade adds: every id of the design is known once, so a new
/// one is found without searching the design for each candidate.
struct IdPool {
    taken: HashSet<Id>,
    next: u32,
}

impl IdPool {
    fn of(design: &Design) -> Self {
        IdPool {
            taken: design.ids().cloned().collect(),
            next: 1,
        }
    }

    /// `prefix` followed by the smallest number not yet taken.
    fn fresh(&mut self, prefix: &str) -> Id {
        loop {
            let id = Id::from(format!("{prefix}{}", self.next));
            self.next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The steps of [`convert`], each made through `step`.
fn convert_steps(
    d: &mut Design,
    ch: &Choice,
    swap: &PanelSwap<'_>,
    log: &mut Vec<(bool, String)>,
    ids: &mut IdPool,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let PanelSwap {
        ends: (a, b),
        cassettes: (cas_a, cas_b),
        trunk,
        trunk_ends: (end_at_a, end_at_b),
        cords,
        optic,
    } = *swap;
    for end in [end_at_a, end_at_b] {
        step(
            d,
            Edit::Plug {
                cable: trunk.clone(),
                end,
                port: None,
            },
        )?;
    }
    for cord in cords {
        log.push((true, describe(d, &cord.id)));
        step(d, Edit::Remove(cord.id.clone()))?;
    }
    for cas in [cas_a, cas_b] {
        exchange_module(d, cas, Some(&ch.panel), log, step)?;
    }
    step(
        d,
        Edit::Plug {
            cable: trunk.clone(),
            end: end_at_a,
            port: Some(PortRef {
                part: cas_a.clone(),
                side: Side::Rear,
                port: 1,
            }),
        },
    )?;
    step(
        d,
        Edit::Plug {
            cable: trunk.clone(),
            end: end_at_b,
            port: Some(PortRef {
                part: cas_b.clone(),
                side: Side::Rear,
                port: 1,
            }),
        },
    )?;
    for p in [a, b] {
        put_optic(d, p, optic, step)?;
    }
    for (p, cas, cord) in [(a, cas_a, &ch.cord_a), (b, cas_b, &ch.cord_b)] {
        let panel = PortRef {
            part: cas.clone(),
            side: Side::Front,
            port: 1,
        };
        add_cord(d, cord, p, panel, ids, log, step)?;
    }
    Ok(())
}
