//! Upgrade what-if (issue 17): the patching change that carries a target application, tried
//! on the checks of `fiber-model.md` and against the limits of `applications.md`.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_edit::apply;
use fiberplan_edit::upgrade::{set_port_optic, upgrade, Scope, UpgradeError};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode, Verdict};
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_model::{CableKind, Design, FiberType};

fn hall() -> Design {
    generate(GenerateOptions {
        racks: 8,
        seed: 1,
        fault_percent: 0.0,
    })
    .0
}

fn plan(d: &Design, app: &str, scope: &Scope) -> fiberplan_edit::upgrade::Upgrade {
    let apps = ApplicationTable::builtin();
    let r = check(d, &apps, CheckMode::Review);
    upgrade(d, &r, &Catalog::builtin(), &apps, app, scope).unwrap()
}

#[test]
fn the_25g_method_b_hall_moves_one_leaf_link_per_trunk_to_100g_sr4_and_every_one_passes() {
    let d = hall();
    let trunks = d
        .cables
        .iter()
        .filter(|c| matches!(c.spec.kind, CableKind::Trunk { .. }))
        .count();
    let u = plan(&d, "100GBASE-SR4", &Scope::All);
    // One SR4 link per 12-fiber trunk that carries links (8 fibers of 12, applications.md:
    // 4 lanes / 8 fibers).
    assert_eq!(u.moved.len(), u.utilization.len());
    assert!(
        u.moved.len() * 100 > trunks * 90,
        "{} of {trunks}",
        u.moved.len()
    );
    assert_eq!(
        u.passing(),
        u.moved.len(),
        "{:?}",
        u.moved.iter().find(|m| m.verdict == Verdict::Fail)
    );
    // 100GBASE-SR4 on OM4: 1.9 dB (IEEE 802.3 clause 95): the margin is against that limit.
    assert!(u
        .moved
        .iter()
        .all(|m| m.margin_db.unwrap() > 0.0 && m.margin_db.unwrap() < 1.9));
    // The trunk's other duplex links are named with the reason.
    assert!(
        u.stuck
            .iter()
            .all(|s| s.why.contains("carries one 100GBASE-SR4 link")),
        "{:?}",
        u.stuck.first()
    );
    for t in &u.utilization {
        assert_eq!((t.fibers, t.lit_after), (12, 8), "{t:?}");
        assert!(t.lit_before >= 8 && t.lit_before <= 12, "{t:?}");
    }
    // Cassettes out, MPO panels of the same slot format in, LC cords for MPO cords.
    assert!(
        u.removed.iter().any(|p| p.contains("CAS-")),
        "{:?}",
        u.removed
    );
    assert!(
        u.added.iter().any(|p| p.contains("PNL-MPO")),
        "{:?}",
        u.added
    );
    assert!(u.added.iter().any(|p| p.contains("MPC-")), "{:?}", u.added);
    // The upgraded design checks without an error on the links that moved.
    let after = check(&u.design, &ApplicationTable::builtin(), CheckMode::Review);
    for m in &u.moved {
        let c = after.channel_between(&m.a, &m.b).unwrap();
        assert_ne!(c.verdict, Verdict::Fail, "{}", m.name);
        assert_eq!(c.applications, vec!["100GBASE-SR4".to_owned()]);
    }
}

#[test]
fn the_upgrade_is_one_edit_that_gives_the_previewed_design_and_undoes_exactly() {
    let d = hall();
    let u = plan(&d, "100GBASE-SR4", &Scope::All);
    let mut e = d.clone();
    let inverse = apply(&mut e, u.edit.clone()).unwrap();
    assert_eq!(e, u.design);
    apply(&mut e, inverse).unwrap();
    assert_eq!(e, d);
}

#[test]
fn a_scope_of_racks_moves_only_links_with_an_end_in_them() {
    let d = hall();
    let rack = d.racks[2].id.clone();
    let u = plan(&d, "100GBASE-SR4", &Scope::Racks(vec![rack.clone()]));
    assert!(!u.moved.is_empty());
    for m in &u.moved {
        let in_rack = [&m.a, &m.b].iter().any(|p| {
            d.equipment
                .iter()
                .find(|e| e.id == p.part)
                .and_then(|e| e.mount.as_ref())
                .is_some_and(|mt| mt.rack == rack)
        });
        assert!(in_rack, "{}", m.name);
    }
    assert!(u.moved.len() < plan(&d, "100GBASE-SR4", &Scope::All).moved.len());
}

#[test]
fn an_om3_trunk_too_long_for_400g_sr4_2_says_which_links_and_why() {
    let mut d = hall();
    // 90 m of OM3: 400GBASE-SR4.2 reaches 70 m on OM3 (IEEE 802.3 clause 150), and a path of
    // mixed grades takes the lowest grade's limits (fiber-model.md section 4).
    for c in &mut d.cables {
        if matches!(c.spec.kind, CableKind::Trunk { .. }) {
            c.spec.fiber = FiberType::OM3;
            c.spec.length_m = 90.0;
        }
    }
    let u = plan(&d, "400GBASE-SR4.2", &Scope::All);
    assert!(u.moved.is_empty(), "{:?}", u.moved.first());
    assert!(!u.stuck.is_empty());
    let first = &u.stuck[0];
    assert!(first.why.contains("reach"), "{first:?}");
    assert!(first.why.contains("70"), "{first:?}");
    // Each link names its own trunk, though links of one shape are tried once; all are
    // counted under one reason.
    let trunks: std::collections::BTreeSet<&str> = u
        .stuck
        .iter()
        .filter_map(|s| s.why.split(" on trunk ").nth(1))
        .filter_map(|rest| rest.split(':').next())
        .collect();
    assert!(trunks.len() > 1, "{trunks:?}");
    assert!(
        u.stuck.iter().all(|s| s.reason == first.reason),
        "{:?}",
        u.stuck
    );
}

#[test]
fn an_application_needing_more_fibers_than_the_trunk_has_is_refused_with_the_count() {
    let u = plan(&hall(), "400GBASE-SR8", &Scope::All);
    assert!(u.moved.is_empty());
    // 400GBASE-SR8: 8 lanes, 16 fibers (applications.md); the trunks are MPO-12.
    assert!(
        u.stuck[0].why.contains("needs 16 fibers"),
        "{:?}",
        u.stuck[0]
    );
    assert!(u.stuck[0].why.contains("MPO-12"), "{:?}", u.stuck[0]);
}

#[test]
fn a_duplex_target_only_changes_the_optics_and_keeps_every_link() {
    let d = hall();
    let links = check(&d, &ApplicationTable::builtin(), CheckMode::Review)
        .channels()
        .iter()
        .filter(|c| c.b.is_some())
        .count();
    let u = plan(&d, "10GBASE-SR", &Scope::All);
    assert_eq!(u.moved.len(), links);
    assert!(u.removed.is_empty() && u.added.is_empty());
    assert_eq!(u.passing(), links);
}

#[test]
fn an_unknown_application_or_one_without_an_optic_is_an_error() {
    let d = hall();
    let apps = ApplicationTable::builtin();
    let r = check(&d, &apps, CheckMode::Review);
    let e = upgrade(
        &d,
        &r,
        &Catalog::builtin(),
        &apps,
        "900GBASE-XX",
        &Scope::All,
    )
    .unwrap_err();
    assert_eq!(e, UpgradeError::NoApplication("900GBASE-XX".into()));
    let mut catalog = Catalog::builtin();
    catalog.entries.retain(|e| !e.part_number.contains("SR4"));
    let e = upgrade(&d, &r, &catalog, &apps, "100GBASE-SR4", &Scope::All).unwrap_err();
    assert_eq!(e, UpgradeError::NoOptic("100GBASE-SR4".into()));
}

#[test]
fn changing_one_port_s_optic_keeps_every_other_port_and_name() {
    let d = hall();
    let e = &d.equipment[0];
    let optic = fiberplan_edit::upgrade::optic_for(&Catalog::builtin(), "100GBASE-SR4").unwrap();
    let spec = set_port_optic(&e.spec, 3, &optic);
    assert_eq!(spec.port_count(), e.spec.port_count());
    for n in 1..=e.spec.port_count() as u16 {
        assert_eq!(
            spec.port(n).unwrap().1,
            e.spec.port(n).unwrap().1,
            "port {n}"
        );
        let expected = if n == 3 {
            &optic
        } else {
            &e.spec.port(n).unwrap().0.transceiver
        };
        assert_eq!(&spec.port(n).unwrap().0.transceiver, expected);
    }
    // Put back, the groups are one again.
    let back = set_port_optic(&spec, 3, &e.spec.port(1).unwrap().0.transceiver);
    assert_eq!(back, e.spec);
}

/// The generated hall with Type A trunks, made to pass again by blame's fixes (a Method A
/// plant: straight trunks, the flip in the patching).
fn type_a_hall() -> Design {
    let mut d = generate(GenerateOptions {
        racks: 2,
        seed: 1,
        fault_percent: 0.0,
    })
    .0;
    for c in &mut d.cables {
        if let CableKind::Trunk { polarity, .. } = &mut c.spec.kind {
            *polarity = fiberplan_model::ArrayPolarity::A;
        }
    }
    let apps = ApplicationTable::builtin();
    let r = check(&d, &apps, CheckMode::Draft);
    for f in fiberplan_edit::blame::fixes(&d, &r, &apps, &Catalog::builtin()) {
        let _ = apply(&mut d, f.edit());
    }
    assert!(check(&d, &apps, CheckMode::Draft).passes());
    d
}

/// Issue 17: where base-8 optics (100GBASE-SR4: four lanes, eight fibers) meet base-12
/// trunks, two trunks between the same enclosures carry three links through a 2 x MPO-12 to
/// 3 x MPO-8 conversion module at each end (fiber-model.md: conversion modules are
/// components with explicit maps), instead of one link per trunk through MPO panels.
#[test]
fn base_8_optics_on_base_12_trunks_go_through_conversion_modules_three_links_per_two_trunks() {
    let d = type_a_hall();
    let u = plan(&d, "100GBASE-SR4", &Scope::All);
    let trunks = d
        .cables
        .iter()
        .filter(|c| matches!(c.spec.kind, CableKind::Trunk { .. }))
        .count();
    // Three links on each pair of trunks that has three (the hall's last trunks carry fewer):
    // more links move than there are trunks, where panels would move one per trunk.
    let converted = u.added.iter().filter(|p| p.contains("CNV-")).count();
    assert!(
        converted >= trunks - 2,
        "{converted} modules for {trunks} trunks"
    );
    assert!(
        u.moved.len() >= converted / 2 * 3,
        "{} moved",
        u.moved.len()
    );
    assert!(
        u.moved.len() > trunks,
        "{} moved on {trunks} trunks",
        u.moved.len()
    );
    assert_eq!(u.passing(), u.moved.len());
    assert!(
        u.added.iter().any(|p| p.contains("CNV-2x12F-3x8F")),
        "{:?}",
        u.added
    );
    // Every fiber of a converted pair is lit: 3 links x 8 fibers on 2 x 12.
    let full = u
        .utilization
        .iter()
        .filter(|t| (t.fibers, t.lit_after) == (12, 12))
        .count();
    assert!(full >= converted, "{:?}", u.utilization);
    // The planned design checks as the preview says.
    let r = check(&u.design, &ApplicationTable::builtin(), CheckMode::Review);
    for m in &u.moved {
        let c = r.channel_between(&m.a, &m.b).unwrap();
        assert_ne!(c.verdict, Verdict::Fail, "{}", m.name);
    }
    assert!(
        u.stuck[0].why.contains("conversion modules"),
        "{:?}",
        u.stuck[0]
    );
}

/// On Type B trunks the catalog's conversion module would cross the middle MPO-8's lanes
/// (Tx meets Tx, found by trying it): each trunk carries one link through MPO panels, and
/// the links left say why no conversion module was used.
#[test]
fn where_a_conversion_module_fails_the_check_the_panels_carry_one_link_and_say_why() {
    let u = plan(&hall(), "100GBASE-SR4", &Scope::All);
    assert!(u.added.iter().all(|p| !p.contains("CNV-")), "{:?}", u.added);
    assert!(u
        .stuck
        .iter()
        .any(|s| s.why.contains("conversion modules cannot") && s.why.contains("Tx meets Tx")));
}

/// Issue 17: an upgrade asked for the switches' rack only fans each new 100GBASE-SR4 port
/// out to four of the servers' duplex links through a catalog breakout harness; the servers
/// keep their 25GBASE-SR optics, and each leg is judged as a fan-out by its lane
/// (fiber-model.md: fan-outs get the same verdict whatever parts carry them).
#[test]
fn an_upgrade_of_one_end_fans_a_parallel_port_out_to_four_duplex_links() {
    let d = generate(GenerateOptions {
        racks: 2,
        seed: 1,
        fault_percent: 0.0,
    })
    .0;
    let switches = fiberplan_model::Id::from("A01");
    let u = plan(&d, "100GBASE-SR4", &Scope::Racks(vec![switches.clone()]));
    assert!(!u.moved.is_empty());
    assert_eq!(u.passing(), u.moved.len());
    let harnesses = u.added.iter().filter(|p| p.contains("BRK-8F-4LC")).count();
    assert_eq!(u.moved.len(), harnesses * 4, "four links on each breakout");
    let apps = ApplicationTable::builtin();
    let r = check(&u.design, &apps, CheckMode::Review);
    assert!(
        r.passes(),
        "the upgraded design passes in review: no open legs"
    );
    for m in &u.moved {
        let c = r.channel_between(&m.a, &m.b).unwrap();
        assert!(
            c.applications.contains(&"100GBASE-SR4".to_owned()),
            "{}",
            m.name
        );
        assert!(
            c.applications.contains(&"25GBASE-SR".to_owned()),
            "{}",
            m.name
        );
        // The far end is a server in the other rack, whose optic is unchanged.
        let far = u
            .design
            .equipment
            .iter()
            .find(|e| e.id == m.b.part)
            .unwrap();
        assert_ne!(far.mount.as_ref().unwrap().rack, switches);
    }
}

/// A switch with fewer links left than a breakout has legs keeps them on their duplex
/// optics, and says why: an unused leg would be an open lane.
#[test]
fn too_few_links_for_a_breakout_s_legs_stay_and_say_why() {
    let mut d = generate(GenerateOptions {
        racks: 2,
        seed: 1,
        fault_percent: 0.0,
    })
    .0;
    // Leave the first switch with three cords of its first enclosure's links.
    let first_switch = d
        .equipment
        .iter()
        .find(|e| e.id.as_str().contains("SW"))
        .unwrap()
        .id
        .clone();
    let mut kept = 0;
    d.cables.retain(|c| {
        let on_switch = c.ends.iter().flatten().any(|e| e.part == first_switch);
        if !on_switch {
            return true;
        }
        kept += 1;
        kept <= 3
    });
    let u = plan(
        &d,
        "100GBASE-SR4",
        &Scope::Ports(
            (1..=48)
                .map(|n| fiberplan_model::PortRef::front(first_switch.as_str(), n))
                .collect(),
        ),
    );
    assert!(u.moved.is_empty(), "{:?}", u.moved.first());
    assert!(
        u.stuck.iter().all(|s| s.why.contains("open lane")),
        "{:?}",
        u.stuck
    );
}

/// A selection holding the switch and one of its servers: the server's link moves with both
/// ends, the others fan out through breakouts; no change reaches a cassette another change
/// already rebuilt, every link that moves passes, and the edit gives the previewed design.
#[test]
fn a_switch_and_one_server_selected_move_without_touching_each_other_s_cassettes() {
    let d = fiberplan_io::load_design(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../saved_designs/two-rack-leaf-servers.ron"
    )))
    .unwrap();
    let mut ports: Vec<fiberplan_model::PortRef> = Vec::new();
    for id in ["LEAF1", "SRV05"] {
        let e = d.equipment.iter().find(|e| e.id.as_str() == id).unwrap();
        ports.extend(
            (1..=e.spec.port_count() as u16).map(|n| fiberplan_model::PortRef::front(id, n)),
        );
    }
    let u = plan(&d, "100GBASE-SR4", &Scope::Ports(ports));
    assert!(!u.moved.is_empty());
    let mut e = d.clone();
    apply(&mut e, u.edit.clone()).unwrap();
    assert!(e == u.design, "the edit gives the previewed design");
    let r = check(&u.design, &ApplicationTable::builtin(), CheckMode::Draft);
    for m in &u.moved {
        let c = r.channel_between(&m.a, &m.b).unwrap();
        assert_ne!(c.verdict, Verdict::Fail, "{}", m.name);
    }
    // No reason of a link left behind is a failed edit of a part already gone.
    assert!(
        u.stuck
            .iter()
            .all(|s| !s.why.contains("no part") && !s.why.contains("no such")),
        "{:?}",
        u.stuck
    );
}
