//! Part specifications: the parameters a buyer confirms and the channel checks read.
//!
//! A spec is what a catalog entry holds and what a placed part copies, so a saved design is
//! self-contained: it checks the same way whatever catalog the reviewer has installed.

use super::media::{
    AdapterKind, ArrayPolarity, CassettePolarity, Connector, DuplexPolarity, FiberClass, FiberType,
    Gender, Polish,
};
use serde::{Deserialize, Serialize};

/// A rack enclosure (fiber shelf) that holds modules in slots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnclosureSpec {
    /// Rack units the enclosure occupies (1, 2 or 4 typically).
    pub height_u: u8,
    /// Number of module slots.
    pub slots: u8,
    /// Slot format name; a module fits only an enclosure of the same format.
    pub slot_format: String,
}

/// Which LC position of a front duplex port a harness fiber lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LcPosition {
    /// Position A (1).
    A,
    /// Position B (2).
    B,
}

impl LcPosition {
    /// Position number in the LC duplex frame (A = 1, B = 2).
    pub fn number(self) -> u8 {
        match self {
            LcPosition::A => 1,
            LcPosition::B => 2,
        }
    }
}

/// One fiber of a cassette's internal harness: a rear MPO position to a front LC position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HarnessFiber {
    /// Rear MPO port (1-based).
    pub rear: u8,
    /// Position on the rear internal MPO plug (1-based, plug frame).
    pub position: u8,
    /// Front LC duplex port (1-based).
    pub front: u16,
    /// Position on that front port's internal LC plug.
    pub lc: LcPosition,
}

/// An MPO-to-LC cassette (module).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CassetteSpec {
    /// Ferrule of the rear MPO port(s): MPO-8, 12, 16 or 24.
    pub connector: Connector,
    /// Number of rear MPO ports (usually 1; 2 for 2x MPO-12 to 24 LC modules).
    #[serde(default = "one")]
    pub rear_ports: u8,
    /// Fiber type of the internal harness and connectors.
    pub fiber: FiberType,
    /// Polarity type: names the rear adapter and the standard harness.
    pub polarity: CassettePolarity,
    /// Gender of the internal MPO plug ("male cassette" = pinned).
    pub gender: Gender,
    /// Polish of the internal MPO plug.
    pub mpo_polish: Polish,
    /// Polish of the internal LC plugs.
    pub lc_polish: Polish,
    /// Insertion loss of one mated pair at the rear MPO port, dB.
    pub mpo_loss_db: f64,
    /// Insertion loss of one mated pair at a front LC port, dB.
    pub lc_loss_db: f64,
    /// Custom harness map; `None` means the standard harness (MPO 2k-1, 2k -> port k A, B).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harness: Option<Vec<HarnessFiber>>,
}

fn one() -> u8 {
    1
}

impl CassetteSpec {
    /// The harness fibers: the custom map, or the standard one for the rear ferrule.
    ///
    /// Standard harness (`fiber-model.md` section 3): lit MPO positions are taken in order and
    /// paired, so 12F gives 6 ports, 24F gives 12, 8F (positions 1-4, 9-12) gives 4; with
    /// several rear ports the front ports continue the count.
    pub fn harness_fibers(&self) -> Vec<HarnessFiber> {
        if let Some(custom) = &self.harness {
            return custom.clone();
        }
        let mut fibers = Vec::new();
        let mut port: u16 = 1;
        for rear in 1..=self.rear_ports {
            let lit: Vec<u8> = (1..=self.connector.positions())
                .filter(|&p| self.connector.is_lit(p))
                .collect();
            for pair in lit.chunks(2) {
                fibers.push(HarnessFiber {
                    rear,
                    position: pair[0],
                    front: port,
                    lc: LcPosition::A,
                });
                if let Some(&b) = pair.get(1) {
                    fibers.push(HarnessFiber {
                        rear,
                        position: b,
                        front: port,
                        lc: LcPosition::B,
                    });
                }
                port += 1;
            }
        }
        fibers
    }

    /// Number of front LC duplex ports (counted without building the harness: it is asked
    /// for every cable end that plugs into a cassette).
    pub fn front_ports(&self) -> u16 {
        match &self.harness {
            Some(custom) => custom.iter().map(|f| f.front).max().unwrap_or(0),
            None => {
                let lit = (1..=self.connector.positions())
                    .filter(|&p| self.connector.is_lit(p))
                    .count() as u16;
                u16::from(self.rear_ports) * lit.div_ceil(2)
            }
        }
    }
}

/// A pass-through adapter panel: adapters with no fibers of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdapterPanelSpec {
    /// Adapter kind of every position on the panel.
    pub adapter: AdapterKind,
    /// The MPO ferrule its adapters take (MPO-12, which also takes MPO-8; MPO-16; MPO-24),
    /// as the panel declares it; a plug of another ferrule is a connector error at that port.
    /// Not declared (designs written before panels declared it): any MPO plug fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ferrule: Option<Connector>,
    /// Number of adapters.
    pub ports: u16,
    /// Insertion loss of one mated pair in one adapter, dB.
    pub loss_db: f64,
}

/// A plug position of a multi-plug part: plug number (from 1, in the part's plug order) and
/// position in that plug's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlugPosition {
    /// Plug number, from 1.
    pub plug: u8,
    /// Position, from 1.
    pub position: u8,
}

/// One fiber of a custom harness or conversion module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiberLink {
    /// One end.
    pub a: PlugPosition,
    /// The other end.
    pub b: PlugPosition,
}

/// One port of a conversion module: an adapter with the module's internal plug behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverterPort {
    /// Face the port is on.
    pub side: super::design::Side,
    /// Port number on that face, from 1.
    pub number: u16,
    /// Connector of the internal plug.
    pub connector: Connector,
    /// Gender of the internal plug (MPO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Polish of the internal plug.
    pub polish: Polish,
    /// Adapter the outside plug meets it in.
    pub adapter: AdapterKind,
    /// Insertion loss of one mated pair at this port, dB.
    pub loss_db: f64,
}

/// A conversion module (e.g. 2 x MPO-12 to 3 x MPO-8, MPO-24 to 2 x MPO-12): ports with
/// internal plugs and an explicit fiber map between them (`fiber-model.md` section 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverterSpec {
    /// Fiber type inside.
    pub fiber: FiberType,
    /// Ports; `FiberLink` plug numbers index this list from 1.
    pub ports: Vec<ConverterPort>,
    /// Fibers between port plugs.
    pub fibers: Vec<FiberLink>,
}

/// What a slot-mounted module is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ModuleKind {
    /// MPO-to-LC cassette.
    Cassette(CassetteSpec),
    /// Pass-through adapter panel.
    AdapterPanel(AdapterPanelSpec),
    /// Conversion module with an explicit fiber map.
    Converter(ConverterSpec),
}

/// A module that mounts in an enclosure slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleSpec {
    /// Slot format; must equal the enclosure's.
    pub slot_format: String,
    /// Cassette or adapter panel.
    pub kind: ModuleKind,
}

impl ModuleSpec {
    /// True when the module has port `number` on `side`.
    pub fn has_port(&self, side: super::design::Side, number: u16) -> bool {
        use super::design::Side;
        match &self.kind {
            ModuleKind::Cassette(c) => {
                let count = match side {
                    Side::Front => c.front_ports(),
                    Side::Rear => u16::from(c.rear_ports),
                };
                (1..=count).contains(&number)
            }
            ModuleKind::AdapterPanel(p) => (1..=p.ports).contains(&number),
            ModuleKind::Converter(c) => {
                c.ports.iter().any(|p| p.side == side && p.number == number)
            }
        }
    }

    /// How many ports the module has on one face (without listing them).
    pub fn port_count(&self, side: super::design::Side) -> usize {
        use super::design::Side;
        match &self.kind {
            ModuleKind::Cassette(c) => match side {
                Side::Front => usize::from(c.front_ports()),
                Side::Rear => usize::from(c.rear_ports),
            },
            ModuleKind::AdapterPanel(p) => usize::from(p.ports),
            ModuleKind::Converter(c) => c.ports.iter().filter(|p| p.side == side).count(),
        }
    }

    /// The ports on one face, as (number, connector a plug there must have).
    pub fn ports(&self, side: super::design::Side) -> Vec<(u16, Connector)> {
        use super::design::Side;
        match &self.kind {
            ModuleKind::Cassette(c) => match side {
                Side::Front => (1..=c.front_ports())
                    .map(|k| (k, Connector::LcDuplex))
                    .collect(),
                Side::Rear => (1..=u16::from(c.rear_ports))
                    .map(|k| (k, c.connector))
                    .collect(),
            },
            ModuleKind::AdapterPanel(p) => {
                let connector = match p.adapter {
                    AdapterKind::LcDuplex => Connector::LcDuplex,
                    AdapterKind::LcSimplex => Connector::LcSimplex,
                    AdapterKind::MpoKeyUpKeyDown | AdapterKind::MpoKeyUpKeyUp => {
                        p.ferrule.unwrap_or(Connector::Mpo12)
                    }
                };
                (1..=p.ports).map(|k| (k, connector)).collect()
            }
            ModuleKind::Converter(c) => c
                .ports
                .iter()
                .filter(|p| p.side == side)
                .map(|p| (p.number, p.connector))
                .collect(),
        }
    }
}

/// One lane of a transceiver: the plug positions (in the frame of the plug inserted) that
/// transmit and receive it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// Transmit position.
    pub tx: u8,
    /// Receive position.
    pub rx: u8,
}

/// A transceiver (optic) in an equipment port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransceiverSpec {
    /// Application name, a key of the applications table (e.g. `25GBASE-SR`).
    pub application: String,
    /// Receptacle connector.
    pub connector: Connector,
    /// Gender of the receptacle for MPO optics (pinned); `None` for LC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Receptacle polish.
    pub polish: Polish,
    /// Fiber family the optic is built for.
    pub media: FiberClass,
    /// Lane positions, lane 1 first.
    pub lanes: Vec<Lane>,
}

impl TransceiverSpec {
    /// True when the optic has more than one lane (parallel optics).
    pub fn is_parallel(&self) -> bool {
        self.lanes.len() > 1
    }
}

/// A run of identical ports on a piece of equipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortGroup {
    /// Number of ports in the group.
    pub count: u16,
    /// Name prefix; ports are called prefix + number.
    pub name_prefix: String,
    /// The number in the first port's name (1 unless the maker counts from 0, as `ens1f0`
    /// does); the numbers run on from it.
    #[serde(
        default = "first_port_number",
        skip_serializing_if = "is_first_port_number"
    )]
    pub first_number: u16,
    /// The optic fitted in each port.
    pub transceiver: TransceiverSpec,
}

fn first_port_number() -> u16 {
    1
}

fn is_first_port_number(n: &u16) -> bool {
    *n == 1
}

/// Active equipment (switch, server) with transceiver ports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentSpec {
    /// Rack units.
    pub height_u: u8,
    /// Port groups; ports are numbered from 1 across groups in order.
    pub ports: Vec<PortGroup>,
}

impl EquipmentSpec {
    /// Total number of ports (summed wide, so absurd counts cannot overflow).
    pub fn port_count(&self) -> u32 {
        self.ports.iter().map(|g| u32::from(g.count)).sum()
    }

    /// The group and the name of port `n` (1-based).
    pub fn port(&self, n: u16) -> Option<(&PortGroup, String)> {
        let mut first = 1u16;
        for g in &self.ports {
            if n >= first && n < first.saturating_add(g.count) {
                let number = u32::from(n - first) + u32::from(g.first_number);
                return Some((g, format!("{}{number}", g.name_prefix)));
            }
            first = first.saturating_add(g.count);
        }
        None
    }
}

/// One LC leg of a breakout harness: the MPO positions that land on its A and B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakoutLeg {
    /// MPO position wired to the leg's position A (or to a simplex leg).
    pub a: u8,
    /// MPO position wired to position B; `None` makes the leg LC simplex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<u8>,
}

/// What a cable is, and how its fibers run from end to end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CableKind {
    /// MPO-to-MPO trunk.
    Trunk {
        /// Ferrule at both ends.
        connector: Connector,
        /// TIA-568.3 array polarity type.
        polarity: ArrayPolarity,
    },
    /// MPO-to-MPO patch cord (a short trunk).
    MpoCord {
        /// Ferrule at both ends.
        connector: Connector,
        /// TIA-568.3 array polarity type.
        polarity: ArrayPolarity,
    },
    /// LC duplex patch cord.
    LcCord {
        /// A-to-B or A-to-A.
        polarity: DuplexPolarity,
    },
    /// MPO to LC legs (fan-out). End 1 is the MPO, ends 2.. are the legs in order.
    Breakout {
        /// Ferrule of the MPO end.
        connector: Connector,
        /// Legs in order.
        legs: Vec<BreakoutLeg>,
    },
    /// Any number of ends with an explicit fiber map (conversion harnesses such as MPO-24 to
    /// 2 x MPO-12).
    Harness {
        /// Connector of each end, end 1 first.
        connectors: Vec<Connector>,
        /// Fibers between ends (plug numbers are end numbers).
        fibers: Vec<FiberLink>,
    },
}

/// One connector end of a cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlugSpec {
    /// MPO gender; `None` for LC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Ferrule polish.
    pub polish: Polish,
}

/// A cable: trunk, patch cord or breakout harness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CableSpec {
    /// Kind and fiber map.
    pub kind: CableKind,
    /// Fiber type.
    pub fiber: FiberType,
    /// Length in metres.
    pub length_m: f64,
    /// One plug per end, end 1 first (for a breakout: the MPO, then each leg).
    pub plugs: Vec<PlugSpec>,
    /// Insertion-loss class of the cable's connectors, per mated pair, dB (a buying parameter).
    pub loss_class_db: f64,
    /// Fusion splices on each fiber (pigtailed assemblies), counted in channel loss.
    #[serde(default)]
    pub splices: u8,
    /// Loss of one splice, dB.
    #[serde(default = "tia_splice_loss_db")]
    pub splice_loss_db: f64,
    /// The cable's stated attenuation, dB/km, used instead of the applications table's
    /// figure for its fiber type (`applications.md`: "use the part's stated figure when given").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attenuation_db_per_km: Option<f64>,
}

/// TIA-568.3 maximum loss of a fusion splice (`applications.md`, component loss figures):
/// the loss a cable's splices are counted at when its file does not state one.
pub fn tia_splice_loss_db() -> f64 {
    0.3
}

impl CableSpec {
    /// Connector of end `end` (0-based), as the cable kind defines it.
    pub fn end_connector(&self, end: usize) -> Option<Connector> {
        match &self.kind {
            CableKind::Trunk { connector, .. } | CableKind::MpoCord { connector, .. } => {
                (end < 2).then_some(*connector)
            }
            CableKind::LcCord { .. } => (end < 2).then_some(Connector::LcDuplex),
            CableKind::Harness { connectors, .. } => connectors.get(end).copied(),
            CableKind::Breakout { connector, legs } => {
                if end == 0 {
                    Some(*connector)
                } else {
                    legs.get(end - 1).map(|l| {
                        if l.b.is_some() {
                            Connector::LcDuplex
                        } else {
                            Connector::LcSimplex
                        }
                    })
                }
            }
        }
    }

    /// Number of ends the kind defines.
    pub fn end_count(&self) -> usize {
        match &self.kind {
            CableKind::Breakout { legs, .. } => 1 + legs.len(),
            CableKind::Harness { connectors, .. } => connectors.len(),
            _ => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Side;

    /// The port count is counted without the harness; it must agree with the harness built.
    #[test]
    fn front_ports_agree_with_the_standard_harness() {
        for connector in [
            Connector::Mpo8,
            Connector::Mpo12,
            Connector::Mpo16,
            Connector::Mpo24,
        ] {
            for rear_ports in 1..=3u8 {
                let mut c = CassetteSpec::standard(
                    connector,
                    CassettePolarity::B,
                    Gender::Pinned,
                    FiberType::OM4,
                    0.35,
                    0.15,
                );
                c.rear_ports = rear_ports;
                let built = c
                    .harness_fibers()
                    .iter()
                    .map(|f| f.front)
                    .max()
                    .unwrap_or(0);
                assert_eq!(c.front_ports(), built, "{connector} x {rear_ports}");
                let m = ModuleSpec::cassette(c);
                assert!(m.has_port(Side::Front, built));
                for side in [Side::Front, Side::Rear] {
                    assert_eq!(m.port_count(side), m.ports(side).len());
                }
                assert!(!m.has_port(Side::Front, built + 1));
                assert!(!m.has_port(Side::Front, 0));
                assert!(m.has_port(Side::Rear, u16::from(rear_ports)));
                assert!(!m.has_port(Side::Rear, u16::from(rear_ports) + 1));
            }
        }
    }
}
