//! Every example in `saved_designs/` opens and passes or fails as its name says: a name
//! ending in `-error.ron` must fail the check (with the rule it is named for), every other
//! must pass with no finding at all.

mod common;

use common::*;
use fiberplan_engine::trace::{check, CheckMode, Rule, Severity};
use fiberplan_io::{design_from_str, load_design, save_design, EXAMPLE_DESIGN_RON};
use std::path::{Path, PathBuf};

fn designs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("saved_designs")
        .expect("saved_designs/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

/// The rule each failing example is named for.
fn expected_rule(name: &str) -> Rule {
    match name {
        "method-a-wrong-cord-error.ron"
        | "method-b-wrong-cord-error.ron"
        | "method-c-wrong-cord-error.ron" => Rule::Polarity,
        "gender-pinned-trunk-error.ron" => Rule::Gender,
        "loss-budget-error.ron" => Rule::Loss,
        "mixed-singlemode-multimode-error.ron" => Rule::FiberType,
        other => panic!("no expectation for {other}: add one here"),
    }
}

#[test]
fn every_saved_design_passes_or_fails_as_named() {
    let all = designs();
    assert!(all.len() >= 12, "examples missing: {all:?}");
    for path in all {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let design = load_design(&path).unwrap_or_else(|e| panic!("{e}"));
        let r = check(&design, &apps(), CheckMode::Review);
        if name.ends_with("-error.ron") {
            let rule = expected_rule(&name);
            assert!(!r.passes(), "{name} should fail");
            let errors: Vec<Rule> = r
                .findings()
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.rule)
                .collect();
            assert!(
                errors.iter().all(|&x| x == rule),
                "{name}: expected only {rule} errors, got {errors:?}"
            );
        } else {
            assert!(
                r.findings().is_empty(),
                "{name} should pass: {:#?}",
                r.findings()
            );
            assert!(!r.channels().is_empty(), "{name} has no channel");
        }
    }
}

#[test]
fn two_rack_example_has_24_passing_duplex_channels() {
    let d = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
    assert_eq!(d.racks.len(), 2);
    let r = check(&d, &apps(), CheckMode::Review);
    assert_eq!(r.channels().len(), 24);
    for c in &r.channels() {
        assert_eq!(c.applications, vec!["25GBASE-SR".to_string()]);
        let b = c.budget.as_ref().expect("budget");
        assert!(b.margin_db() > 0.0);
    }
}

#[test]
fn embedded_example_is_the_two_rack_design() {
    let embedded = design_from_str(EXAMPLE_DESIGN_RON, Path::new("embedded")).unwrap();
    let file = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
    assert_eq!(embedded, file);
}

#[test]
fn save_then_load_is_identity_for_every_example() {
    let dir = std::env::temp_dir().join(format!("fiberplan-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for path in designs() {
        let d = load_design(&path).unwrap();
        let out = dir.join(path.file_name().unwrap());
        save_design(&d, &out).unwrap();
        assert_eq!(load_design(&out).unwrap(), d, "{}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn newer_format_version_is_refused_with_a_clear_message() {
    let text = EXAMPLE_DESIGN_RON.replacen("format_version: 3", "format_version: 99", 1);
    let e = design_from_str(&text, Path::new("new.ron")).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("new.ron: "), "{msg}");
    assert!(msg.contains("version 99"), "{msg}");
}

#[test]
fn invalid_ron_names_file_line_and_column() {
    let text = "(\n  format_version: 1,\n  name: \"x\",\n  racks: [ (id: 5) ],\n)";
    let e = design_from_str(text, Path::new("bad.ron")).unwrap_err();
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.column.is_some());
    assert!(e.to_string().starts_with("bad.ron:4:"), "{e}");
}
