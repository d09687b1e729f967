//! Issue 6, incremental checking: after any edit, undo or redo, the report a document keeps
//! by checking again only the pieces the edit touched equals a full check of the edited
//! design: the same channels in the same order, with the same fibers, hops, budgets,
//! verdicts and findings, and the same list of findings.

mod common;

use common::{apps, insert_lc_cord};
use fiberplan_edit::{delete, fresh_id, Document, Edit, Part};
use fiberplan_engine::trace::channel::path_hops;
use fiberplan_engine::trace::{check, CheckMode, Finding, Hop, Report};
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_io::load_design;
use fiberplan_model::*;
use proptest::prelude::*;
use std::path::Path;

/// Everything a report says, with the bookkeeping of where it keeps it left out.
#[derive(Debug, PartialEq)]
struct Said {
    channels: Vec<(
        fiberplan_engine::trace::Channel,
        Vec<Finding>,
        Vec<Vec<Hop>>,
    )>,
    findings: Vec<Finding>,
}

fn said(r: &Report) -> Said {
    Said {
        channels: r
            .channels()
            .iter()
            .map(|c| {
                let piece = r.piece(c);
                let paths = c
                    .traces
                    .iter()
                    .map(|&t| path_hops(&piece.graph, piece.traces.path(t as usize)))
                    .collect();
                let findings = r.channel_findings(c).cloned().collect();
                let mut c = c.clone();
                c.piece = 0;
                (c, findings, paths)
            })
            .collect(),
        findings: r.findings().iter().cloned().collect(),
    }
}

/// Every port of the design a cable end could go into.
fn ports(d: &Design) -> Vec<PortRef> {
    let mut out = Vec::new();
    for e in &d.equipment {
        for n in 1..=e.spec.port_count().min(64) as u16 {
            out.push(PortRef::front(e.id.as_str(), n));
        }
    }
    for m in &d.modules {
        for side in [Side::Front, Side::Rear] {
            for (n, _) in m.spec.ports(side) {
                out.push(PortRef {
                    part: m.id.clone(),
                    side,
                    port: n,
                });
            }
        }
    }
    out
}

/// One edit of kind `choice`, built from the current design and two free numbers; `None`
/// for an undo or a redo.
fn random_edit(d: &Design, choice: u8, a: usize, b: usize) -> Option<Edit> {
    let ids: Vec<Id> = d.ids().cloned().collect();
    let ports = ports(d);
    let port = |k: usize| {
        (!k.is_multiple_of(5) && !ports.is_empty()).then(|| ports[k % ports.len()].clone())
    };
    let cable = d.cables.get(a % d.cables.len().max(1));
    let module = d.modules.get(a % d.modules.len().max(1));
    let equipment = d.equipment.get(a % d.equipment.len().max(1));
    Some(match choice % 14 {
        0 if !ids.is_empty() => delete(d, &ids[a % ids.len()]),
        // A bare removal leaves cables naming a part that is gone.
        1 if !ids.is_empty() => Edit::Remove(ids[a % ids.len()].clone()),
        2 | 3 if cable.is_some() => {
            let c = cable?;
            Edit::Plug {
                cable: c.id.clone(),
                end: b % c.ends.len().max(1),
                port: port(b / 7),
            }
        }
        4 if cable.is_some() => {
            let c = cable?;
            let mut spec = c.spec.clone();
            spec.length_m = (b % 400) as f64;
            if let CableKind::LcCord { polarity } = &mut spec.kind {
                if b.is_multiple_of(2) {
                    *polarity = DuplexPolarity::AA;
                }
            }
            Edit::CableSpec {
                id: c.id.clone(),
                spec,
            }
        }
        5 if module.is_some() => {
            let m = module?;
            let mut spec = m.spec.clone();
            if let ModuleKind::Cassette(c) = &mut spec.kind {
                c.gender = match c.gender {
                    Gender::Pinned => Gender::Unpinned,
                    Gender::Unpinned => Gender::Pinned,
                };
            }
            Edit::ModuleSpec {
                id: m.id.clone(),
                spec,
            }
        }
        6 if equipment.is_some() => {
            let e = equipment?;
            let mut spec = e.spec.clone();
            if let Some(g) = spec.ports.first_mut() {
                g.count = (b % 6) as u16 + 1;
                if b.is_multiple_of(3) {
                    g.transceiver.media = FiberClass::Singlemode;
                }
                // A port group the engine refuses: a finding of the equipment itself.
                if b.is_multiple_of(5) {
                    if let Some(lane) = g.transceiver.lanes.first_mut() {
                        lane.tx = 99;
                    }
                }
            }
            Edit::EquipmentSpec {
                id: e.id.clone(),
                spec,
            }
        }
        7 if module.is_some() => Edit::Slot {
            id: module?.id.clone(),
            slot: None,
        },
        8 => insert_lc_cord(d, "CORD", a, [port(a), port(b)]),
        // Parts inserted in front move the index of every part after them.
        9 => {
            let id = fresh_id(d, "SRV");
            Edit::Insert {
                index: 0,
                part: Part::Equipment(Equipment {
                    id: id.clone(),
                    label: id.to_string(),
                    catalog: None,
                    unconfirmed: Vec::new(),
                    spec: EquipmentSpec::with_ports(
                        1,
                        "Eth",
                        2,
                        TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50),
                    ),
                    mount: None,
                }),
            }
        }
        10 => {
            let id = fresh_id(d, "CAS");
            let template = module.filter(|m| matches!(m.spec.kind, ModuleKind::Cassette(_)));
            let spec = template?.spec.clone();
            Edit::Insert {
                index: b,
                part: Part::Module(Module {
                    id: id.clone(),
                    label: id.to_string(),
                    catalog: None,
                    unconfirmed: Vec::new(),
                    spec,
                    slot: None,
                }),
            }
        }
        // Giving a removed part's id back must find the cables that name it.
        11 if !d.cables.is_empty() => {
            let c = cable?;
            let named = c
                .ends
                .iter()
                .flatten()
                .find(|p| d.kind_of(&p.part).is_none())?;
            Edit::Insert {
                index: a,
                part: Part::Equipment(Equipment {
                    id: named.part.clone(),
                    label: String::new(),
                    catalog: None,
                    unconfirmed: Vec::new(),
                    spec: EquipmentSpec::with_ports(
                        1,
                        "Eth",
                        8,
                        TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50),
                    ),
                    mount: None,
                }),
            }
        }
        12 | 13 => return None,
        _ => Edit::Label {
            id: ids.get(a % ids.len().max(1))?.clone(),
            label: format!("L{b}"),
        },
    })
}

fn run(design: Design, steps: Vec<(u8, usize, usize)>) -> Result<(), TestCaseError> {
    let mut doc = Document::new(design, None, apps());
    for (choice, a, b) in steps {
        match random_edit(doc.design(), choice, a, b) {
            Some(e) => {
                let _ = doc.apply("step", e);
            }
            None if choice % 2 == 0 => {
                doc.undo().unwrap();
            }
            None => {
                doc.redo().unwrap();
            }
        }
        let full = check(doc.design(), &apps(), CheckMode::Draft);
        prop_assert_eq!(said(doc.report()), said(&full));
    }
    Ok(())
}

fn steps() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Issue 6: on the two-rack example, incremental equals full after every step.
    #[test]
    fn incremental_check_equals_full_check_on_the_example(s in steps()) {
        let d = load_design(Path::new("saved_designs/two-rack-leaf-servers.ron")).unwrap();
        run(d, s)?;
    }

    /// Issue 6: the same on a generated hall with planted faults, where one switch port's
    /// piece sits beside hundreds of others.
    #[test]
    fn incremental_check_equals_full_check_on_a_generated_hall(s in steps()) {
        let (d, _) = generate(GenerateOptions { racks: 2, seed: 5, fault_percent: 20.0 });
        run(d, s)?;
    }
}

/// An edit re-checks only the pieces it touches: plugging one cord leaves every other
/// piece's check shared with the report before the edit.
#[test]
fn an_edit_rechecks_only_the_pieces_it_touches() {
    let (d, _) = generate(GenerateOptions {
        racks: 8,
        seed: 1,
        fault_percent: 0.0,
    });
    let mut doc = Document::new(d, None, apps());
    let before = doc.report().clone();
    let cord = doc
        .design()
        .cables
        .iter()
        .find(|c| matches!(c.spec.kind, CableKind::LcCord { .. }))
        .unwrap()
        .clone();
    let mut spec = cord.spec.clone();
    spec.kind = CableKind::LcCord {
        polarity: DuplexPolarity::AA,
    };
    doc.apply(
        "flip",
        Edit::CableSpec {
            id: cord.id.clone(),
            spec,
        },
    )
    .unwrap();
    let changed = doc
        .report()
        .channels()
        .iter()
        .zip(before.channels().iter())
        .filter(|(a, b)| !std::ptr::eq(doc.report().piece(a), before.piece(b)))
        .count();
    // The cord's piece: one cassette's six channels (Method B, 12-fiber cassettes).
    assert_eq!(changed, 6, "channels whose piece was checked again");
    assert_eq!(
        said(doc.report()),
        said(&check(doc.design(), &apps(), CheckMode::Draft))
    );
    assert!(!doc.report().passes());
}
