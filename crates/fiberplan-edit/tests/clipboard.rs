//! Copy, paste and duplicate (issue 15), tested without egui: a copy holds what is inside the
//! parts copied and the cables between them, a paste renames it after the design's racks, and
//! a copy pasted into an empty design checks the same as what was copied.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_edit::apply;
use fiberplan_edit::clipboard::{copy, duplicate, paste};
use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::{check, CheckMode, Report};
use fiberplan_io::{design_from_str, design_to_string, EXAMPLE_DESIGN_RON};
use fiberplan_model::{Design, Id};
use proptest::prelude::*;
use std::path::Path;

fn example() -> Design {
    design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).expect("the example opens")
}

fn id(s: &str) -> Id {
    Id::from(s)
}

/// Every channel's ends and verdict, and every finding's rule and severity, sorted.
fn checked(r: &Report) -> (Vec<String>, Vec<String>) {
    let mut channels: Vec<String> = r
        .channels()
        .iter()
        .map(|c| format!("{} {:?} {}", c.a, c.b, c.verdict))
        .collect();
    channels.sort();
    let mut findings: Vec<String> = r
        .findings()
        .iter()
        .map(|f| format!("{} {}", f.severity, f.rule))
        .collect();
    findings.sort();
    (channels, findings)
}

/// Every channel's verdict and whether it reaches a far end, and every finding's rule and
/// severity, sorted: a check with the names left out.
fn unnamed(r: &Report) -> (Vec<String>, Vec<String>) {
    let mut channels: Vec<String> = r
        .channels()
        .iter()
        .map(|c| {
            format!(
                "{} {} hops {} {:.3} m",
                c.verdict,
                c.b.is_some(),
                c.hops,
                c.length_m
            )
        })
        .collect();
    channels.sort();
    (channels, checked(r).1)
}

#[test]
fn a_rack_copies_with_what_is_in_it_and_the_cables_between_its_parts() {
    let d = example();
    let c = copy(&d, &[id("A01")]);
    assert_eq!(c.racks.len(), 1);
    assert_eq!(c.enclosures.len(), 1, "A01-U40");
    assert_eq!(c.modules.len(), 4, "its four cassettes");
    assert_eq!(c.equipment.len(), 1, "LEAF1");
    // The cords from LEAF1 to the cassettes come; the trunks to A02 stay behind.
    assert!(c.cables.iter().all(|x| !x.label.starts_with("TRK")));
    assert_eq!(c.cables.len(), 24);
}

#[test]
fn duplicating_both_racks_adds_the_next_racks_of_the_row_whose_channels_pass() {
    let mut d = example();
    let dup = duplicate(&d, &[id("A01"), id("A02")]).unwrap();
    assert_eq!(dup.top, [id("A03"), id("A04")]);
    assert_eq!(dup.label, "Duplicate 2 racks");
    apply(&mut d, dup.edit).unwrap();
    let apps = ApplicationTable::builtin();
    let r = check(&d, &apps, CheckMode::Review);
    assert_eq!(r.channels().len(), 48);
    assert!(r.passes(), "{:?}", checked(&r).1);
    // Parts are named after their new rack, host names take the next free number.
    for wanted in [
        "A03-U40",
        "A03-U40-S1",
        "A04-U40-S4",
        "LEAF2",
        "SRV13",
        "SRV24",
    ] {
        assert!(d.kind_of(&id(wanted)).is_some(), "{wanted}");
    }
    assert!(d.cables.iter().any(|c| c.id.as_str() == "TRK-A03-A04-1"));
}

#[test]
fn a_copy_travels_as_design_text_between_windows() {
    let d = example();
    let c = copy(&d, &[id("A02")]);
    let text = design_to_string(&c).unwrap();
    let back = design_from_str(&text, Path::new("clipboard")).unwrap();
    assert_eq!(back, c);
}

#[test]
fn an_enclosure_copied_alone_pastes_without_a_place_with_its_modules_in_it() {
    let mut d = example();
    let p = paste(&d, &copy(&d, &[id("A01-U40")])).unwrap();
    assert_eq!(p.top.len(), 1);
    apply(&mut d, p.edit).unwrap();
    let new = d.enclosures.iter().find(|e| e.id == p.top[0]).unwrap();
    assert!(new.mount.is_none());
    let inside = d
        .modules
        .iter()
        .filter(|m| m.slot.as_ref().is_some_and(|s| s.enclosure == new.id))
        .count();
    assert_eq!(inside, 4);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Issue 15's property: a copy of any racks of a hall, pasted into an empty design,
    /// checks the same as the copy.
    #[test]
    fn a_copy_pasted_into_an_empty_design_checks_the_same(
        racks in 2u32..6,
        seed in 0u64..50,
        faults in 0.0f64..20.0,
        pick in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let (hall, _) = fiberplan_generate::generate(fiberplan_generate::GenerateOptions {
            racks,
            seed,
            fault_percent: faults,
        });
        let chosen: Vec<Id> = hall
            .racks
            .iter()
            .zip(&pick)
            .filter(|(_, p)| **p)
            .map(|(r, _)| r.id.clone())
            .collect();
        prop_assume!(!chosen.is_empty());
        let copied = copy(&hall, &chosen);
        let mut empty = Design::new("empty");
        let pasted = paste(&empty, &copied).unwrap();
        apply(&mut empty, pasted.edit).unwrap();
        let apps = ApplicationTable::builtin();
        // The paste names the racks afresh for the empty design (the first rack of a row is
        // A01 again); what is checked is the same.
        prop_assert_eq!(
            unnamed(&check(&empty, &apps, CheckMode::Review)),
            unnamed(&check(&copied, &apps, CheckMode::Review))
        );
    }
}

#[test]
fn a_racks_height_row_and_site_change_as_one_edit_and_undo_exactly() {
    let mut d = example();
    let before = d.clone();
    let inverse = apply(
        &mut d,
        fiberplan_edit::Edit::RackFields {
            id: id("A02"),
            height_u: 48,
            row: "B".into(),
            site: "DH2".into(),
        },
    )
    .unwrap();
    let r = d.racks.iter().find(|r| r.id == id("A02")).unwrap();
    assert_eq!(
        (r.height_u, r.row.as_str(), r.site.as_str()),
        (48, "B", "DH2")
    );
    apply(&mut d, inverse).unwrap();
    assert_eq!(d, before);
}

#[test]
fn a_paste_at_the_pointer_puts_a_part_in_the_free_units_under_it_and_racks_before_the_rack_under_it(
) {
    use fiberplan_edit::clipboard::{paste_at, Where};
    use fiberplan_edit::placement::Place;
    let mut d = example();
    let srv = copy(&d, &[id("SRV01")]);
    let at = Where {
        rack: Some(id("A02")),
        place: Some(Place::Units {
            rack: id("A02"),
            u: 20,
        }),
    };
    let p = paste_at(&d, &srv, &at).unwrap();
    apply(&mut d, p.edit).unwrap();
    let new = d.equipment.iter().find(|e| e.id == p.top[0]).unwrap();
    assert_eq!(
        new.mount.as_ref().map(|m| (m.rack.as_str(), m.u)),
        Some(("A02", 20))
    );
    // Where the units are taken, the part pastes without a place.
    let taken = Where {
        rack: Some(id("A02")),
        place: Some(Place::Units {
            rack: id("A02"),
            u: 30,
        }),
    };
    let p = paste_at(&d, &srv, &taken).unwrap();
    apply(&mut d, p.edit).unwrap();
    assert!(d
        .equipment
        .iter()
        .any(|e| e.id == p.top[0] && e.mount.is_none()));
    // A rack pastes into the row before the rack under the pointer.
    let rack = copy(&d, &[id("A02")]);
    let before_a01 = Where {
        rack: Some(id("A01")),
        place: None,
    };
    let p = paste_at(&d, &rack, &before_a01).unwrap();
    apply(&mut d, p.edit).unwrap();
    let order: Vec<&str> = d.racks.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(order, ["A03", "A01", "A02"]);
}
