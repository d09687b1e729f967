//! Routing a link through the plant (issue 15), without egui: the two cords that complete a
//! path through a free cassette port and the trunk behind it, with a passing polarity.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_edit::apply;
use fiberplan_edit::route::{route, RouteError};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode, Verdict};
use fiberplan_io::{design_from_str, EXAMPLE_DESIGN_RON};
use fiberplan_model::{Design, PortRef};
use std::path::Path;

/// The example with the cords of its first channel taken out, and that channel's two
/// transceiver ports.
fn one_link_unpatched() -> (Design, PortRef, PortRef) {
    let mut d = design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).unwrap();
    let equipment_end = |d: &Design, id: &str| -> PortRef {
        let c = d.cables.iter().find(|c| c.id.as_str() == id).unwrap();
        c.ends
            .iter()
            .flatten()
            .find(|p| d.equipment.iter().any(|e| e.id == p.part))
            .unwrap()
            .clone()
    };
    let (a, b) = (
        equipment_end(&d, "PC-A01-01"),
        equipment_end(&d, "PC-A02-01"),
    );
    d.cables
        .retain(|c| c.id.as_str() != "PC-A01-01" && c.id.as_str() != "PC-A02-01");
    (d, a, b)
}

#[test]
fn a_link_routes_through_a_free_cassette_port_and_its_trunk_and_passes() {
    let (mut d, a, b) = one_link_unpatched();
    let apps = ApplicationTable::builtin();
    let report = check(&d, &apps, CheckMode::Review);
    let r = route(&d, &report, &apps, &Catalog::builtin(), &a, &b).unwrap();
    assert!(
        r.through.0.part.as_str().starts_with("A01-U40"),
        "{:?}",
        r.through
    );
    assert!(
        r.through.1.part.as_str().starts_with("A02-U40"),
        "{:?}",
        r.through
    );
    apply(&mut d, r.edit).unwrap();
    let after = check(&d, &apps, CheckMode::Review);
    assert!(after
        .channel_between(&a, &b)
        .is_some_and(|c| c.verdict == Verdict::Pass));
    assert!(after.passes());
}

#[test]
fn with_no_free_port_it_says_what_is_missing() {
    let (mut d, a, b) = one_link_unpatched();
    // Fill the free cassette port at each end with a loose cord.
    let (d2, _, _) = one_link_unpatched();
    let taken: Vec<PortRef> = design_from_str(EXAMPLE_DESIGN_RON, Path::new("x"))
        .unwrap()
        .cables
        .iter()
        .filter(|c| c.id.as_str() == "PC-A01-01" || c.id.as_str() == "PC-A02-01")
        .flat_map(|c| c.ends.iter().flatten().cloned())
        .filter(|p| d2.modules.iter().any(|m| m.id == p.part))
        .collect();
    for (k, p) in taken.iter().enumerate() {
        let mut spare = d.cables[0].clone();
        spare.id = format!("SPARE{k}").as_str().into();
        spare.ends = vec![Some(p.clone()), None];
        d.cables.push(spare);
    }
    let apps = ApplicationTable::builtin();
    let report = check(&d, &apps, CheckMode::Draft);
    let e = route(&d, &report, &apps, &Catalog::builtin(), &a, &b).unwrap_err();
    assert!(
        matches!(e, RouteError::NoFreePort(_) | RouteError::NoPath { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("trunk"), "{e}");
}
