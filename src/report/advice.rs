//! Cassette or breakout: for a parallel optic broken out to duplex ports, which fits better
//! and why, and the edit that swaps a breakout harness for a cassette wired the same way.

use crate::edit::{fresh_id, Edit, Part};
use crate::model::{
    ArrayPolarity, Cable, CableKind, CableSpec, CassettePolarity, CassetteSpec, Design,
    DuplexPolarity, Gender, HarnessFiber, Id, LcPosition, Module, ModuleSpec, PortRef, SlotRef,
};
use crate::trace::Report;

/// What fits better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    /// A cassette (structured cabling: trunk and cassette stay, moves at the LC front).
    Cassette,
    /// A breakout harness (fewest mated pairs, no panel space).
    Breakout,
}

/// The advice for one breakout harness.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// The harness.
    pub harness: Id,
    /// What fits better.
    pub recommendation: Recommendation,
    /// Why, one reason per line.
    pub reasons: Vec<String>,
}

/// Typical low-loss figures of the cassette a swap would add (`applications.md`).
const CASSETTE_MPO_DB: f64 = 0.35;
const CASSETTE_LC_DB: f64 = 0.15;

/// Advice for the breakout harness `harness`, from the checked design.
pub fn advise(design: &Design, report: &Report, harness: &Id) -> Option<Advice> {
    let cable = design.cables.iter().find(|c| &c.id == harness)?;
    let CableKind::Breakout { legs, .. } = &cable.spec.kind else {
        return None;
    };
    let rack_of_port = |p: &PortRef| -> Option<Id> {
        if let Some(e) = design.equipment.iter().find(|e| e.id == p.part) {
            return e.mount.as_ref().map(|m| m.rack.clone());
        }
        let m = design.modules.iter().find(|m| m.id == p.part)?;
        let s = m.slot.as_ref()?;
        let e = design.enclosures.iter().find(|e| e.id == s.enclosure)?;
        e.mount.as_ref().map(|m| m.rack.clone())
    };
    let racks: Vec<Option<Id>> = cable.ends.iter().flatten().map(rack_of_port).collect();
    let same_rack =
        racks.windows(2).all(|w| w[0] == w[1]) && racks.first().is_some_and(Option::is_some);
    // The tightest margin among channels that run through this harness.
    let margin = report
        .channels
        .iter()
        .filter(|c| {
            c.traces.iter().any(|&t| {
                report.traces.path(t as usize).iter().any(|&n| {
                    report.graph.plugs[report.graph.graph[n].plug as usize]
                        .site
                        .part()
                        == harness
                })
            })
        })
        .filter_map(|c| c.budget.as_ref().map(|b| b.margin_db()))
        .fold(f64::INFINITY, f64::min);
    let added = CASSETTE_MPO_DB + CASSETTE_LC_DB;
    let mut reasons = Vec::new();
    let mut cassette_points = 0i32;
    if same_rack {
        reasons.push(
            "Density: every leg ends in the same rack, so a harness needs no panel space."
                .to_owned(),
        );
        cassette_points -= 1;
    } else {
        reasons.push("Structured patching: the legs end in other racks; a cassette keeps the trunk fixed and patches at the LC front.".to_owned());
        cassette_points += 1;
    }
    reasons.push(format!(
        "Moves and changes: with a cassette each of the {} ports is re-patched with a short LC cord instead of re-pulling a harness leg.",
        legs.len()
    ));
    cassette_points += 1;
    if margin.is_finite() {
        if margin - added < 0.0 {
            reasons.push(format!(
                "Loss budget: the margin is {margin:.2} dB; a cassette adds about {added:.2} dB (one MPO and one LC mated pair) and would break the budget."
            ));
            cassette_points -= 3;
        } else if margin - added < 0.3 {
            reasons.push(format!(
                "Loss budget: the margin is {margin:.2} dB; a cassette would leave only {:.2} dB.",
                margin - added
            ));
            cassette_points -= 1;
        } else {
            reasons.push(format!(
                "Loss budget: the margin is {margin:.2} dB; a cassette's {added:.2} dB still leaves {:.2} dB.",
                margin - added
            ));
        }
    }
    Some(Advice {
        harness: harness.clone(),
        recommendation: if cassette_points > 0 {
            Recommendation::Cassette
        } else {
            Recommendation::Breakout
        },
        reasons,
    })
}

/// The edit that replaces breakout harness `harness` by a cassette wired like it: an MPO
/// Type A cord from where the harness's MPO was (through the cassette's key-up/key-down rear
/// adapter, position p stays p), a pinned cassette whose harness sends the legs' positions to
/// front port k (leg A to LC A), and A-to-B LC cords from front port k to where leg k was
/// (the front adapter's crossover and the A-to-B cord cancel, so each optic sees what its leg
/// delivered). The cassette goes in the first free slot of the right format, if any.
pub fn swap_breakout_for_cassette(
    design: &Design,
    harness: &Id,
    slot_format: &str,
) -> Option<Edit> {
    let cable = design.cables.iter().find(|c| &c.id == harness)?;
    let CableKind::Breakout { connector, legs } = &cable.spec.kind else {
        return None;
    };
    let mut fibers = Vec::new();
    for (k, leg) in legs.iter().enumerate() {
        let front = u16::try_from(k + 1).ok()?;
        fibers.push(HarnessFiber {
            rear: 1,
            position: leg.a,
            front,
            lc: LcPosition::A,
        });
        if let Some(b) = leg.b {
            fibers.push(HarnessFiber {
                rear: 1,
                position: b,
                front,
                lc: LcPosition::B,
            });
        }
    }
    let mpo_polish = cable.spec.plugs.first().map(|p| p.polish)?;
    let cassette = CassetteSpec {
        connector: *connector,
        rear_ports: 1,
        fiber: cable.spec.fiber,
        polarity: CassettePolarity::A,
        gender: Gender::Pinned,
        mpo_polish,
        lc_polish: crate::model::Polish::UPC,
        mpo_loss_db: CASSETTE_MPO_DB,
        lc_loss_db: CASSETTE_LC_DB,
        harness: Some(fibers),
    };
    let slot = design
        .enclosures
        .iter()
        .filter(|e| e.spec.slot_format == slot_format)
        .find_map(|e| {
            (1..=e.spec.slots)
                .find(|s| {
                    !design.modules.iter().any(|m| {
                        m.slot
                            .as_ref()
                            .is_some_and(|x| x.enclosure == e.id && x.slot == *s)
                    })
                })
                .map(|s| SlotRef {
                    enclosure: e.id.clone(),
                    slot: s,
                })
        });
    let cas_id = fresh_id(design, "CAS");
    let mut edits = vec![Edit::Remove(harness.clone())];
    edits.push(Edit::Insert {
        index: usize::MAX,
        part: Part::Module(Module {
            label: cas_id.to_string(),
            id: cas_id.clone(),
            catalog: None,
            slot,
            spec: ModuleSpec {
                slot_format: slot_format.to_owned(),
                kind: crate::model::ModuleKind::Cassette(cassette),
            },
        }),
    });
    // New ids must not collide with each other either: number them from one base.
    let base = fresh_id(design, "SWAP");
    let cord_id = Id(format!("{base}-MPO"));
    let mut cord = CableSpec::mpo_cord(
        *connector,
        ArrayPolarity::A,
        cable.spec.fiber,
        2.0,
        [Gender::Unpinned, Gender::Unpinned],
    );
    for p in &mut cord.plugs {
        p.polish = mpo_polish;
    }
    edits.push(Edit::Insert {
        index: usize::MAX,
        part: Part::Cable(Cable {
            label: cord_id.to_string(),
            id: cord_id,
            catalog: None,
            spec: cord,
            ends: vec![
                cable.ends.first().cloned().flatten(),
                Some(PortRef::rear(cas_id.as_str(), 1)),
            ],
        }),
    });
    for (k, end) in cable.ends.iter().enumerate().skip(1) {
        let id = Id(format!("{base}-LC{k}"));
        let k16 = u16::try_from(k).ok()?;
        edits.push(Edit::Insert {
            index: usize::MAX,
            part: Part::Cable(Cable {
                label: id.to_string(),
                id,
                catalog: None,
                spec: CableSpec::lc_cord(DuplexPolarity::AB, cable.spec.fiber, 2.0),
                ends: vec![Some(PortRef::front(cas_id.as_str(), k16)), end.clone()],
            }),
        });
    }
    Some(Edit::Batch(edits))
}
