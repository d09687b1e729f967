//! The canvas frame at scale (issue 6): layout, drawing and tessellation of a generated hall
//! with about 2,000 parts in view, on a bare egui Context (no GPU, no window).
//!
//! Run with `cargo bench --bench canvas`.

// criterion_group! and criterion_main! define undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fiberplan_app::canvas::{canvas_ui, CanvasState, Highlights};
use fiberplan_app::layout::Layout;
use fiberplan_engine::catalog::Catalog;
use fiberplan_generate::{generate, GenerateOptions};

fn frame(c: &mut Criterion) {
    // 31 racks: over 2,000 racks, enclosures, modules and equipment (plus cables).
    let (design, _) = generate(GenerateOptions {
        racks: 31,
        seed: 1,
        fault_percent: 1.0,
    });
    let parts = design.racks.len()
        + design.enclosures.len()
        + design.modules.len()
        + design.equipment.len();
    let catalog = Catalog::builtin();
    let hl = Highlights::default();
    let ctx = egui::Context::default();
    let mut state = CanvasState::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    };
    // The first frame fits the whole design in view.
    // The window keeps the layout until the design changes.
    let layout = Layout::new(&design);
    let run = |state: &mut CanvasState| {
        let out = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                canvas_ui(ui, &design, &layout, &catalog, &hl, state)
            });
        });
        ctx.tessellate(out.shapes, out.pixels_per_point)
    };
    run(&mut state);
    let mut g = c.benchmark_group("canvas");
    g.sample_size(20);
    g.throughput(Throughput::Elements(parts as u64));
    g.bench_function(format!("frame_{parts}_parts_in_view"), |b| {
        b.iter(|| run(&mut state));
    });
    // Zoomed in to full detail (every slot, port and curve) on the first racks.
    let mut detail = CanvasState {
        scene_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1900.0, 1000.0)),
        ..CanvasState::default()
    };
    run(&mut detail);
    g.bench_function("frame_zoomed_in_detail", |b| {
        b.iter(|| run(&mut detail));
    });
    g.bench_function(format!("layout_{parts}_parts"), |b| {
        b.iter(|| Layout::new(&design));
    });
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
