//! Bulk patching (issue 15), without egui: the port ranges a faceplate gives and the cords
//! patched between two of them in order.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_edit::apply;
use fiberplan_edit::patch::{patch_in_order, port_range, PatchError};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_io::{design_from_str, EXAMPLE_DESIGN_RON};
use fiberplan_model::{Design, PortRef};
use std::path::Path;

fn example() -> Design {
    design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).expect("the example opens")
}

#[test]
fn an_enclosures_range_runs_slot_by_slot_and_a_switchs_by_number() {
    let d = example();
    let r = port_range(
        &d,
        &PortRef::front("A01-U40-S1", 1),
        &PortRef::front("A01-U40-S4", 6),
    );
    assert_eq!(r.len(), 24);
    assert_eq!(
        r[6],
        PortRef::front("A01-U40-S2", 1),
        "S1's six ports, then S2's"
    );
    let r = port_range(&d, &PortRef::front("LEAF1", 5), &PortRef::front("LEAF1", 2));
    let numbers: Vec<u16> = r.iter().map(|p| p.port).collect();
    assert_eq!(numbers, [5, 4, 3, 2], "picked backwards, in that order");
    assert!(
        port_range(
            &d,
            &PortRef::front("A01-U40-S1", 1),
            &PortRef::front("A02-U40-S1", 1)
        )
        .is_empty(),
        "two enclosures are two faceplates"
    );
}

#[test]
fn patching_in_order_makes_one_cord_per_pair_as_one_step() {
    let mut d = example();
    d.cables.retain(|c| !c.label.starts_with("PC-A01-"));
    let near = port_range(
        &d,
        &PortRef::front("LEAF1", 1),
        &PortRef::front("LEAF1", 24),
    );
    let far = port_range(
        &d,
        &PortRef::front("A01-U40-S1", 1),
        &PortRef::front("A01-U40-S4", 6),
    );
    let catalog = Catalog::builtin();
    let p = patch_in_order(&d, &catalog, "LCC-AB-OM4", Some(2.0), &near, &far).unwrap();
    assert_eq!(p.cables.len(), 24);
    apply(&mut d, p.edit).unwrap();
    let r = check(&d, &ApplicationTable::builtin(), CheckMode::Review);
    assert!(r.passes());
    assert!(d
        .cables
        .iter()
        .filter(|c| p.cables.contains(&c.id))
        .all(|c| c.spec.length_m == 2.0));
    // The same again: every port is taken now.
    assert!(matches!(
        patch_in_order(&d, &catalog, "LCC-AB-OM4", None, &near, &far),
        Err(PatchError::Taken(_))
    ));
    assert!(matches!(
        patch_in_order(&d, &catalog, "LCC-AB-OM4", None, &near, &far[..3]),
        Err(PatchError::Count { from: 24, to: 3 })
    ));
}

#[test]
fn trunking_two_enclosures_pairs_their_cassettes_in_slot_order() {
    let mut d = example();
    d.cables.retain(|c| !c.label.starts_with("TRK"));
    let catalog = Catalog::builtin();
    let p = fiberplan_edit::patch::trunk_enclosures(
        &d,
        &catalog,
        "TRK-12F-B-FF-OM4",
        Some(8.0),
        &"A01-U40".into(),
        &"A02-U40".into(),
    )
    .unwrap();
    assert_eq!(p.cables.len(), 4);
    apply(&mut d, p.edit).unwrap();
    let trunks: Vec<(String, String)> = d
        .cables
        .iter()
        .filter(|c| p.cables.contains(&c.id))
        .map(|c| {
            let e: Vec<String> = c.ends.iter().flatten().map(|e| e.to_string()).collect();
            (e[0].clone(), e[1].clone())
        })
        .collect();
    assert_eq!(trunks[1], ("A01-U40-S2/R1".into(), "A02-U40-S2/R1".into()));
    assert!(check(&d, &ApplicationTable::builtin(), CheckMode::Review).passes());
}

#[test]
fn filling_an_enclosure_puts_a_module_in_every_empty_slot_named_after_it() {
    let mut d = example();
    d.cables.clear();
    d.modules
        .retain(|m| m.id.as_str() != "A01-U40-S2" && m.id.as_str() != "A01-U40-S3");
    let catalog = Catalog::builtin();
    let (label, edit) =
        fiberplan_edit::patch::fill_enclosure(&d, &catalog, &"A01-U40".into(), "CAS-12F-B-M-OM4")
            .unwrap();
    assert!(label.starts_with("Fill A01-U40 with 2 x"), "{label}");
    apply(&mut d, edit).unwrap();
    for id in ["A01-U40-S2", "A01-U40-S3"] {
        assert!(d.kind_of(&id.into()).is_some(), "{id}");
    }
    // A module of another slot format does not go in.
    let lgx = catalog
        .entries
        .iter()
        .find(|e| e.part_number.starts_with("CAS-LGX"))
        .unwrap();
    d.modules.retain(|m| m.id.as_str() != "A01-U40-S4");
    assert!(fiberplan_edit::patch::fill_enclosure(
        &d,
        &catalog,
        &"A01-U40".into(),
        &lgx.part_number
    )
    .is_err());
}

#[test]
fn a_cassette_swaps_for_another_of_its_slot_format_keeping_its_cables() {
    let mut d = example();
    let catalog = Catalog::builtin();
    let id = "A01-U40-S1".into();
    let candidates = fiberplan_edit::swap::swap_candidates(&d, &catalog, &id);
    assert!(candidates
        .iter()
        .all(|e| !e.part_number.starts_with("CAS-LGX")));
    assert!(candidates
        .iter()
        .any(|e| e.part_number == "CAS-12F-B-M-OM4-STD"));
    let cables_before: Vec<_> = d.cables.iter().map(|c| c.ends.clone()).collect();
    let (label, edit) =
        fiberplan_edit::swap::swap_part(&d, &catalog, &id, "CAS-12F-B-M-OM4-STD").unwrap();
    assert!(label.starts_with("Swap A01-U40-S1 for"), "{label}");
    apply(&mut d, edit).unwrap();
    let m = d.modules.iter().find(|m| m.id == id).unwrap();
    assert_eq!(m.catalog.as_deref(), Some("CAS-12F-B-M-OM4-STD"));
    let cables_after: Vec<_> = d.cables.iter().map(|c| c.ends.clone()).collect();
    assert_eq!(cables_after, cables_before, "same ports, cables stay");
    // A 24-fiber cassette of the same slot format fits too, with twelve front ports.
    let (_, to24) = fiberplan_edit::swap::swap_part(&d, &catalog, &id, "CAS-24F-B-M-OM4").unwrap();
    apply(&mut d, to24).unwrap();
    assert!(d
        .modules
        .iter()
        .any(|m| m.id == id && m.spec.ports(fiberplan_model::Side::Front).len() == 12));
}

#[test]
fn a_group_moves_by_the_same_units_and_may_take_its_own_units() {
    let d = example();
    let ids = ["SRV01".into(), "SRV02".into(), "SRV03".into()];
    // One unit down: each takes the unit the one below it leaves.
    let (label, edit) =
        fiberplan_edit::placement::move_group(&d, &ids, &"SRV01".into(), &"A02".into(), 26)
            .unwrap()
            .unwrap();
    assert_eq!(label, "Move 3 parts");
    let mut moved = d.clone();
    apply(&mut moved, edit).unwrap();
    let u = |id: &str| {
        moved
            .equipment
            .iter()
            .find(|e| e.id.as_str() == id)
            .and_then(|e| e.mount.as_ref())
            .map(|m| m.u)
    };
    assert_eq!(
        (u("SRV01"), u("SRV02"), u("SRV03")),
        (Some(26), Some(27), Some(28))
    );
    // Up into SRV04's units: refused, naming it.
    let e = fiberplan_edit::placement::move_group(&d, &ids, &"SRV01".into(), &"A02".into(), 28)
        .unwrap_err();
    assert!(e.to_string().contains("SRV04"), "{e}");
}
