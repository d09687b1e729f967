//! Every reference channel of `channels.md`, built through the public model API, with the
//! exact verdict given there: the findings' kinds, and where the fibers go.

mod common;

use common::*;
use fiberplan_engine::trace::walk::TraceEnd;
use fiberplan_engine::trace::{check, CheckMode, Report, Rule, Severity, Verdict};
use fiberplan_model::*;
use std::collections::BTreeSet;

fn set(items: &[(Severity, Rule)]) -> BTreeSet<(Severity, Rule)> {
    items.iter().copied().collect()
}

fn assert_passes(r: &Report) {
    assert!(
        r.findings().is_empty(),
        "expected no findings, got: {:#?}",
        r.findings().iter().map(|f| &f.message).collect::<Vec<_>>()
    );
    assert!(!r.channels().is_empty());
    assert!(r.channels().iter().all(|c| c.verdict == Verdict::Pass));
}

/// The trace of SW1 port 1's transmitter (lane `lane`).
fn near_trace(r: &Report, lane: u8) -> usize {
    near_piece(r)
        .traces
        .of(0, lane)
        .expect("SW1 port 1 is traced")
}

/// Index of the transceiver at `part` port 1.
fn xcvr(r: &Report, part: &str) -> u32 {
    near_piece(r)
        .graph
        .transceivers
        .iter()
        .position(|t| t.port.part.as_str() == part)
        .expect("transceiver exists") as u32
}

/// Checks that the near transmitter reaches SW2's receiver through far cassette port `k`.
fn assert_far_port(r: &Report, k: u16) {
    let t = near_trace(r, 0);
    assert_eq!(
        front_ports_on_path(r, t, "C2"),
        vec![k],
        "far cassette port"
    );
}

/// Both transmitters meet a transmitter: one polarity error from each end.
fn assert_polarity_both_directions(r: &Report) {
    assert_eq!(kinds(r), set(&[(Severity::Error, Rule::Polarity)]));
    let origins: BTreeSet<String> = of_rule(r, Rule::Polarity)
        .iter()
        .map(|f| f.ports[0].to_string())
        .collect();
    assert_eq!(
        origins,
        ["SW1/F1", "SW2/F1"].iter().map(|s| s.to_string()).collect()
    );
}

#[test]
fn r1_method_a_passes_far_port_1() {
    let r = check_draft(&Duplex::method_a().build());
    assert_passes(&r);
    assert_far_port(&r, 1);
    assert!(r
        .channel_between(&PortRef::front("SW1", 1), &PortRef::front("SW2", 1))
        .is_some());
}

#[test]
fn r2_method_a_with_a_b_far_cord_is_polarity_error_both_ways() {
    let r = check_draft(
        &Duplex {
            far_cord: DuplexPolarity::AB,
            ..Duplex::method_a()
        }
        .build(),
    );
    assert_polarity_both_directions(&r);
    assert_far_port(&r, 1);
}

#[test]
fn r3_method_b_passes_far_port_6() {
    let r = check_draft(&Duplex::method_b().build());
    assert_passes(&r);
    assert_far_port(&r, 6);
}

/// R3, all six ports wired: port k meets port 7 - k.
#[test]
fn r3_method_b_port_k_meets_port_7_minus_k() {
    let mut d = Duplex::method_b().build();
    d.cables.retain(|c| c.id.as_str() == "T1");
    for id in ["SW1", "SW2"] {
        let e = d
            .equipment
            .iter_mut()
            .find(|e| e.id.as_str() == id)
            .unwrap();
        e.spec.ports[0].count = 6;
    }
    for k in 1..=6u16 {
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
    let r = check_draft(&d);
    assert_passes(&r);
    for k in 1..=6u16 {
        assert!(
            r.channel_between(&PortRef::front("SW1", k), &PortRef::front("SW2", 7 - k))
                .is_some(),
            "SW1 port {k} should reach SW2 port {}",
            7 - k
        );
    }
}

#[test]
fn r4_method_b_with_a_a_far_cord_is_polarity_error_both_ways() {
    let r = check_draft(
        &Duplex {
            far_cord: DuplexPolarity::AA,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_polarity_both_directions(&r);
    assert_far_port(&r, 6);
}

#[test]
fn r5_method_c_passes_far_port_1() {
    let r = check_draft(&Duplex::method_c().build());
    assert_passes(&r);
    assert_far_port(&r, 1);
}

#[test]
fn r6_type_a_cassettes_with_type_b_trunk_pass_far_port_6() {
    let r = check_draft(
        &Duplex {
            near_cassette: CassettePolarity::A,
            far_cassette: CassettePolarity::A,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_passes(&r);
    assert_far_port(&r, 6);
}

#[test]
fn r7_type_b_cassettes_with_type_a_trunk_is_polarity_error() {
    let r = check_draft(
        &Duplex {
            trunk: ArrayPolarity::A,
            far_port: 1,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_polarity_both_directions(&r);
    assert_far_port(&r, 1);
}

fn rear_ports_of(r: &Report, rule: Rule) -> BTreeSet<String> {
    of_rule(r, rule)
        .iter()
        .flat_map(|f| f.ports.iter().map(|p| p.to_string()))
        .collect()
}

fn both_rear_adapters() -> BTreeSet<String> {
    ["C1/R1", "C2/R1"].iter().map(|s| s.to_string()).collect()
}

#[test]
fn r8_pinned_trunk_into_pinned_cassettes_is_gender_error_at_both_rears() {
    let r = check_draft(
        &Duplex {
            trunk_genders: [Gender::Pinned, Gender::Pinned],
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Gender)]));
    assert_eq!(rear_ports_of(&r, Rule::Gender), both_rear_adapters());
    assert!(of_rule(&r, Rule::Gender)[0].message.contains("pinned"));
}

#[test]
fn r9_unpinned_cassettes_with_unpinned_trunk_is_gender_error_at_both_rears() {
    let r = check_draft(
        &Duplex {
            cassette_gender: Gender::Unpinned,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Gender)]));
    assert_eq!(rear_ports_of(&r, Rule::Gender), both_rear_adapters());
    assert!(of_rule(&r, Rule::Gender)[0].message.contains("unpinned"));
}

fn direct_duplex(polarity: DuplexPolarity) -> Design {
    let mut d = Design::new("direct");
    let x = TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50);
    d.add_equipment(
        "SW1",
        EquipmentSpec::with_ports(1, "Eth", 1, x.clone()),
        None,
    );
    d.add_equipment("SW2", EquipmentSpec::with_ports(1, "Eth", 1, x), None);
    d.add_cable(
        "CP1",
        CableSpec::lc_cord(polarity, FiberType::OM4, 3.0),
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("SW2", 1)),
        ],
    );
    d
}

#[test]
fn r10_direct_a_b_cord_passes() {
    let r = check_draft(&direct_duplex(DuplexPolarity::AB));
    assert_passes(&r);
}

#[test]
fn r11_direct_a_a_cord_is_polarity_error_both_ways() {
    let r = check_draft(&direct_duplex(DuplexPolarity::AA));
    assert_polarity_both_directions(&r);
}

#[test]
fn r12_far_cord_in_port_5_leaves_both_transmitters_open() {
    let d = Duplex {
        far_port: 5,
        ..Duplex::method_b()
    }
    .build();
    for (mode, severity) in [
        (CheckMode::Draft, Severity::Warning),
        (CheckMode::Review, Severity::Error),
    ] {
        let r = check(&d, &apps(), mode);
        assert_eq!(kinds(&r), set(&[(severity, Rule::Open)]));
        // Near Tx ends at far cassette port 6, which nothing is plugged into.
        let near = near_trace(&r, 0);
        assert_eq!(front_ports_on_path(&r, near, "C2"), vec![6]);
        assert!(matches!(
            near_piece(&r).traces.traces[near].end,
            TraceEnd::Open { .. }
        ));
        // Far Tx ends at near cassette port 2.
        let far = near_piece(&r).traces.of(xcvr(&r, "SW2"), 0).unwrap();
        assert_eq!(front_ports_on_path(&r, far, "C1"), vec![2]);
        assert!(matches!(
            near_piece(&r).traces.traces[far].end,
            TraceEnd::Open { .. }
        ));
        assert_eq!(of_rule(&r, Rule::Open).len(), 2);
    }
}

/// Lane k of SW1 ends at lane `expect(k)` of SW2 in the given role.
fn assert_lanes(r: &Report, receiver: bool, expect: impl Fn(u8) -> u8) {
    let sw2 = xcvr(r, "SW2");
    for k in 0..4u8 {
        let end = near_piece(r).traces.traces[near_trace(r, k)].end;
        let want = if receiver {
            TraceEnd::Receiver {
                transceiver: sw2,
                lane: expect(k),
            }
        } else {
            TraceEnd::Transmitter {
                transceiver: sw2,
                lane: expect(k),
            }
        };
        assert_eq!(end, want, "lane {}", k + 1);
    }
}

#[test]
fn p1_type_b_cord_passes_lane_k_to_lane_k() {
    let r = check_draft(
        &Parallel::direct(ArrayPolarity::B, [Gender::Unpinned, Gender::Unpinned]).build(),
    );
    assert_passes(&r);
    assert_lanes(&r, true, |k| k);
}

#[test]
fn p2_type_a_cord_is_polarity_error_on_all_lanes_both_ways() {
    let r = check_draft(
        &Parallel::direct(ArrayPolarity::A, [Gender::Unpinned, Gender::Unpinned]).build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
    assert_eq!(of_rule(&r, Rule::Polarity).len(), 8);
    assert_lanes(&r, false, |k| k);
}

#[test]
fn p3_type_c_cord_meets_tx_of_the_neighbour_lane() {
    let r = check_draft(
        &Parallel::direct(ArrayPolarity::C, [Gender::Unpinned, Gender::Unpinned]).build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
    assert_eq!(of_rule(&r, Rule::Polarity).len(), 8);
    // Tx1 meets Tx2, Tx2 meets Tx1, Tx3 meets Tx4, Tx4 meets Tx3.
    assert_lanes(&r, false, |k| k ^ 1);
}

#[test]
fn p4_pinned_cord_into_pinned_transceiver_is_gender_error() {
    let r = check_draft(
        &Parallel::direct(ArrayPolarity::B, [Gender::Pinned, Gender::Unpinned]).build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Gender)]));
    let g = of_rule(&r, Rule::Gender);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].ports, vec![PortRef::front("SW1", 1)]);
}

#[test]
fn p5_type_b_cords_and_trunk_through_key_up_key_up_adapters_pass() {
    let r = check_draft(&Parallel::p5().build());
    assert_passes(&r);
    assert_lanes(&r, true, |k| k);
}

#[test]
fn p6_type_a_trunk_is_polarity_error_on_all_lanes() {
    let r = check_draft(
        &Parallel {
            trunk: Some(ArrayPolarity::A),
            ..Parallel::p5()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
    assert_eq!(of_rule(&r, Rule::Polarity).len(), 8);
}

#[test]
fn p7_key_up_key_down_adapters_pass() {
    let r = check_draft(
        &Parallel {
            adapter: AdapterKind::MpoKeyUpKeyDown,
            ..Parallel::p5()
        }
        .build(),
    );
    assert_passes(&r);
    assert_lanes(&r, true, |k| k);
}

#[test]
fn p8_type_a_cords_type_b_trunk_key_up_key_down_pass() {
    let r = check_draft(
        &Parallel {
            near_cord: ArrayPolarity::A,
            far_cord: ArrayPolarity::A,
            adapter: AdapterKind::MpoKeyUpKeyDown,
            ..Parallel::p5()
        }
        .build(),
    );
    assert_passes(&r);
    assert_lanes(&r, true, |k| k);
}

#[test]
fn p9_all_unpinned_is_gender_error_at_both_adapters() {
    let u = [Gender::Unpinned, Gender::Unpinned];
    let r = check_draft(
        &Parallel {
            near_cord_genders: u,
            far_cord_genders: u,
            trunk_genders: u,
            ..Parallel::p5()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Gender)]));
    let ports: BTreeSet<String> = of_rule(&r, Rule::Gender)
        .iter()
        .map(|f| f.ports[0].to_string())
        .collect();
    assert_eq!(
        ports,
        ["P1/F1", "P2/F1"].iter().map(|s| s.to_string()).collect()
    );
}

#[test]
fn p10_sr4_breakout_passes_leg_k_carries_lane_k() {
    let r = check_draft(&breakout(|k| (13 - k, k)));
    assert_passes(&r);
    for k in 0..4u8 {
        let srv = xcvr(&r, &format!("SRV{}", k + 1));
        assert_eq!(
            near_piece(&r).traces.traces[near_trace(&r, k)].end,
            TraceEnd::Receiver {
                transceiver: srv,
                lane: 0
            }
        );
    }
    assert_eq!(r.channels().len(), 4);
}

#[test]
fn p11_swapped_legs_are_polarity_errors_on_every_leg() {
    let r = check_draft(&breakout(|k| (k, 13 - k)));
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polarity)]));
    let origins: BTreeSet<String> = of_rule(&r, Rule::Polarity)
        .iter()
        .map(|f| f.ports[0].to_string())
        .collect();
    for k in 1..=4 {
        assert!(origins.contains(&format!("SRV{k}/F1")), "leg {k}");
    }
    assert_eq!(of_rule(&r, Rule::Polarity).len(), 8);
}

#[test]
fn m1_mpo24_trunk_into_12f_cassettes_is_ferrule_error_at_both_rears() {
    let r = check_draft(
        &Duplex {
            trunk_connector: Connector::Mpo24,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Ferrule)]));
    assert_eq!(rear_ports_of(&r, Rule::Ferrule), both_rear_adapters());
}

#[test]
fn m2_os2_trunk_with_om4_cassettes_is_fiber_type_error() {
    let r = check_draft(
        &Duplex {
            trunk_fiber: FiberType::OS2,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::FiberType)]));
    assert_eq!(rear_ports_of(&r, Rule::FiberType), both_rear_adapters());
}

#[test]
fn m3_apc_trunk_with_upc_cassettes_is_polish_error() {
    let r = check_draft(
        &Duplex {
            trunk_polish: Polish::APC,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Polish)]));
    assert_eq!(rear_ports_of(&r, Rule::Polish), both_rear_adapters());
}

#[test]
fn m4_om3_trunk_with_om4_parts_warns_and_takes_om3_limits() {
    let r = check_draft(
        &Duplex {
            trunk_fiber: FiberType::OM3,
            ..Duplex::method_b()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Warning, Rule::MixedGrade)]));
    let c = &r.channels()[0];
    let budget = c.budget.as_ref().expect("budget computed");
    assert_eq!(budget.fiber, FiberType::OM3);
    assert_eq!(budget.reach_m, 70.0);
    assert_eq!(budget.max_loss_db, 1.8);
}

/// docs/model.md §4, mixed grades: a path must meet the limits of every grade in it. A 90 m
/// OM4 40GBASE-SR4 channel of 1.57 dB is over the OM4 limit of 1.5 dB; one OM3 cord in it
/// must not let it pass under the OM3 limit of 1.9 dB (it did when only the lowest grade's
/// limits applied).
#[test]
fn mixed_grades_take_the_smallest_loss_limit_and_the_shortest_reach_of_every_grade() {
    let sr4 = Parallel {
        application: "40GBASE-SR4",
        adapter_loss_db: 0.641,
        ..Parallel::p5()
    };
    let om4 = check_draft(&sr4.build());
    assert_eq!(kinds(&om4), set(&[(Severity::Error, Rule::Loss)]));
    assert!(close(budget_of(&om4).loss_db, 1.57));

    let mut mixed = sr4.build();
    let cord = mixed
        .cables
        .iter_mut()
        .find(|c| c.id.as_str() == "CORD2")
        .expect("the far cord");
    cord.spec.fiber = FiberType::OM3;
    let r = check_draft(&mixed);
    assert_eq!(
        kinds(&r),
        set(&[
            (Severity::Error, Rule::Loss),
            (Severity::Warning, Rule::MixedGrade)
        ])
    );
    let b = budget_of(&r);
    // OM4's 1.5 dB is the smaller loss limit, OM3's 100 m the shorter reach.
    assert_eq!(
        (b.fiber, b.max_loss_db, b.reach_m),
        (FiberType::OM4, 1.5, 100.0)
    );
    assert!(close(b.loss_db, 1.57));
    let loss = &of_rule(&r, Rule::Loss)[0].message;
    assert!(loss.contains("limit of 1.50 dB on OM4"), "{loss}");

    // Long enough for OM4 (150 m) but not for the OM3 cord's 100 m: a reach error on OM3.
    let long = Parallel {
        application: "40GBASE-SR4",
        trunk_m: 110.0,
        ..Parallel::p5()
    };
    let mut long_mixed = long.build();
    for c in long_mixed
        .cables
        .iter_mut()
        .filter(|c| c.id.as_str() == "CORD2")
    {
        c.spec.fiber = FiberType::OM3;
    }
    assert_eq!(kinds(&check_draft(&long.build())), set(&[]));
    let r = check_draft(&long_mixed);
    let reach = of_rule(&r, Rule::Reach);
    assert_eq!(reach.len(), 1, "{:?}", kinds(&r));
    assert!(
        reach[0].message.contains("reach of 100 m on OM3"),
        "{}",
        reach[0].message
    );
}

/// A Method B duplex channel all of one fiber type, for `application`, with a trunk of
/// `trunk_m`.
fn duplex_on(fiber: FiberType, application: &'static str, trunk_m: f64) -> Design {
    Duplex {
        application,
        cassette_fiber: fiber,
        trunk_fiber: fiber,
        cord_fiber: fiber,
        trunk_m,
        ..Duplex::method_b()
    }
    .build()
}

/// applications.md: 1000BASE-SX and 10GBASE-SR run on OM1 and OM2 too, with their own reach
/// and loss limits and 3.5 dB/km at 850 nm (they were "not specified" before).
#[test]
fn om1_and_om2_carry_10g_sr_and_1000base_sx_within_their_own_limits() {
    for (fiber, app, reach, loss) in [
        (FiberType::OM2, "10GBASE-SR", 82.0, 1.8),
        (FiberType::OM1, "10GBASE-SR", 33.0, 1.6),
        (FiberType::OM1, "1000BASE-SX", 275.0, 2.6),
        (FiberType::OM2, "1000BASE-SX", 550.0, 3.56),
    ] {
        let r = check_draft(&duplex_on(fiber, app, 20.0));
        assert_passes(&r);
        let b = budget_of(&r);
        assert_eq!(
            (b.fiber, b.reach_m, b.max_loss_db),
            (fiber, reach, loss),
            "{app} on {fiber}"
        );
        // 3.5 dB/km over the whole length.
        assert!(
            close(b.fiber_db, b.length_m / 1000.0 * 3.5),
            "{app} on {fiber}: {b:?}"
        );
    }
    // 90 m of OM2 is beyond 10GBASE-SR's 82 m there.
    let r = check_draft(&duplex_on(FiberType::OM2, "10GBASE-SR", 90.0));
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Reach)]));
}

/// M5: all six ports of each cassette wired to switch ports; MPO-8 trunk.
fn m5_design(wire_dark_ports: bool) -> Design {
    let mut d = Duplex {
        trunk_connector: Connector::Mpo8,
        ..Duplex::method_b()
    }
    .build();
    d.cables.retain(|c| c.id.as_str() == "T1");
    for id in ["SW1", "SW2"] {
        let e = d
            .equipment
            .iter_mut()
            .find(|e| e.id.as_str() == id)
            .unwrap();
        e.spec.ports[0].count = 6;
    }
    for k in 1..=6u16 {
        if !wire_dark_ports && (k == 3 || k == 4) {
            continue;
        }
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

#[test]
fn m5_mpo8_trunk_mates_with_12f_cassettes_ports_3_and_4_dark() {
    let r = check_draft(&m5_design(false));
    assert_passes(&r);
    for (k, far) in [(1u16, 6u16), (2, 5), (5, 2), (6, 1)] {
        assert!(
            r.channel_between(&PortRef::front("SW1", k), &PortRef::front("SW2", far))
                .is_some(),
            "port {k} should reach far port {far}"
        );
    }
    // With optics on ports 3 and 4, their light ends at the trunk's dark positions.
    let r = check_draft(&m5_design(true));
    assert_eq!(kinds(&r), set(&[(Severity::Warning, Rule::Open)]));
    let open_ports: BTreeSet<String> = of_rule(&r, Rule::Open)
        .iter()
        .map(|f| f.ports[0].to_string())
        .collect();
    let expected: BTreeSet<String> = ["SW1/F3", "SW1/F4", "SW2/F3", "SW2/F4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(open_ports, expected);
    assert!(of_rule(&r, Rule::Open)
        .iter()
        .all(|f| f.message.contains("carries no fiber")));
}

fn budget_of(r: &Report) -> fiberplan_engine::trace::Budget {
    r.channels()[0].budget.clone().expect("budget computed")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn l1_sr4_96m_passes_with_0_988_db() {
    let r = check_draft(&Parallel::p5().build());
    assert_passes(&r);
    let b = budget_of(&r);
    assert!(close(b.loss_db, 0.35 + 0.35 + 0.096 * 3.0), "{}", b.loss_db);
    assert!(close(b.loss_db, 0.988));
    assert!(close(b.length_m, 96.0));
    assert_eq!((b.max_loss_db, b.reach_m), (1.9, 100.0));
}

#[test]
fn l2_110m_trunk_is_reach_error_within_loss() {
    let r = check_draft(
        &Parallel {
            trunk_m: 110.0,
            ..Parallel::p5()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Reach)]));
    let b = budget_of(&r);
    assert!(close(b.length_m, 116.0));
    assert!(close(b.loss_db, 1.048));
}

#[test]
fn l3_om3_is_reach_error_at_70m() {
    let r = check_draft(
        &Parallel {
            fiber: FiberType::OM3,
            ..Parallel::p5()
        }
        .build(),
    );
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Reach)]));
    let b = budget_of(&r);
    assert_eq!((b.fiber, b.reach_m), (FiberType::OM3, 70.0));
    assert!(close(b.length_m, 96.0));
}

fn l4() -> Duplex {
    Duplex {
        cord_m: 2.0,
        trunk_m: 96.0,
        mpo_loss_db: 0.75,
        lc_loss_db: 0.5,
        ..Duplex::method_b()
    }
}

#[test]
fn l4_standard_cassettes_exceed_25g_sr_budget_at_2_8_db() {
    let r = check_draft(&l4().build());
    assert_eq!(kinds(&r), set(&[(Severity::Error, Rule::Loss)]));
    let b = budget_of(&r);
    assert!(
        close(b.loss_db, 2.0 * (0.75 + 0.5) + 0.1 * 3.0),
        "{}",
        b.loss_db
    );
    assert!(close(b.loss_db, 2.8));
    assert_eq!(b.max_loss_db, 1.9);
}

#[test]
fn l5_low_loss_cassettes_pass_at_1_3_db() {
    let r = check_draft(
        &Duplex {
            mpo_loss_db: 0.35,
            lc_loss_db: 0.15,
            ..l4()
        }
        .build(),
    );
    assert_passes(&r);
    assert!(close(budget_of(&r).loss_db, 1.3));
}

#[test]
fn l6_10g_lr_over_2km_os2_passes_at_3_3_db() {
    let d = Duplex {
        application: "10GBASE-LR",
        cassette_fiber: FiberType::OS2,
        cassette_mpo_polish: Polish::APC,
        trunk_fiber: FiberType::OS2,
        trunk_polish: Polish::APC,
        cord_fiber: FiberType::OS2,
        cord_m: 0.0,
        trunk_m: 2000.0,
        mpo_loss_db: 0.75,
        lc_loss_db: 0.5,
        ..Duplex::method_b()
    }
    .build();
    let r = check_draft(&d);
    assert_passes(&r);
    let b = budget_of(&r);
    assert!(close(b.loss_db, 2.5 + 0.8), "{}", b.loss_db);
    assert_eq!(b.max_loss_db, 6.2);
}
