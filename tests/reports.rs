//! Exports compared with golden files (set UPDATE_GOLDEN=1 to rewrite them after a deliberate
//! change), SVG that parses as XML, design comparison, and notes in reports.

mod common;

use common::apps;
use fiberplan_engine::catalog::Catalog;
use fiberplan_engine::trace::{check, CheckMode, Verdict};
use fiberplan_export::diff::{diff, diff_text};
use fiberplan_export::svg::channel_trace_svg;
use fiberplan_export::trace_diagram::{trace_diagram, HopLink};
use fiberplan_export::{all_exports, bom, labels};
use fiberplan_io::{load_design, save_design};
use fiberplan_model::*;
use std::path::Path;

fn golden(design_file: &str, dir: &str) {
    let design = load_design(Path::new(design_file)).unwrap();
    let report = check(&design, &apps(), CheckMode::Review);
    let exports = all_exports(&design, &report, &Catalog::builtin(), &apps(), design_file).unwrap();
    let golden_dir = Path::new("tests/golden").join(dir);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for e in exports {
        let path = golden_dir.join(&e.name);
        if update {
            std::fs::create_dir_all(&golden_dir).unwrap();
            std::fs::write(&path, &e.text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: {err}; run with UPDATE_GOLDEN=1", path.display()));
        assert!(
            want == e.text,
            "{} differs from the export; run with UPDATE_GOLDEN=1 if the change is intended",
            path.display()
        );
        if e.name.ends_with(".svg") {
            roxmltree::Document::parse(&e.text).expect("SVG is well-formed XML");
        }
        if e.name.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&e.text).expect("valid JSON");
        }
    }
}

#[test]
fn exports_of_the_two_rack_example_match_golden_files() {
    golden(
        "saved_designs/two-rack-leaf-servers.ron",
        "two-rack-leaf-servers",
    );
}

#[test]
fn exports_of_a_failing_design_match_golden_files() {
    golden(
        "saved_designs/method-b-wrong-cord-error.ron",
        "method-b-wrong-cord-error",
    );
}

#[test]
fn bom_groups_identical_parts_with_every_buyer_parameter() {
    let d = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
    let lines = bom::bom(&d, &Catalog::builtin());
    let cassettes: Vec<_> = lines.iter().filter(|l| l.category == "Cassette").collect();
    assert_eq!(cassettes.len(), 1);
    let c = cassettes[0];
    assert_eq!(c.quantity, 8);
    assert_eq!(c.part_number, "CAS-12F-B-M-OM4");
    assert_eq!(
        (
            c.fiber_type.as_str(),
            c.fiber_count.as_str(),
            c.polarity_type.as_str(),
            c.mpo_gender.as_str()
        ),
        ("OM4", "12", "Type B", "pinned")
    );
    assert_eq!(c.insertion_loss_db, "MPO 0.35 / LC 0.15");
    assert_eq!(c.slot_format, "FP-HD");
    let cords = lines
        .iter()
        .find(|l| l.category == "LC duplex patch cord")
        .unwrap();
    assert_eq!(
        (
            cords.quantity,
            cords.polarity_type.as_str(),
            cords.length_m.as_str()
        ),
        (48, "A-to-B", "3.0")
    );
    let optics = lines.iter().find(|l| l.category == "Transceiver").unwrap();
    assert_eq!(optics.quantity, 48 + 24);
}

#[test]
fn label_schedule_names_both_ends_and_the_channel() {
    let d = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
    let r = check(&d, &apps(), CheckMode::Review);
    let rows = labels::label_schedule(&d, &r);
    let row = rows
        .iter()
        .find(|x| x.identifier == "A01-U40-S1-P01")
        .expect("cassette port row");
    assert_eq!(row.rack, "A01");
    assert_eq!(row.u, "40");
    assert_eq!(row.slot, "1");
    assert_eq!(row.cable, "PC-A01-01");
    assert_eq!(row.far_identifier, "A01-U42-LEAF1-Eth1");
    assert_eq!(row.channel, "LEAF1/F1 Eth1 <-> SRV01/F1 NIC1");
    assert_eq!(
        row.cable_label,
        "PC-A01-01: A01-U40-S1-P01 / A01-U42-LEAF1-Eth1"
    );
}

#[test]
fn channel_trace_svg_marks_the_failing_end() {
    let d = load_design(Path::new("saved_designs/method-b-wrong-cord-error.ron")).unwrap();
    let r = check(&d, &apps(), CheckMode::Review);
    let svg = channel_trace_svg(&d, &r, &r.channels()[0]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let red_boxes = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#d33"))
        .count();
    assert_eq!(red_boxes, 1, "the last hop, where Tx meets Tx");
    assert!(svg.contains("Tx meets Tx"));
    // One box per plug on the path.
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("rx") == Some("4"))
            .count(),
        r.channels()[0].hops
    );
}

/// Issue 4, channel trace view: every plug of the method-B duplex channel in order, each
/// fiber's own position in every plug (the return fiber meets the plugs in reverse), polarity
/// types, and the mated-pair losses adding up to the budget's mated-pair figure.
#[test]
fn trace_diagram_lines_up_both_fibers_and_adds_up_the_losses() {
    let d = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let r = check(&d, &apps(), CheckMode::Review);
    let c = &r.channels()[0];
    let diagram = trace_diagram(&d, &r, c);
    assert_eq!(diagram.columns.len(), c.hops);
    assert_eq!(diagram.links.len(), c.hops - 1);
    assert_eq!(
        diagram.fiber_names.len(),
        2,
        "a duplex channel has two fibers"
    );
    let first = &diagram.columns[0];
    let last = &diagram.columns[c.hops - 1];
    // Fiber 1 leaves A on its Tx and lands on B's Rx; fiber 2 the other way round.
    let pos = |col: &fiberplan_export::trace_diagram::HopColumn, f: usize| {
        col.fibers[f].clone().unwrap_or_default()
    };
    assert!(pos(first, 0).ends_with("Tx1"), "{:?}", first.fibers);
    assert!(pos(first, 1).ends_with("Rx1"), "{:?}", first.fibers);
    assert!(pos(last, 0).ends_with("Rx1"), "{:?}", last.fibers);
    assert!(pos(last, 1).ends_with("Tx1"), "{:?}", last.fibers);
    // Every plug carries both fibers of a duplex pair.
    assert!(diagram
        .columns
        .iter()
        .all(|col| col.fibers.iter().all(Option::is_some)));
    assert!(diagram
        .columns
        .iter()
        .any(|col| col.polarity.as_deref() == Some("Type B trunk")));
    assert!(diagram
        .columns
        .iter()
        .any(|col| col.polarity.as_deref() == Some("A-B cord")));
    let mated: f64 = diagram
        .links
        .iter()
        .filter_map(|l| match l {
            HopLink::Mated { loss_db } => *loss_db,
            HopLink::Fiber => None,
        })
        .sum();
    let budget = c.budget.as_ref().unwrap();
    assert!(
        (mated - budget.mated_pairs_db).abs() < 1e-9,
        "{mated} vs {budget:?}"
    );
    assert!(diagram.columns.iter().all(|col| !col.failing));
}

/// Issue 4: a gender error is marked at the two plugs of the mating where it happens, not at
/// the ends (fiber-model.md, gender rule).
#[test]
fn trace_diagram_marks_the_mating_that_fails() {
    let d = load_design(Path::new("saved_designs/gender-pinned-trunk-error.ron")).unwrap();
    let r = check(&d, &apps(), CheckMode::Review);
    let c = r
        .channels()
        .iter()
        .find(|c| {
            r.channel_findings(c)
                .any(|f| f.rule == fiberplan_engine::trace::Rule::Gender)
        })
        .expect("the gender error lands on a channel");
    let diagram = trace_diagram(&d, &r, c);
    let failing: Vec<usize> = (0..diagram.columns.len())
        .filter(|&i| diagram.columns[i].failing)
        .collect();
    assert!(!failing.is_empty());
    assert!(failing
        .iter()
        .all(|&i| i != 0 && i + 1 != diagram.columns.len()));
    assert!(failing
        .iter()
        .all(|&i| diagram.columns[i].connector.starts_with("MPO")));
}

#[test]
fn diff_lists_changed_parts_and_verdicts() {
    let old = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let mut new = old.clone();
    new.cable_mut("CP2").unwrap().spec.kind = CableKind::LcCord {
        polarity: DuplexPolarity::AA,
    };
    new.add_cable(
        "SPARE",
        CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 1.0),
        vec![None, None],
    );
    new.racks.retain(|r| r.id.as_str() != "A02");
    let a = apps();
    let (ro, rn) = (
        check(&old, &a, CheckMode::Review),
        check(&new, &a, CheckMode::Review),
    );
    let d = diff(&old, &ro, &new, &rn);
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.added[0].id, "SPARE");
    assert_eq!(d.removed.len(), 1);
    assert_eq!(
        (d.removed[0].kind, d.removed[0].id.as_str()),
        ("rack", "A02")
    );
    let cp2 = d
        .changed
        .iter()
        .find(|c| c.id == "CP2")
        .expect("CP2 changed");
    assert_eq!(cp2.fields, vec!["spec".to_string()]);
    assert_eq!(d.verdicts.len(), 1);
    assert_eq!(
        (d.verdicts[0].old, d.verdicts[0].new),
        (Some(Verdict::Pass), Some(Verdict::Fail))
    );
    let text = diff_text(&d);
    assert!(text.contains("+ cable SPARE"));
    assert!(text.contains("- rack A02"));
    assert!(text.contains("~ cable CP2: spec"));
    assert!(diff(&old, &ro, &old, &ro).is_empty());
}

#[test]
fn notes_round_trip_through_save_and_load_and_appear_in_the_report() {
    let mut d = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    d.notes.push(Note {
        target: NoteTarget::Part("T1".into()),
        author: "reviewer".into(),
        text: "Confirm trunk length on site".into(),
    });
    d.notes.push(Note {
        target: NoteTarget::Channel {
            a: PortRef::front("SW1", 1),
            b: Some(PortRef::front("SW2", 1)),
        },
        author: String::new(),
        text: "Approved".into(),
    });
    let path = std::env::temp_dir().join(format!("fiberplan-notes-{}.ron", std::process::id()));
    save_design(&d, &path).unwrap();
    let back = load_design(&path).unwrap();
    assert_eq!(back.notes, d.notes);
    let r = check(&back, &apps(), CheckMode::Review);
    let md = fiberplan_export::markdown::channel_report_md(&back, &r);
    assert!(md.contains("- part T1 (reviewer): Confirm trunk length on site"));
    assert!(md.contains("- channel SW1/F1 <-> SW2/F1: Approved"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn breakout_advice_and_swap_for_a_cassette_keeps_every_lane_on_its_port() {
    use fiberplan_edit::advice::{advise, swap_breakout_for_cassette, Recommendation};
    use fiberplan_edit::apply;
    let mut d = load_design(Path::new("saved_designs/sr4-breakout-4x25g.ron")).unwrap();
    let a = apps();
    let before = check(&d, &a, CheckMode::Review);
    let harness = Id::from("H1");
    let advice = advise(&d, &before, &harness).expect("a breakout");
    // The servers are in another rack than the switch: structured cabling favours a cassette.
    assert_eq!(advice.recommendation, Recommendation::Cassette);
    assert!(advice
        .reasons
        .iter()
        .any(|r| r.starts_with("Loss budget: the margin is")));
    let swap = swap_breakout_for_cassette(&d, &harness, "FP-HD").unwrap();
    apply(&mut d, swap).unwrap();
    assert!(d.cables.iter().all(|c| c.id != harness));
    let after = check(&d, &a, CheckMode::Review);
    assert!(after.findings().is_empty(), "{:#?}", after.findings());
    // Lane k still reaches SRVk, through the cassette in the first free slot.
    for k in 1..=4u16 {
        assert!(after
            .channel_between(
                &PortRef::front("SW1", 1),
                &PortRef::front(&format!("SRV{k}"), 1)
            )
            .is_some());
    }
    let cassette = d
        .modules
        .iter()
        .find(|m| m.id.as_str().starts_with("CAS"))
        .unwrap();
    assert!(cassette.slot.is_some());
    // One MPO and one LC mated pair more than the harness.
    let loss =
        |r: &fiberplan_engine::trace::Report| r.channels()[0].budget.clone().unwrap().loss_db;
    assert!(
        (loss(&after) - loss(&before) - 0.5).abs() < 0.05,
        "{} {}",
        loss(&before),
        loss(&after)
    );
}

/// Issue 4, swap back: a cassette with its MPO cord and LC cords becomes one breakout harness
/// whose legs carry exactly the MPO positions the cords delivered, so swapping a harness for a
/// cassette and back gives the original legs and the original loss.
#[test]
fn swapping_a_cassette_for_a_breakout_restores_the_original_harness() {
    use fiberplan_edit::advice::{
        advise, swap_breakout_for_cassette, swap_cassette_for_breakout, Recommendation,
    };
    use fiberplan_edit::apply;
    let original = load_design(Path::new("saved_designs/sr4-breakout-4x25g.ron")).unwrap();
    let a = apps();
    let before = check(&original, &a, CheckMode::Review);
    let harness = Id::from("H1");
    let legs_of = |d: &Design, id: &str| -> Vec<BreakoutLeg> {
        match &d
            .cables
            .iter()
            .find(|c| c.id.as_str() == id)
            .unwrap()
            .spec
            .kind
        {
            CableKind::Breakout { legs, .. } => legs.clone(),
            other => panic!("{id} is {other:?}"),
        }
    };
    let original_legs = legs_of(&original, "H1");
    let mut d = original.clone();
    let swap = swap_breakout_for_cassette(&d, &harness, "FP-HD").unwrap();
    apply(&mut d, swap).unwrap();
    let cassette = d
        .modules
        .iter()
        .find(|m| m.id.as_str().starts_with("CAS"))
        .unwrap()
        .id
        .clone();
    let with_cassette = check(&d, &a, CheckMode::Review);
    let advice = advise(&d, &with_cassette, &cassette).expect("advice on a cassette");
    assert_eq!(advice.recommendation, Recommendation::Cassette);
    let swap = swap_cassette_for_breakout(&d, &cassette).unwrap();
    apply(&mut d, swap).unwrap();
    assert!(d.modules.iter().all(|m| m.id != cassette));
    let breakout = d
        .cables
        .iter()
        .find(|c| matches!(c.spec.kind, CableKind::Breakout { .. }))
        .unwrap();
    assert_eq!(legs_of(&d, breakout.id.as_str()), original_legs);
    let h1 = original.cables.iter().find(|c| c.id == harness).unwrap();
    assert_eq!(breakout.ends, h1.ends, "MPO and legs where the harness was");
    let after = check(&d, &a, CheckMode::Review);
    assert!(after.findings().is_empty(), "{:#?}", after.findings());
    // The same mated pairs; the length is the cord's plus the longest LC cord's.
    let loss = |r: &fiberplan_engine::trace::Report| {
        r.channels()[0].budget.clone().unwrap().mated_pairs_db
    };
    assert!(
        (loss(&after) - loss(&before)).abs() < 1e-9,
        "{} {}",
        loss(&before),
        loss(&after)
    );
}

/// Issue 4: the swap keeps polarity exactly on a method-B duplex link (R3): replacing the
/// near cassette, its cord and the trunk by a harness plugged into the far cassette still
/// passes, with two mated pairs (one MPO, one LC) fewer.
#[test]
fn swapping_a_method_b_cassette_for_a_breakout_keeps_the_channel_passing() {
    use fiberplan_edit::advice::{can_swap_cassette, swap_cassette_for_breakout};
    use fiberplan_edit::apply;
    let mut d = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let a = apps();
    let before = check(&d, &a, CheckMode::Review);
    assert!(can_swap_cassette(&d, &Id::from("C1")).is_ok());
    let swap = swap_cassette_for_breakout(&d, &Id::from("C1")).unwrap();
    apply(&mut d, swap).unwrap();
    let after = check(&d, &a, CheckMode::Review);
    assert!(after.findings().is_empty(), "{:#?}", after.findings());
    let b0 = before.channels()[0].budget.clone().unwrap();
    let b1 = after.channels()[0].budget.clone().unwrap();
    assert_eq!(after.channels()[0].hops + 4, before.channels()[0].hops);
    assert!(b1.mated_pairs_db < b0.mated_pairs_db);
    // Refusals name the part and the reason.
    let err = swap_cassette_for_breakout(&d, &Id::from("C2")).unwrap_err();
    assert!(err.to_string().starts_with("C2: "), "{err}");
    let err = can_swap_cassette(&d, &Id::from("SW1")).unwrap_err();
    assert!(err.to_string().contains("no such module"), "{err}");
}
