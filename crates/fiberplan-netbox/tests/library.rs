//! The device-type library a real NetBox 4.6 imported (recorded in `tests/fixtures/`, from
//! `shared/netbox/imports/`), read into catalog parts: one test per kind of part.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_engine::catalog::{CatalogEntry, PartTemplate};
use fiberplan_model::{CassetteSpec, Connector, LcPosition, ModuleKind, ModuleSpec, Side};
use fiberplan_netbox::library::{import, read_file, read_str, MODULE_BAY_FORMAT};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn one(path: &str) -> CatalogEntry {
    let mut entries = read_file(&fixture(path)).unwrap();
    assert_eq!(entries.len(), 1);
    entries.remove(0).unwrap()
}

/// The module and cassette spec of a catalog entry read as a cassette.
fn cassette(e: &CatalogEntry) -> (&ModuleSpec, &CassetteSpec) {
    let PartTemplate::Module(m) = &e.part else {
        panic!("{} is not a module", e.part_number)
    };
    let ModuleKind::Cassette(c) = &m.kind else {
        panic!("{} is not a cassette", e.part_number)
    };
    (m, c)
}

#[test]
fn a_leaf_switch_type_is_48_sfp28_ports_whose_optic_is_unconfirmed() {
    let e = one("03-device-types/an-5848y.yaml");
    assert_eq!(e.part_number, "AN-5848Y-F");
    let PartTemplate::Equipment(s) = &e.part else {
        panic!("{:?}", e.part)
    };
    assert_eq!(s.height_u, 1);
    assert_eq!(s.port_count(), 48);
    assert_eq!(s.ports[0].name_prefix, "Ethernet");
    assert_eq!(s.ports[0].transceiver.connector, Connector::LcDuplex);
    // NetBox names the form factor (SFP28), not the optic: the application is a default.
    assert!(e.unconfirmed.contains(&"optic application".to_owned()));
}

#[test]
fn an_enclosure_type_has_a_slot_for_each_module_bay() {
    let e = one("03-device-types/oc-fe1u-4.yaml");
    let PartTemplate::Enclosure(s) = &e.part else {
        panic!("{:?}", e.part)
    };
    assert_eq!((s.height_u, s.slots), (1, 4));
    assert_eq!(s.slot_format, MODULE_BAY_FORMAT);
}

#[test]
fn a_12f_cassette_maps_lc_k_onto_mpo_positions_2k_1_and_2k() {
    let e = one("04-module-types/oc-cas-12lc-mpo12-b.yaml");
    let (m, c) = cassette(&e);
    assert_eq!(c.connector, Connector::Mpo12);
    assert_eq!(m.ports(Side::Front).len(), 6);
    // The recorded mappings are the standard harness, so none is stored.
    assert_eq!(c.harness, None);
    assert_eq!(m.slot_format, MODULE_BAY_FORMAT);
    for field in ["polarity type", "MPO gender", "fiber grade", "MPO polish"] {
        assert!(e.unconfirmed.contains(&field.to_owned()), "{field}");
    }
    // lc-upc says the LC polish.
    assert!(!e.unconfirmed.contains(&"LC polish".to_owned()));
}

#[test]
fn a_24f_cassette_has_12_lc_ports_on_an_mpo_24() {
    let e = one("04-module-types/oc-cas-24lc-mpo24.yaml");
    let (m, c) = cassette(&e);
    assert_eq!(c.connector, Connector::Mpo24);
    assert_eq!(m.ports(Side::Front).len(), 12);
}

#[test]
fn an_mpo_panel_passes_six_mpo_12_ports_straight_through() {
    let e = one("04-module-types/oc-mpo12-6p.yaml");
    let PartTemplate::Module(m) = &e.part else {
        panic!()
    };
    let ModuleKind::AdapterPanel(p) = &m.kind else {
        panic!("{:?}", m.kind)
    };
    assert_eq!(p.ports, 6);
    assert_eq!(p.ferrule, Some(Connector::Mpo12));
    assert!(e
        .unconfirmed
        .contains(&"adapter key orientation".to_owned()));
}

#[test]
fn the_older_per_port_rear_form_gives_the_same_map_and_an_odd_map_is_kept_exactly() {
    // LC1 on positions 11-12 and LC2 on 1-2: not the standard harness, so it is stored.
    let yaml = "
manufacturer: X
model: ODD
rear-ports:
  - {name: MPO, type: mpo, positions: 12}
front-ports:
  - {name: LC1, type: lc-apc, positions: 2, rear_port: MPO, rear_port_position: 11}
  - {name: LC2, type: lc-apc, positions: 2, rear_port: MPO, rear_port_position: 1}
";
    let e = read_str(yaml, Path::new("odd.yaml"))
        .unwrap()
        .remove(0)
        .unwrap();
    let (_, c) = cassette(&e);
    let h = c.harness.as_ref().unwrap();
    let lc1_b = h
        .iter()
        .find(|f| f.front == 1 && f.lc == LcPosition::B)
        .unwrap();
    assert_eq!(lc1_b.position, 12);
    assert_eq!(c.lc_polish, fiberplan_model::Polish::APC, "lc-apc says APC");
}

#[test]
fn a_folder_imports_every_type_and_a_bad_file_names_itself() {
    let (catalog, skipped) =
        import(&[fixture("03-device-types"), fixture("04-module-types")]).unwrap();
    assert_eq!(catalog.entries.len(), 7, "{skipped:?}");
    assert!(skipped.is_empty());
    let e = read_str("manufacturer: X\nu_height: [", Path::new("broken.yaml")).unwrap_err();
    assert!(e.to_string().starts_with("broken.yaml:"), "{e}");
}

#[test]
fn the_types_a_design_uses_written_for_netbox_read_back_as_the_same_parts() {
    use fiberplan_io::{design_from_str, EXAMPLE_DESIGN_RON};
    let d = design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).unwrap();
    let (files, gaps) = fiberplan_netbox::types::types_yaml(&d);
    // Nothing is left out; what NetBox cannot hold is said for each type.
    assert!(gaps.iter().all(|g| g.put != "left out"), "{gaps:?}");
    // One file per kind of part: the enclosure, the leaf switch, the server, the cassette.
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.iter().any(|n| n.starts_with("module-types/")),
        "{names:?}"
    );
    for (name, text) in &files {
        let back = read_str(text, Path::new(name)).unwrap().remove(0).unwrap();
        let model = back.part_number.clone();
        // The design's part of that model.
        let part = d
            .modules
            .iter()
            .find(|m| m.catalog.as_deref() == Some(model.as_str()))
            .map(|m| PartTemplate::Module(m.spec.clone()))
            .or_else(|| {
                d.equipment
                    .iter()
                    .find(|e| e.catalog.as_deref() == Some(model.as_str()))
                    .map(|e| PartTemplate::Equipment(e.spec.clone()))
            })
            .or_else(|| {
                d.enclosures
                    .iter()
                    .find(|e| e.catalog.as_deref() == Some(model.as_str()))
                    .map(|e| PartTemplate::Enclosure(e.spec.clone()))
            })
            .unwrap();
        match (&part, &back.part) {
            (PartTemplate::Equipment(a), PartTemplate::Equipment(b)) => {
                assert_eq!(a.height_u, b.height_u, "{name}");
                assert_eq!(a.port_count(), b.port_count(), "{name}");
                assert_eq!(a.ports[0].name_prefix, b.ports[0].name_prefix, "{name}");
            }
            (PartTemplate::Enclosure(a), PartTemplate::Enclosure(b)) => {
                assert_eq!((a.height_u, a.slots), (b.height_u, b.slots), "{name}");
            }
            (PartTemplate::Module(a), PartTemplate::Module(b)) => {
                let (ModuleKind::Cassette(x), ModuleKind::Cassette(y)) = (&a.kind, &b.kind) else {
                    panic!("{name}: {b:?}")
                };
                assert_eq!(x.connector, y.connector, "{name}");
                assert_eq!(
                    x.harness_fibers(),
                    y.harness_fibers(),
                    "{name}: the same map"
                );
                assert_eq!(x.lc_polish, y.lc_polish, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_written_cassette_type_reads_like_the_recorded_library() {
    use fiberplan_io::{design_from_str, EXAMPLE_DESIGN_RON};
    let d = design_from_str(EXAMPLE_DESIGN_RON, Path::new("example.ron")).unwrap();
    let (files, _) = fiberplan_netbox::types::types_yaml(&d);
    let (_, cassette) = files
        .iter()
        .find(|(n, _)| n.starts_with("module-types/"))
        .unwrap();
    // The recorded 12F cassette's names, types and first mapping.
    for line in [
        "- name: S{module}-MPO",
        "  type: mpo",
        "  positions: 12",
        "- name: S{module}-LC1",
        "  type: lc-upc",
        "- front_port: S{module}-LC6",
        "  rear_port_position: 12",
    ] {
        assert!(cassette.contains(line), "{line:?} in\n{cassette}");
    }
    let (_, switch) = files
        .iter()
        .find(|(n, t)| n.starts_with("device-types/") && t.contains("interfaces"))
        .unwrap();
    assert!(
        switch.contains("u_height: 1\n") || switch.contains("u_height: 1.0\n"),
        "{switch}"
    );
    assert!(switch.contains("type: 25gbase-x-sfp28"), "{switch}");
}

#[test]
fn a_server_type_keeps_netbox_s_port_names_counted_from_zero() {
    let e = one("03-device-types/cs-1u-2x25g.yaml");
    let PartTemplate::Equipment(s) = &e.part else {
        panic!("{:?}", e.part)
    };
    assert_eq!((s.height_u, s.port_count()), (1, 2));
    assert_eq!(s.ports[0].name_prefix, "ens1f");
    assert_eq!(s.ports[0].first_number, 0, "ens1f0 is the first port");
    assert_eq!(s.ports[0].transceiver.connector, Connector::LcDuplex);
}

#[test]
fn a_spine_type_is_32_qsfp28_ports_on_mpo_12() {
    let e = one("03-device-types/an-7032c.yaml");
    let PartTemplate::Equipment(s) = &e.part else {
        panic!("{:?}", e.part)
    };
    assert_eq!(s.port_count(), 32);
    assert_eq!(s.ports[0].name_prefix, "Ethernet");
    assert_eq!(s.ports[0].first_number, 1);
    // A QSFP28 cage takes an MPO-12 parallel optic or a duplex one: which is unconfirmed.
    assert!(e.unconfirmed.contains(&"optic application".to_owned()));
}

/// The recorded 12F cassette written in the older form (each front port names its rear port
/// and first position) and in the 4.5+ `port-mappings` form gives the same part.
#[test]
fn the_per_port_rear_form_and_port_mappings_give_the_same_cassette() {
    let recorded = one("04-module-types/oc-cas-12lc-mpo12-b.yaml");
    let mut yaml = String::from(
        "manufacturer: OptiCab
model: OC-CAS-12LC-MPO12-B
part_number: OC-CAS-12B
description: '12F cassette (Type-B style): 6 x LC duplex front, 1 x MPO-12 rear'
rear-ports:
  - name: S{module}-MPO
    type: mpo
    positions: 12
front-ports:
",
    );
    for k in 1..=6 {
        yaml += &format!(
            "  - name: S{{module}}-LC{k}\n    type: lc-upc\n    positions: 2\n    rear_port: S{{module}}-MPO\n    rear_port_position: {}\n",
            2 * k - 1
        );
    }
    let older = read_str(&yaml, Path::new("older.yaml"))
        .unwrap()
        .remove(0)
        .unwrap();
    assert_eq!(older.part, recorded.part);
    assert_eq!(older.unconfirmed, recorded.unconfirmed);
}

/// The 24F cassette's recorded map is the standard one (LC k on MPO-24 positions 2k-1 and
/// 2k); the same file with LC1's two positions crossed is read as exactly that map.
#[test]
fn the_24f_cassette_map_is_read_position_by_position() {
    let recorded = one("04-module-types/oc-cas-24lc-mpo24.yaml");
    let (_, c) = cassette(&recorded);
    assert_eq!(c.harness, None, "the recorded map is the standard one");
    let text = std::fs::read_to_string(fixture("04-module-types/oc-cas-24lc-mpo24.yaml")).unwrap();
    // Cross LC1: its position 1 on MPO position 2 and its position 2 on MPO position 1.
    let crossed = text
        .replacen(
            "front_port_position: 1\n    rear_port: S{module}-MPO\n    rear_port_position: 1\n",
            "front_port_position: 1\n    rear_port: S{module}-MPO\n    rear_port_position: 2\n",
            1,
        )
        .replacen(
            "front_port_position: 2\n    rear_port: S{module}-MPO\n    rear_port_position: 2\n",
            "front_port_position: 2\n    rear_port: S{module}-MPO\n    rear_port_position: 1\n",
            1,
        );
    assert_ne!(crossed, text, "the fixture has LC1 on positions 1 and 2");
    let e = read_str(&crossed, Path::new("crossed.yaml"))
        .unwrap()
        .remove(0)
        .unwrap();
    let (_, c) = cassette(&e);
    let h = c
        .harness
        .as_ref()
        .expect("a map that is not the standard one is kept");
    let pos = |front: u16, lc: LcPosition| {
        h.iter()
            .find(|f| f.front == front && f.lc == lc)
            .map(|f| f.position)
    };
    assert_eq!(pos(1, LcPosition::A), Some(2));
    assert_eq!(pos(1, LcPosition::B), Some(1));
    assert_eq!(pos(12, LcPosition::A), Some(23));
    assert_eq!(pos(12, LcPosition::B), Some(24));
}
