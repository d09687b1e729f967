//! Property tests over random chains of parts (`fiber-model.md` sections 2-4):
//! - the trace is the composition of the per-hop maps, computed here independently;
//! - reversing a channel gives the inverse map (and the same path backwards);
//! - flipping one A-to-B cord to A-to-A in a passing duplex channel always makes a polarity
//!   error, and the engine's pass/fail agrees with the composed maps.

mod common;

use common::*;
use fiberplan_engine::trace::walk::trace_one;
use fiberplan_engine::trace::{ChannelGraph, Rule, Severity};
use fiberplan_model::*;
use proptest::prelude::*;

// ---- independent reference maps, from the text of fiber-model.md -------------------------

fn grid(c: Connector) -> (u8, u8) {
    match c {
        Connector::Mpo24 => (2, 12),
        Connector::Mpo16 => (1, 16),
        _ => (1, 12),
    }
}

fn rc(c: Connector, p: u8) -> (u8, u8) {
    let (_, cols) = grid(c);
    ((p - 1) / cols, (p - 1) % cols)
}

fn pos(c: Connector, (r, col): (u8, u8)) -> u8 {
    r * grid(c).1 + col + 1
}

/// Trunk/cord types: A straight, B columns mirror, C pairs swap within the row.
fn ref_cable(t: ArrayPolarity, c: Connector, p: u8) -> u8 {
    let (r, col) = rc(c, p);
    let cols = grid(c).1;
    pos(
        c,
        match t {
            ArrayPolarity::A => (r, col),
            ArrayPolarity::B => (r, cols - 1 - col),
            ArrayPolarity::C => (r, if col % 2 == 0 { col + 1 } else { col - 1 }),
        },
    )
}

/// Adapters: key-up/key-down keeps columns and swaps rows; key-up/key-up mirrors columns.
fn ref_adapter(a: AdapterKind, c: Connector, p: u8) -> u8 {
    let (r, col) = rc(c, p);
    let (rows, cols) = grid(c);
    pos(
        c,
        match a {
            AdapterKind::MpoKeyUpKeyDown => (rows - 1 - r, col),
            _ => (r, cols - 1 - col),
        },
    )
}

fn connector() -> impl Strategy<Value = Connector> {
    prop_oneof![
        Just(Connector::Mpo12),
        Just(Connector::Mpo24),
        Just(Connector::Mpo16)
    ]
}

fn array_type() -> impl Strategy<Value = ArrayPolarity> {
    prop_oneof![
        Just(ArrayPolarity::A),
        Just(ArrayPolarity::B),
        Just(ArrayPolarity::C)
    ]
}

fn mpo_adapter() -> impl Strategy<Value = AdapterKind> {
    prop_oneof![
        Just(AdapterKind::MpoKeyUpKeyDown),
        Just(AdapterKind::MpoKeyUpKeyUp)
    ]
}

/// Optic X - cable 1 - adapter 1 - cable 2 - ... - cable n - optic Y, all on `c`.
fn mpo_chain(c: Connector, cables: &[ArrayPolarity], adapters: &[AdapterKind]) -> Design {
    let mut d = Design::new("chain");
    let xcvr = TransceiverSpec {
        application: "test".into(),
        connector: c,
        gender: Some(Gender::Pinned),
        polish: Polish::UPC,
        media: FiberClass::Multimode50,
        lanes: vec![Lane { tx: 1, rx: 2 }],
    };
    for id in ["X", "Y"] {
        d.add_equipment(id, EquipmentSpec::with_ports(1, "P", 1, xcvr.clone()), None);
    }
    for (i, &a) in adapters.iter().enumerate() {
        d.add_module(
            &format!("A{i}"),
            ModuleSpec::adapter_panel(a, 1, 0.35),
            None,
        );
    }
    let n = cables.len();
    for (i, &t) in cables.iter().enumerate() {
        let from = if i == 0 {
            PortRef::front("X", 1)
        } else {
            PortRef::rear(&format!("A{}", i - 1), 1)
        };
        let to = if i + 1 == n {
            PortRef::front("Y", 1)
        } else {
            PortRef::front(&format!("A{i}"), 1)
        };
        let g2 = if i + 1 == n {
            Gender::Unpinned
        } else {
            Gender::Pinned
        };
        d.add_cable(
            &format!("K{i}"),
            CableSpec::mpo_cord(c, t, FiberType::OM4, 1.0, [Gender::Unpinned, g2]),
            vec![Some(from), Some(to)],
        );
    }
    d
}

/// Where position `p` of X's plug lands at Y's plug, by composing the maps by hand.
fn composed(c: Connector, cables: &[ArrayPolarity], adapters: &[AdapterKind], p: u8) -> u8 {
    let mut q = p;
    for (i, &t) in cables.iter().enumerate() {
        q = ref_cable(t, c, q);
        if let Some(&a) = adapters.get(i) {
            q = ref_adapter(a, c, q);
        }
    }
    q
}

fn chain_strategy() -> impl Strategy<Value = (Connector, Vec<ArrayPolarity>, Vec<AdapterKind>)> {
    (
        connector(),
        prop::collection::vec((array_type(), mpo_adapter()), 1..6),
    )
        .prop_map(|(c, hops)| {
            let cables: Vec<_> = hops.iter().map(|h| h.0).collect();
            let adapters: Vec<_> = hops.iter().skip(1).map(|h| h.1).collect();
            (c, cables, adapters)
        })
}

proptest! {
    #[test]
    fn trace_is_the_composition_of_the_hop_maps(
        (c, cables, adapters) in chain_strategy()
    ) {
        let d = mpo_chain(c, &cables, &adapters);
        let g = ChannelGraph::build(&d);
        prop_assert!(g.findings.is_empty(), "{:?}", g.findings);
        let x = &g.plugs[g.transceivers[0].plug as usize];
        let y_plug = g.transceivers[1].plug;
        for p in 1..=c.positions() {
            let mut hops = Vec::new();
            trace_one(&g, x.node(p), 0, 0, &mut hops);
            let last = g.graph[*hops.last().unwrap()];
            prop_assert_eq!(last.plug, y_plug);
            prop_assert_eq!(last.position, composed(c, &cables, &adapters, p), "position {}", p);
            // Every hop is one cable end or transceiver: 2 per cable plus the two optics.
            prop_assert_eq!(hops.len(), 2 * cables.len() + 2);
        }
    }

    #[test]
    fn reversing_a_channel_gives_the_inverse_map(
        (c, cables, adapters) in chain_strategy()
    ) {
        let d = mpo_chain(c, &cables, &adapters);
        let g = ChannelGraph::build(&d);
        let x = &g.plugs[g.transceivers[0].plug as usize];
        let y = &g.plugs[g.transceivers[1].plug as usize];
        for p in 1..=c.positions() {
            let mut forward = Vec::new();
            trace_one(&g, x.node(p), 0, 0, &mut forward);
            let q = g.graph[*forward.last().unwrap()].position;
            let mut back = Vec::new();
            trace_one(&g, y.node(q), 1, 0, &mut back);
            let end = g.graph[*back.last().unwrap()];
            prop_assert_eq!(end.plug, g.transceivers[0].plug);
            prop_assert_eq!(end.position, p);
            back.reverse();
            prop_assert_eq!(back, forward);
        }
    }
}

// ---- duplex channels ---------------------------------------------------------------------

/// A duplex channel: optic - cords and LC panels - cassette - trunk - cassette - cords and LC
/// panels - optic, with the far chain plugged into the port the near port's fibers reach.
#[derive(Debug, Clone)]
struct DuplexCase {
    near_cords: Vec<DuplexPolarity>,
    far_cords: Vec<DuplexPolarity>,
    near_cassette: CassettePolarity,
    far_cassette: CassettePolarity,
    trunk: ArrayPolarity,
    near_port: u16,
}

fn duplex_polarity() -> impl Strategy<Value = DuplexPolarity> {
    prop_oneof![Just(DuplexPolarity::AB), Just(DuplexPolarity::AA)]
}

fn cassette_polarity() -> impl Strategy<Value = CassettePolarity> {
    prop_oneof![Just(CassettePolarity::A), Just(CassettePolarity::B)]
}

fn duplex_case() -> impl Strategy<Value = DuplexCase> {
    (
        prop::collection::vec(duplex_polarity(), 1..4),
        prop::collection::vec(duplex_polarity(), 1..4),
        cassette_polarity(),
        cassette_polarity(),
        array_type(),
        1..=6u16,
    )
        .prop_map(
            |(near_cords, far_cords, nc, fc, trunk, near_port)| DuplexCase {
                near_cords,
                far_cords,
                near_cassette: nc,
                far_cassette: fc,
                trunk,
                near_port,
            },
        )
}

fn ref_cord(p: DuplexPolarity, x: u8) -> u8 {
    match p {
        DuplexPolarity::AB => 3 - x,
        DuplexPolarity::AA => x,
    }
}

/// Follows the near optic's Tx (B) to the far side: returns (far port, position at the far
/// optic: 1 = A = Rx, 2 = B = Tx).
fn reference_duplex(c: &DuplexCase) -> (u16, u8) {
    let mut x = 2u8; // B = Tx in the plug's frame
    for (i, &cord) in c.near_cords.iter().enumerate() {
        if i > 0 {
            x = 3 - x; // LC adapter: A meets B
        }
        x = ref_cord(cord, x);
    }
    x = 3 - x; // cassette front adapter
    let mut m = 2 * (c.near_port as u8 - 1) + x; // standard harness
    let rear = |p: CassettePolarity| match p {
        CassettePolarity::A => AdapterKind::MpoKeyUpKeyDown,
        CassettePolarity::B => AdapterKind::MpoKeyUpKeyUp,
    };
    m = ref_adapter(rear(c.near_cassette), Connector::Mpo12, m);
    m = ref_cable(c.trunk, Connector::Mpo12, m);
    m = ref_adapter(rear(c.far_cassette), Connector::Mpo12, m);
    let far_port = u16::from(m.div_ceil(2));
    x = if m % 2 == 1 { 1 } else { 2 };
    x = 3 - x; // far front adapter
    for (i, &cord) in c.far_cords.iter().enumerate() {
        if i > 0 {
            x = 3 - x;
        }
        x = ref_cord(cord, x);
    }
    (far_port, x)
}

fn build_duplex(c: &DuplexCase) -> Design {
    let (far_port, _) = reference_duplex(c);
    let mut d = Duplex {
        near_cassette: c.near_cassette,
        far_cassette: c.far_cassette,
        trunk: c.trunk,
        near_port: c.near_port,
        far_port,
        ..Duplex::method_b()
    }
    .build();
    d.cables.retain(|k| k.id.as_str() == "T1");
    let mut chain = |side: &str, cords: &[DuplexPolarity], optic: PortRef, cassette: PortRef| {
        let n = cords.len();
        for i in 0..n.saturating_sub(1) {
            d.add_module(
                &format!("{side}LC{i}"),
                ModuleSpec::adapter_panel(AdapterKind::LcDuplex, 1, 0.15),
                None,
            );
        }
        for (i, &p) in cords.iter().enumerate() {
            let from = if i == 0 {
                optic.clone()
            } else {
                PortRef::rear(&format!("{side}LC{}", i - 1), 1)
            };
            let to = if i + 1 == n {
                cassette.clone()
            } else {
                PortRef::front(&format!("{side}LC{i}"), 1)
            };
            d.add_cable(
                &format!("{side}CORD{i}"),
                CableSpec::lc_cord(p, FiberType::OM4, 1.0),
                vec![Some(from), Some(to)],
            );
        }
    };
    chain(
        "N",
        &c.near_cords,
        PortRef::front("SW1", 1),
        PortRef::front("C1", c.near_port),
    );
    chain(
        "F",
        &c.far_cords,
        PortRef::front("SW2", 1),
        PortRef::front("C2", far_port),
    );
    d
}

proptest! {
    #[test]
    fn duplex_verdict_agrees_with_the_composed_maps(c in duplex_case()) {
        let r = check_draft(&build_duplex(&c));
        let (_, at_far) = reference_duplex(&c);
        if at_far == 1 {
            prop_assert!(r.findings().is_empty(), "{:?}", r.findings());
        } else {
            let k = kinds(&r);
            prop_assert_eq!(k.into_iter().collect::<Vec<_>>(), vec![(Severity::Error, Rule::Polarity)]);
            prop_assert_eq!(of_rule(&r, Rule::Polarity).len(), 2);
        }
    }

    #[test]
    fn flipping_one_a_b_cord_of_a_passing_channel_is_a_polarity_error(
        c in duplex_case(),
        pick in any::<prop::sample::Index>(),
    ) {
        prop_assume!(reference_duplex(&c).1 == 1);
        let d = build_duplex(&c);
        prop_assert!(check_draft(&d).findings().is_empty());
        let ab: Vec<usize> = d
            .cables
            .iter()
            .enumerate()
            .filter(|(_, k)| matches!(k.spec.kind, CableKind::LcCord { polarity: DuplexPolarity::AB }))
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!ab.is_empty());
        let mut flipped = d.clone();
        flipped.cables[ab[pick.index(ab.len())]].spec.kind = CableKind::LcCord {
            polarity: DuplexPolarity::AA,
        };
        let r = check_draft(&flipped);
        prop_assert!(
            r.findings().iter().any(|f| f.rule == Rule::Polarity && f.severity == Severity::Error),
            "{:?}", r.findings()
        );
    }
}
