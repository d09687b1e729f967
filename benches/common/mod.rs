//! What the engine benches share: the generated hall they measure and the one edit they
//! re-check after.

use fiberplan_edit::Edit;
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_model::{CableKind, Design, DuplexPolarity};

/// `fiberplan generate --racks 200 --seed 1` (1% faults), with its fiber strands.
pub fn hall() -> (Design, u64) {
    let (d, g) = generate(GenerateOptions {
        racks: 200,
        seed: 1,
        fault_percent: 1.0,
    });
    (d, g.strands as u64)
}

/// The edit of the re-check benches: the first LC cord of `design` made A-to-A.
pub fn flip_first_cord(design: &Design) -> Edit {
    let cord = design
        .cables
        .iter()
        .find(|c| matches!(c.spec.kind, CableKind::LcCord { .. }))
        .expect("a cord");
    let mut flipped = cord.spec.clone();
    flipped.kind = CableKind::LcCord {
        polarity: DuplexPolarity::AA,
    };
    Edit::CableSpec {
        id: cord.id.clone(),
        spec: flipped,
    }
}
