//! The built-in catalog and applications table: they parse, hold the parts the design card
//! lists, and every part builds into the channel graph without a definition error.

use fiberplan_engine::catalog::{ApplicationTable, Catalog, PartTemplate};
use fiberplan_engine::trace::{ChannelGraph, Rule};
use fiberplan_model::*;

fn cassettes(c: &Catalog) -> Vec<&CassetteSpec> {
    c.entries
        .iter()
        .filter_map(|e| match &e.part {
            PartTemplate::Module(ModuleSpec {
                kind: ModuleKind::Cassette(cas),
                ..
            }) => Some(cas),
            _ => None,
        })
        .collect()
}

#[test]
fn catalog_has_every_cassette_variant() {
    let c = Catalog::builtin();
    for connector in [Connector::Mpo8, Connector::Mpo12, Connector::Mpo24] {
        for polarity in [CassettePolarity::A, CassettePolarity::B] {
            for gender in [Gender::Pinned, Gender::Unpinned] {
                for (fiber, polish) in
                    [(FiberType::OM4, Polish::UPC), (FiberType::OS2, Polish::APC)]
                {
                    assert!(
                        cassettes(&c).iter().any(|k| k.connector == connector
                            && k.polarity == polarity
                            && k.gender == gender
                            && k.fiber == fiber
                            && k.mpo_polish == polish),
                        "{connector} {polarity:?} {gender} {fiber}"
                    );
                }
            }
        }
    }
}

#[test]
fn catalog_has_trunks_cords_breakouts_enclosures_panels_and_optics() {
    let c = Catalog::builtin();
    let cables: Vec<&CableSpec> = c
        .entries
        .iter()
        .filter_map(|e| match &e.part {
            PartTemplate::Cable(s) => Some(s),
            _ => None,
        })
        .collect();
    for connector in [Connector::Mpo8, Connector::Mpo12, Connector::Mpo24] {
        for polarity in [ArrayPolarity::A, ArrayPolarity::B, ArrayPolarity::C] {
            for g in [Gender::Pinned, Gender::Unpinned] {
                assert!(cables.iter().any(|s| s.kind
                    == CableKind::Trunk {
                        connector,
                        polarity
                    }
                    && s.plugs.iter().all(|p| p.gender == Some(g))));
            }
        }
    }
    for p in [DuplexPolarity::AB, DuplexPolarity::AA] {
        assert!(cables
            .iter()
            .any(|s| s.kind == CableKind::LcCord { polarity: p }));
    }
    assert!(cables.iter().any(|s| matches!(
        &s.kind,
        CableKind::Breakout { connector: Connector::Mpo8, legs } if legs.len() == 4
    )));
    for pn in [
        "ENC-1U-3",
        "ENC-1U-4",
        "ENC-4U-12",
        "PNL-MPO-UD-6",
        "PNL-MPO-UU-6",
        "PNL-LC-12",
    ] {
        assert!(c.get(pn).is_some(), "{pn}");
    }
    let apps: Vec<String> = c
        .entries
        .iter()
        .filter_map(|e| match &e.part {
            PartTemplate::Equipment(s) => Some(s.ports[0].transceiver.application.clone()),
            _ => None,
        })
        .collect();
    for app in [
        "10GBASE-SR",
        "25GBASE-SR",
        "40GBASE-SR4",
        "100GBASE-SR4",
        "100GBASE-DR",
        "400GBASE-DR4",
        "400GBASE-SR8",
        "10GBASE-LR",
        "100GBASE-LR4",
    ] {
        assert!(apps.iter().any(|a| a == app), "{app}");
    }
}

/// Every optic's application is in the table, and its media matches a listed fiber grade.
#[test]
fn every_catalog_optic_has_application_limits() {
    let c = Catalog::builtin();
    let t = ApplicationTable::builtin();
    for e in &c.entries {
        if let PartTemplate::Equipment(s) = &e.part {
            for g in &s.ports {
                let x = &g.transceiver;
                let app = t
                    .get(&x.application)
                    .unwrap_or_else(|| panic!("{}: {}", e.part_number, x.application));
                assert!(app.limits.iter().any(|l| l.fiber.class() == x.media));
                if x.connector.is_mpo() {
                    assert_eq!(x.gender, Some(Gender::Pinned), "{}", e.part_number);
                }
            }
        }
    }
}

/// Placing each part alone builds a channel graph with no part-definition error.
#[test]
fn every_catalog_part_builds_cleanly() {
    let c = Catalog::builtin();
    for e in &c.entries {
        let mut d = Design::new("one part");
        match &e.part {
            PartTemplate::Rack { height_u } => {
                d.add_rack("X", "X", *height_u);
            }
            PartTemplate::Enclosure(s) => d.add_enclosure("X", s.clone(), None),
            PartTemplate::Module(s) => d.add_module("X", s.clone(), None),
            PartTemplate::Equipment(s) => d.add_equipment("X", s.clone(), None),
            PartTemplate::Cable(s) => {
                let ends = vec![None; s.end_count()];
                d.add_cable("X", s.clone(), ends)
            }
        }
        let g = ChannelGraph::build(&d);
        assert!(
            g.findings.iter().all(|f| f.rule != Rule::InvalidPart),
            "{}: {:?}",
            e.part_number,
            g.findings
        );
    }
}

#[test]
fn part_numbers_are_unique_and_user_entries_replace_builtins() {
    let mut c = Catalog::builtin();
    let mut seen = std::collections::HashSet::new();
    for e in &c.entries {
        assert!(seen.insert(e.part_number.clone()), "{}", e.part_number);
    }
    let n = c.entries.len();
    let mut mine = c.get("LCC-AB-OM4").unwrap().clone();
    mine.name = "my cord".into();
    c.merge(Catalog {
        entries: vec![mine],
    });
    assert_eq!(c.entries.len(), n);
    assert_eq!(c.get("LCC-AB-OM4").unwrap().name, "my cord");
}

#[test]
fn applications_table_matches_the_reference_figures() {
    let t = ApplicationTable::builtin();
    let lim = |app: &str, f: FiberType| {
        let l = t.get(app).unwrap().limit(f).unwrap();
        (l.reach_m, l.max_loss_db)
    };
    assert_eq!(lim("25GBASE-SR", FiberType::OM4), (100.0, 1.9));
    assert_eq!(lim("100GBASE-SR4", FiberType::OM3), (70.0, 1.8));
    assert_eq!(lim("40GBASE-SR4", FiberType::OM4), (150.0, 1.5));
    assert_eq!(lim("10GBASE-LR", FiberType::OS2), (10000.0, 6.2));
    assert_eq!(lim("400GBASE-SR4.2", FiberType::OM5), (150.0, 2.0));
    assert_eq!(t.attenuation_db_per_km(FiberType::OM4, 850), Some(3.0));
    assert_eq!(t.attenuation_db_per_km(FiberType::OS2, 1310), Some(0.4));
}
