//! Splitting a design into pieces that light cannot cross between.
//!
//! Light only travels along cables, through modules and into equipment ports, so a design
//! falls apart into connected pieces: a module is one node (its harness or adapters join
//! its ports), each equipment port is a node of its own (a switch does not carry light from
//! one port to another), and every cable joins the nodes its ends are plugged into. Checking
//! each piece on its own gives exactly the findings of checking the whole design, and an
//! edit only has to check again the pieces it touches.

use fiberplan_model::{Design, Id};
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::hash::BuildHasher;

/// An equipment in a piece, with the ports the piece cables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopedEquipment {
    /// Index into [`Design::equipment`].
    pub index: u32,
    /// The ports in this piece, ascending; `None` for every port.
    pub ports: Option<Vec<u16>>,
    /// True in the one piece that lists the equipment's own findings (a bad port group);
    /// other pieces raise them too, for the verdicts of their channels, but do not list them.
    pub home: bool,
}

impl ScopedEquipment {
    /// True when port `number` belongs to this piece.
    pub fn has_port(&self, number: u16) -> bool {
        self.ports
            .as_ref()
            .is_none_or(|p| p.binary_search(&number).is_ok())
    }
}

/// The parts of one piece, by index into the design's lists, each list ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Equipment and their ports.
    pub equipment: Vec<ScopedEquipment>,
    /// Modules.
    pub modules: Vec<u32>,
    /// Cables.
    pub cables: Vec<u32>,
}

impl Scope {
    /// Every part of `design` as one piece.
    pub fn whole(design: &Design) -> Scope {
        Scope {
            equipment: (0..design.equipment.len() as u32)
                .map(|index| ScopedEquipment {
                    index,
                    ports: None,
                    home: true,
                })
                .collect(),
            modules: (0..design.modules.len() as u32).collect(),
            cables: (0..design.cables.len() as u32).collect(),
        }
    }

    /// The piece that lists the own findings of equipment `index`: no ports, no cables.
    pub fn home_of(index: u32) -> Scope {
        Scope {
            equipment: vec![ScopedEquipment {
                index,
                ports: Some(Vec::new()),
                home: true,
            }],
            ..Scope::default()
        }
    }
}

/// What a cable end's part id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// Index into [`Design::equipment`].
    Equipment(u32),
    /// Index into [`Design::modules`].
    Module(u32),
}

/// The hash a piece is filed under for a part id.
pub fn id_key(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// The hash a piece is filed under for one equipment port.
pub fn port_key(id: &str, port: u16) -> u64 {
    FxBuildHasher.hash_one((id, port))
}

/// Owners of the part ids of a whole design, resolved as the graph builder does for a
/// repeated id in a damaged design: equipment before modules, the last of a kind wins.
pub fn owners(design: &Design) -> HashMap<&str, Owner> {
    let mut map = HashMap::default();
    map.reserve(design.equipment.len() + design.modules.len());
    for (i, m) in design.modules.iter().enumerate() {
        map.insert(m.id.as_str(), Owner::Module(i as u32));
    }
    for (i, e) in design.equipment.iter().enumerate() {
        map.insert(e.id.as_str(), Owner::Equipment(i as u32));
    }
    map
}

/// Splits `cables` and `modules` (ascending indices) into connected pieces, with
/// `resolve` naming what a cable end's part id is. Modules with no cable make pieces of
/// their own; equipment ports appear only where a cable plugs in.
pub fn partition(
    design: &Design,
    cables: &[u32],
    modules: &[u32],
    mut resolve: impl FnMut(&str) -> Option<Owner>,
) -> Vec<Scope> {
    let mut sets = DisjointSets::default();
    let mut module_node: HashMap<u32, usize> = HashMap::default();
    module_node.reserve(modules.len());
    for &m in modules {
        module_node.insert(m, sets.add());
    }
    let mut port_node: HashMap<(u32, u16), usize> = HashMap::default();
    let cable_nodes: Vec<usize> = cables.iter().map(|_| sets.add()).collect();
    for (k, &c) in cables.iter().enumerate() {
        for port in design.cables[c as usize].ends.iter().flatten() {
            let node = match resolve(port.part.as_str()) {
                Some(Owner::Module(m)) => *module_node.entry(m).or_insert_with(|| sets.add()),
                Some(Owner::Equipment(e)) => *port_node
                    .entry((e, port.port))
                    .or_insert_with(|| sets.add()),
                None => continue,
            };
            sets.union(cable_nodes[k], node);
        }
    }
    // Pieces numbered in order of their first node, so the result does not depend on hashing.
    let mut piece_of_root: HashMap<usize, usize> = HashMap::default();
    let mut scopes: Vec<Scope> = Vec::new();
    let mut piece = |sets: &mut DisjointSets, node: usize, scopes: &mut Vec<Scope>| {
        let root = sets.find(node);
        *piece_of_root.entry(root).or_insert_with(|| {
            scopes.push(Scope::default());
            scopes.len() - 1
        })
    };
    let mut modules_sorted: Vec<(u32, usize)> = module_node.into_iter().collect();
    modules_sorted.sort_unstable();
    for (m, node) in modules_sorted {
        let p = piece(&mut sets, node, &mut scopes);
        scopes[p].modules.push(m);
    }
    for (k, &c) in cables.iter().enumerate() {
        let p = piece(&mut sets, cable_nodes[k], &mut scopes);
        scopes[p].cables.push(c);
    }
    let mut ports: Vec<(usize, u32, u16)> = port_node
        .into_iter()
        .map(|((e, port), node)| (piece(&mut sets, node, &mut scopes), e, port))
        .collect();
    ports.sort_unstable();
    for group in ports.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let (p, index, _) = group[0];
        scopes[p].equipment.push(ScopedEquipment {
            index,
            ports: Some(group.iter().map(|g| g.2).collect()),
            home: false,
        });
    }
    scopes
}

/// Union-find with path halving and union by size.
#[derive(Default)]
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.size.push(1);
        self.parent.len() - 1
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

/// A part of a checked piece, remembered so an edit can find the piece again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// A cable, with its index when the piece was checked.
    Cable(u32, Id),
    /// A module.
    Module(u32, Id),
    /// An equipment, with the ports the piece cables (none for its home piece).
    Equipment(u32, Id, Vec<u16>),
    /// A part id a cable end names but the design did not have.
    Missing(Id),
}

impl Member {
    /// The part id.
    pub fn id(&self) -> &Id {
        match self {
            Member::Cable(_, id)
            | Member::Module(_, id)
            | Member::Equipment(_, id, _)
            | Member::Missing(id) => id,
        }
    }
}

/// The members of `scope`, with the ids its cable ends name that are not in the design.
pub fn members(design: &Design, scope: &Scope) -> Vec<Member> {
    let mut out = Vec::with_capacity(scope.cables.len() + scope.modules.len() + 4);
    for e in &scope.equipment {
        let id = design.equipment[e.index as usize].id.clone();
        out.push(Member::Equipment(
            e.index,
            id,
            e.ports.clone().unwrap_or_default(),
        ));
    }
    for &m in &scope.modules {
        out.push(Member::Module(m, design.modules[m as usize].id.clone()));
    }
    let mut named: rustc_hash::FxHashSet<&str> = scope
        .equipment
        .iter()
        .map(|e| design.equipment[e.index as usize].id.as_str())
        .chain(
            scope
                .modules
                .iter()
                .map(|&m| design.modules[m as usize].id.as_str()),
        )
        .collect();
    for &c in &scope.cables {
        let cable = &design.cables[c as usize];
        out.push(Member::Cable(c, cable.id.clone()));
    }
    // A cable end naming a part the design lacks: inserting that part later must find
    // this piece again.
    for &c in &scope.cables {
        for port in design.cables[c as usize].ends.iter().flatten() {
            if named.insert(port.part.as_str()) {
                out.push(Member::Missing(port.part.clone()));
            }
        }
    }
    out
}

impl Member {
    /// The keys a piece is filed under for this member: its id, and for equipment each
    /// cabled port, so that an edit at one switch port finds only the piece of that port.
    pub fn keys(&self, mut push: impl FnMut(u64)) {
        push(id_key(self.id().as_str()));
        if let Member::Equipment(_, id, ports) = self {
            for &p in ports {
                push(port_key(id.as_str(), p));
            }
        }
    }
}

/// Finds parts of the current design by id: first at the index a piece remembered, then by
/// scanning, and past a few scans through a map of every id.
pub struct Locator<'d> {
    design: &'d Design,
    scans: usize,
    map: Option<HashMap<&'d str, Vec<Found>>>,
    /// Parts already found where a piece remembered them, by [`id_key`].
    hints: HashMap<u64, Found>,
}

/// A part found by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Index into [`Design::cables`].
    Cable(u32),
    /// Index into [`Design::modules`].
    Module(u32),
    /// Index into [`Design::equipment`].
    Equipment(u32),
}

/// Scans before building a map of every id: a scan costs about a twentieth of the map.
const SCANS_BEFORE_MAP: usize = 8;

impl<'d> Locator<'d> {
    /// A locator over `design`.
    pub fn new(design: &'d Design) -> Self {
        Locator {
            design,
            scans: 0,
            map: None,
            hints: HashMap::default(),
        }
    }

    /// The id of a found part.
    fn id_of(&self, found: Found) -> &'d Id {
        let d = self.design;
        match found {
            Found::Cable(i) => &d.cables[i as usize].id,
            Found::Module(i) => &d.modules[i as usize].id,
            Found::Equipment(i) => &d.equipment[i as usize].id,
        }
    }

    /// The part a member names now, if it is still at its remembered index; remembered so
    /// that [`Locator::find`] need not scan for it. (A repeated id, only in a damaged design,
    /// then resolves to the part found first.)
    pub fn verify_and_hint(&mut self, member: &Member) -> Option<Found> {
        let found = self.verify(member)?;
        self.hints.insert(id_key(member.id().as_str()), found);
        Some(found)
    }

    /// The part a member names now, if it is still at its remembered index.
    pub fn verify(&self, member: &Member) -> Option<Found> {
        let d = self.design;
        match member {
            Member::Cable(i, id) => {
                (d.cables.get(*i as usize).map(|c| &c.id) == Some(id)).then_some(Found::Cable(*i))
            }
            Member::Module(i, id) => {
                (d.modules.get(*i as usize).map(|m| &m.id) == Some(id)).then_some(Found::Module(*i))
            }
            Member::Equipment(i, id, _) => (d.equipment.get(*i as usize).map(|e| &e.id)
                == Some(id))
            .then_some(Found::Equipment(*i)),
            Member::Missing(_) => None,
        }
    }

    /// Every cable, module and equipment with this id (more than one only in a damaged
    /// design).
    pub fn find(&mut self, id: &str) -> Vec<Found> {
        if self.map.is_none() && self.scans >= SCANS_BEFORE_MAP {
            let d = self.design;
            let mut map: HashMap<&str, Vec<Found>> = HashMap::default();
            map.reserve(d.cables.len() + d.modules.len() + d.equipment.len());
            for (i, c) in d.cables.iter().enumerate() {
                map.entry(c.id.as_str())
                    .or_default()
                    .push(Found::Cable(i as u32));
            }
            for (i, m) in d.modules.iter().enumerate() {
                map.entry(m.id.as_str())
                    .or_default()
                    .push(Found::Module(i as u32));
            }
            for (i, e) in d.equipment.iter().enumerate() {
                map.entry(e.id.as_str())
                    .or_default()
                    .push(Found::Equipment(i as u32));
            }
            self.map = Some(map);
        }
        if let Some(map) = &self.map {
            return map.get(id).cloned().unwrap_or_default();
        }
        if let Some(&found) = self.hints.get(&id_key(id)) {
            if self.id_of(found).as_str() == id {
                return vec![found];
            }
        }
        self.scans += 1;
        let d = self.design;
        let cables = d
            .cables
            .iter()
            .enumerate()
            .filter(|(_, c)| c.id.as_str() == id);
        let modules = d
            .modules
            .iter()
            .enumerate()
            .filter(|(_, m)| m.id.as_str() == id);
        let equipment = d
            .equipment
            .iter()
            .enumerate()
            .filter(|(_, e)| e.id.as_str() == id);
        cables
            .map(|(i, _)| Found::Cable(i as u32))
            .chain(modules.map(|(i, _)| Found::Module(i as u32)))
            .chain(equipment.map(|(i, _)| Found::Equipment(i as u32)))
            .collect()
    }

    /// What a cable end's part id names, resolved as [`owners`] does (the last equipment,
    /// else the last module).
    pub fn owner(&mut self, id: &str) -> Option<Owner> {
        let found = self.find(id);
        let equipment = found.iter().rev().find_map(|f| match f {
            Found::Equipment(e) => Some(Owner::Equipment(*e)),
            _ => None,
        });
        equipment.or_else(|| {
            found.iter().rev().find_map(|f| match f {
                Found::Module(m) => Some(Owner::Module(*m)),
                _ => None,
            })
        })
    }
}
