//! One test per rule of `fiber-model.md` sections 2-4 and per layout rule, each built so that
//! it fails if the rule is removed or changed (reference channels where mirrors cancel out
//! cannot catch that, so most of these use a single mating or an open end).

mod common;

use common::*;
use fiberplan_engine::trace::walk::TraceEnd;
use fiberplan_engine::trace::{check, CheckMode, PlugSite, Report, Rule, Severity, Verdict};
use fiberplan_model::*;
use std::collections::BTreeSet;

fn set(items: &[(Severity, Rule)]) -> BTreeSet<(Severity, Rule)> {
    items.iter().copied().collect()
}

fn sr4() -> TransceiverSpec {
    TransceiverSpec::four_lane("100GBASE-SR4", FiberClass::Multimode50, Polish::UPC)
}

fn sr() -> TransceiverSpec {
    TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50)
}

fn with_equipment(d: &mut Design, id: &str, x: TransceiverSpec, ports: u16) {
    d.add_equipment(id, EquipmentSpec::with_ports(1, "Eth", ports, x), None);
}

/// Where SW1 port 1's lane-`lane` transmitter ends, as (plug site, position).
fn open_end(r: &Report, lane: u8) -> (PlugSite, u8) {
    let t = near_piece(r).traces.of(0, lane).expect("traced");
    match near_piece(r).traces.traces[t].end {
        TraceEnd::Open { plug, position } | TraceEnd::Dark { plug, position } => (
            near_piece(r).graph.plugs[plug as usize].site.clone(),
            position,
        ),
        other => panic!("expected an open end, got {other:?}"),
    }
}

fn cable_end(cable: &str, end: u16, port: Option<PortRef>) -> PlugSite {
    PlugSite::CableEnd {
        cable: cable.into(),
        end,
        port,
    }
}

// ---- docs/model.md §2: equipment roles --------------------------------------------------

/// Duplex port: B = Tx in the frame of the plug inserted. An A-to-A cord carries it to B.
#[test]
fn duplex_transceiver_transmits_on_plug_position_b() {
    let mut d = Design::new("role");
    with_equipment(&mut d, "SW1", sr(), 1);
    d.add_cable(
        "CP1",
        CableSpec::lc_cord(DuplexPolarity::AA, FiberType::OM4, 1.0),
        vec![Some(PortRef::front("SW1", 1)), None],
    );
    let r = check_draft(&d);
    assert_eq!(open_end(&r, 0), (cable_end("CP1", 2, None), 2));
}

/// SR4: Tx lanes 1-4 on plug positions 12, 11, 10, 9.
#[test]
fn sr4_transmits_lanes_on_positions_12_to_9() {
    let mut d = Design::new("role");
    with_equipment(&mut d, "SW1", sr4(), 1);
    d.add_cable(
        "C",
        CableSpec::mpo_cord(
            Connector::Mpo12,
            ArrayPolarity::A,
            FiberType::OM4,
            1.0,
            [Gender::Unpinned, Gender::Unpinned],
        ),
        vec![Some(PortRef::front("SW1", 1)), None],
    );
    let r = check_draft(&d);
    for lane in 0..4u8 {
        assert_eq!(open_end(&r, lane), (cable_end("C", 2, None), 12 - lane));
    }
}

// ---- docs/model.md §2: adapters (one adapter per test, so no second mirror cancels it) --

fn mpo_cord(p: ArrayPolarity, g: [Gender; 2]) -> CableSpec {
    CableSpec::mpo_cord(Connector::Mpo12, p, FiberType::OM4, 2.0, g)
}

/// SR4 - cord(p1) - one panel adapter - cord(p2) - SR4.
fn single_adapter(adapter: AdapterKind, p1: ArrayPolarity, p2: ArrayPolarity) -> Report {
    let mut d = Design::new("one adapter");
    with_equipment(&mut d, "SW1", sr4(), 1);
    with_equipment(&mut d, "SW2", sr4(), 1);
    d.add_module("P1", ModuleSpec::adapter_panel(adapter, 6, 0.35), None);
    d.add_cable(
        "C1",
        mpo_cord(p1, [Gender::Unpinned, Gender::Pinned]),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("P1", 1)),
        ],
    );
    d.add_cable(
        "C2",
        mpo_cord(p2, [Gender::Unpinned, Gender::Unpinned]),
        vec![Some(PortRef::rear("P1", 1)), Some(PortRef::front("SW2", 1))],
    );
    check_draft(&d)
}

#[test]
fn key_up_key_down_adapter_keeps_columns() {
    // 12 -B-> 1 -adapter-> 1 -A-> 1 = Rx lane 1; a mirroring adapter would land on Tx.
    let r = single_adapter(
        AdapterKind::MpoKeyUpKeyDown,
        ArrayPolarity::B,
        ArrayPolarity::A,
    );
    assert!(r.findings().is_empty(), "{:?}", r.findings());
}

#[test]
fn key_up_key_up_adapter_mirrors_columns() {
    // 12 -A-> 12 -adapter-> 1 -A-> 1 = Rx lane 1; a straight adapter would land on Tx.
    let r = single_adapter(
        AdapterKind::MpoKeyUpKeyUp,
        ArrayPolarity::A,
        ArrayPolarity::A,
    );
    assert!(r.findings().is_empty(), "{:?}", r.findings());
    let r = single_adapter(
        AdapterKind::MpoKeyUpKeyUp,
        ArrayPolarity::B,
        ArrayPolarity::A,
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
}

/// Duplex port - A-B cord - one LC adapter - A-B cord - duplex port: A meets B.
#[test]
fn lc_duplex_adapter_meets_a_to_b() {
    let build = |second: DuplexPolarity| {
        let mut d = Design::new("lc panel");
        with_equipment(&mut d, "SW1", sr(), 1);
        with_equipment(&mut d, "SW2", sr(), 1);
        d.add_module(
            "P1",
            ModuleSpec::adapter_panel(AdapterKind::LcDuplex, 12, 0.15),
            None,
        );
        d.add_cable(
            "A",
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front("SW1", 1)),
                Some(PortRef::front("P1", 3)),
            ],
        );
        d.add_cable(
            "B",
            CableSpec::lc_cord(second, FiberType::OM4, 2.0),
            vec![Some(PortRef::rear("P1", 3)), Some(PortRef::front("SW2", 1))],
        );
        check_draft(&d)
    };
    // B(Tx) -AB-> A -adapter-> B -AA-> B: Tx meets Tx... so A-B then A-A fails,
    assert_eq!(
        kinds(&build(DuplexPolarity::AA)),
        set(&[(Severity::Error, Rule::Polarity)])
    );
    // ...and A-B then A-B passes.
    assert!(build(DuplexPolarity::AB).findings().is_empty());
}

/// SW1 - A-B cord - 24F cassette (rear adapter `polarity`) - Type A MPO-24 trunk - open.
fn mpo24_open_end(polarity: CassettePolarity) -> (PlugSite, u8) {
    let mut d = Design::new("24F");
    with_equipment(&mut d, "SW1", sr(), 1);
    d.add_module(
        "C1",
        ModuleSpec::cassette(CassetteSpec::standard(
            Connector::Mpo24,
            polarity,
            Gender::Pinned,
            FiberType::OM4,
            0.35,
            0.15,
        )),
        None,
    );
    d.add_cable(
        "CP",
        CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 1.0),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("C1", 1)),
        ],
    );
    d.add_cable(
        "T",
        CableSpec::trunk(
            Connector::Mpo24,
            ArrayPolarity::A,
            FiberType::OM4,
            10.0,
            [Gender::Unpinned, Gender::Unpinned],
        ),
        vec![Some(PortRef::rear("C1", 1)), None],
    );
    open_end(&check_draft(&d), 0)
}

#[test]
fn key_up_key_down_swaps_rows_of_mpo24() {
    // Tx -> cord A -> LC adapter -> internal B = MPO position 2 (row 1, col 2) -> row swap -> 14.
    assert_eq!(
        mpo24_open_end(CassettePolarity::A),
        (cable_end("T", 2, None), 14)
    );
}

#[test]
fn key_up_key_up_keeps_rows_of_mpo24() {
    // Position 2 (row 1, col 2) -> column mirror in the same row -> 11.
    assert_eq!(
        mpo24_open_end(CassettePolarity::B),
        (cable_end("T", 2, None), 11)
    );
}

// ---- docs/model.md §2: mating rules -----------------------------------------------------

#[test]
fn mpo16_does_not_mate_with_mpo12() {
    let mut d = Duplex::method_b().build();
    d.cable_mut("T1").unwrap().spec.kind = CableKind::Trunk {
        connector: Connector::Mpo16,
        polarity: ArrayPolarity::B,
    };
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Ferrule)]));
}

#[test]
fn om1_never_meets_50um_multimode() {
    let r = check_draft(
        &Duplex {
            trunk_fiber: FiberType::OM1,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::FiberType)]));
}

#[test]
fn singlemode_cord_into_multimode_optic_is_fiber_type_error() {
    let mut d = direct(DuplexPolarity::AB);
    d.cable_mut("CP1").unwrap().spec.fiber = FiberType::OS2;
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::FiberType)]));
    assert_eq!(of_rule(&r, Rule::FiberType).len(), 2);
}

#[test]
fn apc_cord_into_upc_optic_is_polish_error() {
    let mut d = direct(DuplexPolarity::AB);
    d.cable_mut("CP1").unwrap().spec.plugs[0].polish = Polish::APC;
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polish)]));
    assert_eq!(
        of_rule(&r, Rule::Polish)[0].ports,
        vec![PortRef::front("SW1", 1)]
    );
}

#[test]
fn lc_cord_in_an_mpo_rear_port_is_connector_error() {
    let mut d = Duplex::method_b().build();
    d.cable_mut("CP2").unwrap().ends[0] = Some(PortRef::rear("C2", 1));
    d.cables.retain(|c| c.id.as_str() != "T1");
    let r = check_draft(&d);
    assert!(kinds(&r).contains(&(Severity::Error, Rule::Connector)));
}

// ---- docs/model.md §3: components -------------------------------------------------------

/// The P5 parallel channel (two MPO panels, MPO-12 cords and trunk) with both panels
/// declaring `ferrule`, and its trunk of `trunk` connector.
fn panels_taking(ferrule: Option<Connector>, trunk: Connector) -> Design {
    let mut d = Parallel::p5().build();
    for m in &mut d.modules {
        if let ModuleKind::AdapterPanel(p) = &mut m.spec.kind {
            p.ferrule = ferrule;
        }
    }
    for c in &mut d.cables {
        if let CableKind::Trunk { connector, .. } = &mut c.spec.kind {
            *connector = trunk;
        }
    }
    d
}

// A panel declares the ferrule its MPO adapters take; a plug of another ferrule is a connector
// error at that port, and no light crosses (before, any MPO plug was taken).
#[test]
fn a_plug_the_panel_does_not_take_is_a_connector_error_at_its_port() {
    assert_eq!(
        kinds(&check_draft(&panels_taking(None, Connector::Mpo12))),
        set(&[])
    );
    assert_eq!(
        kinds(&check_draft(&panels_taking(
            Some(Connector::Mpo12),
            Connector::Mpo12
        ))),
        set(&[])
    );
    // MPO-12 adapters take MPO-8 plugs (one ferrule).
    let mpo8 = check_draft(&panels_taking(Some(Connector::Mpo12), Connector::Mpo8));
    assert!(!kinds(&mpo8).contains(&(Severity::Error, Rule::Connector)));
    // MPO-12 plugs in MPO-16 panels, and an MPO-16 trunk in MPO-12 panels, do not fit.
    for (ferrule, trunk, misfits) in [
        (
            Connector::Mpo16,
            Connector::Mpo12,
            "a MPO-12 plug does not fit the MPO-16",
        ),
        (
            Connector::Mpo12,
            Connector::Mpo16,
            "a MPO-16 plug does not fit the MPO-12",
        ),
    ] {
        let r = check_draft(&panels_taking(Some(ferrule), trunk));
        assert_eq!(
            kinds(&r),
            set(&[(Severity::Error, Rule::Connector)]),
            "{ferrule} panels, {trunk} trunk"
        );
        let found = of_rule(&r, Rule::Connector);
        assert!(
            found.iter().all(|f| f.message.contains(misfits)),
            "{found:?}"
        );
        let ports: BTreeSet<String> = found
            .iter()
            .flat_map(|f| f.ports.iter().map(|p| p.to_string()))
            .collect();
        assert_eq!(
            ports,
            ["P1/F1".to_owned(), "P2/F1".to_owned()].into(),
            "at each panel's port"
        );
    }
}

fn cassette_pair(connector: Connector, trunk: Connector, ports_each: u16) -> Design {
    let mut d = Design::new("cassettes");
    with_equipment(&mut d, "SW1", sr(), ports_each);
    with_equipment(&mut d, "SW2", sr(), ports_each);
    for id in ["C1", "C2"] {
        d.add_module(
            id,
            ModuleSpec::cassette(CassetteSpec::standard(
                connector,
                CassettePolarity::B,
                Gender::Pinned,
                FiberType::OM4,
                0.35,
                0.15,
            )),
            None,
        );
    }
    d.add_cable(
        "T1",
        CableSpec::trunk(
            trunk,
            ArrayPolarity::B,
            FiberType::OM4,
            20.0,
            [Gender::Unpinned, Gender::Unpinned],
        ),
        vec![Some(PortRef::rear("C1", 1)), Some(PortRef::rear("C2", 1))],
    );
    for k in 1..=ports_each {
        d.add_cable(
            &format!("N{k}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front("SW1", k)),
                Some(PortRef::front("C1", k)),
            ],
        );
        d.add_cable(
            &format!("F{k}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front("C2", k)),
                Some(PortRef::front("SW2", k)),
            ],
        );
    }
    d
}

fn assert_port_map(r: &Report, ports: u16, far: impl Fn(u16) -> u16) {
    assert!(r.findings().is_empty(), "{:#?}", r.findings());
    for k in 1..=ports {
        assert!(
            r.channel_between(&PortRef::front("SW1", k), &PortRef::front("SW2", far(k)))
                .is_some(),
            "port {k} should reach far port {}",
            far(k)
        );
    }
}

/// 24F standard harness: port k = positions 2k-1, 2k; rows stay in place through Method B,
/// so top-row port k meets 7 - k and bottom-row port k meets 19 - k.
#[test]
fn cassette_24f_standard_harness_method_b() {
    let r = check_draft(&cassette_pair(Connector::Mpo24, Connector::Mpo24, 12));
    assert_port_map(&r, 12, |k| if k <= 6 { 7 - k } else { 19 - k });
}

/// 8F standard harness: positions 1-4 and 9-12 make ports 1-4; Method B: port k meets 5 - k.
#[test]
fn cassette_8f_standard_harness_method_b() {
    let r = check_draft(&cassette_pair(Connector::Mpo8, Connector::Mpo8, 4));
    assert_port_map(&r, 4, |k| 5 - k);
}

/// A custom harness map replaces the standard one.
#[test]
fn cassette_custom_harness_is_traced() {
    let mut d = cassette_pair(Connector::Mpo12, Connector::Mpo12, 6);
    // The far cassette wires MPO 2k-1, 2k to port 7 - k instead of k.
    if let Some(m) = d.module_mut("C2") {
        if let ModuleKind::Cassette(c) = &mut m.spec.kind {
            c.harness = Some(
                (1..=12u8)
                    .map(|p| HarnessFiber {
                        rear: 1,
                        position: p,
                        front: 7 - u16::from(p.div_ceil(2)),
                        lc: if p % 2 == 1 {
                            LcPosition::A
                        } else {
                            LcPosition::B
                        },
                    })
                    .collect(),
            );
        }
    }
    let r = check_draft(&d);
    assert_port_map(&r, 6, |k| k);
}

#[test]
fn harness_using_a_position_twice_is_invalid_part() {
    let mut d = breakout(|k| (13 - k, k));
    if let CableKind::Breakout { legs, .. } = &mut d.cable_mut("H1").unwrap().spec.kind {
        legs[1].a = legs[0].a;
    }
    let r = check_draft(&d);
    assert!(kinds(&r).contains(&(Severity::Error, Rule::InvalidPart)));
}

// ---- docs/model.md §4: verdicts ---------------------------------------------------------

fn direct(p: DuplexPolarity) -> Design {
    let mut d = Design::new("direct");
    with_equipment(&mut d, "SW1", sr(), 2);
    with_equipment(&mut d, "SW2", sr(), 2);
    d.add_cable(
        "CP1",
        CableSpec::lc_cord(p, FiberType::OM4, 3.0),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("SW2", 1)),
        ],
    );
    d
}

#[test]
fn loopback_to_own_equipment_is_error() {
    let mut d = direct(DuplexPolarity::AB);
    d.cable_mut("CP1").unwrap().ends[1] = Some(PortRef::front("SW1", 2));
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Loopback)]));
    assert_eq!(of_rule(&r, Rule::Loopback).len(), 2);
}

#[test]
fn open_is_warning_in_draft_and_error_in_review() {
    let mut d = direct(DuplexPolarity::AB);
    d.cable_mut("CP1").unwrap().ends[1] = None;
    assert_eq!(
        kinds(&check(&d, &apps(), CheckMode::Draft)),
        set(&[(Severity::Warning, Rule::Open)])
    );
    assert_eq!(
        kinds(&check(&d, &apps(), CheckMode::Review)),
        set(&[(Severity::Error, Rule::Open)])
    );
}

/// Two harnesses whose MPO ends meet in a key-up/key-up adapter (position p meets 13 - p),
/// wired so that SW1 -> SW2 -> SW3 -> SW4 -> SW1: every duplex pair is split.
#[test]
fn split_pair_is_error() {
    let mut d = Design::new("split pair");
    for id in ["SW1", "SW2", "SW3", "SW4"] {
        with_equipment(&mut d, id, sr(), 1);
    }
    d.add_module(
        "P1",
        ModuleSpec::adapter_panel(AdapterKind::MpoKeyUpKeyUp, 6, 0.35),
        None,
    );
    // A leg plugged into an optic: A = Rx, B = Tx.
    let h1 = vec![
        BreakoutLeg { a: 1, b: Some(2) },
        BreakoutLeg { a: 3, b: Some(4) },
    ];
    let h2 = vec![
        BreakoutLeg { a: 11, b: Some(10) },
        BreakoutLeg { a: 9, b: Some(12) },
    ];
    d.add_cable(
        "H1",
        CableSpec::breakout(Connector::Mpo12, h1, FiberType::OM4, 2.0, Gender::Unpinned),
        vec![
            Some(PortRef::front("P1", 1)),
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("SW3", 1)),
        ],
    );
    d.add_cable(
        "H2",
        CableSpec::breakout(Connector::Mpo12, h2, FiberType::OM4, 2.0, Gender::Pinned),
        vec![
            Some(PortRef::rear("P1", 1)),
            Some(PortRef::front("SW2", 1)),
            Some(PortRef::front("SW4", 1)),
        ],
    );
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::SplitPair)]));
    let sw1 = &PortRef::front("SW1", 1);
    let c = r
        .channel_between(sw1, &PortRef::front("SW2", 1))
        .expect("SW1 reaches SW2");
    let f: Vec<_> = r.channel_findings(c).collect();
    assert_eq!(f.len(), 1);
    assert!(
        f[0].ports.contains(&PortRef::front("SW3", 1)),
        "{}",
        f[0].message
    );
}

/// SR4 - Type B cord - key-up/key-down adapter - Type C cord - SR4: every Tx reaches an Rx,
/// but lanes 1<->2 and 3<->4 are exchanged (both ways): a lane-order warning.
#[test]
fn aggregate_lane_order_is_warning() {
    let mut d = Design::new("lanes");
    with_equipment(&mut d, "SW1", sr4(), 1);
    with_equipment(&mut d, "SW2", sr4(), 1);
    d.add_module(
        "P1",
        ModuleSpec::adapter_panel(AdapterKind::MpoKeyUpKeyDown, 6, 0.35),
        None,
    );
    d.add_cable(
        "C1",
        mpo_cord(ArrayPolarity::B, [Gender::Unpinned, Gender::Pinned]),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("P1", 1)),
        ],
    );
    d.add_cable(
        "C2",
        mpo_cord(ArrayPolarity::C, [Gender::Unpinned, Gender::Unpinned]),
        vec![Some(PortRef::rear("P1", 1)), Some(PortRef::front("SW2", 1))],
    );
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Warning, Rule::LaneOrder)]));
    assert!(of_rule(&r, Rule::LaneOrder)[0].message.contains("1->2"));
}

#[test]
fn breakout_leg_with_two_lanes_is_lane_order_error() {
    let r = check_draft(&breakout(|k| match k {
        1 => (12, 2),
        2 => (11, 1),
        k => (13 - k, k),
    }));
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::LaneOrder)]));
}

#[test]
fn tx_onto_an_unused_optic_position_is_polarity_error() {
    let r = check_draft(&breakout(|k| if k == 1 { (12, 6) } else { (13 - k, k) }));
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
    assert!(of_rule(&r, Rule::Polarity)[0]
        .message
        .contains("does not use"));
}

#[test]
fn splices_count_in_channel_loss() {
    let mut d = Duplex::method_b().build();
    let base = check_draft(&d).channels()[0]
        .budget
        .clone()
        .unwrap()
        .loss_db;
    let t = d.cable_mut("T1").unwrap();
    t.spec.splices = 2;
    t.spec.splice_loss_db = 0.3;
    let with = check_draft(&d).channels()[0]
        .budget
        .clone()
        .unwrap()
        .loss_db;
    assert!((with - base - 0.6).abs() < 1e-9, "{base} -> {with}");
}

#[test]
fn unknown_application_is_warning() {
    let mut d = direct(DuplexPolarity::AB);
    for e in &mut d.equipment {
        e.spec.ports[0].transceiver.application = "800GBASE-XYZ".into();
    }
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Warning, Rule::Application)])
    );
}

#[test]
fn application_not_specified_on_the_lowest_grade_is_error() {
    let d = Duplex {
        cassette_fiber: FiberType::OM2,
        trunk_fiber: FiberType::OM2,
        cord_fiber: FiberType::OM2,
        ..Duplex::method_b()
    }
    .build();
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::Application)])
    );
}

// ---- layout ------------------------------------------------------------------------------

fn placed() -> Design {
    let mut d = Duplex::method_b().build();
    d.add_rack("R1", "A01", 42);
    d.add_enclosure(
        "E1",
        EnclosureSpec::new(1, 4),
        Some(Mount {
            rack: "R1".into(),
            u: 40,
        }),
    );
    for (m, slot) in [("C1", 1u8), ("C2", 2)] {
        d.module_mut(m).unwrap().slot = Some(SlotRef {
            enclosure: "E1".into(),
            slot,
        });
    }
    d.equipment[0].mount = Some(Mount {
        rack: "R1".into(),
        u: 41,
    });
    d
}

#[test]
fn placed_design_passes() {
    assert!(check_draft(&placed()).findings().is_empty());
}

#[test]
fn slot_format_mismatch_is_error() {
    let mut d = placed();
    d.module_mut("C2").unwrap().spec.slot_format = "LGX".into();
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::SlotFormat)])
    );
}

#[test]
fn two_modules_in_one_slot_or_a_missing_slot_is_error() {
    let mut d = placed();
    d.module_mut("C2").unwrap().slot.as_mut().unwrap().slot = 1;
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::Slot)])
    );
    let mut d = placed();
    d.module_mut("C2").unwrap().slot.as_mut().unwrap().slot = 5;
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::Slot)])
    );
}

#[test]
fn overlapping_units_are_error() {
    let mut d = placed();
    d.equipment[0].mount.as_mut().unwrap().u = 40;
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::RackOverlap)])
    );
}

#[test]
fn part_above_the_rack_top_is_overflow_error() {
    let mut d = placed();
    d.equipment[0].mount.as_mut().unwrap().u = 42;
    d.equipment[0].spec.height_u = 2;
    assert_eq!(
        kinds(&check_draft(&d)),
        set(&[(Severity::Error, Rule::RackOverflow)])
    );
}

#[test]
fn two_cables_in_one_port_is_error() {
    let mut d = Duplex::method_b().build();
    d.add_cable(
        "EXTRA",
        CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 1.0),
        vec![Some(PortRef::front("C1", 1)), None],
    );
    let r = check_draft(&d);
    assert!(kinds(&r).contains(&(Severity::Error, Rule::PortConflict)));
    // The first cable in the port is still traced: the channel itself still passes.
    assert!(r
        .channel_between(&PortRef::front("SW1", 1), &PortRef::front("SW2", 1))
        .is_some());
}

#[test]
fn references_to_missing_parts_and_ports_are_errors() {
    let mut d = Duplex::method_b().build();
    d.cable_mut("CP2").unwrap().ends[1] = Some(PortRef::front("NOPE", 1));
    d.cable_mut("CP1").unwrap().ends[1] = Some(PortRef::front("C1", 9));
    let r = check_draft(&d);
    let refs = of_rule(&r, Rule::Reference);
    assert_eq!(refs.len(), 2);
    assert!(refs.iter().any(|f| f.message.contains("NOPE")));
    assert!(refs.iter().any(|f| f.message.contains("C1/F9")));
}

#[test]
fn duplicate_ids_are_errors() {
    let mut d = Duplex::method_b().build();
    d.add_rack("C1", "A01", 42);
    let r = check_draft(&d);
    assert!(of_rule(&r, Rule::Reference)
        .iter()
        .any(|f| f.message.contains("used twice")));
}

// ---- docs/model.md §3: conversion parts -------------------------------------------------

/// MPO-24 to 2 x MPO-12 harness: positions 1-12 to end 2, 13-24 to end 3.
fn conversion_harness() -> CableSpec {
    let fibers = (1..=24u8)
        .map(|p| FiberLink {
            a: PlugPosition {
                plug: 1,
                position: p,
            },
            b: PlugPosition {
                plug: if p <= 12 { 2 } else { 3 },
                position: (p - 1) % 12 + 1,
            },
        })
        .collect();
    CableSpec {
        kind: CableKind::Harness {
            connectors: vec![Connector::Mpo24, Connector::Mpo12, Connector::Mpo12],
            fibers,
        },
        fiber: FiberType::OM4,
        length_m: 1.0,
        plugs: vec![
            PlugSpec {
                gender: Some(Gender::Pinned),
                polish: Polish::UPC,
            },
            PlugSpec {
                gender: Some(Gender::Unpinned),
                polish: Polish::UPC,
            },
            PlugSpec {
                gender: Some(Gender::Unpinned),
                polish: Polish::UPC,
            },
        ],
        loss_class_db: 0.35,
        splices: 0,
        splice_loss_db: 0.3,
        attenuation_db_per_km: None,
    }
}

/// 12 duplex ports - 24F Type B cassette - Type B MPO-24 trunk - key-up/key-up panel -
/// conversion harness - two 12F Type A cassettes X and Y - 12 duplex ports.
///
/// Worked by hand from the model: near port k sends on position 2k (row r, column c); the
/// near key-up/key-up adapter, the Type B trunk and the panel's key-up/key-up adapter leave
/// it at (r, 11 - c) on the harness's MPO-24; row 1 goes to X, row 2 to Y at column 11 - c;
/// Type A cassettes keep the position, so top-row port k arrives on X port 7 - k (on its A,
/// which the far A-to-B cord turns into the optic's Rx) and bottom-row port k on Y port 13 - k.
#[test]
fn mpo24_trunk_through_a_conversion_harness_to_two_12f_cassettes() {
    let mut d = Design::new("conversion");
    with_equipment(&mut d, "SW1", sr(), 12);
    with_equipment(&mut d, "SW2", sr(), 12);
    let cassette = |c, p| {
        ModuleSpec::cassette(CassetteSpec::standard(
            c,
            p,
            Gender::Pinned,
            FiberType::OM4,
            0.35,
            0.15,
        ))
    };
    d.add_module("C1", cassette(Connector::Mpo24, CassettePolarity::B), None);
    d.add_module("X", cassette(Connector::Mpo12, CassettePolarity::A), None);
    d.add_module("Y", cassette(Connector::Mpo12, CassettePolarity::A), None);
    d.add_module(
        "P1",
        ModuleSpec::adapter_panel(AdapterKind::MpoKeyUpKeyUp, 6, 0.35),
        None,
    );
    d.add_cable(
        "T1",
        CableSpec::trunk(
            Connector::Mpo24,
            ArrayPolarity::B,
            FiberType::OM4,
            30.0,
            [Gender::Unpinned, Gender::Unpinned],
        ),
        vec![Some(PortRef::rear("C1", 1)), Some(PortRef::front("P1", 1))],
    );
    d.add_cable(
        "H1",
        conversion_harness(),
        vec![
            Some(PortRef::rear("P1", 1)),
            Some(PortRef::rear("X", 1)),
            Some(PortRef::rear("Y", 1)),
        ],
    );
    let far = |k: u16| if k <= 6 { ("X", 7 - k) } else { ("Y", 13 - k) };
    for k in 1..=12u16 {
        d.add_cable(
            &format!("N{k}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front("SW1", k)),
                Some(PortRef::front("C1", k)),
            ],
        );
        let (m, port) = far(k);
        d.add_cable(
            &format!("F{k}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front(m, port)),
                Some(PortRef::front("SW2", k)),
            ],
        );
    }
    let r = check_draft(&d);
    assert!(r.findings().is_empty(), "{:#?}", r.findings());
    for k in 1..=12u16 {
        assert!(r
            .channel_between(&PortRef::front("SW1", k), &PortRef::front("SW2", k))
            .is_some());
    }
}

/// A conversion module: MPO-24 rear, two MPO-12 fronts, front 2 position p <-> rear 12 + p.
#[test]
fn conversion_module_maps_between_its_ports() {
    let port = |side, number, connector| ConverterPort {
        side,
        number,
        connector,
        gender: Some(Gender::Pinned),
        polish: Polish::UPC,
        adapter: AdapterKind::MpoKeyUpKeyDown,
        loss_db: 0.35,
    };
    let fibers = (1..=24u8)
        .map(|p| FiberLink {
            a: PlugPosition {
                plug: 1,
                position: p,
            },
            b: PlugPosition {
                plug: if p <= 12 { 2 } else { 3 },
                position: (p - 1) % 12 + 1,
            },
        })
        .collect();
    let mut d = Design::new("converter");
    with_equipment(&mut d, "SW1", sr4(), 1);
    d.add_module(
        "M1",
        ModuleSpec {
            slot_format: "FP-HD".into(),
            kind: ModuleKind::Converter(ConverterSpec {
                fiber: FiberType::OM4,
                ports: vec![
                    port(Side::Rear, 1, Connector::Mpo24),
                    port(Side::Front, 1, Connector::Mpo12),
                    port(Side::Front, 2, Connector::Mpo12),
                ],
                fibers,
            }),
        },
        None,
    );
    d.add_cable(
        "C",
        mpo_cord(ArrayPolarity::B, [Gender::Unpinned, Gender::Unpinned]),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("M1", 2)),
        ],
    );
    d.add_cable(
        "T",
        CableSpec::trunk(
            Connector::Mpo24,
            ArrayPolarity::A,
            FiberType::OM4,
            10.0,
            [Gender::Unpinned, Gender::Unpinned],
        ),
        vec![Some(PortRef::rear("M1", 1)), None],
    );
    // Tx1 = 12 -B-> 1 -> front 2 position 1 -> rear 13 (row 2) -> key-up/key-down swaps rows
    // -> 1 -> Type A -> trunk end 2 position 1.
    let r = check_draft(&d);
    assert_eq!(open_end(&r, 0), (cable_end("T", 2, None), 1));
    assert!(r.findings().iter().all(|f| f.rule == Rule::Open));
}

#[test]
fn transceiver_lanes_must_be_distinct_positions() {
    let mut x = sr4();
    x.lanes[1].rx = x.lanes[0].rx;
    let mut d = Design::new("bad optic");
    with_equipment(&mut d, "SW1", x, 4);
    let r = check_draft(&d);
    let f = of_rule(&r, Rule::InvalidPart);
    assert_eq!(f.len(), 1, "one finding per port group, not per port");
    assert!(f[0].message.contains("used twice"));
}

// ---- robustness of verdicts against odd parts ---------------------------------------------

#[test]
fn non_numeric_loss_figure_is_invalid_and_fails_the_channel() {
    let mut d = Parallel::p5().build();
    if let ModuleKind::AdapterPanel(p) = &mut d.module_mut("P1").unwrap().spec.kind {
        p.loss_db = f64::NAN;
    }
    let r = check_draft(&d);
    assert!(kinds(&r).contains(&(Severity::Error, Rule::InvalidPart)));
    // The TIA maximum (0.75 dB) stands in: 0.75 + 0.35 + 0.288.
    let c = &r.channels()[0];
    assert!((c.budget.as_ref().unwrap().loss_db - 1.388).abs() < 1e-9);
    assert_eq!(c.verdict, fiberplan_engine::trace::Verdict::Fail);
}

#[test]
fn absurd_port_counts_are_refused_without_panic() {
    let mut d = direct(DuplexPolarity::AB);
    let g = d.equipment[1].spec.ports[0].clone();
    d.equipment[1].spec.ports = vec![
        PortGroup {
            count: 40_000,
            ..g.clone()
        },
        PortGroup { count: 40_000, ..g },
    ];
    let r = check_draft(&d);
    assert!(of_rule(&r, Rule::InvalidPart)[0].message.contains("4096"));
}

#[test]
fn unpinned_mpo_optic_is_invalid_and_checked_as_pinned() {
    let mut d = Parallel::direct(ArrayPolarity::B, [Gender::Pinned, Gender::Unpinned]).build();
    d.equipment[0].spec.ports[0].transceiver.gender = Some(Gender::Unpinned);
    let r = check_draft(&d);
    assert_eq!(
        kinds(&r),
        set(&[
            (Severity::Error, Rule::InvalidPart),
            (Severity::Error, Rule::Gender)
        ])
    );
}

#[test]
fn optic_lanes_on_dark_mpo8_positions_are_invalid() {
    let mut x = sr4();
    x.connector = Connector::Mpo8;
    x.lanes[0].rx = 5;
    let mut d = Design::new("dark lanes");
    with_equipment(&mut d, "SW1", x, 1);
    assert!(kinds(&check_draft(&d)).contains(&(Severity::Error, Rule::InvalidPart)));
}

/// The same light path as `breakout(leg)`, carried by parts of another kind: SW1's SR4 port,
/// a Type A MPO cord, a pinned key-up/key-down cassette whose harness wires front port k as
/// harness leg k is wired (A = the leg's A position, B = its B position), and A-to-B LC cords
/// from front port k to server k.
fn cassette_fan_out(leg: impl Fn(u8) -> (u8, u8)) -> Design {
    let mut d = breakout(|k| (13 - k, k));
    d.cables.clear();
    let mut cassette = CassetteSpec::standard(
        Connector::Mpo12,
        CassettePolarity::A,
        Gender::Pinned,
        FiberType::OM4,
        0.35,
        0.15,
    );
    cassette.harness = Some(
        (1..=4u8)
            .flat_map(|k| {
                let (a, b) = leg(k);
                [(a, LcPosition::A), (b, LcPosition::B)].map(|(position, lc)| HarnessFiber {
                    rear: 1,
                    position,
                    front: u16::from(k),
                    lc,
                })
            })
            .collect(),
    );
    d.add_module("C1", ModuleSpec::cassette(cassette), None);
    d.add_cable(
        "M1",
        mpo_cord(ArrayPolarity::A, [Gender::Unpinned, Gender::Unpinned]),
        vec![Some(PortRef::front("SW1", 1)), Some(PortRef::rear("C1", 1))],
    );
    for k in 1..=4u16 {
        d.add_cable(
            &format!("LC{k}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0),
            vec![
                Some(PortRef::front("C1", k)),
                Some(PortRef::front(&format!("SRV{k}"), 1)),
            ],
        );
    }
    d
}

// docs/model.md §4, fan-outs: the lanes of a parallel port split across duplex ports get the
// same verdict whichever parts split them. Through a cassette, front port k is leg k: lane k
// on port k passes, lane 1 on port 2 is the lane-order error a harness gets (it passed before).
#[test]
fn a_fan_out_through_a_cassette_is_judged_as_the_same_harness_is() {
    let in_order = |k: u8| (13 - k, k);
    let swapped = |k: u8| match k {
        1 => (11, 2),
        2 => (12, 1),
        k => (13 - k, k),
    };
    for (name, leg) in [
        ("in order", &in_order as &dyn Fn(u8) -> (u8, u8)),
        ("lanes 1 and 2 swapped", &swapped),
    ] {
        let harness = check_draft(&breakout(leg));
        let cassette = check_draft(&cassette_fan_out(leg));
        assert_eq!(kinds(&cassette), kinds(&harness), "{name}");
        assert_eq!(cassette.channels().len(), 4, "{name}");
    }
    assert_eq!(kinds(&check_draft(&cassette_fan_out(in_order))), set(&[]));
    let r = check_draft(&cassette_fan_out(swapped));
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::LaneOrder)]));
    assert!(of_rule(&r, Rule::LaneOrder)
        .iter()
        .any(|f| f.message.contains("lane 1 of SW1/F1 Eth1 runs on leg 2")));
}

// Regression (docs/model.md §4, a fault belongs to the channel it breaks): an open breakout leg
// was filed under the first leg's intact channel, which then warned, and the open leg had no
// channel of its own.
#[test]
fn an_open_breakout_leg_is_its_own_channel_and_the_intact_legs_pass() {
    let mut d = breakout(|k| (13 - k, k));
    d.cable_mut("H1").unwrap().ends[3] = None; // leg 3 unplugged from SRV3
    let r = check_draft(&d);
    let verdict = |a: &str, b: Option<&str>| {
        r.channels()
            .iter()
            .find(|c| c.a.to_string() == a && c.b.as_ref().map(|p| p.to_string()).as_deref() == b)
            .map(|c| c.verdict)
    };
    for k in [1, 2, 4] {
        assert_eq!(
            verdict("SW1/F1", Some(&format!("SRV{k}/F1"))),
            Some(Verdict::Pass),
            "intact leg {k}"
        );
    }
    assert_eq!(
        verdict("SW1/F1", None),
        Some(Verdict::Warning),
        "the open leg"
    );
    let open = of_rule(&r, Rule::Open);
    assert!(
        open.iter()
            .any(|f| f.message.contains("Tx of SW1/F1 Eth1 lane 3")),
        "{open:?}"
    );
    // Every open finding is filed under an open channel, none under an intact leg.
    for c in r.channels().iter().filter(|c| c.b.is_some()) {
        assert!(
            r.channel_findings(c).all(|f| f.rule != Rule::Open),
            "{}",
            c.a
        );
    }
}

/// A Type C cord before the harness swaps lanes 1 and 2 consistently both ways, so every Tx
/// reaches an Rx, but lane 1 runs on leg 2: the breakout rule makes it an error.
#[test]
fn breakout_must_carry_lane_k_on_leg_k() {
    let mut d = breakout(|k| (13 - k, k));
    d.add_module(
        "P1",
        ModuleSpec::adapter_panel(AdapterKind::MpoKeyUpKeyDown, 6, 0.35),
        None,
    );
    {
        let h = d.cable_mut("H1").unwrap();
        h.spec.plugs[0].gender = Some(Gender::Pinned);
        h.ends[0] = Some(PortRef::rear("P1", 1));
    }
    d.add_cable(
        "C1",
        mpo_cord(ArrayPolarity::C, [Gender::Unpinned, Gender::Unpinned]),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("P1", 1)),
        ],
    );
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::LaneOrder)]));
    assert!(of_rule(&r, Rule::LaneOrder)
        .iter()
        .any(|f| f.message.contains("lane 1 of SW1/F1 Eth1 runs on leg 2")));
    // With a Type A cord the lanes stay on their legs.
    d.cable_mut("C1").unwrap().spec.kind = CableKind::MpoCord {
        connector: Connector::Mpo12,
        polarity: ArrayPolarity::A,
    };
    assert!(check_draft(&d).findings().is_empty());
}

/// SW1's Tx reaches SW2's Rx, but SW2's Tx has no fiber: the SW1-SW2 channel is not a pass.
#[test]
fn half_connected_duplex_pair_fails_its_channel() {
    let mut d = direct(DuplexPolarity::AB);
    let one_fiber = CableSpec {
        kind: CableKind::Harness {
            connectors: vec![Connector::LcDuplex, Connector::LcDuplex],
            fibers: vec![FiberLink {
                a: PlugPosition {
                    plug: 1,
                    position: 2,
                },
                b: PlugPosition {
                    plug: 2,
                    position: 1,
                },
            }],
        },
        ..d.cables[0].spec.clone()
    };
    d.cables[0].spec = one_fiber;
    let r = check_draft(&d);
    let c = r
        .channel_between(&PortRef::front("SW1", 1), &PortRef::front("SW2", 1))
        .expect("channel");
    assert_ne!(c.verdict, fiberplan_engine::trace::Verdict::Pass);
    assert!(r.channel_findings(c).any(|f| f.rule == Rule::Open));
    assert_eq!(r.channels().len(), 1);
}

#[test]
fn light_onto_an_unused_position_of_the_same_equipment_is_loopback() {
    let mut d = Design::new("loop");
    with_equipment(&mut d, "SW1", sr4(), 2);
    d.add_cable(
        "C",
        mpo_cord(ArrayPolarity::A, [Gender::Unpinned, Gender::Unpinned]),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("SW1", 2)),
        ],
    );
    let r = check_draft(&d);
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Loopback)]));
}

/// applications.md: OS2 "use the part's stated figure when given".
#[test]
fn stated_cable_attenuation_replaces_the_table_figure() {
    let build = |stated: Option<f64>| {
        let mut d = Duplex {
            application: "10GBASE-LR",
            cassette_fiber: FiberType::OS2,
            cassette_mpo_polish: Polish::APC,
            trunk_fiber: FiberType::OS2,
            trunk_polish: Polish::APC,
            cord_fiber: FiberType::OS2,
            cord_m: 0.0,
            trunk_m: 2000.0,
            ..Duplex::method_b()
        }
        .build();
        d.cable_mut("T1").unwrap().spec.attenuation_db_per_km = stated;
        check_draft(&d).channels()[0].budget.clone().unwrap()
    };
    let table = build(None).loss_db;
    let stated = build(Some(1.0)).loss_db;
    assert!(
        (stated - table - 2.0 * (1.0 - 0.4)).abs() < 1e-9,
        "{table} {stated}"
    );
    assert_eq!(build(Some(1.0)).length_m, 2000.0);
}

/// applications table: OM5 meets OM4 at 850 nm (TIA-492AAAE), so the OM4 figures apply.
#[test]
fn all_om5_channel_takes_the_om4_figures() {
    let r = check_draft(
        &Duplex {
            cassette_fiber: FiberType::OM5,
            trunk_fiber: FiberType::OM5,
            cord_fiber: FiberType::OM5,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert!(r.findings().is_empty(), "{:?}", r.findings());
    let b = r.channels()[0].budget.clone().unwrap();
    assert_eq!(
        (b.fiber, b.reach_m, b.max_loss_db),
        (FiberType::OM5, 100.0, 1.9)
    );
}

/// A cassette's bad loss figure is replaced by the TIA maximum in the sum, like a panel's.
#[test]
fn non_numeric_cassette_loss_is_replaced_by_the_tia_maximum() {
    let mut d = Duplex::method_b().build();
    if let ModuleKind::Cassette(c) = &mut d.module_mut("C1").unwrap().spec.kind {
        c.mpo_loss_db = f64::NAN;
    }
    let r = check_draft(&d);
    assert!(kinds(&r).contains(&(Severity::Error, Rule::InvalidPart)));
    let loss = r.channels()[0].budget.as_ref().unwrap().loss_db;
    // 0.75 (replacement) + 0.35 + 2 x 0.15 + 34 m x 3.0 dB/km.
    assert!((loss - (0.75 + 0.35 + 0.3 + 0.102)).abs() < 1e-9, "{loss}");
}
