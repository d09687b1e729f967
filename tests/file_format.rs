//! Format 3 of a design file (issue 18): every distinct part spec is written once in a
//! `specs` table that parts name, one part per line; format-2 files open as the same design
//! and are saved as format 3; a part naming a spec the table lacks is refused by name.

use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_io::{design_from_str, design_from_str_upgraded, design_to_string, open_design};
use fiberplan_model::*;
use std::path::Path;

fn hall(racks: u32) -> Design {
    generate(GenerateOptions {
        racks,
        seed: 1,
        fault_percent: 1.0,
    })
    .0
}

/// Format 2 as Fiberplan wrote it: each part with its whole spec.
fn as_format_2(design: &Design) -> String {
    let mut d = design.clone();
    d.format_version = 2;
    ron::ser::to_string_pretty(
        &d,
        ron::ser::PrettyConfig::new()
            .depth_limit(8)
            .indentor("  ".to_owned()),
    )
    .unwrap()
}

/// The distinct values of `items` (specs hold floats, so they are compared, not hashed).
fn distinct<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[test]
fn a_format_2_file_opens_as_the_same_design_and_says_what_changed() {
    for name in ["two-rack-leaf-servers.ron", "method-b-duplex.ron"] {
        let old = Path::new("tests/fixtures/format-2").join(name);
        let text = std::fs::read_to_string(&old).unwrap();
        assert!(text.contains("format_version: 2,"));
        let opened = open_design(&old).unwrap();
        assert_eq!(opened.upgraded.len(), 1, "{:?}", opened.upgraded);
        assert!(opened.upgraded[0].contains("specs table"));
        let current = open_design(&Path::new("saved_designs").join(name)).unwrap();
        assert!(current.upgraded.is_empty());
        assert_eq!(opened.design, current.design, "{name}");
        assert_eq!(opened.design.format_version, FORMAT_VERSION);
    }
}

#[test]
fn a_generated_hall_reads_back_the_same_from_format_2_and_format_3() {
    let d = hall(8);
    let (from_2, changes) = design_from_str_upgraded(&as_format_2(&d), Path::new("v2")).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(from_2, d);
    let text = design_to_string(&d).unwrap();
    let from_3 = design_from_str(&text, Path::new("v3")).unwrap();
    assert_eq!(from_3, d);
    // Saving what was read writes the same bytes: no drift from save to save.
    assert_eq!(design_to_string(&from_3).unwrap(), text);
}

#[test]
fn every_distinct_spec_is_written_once_and_the_file_is_several_times_smaller() {
    let d = hall(8);
    let text = design_to_string(&d).unwrap();
    // An entry is a spec as parts of one catalog number (or of none) carry it.
    let module_specs = distinct(
        d.modules
            .iter()
            .map(|m| (m.catalog.clone(), m.spec.clone())),
    );
    let cassettes = module_specs
        .iter()
        .filter(|(_, s)| matches!(s.kind, ModuleKind::Cassette(_)))
        .count();
    assert_eq!(text.matches("kind: Cassette(").count(), cassettes);
    // A cable's length stays on the cable, so cables of one type and many lengths share
    // one entry.
    let cable_types = distinct(d.cables.iter().map(|c| {
        let mut s = c.spec.clone();
        s.length_m = 0.0;
        (c.catalog.clone(), s)
    }));
    assert_eq!(text.matches("loss_class_db:").count(), cable_types.len());
    assert!(cable_types.len() < 10, "{}", cable_types.len());
    // One line per part.
    let parts =
        d.racks.len() + d.enclosures.len() + d.modules.len() + d.equipment.len() + d.cables.len();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("    (id: ")).count(),
        parts
    );
    let v2 = as_format_2(&d);
    assert!(
        text.len() * 4 < v2.len(),
        "format 3 is {} bytes, format 2 {}",
        text.len(),
        v2.len()
    );
}

#[test]
fn a_changed_spec_shows_as_one_new_table_entry_and_the_one_part_line_that_uses_it() {
    let d = hall(4);
    let before = design_to_string(&d).unwrap();
    let mut changed = d.clone();
    let trunk = changed
        .cables
        .iter_mut()
        .find(|c| matches!(c.spec.kind, CableKind::Trunk { .. }))
        .unwrap();
    let catalog = trunk.catalog.clone().unwrap();
    trunk.spec.kind = CableKind::Trunk {
        connector: Connector::Mpo12,
        polarity: ArrayPolarity::A,
    };
    let after = design_to_string(&changed).unwrap();
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let removed: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains(trunk_id(&d, &catalog)));
    // The part's line names the new entry; the entry itself is new.
    let renamed = format!("spec: \"{catalog} (2)\"");
    assert!(added.iter().any(|l| l.contains(&renamed)), "{added:?}");
    assert!(after.contains(&format!("\"{catalog} (2)\": (")));
    assert_eq!(design_from_str(&after, Path::new("x")).unwrap(), changed);
}

fn trunk_id<'a>(d: &'a Design, catalog: &str) -> &'a str {
    d.cables
        .iter()
        .find(|c| c.catalog.as_deref() == Some(catalog))
        .map(|c| c.id.as_str())
        .unwrap()
}

#[test]
fn every_per_part_field_survives_a_round_trip() {
    let mut d = design_from_str(fiberplan_io::EXAMPLE_DESIGN_RON, Path::new("example")).unwrap();
    // A label unlike the id, and an empty one.
    d.cables[0].label = "Trunk to row B".into();
    d.modules[0].label = String::new();
    // A part built to its catalog entry and then changed, beside a part whose catalog number
    // is the name the changed spec would take.
    d.cables[1].catalog = Some("X".into());
    d.cables[2].catalog = Some("X".into());
    d.cables[2].spec.loss_class_db = 0.5;
    d.cables[3].catalog = Some("X (2)".into());
    d.cables[3].spec.attenuation_db_per_km = Some(2.8);
    d.cables[4].catalog = None;
    d.cables[4].unconfirmed = vec!["polarity".into()];
    d.cables[4].ends[1] = None;
    d.modules[1].slot = None;
    d.equipment[0].mount = None;
    d.notes.push(Note {
        target: NoteTarget::Part(d.cables[0].id.clone()),
        author: "reviewer".into(),
        text: "check the \"label\", please".into(),
    });
    let text = design_to_string(&d).unwrap();
    let back = design_from_str(&text, Path::new("round-trip")).unwrap();
    assert_eq!(back, d);
    assert_eq!(design_to_string(&back).unwrap(), text);
}

#[test]
fn a_part_naming_a_spec_the_table_lacks_is_refused_with_the_part_and_the_name() {
    let sound = include_str!("../saved_designs/method-b-duplex.ron");
    let text = sound.replacen("spec: \"cable 2\"", "spec: \"cable 9\"", 1);
    assert_ne!(text, sound);
    let e = design_from_str(&text, Path::new("hall.ron")).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("hall.ron: "), "{msg}");
    assert!(msg.contains("cable CP1"), "{msg}");
    assert!(msg.contains("\"cable 9\""), "{msg}");
    assert!(msg.contains("specs.cables"), "{msg}");
}

#[test]
fn a_spec_name_defined_twice_is_refused_at_its_line() {
    let sound = include_str!("../saved_designs/method-b-duplex.ron");
    let text = sound.replacen("\"cable 2\": (", "\"cable 1\": (", 1);
    assert_ne!(text, sound);
    let e = design_from_str(&text, Path::new("hall.ron")).unwrap_err();
    assert!(e.message.contains("\"cable 1\" is defined twice"), "{e}");
    let second = text.match_indices("\"cable 1\": (").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    assert!(
        e.line.is_some_and(|l| l == line || l == line + 1),
        "{e} (the entry is on line {line})"
    );
}
