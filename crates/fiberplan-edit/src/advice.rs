//! Cassette or breakout: for an MPO link broken out to duplex ports, which fits better and
//! why, and the edits that swap a breakout harness for a cassette wired the same way and back.

use crate::{fresh_id, Edit, Part};
use fiberplan_engine::trace::graph::LinkKind;
use fiberplan_engine::trace::{ChannelGraph, PlugSite, Report};
use fiberplan_model::{
    ArrayPolarity, BreakoutLeg, Cable, CableKind, CableSpec, CassettePolarity, CassetteSpec,
    Design, DuplexPolarity, Gender, HarnessFiber, Id, LcPosition, Module, ModuleSpec, PortRef,
    SlotRef,
};
use std::collections::HashMap;

/// What fits better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    /// A cassette (structured cabling: trunk and cassette stay, moves at the LC front).
    Cassette,
    /// A breakout harness (fewest mated pairs, no panel space).
    Breakout,
}

/// The advice for one MPO link.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// The breakout harness or cassette advised on.
    pub part: Id,
    /// What fits better.
    pub recommendation: Recommendation,
    /// Why, one reason per line.
    pub reasons: Vec<String>,
}

/// Typical low-loss figures of the cassette a swap would add (`applications.md`).
const CASSETTE_MPO_DB: f64 = 0.35;
const CASSETTE_LC_DB: f64 = 0.15;

/// Advice for the MPO link through `part`: a breakout harness, or a single-rear cassette
/// with its MPO cable and LC cords. `None` for any other part.
pub fn advise(design: &Design, report: &Report, part: &Id) -> Option<Advice> {
    if let Some(cable) = design.cables.iter().find(|c| &c.id == part) {
        let CableKind::Breakout { legs, .. } = &cable.spec.kind else {
            return None;
        };
        let ports: Vec<&PortRef> = cable.ends.iter().flatten().collect();
        return Some(weigh(
            part,
            same_rack(design, &ports),
            legs.len(),
            margin_through(report, part),
            Recommendation::Breakout,
            CASSETTE_MPO_DB + CASSETTE_LC_DB,
        ));
    }
    let link = CassetteLink::find(design, part).ok()?;
    let mut ports: Vec<&PortRef> = link.mpo_far.iter().collect();
    ports.extend(
        link.cords
            .iter()
            .filter_map(|(_, c, far)| c.ends[*far].as_ref()),
    );
    Some(weigh(
        part,
        same_rack(design, &ports),
        link.cords.len(),
        margin_through(report, part),
        Recommendation::Cassette,
        link.spec.mpo_loss_db + link.spec.lc_loss_db,
    ))
}

/// The rack a port's part is mounted in, through its enclosure for a module.
fn rack_of_port(design: &Design, p: &PortRef) -> Option<Id> {
    if let Some(e) = design.equipment.iter().find(|e| e.id == p.part) {
        return e.mount.as_ref().map(|m| m.rack.clone());
    }
    let m = design.modules.iter().find(|m| m.id == p.part)?;
    let s = m.slot.as_ref()?;
    let e = design.enclosures.iter().find(|e| e.id == s.enclosure)?;
    e.mount.as_ref().map(|m| m.rack.clone())
}

/// True when every port is in one and the same (known) rack.
fn same_rack(design: &Design, ports: &[&PortRef]) -> bool {
    let racks: Vec<Option<Id>> = ports.iter().map(|p| rack_of_port(design, p)).collect();
    racks.windows(2).all(|w| w[0] == w[1]) && racks.first().is_some_and(Option::is_some)
}

/// The tightest loss margin among channels whose fibers pass through `part`.
fn margin_through(report: &Report, part: &Id) -> f64 {
    report
        .channels()
        .iter()
        .filter(|c| {
            let piece = report.piece(c);
            c.traces.iter().any(|&t| {
                piece.traces.path(t as usize).iter().any(|&n| {
                    piece.graph.plugs[piece.graph.graph[n].plug as usize]
                        .site
                        .part()
                        == part
                })
            })
        })
        .filter_map(|c| c.budget.as_ref().map(|b| b.margin_db()))
        .fold(f64::INFINITY, f64::min)
}

/// Weighs structured patching, density, moves and changes and loss margin. `now` is what
/// the link uses today and `margin` its margin; `cassette_db` is the loss of the cassette's
/// two mated pairs (one MPO, one LC), which is what the other choice adds or saves.
fn weigh(
    part: &Id,
    same_rack: bool,
    ports: usize,
    margin: f64,
    now: Recommendation,
    cassette_db: f64,
) -> Advice {
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
        "Moves and changes: with a cassette each of the {ports} ports is re-patched with a short LC cord instead of re-pulling a harness leg."
    ));
    cassette_points += 1;
    if margin.is_finite() {
        let (with_cassette, with_breakout) = match now {
            Recommendation::Cassette => (margin, margin + cassette_db),
            Recommendation::Breakout => (margin - cassette_db, margin),
        };
        let mut reason = format!(
            "Loss budget: the margin is {margin:.2} dB; with a cassette it is {with_cassette:.2} dB, with a breakout harness {with_breakout:.2} dB (one MPO and one LC mated pair, {cassette_db:.2} dB, between them)"
        );
        if with_cassette < 0.0 && with_breakout >= 0.0 {
            reason.push_str(": only the breakout harness keeps the channel within budget.");
            cassette_points -= 3;
        } else if with_cassette < 0.3 {
            reason.push_str(": a cassette leaves little or no margin.");
            cassette_points -= 1;
        } else {
            reason.push_str(": either choice stays within budget.");
        }
        reasons.push(reason);
    }
    Advice {
        part: part.clone(),
        recommendation: if cassette_points > 0 {
            Recommendation::Cassette
        } else {
            Recommendation::Breakout
        },
        reasons,
    }
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
        lc_polish: fiberplan_model::Polish::UPC,
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
            unconfirmed: Vec::new(),
            slot,
            spec: ModuleSpec {
                slot_format: slot_format.to_owned(),
                kind: fiberplan_model::ModuleKind::Cassette(cassette),
            },
        }),
    });
    // New ids must not collide with each other either: number them from one base.
    let base = fresh_id(design, "SWAP");
    let cord_id = Id::from(format!("{base}-MPO"));
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
    edits.push(insert_cable(
        cord_id,
        cord,
        vec![
            cable.ends.first().cloned().flatten(),
            Some(PortRef::rear(cas_id.as_str(), 1)),
        ],
    ));
    for (k, end) in cable.ends.iter().enumerate().skip(1) {
        let id = Id::from(format!("{base}-LC{k}"));
        let k16 = u16::try_from(k).ok()?;
        edits.push(insert_cable(
            id,
            CableSpec::lc_cord(DuplexPolarity::AB, cable.spec.fiber, 2.0),
            vec![Some(PortRef::front(cas_id.as_str(), k16)), end.clone()],
        ));
    }
    Some(Edit::Batch(edits))
}

/// The edit that adds a cable `id` (labelled with its id) at the end of the list.
fn insert_cable(id: Id, spec: CableSpec, ends: Vec<Option<PortRef>>) -> Edit {
    Edit::Insert {
        index: usize::MAX,
        part: Part::Cable(Cable {
            label: id.to_string(),
            id,
            catalog: None,
            unconfirmed: Vec::new(),
            spec,
            ends,
        }),
    }
}

/// Why a cassette cannot be swapped for a breakout harness.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SwapRefused(pub String);

/// A cassette with one rear MPO port, the MPO cable on its rear and the LC cords on its front.
struct CassetteLink<'d> {
    spec: &'d CassetteSpec,
    /// The MPO cable plugged into the rear, and the index of its far end.
    mpo: (&'d Cable, usize),
    /// Where the MPO cable's far end is plugged.
    mpo_far: Option<PortRef>,
    /// Front port, LC cord and the index of the cord's far end, in front-port order.
    cords: Vec<(u16, &'d Cable, usize)>,
}

impl<'d> CassetteLink<'d> {
    fn find(design: &'d Design, id: &Id) -> Result<Self, SwapRefused> {
        let refuse = |why: String| Err(SwapRefused(format!("{id}: {why}")));
        let Some(module) = design.modules.iter().find(|m| &m.id == id) else {
            return refuse("no such module".to_owned());
        };
        let fiberplan_model::ModuleKind::Cassette(spec) = &module.spec.kind else {
            return refuse("only a cassette can be swapped for a breakout harness".to_owned());
        };
        if spec.rear_ports != 1 {
            return refuse(format!(
                "the cassette has {} rear MPO ports; a breakout harness has one MPO",
                spec.rear_ports
            ));
        }
        let rear = PortRef::rear(id.as_str(), 1);
        let plugged_at = |c: &'d Cable, port: &PortRef| {
            let end = c.ends.iter().position(|e| e.as_ref() == Some(port))?;
            (c.ends.len() == 2).then_some((c, 1 - end))
        };
        let Some(mpo) = design.cables.iter().find_map(|c| match c.spec.kind {
            CableKind::Trunk { .. } | CableKind::MpoCord { .. } => plugged_at(c, &rear),
            _ => None,
        }) else {
            return refuse("no MPO trunk or cord is plugged into its rear".to_owned());
        };
        let mut cords = Vec::new();
        for k in 1..=spec.front_ports() {
            let front = PortRef::front(id.as_str(), k);
            let found = design.cables.iter().find_map(|c| match c.spec.kind {
                CableKind::LcCord { .. } => plugged_at(c, &front),
                _ => None,
            });
            if let Some((c, far)) = found {
                cords.push((k, c, far));
            } else if design
                .cables
                .iter()
                .any(|c| c.ends.iter().any(|e| e.as_ref() == Some(&front)))
            {
                return refuse(format!(
                    "front port {k} holds a cable other than an LC duplex cord"
                ));
            }
        }
        if cords.is_empty() {
            return refuse("no LC cord is plugged into its front".to_owned());
        }
        Ok(CassetteLink {
            spec,
            mpo_far: mpo.0.ends[mpo.1].clone(),
            mpo,
            cords,
        })
    }
}

/// Whether [`swap_cassette_for_breakout`] can swap `cassette`, without building the graph
/// (cheap enough to ask every frame).
pub fn can_swap_cassette(design: &Design, cassette: &Id) -> Result<(), SwapRefused> {
    CassetteLink::find(design, cassette).map(|_| ())
}

/// The edit that replaces cassette `cassette`, the MPO cable on its rear and the LC cords on
/// its front by one breakout harness: its MPO where the MPO cable's far end was, leg k where
/// the cord on the k-th used front port ended. Each leg's A and B carry the MPO positions that
/// reached that cord end's A and B, found by walking the channel graph through the cable, the
/// rear mating, the cassette's harness, the front mating and the cord, so every optic sees
/// exactly the fibers it saw before (polarity included).
pub fn swap_cassette_for_breakout(design: &Design, cassette: &Id) -> Result<Edit, SwapRefused> {
    let link = CassetteLink::find(design, cassette)?;
    let (mpo, far) = link.mpo;
    let (CableKind::Trunk { connector, .. } | CableKind::MpoCord { connector, .. }) = mpo.spec.kind
    else {
        return Err(SwapRefused(format!("{}: not an MPO cable", mpo.id)));
    };
    let far_end = u16::try_from(far + 1).unwrap_or(u16::MAX);
    let g = ChannelGraph::build(design);
    let Some(mpo_plug) = g.plugs.iter().find(|p| {
        matches!(&p.site, PlugSite::CableEnd { cable, end, .. } if cable == &mpo.id && *end == far_end)
    }) else {
        return Err(SwapRefused(format!("{}: its far end has no plug", mpo.id)));
    };
    // (cord, position at its far end) -> MPO position at the far end of the MPO cable.
    let mut reached: HashMap<(&Id, u8), u8> = HashMap::new();
    for p in 1..=connector.positions() {
        let mut n = mpo_plug.node(p);
        let mut ok = true;
        for kind in [
            LinkKind::Fiber,
            LinkKind::Mating,
            LinkKind::Fiber,
            LinkKind::Mating,
            LinkKind::Fiber,
        ] {
            match g.step(n, kind) {
                Some((next, _)) => n = next,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let node = g.node(n);
        if let PlugSite::CableEnd { cable, .. } = &g.plugs[node.plug as usize].site {
            if let Some((_, c, _)) = link.cords.iter().find(|(_, c, _)| &c.id == cable) {
                reached.insert((&c.id, node.position), p);
            }
        }
    }
    let mut legs = Vec::new();
    for (k, c, _) in &link.cords {
        let Some(&a) = reached.get(&(&c.id, 1)) else {
            return Err(SwapRefused(format!(
                "{cassette}: no MPO fiber reaches position A of cord {} on front port {k}",
                c.id
            )));
        };
        legs.push(BreakoutLeg {
            a,
            b: reached.get(&(&c.id, 2)).copied(),
        });
    }
    let cord_length = link
        .cords
        .iter()
        .map(|(_, c, _)| c.spec.length_m)
        .fold(0.0, f64::max);
    let gender = mpo
        .spec
        .plugs
        .get(far)
        .and_then(|p| p.gender)
        .unwrap_or(Gender::Unpinned);
    let mut spec = CableSpec::breakout(
        connector,
        legs,
        mpo.spec.fiber,
        mpo.spec.length_m + cord_length,
        gender,
    );
    if let Some(p) = mpo.spec.plugs.get(far) {
        spec.plugs[0].polish = p.polish;
    }
    for (leg, (_, c, cord_far)) in spec.plugs.iter_mut().skip(1).zip(&link.cords) {
        if let Some(p) = c.spec.plugs.get(*cord_far) {
            leg.polish = p.polish;
        }
    }
    let mut ends = vec![link.mpo_far.clone()];
    ends.extend(link.cords.iter().map(|(_, c, far)| c.ends[*far].clone()));
    let id = fresh_id(design, "BRK");
    let mut edits = vec![Edit::Remove(mpo.id.clone())];
    edits.extend(
        link.cords
            .iter()
            .map(|(_, c, _)| Edit::Remove(c.id.clone())),
    );
    edits.push(Edit::Remove(cassette.clone()));
    edits.push(insert_cable(id, spec, ends));
    Ok(Edit::Batch(edits))
}
