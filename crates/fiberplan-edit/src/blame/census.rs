//! How usual the part a change makes is in a design, to choose between equal fixes: a change
//! that makes a part like many others of the design (every other trunk is a Type B trunk
//! unpinned at both ends) is the one a designer means.

use super::Change;
use crate::Edit;
use fiberplan_model::{
    AdapterKind, ArrayPolarity, CableKind, CableSpec, CassettePolarity, Connector, Design,
    DuplexPolarity, FiberType, Gender, ModuleKind, ModuleSpec, PlugSpec, Polish,
};
use std::collections::HashMap;

/// The parameters that say which part a cable is, its length and loss figures aside.
#[derive(PartialEq, Eq, Hash)]
enum CableKey {
    Lc(DuplexPolarity, FiberType, Ends),
    Array(bool, ArrayPolarity, Connector, FiberType, Ends),
}

/// The parameters that say which part a module is, its loss figures aside.
#[derive(PartialEq, Eq, Hash)]
enum ModuleKey {
    Cassette(
        CassettePolarity,
        Connector,
        u8,
        FiberType,
        Gender,
        Polish,
        Polish,
    ),
    Panel(AdapterKind, Option<Connector>, u16),
}

/// The plugs of a two-ended cable, without an allocation per cable of a large design.
type Ends = [Option<PlugSpec>; 2];

fn ends(spec: &CableSpec) -> Ends {
    [spec.plugs.first().copied(), spec.plugs.get(1).copied()]
}

fn cable_key(spec: &CableSpec) -> Option<CableKey> {
    match &spec.kind {
        CableKind::LcCord { polarity } => Some(CableKey::Lc(*polarity, spec.fiber, ends(spec))),
        CableKind::Trunk {
            polarity,
            connector,
        } => Some(CableKey::Array(
            true,
            *polarity,
            *connector,
            spec.fiber,
            ends(spec),
        )),
        CableKind::MpoCord {
            polarity,
            connector,
        } => Some(CableKey::Array(
            false,
            *polarity,
            *connector,
            spec.fiber,
            ends(spec),
        )),
        CableKind::Breakout { .. } | CableKind::Harness { .. } => None,
    }
}

fn module_key(spec: &ModuleSpec) -> Option<ModuleKey> {
    match &spec.kind {
        ModuleKind::Cassette(c) => Some(ModuleKey::Cassette(
            c.polarity,
            c.connector,
            c.rear_ports,
            c.fiber,
            c.gender,
            c.mpo_polish,
            c.lc_polish,
        )),
        ModuleKind::AdapterPanel(p) => Some(ModuleKey::Panel(p.adapter, p.ferrule, p.ports)),
        ModuleKind::Converter(_) => None,
    }
}

/// How many parts of a design are each kind of part, counted once per design.
pub(super) struct Census {
    cables: HashMap<CableKey, usize>,
    modules: HashMap<ModuleKey, usize>,
}

impl Census {
    pub(super) fn of(design: &Design) -> Census {
        let mut census = Census {
            cables: HashMap::new(),
            modules: HashMap::new(),
        };
        for key in design.cables.iter().filter_map(|c| cable_key(&c.spec)) {
            *census.cables.entry(key).or_default() += 1;
        }
        for key in design.modules.iter().filter_map(|m| module_key(&m.spec)) {
            *census.modules.entry(key).or_default() += 1;
        }
        census
    }

    /// How usual the part `change` makes is: twice the number of parts of the design that
    /// are already that part, plus one for an A-to-B cord (the duplex patch cord TIA-568.3
    /// uses at both ends of Methods B and C), which breaks ties. Used to choose between
    /// changes that fix a channel equally; a move scores nothing.
    pub(super) fn commonness(&self, change: &Change) -> usize {
        let count = match &change.edit {
            Edit::CableSpec { spec, .. } => cable_key(spec)
                .and_then(|k| self.cables.get(&k))
                .copied()
                .unwrap_or(0),
            Edit::ModuleSpec { spec, .. } => module_key(spec)
                .and_then(|k| self.modules.get(&k))
                .copied()
                .unwrap_or(0),
            _ => 0,
        };
        2 * count + usize::from(change.new == "AB")
    }
}
