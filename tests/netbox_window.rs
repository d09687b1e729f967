//! File > Pull from NetBox… and Push to NetBox…, driven through the window against the
//! loopback NetBox of the interop tests (recorded NetBox 4.6 responses).

mod common;
#[path = "../crates/fiberplan-netbox/tests/common/mod.rs"]
mod fake_netbox;

use common::window::window;
use egui::Role;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fake_netbox::{FakeNetbox, V2_TOKEN};
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_io::load_design;
use fiberplan_model::Design;
use std::path::Path;

fn menu(h: &mut Harness<'_, FiberplanApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

fn fill(h: &mut Harness<'_, FiberplanApp>, field: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, field).click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    h.run();
}

/// Runs frames until the NetBox request has answered.
fn wait(h: &mut Harness<'_, FiberplanApp>) {
    // The spinner repaints while waiting: step frame by frame.
    for _ in 0..500 {
        h.step();
        if !h.state().netbox.running() {
            h.step();
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("NetBox did not answer");
}

fn token_file(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("netbox-token");
    std::fs::write(&path, V2_TOKEN).unwrap();
    path.display().to_string()
}

#[test]
fn pulling_the_recorded_site_opens_it_as_a_new_unsaved_design() {
    let nb = FakeNetbox::recorded();
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(Design::new("Untitled"), ScriptedDialogs::default());
    h.run();
    menu(&mut h, "Pull from NetBox…");
    fill(&mut h, "NetBox URL", &nb.url);
    fill(&mut h, "Token file", &token_file(&dir));
    fill(&mut h, "Site", "DH1");
    h.get_by_role_and_label(Role::Button, "Pull").click();
    wait(&mut h);
    let d = h.state().doc.design();
    assert_eq!(d.racks.len(), 2);
    assert_eq!(d.modules.len(), 6);
    assert_eq!(d.cables.len(), 21);
    assert!(h.state().doc.is_modified(), "a pulled design is unsaved");
    let (result, error) = h.state().netbox.result.clone().unwrap();
    assert!(!error, "{result}");
    assert!(result.starts_with("Pulled site DH1"), "{result}");
    // The racks are drawn: the pulled design is on the canvas.
    h.run();
    assert!(h.query_by_label("Rack A01 front").is_some());
}

#[test]
fn a_dry_run_push_lists_the_changes_and_a_push_writes_them() {
    let nb = FakeNetbox::empty();
    let dir = tempfile::tempdir().unwrap();
    let d = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
    let cables = d.cables.len();
    let mut h = window(d, ScriptedDialogs::default());
    h.run();
    menu(&mut h, "Push to NetBox…");
    fill(&mut h, "NetBox URL", &nb.url);
    fill(&mut h, "Token file", &token_file(&dir));
    // The dry run is on by default: nothing is written.
    h.get_by_role_and_label(Role::Button, "Show changes")
        .click();
    wait(&mut h);
    let (text, error) = h.state().netbox.result.clone().unwrap();
    assert!(!error, "{text}");
    assert!(text.contains("nothing was written"), "{text}");
    assert_eq!(text.matches("would create cable").count(), cables);
    assert!(nb.writes().is_empty());
    h.get_by_label("Dry run: list the changes, write nothing")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Push").click();
    wait(&mut h);
    let (text, error) = h.state().netbox.result.clone().unwrap();
    assert!(!error, "{text}");
    assert_eq!(nb.list("cables").len(), cables);
    // The design itself is untouched by a push.
    assert!(!h.state().doc.is_modified());
}

#[test]
fn a_refused_token_is_shown_in_the_window_as_netbox_said_it() {
    let nb = FakeNetbox::empty();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad-token");
    std::fs::write(&path, "nbt_AAAAAAAAAAAA.BBBB").unwrap();
    let mut h = window(Design::new("Untitled"), ScriptedDialogs::default());
    h.run();
    menu(&mut h, "Pull from NetBox…");
    fill(&mut h, "NetBox URL", &nb.url);
    fill(&mut h, "Token file", &path.display().to_string());
    fill(&mut h, "Site", "DH1");
    h.get_by_role_and_label(Role::Button, "Pull").click();
    wait(&mut h);
    let (text, error) = h.state().netbox.result.clone().unwrap();
    assert!(error);
    assert!(text.contains("Invalid v2 token"), "{text}");
    assert_eq!(
        h.state().doc.design().racks.len(),
        0,
        "the open design is kept"
    );
}
