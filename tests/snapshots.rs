//! Pictures of the window where the picture is the point: the example design in the dark and
//! the light theme, and a failing channel highlighted, in a 1600x1000 window. Rendered on the
//! CPU (Mesa lavapipe through wgpu).
//!
//! Without any Vulkan driver the snapshots are skipped with a message, unless
//! FIBERPLAN_REQUIRE_SNAPSHOTS is set (CI sets it). Accept new pictures with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`.

mod common;

use egui_kittest::{Harness, SnapshotError, SnapshotOptions};
use fiberplan_app::FiberplanApp;
use fiberplan_io::load_design;
use fiberplan_model::PortRef;
use std::path::Path;

fn harness(file: &str) -> Harness<'static, FiberplanApp> {
    common::window::full_size(load_design(Path::new(file)).unwrap())
}

fn snapshot(h: &mut Harness<'_, FiberplanApp>, name: &str) {
    // Text antialiasing differs slightly between Mesa versions.
    let options = SnapshotOptions::new()
        .threshold(1.5)
        .max_failed_pixels(2000);
    match h.try_snapshot_options(name, &options) {
        Ok(()) => {}
        Err(SnapshotError::RenderError { err })
            if std::env::var_os("FIBERPLAN_REQUIRE_SNAPSHOTS").is_none() =>
        {
            eprintln!("snapshot {name} skipped: no renderer ({err}); install mesa-vulkan-drivers");
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn example_design_window() {
    let mut h = harness("saved_designs/two-rack-leaf-servers.ron");
    h.run();
    snapshot(&mut h, "example_design_window");
}

#[test]
fn example_design_window_light() {
    let mut h = harness("saved_designs/two-rack-leaf-servers.ron");
    let ctx = h.ctx.clone();
    h.state_mut().set_theme(&ctx, fiberplan_app::Theme::Light);
    h.run();
    h.run();
    snapshot(&mut h, "example_design_window_light");
}

#[test]
fn failing_channel_highlighted() {
    let mut h = harness("saved_designs/method-b-wrong-cord-error.ron");
    h.run();
    // Click the near switch port: its channel and the failing cord light up.
    let p = common::window::on_canvas(&h, "Port SW1/Eth1");
    common::window::click_at(&mut h, p);
    assert_eq!(h.state().selected_port, Some(PortRef::front("SW1", 1)));
    assert!(!h.state().doc.report().passes());
    snapshot(&mut h, "failing_channel_highlighted");
}
