//! The designer window driven like a user: click, drag, type, query by label (egui_kittest),
//! asserting the model afterwards.

mod common;

use common::window::{click_at, drag, on_canvas};
use common::{apps, Duplex};
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::layout::{Face, Layout};
use fiberplan_app::FiberplanApp;
use fiberplan_edit::{Document, Edit};
use fiberplan_engine::catalog::Catalog;
use fiberplan_engine::trace::{Rule, Severity};
use fiberplan_io::load_design;
use fiberplan_model::*;
use std::path::PathBuf;

fn harness(design: Design, dialogs: ScriptedDialogs) -> Harness<'static, FiberplanApp> {
    common::window::window(design, dialogs)
}

/// Clicks a canvas item (kittest's own click would use its scene coordinates).
fn click_canvas(h: &mut Harness<'_, FiberplanApp>, label: &str) {
    let p = on_canvas(h, label);
    click_at(h, p);
}

/// Types into the palette's search box.
fn search(h: &mut Harness<'_, FiberplanApp>, text: &str) {
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Search");
    field.click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Search")
        .type_text(text);
    h.run();
}

/// A rack with one empty 1U 4-slot HD enclosure.
fn rack_with_enclosure() -> Design {
    let mut d = Design::new("empty enclosure");
    d.add_rack("A01", "A01", 42);
    d.add_enclosure(
        "A01-U40",
        EnclosureSpec::new(1, 4),
        Some(Mount {
            rack: "A01".into(),
            u: 40,
        }),
    );
    d
}

/// Replaces the palette search text.
fn search_for(h: &mut Harness<'_, FiberplanApp>, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, "Search")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Search")
        .type_text(text);
    h.run();
}

/// Drags the palette entry called `name` (found by searching `query`) to scene point `to`.
fn drop_part(h: &mut Harness<'_, FiberplanApp>, query: &str, name: &str, to_scene: Pos2) {
    search_for(h, query);
    let from = h.get_by_label(name).rect().center();
    let to = h.state().canvas.to_global * to_scene;
    drag(h, from, to);
}

/// Screen position of rack unit `u` on the front of the rack labelled `rack`.
fn unit(h: &Harness<'_, FiberplanApp>, rack: &str, u: u8) -> Pos2 {
    let layout = Layout::new(h.state().doc.design());
    let r = layout
        .racks
        .iter()
        .find(|r| r.label == rack)
        .expect("rack drawn");
    r.units(Face::Front, u, 1).center()
}

/// Draws a cable between two ports and picks the catalog cable `part_number`.
fn wire(h: &mut Harness<'_, FiberplanApp>, from: &str, to: &str, part_number: &str) {
    let (a, b) = (on_canvas(h, from), on_canvas(h, to));
    drag(h, a, b);
    h.get_by_label_contains(part_number).click();
    h.run();
}

fn open_group(h: &mut Harness<'_, FiberplanApp>, prefix: &str) {
    h.get_by_label_contains(prefix).click();
    h.run();
}

#[test]
fn example_opens_with_its_channels_in_the_status_bar() {
    let design = load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    h.get_by_label("24 channels: 24 passing, 0 failing");
    h.get_by_label("Rack A01 front");
    h.get_by_label("Port LEAF1/Eth1");
    h.get_by_label("Cable PC-A01-01");
}

#[test]
fn dragging_a_cassette_from_the_palette_into_a_slot_adds_it_there() {
    let mut h = harness(rack_with_enclosure(), ScriptedDialogs::default());
    h.run();
    open_group(&mut h, "Cassettes (");
    let from = h
        .get_by_label("12F cassette Type B, pinned, OM4, 6 LC ports")
        .rect()
        .center();
    let to = on_canvas(&h, "Slot A01-U40 2 front");
    drag(&mut h, from, to);
    let d = h.state().doc.design();
    assert_eq!(d.modules.len(), 1, "{:?}", h.state().notice);
    let m = &d.modules[0];
    assert_eq!(
        m.slot,
        Some(SlotRef {
            enclosure: "A01-U40".into(),
            slot: 2
        })
    );
    assert_eq!(m.catalog.as_deref(), Some("CAS-12F-B-M-OM4"));
    // The new cassette's ports are on the canvas: the front ones where it opened, the rear
    // ones once the view fits the whole design (the rear elevations are right of the fronts).
    h.get_by_label("Port A01-U40-S2/F6");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    h.get_by_label("Port A01-U40-S2/R1");
}

#[test]
fn a_drop_that_does_not_fit_is_refused_and_changes_nothing() {
    let mut h = harness(rack_with_enclosure(), ScriptedDialogs::default());
    h.run();
    search(&mut h, "LGX");
    let from = h
        .get_by_label("12F LGX cassette Type A, pinned, OM4")
        .rect()
        .center();
    let to = on_canvas(&h, "Slot A01-U40 1 front");
    drag(&mut h, from, to);
    assert!(h.state().doc.design().modules.is_empty());
    assert!(!h.state().doc.is_modified());
    let (notice, error) = h.state().notice.clone().expect("a notice");
    assert!(error);
    assert!(notice.contains("takes FP-HD modules"), "{notice}");
}

fn two_switches() -> Design {
    let mut d = Design::new("two switches");
    let x = TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50);
    d.add_equipment(
        "SW1",
        EquipmentSpec::with_ports(1, "Eth", 4, x.clone()),
        None,
    );
    d.add_equipment("SW2", EquipmentSpec::with_ports(1, "Eth", 4, x), None);
    d
}

#[test]
fn drawing_from_port_to_port_offers_cables_and_creates_the_chosen_one() {
    let mut h = harness(two_switches(), ScriptedDialogs::default());
    h.run();
    let from = on_canvas(&h, "Port SW1/Eth1");
    let to = on_canvas(&h, "Port SW2/Eth1");
    drag(&mut h, from, to);
    assert!(
        h.state().canvas.offer.is_some(),
        "{:?} {from:?} {to:?}",
        h.state().canvas.gesture
    );
    h.get_by_label_contains("LCC-AB-OM4").click();
    h.run();
    let d = h.state().doc.design();
    assert_eq!(d.cables.len(), 1);
    assert_eq!(
        d.cables[0].ends,
        vec![
            Some(PortRef::front("SW1", 1)),
            Some(PortRef::front("SW2", 1))
        ]
    );
    let r = h.state().doc.report();
    assert_eq!(r.channels().len(), 1);
    assert!(r.findings().is_empty(), "{:?}", r.findings());
}

#[test]
fn changing_a_cord_to_a_a_marks_a_polarity_error_and_undo_restores_the_pass() {
    let mut h = harness(Duplex::method_b().build(), ScriptedDialogs::default());
    h.run();
    assert!(h.state().doc.report().findings().is_empty());
    click_canvas(&mut h, "Cable CP2");
    assert_eq!(h.state().selection, vec![Id::from("CP2")]);
    h.get_by_label("Polarity").click();
    h.run();
    h.get_by_label("AA").click();
    h.run();
    let r = h.state().doc.report();
    assert!(r
        .findings()
        .iter()
        .any(|f| f.rule == Rule::Polarity && f.severity == Severity::Error));
    // The cord is marked on the canvas.
    assert!(r
        .findings()
        .iter()
        .filter(|f| f.rule == Rule::Polarity)
        .all(|f| f.parts.contains(&Id::from("CP2"))));
    h.get_by_label_contains("polarity: Tx of SW1/F1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.report().findings().is_empty());
    assert!(!h.state().doc.is_modified());
}

#[test]
fn save_as_and_open_round_trip_through_the_dialogs() {
    let dir = std::env::temp_dir().join(format!("fiberplan-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved: PathBuf = dir.join("method-b.ron");
    let dialogs = ScriptedDialogs {
        open: vec![PathBuf::from("saved_designs/sr4-parallel-type-b.ron")],
        save: vec![saved.clone()],
        ..Default::default()
    };
    let design = Duplex::method_b().build();
    let mut h = harness(design.clone(), dialogs);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(load_design(&saved).unwrap(), design);
    assert_eq!(h.state().doc.path(), Some(saved.as_path()));
    assert!(h.state().recent.contains(&saved));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert_eq!(
        h.state().doc.design(),
        &load_design(std::path::Path::new(
            "saved_designs/sr4-parallel-type-b.ron"
        ))
        .unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unsaved_changes_are_confirmed_before_opening_another_design() {
    let dialogs = ScriptedDialogs {
        open: vec![PathBuf::from("saved_designs/sr4-parallel-type-b.ron")],
        save: vec![],
        ..Default::default()
    };
    let mut h = harness(Duplex::method_b().build(), dialogs);
    h.run();
    click_canvas(&mut h, "Cable CP2");
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.is_modified());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h
        .state()
        .doc
        .design()
        .cables
        .iter()
        .all(|c| c.id.as_str() != "CP2"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(
        h.state().doc.design(),
        &load_design(std::path::Path::new(
            "saved_designs/sr4-parallel-type-b.ron"
        ))
        .unwrap()
    );
}

/// The acceptance path: from an empty design and the palette alone, build the
/// Method B channel (two racks, two enclosures, two cassettes, a trunk, two cords, two
/// switches), see it pass, break it with one edit, see the error, undo, and save it.
#[test]
fn build_method_b_from_the_palette_break_it_undo_and_save() {
    let dir = std::env::temp_dir().join(format!("fiberplan-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("method-b-built.ron");
    let dialogs = ScriptedDialogs {
        open: vec![],
        save: vec![saved.clone()],
        ..Default::default()
    };
    let mut h = harness(Design::new("Method B by hand"), dialogs);
    h.run();
    let anywhere = h.state().canvas.to_global.inverse() * on_screen_canvas_point(&h);
    drop_part(&mut h, "RK-42U", "42U rack", anywhere);
    let anywhere = h.state().canvas.to_global.inverse() * on_screen_canvas_point(&h);
    drop_part(&mut h, "RK-42U", "42U rack", anywhere);
    assert_eq!(
        h.state().doc.design().racks.len(),
        2,
        "{:?}",
        h.state().notice
    );
    for rack in ["A01", "A02"] {
        let at = unit(&h, rack, 40);
        drop_part(&mut h, "ENC-1U-4", "1U enclosure, 4 HD slots", at);
        let at = unit(&h, rack, 42);
        drop_part(&mut h, "SW-48x25G", "Switch 48 x 25GBASE-SR (SFP28)", at);
    }
    for rack in ["A01", "A02"] {
        let slot = Layout::new(h.state().doc.design())
            .slots
            .iter()
            .find(|s| {
                s.enclosure.as_str() == format!("{rack}-U40")
                    && s.slot == 1
                    && s.face == Face::Front
            })
            .map(|s| s.rect.center())
            .expect("slot drawn");
        drop_part(
            &mut h,
            "CAS-12F-B-M-OM4",
            "12F cassette Type B, pinned, OM4, 6 LC ports",
            slot,
        );
    }
    {
        let d = h.state().doc.design();
        assert_eq!(
            (d.enclosures.len(), d.equipment.len(), d.modules.len()),
            (2, 2, 2),
            "{:?}",
            h.state().notice
        );
    }
    wire(
        &mut h,
        "Port A01-U40-S1/R1",
        "Port A02-U40-S1/R1",
        "TRK-12F-B-FF-OM4",
    );
    wire(&mut h, "Port SW1/Eth1", "Port A01-U40-S1/F1", "LCC-AB-OM4");
    // Method B: near port 1 meets far port 6.
    wire(&mut h, "Port SW2/Eth1", "Port A02-U40-S1/F6", "LCC-AB-OM4");
    {
        let r = h.state().doc.report();
        assert_eq!(h.state().doc.design().cables.len(), 3);
        assert_eq!(r.channels().len(), 1);
        assert!(r.findings().is_empty(), "{:#?}", r.findings());
    }
    h.get_by_label("1 channels: 1 passing, 0 failing");

    // Break it: the far cord becomes A-to-A.
    let far_cord = h
        .state()
        .doc
        .design()
        .cables
        .iter()
        .find(|c| c.ends.contains(&Some(PortRef::front("SW2", 1))))
        .map(|c| c.label.clone())
        .unwrap();
    click_canvas(&mut h, &format!("Cable {far_cord}"));
    h.get_by_label("Polarity").click();
    h.run();
    h.get_by_label("AA").click();
    h.run();
    assert!(h
        .state()
        .doc
        .report()
        .findings()
        .iter()
        .any(|f| f.rule == Rule::Polarity && f.parts.contains(&Id::from(far_cord.as_str()))));
    h.get_by_label("1 channels: 0 passing, 1 failing");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.report().findings().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(&load_design(&saved).unwrap(), h.state().doc.design());
    assert!(!h.state().doc.is_modified());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A point inside the canvas, away from the panels.
fn on_screen_canvas_point(h: &Harness<'_, FiberplanApp>) -> Pos2 {
    h.get_by_label("Canvas");
    egui::pos2(700.0, 500.0)
}

#[test]
fn dragging_placed_equipment_to_another_unit_moves_it_and_undo_moves_it_back() {
    let design = load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    let from = on_canvas(&h, "Equipment SRV01 front");
    let to = h.state().canvas.to_global * unit(&h, "A02", 5);
    drag(&mut h, from, to);
    let mount = |h: &Harness<'_, FiberplanApp>| {
        h.state()
            .doc
            .design()
            .equipment
            .iter()
            .find(|e| e.id.as_str() == "SRV01")
            .and_then(|e| e.mount.clone())
    };
    assert_eq!(
        mount(&h),
        Some(Mount {
            rack: "A02".into(),
            u: 5
        }),
        "{:?}",
        h.state().notice
    );
    // Cables follow the part: the channel still passes.
    assert!(h.state().doc.report().findings().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(mount(&h).map(|m| m.u), Some(27));
}

#[test]
fn clicking_a_finding_selects_and_centres_its_parts() {
    let design = load_design(std::path::Path::new(
        "saved_designs/gender-pinned-trunk-error.ron",
    ))
    .unwrap();
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    let before = h.state().canvas.scene_rect;
    h.get_by_label_contains("gender: pinned T1 end 1").click();
    h.run();
    let sel = h.state().selection.clone();
    assert!(
        sel.contains(&Id::from("T1")) && sel.contains(&Id::from("C1")),
        "{sel:?}"
    );
    assert_ne!(
        h.state().canvas.scene_rect,
        before,
        "the view moved to the parts"
    );
}

#[test]
fn escape_cancels_a_drag_from_the_palette() {
    let mut h = harness(rack_with_enclosure(), ScriptedDialogs::default());
    h.run();
    search_for(&mut h, "CAS-12F-B-M-OM4");
    let from = h
        .get_by_label("12F cassette Type B, pinned, OM4, 6 LC ports")
        .rect()
        .center();
    let to = on_canvas(&h, "Slot A01-U40 1 front");
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + egui::vec2(12.0, 6.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(to);
    h.run();
    assert!(h.state().doc.design().modules.is_empty());
}

#[test]
fn shift_click_adds_to_the_selection() {
    let mut h = harness(Duplex::method_b().build(), ScriptedDialogs::default());
    h.run();
    click_canvas(&mut h, "Cable CP1");
    let p = on_canvas(&h, "Cable CP2");
    h.hover_at(p);
    h.run();
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.run();
    assert_eq!(h.state().selection, vec![Id::from("CP1"), Id::from("CP2")]);
}

/// Shift+clicks a canvas item, adding it to the selection.
fn shift_click_canvas(h: &mut Harness<'_, FiberplanApp>, label: &str) {
    let p = on_canvas(h, label);
    h.hover_at(p);
    h.run();
    for pressed in [true, false] {
        h.event_modifiers(
            egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::SHIFT,
            },
            Modifiers::SHIFT,
        );
    }
    h.run();
}

// Regression: deleting a selection of several parts made one undo step per part, so one
// Ctrl+Z brought back only the last of them.
#[test]
fn deleting_a_selection_is_one_undo_step_named_for_what_was_deleted() {
    let original = Duplex::method_b().build();
    let mut h = harness(original.clone(), ScriptedDialogs::default());
    h.run();
    click_canvas(&mut h, "Cable CP1");
    shift_click_canvas(&mut h, "Cable CP2");
    h.key_press(Key::Delete);
    h.run();
    let cables: Vec<&str> = h
        .state()
        .doc
        .design()
        .cables
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert!(
        !cables.contains(&"CP1") && !cables.contains(&"CP2"),
        "{cables:?}"
    );
    assert_eq!(h.state().doc.history().undo_label(), Some("Delete 2 parts"));
    h.get_by_label("Edit").click();
    h.run();
    // The menu names the step (its shortcut is part of the button's accessible label).
    h.get_by(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("Undo Delete 2 parts"))
    })
    .click();
    h.run();
    assert_eq!(h.state().doc.design(), &original);
}

fn enter_review_mode(h: &mut Harness<'_, FiberplanApp>) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Review mode (read-only)").click();
    h.run();
    assert!(h.state().review());
}

#[test]
fn review_mode_refuses_edits_with_a_visible_notice() {
    let original = Duplex::method_b().build();
    let mut h = harness(original.clone(), ScriptedDialogs::default());
    h.run();
    enter_review_mode(&mut h);
    h.key_press(Key::Escape);
    h.run();
    click_canvas(&mut h, "Cable CP2");
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.design(), &original);
    assert!(!h.state().doc.is_modified());
    h.get_by_label_contains("Review mode is read-only");
}

#[test]
fn review_notes_round_trip_through_save_and_load() {
    let dir = std::env::temp_dir().join(format!("fiberplan-notes-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("reviewed.ron");
    let dialogs = ScriptedDialogs {
        open: vec![],
        save: vec![saved.clone()],
        ..Default::default()
    };
    let mut h = harness(Duplex::method_b().build(), dialogs);
    h.run();
    enter_review_mode(&mut h);
    h.key_press(Key::Escape);
    h.run();
    click_canvas(&mut h, "Cable CP2");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "New note");
    field.click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "New note")
        .type_text("Confirm cord polarity on site");
    h.run();
    h.get_by_label("Add note").click();
    h.run();
    let notes = h.state().doc.design().notes.clone();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].target, NoteTarget::Part("CP2".into()));
    assert_eq!(notes[0].text, "Confirm cord polarity on site");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(load_design(&saved).unwrap().notes, notes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn review_channel_table_selects_a_channel() {
    let design = load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    enter_review_mode(&mut h);
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Channels (24)").click();
    h.run();
    h.get_by_label("LEAF1/F3 Eth3").click();
    h.run();
    assert_eq!(h.state().selected_port, Some(PortRef::front("LEAF1", 3)));
    h.get_by_label_contains("Export trace as SVG");
}

#[test]
fn file_export_writes_the_bom_chosen_in_the_dialog() {
    let dir = std::env::temp_dir().join(format!("fiberplan-export-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("bom.csv");
    let dialogs = ScriptedDialogs {
        open: vec![],
        save: vec![out.clone()],
        ..Default::default()
    };
    let design = load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    let mut h = harness(design, dialogs);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Bill of materials (CSV)…").click();
    h.run();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string("tests/golden/two-rack-leaf-servers/bom.csv").unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = std::env::temp_dir().join(format!("fiberplan-conflict-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shared.ron");
    fiberplan_io::save_design(&Duplex::method_b().build(), &path).unwrap();
    let (design, stamp) = fiberplan_io::load_design_stamped(&path).unwrap();
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_eframe(move |_cc| {
            FiberplanApp::new(
                Document::for_file(design, p, stamp, apps()),
                Catalog::builtin(),
                apps(),
                Box::new(ScriptedDialogs::default()),
            )
        });
    h.run();
    let theirs = Duplex::method_c().build();
    fiberplan_io::save_design(&theirs, &path).unwrap();
    click_canvas(&mut h, "Cable CP2");
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("File changed on disk");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(load_design(&path).unwrap(), theirs);
    assert!(h.state().doc.is_modified());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(&load_design(&path).unwrap(), h.state().doc.design());
    assert!(!h.state().doc.is_modified());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 4, channel trace view: selecting a transceiver port draws every plug of its channel
/// in order with each fiber's position, and a broken cord marks the failing end.
#[test]
fn selecting_a_port_draws_its_channel_trace_with_the_failing_hop_marked() {
    let design = load_design(std::path::Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    click_canvas(&mut h, "Port SW1/Eth1");
    h.get_by_label("Trace drawing");
    let hops = h.state().doc.report().channels()[0].hops;
    // One box per plug, numbered in order from the transmitter.
    for k in 1..=hops {
        assert!(
            h.query_all_by_label_contains(&format!("{k}. ")).count() > 0,
            "box {k} of {hops}"
        );
    }
    assert!(h.query_all_by_label_contains("Type B trunk").count() > 0);
    // Patch panel adapters on both cassettes' fronts and rears: four mated pairs that count.
    assert_eq!(h.query_all_by_label_contains("mated pair +").count(), 4);
    assert!(h.query_by_label_contains("(fails here)").is_none());

    click_canvas(&mut h, "Cable CP2");
    h.get_by_label("Polarity").click();
    h.run();
    h.get_by_label("AA").click();
    h.run();
    click_canvas(&mut h, "Port SW1/Eth1");
    h.get_by_label_contains("(fails here)");
}

/// Issue 4, cassette or breakout: a selected cassette gets the advice and a swap button; the
/// swap is one undoable edit and the channel still passes.
#[test]
fn a_cassette_can_be_swapped_for_a_breakout_harness_and_back_with_undo() {
    let design = load_design(std::path::Path::new("saved_designs/method-b-duplex.ron")).unwrap();
    let mut h = harness(design.clone(), ScriptedDialogs::default());
    h.run();
    // Click the module where no port sits.
    let module: Rect = h.get_by_label("Module C1 rear").rect();
    let ports: Vec<Rect> = h
        .query_all_by_label_contains("Port C1/")
        .map(|n| n.rect())
        .collect();
    let free = (1..20)
        .flat_map(|i| (1..4).map(move |j| (i, j)))
        .map(|(i, j)| {
            module.min
                + egui::vec2(
                    module.width() * i as f32 / 20.0,
                    module.height() * j as f32 / 4.0,
                )
        })
        .find(|p| !ports.iter().any(|r| r.expand(1.0).contains(*p)))
        .expect("a free spot on the module");
    let at = h.state().canvas.to_global * free;
    click_at(&mut h, at);
    assert_eq!(h.state().selection, vec![Id::from("C1")]);
    h.get_by_label_contains("Advice: ");
    h.get_by_label_contains("Loss budget: the margin is");
    h.get_by_label("Swap for a breakout harness").click();
    h.run();
    let d = h.state().doc.design();
    assert!(d.modules.iter().all(|m| m.id.as_str() != "C1"));
    assert!(d
        .cables
        .iter()
        .any(|c| matches!(c.spec.kind, CableKind::Breakout { .. })));
    assert!(h.state().doc.report().findings().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.design(), &design);
}

fn harness_with_recovery(
    doc: Document,
    store: fiberplan_io::recovery::RecoveryStore,
) -> Harness<'static, FiberplanApp> {
    common::window::window_on(doc, ScriptedDialogs::default(), Some(store))
}

/// Issue 5, autosave and recovery: 20 edits write the recovery file; the window dies in the
/// middle of a save (the temporary file is left half-written, the design file untouched); the
/// next start offers the work, restores it as a modified design on the same file, and a save
/// writes it there and removes the recovery file.
#[test]
fn unsaved_work_survives_a_crash_during_a_save_and_is_restored_on_the_next_start() {
    use fiberplan_io::recovery::RecoveryStore;
    use fiberplan_io::save_design;
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let path = dir.path().join("hall.ron");
    let original = Duplex::method_b().build();
    save_design(&original, &path).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    let edited = {
        let (design, stamp) = fiberplan_io::load_design_stamped(&path).unwrap();
        let doc = Document::for_file(design, path.clone(), stamp, apps());
        let mut h = harness_with_recovery(doc, RecoveryStore::new(recovery_dir.clone()));
        h.run();
        let own = h.state().autosave.as_ref().unwrap().file().to_owned();
        for i in 1..=20 {
            h.state_mut().apply(
                "Relabel",
                Edit::Label {
                    id: Id::from("T1"),
                    label: format!("T1 rev {i}"),
                },
            );
            h.run();
            // Nothing is written before the 20th edit (and 30 s have not passed).
            assert_eq!(own.exists(), i == 20, "after edit {i}");
        }
        // The save is killed after writing half of the temporary file: the rename never
        // happened, so the design file is as it was.
        std::fs::write(dir.path().join(".tmpKILLED"), &on_disk[..on_disk.len() / 2]).unwrap();
        h.state().doc.design().clone()
        // The window is gone without saving or discarding.
    };
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the design file is untouched"
    );

    // Next start: the example is open, and the work is offered.
    let example = Document::new(original.clone(), None, apps());
    let mut h = harness_with_recovery(example, RecoveryStore::new(recovery_dir.clone()));
    h.run();
    h.get_by_label("Recover unsaved work");
    h.get_by_label_contains("20 unsaved edit(s)");
    h.get_by_label("Restore hall.ron").click();
    h.run();
    assert_eq!(h.state().doc.design(), &edited);
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert!(
        h.state().doc.is_modified(),
        "restored work is unsaved until saved"
    );
    assert!(h.query_by_label("Recover unsaved work").is_none());

    // Saving writes it to the design file and removes the recovery file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(load_design(&path).unwrap(), edited);
    // No recovery file is left (the window's lock file stays while it runs).
    let left: Vec<_> = std::fs::read_dir(&recovery_dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Issue 5: discarding changes removes the recovery file, so nothing is offered next time.
#[test]
fn discarded_changes_leave_no_recovery_file() {
    use fiberplan_io::recovery::RecoveryStore;
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().to_owned());
    let mut h = harness_with_recovery(
        Document::new(Duplex::method_b().build(), None, apps()),
        store,
    );
    h.run();
    let own = h.state().autosave.as_ref().unwrap().file().to_owned();
    h.state_mut().apply(
        "Relabel",
        Edit::Label {
            id: Id::from("T1"),
            label: "x".into(),
        },
    );
    h.run();
    h.state_mut().autosave_now();
    assert!(own.exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(!own.exists());
    assert!(RecoveryStore::new(dir.path().to_owned())
        .leftovers()
        .0
        .is_empty());
}

/// Issue 5, bad input: a damaged file offers to open the rest with every problem listed, and
/// opens it as an untitled, modified copy so the damaged file is never overwritten.
#[test]
fn a_damaged_file_opens_the_rest_as_an_untitled_copy_after_listing_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = std::fs::read_to_string("saved_designs/method-b-duplex.ron")
        .unwrap()
        .replacen("Some(\"C2/R1\")", "Some(\"C9/R1\")", 1);
    std::fs::write(&path, &text).unwrap();
    let mut h = harness(
        Design::new("empty"),
        ScriptedDialogs {
            open: vec![path.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Damaged design");
    h.get_by_label_contains(
        "cable T1: end 2 is plugged into C9/R1, but there is no module or equipment C9",
    );
    h.get_by_label("Open the rest").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(doc.path(), None);
    assert!(doc.is_modified());
    assert_eq!(doc.design().cables.len(), 3);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Issue 6, canvas at scale: a 30-rack hall (about 2,000 parts) fits as an overview without a
/// widget per port; a click still selects the part under the pointer (found through the
/// layout's grid), and zooming in brings the detailed parts and ports back.
#[test]
fn a_large_hall_is_an_overview_where_clicks_select_and_zooming_in_shows_the_ports() {
    use fiberplan_app::canvas::overview::OVERVIEW_BELOW;
    use fiberplan_generate::{generate, GenerateOptions};
    let (design, _) = generate(GenerateOptions {
        racks: 30,
        seed: 1,
        fault_percent: 0.0,
    });
    let layout = Layout::new(&design);
    let mut h = harness(design, ScriptedDialogs::default());
    h.run();
    h.run();
    assert!(h.state().canvas.to_global.scaling < OVERVIEW_BELOW);
    assert!(
        h.query_by_label_contains("Port ").is_none(),
        "no port widgets when zoomed out"
    );
    let server = layout
        .items
        .iter()
        .find(|i| i.id.as_str() == "A03-SRV10")
        .unwrap();
    let at = h.state().canvas.to_global * server.rect.center();
    click_at(&mut h, at);
    assert_eq!(h.state().selection, vec![Id::from("A03-SRV10")]);

    h.state_mut().canvas.scene_rect = server.rect.expand(150.0);
    h.run();
    h.run();
    assert!(h.state().canvas.to_global.scaling >= OVERVIEW_BELOW);
    h.get_by_label("Port A03-SRV10/NIC1");
    h.get_by_label("Equipment A03-SRV10 front");
    // Only what is in view gets a widget: a port in the last rack does not.
    assert!(h.query_by_label("Port D06-SRV01/NIC1").is_none());
}

/// Issue 5: a damaged file given on the command line and a recovery file left by a dead
/// window are asked about one at a time, the file the user asked for first.
#[test]
fn the_recovery_offer_waits_for_the_damaged_file_question() {
    use fiberplan_io::recovery::{RecoveryHeader, RecoveryStore};
    let dir = tempfile::tempdir().unwrap();
    let left = RecoveryStore::new(dir.path().to_owned());
    let mut header = RecoveryHeader::now(None, None, "hall-3.ron".into(), 5);
    header.pid = 0;
    left.write(
        &dir.path().join("recovery-0-0.ron"),
        &header,
        &Duplex::method_b().build(),
    )
    .unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        std::fs::read_to_string("saved_designs/method-b-duplex.ron")
            .unwrap()
            .replacen("Some(\"C2/R1\")", "Some(\"C9/R1\")", 1),
    )
    .unwrap();
    let opened = fiberplan_io::open_design(&broken).unwrap();
    let mut h = harness_with_recovery(
        Document::new(Design::new("Untitled"), None, apps()),
        RecoveryStore::new(dir.path().to_owned()),
    );
    h.state_mut().offer_damaged(broken, opened);
    h.run();
    h.get_by_label("Damaged design");
    assert!(h.query_by_label("Recover unsaved work").is_none());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Damaged design").is_none());
    h.get_by_label("Recover unsaved work");
    h.get_by_label("Restore hall-3.ron");
}
