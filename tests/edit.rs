//! Edits and history: every edit returns its exact inverse, so undoing any sequence restores
//! the original design and redoing it restores the edited one.

mod common;

use common::insert_lc_cord;
use fiberplan_edit::{apply, delete, delete_all, Edit, EditError, History, Part};
use fiberplan_io::load_design;
use fiberplan_model::*;
use proptest::prelude::*;
use std::path::Path;

fn example() -> Design {
    load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap()
}

/// Builds one edit of kind `choice` from the current design and two free numbers.
fn random_edit(d: &Design, choice: u8, a: usize, b: usize) -> Edit {
    let ids: Vec<Id> = d.ids().cloned().collect();
    let cable = d.cables.get(a % d.cables.len().max(1));
    match choice % 7 {
        0 if !ids.is_empty() => delete(d, &ids[a % ids.len()]),
        1 if cable.is_some() => {
            let c = cable.unwrap();
            Edit::Plug {
                cable: c.id.clone(),
                end: b % c.ends.len(),
                port: if b.is_multiple_of(3) {
                    None
                } else {
                    Some(PortRef::front("LEAF1", (b % 48) as u16 + 1))
                },
            }
        }
        2 if !ids.is_empty() => Edit::Label {
            id: ids[a % ids.len()].clone(),
            label: format!("L{b}"),
        },
        3 if cable.is_some() => {
            let c = cable.unwrap();
            let mut spec = c.spec.clone();
            spec.length_m = b as f64;
            if b.is_multiple_of(2) {
                spec = CableSpec::breakout(
                    Connector::Mpo12,
                    vec![BreakoutLeg { a: 1, b: Some(2) }; 1 + b % 4],
                    FiberType::OM4,
                    1.0,
                    Gender::Unpinned,
                );
            }
            Edit::CableSpec {
                id: c.id.clone(),
                spec,
            }
        }
        4 if !d.equipment.is_empty() => Edit::Mount {
            id: d.equipment[a % d.equipment.len()].id.clone(),
            mount: Some(Mount {
                rack: "A01".into(),
                u: (b % 42) as u8 + 1,
            }),
        },
        5 if !d.modules.is_empty() => Edit::Slot {
            id: d.modules[a % d.modules.len()].id.clone(),
            slot: b.is_multiple_of(2).then(|| SlotRef {
                enclosure: "A01-U40".into(),
                slot: (b % 4) as u8 + 1,
            }),
        },
        _ => insert_lc_cord(d, "NEW", a, [None, None]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn undo_of_any_sequence_restores_the_design(
        steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..25)
    ) {
        let original = example();
        let mut d = original.clone();
        let mut h = History::new();
        let mut applied = 0;
        for (choice, a, b) in steps {
            let e = random_edit(&d, choice, a, b);
            if h.apply(&mut d, "step", e).is_ok() {
                applied += 1;
            }
        }
        let edited = d.clone();
        prop_assert_eq!(h.is_modified(), applied > 0);
        while h.undo(&mut d).is_some() {}
        prop_assert_eq!(&d, &original);
        prop_assert!(!h.is_modified());
        while h.redo(&mut d).is_some() {}
        prop_assert_eq!(&d, &edited);
    }

    /// Issue 5: saving and loading is the identity for any design edits can make; a design
    /// the edits left damaged reads back as exactly what repairing it in memory gives.
    #[test]
    fn save_then_load_is_the_identity(
        steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..25)
    ) {
        let mut d = example();
        for (choice, a, b) in steps {
            let e = random_edit(&d, choice, a, b);
            let _ = apply(&mut d, e);
        }
        let text = fiberplan_io::design_to_string(&d).unwrap();
        let back = fiberplan_io::design_from_str(&text, Path::new("mem.ron")).unwrap();
        prop_assert_eq!(&back, &d);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        fiberplan_io::save_design(&d, &path).unwrap();
        let opened = fiberplan_io::open_design(&path).unwrap();
        let (repaired, problems) = fiberplan_io::validate::repair(d.clone());
        prop_assert_eq!(&opened.design, &repaired);
        prop_assert_eq!(opened.problems, problems);
    }
}

#[test]
fn delete_rack_takes_its_contents_and_unplugs_cables_and_undo_restores_all() {
    let original = example();
    let mut d = original.clone();
    let mut h = History::new();
    let e = delete(&d, &"A02".into());
    h.apply(&mut d, "Delete rack A02", e).unwrap();
    assert!(d.racks.iter().all(|r| r.id.as_str() != "A02"));
    assert!(d.modules.iter().all(|m| !m.id.as_str().starts_with("A02")));
    assert!(d
        .equipment
        .iter()
        .all(|e| !e.id.as_str().starts_with("SRV")));
    // Trunks stay, with their A02 ends unplugged.
    let trunk = d
        .cables
        .iter()
        .find(|c| c.id.as_str() == "TRK-A01-A02-1")
        .unwrap();
    assert!(trunk.ends[0].is_some() && trunk.ends[1].is_none());
    assert_eq!(h.undo(&mut d).as_deref(), Some("Delete rack A02"));
    assert_eq!(d, original);
}

#[test]
fn deleting_a_rack_with_parts_inside_it_and_cables_is_one_step_that_undoes_whole() {
    let original = example();
    let mut d = original.clone();
    let mut h = History::new();
    // The rack, an enclosure and a module inside it, and a trunk: each inside part is removed
    // once, and the batch applies as one step.
    let ids: Vec<Id> = [
        "A02",
        "A02-U40",
        "A02-U40-S1",
        "TRK-A01-A02-1",
        "NO-SUCH-PART",
    ]
    .into_iter()
    .map(Id::from)
    .collect();
    let e = delete_all(&d, &ids);
    h.apply(&mut d, "Delete 4 parts", e).unwrap();
    assert!(d.kind_of(&"A02".into()).is_none());
    assert!(d.kind_of(&"A02-U40-S2".into()).is_none(), "contents go too");
    assert!(d.kind_of(&"TRK-A01-A02-1".into()).is_none());
    assert_eq!(h.depth(), 1);
    assert_eq!(h.undo(&mut d).as_deref(), Some("Delete 4 parts"));
    assert_eq!(d, original);
}

#[test]
fn a_failing_batch_leaves_the_design_unchanged() {
    let original = example();
    let mut d = original.clone();
    let e = Edit::Batch(vec![
        Edit::Label {
            id: "LEAF1".into(),
            label: "renamed".into(),
        },
        Edit::Remove("NO-SUCH-PART".into()),
    ]);
    assert_eq!(
        apply(&mut d, e),
        Err(EditError::NoSuchPart {
            kind: "part",
            id: "NO-SUCH-PART".into()
        })
    );
    assert_eq!(d, original);
}

#[test]
fn inserting_a_used_id_is_refused() {
    let mut d = example();
    let rack = d.racks[0].clone();
    assert_eq!(
        apply(
            &mut d,
            Edit::Insert {
                index: 0,
                part: Part::Rack(rack)
            }
        ),
        Err(EditError::DuplicateId("A01".into()))
    );
}

#[test]
fn saved_state_tracks_undo_and_new_edits() {
    let mut d = example();
    let mut h = History::new();
    let label = |l: &str| Edit::Label {
        id: "LEAF1".into(),
        label: l.into(),
    };
    h.apply(&mut d, "a", label("a")).unwrap();
    h.mark_saved();
    assert!(!h.is_modified());
    h.undo(&mut d);
    assert!(h.is_modified());
    h.redo(&mut d);
    assert!(!h.is_modified());
    h.undo(&mut d);
    h.apply(&mut d, "b", label("b")).unwrap();
    assert!(h.is_modified());
    assert_eq!(h.undo_label(), Some("b"));
}
