//! The example designs exported as NetBox import files: the columns the recorded NetBox 4.6
//! import took (`tests/fixtures/imports/`, from `shared/netbox/imports/`), cable ends that name
//! ports the exported types really have, and what NetBox cannot hold listed in the gaps.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_io::design_from_str;
use fiberplan_model::{ArrayPolarity, CableKind, Design};
use fiberplan_netbox::export::{export, plan};
use fiberplan_netbox::library::{read_str, NetboxType};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn saved_designs() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("saved_designs")).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((
            path.display().to_string(),
            design_from_str(&text, &path).unwrap(),
        ));
    }
    assert!(out.len() >= 10);
    out
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

fn rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn every_csv_has_the_columns_of_the_recorded_import_in_its_order() {
    let recorded = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports");
    for (path, d) in saved_designs() {
        let files = export(&d);
        for name in [
            "01-manufacturers.csv",
            "02-device-roles.csv",
            "05-sites.csv",
            "06-racks.csv",
            "07-devices.csv",
            "08-modules.csv",
            "09-cables.csv",
        ] {
            let theirs = std::fs::read_to_string(recorded.join(name)).unwrap();
            let ours = file(&files, name);
            assert_eq!(ours.lines().next(), theirs.lines().next(), "{path}: {name}");
        }
        // In the order NetBox imports them, the gaps last.
        let names: Vec<&str> = files
            .iter()
            .map(|(n, _)| n.split('/').next().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{path}");
        assert_eq!(names.last(), Some(&"netbox-gaps.md"));
    }
}

/// The port names a device gets in NetBox: its type's interfaces and ports, and the ports of
/// each module in its bays with `{module}` replaced by the bay's position.
fn netbox_ports(files: &[(String, String)]) -> BTreeSet<(String, String, String)> {
    let types: BTreeMap<String, NetboxType> = files
        .iter()
        .filter(|(n, _)| n.ends_with(".yaml"))
        .map(|(_, text)| {
            let t: NetboxType = serde_yaml_ng::from_str(text).unwrap();
            (t.model.clone(), t)
        })
        .collect();
    let mut ports = BTreeSet::new();
    let mut bays: BTreeMap<(String, String), String> = BTreeMap::new();
    for d in rows(file(files, "07-devices.csv")) {
        let t = &types[&d["device_type"]];
        for i in &t.interfaces {
            ports.insert((d["name"].clone(), "dcim.interface".into(), i.name.clone()));
        }
        for b in &t.module_bays {
            bays.insert((d["name"].clone(), b.name.clone()), b.position.clone());
        }
    }
    for m in rows(file(files, "08-modules.csv")) {
        let t = &types[&m["module_type"]];
        let position = &bays[&(m["device"].clone(), m["module_bay"].clone())];
        for (kind, list) in [
            ("dcim.frontport", &t.front_ports),
            ("dcim.rearport", &t.rear_ports),
        ] {
            for p in list {
                ports.insert((
                    m["device"].clone(),
                    kind.into(),
                    p.name.replace("{module}", position),
                ));
            }
        }
    }
    ports
}

#[test]
fn every_cable_end_names_a_port_the_exported_types_give_its_device() {
    let mut cables = 0;
    for (path, d) in saved_designs() {
        let files = export(&d);
        let ports = netbox_ports(&files);
        for c in rows(file(&files, "09-cables.csv")) {
            for side in ["side_a", "side_b"] {
                let port = (
                    c[&format!("{side}_device")].clone(),
                    c[&format!("{side}_type")].clone(),
                    c[&format!("{side}_name")].clone(),
                );
                assert!(ports.contains(&port), "{path}: {}: {port:?}", c["label"]);
            }
            assert!(
                c["type"].starts_with("mmf-") || c["type"] == "smf-os2",
                "{path}: {c:?}"
            );
            assert_eq!(c["length_unit"], "m");
            assert!(c["length"].parse::<f64>().unwrap() > 0.0);
            cables += 1;
        }
    }
    assert!(cables > 50, "{cables}");
}

#[test]
fn the_example_exports_its_racks_devices_modules_and_cables() {
    let (_, d) = saved_designs()
        .into_iter()
        .find(|(p, _)| p.ends_with("two-rack-leaf-servers.ron"))
        .unwrap();
    let files = export(&d);
    let racks = rows(file(&files, "06-racks.csv"));
    assert_eq!(racks.len(), d.racks.len());
    for (row, rack) in racks.iter().zip(&d.racks) {
        assert_eq!(row["name"], rack.label);
        assert_eq!(row["u_height"], rack.height_u.to_string());
    }
    let devices = rows(file(&files, "07-devices.csv"));
    assert_eq!(devices.len(), d.enclosures.len() + d.equipment.len());
    for e in &d.equipment {
        let row = devices.iter().find(|r| r["name"] == e.label).unwrap();
        let mount = e.mount.as_ref().unwrap();
        assert_eq!(row["rack"], d.label_of(&mount.rack));
        assert_eq!(row["position"], mount.u.to_string());
        assert_eq!(row["face"], "front");
    }
    let modules = rows(file(&files, "08-modules.csv"));
    assert_eq!(modules.len(), d.modules.len());
    assert!(modules.iter().all(|m| m["module_bay"].starts_with("Slot ")));
    let cables = rows(file(&files, "09-cables.csv"));
    assert_eq!(cables.len(), d.cables.len());
    // A patch cord carries its two strands as positions, as the recorded patches do.
    let lc = cables
        .iter()
        .find(|c| c["side_a_type"] == "dcim.interface")
        .unwrap();
    assert_eq!(lc["profile"], "single-1c2p");
    assert!(lc["side_b_name"].starts_with('S') && lc["side_b_name"].contains("-LC"));
    // A trunk lands on the cassettes' rear MPO ports with the 12-position profile.
    let trunk = cables
        .iter()
        .find(|c| c["side_a_type"] == "dcim.rearport")
        .unwrap();
    assert_eq!(trunk["profile"], "single-1c12p");
    assert!(trunk["description"].contains("Type B"), "{trunk:?}");
}

#[test]
fn a_type_b_trunk_and_a_24_fiber_trunk_are_named_in_the_gaps() {
    for (path, d) in saved_designs() {
        let p = plan(&d);
        let gaps = file(&export(&d), "netbox-gaps.md").to_owned();
        for c in &d.cables {
            if let CableKind::Trunk {
                polarity: ArrayPolarity::B,
                ..
            } = c.spec.kind
            {
                let line = gaps
                    .lines()
                    .find(|l| l.starts_with(&format!("| {} | Type B", c.label)))
                    .unwrap_or_else(|| panic!("{path}: {}", c.label));
                assert!(line.contains("straight"), "{line}");
                assert!(line.contains("description"), "{line}");
            }
        }
        // Every module type says what of its part NetBox cannot hold.
        for t in &p.module_types {
            assert!(
                t.description
                    .as_deref()
                    .is_some_and(|s| s.starts_with("Fiberplan: ")),
                "{path}: {}",
                t.model
            );
            assert!(gaps.contains(&format!("| {} | ", t.model)), "{path}");
        }
    }
}

#[test]
fn a_breakout_goes_to_the_gaps_not_to_the_cable_csv() {
    let (path, d) = saved_designs()
        .into_iter()
        .find(|(p, _)| p.ends_with("sr4-breakout-4x25g.ron"))
        .unwrap();
    let breakout = d
        .cables
        .iter()
        .find(|c| matches!(c.spec.kind, CableKind::Breakout { .. }))
        .unwrap();
    let files = export(&d);
    let cables = rows(file(&files, "09-cables.csv"));
    assert!(
        cables.iter().all(|c| c["label"] != breakout.label),
        "{path}"
    );
    let p = plan(&d);
    let row = p.cables.iter().find(|c| c.label == breakout.label).unwrap();
    assert_eq!(row.a.len(), 1);
    assert_eq!(row.b.len(), breakout.spec.end_count() - 1);
    assert_eq!(row.profile.as_deref(), Some("breakout-1c4p-4c1p"));
    assert!(file(&files, "netbox-gaps.md")
        .contains(&format!("| {} | 4 terminations on side B", breakout.label)));
}

#[test]
fn the_exported_types_read_back_through_the_library_import() {
    for (path, d) in saved_designs() {
        for (name, text) in export(&d).iter().filter(|(n, _)| n.ends_with(".yaml")) {
            let entries = read_str(text, Path::new(name)).unwrap();
            assert_eq!(entries.len(), 1, "{path}: {name}");
            assert!(entries[0].is_ok(), "{path}: {name}: {:?}", entries[0]);
        }
    }
}
