//! Saving works on every desktop: where the native file chooser cannot open, Fiberplan's own
//! dialog appears at once with the path field focused, so typing a path and Enter saves;
//! Ctrl+S on an untitled design asks where, modified or not (egui_kittest, driving the app).

mod common;

use common::Duplex;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fiberplan_app::app::DialogChoice;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_io::load_design;
use fiberplan_model::Design;

fn harness(design: Design, dialogs: ScriptedDialogs) -> Harness<'static, FiberplanApp> {
    common::window::window(design, dialogs)
}

/// A desktop with no file chooser at all.
fn no_file_chooser() -> ScriptedDialogs {
    ScriptedDialogs {
        unavailable: true,
        ..ScriptedDialogs::default()
    }
}

/// Replaces what the focused path field holds with `text` and presses Enter.
fn type_path_and_enter(h: &mut Harness<'_, FiberplanApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Path").type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn an_untitled_design_saves_through_the_builtin_dialog_by_typing_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-hall.ron");
    let mut h = harness(Design::new("Untitled"), no_file_chooser());
    h.run();
    // Nothing changed since it opened: Ctrl+S still asks where.
    assert!(!h.state().doc.is_modified());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save design as");
    assert!(
        h.get_by_label("Path").is_focused(),
        "the path field has the keyboard focus when the dialog opens"
    );
    type_path_and_enter(&mut h, &path.display().to_string());
    assert_eq!(&load_design(&path).unwrap(), h.state().doc.design());
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert!(
        h.query_by_label("Save design as").is_none(),
        "the dialog closed"
    );
    let notice = h.state().notice.clone().unwrap_or_default();
    assert_eq!(notice, (format!("Saved {}", path.display()), false));
}

#[test]
fn a_name_without_an_ending_is_saved_as_ron_in_the_folder_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Duplex::method_b().build(), no_file_chooser());
    h.state_mut().set_dialog_choice(DialogChoice::Builtin);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    h.run();
    // Into the temporary folder first, by typing it: the dialog shows it.
    type_path_and_enter(&mut h, &dir.path().display().to_string());
    h.get_by_label(&format!("Folder: {}", dir.path().display()));
    type_path_and_enter(&mut h, &dir.path().join("method b").display().to_string());
    let saved = dir.path().join("method b.ron");
    assert_eq!(&load_design(&saved).unwrap(), h.state().doc.design());
}

#[test]
fn saving_over_an_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.ron");
    std::fs::write(&path, "not a design").unwrap();
    let mut h = harness(Duplex::method_b().build(), no_file_chooser());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    type_path_and_enter(&mut h, &path.display().to_string());
    h.get_by_label(&format!(
        "{} already exists. Press Enter or Replace to replace it.",
        path.display()
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a design");
    h.get_by_label("Replace").click();
    h.run();
    assert_eq!(&load_design(&path).unwrap(), h.state().doc.design());
}

#[test]
fn an_export_goes_through_the_builtin_dialog_with_its_own_ending() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Duplex::method_b().build(), no_file_chooser());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").hover();
    h.run();
    h.get_by_label("Bill of materials (CSV)…").click();
    h.run();
    h.get_by_label("Export bom.csv");
    type_path_and_enter(&mut h, &dir.path().join("parts").display().to_string());
    let bom = std::fs::read_to_string(dir.path().join("parts.csv")).unwrap();
    assert!(bom.lines().count() > 1, "a BOM with its lines:\n{bom}");
}

#[test]
fn cancelling_the_builtin_dialog_saves_nothing_and_keeps_the_design() {
    let mut h = harness(Duplex::method_b().build(), no_file_chooser());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save design as").is_none());
    assert_eq!(h.state().doc.path(), None);
    assert_eq!(h.state().doc.design(), &Duplex::method_b().build());
}
