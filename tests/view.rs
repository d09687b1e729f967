//! Issue 14, driven through the window: find, zoom to the selection, zoom about the pointer,
//! a layout that does not move when something is selected, the faces shown, the loss budget
//! bar, findings grouped by rule, the status bar's counts, help and themes.

mod common;

use common::window::{click_at, on_canvas, window};
use egui::{Key, Modifiers, Rect};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_io::load_design;
use fiberplan_model::{Design, Id, PortRef};
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

/// The scene rect of a part's drawing on the front.
fn front_rect(h: &Harness<'_, FiberplanApp>, id: &str) -> Rect {
    let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
    layout.bbox_of(&[Id::from(id)]).unwrap()
}

#[test]
fn find_lists_matches_as_you_type_and_enter_selects_and_zooms_to_the_first() {
    let mut h = open(example());
    let before = h.state().canvas.scene_rect;
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find")
        .type_text("srv05");
    h.run();
    h.get_by_label("SRV05 (equipment)");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().selection, vec![Id::from("SRV05")]);
    assert!(!h.state().find.open, "Find closes on Enter");
    let view = h.state().canvas.scene_rect;
    let srv = front_rect(&h, "SRV05");
    assert!(view.contains_rect(srv), "{srv:?} in view {view:?}");
    assert!(
        view.width() < before.width(),
        "zoomed in: {view:?} from {before:?}"
    );
    // A port by its name on the device selects the port (and traces its channel).
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Find");
    field.type_text("/NIC2");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().selected_port.is_some(),
        "{:?}",
        h.state().find.query
    );
}

#[test]
fn f_zooms_to_the_selection_and_ctrl_0_fits_the_whole_design() {
    let mut h = open(example());
    let p = on_canvas(&h, "Equipment SRV01 front");
    click_at(&mut h, p);
    assert_eq!(h.state().selection, vec![Id::from("SRV01")]);
    h.key_press(Key::F);
    h.run();
    h.run();
    let view = h.state().canvas.scene_rect;
    let srv = front_rect(&h, "SRV01");
    assert!(view.contains_rect(srv));
    assert!(
        (view.center() - srv.center()).length() < 1.0,
        "centred on it"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    h.run();
    let all = fiberplan_app::layout::Layout::new(h.state().doc.design()).fit_bounds();
    let view = h.state().canvas.scene_rect;
    assert!(
        view.expand(1.0).contains_rect(all),
        "{all:?} fits in {view:?}"
    );
}

#[test]
fn ctrl_scroll_zooms_about_the_pointer() {
    let mut h = open(example());
    let p = on_canvas(&h, "Equipment SRV06 front");
    h.hover_at(p);
    h.run();
    let scene_point = h.state().canvas.to_global.inverse() * p;
    let scale = h.state().canvas.to_global.scaling;
    // What Ctrl+wheel and a pinch both give egui.
    h.event(egui::Event::Zoom(1.25));
    h.run();
    h.run();
    let t = h.state().canvas.to_global;
    assert!(
        t.scaling > scale * 1.2,
        "zoomed in: {} from {scale}",
        t.scaling
    );
    let still = t.inverse() * p;
    assert!(
        (still - scene_point).length() < 0.5,
        "the point under the pointer stays put: {still:?} vs {scene_point:?}"
    );
}

#[test]
fn selecting_never_moves_the_canvas() {
    let mut h = open(example());
    let before = h.state().canvas.to_global;
    let canvas = h.get_by_label("Canvas").rect();
    let p = on_canvas(&h, "Equipment SRV06 front");
    click_at(&mut h, p);
    h.run();
    assert_eq!(h.state().selection, vec![Id::from("SRV06")]);
    assert_eq!(h.state().canvas.to_global, before);
    // The inspector now shows a text field and the part's details; the canvas keeps its
    // place and size on screen.
    h.state_mut().selected_port = Some(PortRef::front("LEAF1", 1));
    h.run();
    h.run();
    assert_eq!(h.state().canvas.to_global, before);
    let after = h.get_by_label("Canvas").rect();
    let on_screen = |t: egui::emath::TSTransform, r: Rect| (t * r.min, t * r.max);
    assert_eq!(
        on_screen(h.state().canvas.to_global, after),
        on_screen(before, canvas),
        "the canvas keeps its left and right edges: the inspector keeps its width"
    );
    // Opening the inspector's widest section (the application matrix's grid) keeps them too.
    h.get_by_label("Applications this link can carry").click();
    h.run();
    h.run();
    h.get_by_label("After a change");
    let opened = h.get_by_label("Canvas").rect();
    assert_eq!(
        on_screen(h.state().canvas.to_global, opened),
        on_screen(before, canvas)
    );
}

#[test]
fn the_view_switch_shows_front_rear_or_both() {
    let mut h = open(example());
    h.get_by_label("Rear").click();
    h.run();
    h.run();
    assert!(h.query_by_label("Rack A01 front").is_none());
    h.get_by_label("Rack A01 rear");
    h.get_by_label("Front").click();
    h.run();
    h.run();
    h.get_by_label("Rack A01 front");
    assert!(h.query_by_label("Rack A01 rear").is_none());
    // With both, trunks run between rear elevations only: every trunk's ends are on rears.
    let layout = fiberplan_app::layout::Layout::new(h.state().doc.design());
    let rears: Vec<Rect> = layout.racks.iter().map(|r| r.rear).collect();
    for (c, drawn) in h.state().doc.design().cables.iter().zip(&layout.cables) {
        if c.label.starts_with("TRK") {
            for end in drawn.ends.iter().flatten() {
                assert!(
                    rears.iter().any(|r| r.expand(1.0).contains(*end)),
                    "{}",
                    c.label
                );
            }
        }
    }
}

#[test]
fn the_loss_budget_is_a_bar_in_db_with_the_limit_and_the_margin_written() {
    let d = load_design(Path::new("saved_designs/loss-budget-error.ron")).unwrap();
    let mut h = open(d);
    h.state_mut().selected_port = Some(PortRef::front("SW1", 1));
    h.run();
    h.get_by_label(
        "Loss budget, 25GBASE-SR on OM4: mated pairs 2.50 dB, splices 0.00 dB, fiber 0.30 dB; \
         2.80 dB of 1.90 dB, 0.90 dB over",
    );
    h.get_by_label("2.80 dB of 1.90 dB: 0.90 dB over the limit");
    h.get_by_label("limit 1.90 dB");
    // A drag across it changes nothing.
    let bar = h
        .get_by_label_contains("Loss budget, 25GBASE-SR on OM4: mated")
        .rect();
    let view = h.state().canvas.scene_rect;
    h.hover_at(bar.left_center());
    h.run();
    h.drag_at(bar.left_center());
    h.run();
    h.hover_at(bar.center());
    h.run();
    h.drop_at(bar.center());
    h.run();
    assert_eq!(h.state().canvas.scene_rect, view);
    h.get_by_label("2.80 dB of 1.90 dB: 0.90 dB over the limit");
}

#[test]
fn findings_are_grouped_by_rule_with_counts_and_filtered() {
    let d = load_design(Path::new("saved_designs/gender-pinned-trunk-error.ron")).unwrap();
    let mut h = open(d);
    let errors = h
        .state()
        .doc
        .report()
        .findings()
        .iter()
        .filter(|f| f.rule == fiberplan_engine::trace::Rule::Gender)
        .count();
    assert!(errors > 0);
    let s = if errors == 1 { "" } else { "s" };
    h.get_by_label(&format!(
        "gender: every MPO mating is one pinned and one unpinned plug — {errors} error{s}"
    ));
    // Typing a filter that matches nothing hides every finding.
    h.get_by_role_and_label(egui::Role::TextInput, "Filter")
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Filter")
        .type_text("no such part");
    h.run();
    h.get_by_label("No finding matches the filter.");
    // The status bar's warning count shows the warnings alone.
    h.state_mut().findings_filter.text.clear();
    h.state_mut().findings_open = false;
    h.run();
    h.get_by_label_contains(" warnings").click();
    h.run();
    assert!(h.state().findings_open);
    assert!(!h.state().findings_filter.errors);
    assert!(h.state().findings_filter.warnings);
}

#[test]
fn f1_opens_help_with_the_legend_the_rules_and_the_shortcuts() {
    let mut h = open(example());
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Legend");
    h.get_by_label("Rules checked");
    for rule in fiberplan_engine::trace::Rule::ALL {
        h.get_by_label(rule.summary());
    }
    for (_, what) in fiberplan_app::app::SHORTCUTS {
        h.get_by_label(what);
    }
}

#[test]
fn the_light_theme_is_a_light_window() {
    let mut h = open(example());
    let ctx = h.ctx.clone();
    h.state_mut().set_theme(&ctx, fiberplan_app::Theme::Light);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    h.state_mut().set_theme(&ctx, fiberplan_app::Theme::Dark);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn the_minimap_shows_a_design_larger_than_the_view_and_a_click_moves_the_view_there() {
    let mut h = open(example());
    // The window opens on the fronts: the rears are off to the right, in the minimap.
    let map = h.get_by_label("Minimap").rect();
    let before = h.state().canvas.scene_rect;
    click_at(&mut h, map.right_center() - egui::vec2(6.0, 0.0));
    h.run();
    let after = h.state().canvas.scene_rect;
    assert!(
        after.center().x > before.center().x + 100.0,
        "{before:?} -> {after:?}"
    );
    assert!((after.size() - before.size()).length() < 0.01, "same zoom");
    // Once the whole design is in view there is no minimap.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    h.run();
    assert!(h.query_by_label("Minimap").is_none());
}
