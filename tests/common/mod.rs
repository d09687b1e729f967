//! Builders for the reference channels of `channels.md`, shared by the tests and by the
//! example that writes `saved_designs/`.
#![allow(dead_code)]

pub mod window;

use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::{check, CheckMode, Finding, Report, Rule, Severity};
use fiberplan_model::*;
use std::collections::BTreeSet;

/// The built-in applications table.
pub fn apps() -> ApplicationTable {
    ApplicationTable::builtin()
}

/// Checks a design as work in progress.
pub fn check_draft(d: &Design) -> Report {
    check(d, &apps(), CheckMode::Draft)
}

/// The set of (severity, rule) of every finding.
pub fn kinds(r: &Report) -> BTreeSet<(Severity, Rule)> {
    r.findings().iter().map(|f| (f.severity, f.rule)).collect()
}

/// Findings of one rule.
pub fn of_rule(r: &Report, rule: Rule) -> Vec<&Finding> {
    r.findings().iter().filter(|f| f.rule == rule).collect()
}

/// A duplex channel through two cassettes and a trunk (`channels.md` R-series).
#[derive(Debug, Clone)]
pub struct Duplex {
    pub application: &'static str,
    pub near_cord: DuplexPolarity,
    pub far_cord: DuplexPolarity,
    pub near_cassette: CassettePolarity,
    pub far_cassette: CassettePolarity,
    pub cassette_gender: Gender,
    pub cassette_fiber: FiberType,
    pub cassette_mpo_polish: Polish,
    pub mpo_loss_db: f64,
    pub lc_loss_db: f64,
    pub trunk: ArrayPolarity,
    pub trunk_connector: Connector,
    pub trunk_genders: [Gender; 2],
    pub trunk_fiber: FiberType,
    pub trunk_polish: Polish,
    pub trunk_m: f64,
    pub cord_fiber: FiberType,
    pub cord_m: f64,
    /// Near cassette front port the near cord plugs into.
    pub near_port: u16,
    /// Far cassette front port the far cord plugs into.
    pub far_port: u16,
}

impl Duplex {
    /// R3: TIA Method B (Type B cassettes, Type B trunk, A-B cords), far port 6.
    pub fn method_b() -> Self {
        Duplex {
            application: "25GBASE-SR",
            near_cord: DuplexPolarity::AB,
            far_cord: DuplexPolarity::AB,
            near_cassette: CassettePolarity::B,
            far_cassette: CassettePolarity::B,
            cassette_gender: Gender::Pinned,
            cassette_fiber: FiberType::OM4,
            cassette_mpo_polish: Polish::UPC,
            mpo_loss_db: 0.35,
            lc_loss_db: 0.15,
            trunk: ArrayPolarity::B,
            trunk_connector: Connector::Mpo12,
            trunk_genders: [Gender::Unpinned, Gender::Unpinned],
            trunk_fiber: FiberType::OM4,
            trunk_polish: Polish::UPC,
            trunk_m: 30.0,
            cord_fiber: FiberType::OM4,
            cord_m: 2.0,
            near_port: 1,
            far_port: 6,
        }
    }

    /// R1: TIA Method A (Type A cassettes and trunk, A-B near, A-A far), far port 1.
    pub fn method_a() -> Self {
        Duplex {
            near_cassette: CassettePolarity::A,
            far_cassette: CassettePolarity::A,
            trunk: ArrayPolarity::A,
            far_cord: DuplexPolarity::AA,
            far_port: 1,
            ..Duplex::method_b()
        }
    }

    /// R5: TIA Method C (Type A cassettes, Type C trunk, A-B cords), far port 1.
    pub fn method_c() -> Self {
        Duplex {
            near_cassette: CassettePolarity::A,
            far_cassette: CassettePolarity::A,
            trunk: ArrayPolarity::C,
            far_port: 1,
            ..Duplex::method_b()
        }
    }

    fn cassette(&self, polarity: CassettePolarity) -> ModuleSpec {
        let mut c = CassetteSpec::standard(
            Connector::Mpo12,
            polarity,
            self.cassette_gender,
            self.cassette_fiber,
            self.mpo_loss_db,
            self.lc_loss_db,
        );
        c.mpo_polish = self.cassette_mpo_polish;
        ModuleSpec::cassette(c)
    }

    /// The design: SW1 port 1 - CP1 - C1 - T1 - C2 - CP2 - SW2 port 1.
    pub fn build(&self) -> Design {
        let mut d = Design::new("duplex channel");
        let media = self.cord_fiber.class();
        let xcvr = TransceiverSpec::duplex(self.application, media);
        d.add_equipment(
            "SW1",
            EquipmentSpec::with_ports(1, "Eth", 1, xcvr.clone()),
            None,
        );
        d.add_equipment("SW2", EquipmentSpec::with_ports(1, "Eth", 1, xcvr), None);
        d.add_module("C1", self.cassette(self.near_cassette), None);
        d.add_module("C2", self.cassette(self.far_cassette), None);
        let mut trunk = CableSpec::trunk(
            self.trunk_connector,
            self.trunk,
            self.trunk_fiber,
            self.trunk_m,
            self.trunk_genders,
        );
        for p in &mut trunk.plugs {
            p.polish = self.trunk_polish;
        }
        d.add_cable(
            "T1",
            trunk,
            vec![Some(PortRef::rear("C1", 1)), Some(PortRef::rear("C2", 1))],
        );
        d.add_cable(
            "CP1",
            CableSpec::lc_cord(self.near_cord, self.cord_fiber, self.cord_m),
            vec![
                Some(PortRef::front("SW1", 1)),
                Some(PortRef::front("C1", self.near_port)),
            ],
        );
        d.add_cable(
            "CP2",
            CableSpec::lc_cord(self.far_cord, self.cord_fiber, self.cord_m),
            vec![
                Some(PortRef::front("C2", self.far_port)),
                Some(PortRef::front("SW2", 1)),
            ],
        );
        d
    }
}

/// A parallel (SR4) channel with optional trunk between two MPO adapter panels
/// (`channels.md` P-series).
#[derive(Debug, Clone)]
pub struct Parallel {
    pub application: &'static str,
    pub fiber: FiberType,
    pub near_cord: ArrayPolarity,
    pub near_cord_genders: [Gender; 2],
    pub far_cord: ArrayPolarity,
    pub far_cord_genders: [Gender; 2],
    /// `None`: the near cord runs straight from transceiver to transceiver.
    pub trunk: Option<ArrayPolarity>,
    pub trunk_genders: [Gender; 2],
    pub adapter: AdapterKind,
    pub adapter_loss_db: f64,
    pub cord_m: f64,
    pub trunk_m: f64,
}

impl Parallel {
    /// P1: Type B cord, unpinned both ends, transceiver to transceiver.
    pub fn direct(polarity: ArrayPolarity, genders: [Gender; 2]) -> Self {
        Parallel {
            near_cord: polarity,
            near_cord_genders: genders,
            trunk: None,
            ..Parallel::p5()
        }
    }

    /// P5: Type B cords (unpinned-pinned), key-up/key-up adapters, Type B trunk.
    pub fn p5() -> Self {
        Parallel {
            application: "100GBASE-SR4",
            fiber: FiberType::OM4,
            near_cord: ArrayPolarity::B,
            near_cord_genders: [Gender::Unpinned, Gender::Pinned],
            far_cord: ArrayPolarity::B,
            far_cord_genders: [Gender::Pinned, Gender::Unpinned],
            trunk: Some(ArrayPolarity::B),
            trunk_genders: [Gender::Unpinned, Gender::Unpinned],
            adapter: AdapterKind::MpoKeyUpKeyUp,
            adapter_loss_db: 0.35,
            cord_m: 3.0,
            trunk_m: 90.0,
        }
    }

    /// The design: SW1 - CORD1 - [P1 - T1 - P2 - CORD2] - SW2.
    pub fn build(&self) -> Design {
        let mut d = Design::new("parallel channel");
        let xcvr = TransceiverSpec::four_lane(self.application, self.fiber.class(), Polish::UPC);
        d.add_equipment(
            "SW1",
            EquipmentSpec::with_ports(1, "Eth", 1, xcvr.clone()),
            None,
        );
        d.add_equipment("SW2", EquipmentSpec::with_ports(1, "Eth", 1, xcvr), None);
        let cord = |p, g, m| CableSpec::mpo_cord(Connector::Mpo12, p, self.fiber, m, g);
        match self.trunk {
            None => d.add_cable(
                "CORD1",
                cord(self.near_cord, self.near_cord_genders, self.cord_m),
                vec![
                    Some(PortRef::front("SW1", 1)),
                    Some(PortRef::front("SW2", 1)),
                ],
            ),
            Some(trunk) => {
                d.add_module(
                    "P1",
                    ModuleSpec::adapter_panel(self.adapter, 6, self.adapter_loss_db),
                    None,
                );
                d.add_module(
                    "P2",
                    ModuleSpec::adapter_panel(self.adapter, 6, self.adapter_loss_db),
                    None,
                );
                d.add_cable(
                    "CORD1",
                    cord(self.near_cord, self.near_cord_genders, self.cord_m),
                    vec![
                        Some(PortRef::front("SW1", 1)),
                        Some(PortRef::front("P1", 1)),
                    ],
                );
                d.add_cable(
                    "T1",
                    CableSpec::trunk(
                        Connector::Mpo12,
                        trunk,
                        self.fiber,
                        self.trunk_m,
                        self.trunk_genders,
                    ),
                    vec![Some(PortRef::rear("P1", 1)), Some(PortRef::rear("P2", 1))],
                );
                d.add_cable(
                    "CORD2",
                    cord(self.far_cord, self.far_cord_genders, self.cord_m),
                    vec![
                        Some(PortRef::front("P2", 1)),
                        Some(PortRef::front("SW2", 1)),
                    ],
                );
            }
        }
        d
    }
}

/// P10: an SR4 port broken out to four 25GBASE-SR ports with an MPO-12 harness, leg k wired
/// `leg_map(k) = (A position, B position)`.
pub fn breakout(leg_map: impl Fn(u8) -> (u8, u8)) -> Design {
    let mut d = Design::new("SR4 breakout to 4 x 25G");
    d.add_equipment(
        "SW1",
        EquipmentSpec::with_ports(
            1,
            "Eth",
            1,
            TransceiverSpec::four_lane("100GBASE-SR4", FiberClass::Multimode50, Polish::UPC),
        ),
        None,
    );
    let legs = (1..=4u8)
        .map(|k| {
            let (a, b) = leg_map(k);
            BreakoutLeg { a, b: Some(b) }
        })
        .collect();
    let mut ends = vec![Some(PortRef::front("SW1", 1))];
    for k in 1..=4u16 {
        let id = format!("SRV{k}");
        d.add_equipment(
            &id,
            EquipmentSpec::with_ports(
                1,
                "Eth",
                1,
                TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50),
            ),
            None,
        );
        ends.push(Some(PortRef::front(&id, 1)));
    }
    d.add_cable(
        "H1",
        CableSpec::breakout(
            Connector::Mpo12,
            legs,
            FiberType::OM4,
            3.0,
            Gender::Unpinned,
        ),
        ends,
    );
    d
}

/// The piece of a report holding SW1 port 1, the near end of the test channels: its traces
/// and transceivers are numbered from SW1 port 1.
pub fn near_piece(r: &Report) -> &fiberplan_engine::trace::report::Piece {
    let port = PortRef::front("SW1", 1);
    let c = r.channels_at(&port).next().expect("SW1 port 1 is traced");
    r.piece(c)
}

/// The far-end port a trace of the near piece passes through on module `module`'s front.
pub fn front_ports_on_path(r: &Report, trace: usize, module: &str) -> Vec<u16> {
    use fiberplan_engine::trace::PlugSite;
    let p = near_piece(r);
    fiberplan_engine::trace::channel::path_hops(&p.graph, p.traces.path(trace))
        .iter()
        .filter_map(|h| match &h.plug {
            PlugSite::ModuleInternal { port }
                if port.part.as_str() == module && port.side == Side::Front =>
            {
                Some(port.port)
            }
            _ => None,
        })
        .collect()
}

/// An edit inserting a 2 m OM4 A-to-B LC cord, with a fresh id starting `prefix`, at `index`
/// of the cables, its ends plugged into `ends`.
pub fn insert_lc_cord(
    d: &Design,
    prefix: &str,
    index: usize,
    ends: [Option<PortRef>; 2],
) -> fiberplan_edit::Edit {
    let id = fiberplan_edit::fresh_id(d, prefix);
    fiberplan_edit::Edit::Insert {
        index,
        part: fiberplan_edit::Part::Cable(Cable {
            id: id.clone(),
            label: id.to_string(),
            catalog: None,
            unconfirmed: Vec::new(),
            spec: CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            ends: ends.to_vec(),
        }),
    }
}
