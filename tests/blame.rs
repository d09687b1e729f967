//! Blame (issue 13): for every failing channel whose fault lies in a part, the engine finds
//! the change that makes it pass without making another channel worse, and names the part.

mod common;

use common::{apps, check_draft, Duplex};
use fiberplan_edit::apply;
use fiberplan_edit::blame::fixes;
use fiberplan_engine::trace::{check, CheckMode, Verdict};
use fiberplan_io::load_design;
use fiberplan_model::*;
use std::path::Path;

/// Applies every fix found for `design` and returns the design after.
fn fixed(design: &Design) -> (Design, Vec<String>) {
    let report = check_draft(design);
    let found = fixes(design, &report, &apps());
    let mut d = design.clone();
    let mut said = Vec::new();
    for f in &found {
        assert!(!f.changes.is_empty(), "no fix for {}: {}", f.a, f.text());
        said.push(f.text());
        apply(&mut d, f.edit()).unwrap();
    }
    (d, said)
}

fn verdicts(d: &Design) -> Vec<(String, Option<String>, Verdict)> {
    check_draft(d)
        .channels()
        .iter()
        .map(|c| {
            (
                c.a.to_string(),
                c.b.as_ref().map(|b| b.to_string()),
                c.verdict,
            )
        })
        .collect()
}

#[test]
fn the_wrong_cord_of_a_method_b_channel_is_named_and_its_fix_passes() {
    let d = load_design(Path::new("saved_designs/method-b-wrong-cord-error.ron")).unwrap();
    let (after, said) = fixed(&d);
    assert_eq!(said, ["change CP2 to an A-to-B cord"]);
    assert!(check(&after, &apps(), CheckMode::Draft).passes());
}

/// One fault planted in a passing Method B channel, of each kind whose fault lies in a part.
fn planted() -> Vec<(&'static str, Design)> {
    let ok = Duplex::method_b();
    let mut v = vec![
        (
            "A-to-A near cord",
            Duplex {
                near_cord: DuplexPolarity::AA,
                ..ok.clone()
            }
            .build(),
        ),
        (
            "Type A far cassette",
            Duplex {
                far_cassette: CassettePolarity::A,
                ..ok.clone()
            }
            .build(),
        ),
        (
            "pinned trunk",
            Duplex {
                trunk_genders: [Gender::Pinned, Gender::Pinned],
                ..ok.clone()
            }
            .build(),
        ),
        (
            "APC trunk",
            Duplex {
                trunk_polish: Polish::APC,
                ..ok.clone()
            }
            .build(),
        ),
        (
            "OS2 trunk",
            Duplex {
                trunk_fiber: FiberType::OS2,
                ..ok.clone()
            }
            .build(),
        ),
    ];
    // An A-to-A far cord on its own.
    v.push((
        "A-to-A far cord",
        Duplex {
            far_cord: DuplexPolarity::AA,
            ..ok
        }
        .build(),
    ));
    v
}

#[test]
fn a_planted_fault_of_each_kind_is_fixed_and_no_channel_gets_worse() {
    let mut fixed_kinds = 0;
    for (fault, d) in planted() {
        if check_draft(&d).passes() {
            // Some swaps make another valid method (a Type A trunk between Type B cassettes
            // lands on another far port); only faults that fail need a fix.
            continue;
        }
        fixed_kinds += 1;
        let (after, said) = fixed(&d);
        let r = check_draft(&after);
        assert!(
            r.channels().iter().all(|c| c.verdict == Verdict::Pass),
            "{fault}: {said:?} left {:?}",
            verdicts(&after)
        );
        eprintln!("{fault}: {}", said.join("; "));
    }
    assert!(fixed_kinds >= 5, "only {fixed_kinds} planted faults failed");
}

#[test]
fn fixes_in_a_generated_hall_restore_every_planted_fault_without_worsening_another_channel() {
    let (hall, _) = fiberplan_generate::generate(fiberplan_generate::GenerateOptions {
        racks: 8,
        seed: 3,
        fault_percent: 5.0,
    });
    let before = verdicts(&hall);
    let report = check_draft(&hall);
    let found = fixes(&hall, &report, &apps());
    assert!(!found.is_empty(), "the hall has planted faults");
    let mut d = hall.clone();
    for f in found.iter().filter(|f| !f.changes.is_empty()) {
        apply(&mut d, f.edit()).unwrap();
    }
    let after = verdicts(&d);
    let unfixed = found.iter().filter(|f| f.changes.is_empty()).count();
    // Every channel is as good as before or better, and those fixed pass.
    for (b, a) in before.iter().zip(&after) {
        assert!(a.2 <= b.2, "{b:?} became {a:?}");
    }
    let failing_after = after.iter().filter(|c| c.2 == Verdict::Fail).count();
    assert!(
        failing_after <= unfixed,
        "{failing_after} still fail, {unfixed} had no fix"
    );
    eprintln!(
        "{} failing channels, {} fixed, {unfixed} without a fix",
        found.len(),
        found.len() - unfixed
    );
}

#[test]
fn one_click_applies_the_fix_as_one_undoable_step_and_the_channel_rechecks() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable as _;
    use fiberplan_app::dialogs::ScriptedDialogs;
    let broken = load_design(Path::new("saved_designs/method-b-wrong-cord-error.ron")).unwrap();
    let mut h = common::window::window(broken.clone(), ScriptedDialogs::default());
    h.run();
    assert!(!h.state().doc.report().passes());
    h.get_by_role_and_label(egui::Role::Button, "Fix: change CP2 to an A-to-B cord")
        .click();
    h.run();
    assert!(
        h.state().doc.report().passes(),
        "the channel passes after the fix"
    );
    assert!(
        h.query_by_role_and_label(egui::Role::Button, "Fix: change CP2 to an A-to-B cord")
            .is_none(),
        "no fix is offered for a passing channel"
    );
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Fix: change CP2 to an A-to-B cord")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.design(),
        &broken,
        "one undo takes the fix back"
    );
    // The inspector offers the same fix for the channel of a selected port.
    h.state_mut().selected_port = Some(PortRef::front("SW1", 1));
    h.run();
    let buttons = h
        .query_all_by_role_and_label(egui::Role::Button, "Fix: change CP2 to an A-to-B cord")
        .count();
    assert_eq!(buttons, 2, "in the findings list and in the inspector");
    // The trace drawing marks the cord to exchange, not only the plug where the light ended.
    h.get_by_label("10. CP2 (culprit: change CP2 to an A-to-B cord)");
}

#[test]
fn fix_all_of_this_kind_fixes_every_channel_with_the_same_fix_in_one_step() {
    use egui_kittest::kittest::Queryable as _;
    use fiberplan_app::dialogs::ScriptedDialogs;
    // Two Method B channels with the wrong far cord each.
    let one = Duplex {
        far_cord: DuplexPolarity::AA,
        ..Duplex::method_b()
    }
    .build();
    let mut two = one.clone();
    for mut c in one.cables.iter().cloned() {
        c.id = Id::from(format!("{}b", c.id));
        c.label = c.id.to_string();
        for end in c.ends.iter_mut().flatten() {
            end.part = Id::from(format!("{}b", end.part));
        }
        two.cables.push(c);
    }
    for mut m in one.modules.iter().cloned() {
        m.id = Id::from(format!("{}b", m.id));
        two.modules.push(m);
    }
    for mut e in one.equipment.iter().cloned() {
        e.id = Id::from(format!("{}b", e.id));
        two.equipment.push(e);
    }
    assert_eq!(check_draft(&two).channels().len(), 2);
    let mut h = common::window::window(two, ScriptedDialogs::default());
    h.run();
    h.get_by_label("Fix all 2 like this").click();
    h.run();
    assert!(h.state().doc.report().passes());
    assert_eq!(h.state().doc.history().depth(), 1, "one step");
}
