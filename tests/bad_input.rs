//! Loading bad input (issue 5): every class of damage gives an error naming the file and the
//! line and column or the object, and what was expected; damage that is local opens the
//! rest with the broken items listed. Messages are asserted, not only the error.

use fiberplan_io::{design_from_str, load_design, open_design, LoadError, Opened};
use fiberplan_model::*;
use std::path::{Path, PathBuf};

const SOUND: &str = include_str!("../saved_designs/method-b-duplex.ron");

/// Writes `text` to a fresh file and returns its path (kept alive by the returned dir).
fn file(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("design.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The sound design with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    assert!(SOUND.contains(from), "{from:?} not in the fixture");
    SOUND.replacen(from, to, 1)
}

fn refused(text: &str) -> LoadError {
    let (_dir, path) = file(text.as_bytes());
    let e = open_design(&path).expect_err("refused");
    assert_eq!(e.path, path, "the error names the file");
    assert!(e.to_string().starts_with(&path.display().to_string()));
    e
}

fn damaged(text: &str) -> Opened {
    let (_dir, path) = file(text.as_bytes());
    let opened = open_design(&path).expect("the rest opens");
    assert!(!opened.problems.is_empty(), "damage found");
    // `load_design` (and so `fiberplan check`) refuses it with the same list.
    let e = load_design(&path).expect_err("load_design refuses damage");
    for p in &opened.problems {
        assert!(e.message.contains(&p.message), "{e}");
    }
    opened
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn the_sound_fixture_opens_without_problems() {
    let (_dir, path) = file(SOUND.as_bytes());
    let o = open_design(&path).unwrap();
    assert!(o.problems.is_empty());
    assert!(o.upgraded.is_empty());
}

#[test]
fn a_truncated_file_names_the_line_and_column_where_it_ends() {
    let cut = &SOUND[..SOUND.len() / 2];
    let e = refused(cut);
    // The error is where the text stops (on its last line, or the line of the open token).
    let last = cut.matches('\n').count() + 1;
    assert!(e.line.is_some_and(|l| l + 1 >= last && l <= last), "{e}");
    assert!(e.column.is_some());
    assert!(
        e.message
            .contains("the file ends early, it may be truncated"),
        "{e}"
    );
}

#[test]
fn invalid_ron_names_the_line_and_column() {
    let text = edited("(id: \"CP1\",", "(id: \"CP1\",,");
    let e = refused(&text);
    assert_eq!(e.line, Some(line_of(&text, "\"CP1\",,")));
    assert!(e.column.is_some(), "{e}");
}

#[test]
fn a_wrong_type_names_the_field_position_and_the_expected_type() {
    let text = edited("length_m: 30.0", "length_m: \"thirty\"");
    let e = refused(&text);
    assert_eq!(e.line, Some(line_of(&text, "\"thirty\"")));
    assert!(
        e.message.contains("Expected") || e.message.contains("expected"),
        "{e}"
    );
    assert!(
        e.message.contains("f64") || e.message.contains("float"),
        "{e}"
    );
}

#[test]
fn an_unknown_field_is_refused_with_its_name_and_the_fields_expected() {
    let text = edited("(id: \"T1\",", "(id: \"T1\", colour: \"aqua\",");
    let e = refused(&text);
    assert_eq!(e.line, Some(line_of(&text, "colour")));
    assert!(e.message.contains("colour"), "{e}");
    assert!(
        e.message.contains("label"),
        "lists the expected fields: {e}"
    );
}

#[test]
fn a_port_written_wrongly_names_the_expected_spelling() {
    let text = edited("Some(\"C1/R1\")", "Some(\"C1-R1\")");
    let e = refused(&text);
    assert_eq!(e.line, Some(line_of(&text, "C1-R1")));
    assert!(e.message.contains("expected a port such as"), "{e}");
    assert!(e.message.contains("\"C1-R1\""), "{e}");
}

#[test]
fn a_newer_format_is_refused_before_anything_is_read() {
    // The rest of the file is not even valid for this version: it must not matter.
    let text = edited(
        "format_version: 3,",
        "format_version: 99,\n  hologram: true,",
    );
    let e = refused(&text);
    assert!(e.message.contains("format version 99"), "{e}");
    assert!(e.message.contains("newer Fiberplan"), "{e}");
}

#[test]
fn a_file_that_is_not_utf8_names_the_line_and_column_of_the_bad_byte() {
    let mut bytes = SOUND.as_bytes().to_vec();
    let at = SOUND.find("TIA Method B").unwrap();
    bytes[at] = 0xff;
    let (_dir, path) = file(&bytes);
    let e = open_design(&path).unwrap_err();
    assert_eq!(e.line, Some(3));
    assert_eq!(e.column, Some(10));
    assert!(e.message.contains("not UTF-8"), "{e}");
}

#[test]
fn a_missing_file_names_the_os_error() {
    let e = open_design(Path::new("/nonexistent/fiberplan/design.ron")).unwrap_err();
    assert!(e.message.contains("cannot read the file"), "{e}");
}

#[test]
fn a_dangling_reference_is_listed_and_that_end_opens_unplugged() {
    let o = damaged(&edited("Some(\"C2/R1\")", "Some(\"C9/R1\")"));
    assert_eq!(o.problems.len(), 1);
    let p = &o.problems[0];
    assert_eq!(p.object, "cable T1");
    assert_eq!(
        p.message,
        "end 2 is plugged into C9/R1, but there is no module or equipment C9"
    );
    assert_eq!(p.repair, "that end opened unplugged");
    let t1 = o
        .design
        .cables
        .iter()
        .find(|c| c.id.as_str() == "T1")
        .unwrap();
    assert_eq!(t1.ends, vec![Some(PortRef::rear("C1", 1)), None]);
    // Everything else is there.
    assert_eq!(o.design.cables.len(), 3);
    assert_eq!(o.design.modules.len(), 2);
}

#[test]
fn a_port_number_the_part_does_not_have_is_listed() {
    let o = damaged(&edited("Some(\"C2/F6\")", "Some(\"C2/F60\")"));
    assert_eq!(o.problems[0].object, "cable CP2");
    assert_eq!(
        o.problems[0].message,
        "end 1 is plugged into C2/F60, but C2 has 6 front ports"
    );
}

#[test]
fn duplicate_ids_are_listed_and_the_second_part_is_renamed() {
    let o = damaged(&edited("(id: \"CP2\",", "(id: \"CP1\", label: \"CP2\","));
    assert_eq!(o.problems.len(), 1);
    let p = &o.problems[0];
    assert_eq!(p.object, "cable CP1");
    assert!(p.message.contains("already used"), "{p}");
    assert_eq!(p.repair, "opened as CP1~2");
    let ids: Vec<&str> = o.design.cables.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["T1", "CP1", "CP1~2"]);
}

#[test]
fn two_cables_in_one_port_are_listed_and_the_later_end_opens_unplugged() {
    let o = damaged(&edited("Some(\"C2/F6\")", "Some(\"C1/F1\")"));
    assert_eq!(o.problems.len(), 1);
    let p = &o.problems[0];
    assert_eq!(p.object, "cable CP2");
    assert_eq!(
        p.message,
        "end 1 is plugged into C1/F1, which cable CP1 end 2 already holds"
    );
    let cp2 = o
        .design
        .cables
        .iter()
        .find(|c| c.id.as_str() == "CP2")
        .unwrap();
    assert_eq!(cp2.ends[0], None);
}

#[test]
fn a_part_outside_its_rack_is_listed_and_opens_unmounted() {
    let o = damaged(&edited("(rack: \"A01\", u: 42)", "(rack: \"A01\", u: 47)"));
    let p = &o.problems[0];
    assert_eq!(p.object, "equipment SW1");
    assert_eq!(
        p.message,
        "at U47 with 1 U reaches U47, outside rack A01 (U1 to U42)"
    );
    assert_eq!(p.repair, "opened unmounted");
    let sw1 = o
        .design
        .equipment
        .iter()
        .find(|e| e.id.as_str() == "SW1")
        .unwrap();
    assert_eq!(sw1.mount, None);
}

#[test]
fn a_module_in_a_missing_enclosure_opens_unplaced() {
    let o = damaged(&edited("enclosure: \"A01-U40\"", "enclosure: \"A09-U40\""));
    assert_eq!(o.problems[0].object, "module C1");
    assert_eq!(
        o.problems[0].message,
        "in enclosure A09-U40, which does not exist"
    );
    assert_eq!(o.problems[0].repair, "opened unplaced");
}

#[test]
fn a_negative_length_is_listed_and_the_cable_left_out() {
    let o = damaged(&edited("length_m: 30.0", "length_m: -3.0"));
    let p = &o.problems[0];
    assert_eq!(p.object, "cable T1");
    assert_eq!(
        p.message,
        "length -3 m; expected a length from 0 to 100000 m"
    );
    assert_eq!(p.repair, "left out");
    assert!(o.design.cables.iter().all(|c| c.id.as_str() != "T1"));
}

#[test]
fn a_non_numeric_length_is_listed() {
    let o = damaged(&edited("length_m: 30.0", "length_m: NaN"));
    assert_eq!(
        o.problems[0].message,
        "length NaN m; expected a length from 0 to 100000 m"
    );
}

#[test]
fn ten_thousand_ports_are_listed_and_the_part_left_out() {
    let o = damaged(&edited("count: 1,", "count: 10000,"));
    let p = &o.problems[0];
    assert_eq!(p.object, "equipment SW1");
    assert_eq!(
        p.message,
        "1 U with 10000 ports; expected 1 to 60 U and at most 4096 ports"
    );
    // The cord that was plugged into it opens with that end unplugged.
    assert!(o
        .problems
        .iter()
        .any(|p| p.object == "cable CP1" && p.message.contains("no module or equipment SW1")));
}

#[test]
fn a_cable_whose_ends_do_not_match_its_kind_is_left_out() {
    let o = damaged(&edited(
        "[Some(\"C1/R1\"), Some(\"C2/R1\")]",
        "[Some(\"C1/R1\"), Some(\"C2/R1\"), None]",
    ));
    assert_eq!(o.problems[0].object, "cable T1");
    assert_eq!(
        o.problems[0].message,
        "3 ends placed for a cable with 2 ends; expected one entry (a port or None) per end"
    );
}

#[test]
fn text_that_is_no_design_at_all_is_refused_with_a_position() {
    for text in ["", "hello", "[1, 2, 3]", "(format_version: 2)", "\u{feff}"] {
        let e = design_from_str(text, Path::new("x.ron")).unwrap_err();
        assert!(e.line.is_some(), "{text:?}: {e}");
    }
}
