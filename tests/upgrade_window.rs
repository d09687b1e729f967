//! Edit > Plan an upgrade… and the application matrix (issue 17), driven through the window:
//! preview, apply as one undoable step, save as a new design, and the matrix in the inspector
//! and in review mode.

mod common;

use common::window::window;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_model::{Design, ModuleKind};

fn hall() -> Design {
    generate(GenerateOptions {
        racks: 2,
        seed: 1,
        fault_percent: 0.0,
    })
    .0
}

fn open_upgrade(h: &mut Harness<'_, FiberplanApp>) {
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Plan an upgrade…").click();
    h.run();
}

/// Clicks Preview and runs frames until the worker's preview has arrived.
fn preview(h: &mut Harness<'_, FiberplanApp>) {
    h.get_by_label("Preview").click();
    h.step();
    for _ in 0..600 {
        if !h.state().upgrade.planning() {
            h.run();
            return;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the preview never came");
}

fn cassettes(d: &Design) -> usize {
    d.modules
        .iter()
        .filter(|m| matches!(m.spec.kind, ModuleKind::Cassette(_)))
        .count()
}

#[test]
fn preview_then_apply_upgrades_in_one_step_and_undo_restores_the_design() {
    let before = hall();
    let mut h = window(before.clone(), ScriptedDialogs::default());
    h.run();
    open_upgrade(&mut h);
    assert_eq!(h.state().upgrade.application, "100GBASE-SR4");
    preview(&mut h);
    let plan = h.state().upgrade.plan().expect("a preview").clone();
    assert!(!plan.moved.is_empty());
    assert_eq!(plan.passing(), plan.moved.len());
    // The preview says what moves, what cannot, and the parts with their signed quantities.
    let summary = format!(
        "{} links move to 100GBASE-SR4, {} of them pass; {} cannot move.",
        plan.moved.len(),
        plan.passing(),
        plan.stuck.len()
    );
    h.get_by_label(&summary);
    h.get_by_label(&format!("Links that cannot move ({})", plan.stuck.len()));
    assert!(h.query_by_label_contains("Trunk fibers lit:").is_some());

    h.get_by_label("Apply (one undo step)").click();
    h.run();
    let after = h.state().doc.design().clone();
    assert!(
        after == plan.design,
        "the applied design is the previewed one"
    );
    assert!(cassettes(&after) < cassettes(&before));
    let r = check(&after, &common::apps(), CheckMode::Draft);
    for m in &plan.moved {
        let c = r.channel_between(&m.a, &m.b).expect("the moved link");
        assert_ne!(
            c.verdict,
            fiberplan_engine::trace::Verdict::Fail,
            "{}",
            m.name
        );
        assert_eq!(c.applications, vec!["100GBASE-SR4".to_owned()]);
    }
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Upgrade to 100GBASE-SR4")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.design(), &before);
}

#[test]
fn a_preview_made_before_an_edit_is_not_applied_and_save_as_new_design_leaves_the_open_one() {
    let before = hall();
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("phase-2.ron");
    let mut h = window(
        before.clone(),
        ScriptedDialogs {
            save: vec![new.clone()],
            ..Default::default()
        },
    );
    h.run();
    open_upgrade(&mut h);
    preview(&mut h);
    h.get_by_label("Save as new design…").click();
    h.run();
    let saved = fiberplan_io::load_design(&new).unwrap();
    assert_eq!(Some(&saved), h.state().upgrade.plan().map(|p| &p.design));
    assert_eq!(
        h.state().doc.design(),
        &before,
        "the open design is unchanged"
    );

    // An edit after the preview: the preview stays, but cannot be applied as it was.
    let first_cable = before.cables[0].id.clone();
    h.state_mut().selection = vec![first_cable];
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_ne!(h.state().doc.design(), &before, "the cable was deleted");
    assert!(h
        .query_by_label_contains("The design changed since this preview")
        .is_some());
    let edited = h.state().doc.design().clone();
    h.state_mut().apply_upgrade();
    h.run();
    assert_eq!(h.state().doc.design(), &edited);
}

#[test]
fn review_mode_shows_the_application_matrix_of_every_link() {
    let d = hall();
    let mut h = window(d, ScriptedDialogs::default());
    h.run();
    h.state_mut().set_review(true);
    h.run();
    h.get_by_label("Applications").click();
    h.step();
    // Worked out on a worker thread: frames until the table shows.
    for _ in 0..600 {
        if h.query_by_label("400GBASE-SR4.2").is_some() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    // A column per application of the table, a row per link and trunk.
    h.get_by_label("400GBASE-SR4.2");
    assert!(h.query_all_by_label_contains("(via ").count() > 0);
}

#[test]
fn the_inspector_shows_what_the_selected_port_s_link_can_carry() {
    let d = fiberplan_io::load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    let mut h = window(d, ScriptedDialogs::default());
    h.run();
    h.state_mut().selected_port = Some(fiberplan_model::PortRef::front("SRV01", 1));
    h.run();
    h.get_by_label("Applications this link can carry").click();
    h.run();
    h.run();
    h.get_by_label("After a change");
    // The 25G duplex link carries 10GBASE-SR as patched; 100GBASE-SR4 only after the
    // patching change (MPO panels and cords), with its margin.
    assert!(h.query_all_by_label("cannot").count() > 0);
    assert!(h.query_all_by_label_contains("PASS +").count() >= 3);
}

#[test]
fn an_upgrade_of_the_selected_switch_rack_fans_ports_out_through_breakouts() {
    let mut h = window(hall(), ScriptedDialogs::default());
    h.run();
    h.state_mut().selection = vec![fiberplan_model::Id::from("A01")];
    h.run();
    open_upgrade(&mut h);
    assert_eq!(
        h.state().upgrade.links,
        fiberplan_app::app::UpgradeLinks::Selection
    );
    preview(&mut h);
    let plan = h.state().upgrade.plan().expect("a preview").clone();
    assert!(!plan.moved.is_empty());
    assert_eq!(plan.passing(), plan.moved.len());
    assert!(
        plan.added.iter().any(|p| p.contains("BRK-8F-4LC")),
        "{:?}",
        plan.added
    );
    h.get_by_label("Apply (one undo step)").click();
    h.run();
    assert!(check(h.state().doc.design(), &common::apps(), CheckMode::Review).passes());
}
