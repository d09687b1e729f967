//! Pull and push over NetBox's REST API, against a loopback NetBox that answers with the
//! responses a real NetBox 4.6 gave (`tests/common`).
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

mod common;

use common::{digest, FakeNetbox, V1_TOKEN, V2_TOKEN};
use fiberplan_engine::catalog::Catalog;
use fiberplan_netbox::export::{plan, termination};
use fiberplan_netbox::pull::pull;
use fiberplan_netbox::push::{push, Action};
use fiberplan_netbox::rest::{authorization, Client, RestError};
use serde_json::Value;
use std::path::Path;

fn client(nb: &FakeNetbox) -> Client {
    Client::new(&nb.url, &authorization(V2_TOKEN).unwrap())
}

fn summary() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rest/summary.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_pull_of_the_recorded_site_gives_its_racks_devices_modules_and_cables() {
    let nb = FakeNetbox::recorded();
    let pulled = pull(&client(&nb), "DH1", &Catalog::builtin()).unwrap();
    let d = &pulled.design;
    let counts = &summary()["counts"];
    assert_eq!(d.racks.len() as u64, counts["racks"].as_u64().unwrap());
    assert_eq!(
        (d.enclosures.len() + d.equipment.len()) as u64,
        counts["devices"].as_u64().unwrap()
    );
    assert_eq!(d.modules.len() as u64, counts["modules"].as_u64().unwrap());
    // Every cable, with both ends on the ports NetBox names.
    let cables = summary()["cables"].as_object().unwrap().clone();
    assert_eq!(d.cables.len(), cables.len(), "{:#?}", pulled.unmapped);
    for (label, c) in &cables {
        let ours = d.cables.iter().find(|x| &x.label == label).unwrap();
        let names: Vec<String> = ours
            .ends
            .iter()
            .flatten()
            .map(|p| termination(d, p).unwrap().to_string())
            .collect();
        let theirs: Vec<String> = c["a"]
            .as_array()
            .unwrap()
            .iter()
            .chain(c["b"].as_array().unwrap())
            .map(|x| x.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names, theirs, "{label}");
        assert!((ours.spec.length_m - c["length"].as_f64().unwrap()).abs() < 1e-9);
    }
    // NetBox states no polarity or gender: those parts are unconfirmed, never passed.
    let cassette = d
        .modules
        .iter()
        .find(|m| m.catalog.as_deref() == Some("OC-CAS-12LC-MPO12-B"))
        .unwrap();
    assert!(cassette.unconfirmed.contains(&"polarity type".to_owned()));
    let trunk = d.cables.iter().find(|c| c.label == "DH1-T001").unwrap();
    assert!(trunk.unconfirmed.contains(&"polarity type".to_owned()));
}

#[test]
fn a_pull_follows_every_page_of_a_long_list() {
    let nb = FakeNetbox::recorded();
    let c = client(&nb);
    // 82 interface templates come in pages of 50.
    let all = c.list("interface-templates", "").unwrap();
    assert_eq!(all.len(), 82);
    let log = nb.state.lock().unwrap().log.clone();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[1].path.contains("offset=50"), "{log:?}");
}

#[test]
fn both_token_forms_work_and_a_wrong_token_says_what_netbox_said() {
    let nb = FakeNetbox::recorded();
    for token in [V2_TOKEN, V1_TOKEN] {
        let c = Client::new(&nb.url, &authorization(token).unwrap());
        assert_eq!(c.list("sites", "").unwrap().len(), 1, "{token}");
    }
    assert_eq!(
        authorization(V2_TOKEN).unwrap(),
        format!("Bearer {V2_TOKEN}")
    );
    assert_eq!(
        authorization(V1_TOKEN).unwrap(),
        format!("Token {V1_TOKEN}")
    );
    assert_eq!(authorization("  \n"), None);
    let wrong = Client::new(&nb.url, &authorization("nbt_AAAAAAAAAAAA.BBBB").unwrap());
    match wrong.list("sites", "") {
        Err(RestError::Status { status, detail, .. }) => {
            assert_eq!(status, 403);
            assert_eq!(detail, "Invalid v2 token");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pull_of_a_site_netbox_does_not_have_is_an_error_naming_it() {
    let nb = FakeNetbox::recorded();
    let e = pull(&client(&nb), "DH9", &Catalog::builtin())
        .err()
        .unwrap();
    assert!(e.to_string().contains("\"DH9\""), "{e}");
}

#[test]
fn an_unreachable_netbox_is_an_error_naming_the_request() {
    let c = Client::new("http://127.0.0.1:9", "Token x");
    let e = c.list("sites", "").unwrap_err();
    assert!(matches!(e, RestError::Transport { .. }), "{e}");
    assert!(e.to_string().contains("/api/dcim/sites/"), "{e}");
}

fn example() -> fiberplan_model::Design {
    fiberplan_io::design_from_str(fiberplan_io::EXAMPLE_DESIGN_RON, Path::new("example.ron"))
        .unwrap()
}

#[test]
fn a_push_into_an_empty_netbox_then_a_pull_gives_back_the_design() {
    let nb = FakeNetbox::empty();
    let d = example();
    let plan = plan(&d);
    let done = push(&client(&nb), &plan, false).unwrap();
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);
    assert!(done.steps.iter().all(|s| s.action == Action::Create));
    assert_eq!(
        done.steps.iter().filter(|s| s.kind == "cable").count(),
        d.cables.len()
    );
    // Ports were made from the types, one position per strand, and the cables landed on them.
    let cassette_rear = nb
        .list("rear-ports")
        .into_iter()
        .find(|p| p["name"].as_str().unwrap().ends_with("-MPO"))
        .unwrap();
    assert_eq!(cassette_rear["positions"], 12);
    let site = d.racks[0].site.clone();
    let site = if site.is_empty() {
        "Fiberplan".to_owned()
    } else {
        site
    };
    let back = pull(&client(&nb), &site, &Catalog::builtin()).unwrap();
    assert!(back.unmapped.is_empty(), "{:?}", back.unmapped);
    assert_eq!(digest(&back.design), digest(&d));
}

#[test]
fn a_second_push_changes_nothing_and_a_dry_run_writes_nothing() {
    let nb = FakeNetbox::empty();
    let plan = plan(&example());
    let dry = push(&client(&nb), &plan, true).unwrap();
    assert!(nb.writes().is_empty(), "{:?}", nb.writes());
    let first = push(&client(&nb), &plan, false).unwrap();
    // The dry run listed every object the push made.
    assert_eq!(
        dry.steps
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        first
            .steps
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    nb.clear_log();
    let second = push(&client(&nb), &plan, false).unwrap();
    assert!(second.steps.is_empty(), "{:?}", second.steps);
    assert!(nb.writes().is_empty(), "{:?}", nb.writes());
}

#[test]
fn a_cable_whose_ends_changed_is_replaced_and_one_whose_length_changed_is_updated() {
    let nb = FakeNetbox::empty();
    let mut d = example();
    push(&client(&nb), &plan(&d), false).unwrap();
    // Swap the cassette ends of two patch cords, and make a trunk longer.
    let cords: Vec<usize> = (0..d.cables.len())
        .filter(|&i| {
            matches!(
                d.cables[i].spec.kind,
                fiberplan_model::CableKind::LcCord { .. }
            )
        })
        .take(2)
        .collect();
    let on_module = |c: &fiberplan_model::Cable| {
        c.ends
            .iter()
            .position(|e| {
                e.as_ref()
                    .is_some_and(|p| d.modules.iter().any(|m| m.id == p.part))
            })
            .unwrap()
    };
    let (i, j) = (cords[0], cords[1]);
    let (ei, ej) = (on_module(&d.cables[i]), on_module(&d.cables[j]));
    let (pi, pj) = (d.cables[i].ends[ei].clone(), d.cables[j].ends[ej].clone());
    d.cables[i].ends[ei] = pj.clone();
    d.cables[j].ends[ej] = pi;
    let free = pj.unwrap();
    let moved = i;
    let longer = (0..d.cables.len())
        .find(|&k| {
            matches!(
                d.cables[k].spec.kind,
                fiberplan_model::CableKind::Trunk { .. }
            )
        })
        .unwrap();
    d.cables[longer].spec.length_m += 1.0;
    nb.clear_log();
    let done = push(&client(&nb), &plan(&d), false).unwrap();
    let lines: Vec<String> = done.steps.iter().map(ToString::to_string).collect();
    assert_eq!(done.steps.len(), 3, "{lines:?}");
    for k in [i, j] {
        assert!(
            done.steps
                .iter()
                .any(|s| s.action == Action::Replace && s.object == d.cables[k].label),
            "{lines:?}"
        );
    }
    assert!(
        done.steps.iter().any(|s| s.action == Action::Update
            && s.object == d.cables[longer].label
            && s.detail == "length"),
        "{lines:?}"
    );
    let writes = nb.writes();
    assert_eq!(
        writes.iter().filter(|w| w.method == "DELETE").count(),
        2,
        "{writes:?}"
    );
    assert!(writes.iter().any(|w| w.method == "PATCH"), "{writes:?}");
    // NetBox now has the cable on its new port.
    let new_port = termination(&d, &free).unwrap();
    let cable = nb
        .list("cables")
        .into_iter()
        .find(|c| c["label"] == d.cables[moved].label.as_str())
        .unwrap();
    let names: Vec<String> = ["a_terminations", "b_terminations"]
        .iter()
        .flat_map(|k| cable[*k].as_array().unwrap().clone())
        .map(|t| t["object"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&new_port.name), "{names:?}");
}

#[test]
fn a_refusal_names_the_object_and_says_what_was_already_written() {
    let nb = FakeNetbox::empty();
    let mut d = example();
    push(&client(&nb), &plan(&d), false).unwrap();
    // A cable under a new label on ports NetBox already has cabled: NetBox refuses it.
    let last = d.cables.len() - 1;
    d.cables[last].label = "RELABELLED".into();
    d.racks[0].height_u = 45;
    let e = push(&client(&nb), &plan(&d), false).unwrap_err();
    assert_eq!(e.kind, "cable");
    assert_eq!(e.object, "RELABELLED");
    assert!(e.to_string().contains("already connected"), "{e}");
    // The rack's new height was written before: the error says so.
    assert!(e.done.iter().any(|s| s.kind == "rack"), "{:?}", e.done);
}

#[test]
fn a_wrong_token_stops_the_push_before_anything_is_written() {
    let nb = FakeNetbox::empty();
    let c = Client::new(&nb.url, "Token 0000000000000000000000000000000000000000");
    let e = push(&c, &plan(&example()), false).unwrap_err();
    assert!(e.to_string().contains("Invalid v1 token"), "{e}");
    assert!(e.done.is_empty());
    assert!(nb.writes().is_empty());
}

#[test]
fn a_breakout_goes_through_the_api_with_a_termination_per_leg_and_comes_back() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../saved_designs/sr4-breakout-4x25g.ron");
    let d = fiberplan_io::design_from_str(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    let breakout = d.cables.iter().find(|c| c.ends.len() > 2).unwrap();
    let nb = FakeNetbox::empty();
    push(&client(&nb), &plan(&d), false).unwrap();
    let sent = nb
        .list("cables")
        .into_iter()
        .find(|c| c["label"] == breakout.label.as_str())
        .unwrap();
    assert_eq!(sent["a_terminations"].as_array().unwrap().len(), 1);
    assert_eq!(sent["b_terminations"].as_array().unwrap().len(), 4);
    assert_eq!(sent["profile"]["value"], "breakout-1c4p-4c1p");
    let back = pull(&client(&nb), "Fiberplan", &Catalog::builtin()).unwrap();
    assert!(back.unmapped.is_empty(), "{:?}", back.unmapped);
    let names = |d: &fiberplan_model::Design, c: &fiberplan_model::Cable| -> Vec<String> {
        c.ends
            .iter()
            .flatten()
            .map(|p| termination(d, p).unwrap().to_string())
            .collect()
    };
    let pulled = back
        .design
        .cables
        .iter()
        .find(|c| c.label == breakout.label)
        .unwrap();
    assert_eq!(names(&back.design, pulled), names(&d, breakout));
    assert_eq!(pulled.spec, breakout.spec);
    assert_eq!(digest(&back.design), digest(&d));
}

#[test]
fn the_pulled_site_reads_as_method_b_unverified_and_shows_where_netbox_traces_straight() {
    use fiberplan_engine::catalog::ApplicationTable;
    use fiberplan_engine::trace::{check, CheckMode, Verdict};
    let nb = FakeNetbox::recorded();
    let pulled = pull(&client(&nb), "DH1", &Catalog::builtin()).unwrap();
    let d = &pulled.design;
    let r = check(d, &ApplicationTable::builtin(), CheckMode::Review);
    let leaf = |name: &str, port: &str| {
        let e = d.equipment.iter().find(|e| e.label == name).unwrap();
        let n = (1..=e.spec.port_count() as u16)
            .find(|&n| e.spec.port(n).unwrap().1 == port)
            .unwrap();
        fiberplan_model::PortRef::front(e.id.as_str(), n)
    };
    let from = leaf("dh1-a01-leaf1", "Ethernet2");
    let c = r
        .channels()
        .iter()
        .find(|c| c.a == from || c.b.as_ref() == Some(&from))
        .unwrap();
    // Nothing NetBox says makes it fail, and nothing it says confirms it: unverified.
    assert_eq!(c.verdict, Verdict::Warning);
    // NetBox traces Ethernet2 to Ethernet2 (every profile is straight); the light through a
    // Type B trunk reaches LC5 at the far cassette, so Ethernet5: the gap netbox-gaps.md names.
    let trace = summary()["traces"]["dh1-a01-leaf1:Ethernet2"].clone();
    assert!(
        trace.to_string().contains("dh1-a02-leaf2:Ethernet2"),
        "{trace}"
    );
    let far = if c.a == from {
        c.b.clone()
    } else {
        Some(c.a.clone())
    };
    assert_eq!(far, Some(leaf("dh1-a02-leaf2", "Ethernet5")));
}

/// A cable whose profile changed is deleted and created again, not patched: NetBox keeps the
/// old profile's traces after a PATCH of the profile (issue 16).
#[test]
fn a_cable_whose_profile_changed_is_deleted_and_created_again() {
    let nb = FakeNetbox::empty();
    let d = example();
    let first = plan(&d);
    push(&client(&nb), &first, false).unwrap();
    let mut changed = first.clone();
    let k = changed
        .cables
        .iter()
        .position(|c| c.profile.is_some())
        .expect("a trunk with a profile");
    changed.cables[k].profile = None;
    let label = changed.cables[k].label.clone();
    nb.clear_log();
    let done = push(&client(&nb), &changed, false).unwrap();
    let lines: Vec<String> = done.steps.iter().map(ToString::to_string).collect();
    assert_eq!(done.steps.len(), 1, "{lines:?}");
    assert_eq!(done.steps[0].action, Action::Replace, "{lines:?}");
    assert_eq!(done.steps[0].object, label);
    let writes = nb.writes();
    assert_eq!(
        writes.iter().filter(|w| w.method == "DELETE").count(),
        1,
        "{writes:?}"
    );
    assert!(!writes.iter().any(|w| w.method == "PATCH"), "{writes:?}");
    let cable = nb
        .list("cables")
        .into_iter()
        .find(|c| c["label"] == label.as_str())
        .unwrap();
    assert!(
        cable["profile"].is_null() || cable["profile"]["value"].is_null(),
        "{cable}"
    );
}
