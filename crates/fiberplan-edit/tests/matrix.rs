//! Application matrix (issue 17): what each link carries today and after a change of its
//! patching layer, from the checks of `fiber-model.md` against the limits of
//! `applications.md`.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

use fiberplan_edit::matrix::{channel_row, design_matrix, Row};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_model::{CableKind, Design, FiberType};

fn hall(racks: u32) -> Design {
    generate(GenerateOptions {
        racks,
        seed: 1,
        fault_percent: 0.0,
    })
    .0
}

fn matrix(d: &Design) -> Vec<Row> {
    let apps = ApplicationTable::builtin();
    let r = check(d, &apps, CheckMode::Review);
    design_matrix(d, &r, &Catalog::builtin(), &apps)
}

fn cell<'a>(row: &'a Row, app: &str) -> &'a fiberplan_edit::matrix::Cell {
    row.cells.iter().find(|c| c.application == app).unwrap()
}

/// A 25GBASE-SR leaf link of the generated hall (Method B, OM4 trunk between cassettes).
fn leaf_row(rows: &[Row]) -> &Row {
    rows.iter()
        .find(|r| r.via.is_empty() && cell(r, "10GBASE-SR").today.carries())
        .unwrap()
}

#[test]
fn a_duplex_om4_link_carries_the_duplex_applications_today_and_sr4_only_after_a_change() {
    let rows = matrix(&hall(4));
    let row = leaf_row(&rows);
    // 10GBASE-SR on OM4: 400 m, 2.9 dB (applications.md): the link as it is carries it.
    let ten = cell(row, "10GBASE-SR");
    assert!(ten.today.carries(), "{ten:?}");
    assert!(ten.today.margin_db.unwrap() > 0.0);
    // 100GBASE-SR4 needs eight fibers on an MPO-12 port: the LC cords do not mate with it
    // today, and the planner's change (MPO panels and cords) carries it.
    let sr4 = cell(row, "100GBASE-SR4");
    assert!(!sr4.today.carries(), "{sr4:?}");
    assert!(sr4.today.why.is_some());
    assert!(sr4.after.carries(), "{sr4:?}");
    assert!(sr4.after.margin_db.is_some());
    // A singlemode application on multimode fiber is refused on its fiber type both ways.
    let lr = cell(row, "10GBASE-LR");
    assert!(!lr.today.carries() && !lr.after.carries(), "{lr:?}");
    // 400GBASE-SR8 needs 16 fibers; the MPO-12 trunk has 12.
    let sr8 = cell(row, "400GBASE-SR8");
    assert!(!sr8.after.carries());
    assert!(sr8.after.why.as_ref().unwrap().contains("16"), "{sr8:?}");
}

#[test]
fn a_long_om3_trunk_refuses_400g_sr4_2_on_reach_and_the_margin_follows_the_length() {
    let mut d = hall(2);
    // 400GBASE-SR4.2 reaches 70 m on OM3 (IEEE 802.3 clause 150).
    for c in &mut d.cables {
        if matches!(c.spec.kind, CableKind::Trunk { .. }) {
            c.spec.fiber = FiberType::OM3;
            c.spec.length_m = 90.0;
        }
    }
    let rows = matrix(&d);
    let row = leaf_row(&rows);
    let sr42 = cell(row, "400GBASE-SR4.2");
    assert!(!sr42.after.carries());
    assert!(
        sr42.after.why.as_ref().unwrap().contains("reach"),
        "{sr42:?}"
    );
    // The same link at 30 m carries it, with a margin.
    for c in &mut d.cables {
        if matches!(c.spec.kind, CableKind::Trunk { .. }) {
            c.spec.length_m = 30.0;
        }
    }
    let rows = matrix(&d);
    let short = cell(leaf_row(&rows), "400GBASE-SR4.2");
    assert!(short.after.carries(), "{short:?}");
}

#[test]
fn every_link_and_every_trunk_has_a_row_with_every_application() {
    let d = hall(2);
    let apps = ApplicationTable::builtin();
    let r = check(&d, &apps, CheckMode::Review);
    let rows = design_matrix(&d, &r, &Catalog::builtin(), &apps);
    let links = r.channels().iter().filter(|c| c.b.is_some()).count();
    let trunks = d
        .cables
        .iter()
        .filter(|c| matches!(c.spec.kind, CableKind::Trunk { .. }))
        .count();
    assert_eq!(rows.len(), links + trunks);
    for row in &rows {
        assert_eq!(row.cells.len(), apps.applications.len(), "{}", row.name);
    }
    // A trunk's row shows the first link on it.
    let trunk_rows = &rows[links..];
    // A trunk with no link on it (the hall's spare) says so in every cell.
    let lit = trunk_rows.iter().filter(|t| !t.via.is_empty()).count();
    assert!(
        lit * 10 >= trunk_rows.len() * 9,
        "{lit} of {}",
        trunk_rows.len()
    );
    for dark in trunk_rows.iter().filter(|t| t.via.is_empty()) {
        assert!(dark.cells.iter().all(|c| c
            .today
            .why
            .as_deref()
            .is_some_and(|w| w.contains("no link is patched"))));
    }
}

#[test]
fn links_built_alike_get_the_answer_a_link_alone_gets() {
    let d = hall(2);
    let apps = ApplicationTable::builtin();
    let r = check(&d, &apps, CheckMode::Review);
    let rows = design_matrix(&d, &r, &Catalog::builtin(), &apps);
    // Every link checked on its own gives the row the whole-design matrix gave it.
    for (c, row) in r.channels().iter().filter(|c| c.b.is_some()).zip(&rows) {
        let alone = channel_row(&d, &r, &Catalog::builtin(), &apps, c).unwrap();
        assert_eq!(&alone, row);
    }
}
