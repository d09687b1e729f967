//! Pull and push over NetBox's REST API, against a loopback NetBox that answers with the
//! responses a real NetBox 4.6 gave (`tests/common`).
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

mod common;

use common::{FakeNetbox, V1_TOKEN, V2_TOKEN};
use fiberplan_engine::catalog::Catalog;
use fiberplan_netbox::export::termination;
use fiberplan_netbox::pull::pull;
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
