//! Issue 15, driven through the window: duplicate, copy and paste, select all, bulk
//! patching, routing a link through the plant and the cable picker.

mod common;

use common::window::{click_at, on_canvas, window};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_engine::trace::Verdict;
use fiberplan_io::load_design;
use fiberplan_model::{Design, Id};
use std::path::Path;

fn example() -> Design {
    load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap()
}

fn open(design: Design) -> Harness<'static, FiberplanApp> {
    let mut h = window(design, ScriptedDialogs::default());
    h.run();
    h.run();
    h
}

#[test]
fn duplicating_the_racks_adds_the_next_racks_of_the_row_and_their_channels_pass() {
    let mut h = open(example());
    // Click the first rack's name, Shift+click the second's.
    let a = on_canvas(&h, "Rack A01 front");
    click_at(&mut h, a);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().selection, vec![Id::from("A01"), Id::from("A02")]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let r = h.state().doc.report();
    assert_eq!(r.channels().len(), 48, "24 channels in the copy too");
    assert!(r.channels().iter().all(|c| c.verdict == Verdict::Pass));
    assert_eq!(h.state().selection, vec![Id::from("A03"), Id::from("A04")]);
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Duplicate 2 racks")
    );
    h.run();
    h.get_by_label("Rack A03 front");
    // One undo takes the whole copy away.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.design(), &example());
}

#[test]
fn copy_then_paste_adds_the_copy_as_one_step() {
    let mut h = open(example());
    h.state_mut().selection = vec![Id::from("A02")];
    h.event(egui::Event::Copy);
    h.run();
    assert!(h.state().clipboard.is_some());
    // No desktop clipboard here: the paste event comes empty and the window's own copy is
    // pasted.
    h.event(egui::Event::Paste(String::new()));
    h.run();
    let d = h.state().doc.design();
    assert_eq!(d.racks.len(), 3);
    assert!(d.kind_of(&Id::from("A03-U40-S4")).is_some());
    assert_eq!(h.state().doc.history().undo_label(), Some("Paste rack A03"));
    // Text that is not a design is refused with a message, and nothing changes.
    h.event(egui::Event::Paste("hello".into()));
    h.run();
    assert_eq!(h.state().doc.design().racks.len(), 3);
    assert!(h
        .state()
        .notice
        .as_ref()
        .is_some_and(|(t, e)| *e && t.starts_with("Paste:")));
}

/// A click at screen point `p` with `modifiers` held.
fn click_with(h: &mut Harness<'_, FiberplanApp>, p: egui::Pos2, modifiers: Modifiers) {
    h.hover_at(p);
    h.run();
    h.event(egui::Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
        h.run();
    }
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

#[test]
fn twenty_four_ports_patch_in_order_in_one_step_and_undo_in_one() {
    // The example without its 24 cords from the leaf switch to the A01 cassettes.
    let mut d = example();
    d.cables.retain(|c| !c.label.starts_with("PC-A01-"));
    let before = d.clone();
    let mut h = open(d);
    assert_eq!(h.state().doc.report().channels().len(), 24, "all open");
    let first = on_canvas(&h, "Port LEAF1/Eth1");
    click_with(&mut h, first, Modifiers::NONE);
    let last = on_canvas(&h, "Port LEAF1/Eth24");
    click_with(&mut h, last, Modifiers::SHIFT);
    assert_eq!(h.state().pick.near.len(), 24);
    let far_first = on_canvas(&h, "Port A01-U40-S1/F1");
    click_with(&mut h, far_first, Modifiers::COMMAND);
    let far_last = on_canvas(&h, "Port A01-U40-S4/F6");
    click_with(&mut h, far_last, Modifiers::COMMAND | Modifiers::SHIFT);
    assert_eq!(h.state().pick.far.len(), 24);
    h.get_by_label("Near: LEAF1/F1 to LEAF1/F24 (24 ports)");
    h.get_by_label("Patch 24 cords in order").click();
    h.run();
    let d = h.state().doc.design();
    assert_eq!(d.cables.len(), before.cables.len() + 24);
    let r = h.state().doc.report();
    assert!(
        r.channels().iter().all(|c| c.verdict == Verdict::Pass),
        "every channel passes"
    );
    assert_eq!(h.state().doc.history().depth(), 1, "one step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.design(), &before, "one undo");
}

#[test]
fn the_cable_picker_lists_the_cables_that_pass_first_and_says_why_the_others_fail() {
    // The Method B example without its trunk: draw one between the cassettes' rear ports.
    let mut d = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    d.cables.retain(|c| c.id.as_str() != "T1");
    let mut h = open(d);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    h.run();
    let (a, b) = (on_canvas(&h, "Port C1/R1"), on_canvas(&h, "Port C2/R1"));
    common::window::drag(&mut h, a, b);
    h.run();
    h.run();
    let ranked = h
        .state()
        .canvas
        .ranking
        .clone()
        .expect("the offer is ranked")
        .1;
    use fiberplan_edit::new_part::Fits;
    assert!(matches!(ranked[0].1, Fits::Passes), "{ranked:?}");
    let first_fail = ranked
        .iter()
        .position(|(_, f)| matches!(f, Fits::Fails(_)))
        .expect("some trunks would make an error");
    assert!(
        ranked[first_fail..]
            .iter()
            .all(|(_, f)| matches!(f, Fits::Fails(_))),
        "every passing cable comes before every failing one"
    );
    assert!(
        ranked.iter().any(
            |(c, f)| matches!(f, Fits::Fails(w) if w.starts_with("gender"))
                && c.part_number.contains("-MM-")
        ),
        "a trunk pinned at both ends meets the pinned cassettes: {ranked:?}"
    );
    assert!(
        h.query_all_by_label_contains("would make an error: gender")
            .count()
            > 0
    );
    // The first offered makes the channel pass.
    let first = format!("{}: {}", ranked[0].0.part_number, ranked[0].0.name);
    h.get_by_label(&first).click();
    h.run();
    assert!(h.state().doc.report().passes(), "{first}");
    assert_eq!(
        h.state().canvas.last_cable.as_deref(),
        Some(ranked[0].0.part_number.as_str())
    );
}

#[test]
fn a_link_routed_between_two_switch_ports_goes_through_a_trunk_and_cassettes_and_passes() {
    // The example with the cords of one channel taken out.
    let mut d = example();
    let end = |d: &Design, id: &str| {
        d.cables
            .iter()
            .find(|c| c.id.as_str() == id)
            .unwrap()
            .ends
            .iter()
            .flatten()
            .find(|p| d.equipment.iter().any(|e| e.id == p.part))
            .unwrap()
            .clone()
    };
    let (a, b) = (end(&d, "PC-A01-01"), end(&d, "PC-A02-01"));
    d.cables
        .retain(|c| c.id.as_str() != "PC-A01-01" && c.id.as_str() != "PC-A02-01");
    let mut h = open(d);
    let name = |h: &Harness<'_, FiberplanApp>, p: &fiberplan_model::PortRef| {
        let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
        let pb = &layout.ports[layout.port_index[p]];
        fiberplan_app::canvas::port_label(&pb.port, &pb.name)
    };
    let (na, nb) = (name(&h, &a), name(&h, &b));
    let pa = on_canvas(&h, &na);
    click_with(&mut h, pa, Modifiers::NONE);
    let pb = on_canvas(&h, &nb);
    click_with(&mut h, pb, Modifiers::COMMAND);
    h.get_by_label("Route through the plant").click();
    h.run();
    let r = h.state().doc.report();
    let c = r.channel_between(&a, &b).expect("a channel between them");
    assert_eq!(c.verdict, Verdict::Pass);
    assert!(r.passes());
    assert_eq!(h.state().doc.history().depth(), 1);
    assert!(h
        .state()
        .doc
        .history()
        .undo_label()
        .is_some_and(|l| l.starts_with("Route ")));
}

#[test]
fn a_box_dragged_on_empty_canvas_selects_the_parts_inside_it() {
    let mut h = open(example());
    let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
    let servers = layout
        .bbox_of(&[Id::from("SRV01"), Id::from("SRV03")])
        .unwrap();
    // From the rail beside the empty unit below SRV01 to just above SRV03, past the rack's
    // right edge: the three servers are wholly inside.
    let rack = layout
        .racks
        .iter()
        .find(|r| r.label == "A02")
        .unwrap()
        .front;
    let from = egui::pos2(rack.left() - 8.0, servers.bottom() + 4.0);
    let to = egui::pos2(rack.right() + 8.0, servers.top() - 1.0);
    let t = h.state().canvas.to_global;
    common::window::drag(&mut h, t * from, t * to);
    let mut sel: Vec<String> = h.state().selection.iter().map(|i| i.to_string()).collect();
    sel.sort();
    assert_eq!(sel, ["SRV01", "SRV02", "SRV03"]);
}

#[test]
fn the_inspector_moves_a_rack_along_its_row_and_edits_several_cables_at_once() {
    let mut h = open(example());
    h.state_mut().selection = vec![Id::from("A01")];
    h.run();
    h.get_by_label("Position 1 of 2 in row A");
    h.get_by_label("Move right").click();
    h.run();
    let order: Vec<&str> = h
        .state()
        .doc
        .design()
        .racks
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(order, ["A02", "A01"]);
    assert_eq!(h.state().doc.history().depth(), 1);
    // Two cords selected: one field sets both.
    h.state_mut().selection = vec![Id::from("PC-A01-01"), Id::from("PC-A01-02")];
    h.run();
    h.get_by_label("2 cables: what is set here changes all of them");
    h.get_by_label("Length of all");
}

#[test]
fn the_palette_says_what_a_cassette_is_and_greys_what_cannot_go_in_the_selected_enclosure() {
    let mut d = example();
    d.modules.retain(|m| m.id.as_str() != "A01-U40-S2");
    d.cables.clear();
    let mut h = open(d);
    h.get_by_label_contains("Cassettes (").click();
    h.run();
    // The buying parameters under each name.
    assert!(
        h.query_all_by_label("FP-HD slot, 1x MPO-12, 12F OM4, Type B, pinned")
            .count()
            >= 1
    );
    // With an HD enclosure selected, an LGX cassette cannot go in it: greyed, and says why.
    h.state_mut().selection = vec![Id::from("A01-U40")];
    h.run();
    let refusal = |number: &str| {
        fiberplan_app::app::refusal_at_selection(
            h.state().doc.design(),
            &h.state().selection,
            h.state().catalog.get(number).unwrap(),
        )
    };
    assert_eq!(refusal("CAS-12F-B-M-OM4"), None, "slot 2 is free");
    let lgx = refusal("CAS-LGX-12F-B-M-OM4");
    assert!(
        lgx.as_deref()
            .is_some_and(|w| w.contains("takes FP-HD modules")),
        "{lgx:?}"
    );
}

#[test]
fn dragging_one_of_several_selected_parts_moves_them_together() {
    let mut h = open(example());
    h.state_mut().selection = vec![Id::from("SRV01"), Id::from("SRV02")];
    h.run();
    let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
    let rack = layout.racks.iter().find(|r| r.label == "A02").unwrap();
    let to = h.state().canvas.to_global
        * rack
            .units(fiberplan_app::layout::Face::Front, 20, 1)
            .center();
    let from = on_canvas(&h, "Equipment SRV02 front");
    common::window::drag(&mut h, from, to);
    let u = |id: &str| {
        h.state()
            .doc
            .design()
            .equipment
            .iter()
            .find(|e| e.id.as_str() == id)
            .and_then(|e| e.mount.as_ref())
            .map(|m| m.u)
    };
    assert_eq!(
        (u("SRV01"), u("SRV02")),
        (Some(19), Some(20)),
        "{:?}",
        h.state().notice
    );
    assert_eq!(h.state().doc.history().undo_label(), Some("Move 2 parts"));
}

#[test]
fn ctrl_v_pastes_a_copied_server_into_the_free_units_under_the_pointer() {
    let mut h = open(example());
    h.state_mut().selection = vec![Id::from("SRV01")];
    h.event(egui::Event::Copy);
    h.run();
    let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
    let rack = layout.racks.iter().find(|r| r.label == "A02").unwrap();
    let at = h.state().canvas.to_global
        * rack
            .units(fiberplan_app::layout::Face::Front, 20, 1)
            .center();
    h.hover_at(at);
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    let new = &h.state().selection;
    assert_eq!(new.len(), 1);
    let e = h
        .state()
        .doc
        .design()
        .equipment
        .iter()
        .find(|e| e.id == new[0])
        .unwrap();
    assert_eq!(e.id.as_str(), "SRV13");
    assert_eq!(e.mount.as_ref().map(|m| m.u), Some(20));
}

#[test]
fn a_channel_through_an_unconfirmed_part_is_unverified_until_the_designer_confirms_it() {
    // The Method B example with its first cassette read from a library that did not state its
    // polarity type or gender.
    let mut d = load_design(Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    if let Some(m) = d.modules.iter_mut().find(|m| m.id.as_str() == "C1") {
        m.unconfirmed = vec!["polarity type".into(), "MPO gender".into()];
    }
    let mut h = open(d);
    let r = h.state().doc.report();
    let c = r.channels().iter().next().unwrap();
    assert_eq!(c.verdict, Verdict::Warning, "never a pass");
    assert!(r
        .findings()
        .iter()
        .any(|f| f.rule == fiberplan_engine::trace::Rule::Unverified
            && f.parts.contains(&Id::from("C1"))
            && f.message.contains("polarity type")));
    h.state_mut().selection = vec![Id::from("C1")];
    h.run();
    h.get_by_label("Confirm these parameters").click();
    h.run();
    assert!(h.state().doc.report().passes());
    assert!(h
        .state()
        .doc
        .report()
        .channels()
        .iter()
        .all(|c| c.verdict == Verdict::Pass));
    assert_eq!(h.state().doc.history().undo_label(), Some("Confirm C1"));
}

#[test]
fn a_part_placed_from_an_imported_netbox_type_carries_what_is_unconfirmed() {
    let (catalog, _) = fiberplan_netbox::library::import(&[std::path::PathBuf::from(
        "crates/fiberplan-netbox/tests/fixtures/04-module-types",
    )])
    .unwrap();
    let d = Design::new("empty");
    let (_, edit) = fiberplan_edit::new_part::new_part(
        &d,
        &catalog,
        "OC-CAS-12B",
        &fiberplan_edit::placement::Place::Loose,
    )
    .unwrap();
    let mut d = d;
    fiberplan_edit::apply(&mut d, edit).unwrap();
    assert!(d.modules[0]
        .unconfirmed
        .contains(&"polarity type".to_owned()));
}
