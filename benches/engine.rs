//! The engine at data-hall scale (issue 6), on `fiberplan generate --racks 200 --seed 1`
//! (20,400 channels, 124,800 fiber strands): load and save, full trace and check, and the
//! re-check after one edit. Throughput is in fiber strands of the design per second: after
//! an edit, that is the design's fibers kept checked per second.
//!
//! Run with `cargo bench --bench engine`.

// criterion_group! and criterion_main! define undocumented functions.
#![allow(missing_docs)]

mod common;

use common::{flip_first_cord, hall};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fiberplan_edit::blame::{fixes, Blame};
use fiberplan_edit::{apply, Document, Edit};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_io::{open_design, save_design};
use std::time::Duration;

fn files(c: &mut Criterion) {
    let (design, strands) = hall();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hall.ron");
    save_design(&design, &path).expect("save");
    let mut g = c.benchmark_group("files_200_racks");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(strands));
    g.bench_function("load", |b| {
        b.iter(|| open_design(&path).expect("load"));
    });
    g.bench_function("save", |b| {
        b.iter(|| save_design(&design, &path).expect("save"));
    });
    g.finish();
}

fn checks(c: &mut Criterion) {
    let (design, strands) = hall();
    let apps = ApplicationTable::builtin();
    let mut g = c.benchmark_group("check_200_racks");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(strands));
    g.bench_function("full_trace_and_check", |b| {
        b.iter(|| check(&design, &apps, CheckMode::Review));
    });
    // Blame: a fix for every channel the hall's 1% of planted faults fail (issue 13's target:
    // under 1 s for all of them).
    let report = check(&design, &apps, CheckMode::Review);
    let catalog = Catalog::builtin();
    g.bench_function("fixes_for_every_failing_channel", |b| {
        b.iter(|| fixes(&design, &report, &apps, &catalog));
    });
    // The window after one fix: only the pieces the fix touched are searched again.
    g.bench_function("blame_again_after_one_fix", |b| {
        let mut cache = fiberplan_edit::blame::BlameCache::default();
        let first = cache.blame(&design, &report, &apps, &catalog);
        let fix = first
            .fixes
            .first()
            .map(|f| f.edit())
            .unwrap_or(Edit::Batch(Vec::new()));
        let mut fixed = design.clone();
        let touched = fix.touched();
        let _ = apply(&mut fixed, fix);
        let mut after = report.clone();
        after.update(&fixed, &apps, &touched);
        b.iter(|| {
            // Each iteration starts from the cache of the design before the fix.
            let mut c = fiberplan_edit::blame::BlameCache::default();
            std::mem::swap(&mut c, &mut cache);
            let _ = c.blame(&design, &report, &apps, &catalog);
            let blame = c.blame(&fixed, &after, &apps, &catalog);
            cache = c;
            blame
        });
    });
    // And the options of every channel over its loss or reach.
    g.bench_function("blame_with_budget_options", |b| {
        b.iter(|| Blame::of(&design, &report, &apps, &catalog));
    });
    // One edit, as the window makes it: the edit says which parts it touched and the
    // report checks again only the pieces holding them. Each iteration re-checks the edited
    // design after that edit.
    let cord_edit = flip_first_cord(&design);
    recheck_after(
        &mut g,
        "recheck_after_changing_one_cord",
        &design,
        &cord_edit,
    );
    // Moving a cassette into another slot of its (full) enclosure, which the check reports
    // as two modules in one slot: its piece and the placement of every rack and slot are
    // checked again.
    let cassette = design.modules.first().expect("a cassette");
    let mut slot = cassette.slot.clone().expect("placed");
    slot.slot = if slot.slot == 1 { 2 } else { 1 };
    let move_edit = Edit::Slot {
        id: cassette.id.clone(),
        slot: Some(slot),
    };
    recheck_after(
        &mut g,
        "recheck_after_moving_one_cassette",
        &design,
        &move_edit,
    );
    // The whole path of an edit in the window: apply, record undo, re-check; then undo it.
    let mut doc = Document::new(design.clone(), None, apps.clone());
    g.bench_function("document_edit_and_undo_one_cord", |b| {
        b.iter(|| {
            doc.apply("flip", cord_edit.clone()).expect("edit");
            doc.undo().expect("undo");
        });
    });
    g.finish();
}

/// Times the re-check of `design` after `edit`: the report of the edited design checks
/// again the pieces the edit touched.
fn recheck_after(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    design: &fiberplan_model::Design,
    edit: &Edit,
) {
    let apps = ApplicationTable::builtin();
    let mut after = design.clone();
    apply(&mut after, edit.clone()).expect("edit");
    let touched = edit.touched();
    let mut report = check(&after, &apps, CheckMode::Review);
    g.bench_function(name, |b| {
        b.iter(|| report.update(&after, &apps, &touched));
    });
}

/// Migration planning (issue 17) on the 200-rack hall: the upgrade of every leaf link to
/// 100GBASE-SR4, and the application matrix of every link and trunk.
fn migration(c: &mut Criterion) {
    let (design, strands) = hall();
    let apps = ApplicationTable::builtin();
    let catalog = Catalog::builtin();
    let report = check(&design, &apps, CheckMode::Review);
    let mut g = c.benchmark_group("migration_200_racks");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.throughput(Throughput::Elements(strands));
    g.bench_function("upgrade_to_100g_sr4", |b| {
        b.iter(|| {
            fiberplan_edit::upgrade::upgrade(
                &design,
                &report,
                &catalog,
                &apps,
                "100GBASE-SR4",
                &fiberplan_edit::upgrade::Scope::All,
            )
            .expect("upgrade")
        });
    });
    g.bench_function("application_matrix", |b| {
        b.iter(|| fiberplan_edit::matrix::design_matrix(&design, &report, &catalog, &apps));
    });
    g.finish();
}

criterion_group!(benches, files, checks, migration);
criterion_main!(benches);
