//! The rules the window asks while a part is dragged, placed or wired, tested without egui:
//! free units, free slots and slot formats (docs/model.md, "Layout checks"), the ids and
//! edits of new parts, the catalog cables that fit two ports (the ferrule rule of
//! docs/model.md, "Connectors"), and a document open for review refusing edits.
//!
//! The design is the embedded example: racks A01 and A02 (42 U), a 1U four-slot FP-HD
//! enclosure at U40 of each with all four slots filled, the leaf switch at A01 U42.

use fiberplan_edit::new_part::{compatible_cables, new_cable, new_part, preferred_id};
use fiberplan_edit::placement::Refusal;
use fiberplan_edit::placement::{check_place, move_to, slot_free, units_free, Need, Place};
use fiberplan_edit::{Document, Edit, EditError, Part};
use fiberplan_engine::catalog::{ApplicationTable, Catalog, PartTemplate};
use fiberplan_io::{design_from_str, EXAMPLE_DESIGN_RON};
use fiberplan_model::{Connector, Design, Id, Mount, Note, NoteTarget, PortRef, Side, SlotRef};
use std::path::Path;

fn example() -> Design {
    design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).expect("the example opens")
}

fn id(s: &str) -> Id {
    Id::from(s)
}

/// The example with module `A01-U40-S2` taken out, so its slot is free.
fn with_free_slot() -> Design {
    let mut d = example();
    d.modules.retain(|m| m.id.as_str() != "A01-U40-S2");
    d
}

#[test]
fn units_taken_by_a_mounted_part_are_refused_with_its_name() {
    let d = example();
    let refusal = units_free(&d, &id("A01"), 39, 2, None).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::UnitsTaken {
            bottom: 39,
            top: 40,
            other: "A01-U40".into(),
            other_bottom: 40,
            other_top: 40,
        }
    );
    assert_eq!(refusal.to_string(), "U39-U40 overlaps A01-U40 (U40-U40)");
}

#[test]
fn units_above_the_rack_top_are_refused() {
    let d = example();
    let refusal = units_free(&d, &id("A01"), 42, 2, None).unwrap_err();
    assert_eq!(refusal.to_string(), "needs U42-U43, but A01 has U1-U42");
    assert_eq!(
        units_free(&d, &id("NOPE"), 1, 1, None).unwrap_err(),
        Refusal::NoRack(id("NOPE"))
    );
}

#[test]
fn free_units_are_accepted_and_a_part_does_not_block_its_own_move() {
    let d = example();
    assert_eq!(units_free(&d, &id("A01"), 10, 4, None), Ok(()));
    assert_eq!(
        units_free(&d, &id("A01"), 40, 1, Some(&id("A01-U40"))),
        Ok(())
    );
}

#[test]
fn a_slot_is_refused_when_taken_of_another_format_or_missing() {
    let d = example();
    let enclosure = id("A01-U40");
    assert_eq!(
        slot_free(&d, &enclosure, 2, "FP-HD", None)
            .unwrap_err()
            .to_string(),
        "slot 2 of A01-U40 holds A01-U40-S2"
    );
    let free = with_free_slot();
    assert_eq!(
        slot_free(&free, &enclosure, 2, "LGX", None).unwrap_err(),
        Refusal::WrongFormat {
            enclosure: "A01-U40".into(),
            takes: "FP-HD".into(),
            format: "LGX".into(),
        }
    );
    assert_eq!(
        slot_free(&free, &enclosure, 5, "FP-HD", None)
            .unwrap_err()
            .to_string(),
        "A01-U40 has slots 1-4, not slot 5"
    );
    assert_eq!(slot_free(&free, &enclosure, 2, "FP-HD", None), Ok(()));
    // The module in a slot may be moved back into it.
    assert_eq!(
        slot_free(&d, &enclosure, 2, "FP-HD", Some(&id("A01-U40-S2"))),
        Ok(())
    );
}

#[test]
fn a_part_needs_what_its_template_or_spec_says() {
    let catalog = Catalog::builtin();
    let need = |pn: &str| Need::of_template(&catalog.get(pn).expect("in the catalog").part);
    assert_eq!(need("ENC-1U-4"), Need::Units(1));
    assert_eq!(need("CAS-LGX-12F-B-M-OM4"), Need::Slot("FP-LGX".into()));
    assert_eq!(need("RK-42U"), Need::Anywhere);
    assert_eq!(need("TRK-12F-B-FF-OM4"), Need::Anywhere);
    let d = example();
    assert_eq!(Need::of_part(&d, &id("LEAF1")), Some(Need::Units(1)));
    assert_eq!(
        Need::of_part(&d, &id("A01-U40-S1")),
        Some(Need::Slot("FP-HD".into()))
    );
    assert_eq!(Need::of_part(&d, &id("A01")), None);
}

#[test]
fn an_lgx_cassette_cannot_go_into_an_hd_slot() {
    let free = with_free_slot();
    let place = Place::Slot {
        enclosure: id("A01-U40"),
        slot: 2,
    };
    let refusal = check_place(&free, &Need::Slot("FP-LGX".into()), &place, None).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "A01-U40 takes FP-HD modules; this one is FP-LGX"
    );
}

#[test]
fn moving_a_part_gives_one_mount_edit_or_the_refusal() {
    let d = example();
    let (label, edit) = move_to(
        &d,
        &id("LEAF1"),
        &Place::Units {
            rack: id("A01"),
            u: 20,
        },
    )
    .expect("U20 is free")
    .expect("equipment moves into units");
    assert_eq!(label, "Move LEAF1");
    assert_eq!(
        edit,
        Edit::Mount {
            id: id("LEAF1"),
            mount: Some(Mount {
                rack: id("A01"),
                u: 20,
            }),
        }
    );
    let taken = move_to(
        &d,
        &id("LEAF1"),
        &Place::Units {
            rack: id("A01"),
            u: 40,
        },
    );
    assert!(matches!(taken, Err(Refusal::UnitsTaken { .. })));
    // A rack is not moved into units.
    assert_eq!(move_to(&d, &id("A01"), &Place::Loose), Ok(None));
}

#[test]
fn a_dropped_cassette_is_named_for_its_enclosure_and_slot() {
    let free = with_free_slot();
    let catalog = Catalog::builtin();
    let place = Place::Slot {
        enclosure: id("A01-U40"),
        slot: 2,
    };
    let (label, edit) =
        new_part(&free, &catalog, "CAS-12F-B-M-OM4", &place).expect("a catalog part");
    let Edit::Insert {
        part: Part::Module(m),
        ..
    } = edit
    else {
        panic!("a module insert, got {edit:?}");
    };
    assert_eq!(m.id.as_str(), "A01-U40-S2");
    assert_eq!(m.label, "A01-U40-S2");
    assert_eq!(m.catalog.as_deref(), Some("CAS-12F-B-M-OM4"));
    assert_eq!(
        m.slot,
        Some(SlotRef {
            enclosure: id("A01-U40"),
            slot: 2,
        })
    );
    assert_eq!(
        label,
        format!(
            "Add {} A01-U40-S2",
            catalog
                .get("CAS-12F-B-M-OM4")
                .map(|e| e.name.as_str())
                .unwrap_or_default()
        )
    );
}

#[test]
fn a_taken_name_falls_back_to_the_next_free_number() {
    let d = example();
    // A01-U40-S2 is a module already: a second one there gets MOD1.
    assert_eq!(
        preferred_id(&d, Some("A01-U40-S2".into()), "MOD").as_str(),
        "MOD1"
    );
    assert_eq!(
        preferred_id(&d, Some("A01-U20".into()), "ENC").as_str(),
        "A01-U20"
    );
    let catalog = Catalog::builtin();
    let (_, edit) = new_part(
        &d,
        &catalog,
        "ENC-1U-4",
        &Place::Units {
            rack: id("A02"),
            u: 20,
        },
    )
    .expect("a catalog part");
    assert!(
        matches!(edit, Edit::Insert { part: Part::Enclosure(ref e), .. } if e.id.as_str() == "A02-U20")
    );
    assert!(new_part(&d, &catalog, "NO-SUCH-PART", &Place::Loose).is_none());
}

#[test]
fn cables_offered_between_two_ports_mate_with_both() {
    let catalog = Catalog::builtin();
    for (a, b) in [
        (Connector::LcDuplex, Connector::LcDuplex),
        (Connector::Mpo12, Connector::Mpo12),
        (Connector::Mpo8, Connector::LcDuplex),
        (Connector::Mpo24, Connector::Mpo12),
    ] {
        let choices = compatible_cables(&catalog, a, b);
        assert!(!choices.is_empty(), "{a} to {b}: no cable offered");
        for c in &choices {
            let Some(PartTemplate::Cable(spec)) = catalog.get(&c.part_number).map(|e| &e.part)
            else {
                panic!("{} is not a cable", c.part_number);
            };
            assert_ne!(c.end_a, c.end_b);
            let mates = |end: usize, with: Connector| {
                spec.end_connector(end).is_some_and(|x| x.mates_with(with))
            };
            assert!(mates(c.end_a, a) && mates(c.end_b, b), "{}", c.part_number);
        }
    }
    // No MPO trunk or cord joins two LC ports; a 24-fiber trunk never joins two 12-fiber
    // ports.
    let lc = compatible_cables(&catalog, Connector::LcDuplex, Connector::LcDuplex);
    assert!(lc.iter().any(|c| c.part_number == "LCC-AB-OM4"));
    assert!(!lc
        .iter()
        .any(|c| c.part_number.starts_with("TRK-") || c.part_number.starts_with("MPC-")));
    let mpo12 = compatible_cables(&catalog, Connector::Mpo12, Connector::Mpo12);
    assert!(mpo12.iter().any(|c| c.part_number == "TRK-12F-B-FF-OM4"));
    assert!(!mpo12.iter().any(|c| c.part_number.starts_with("TRK-24F")));
    // The 24-to-2x12 harness is the only part from an MPO-24 port to an MPO-12 port.
    let conversion = compatible_cables(&catalog, Connector::Mpo24, Connector::Mpo12);
    assert!(conversion.iter().all(|c| c.part_number.starts_with("HRN-")));
}

#[test]
fn a_drawn_cable_is_plugged_into_both_ports() {
    let d = example();
    let catalog = Catalog::builtin();
    let a = PortRef {
        part: id("LEAF1"),
        side: Side::Front,
        port: 48,
    };
    let b = PortRef {
        part: id("A01-U40-S1"),
        side: Side::Front,
        port: 1,
    };
    let choice = compatible_cables(&catalog, Connector::LcDuplex, Connector::LcDuplex)
        .into_iter()
        .find(|c| c.part_number == "LCC-AB-OM4")
        .expect("an A-to-B cord");
    let (label, edit) = new_cable(&d, &catalog, &choice, &a, &b).expect("a cable");
    let Edit::Insert {
        part: Part::Cable(c),
        ..
    } = edit
    else {
        panic!("a cable insert");
    };
    assert_eq!(c.ends[choice.end_a].as_ref(), Some(&a));
    assert_eq!(c.ends[choice.end_b].as_ref(), Some(&b));
    assert_eq!(c.catalog.as_deref(), Some("LCC-AB-OM4"));
    assert!(label.starts_with("Add ") && label.ends_with(c.id.as_str()));
    assert!(d.kind_of(&c.id).is_none(), "a fresh id");
}

#[test]
fn a_document_open_for_review_refuses_edits_but_takes_notes() {
    let mut doc = Document::new(example(), None, ApplicationTable::builtin());
    let relabel = Edit::Label {
        id: id("LEAF1"),
        label: "LEAF-A".into(),
    };
    doc.apply("Relabel", relabel.clone())
        .expect("a draft takes edits");
    doc.set_review(true);
    assert!(doc.is_read_only());
    let before = doc.design().clone();
    assert_eq!(
        doc.apply("Relabel", relabel.clone()),
        Err(EditError::ReadOnly)
    );
    // Undoing the relabel would change the design too.
    assert_eq!(doc.undo(), Err(EditError::ReadOnly));
    assert_eq!(doc.design(), &before);
    let note = Edit::InsertNote {
        index: usize::MAX,
        note: Note {
            target: NoteTarget::Part(id("LEAF1")),
            author: "reviewer".into(),
            text: "check the label".into(),
        },
    };
    doc.apply("Add note", note).expect("a note in review");
    assert_eq!(doc.design().notes.len(), before.notes.len() + 1);
    assert_eq!(doc.undo(), Ok(Some("Add note".into())));
    doc.set_review(false);
    assert_eq!(doc.undo(), Ok(Some("Relabel".into())));
    assert_eq!(doc.design().equipment[0].label, "LEAF1");
}
