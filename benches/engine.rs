//! The engine at data-hall scale (issue 6), on `fiberplan generate --racks 200 --seed 1`
//! (20,400 channels, 124,800 fiber strands): load and save, full trace and check, and the
//! re-check after one edit. Throughput is in fiber strands per second.
//!
//! Run with `cargo bench --bench engine`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use fiberplan::catalog::ApplicationTable;
use fiberplan::edit::{Document, Edit};
use fiberplan::generate::{generate, GenerateOptions};
use fiberplan::io::{open_design, save_design};
use fiberplan::model::{CableKind, DuplexPolarity};
use fiberplan::trace::{check, CheckMode};
use std::time::Duration;

fn hall() -> (fiberplan::model::Design, u64) {
    let (d, g) = generate(GenerateOptions {
        racks: 200,
        seed: 1,
        fault_percent: 1.0,
    });
    (d, g.strands as u64)
}

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
    // One edit on an open document, as the window makes it: the document re-checks.
    let cord = design
        .cables
        .iter()
        .find(|c| matches!(c.spec.kind, CableKind::LcCord { .. }))
        .expect("a cord");
    let mut flipped = cord.spec.clone();
    flipped.kind = CableKind::LcCord {
        polarity: DuplexPolarity::AA,
    };
    let cord_edit = Edit::CableSpec {
        id: cord.id.clone(),
        spec: flipped,
    };
    g.bench_function("recheck_after_changing_one_cord", |b| {
        b.iter_batched(
            || Document::new(design.clone(), None, apps.clone()),
            |mut doc| {
                doc.apply("flip", cord_edit.clone()).expect("edit");
                doc
            },
            BatchSize::LargeInput,
        );
    });
    // Moving a cassette: it starts out of its slot and the edit puts it in.
    let cassette = design.modules.first().expect("a cassette");
    let slot = cassette.slot.clone().expect("placed");
    let mut unslotted = design.clone();
    unslotted.modules[0].slot = None;
    let move_in = Edit::Slot {
        id: cassette.id.clone(),
        slot: Some(slot),
    };
    g.bench_function("recheck_after_moving_one_cassette", |b| {
        b.iter_batched(
            || Document::new(unslotted.clone(), None, apps.clone()),
            |mut doc| {
                doc.apply("move", move_in.clone()).expect("edit");
                doc
            },
            BatchSize::LargeInput,
        );
    });
    g.finish();
}

criterion_group!(benches, files, checks);
criterion_main!(benches);
