//! The synthetic data-hall generator (issue 6): reproducible, sound where no fault is asked
//! for, and every planted fault caught by the rule it is meant to break.

mod common;

use common::apps;
use fiberplan_engine::trace::{check, CheckMode, Rule};
use fiberplan_generate::{generate, Fault, GenerateOptions};
use fiberplan_model::Id;

fn opts(racks: u32, seed: u64, fault_percent: f64) -> GenerateOptions {
    GenerateOptions {
        racks,
        seed,
        fault_percent,
    }
}

#[test]
fn a_hall_without_faults_passes_every_channel() {
    for racks in [1, 3, 8, 13] {
        let (d, g) = generate(opts(racks, 1, 0.0));
        assert_eq!(d.racks.len(), racks as usize);
        let r = check(&d, &apps(), CheckMode::Review);
        assert!(
            r.findings().is_empty(),
            "{racks} racks: {:#?}",
            r.findings().iter().take(3).collect::<Vec<_>>()
        );
        assert_eq!(r.channels().len(), g.channels, "{racks} racks");
        // Row of 8: two network racks and six server racks of 136 channels.
        if racks == 8 {
            assert_eq!(g.channels, 6 * 136);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_design_and_another_seed_other_faults() {
    let a = generate(opts(16, 42, 5.0));
    let b = generate(opts(16, 42, 5.0));
    assert_eq!(a, b);
    let c = generate(opts(16, 43, 5.0));
    assert_ne!(a.1.faults, c.1.faults);
}

#[test]
fn every_planted_fault_is_found_by_its_rule() {
    let (d, g) = generate(opts(16, 9, 8.0));
    assert!(g.faults.len() > 20, "{} faults", g.faults.len());
    for kind in [
        Fault::CordPolarity,
        Fault::CordFiberType,
        Fault::TrunkReach,
        Fault::TrunkGender,
    ] {
        assert!(g.faults.iter().any(|(f, _)| *f == kind), "{kind:?} planted");
    }
    let r = check(&d, &apps(), CheckMode::Review);
    for (fault, part) in &g.faults {
        let rule = match fault {
            Fault::CordPolarity => Rule::Polarity,
            Fault::CordFiberType => Rule::FiberType,
            Fault::TrunkReach => Rule::Reach,
            Fault::TrunkGender => Rule::Gender,
        };
        let id = Id::from(part.as_str());
        assert!(
            r.findings()
                .iter()
                .any(|f| f.rule == rule && f.parts.contains(&id))
                || r.channels().iter().any(|c| {
                    r.channel_findings(c).any(|f| f.rule == rule)
                        && c.traces.iter().any(|&t| {
                            let p = r.piece(c);
                            fiberplan_engine::trace::channel::path_parts(
                                &p.graph,
                                p.traces.path(t as usize),
                            )
                            .contains(&id)
                        })
                }),
            "{fault:?} in {part} not reported as {rule:?}"
        );
    }
    // Nothing else fails: every error is on a path through a planted fault.
    let faulty: Vec<Id> = g.faults.iter().map(|(_, p)| Id::from(p.as_str())).collect();
    for c in r
        .channels()
        .iter()
        .filter(|c| c.verdict == fiberplan_engine::trace::Verdict::Fail)
    {
        let parts: Vec<Id> = c
            .traces
            .iter()
            .flat_map(|&t| {
                let p = r.piece(c);
                fiberplan_engine::trace::channel::path_parts(&p.graph, p.traces.path(t as usize))
            })
            .collect();
        assert!(
            parts.iter().any(|p| faulty.contains(p)),
            "{} fails without a planted fault",
            c.a
        );
    }
}
