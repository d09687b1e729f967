//! Building the channel graph: a plug for every cable end, transceiver and module port in
//! scope, the fibers inside each part, and a mating wherever a plug meets a port, each
//! checked as it is made (docs/model.md, "Matings" and "Components").

use super::{ChannelGraph, FiberNode, Link, LinkKind, Mating, Plug, Segment, Step, Transceiver};
use crate::trace::finding::Rule;
use crate::trace::finding::{Finding, PlugSite, Severity};
use crate::trace::maps::{
    array_cable_position, duplex_cord_position, mated_position, MatingGeometry,
};
use crate::trace::mating::{check_mating, check_panel_ferrule};
use crate::trace::pieces::{Scope, ScopedEquipment};
use fiberplan_model::limits::{self, MAX_PORTS};
use fiberplan_model::{
    AdapterKind, CableKind, Connector, ConverterSpec, Design, FiberLink, Gender, Id, ModuleKind,
    PlugPosition, PortRef, Side, TransceiverSpec,
};
use petgraph::graph::{NodeIndex, UnGraph};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// A port of a part, resolved to indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PortOwner {
    Equipment(usize),
    Module(usize),
}

struct Builder<'d> {
    design: &'d Design,
    scope: &'d Scope,
    g: ChannelGraph,
    has_fiber: Vec<bool>,
    /// (equipment index, port) -> transceiver plug.
    equipment_plugs: HashMap<(usize, u16), u32>,
    /// (module index, side, port) -> internal plug.
    module_plugs: HashMap<(usize, Side, u16), u32>,
    /// Checked [rear/MPO, front/LC] loss figures of cassettes and panels.
    module_loss: HashMap<usize, [f64; 2]>,
    /// A buffer for port names.
    scratch: String,
}

impl ChannelGraph {
    /// Builds the channel graph of the whole of `design`.
    pub fn build(design: &Design) -> ChannelGraph {
        ChannelGraph::build_scope(design, &Scope::whole(design))
    }

    /// Builds the channel graph of one piece of `design`.
    pub fn build_scope(design: &Design, scope: &Scope) -> ChannelGraph {
        // Sized up front: a plugged cable end makes two plugs (its own and the port's) of the
        // same positions, and every node has at most one fiber and one mating edge.
        let (ends, positions) = scope
            .cables
            .iter()
            .map(|&c| &design.cables[c as usize])
            .flat_map(|c| (0..c.ends.len()).filter_map(|e| c.spec.end_connector(e)))
            .fold((0usize, 0usize), |(n, p), c| {
                (n + 1, p + usize::from(c.positions()))
            });
        let nodes = 2 * positions;
        let mut b = Builder {
            design,
            scope,
            g: ChannelGraph {
                graph: UnGraph::with_capacity(nodes, nodes),
                adjacency: Vec::with_capacity(nodes),
                plugs: Vec::with_capacity(2 * ends),
                matings: Vec::with_capacity(ends),
                segments: Vec::with_capacity(scope.cables.len() + scope.modules.len()),
                transceivers: Vec::new(),
                findings: Vec::new(),
                shared: Vec::new(),
            },
            has_fiber: Vec::with_capacity(nodes),
            equipment_plugs: HashMap::default(),
            module_plugs: HashMap::default(),
            module_loss: HashMap::default(),
            scratch: String::new(),
        };
        b.equipment_plugs.reserve(ends);
        b.module_plugs.reserve(ends);
        b.add_equipment();
        b.add_modules();
        let cable_plugs = b.add_cables();
        b.add_matings(&cable_plugs);
        // The graph is kept with its piece for as long as the design is open: the room
        // reserved for the most it could hold is given back.
        let mut g = b.g;
        g.graph.shrink_to_fit();
        g.matings.shrink_to_fit();
        g.plugs.shrink_to_fit();
        g.segments.shrink_to_fit();
        g
    }
}

impl Builder<'_> {
    fn add_plug(&mut self, plug: Plug) -> u32 {
        let index = self.g.plugs.len() as u32;
        let base = self.g.graph.node_count() as u32;
        for p in 1..=plug.connector.positions() {
            self.g.graph.add_node(FiberNode {
                plug: index,
                position: p,
            });
            self.g.adjacency.push([Step::NONE; 2]);
            self.has_fiber.push(false);
        }
        self.g.plugs.push(Plug { base, ..plug });
        index
    }

    fn invalid(&mut self, part: &Id, message: String) {
        self.g.findings.push(Finding::new(
            Severity::Error,
            Rule::InvalidPart,
            message,
            vec![part.clone()],
        ));
    }

    /// Adds a fiber between two plug positions, refusing positions that do not exist, are
    /// dark, or already carry a fiber (each node has at most one fiber edge).
    fn add_fiber(&mut self, part: &Id, segment: u32, a: (u32, u8), b: (u32, u8)) {
        let mut nodes = [0usize; 2];
        for (slot, (plug, p)) in nodes.iter_mut().zip([a, b]) {
            let pl = &self.g.plugs[plug as usize];
            if !pl.connector.is_lit(p) {
                let msg = format!(
                    "{part}: fiber map uses position {p} of {}, which is not a lit position of {}",
                    pl.site, pl.connector
                );
                self.invalid(part, msg);
                return;
            }
            *slot = pl.node(p).index();
        }
        if nodes.iter().any(|&n| self.has_fiber[n]) {
            let msg = format!("{part}: fiber map uses a position twice");
            self.invalid(part, msg);
            return;
        }
        for &n in &nodes {
            self.has_fiber[n] = true;
        }
        self.g.link(
            NodeIndex::new(nodes[0]),
            NodeIndex::new(nodes[1]),
            Link {
                kind: LinkKind::Fiber,
                index: segment,
            },
        );
    }

    /// A loss or attenuation figure, checked: a negative or non-numeric value is reported and
    /// replaced by `fallback` (the TIA maximum) so it can neither hide nor poison a sum.
    fn figure(&mut self, part: &Id, what: &str, value: f64, fallback: f64) -> f64 {
        if value.is_finite() && value >= 0.0 {
            value
        } else {
            let msg =
                format!("{part}: {what} {value} is not a non-negative number; {fallback} is used");
            self.invalid(part, msg);
            fallback
        }
    }

    /// Adds an explicit fiber map whose plug numbers (from 1) index `plugs`.
    fn add_fiber_links(&mut self, part: &Id, segment: u32, plugs: &[u32], links: &[FiberLink]) {
        for link in links {
            let plug_of = |pp: PlugPosition| plugs.get(usize::from(pp.plug).wrapping_sub(1));
            match (plug_of(link.a), plug_of(link.b)) {
                (Some(&a), Some(&b)) => {
                    self.add_fiber(part, segment, (a, link.a.position), (b, link.b.position))
                }
                _ => {
                    let msg = format!(
                        "{part}: fiber map refers to plug {} or {}, but the part has {} plugs",
                        link.a.plug,
                        link.b.plug,
                        plugs.len()
                    );
                    self.invalid(part, msg);
                }
            }
        }
    }

    fn add_segment(&mut self, segment: Segment) -> u32 {
        self.g.segments.push(segment);
        (self.g.segments.len() - 1) as u32
    }

    fn add_equipment(&mut self) {
        for scoped in &self.scope.equipment {
            let ei = scoped.index as usize;
            let eq = &self.design.equipment[ei];
            let first_finding = self.g.findings.len() as u32;
            self.add_equipment_ports(ei, eq, scoped);
            if !scoped.home {
                let raised = first_finding..self.g.findings.len() as u32;
                self.g.shared.extend(raised);
            }
        }
    }

    /// The transceivers of the ports of `eq` in this piece, and the equipment's own
    /// findings (which every piece holding it raises).
    fn add_equipment_ports(
        &mut self,
        ei: usize,
        eq: &fiberplan_model::Equipment,
        scoped: &ScopedEquipment,
    ) {
        if too_many_ports(eq) {
            let msg = format!(
                "{}: {} ports is more than the {MAX_PORTS} a part may have",
                eq.id,
                eq.spec.port_count()
            );
            self.invalid(&eq.id, msg);
            return;
        }
        let mut n: u16 = 0;
        for group in &eq.spec.ports {
            let first = n.saturating_add(1);
            n = n.saturating_add(group.count);
            if unpinned_mpo(group) {
                let msg = format!(
                    "{} ports {first}-{n}: MPO transceiver receptacles are pinned; checked as pinned",
                    eq.id
                );
                self.invalid(&eq.id, msg);
            }
            if let Err(why) = check_lanes(&group.transceiver) {
                let msg = format!("{} ports {first}-{n}: {why}", eq.id);
                self.invalid(&eq.id, msg);
                continue;
            }
            let mut spec = None;
            for number in first..=n {
                if scoped.has_port(number) {
                    let spec = spec.get_or_insert_with(|| Arc::new(group.transceiver.clone()));
                    self.add_transceiver(ei, eq, group, spec, number, number - first + 1);
                }
            }
        }
    }

    fn add_transceiver(
        &mut self,
        ei: usize,
        eq: &fiberplan_model::Equipment,
        group: &fiberplan_model::PortGroup,
        spec: &Arc<TransceiverSpec>,
        number: u16,
        index_in_group: u16,
    ) {
        let spec = spec.clone();
        let port = PortRef {
            part: eq.id.clone(),
            side: Side::Front,
            port: number,
        };
        // MPO transceiver ports are pinned (docs/model.md §2).
        let gender = spec.connector.is_mpo().then_some(Gender::Pinned);
        let t = self.g.transceivers.len() as u32;
        let plug = self.add_plug(Plug {
            site: PlugSite::Transceiver { port: port.clone() },
            connector: spec.connector,
            gender,
            polish: spec.polish,
            fiber: None,
            media: spec.media,
            base: 0,
            mating: None,
            transceiver: Some(t),
            breakout_leg: None,
        });
        self.equipment_plugs.insert((ei, number), plug);
        self.g.transceivers.push(Transceiver {
            port,
            name: {
                // Written into one reused buffer: the name's only allocation is its own.
                self.scratch.clear();
                // The maker's own numbering: `ens1f0` counts from 0.
                let number =
                    u32::from(index_in_group).saturating_sub(1) + u32::from(group.first_number);
                let _ = write!(self.scratch, "{}{number}", group.name_prefix);
                Arc::from(self.scratch.as_str())
            },
            equipment: ei as u32,
            spec,
            plug,
        });
    }

    fn add_modules(&mut self) {
        for &mi in &self.scope.modules {
            let mi = mi as usize;
            let module = &self.design.modules[mi];
            // TIA-568.3 maximum per mated pair replaces a figure that is not a number.
            match &module.spec.kind {
                ModuleKind::Cassette(c) => {
                    let mpo = self.figure(&module.id, "MPO loss", c.mpo_loss_db, 0.75);
                    let lc = self.figure(&module.id, "LC loss", c.lc_loss_db, 0.75);
                    self.module_loss.insert(mi, [mpo, lc]);
                }
                ModuleKind::AdapterPanel(p) => {
                    let l = self.figure(&module.id, "adapter loss", p.loss_db, 0.75);
                    self.module_loss.insert(mi, [l, l]);
                }
                ModuleKind::Converter(c) => {
                    for port in &c.ports {
                        let what = format!("loss of port {:?} {}", port.side, port.number);
                        self.figure(&module.id, &what, port.loss_db, 0.75);
                    }
                }
            }
            if let ModuleKind::Converter(conv) = &module.spec.kind {
                self.add_converter(mi, &module.id, conv);
                continue;
            }
            let ModuleKind::Cassette(cas) = &module.spec.kind else {
                continue;
            };
            if !cas.connector.is_mpo() {
                let msg = format!("{}: cassette rear connector must be MPO", module.id);
                self.invalid(&module.id, msg);
                continue;
            }
            let segment = self.add_segment(Segment {
                part: module.id.clone(),
                length_m: 0.0,
                fiber: cas.fiber,
                splice_loss_db: 0.0,
                attenuation_db_per_km: None,
            });
            for r in 1..=cas.rear_ports as u16 {
                let port = PortRef {
                    part: module.id.clone(),
                    side: Side::Rear,
                    port: r,
                };
                let plug = self.add_plug(Plug {
                    site: PlugSite::ModuleInternal { port },
                    connector: cas.connector,
                    gender: Some(cas.gender),
                    polish: cas.mpo_polish,
                    fiber: Some(cas.fiber),
                    media: cas.fiber.class(),
                    base: 0,
                    mating: None,
                    transceiver: None,
                    breakout_leg: None,
                });
                self.module_plugs.insert((mi, Side::Rear, r), plug);
            }
            let harness = cas.harness_fibers();
            for k in 1..=cas.front_ports() {
                let port = PortRef {
                    part: module.id.clone(),
                    side: Side::Front,
                    port: k,
                };
                let plug = self.add_plug(Plug {
                    site: PlugSite::ModuleInternal { port },
                    connector: Connector::LcDuplex,
                    gender: None,
                    polish: cas.lc_polish,
                    fiber: Some(cas.fiber),
                    media: cas.fiber.class(),
                    base: 0,
                    mating: None,
                    transceiver: None,
                    // Where a parallel port's lanes fan out through a cassette, front port k is
                    // leg k, as harness leg k is (docs/model.md §4, fan-outs).
                    breakout_leg: Some(u8::try_from(k).unwrap_or(u8::MAX)),
                });
                self.module_plugs.insert((mi, Side::Front, k), plug);
            }
            for f in harness {
                let rear = self
                    .module_plugs
                    .get(&(mi, Side::Rear, f.rear as u16))
                    .copied();
                let front = self.module_plugs.get(&(mi, Side::Front, f.front)).copied();
                match (rear, front) {
                    (Some(r), Some(fr)) => {
                        self.add_fiber(&module.id, segment, (r, f.position), (fr, f.lc.number()))
                    }
                    _ => {
                        let msg = format!(
                            "{}: harness fiber refers to rear port {} or front port {} that the cassette does not have",
                            module.id, f.rear, f.front
                        );
                        self.invalid(&module.id, msg);
                    }
                }
            }
        }
    }

    fn add_converter(&mut self, mi: usize, id: &Id, conv: &ConverterSpec) {
        let segment = self.add_segment(Segment {
            part: id.clone(),
            length_m: 0.0,
            fiber: conv.fiber,
            splice_loss_db: 0.0,
            attenuation_db_per_km: None,
        });
        let mut seen = rustc_hash::FxHashSet::default();
        for port in &conv.ports {
            if !seen.insert((port.side, port.number)) {
                // The fiber map names ports by position in the list: with a duplicate, it
                // cannot be trusted, so no fiber is added.
                let msg = format!(
                    "{id}: port {:?} {} is defined twice",
                    port.side, port.number
                );
                self.invalid(id, msg);
                return;
            }
            if port.connector.is_mpo() && port.gender.is_none() {
                let msg = format!(
                    "{id}: MPO port {:?} {} needs the gender of its internal plug",
                    port.side, port.number
                );
                self.invalid(id, msg);
            }
        }
        let mut plugs = Vec::with_capacity(conv.ports.len());
        for port in &conv.ports {
            let port_ref = PortRef {
                part: id.clone(),
                side: port.side,
                port: port.number,
            };
            let plug = self.add_plug(Plug {
                site: PlugSite::ModuleInternal { port: port_ref },
                connector: port.connector,
                gender: port.gender,
                polish: port.polish,
                fiber: Some(conv.fiber),
                media: conv.fiber.class(),
                base: 0,
                mating: None,
                transceiver: None,
                breakout_leg: None,
            });
            self.module_plugs.insert((mi, port.side, port.number), plug);
            plugs.push(plug);
        }
        self.add_fiber_links(id, segment, &plugs, &conv.fibers);
    }

    /// Adds every cable's plugs and fibers; returns, per cable, its plugs (end order).
    fn add_cables(&mut self) -> Vec<Vec<u32>> {
        let mut all = Vec::with_capacity(self.scope.cables.len());
        for &ci in &self.scope.cables {
            let cable = &self.design.cables[ci as usize];
            let spec = &cable.spec;
            let ends = spec.end_count();
            let mut plugs = Vec::new();
            if spec.plugs.len() != ends || cable.ends.len() != ends {
                let msg = format!(
                    "{}: a {} has {ends} ends, but {} plugs and {} end connections are given",
                    cable.id,
                    cable_kind_name(&spec.kind),
                    spec.plugs.len(),
                    cable.ends.len()
                );
                self.invalid(&cable.id, msg);
                all.push(plugs);
                continue;
            }
            if !(spec.length_m.is_finite() && spec.length_m >= 0.0) {
                let msg = format!(
                    "{}: length {} m is not a non-negative number",
                    cable.id, spec.length_m
                );
                self.invalid(&cable.id, msg);
                all.push(plugs);
                continue;
            }
            let mut ok = true;
            for (i, plug_spec) in spec.plugs.iter().enumerate() {
                let Some(connector) = spec.end_connector(i) else {
                    ok = false;
                    break;
                };
                if connector.is_mpo() && plug_spec.gender.is_none() {
                    let msg = format!("{} end {}: an MPO plug needs a gender", cable.id, i + 1);
                    self.invalid(&cable.id, msg);
                }
                let breakout_leg = match &spec.kind {
                    CableKind::Breakout { .. } if i > 0 => u8::try_from(i).ok(),
                    _ => None,
                };
                let plug = self.add_plug(Plug {
                    site: PlugSite::CableEnd {
                        cable: cable.id.clone(),
                        end: (i + 1) as u16,
                        port: cable.ends[i].clone(),
                    },
                    connector,
                    gender: plug_spec.gender,
                    polish: plug_spec.polish,
                    fiber: Some(spec.fiber),
                    media: spec.fiber.class(),
                    base: 0,
                    mating: None,
                    transceiver: None,
                    breakout_leg,
                });
                plugs.push(plug);
            }
            if !ok {
                all.push(plugs);
                continue;
            }
            let splice_db = self.figure(&cable.id, "splice loss", spec.splice_loss_db, 0.3);
            // An unusable stated attenuation falls back to the table's figure.
            let stated = spec
                .attenuation_db_per_km
                .map(|a| self.figure(&cable.id, "attenuation", a, f64::NAN))
                .filter(|a| a.is_finite());
            let segment = self.add_segment(Segment {
                part: cable.id.clone(),
                length_m: spec.length_m,
                fiber: spec.fiber,
                splice_loss_db: f64::from(spec.splices) * splice_db,
                attenuation_db_per_km: stated,
            });
            match &spec.kind {
                CableKind::Trunk {
                    connector,
                    polarity,
                }
                | CableKind::MpoCord {
                    connector,
                    polarity,
                } => {
                    if !connector.is_mpo() {
                        let msg = format!("{}: an MPO cable needs an MPO connector", cable.id);
                        self.invalid(&cable.id, msg);
                    } else {
                        for p in 1..=connector.positions() {
                            if connector.is_lit(p) {
                                let q = array_cable_position(*polarity, *connector, p);
                                self.add_fiber(&cable.id, segment, (plugs[0], p), (plugs[1], q));
                            }
                        }
                    }
                }
                CableKind::LcCord { polarity } => {
                    for p in 1..=2 {
                        let q = duplex_cord_position(*polarity, p);
                        self.add_fiber(&cable.id, segment, (plugs[0], p), (plugs[1], q));
                    }
                }
                CableKind::Breakout { connector, legs } => {
                    if !connector.is_mpo() {
                        let msg = format!("{}: a breakout needs an MPO end", cable.id);
                        self.invalid(&cable.id, msg);
                    } else {
                        for (k, leg) in legs.iter().enumerate() {
                            let leg_plug = plugs[k + 1];
                            self.add_fiber(&cable.id, segment, (plugs[0], leg.a), (leg_plug, 1));
                            if let Some(b) = leg.b {
                                self.add_fiber(&cable.id, segment, (plugs[0], b), (leg_plug, 2));
                            }
                        }
                    }
                }
                CableKind::Harness { fibers, .. } => {
                    self.add_fiber_links(&cable.id, segment, &plugs, fibers);
                }
            }
            all.push(plugs);
        }
        all
    }

    /// Plugs every cable end into its port and mates it with what is on the other side.
    /// Mates every plugged cable end with the port it is plugged into.
    fn add_matings(&mut self, cable_plugs: &[Vec<u32>]) {
        let occupancy = self.occupancy(cable_plugs);
        self.mate_ports(occupancy);
    }

    /// (port, plug) for every cable end plugged into a port that exists, sorted by port so
    /// findings come out in a stable order (a stable sort keeps the cables of one port in
    /// design order). Ends plugged into missing parts or ports are findings instead.
    fn occupancy(&mut self, cable_plugs: &[Vec<u32>]) -> Vec<((PortOwner, u16, Side), u32)> {
        let design = self.design;
        let mut equipment_index = HashMap::default();
        for e in &self.scope.equipment {
            let i = e.index as usize;
            equipment_index.insert(design.equipment[i].id.as_str(), i);
        }
        let mut module_index = HashMap::default();
        for &m in &self.scope.modules {
            let i = m as usize;
            module_index.insert(design.modules[i].id.as_str(), i);
        }
        let mut occupancy: Vec<((PortOwner, u16, Side), u32)> =
            Vec::with_capacity(self.g.plugs.len());
        for (k, &ci) in self.scope.cables.iter().enumerate() {
            let cable = &design.cables[ci as usize];
            let plugs = &cable_plugs[k];
            for (end, target) in cable.ends.iter().enumerate() {
                let (Some(port), Some(&plug)) = (target, plugs.get(end)) else {
                    continue;
                };
                let owner = if let Some(&e) = equipment_index.get(port.part.as_str()) {
                    PortOwner::Equipment(e)
                } else if let Some(&m) = module_index.get(port.part.as_str()) {
                    PortOwner::Module(m)
                } else {
                    let msg = format!(
                        "{} end {}: plugged into {port}, but there is no equipment or module {}",
                        cable.id,
                        end + 1,
                        port.part
                    );
                    self.g.findings.push(Finding::new(
                        Severity::Error,
                        Rule::Reference,
                        msg,
                        vec![cable.id.clone()],
                    ));
                    continue;
                };
                if !self.port_exists(owner, port) {
                    let msg = format!(
                        "{} end {}: plugged into {port}, which {} does not have",
                        cable.id,
                        end + 1,
                        port.part
                    );
                    self.g.findings.push(Finding::new(
                        Severity::Error,
                        Rule::Reference,
                        msg,
                        vec![cable.id.clone(), port.part.clone()],
                    ));
                    continue;
                }
                occupancy.push(((owner, port.port, port.side), plug));
            }
        }
        occupancy.sort_by_key(|(port, _)| *port);
        occupancy
    }

    /// Mates the first plug at each port with the port's transceiver, module plug or panel
    /// adapter; more than one plug at a port is a finding.
    fn mate_ports(&mut self, occupancy: Vec<((PortOwner, u16, Side), u32)>) {
        // Panel adapters need both sides together.
        let mut panel_sides: BTreeMap<(usize, u16), [Option<u32>; 2]> = BTreeMap::new();
        for group in occupancy.chunk_by(|a, b| a.0 == b.0) {
            let ((owner, port_no, side), first) = &group[0];
            let first = *first;
            if group.len() > 1 {
                let port = self.port_ref(*owner, *side, *port_no);
                let cables: Vec<Id> = group
                    .iter()
                    .map(|&(_, p)| self.g.plugs[p as usize].site.part().clone())
                    .collect();
                let names: Vec<String> = cables.iter().map(|c| c.to_string()).collect();
                let mut f = Finding::new(
                    Severity::Error,
                    Rule::PortConflict,
                    format!(
                        "{port} has {} cable ends plugged in ({}); only {} is traced",
                        group.len(),
                        names.join(", "),
                        names[0]
                    ),
                    cables,
                );
                f.ports.push(port);
                self.g.findings.push(f);
            }
            match *owner {
                PortOwner::Equipment(e) => {
                    if let Some(&t) = self.equipment_plugs.get(&(e, *port_no)) {
                        let port = self.port_ref(*owner, *side, *port_no);
                        self.mate(first, t, port, MatingGeometry::Transceiver, 0.0, false);
                    }
                }
                PortOwner::Module(m) => match &self.design.modules[m].spec.kind {
                    ModuleKind::Cassette(cas) => {
                        if let Some(&internal) = self.module_plugs.get(&(m, *side, *port_no)) {
                            // The checked figures: a bad one was reported and replaced.
                            let [mpo_loss, lc_loss] =
                                self.module_loss.get(&m).copied().unwrap_or([0.75; 2]);
                            let (geometry, loss) = match side {
                                Side::Rear => (
                                    MatingGeometry::Adapter(cas.polarity.rear_adapter()),
                                    mpo_loss,
                                ),
                                Side::Front => {
                                    (MatingGeometry::Adapter(AdapterKind::LcDuplex), lc_loss)
                                }
                            };
                            let port = self.port_ref(*owner, *side, *port_no);
                            self.mate(first, internal, port, geometry, loss, true);
                        }
                    }
                    ModuleKind::AdapterPanel(_) => {
                        let entry = panel_sides.entry((m, *port_no)).or_default();
                        entry[usize::from(*side == Side::Rear)] = Some(first);
                    }
                    ModuleKind::Converter(conv) => {
                        let spec = conv
                            .ports
                            .iter()
                            .find(|p| p.side == *side && p.number == *port_no);
                        let internal = self.module_plugs.get(&(m, *side, *port_no)).copied();
                        if let (Some(spec), Some(internal)) = (spec, internal) {
                            let port = self.port_ref(*owner, *side, *port_no);
                            let geometry = MatingGeometry::Adapter(spec.adapter);
                            let loss = if spec.loss_db.is_finite() && spec.loss_db >= 0.0 {
                                spec.loss_db
                            } else {
                                0.75
                            };
                            self.mate(first, internal, port, geometry, loss, true);
                        }
                    }
                },
            }
        }
        for ((m, port_no), sides) in panel_sides {
            let ModuleKind::AdapterPanel(panel) = &self.design.modules[m].spec.kind else {
                continue;
            };
            if let [Some(front), Some(rear)] = sides {
                let port = self.port_ref(PortOwner::Module(m), Side::Front, port_no);
                let loss = self.module_loss.get(&m).map_or(0.75, |l| l[0]);
                let geometry = MatingGeometry::Adapter(panel.adapter);
                let refused = match panel.ferrule {
                    Some(ferrule) if panel.adapter.is_mpo() => check_panel_ferrule(
                        &self.g.plugs[front as usize],
                        &self.g.plugs[rear as usize],
                        panel.adapter,
                        ferrule,
                        &port,
                    ),
                    _ => Vec::new(),
                };
                if refused.is_empty() {
                    self.mate(front, rear, port, geometry, loss, true);
                } else {
                    self.block(front, rear, port, geometry, loss, refused);
                }
            }
        }
    }

    fn port_ref(&self, owner: PortOwner, side: Side, port: u16) -> PortRef {
        let part = match owner {
            PortOwner::Equipment(e) => self.design.equipment[e].id.clone(),
            PortOwner::Module(m) => self.design.modules[m].id.clone(),
        };
        PortRef { part, side, port }
    }

    fn port_exists(&self, owner: PortOwner, port: &PortRef) -> bool {
        match owner {
            PortOwner::Equipment(e) => {
                port.side == Side::Front
                    && port.port >= 1
                    && u32::from(port.port) <= self.design.equipment[e].spec.port_count()
            }
            PortOwner::Module(m) => self.design.modules[m].spec.has_port(port.side, port.port),
        }
    }

    /// Records a mating, checks its rules and, unless the plugs cannot mate, links positions.
    fn mate(
        &mut self,
        a: u32,
        b: u32,
        port: PortRef,
        geometry: MatingGeometry,
        loss_db: f64,
        counts_for_loss: bool,
    ) {
        let outcome = check_mating(
            &self.g.plugs[a as usize],
            &self.g.plugs[b as usize],
            geometry,
            &port,
        );
        let index = self.push_mating(
            Mating {
                a,
                b,
                port,
                geometry,
                loss_db,
                counts_for_loss,
                blocked: outcome.blocked,
                fiber_class_error: outcome.fiber_class_error,
                findings: Vec::new(),
            },
            outcome.findings,
        );
        if !outcome.blocked {
            let connector = self.g.plugs[a as usize].connector;
            for p in 1..=connector.positions() {
                // Position p of `a` touches position q of `b`: one edge per position.
                let q = mated_position(geometry, connector, p);
                let na = self.g.plugs[a as usize].node(p);
                let nb = self.g.plugs[b as usize].node(q);
                self.g.link(
                    na,
                    nb,
                    Link {
                        kind: LinkKind::Mating,
                        index,
                    },
                );
            }
        }
    }

    /// Records `mating` with the findings it raised, marks its plugs as mated, and returns
    /// its index.
    fn push_mating(&mut self, mut mating: Mating, found: Vec<Finding>) -> u32 {
        let index = self.g.matings.len() as u32;
        for f in found {
            mating.findings.push(self.g.findings.len() as u32);
            self.g.findings.push(f);
        }
        self.g.plugs[mating.a as usize].mating = Some(index);
        self.g.plugs[mating.b as usize].mating = Some(index);
        self.g.matings.push(mating);
        index
    }

    /// Records plugs `a` and `b` as meeting in `port` without any light crossing, for the
    /// reasons `refused` gives (a plug the adapter does not take).
    fn block(
        &mut self,
        a: u32,
        b: u32,
        port: PortRef,
        geometry: MatingGeometry,
        loss_db: f64,
        refused: Vec<Finding>,
    ) {
        self.push_mating(
            Mating {
                a,
                b,
                port,
                geometry,
                loss_db,
                counts_for_loss: true,
                blocked: true,
                fiber_class_error: false,
                findings: Vec::new(),
            },
            refused,
        );
    }
}

/// True when checking `eq` raises findings about the equipment itself: the same three
/// tests `Builder::add_equipment_ports` reports on, so only such equipment needs a home piece.
pub fn has_own_findings(eq: &fiberplan_model::Equipment) -> bool {
    too_many_ports(eq)
        || eq
            .spec
            .ports
            .iter()
            .any(|g| unpinned_mpo(g) || check_lanes(&g.transceiver).is_err())
}

/// More ports than a part may have: a damaged or absurd file.
fn too_many_ports(eq: &fiberplan_model::Equipment) -> bool {
    limits::too_many_ports(usize::try_from(eq.spec.port_count()).unwrap_or(usize::MAX))
}

/// An MPO receptacle stated unpinned; transceiver receptacles are pinned (docs/model.md §2).
fn unpinned_mpo(group: &fiberplan_model::PortGroup) -> bool {
    group.transceiver.connector.is_mpo() && group.transceiver.gender == Some(Gender::Unpinned)
}

/// Why a transceiver's lane map cannot be traced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum LaneError {
    /// A lane names a position the connector does not have or does not light.
    #[error("lane position {position} is not a lit position of the {connector} connector")]
    NotLit {
        /// The position.
        position: u8,
        /// The connector.
        connector: fiberplan_model::Connector,
    },
    /// Two lanes, or both fibers of one lane, name the same position.
    #[error("lane position {0} is used twice")]
    Twice(u8),
}

/// Lane positions must lie on the connector and be distinct.
fn check_lanes(spec: &TransceiverSpec) -> Result<(), LaneError> {
    let positions = spec.connector.positions();
    let mut used = Vec::with_capacity(spec.lanes.len() * 2);
    for l in &spec.lanes {
        for p in [l.tx, l.rx] {
            if p == 0 || p > positions || !spec.connector.is_lit(p) {
                return Err(LaneError::NotLit {
                    position: p,
                    connector: spec.connector,
                });
            }
            if used.contains(&p) {
                return Err(LaneError::Twice(p));
            }
            used.push(p);
        }
    }
    Ok(())
}

fn cable_kind_name(kind: &CableKind) -> &'static str {
    match kind {
        CableKind::Trunk { .. } => "trunk",
        CableKind::MpoCord { .. } => "MPO cord",
        CableKind::LcCord { .. } => "LC duplex cord",
        CableKind::Breakout { .. } => "breakout harness",
        CableKind::Harness { .. } => "harness",
    }
}
