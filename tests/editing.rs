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
