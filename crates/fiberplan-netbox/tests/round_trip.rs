//! Export, then read the files back: the same racks, parts, ports and cables. Over the example
//! designs and, as a property, over generated halls.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failure

mod common;

use common::digest;
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_generate::{generate, GenerateOptions};
use fiberplan_io::design_from_str;
use fiberplan_model::Design;
use fiberplan_netbox::export::export;
use fiberplan_netbox::files::read_files;
use fiberplan_netbox::to_design::to_design;
use proptest::prelude::*;
use std::path::Path;

fn round_trip(d: &Design) -> (Design, Vec<String>) {
    let plan = read_files(&export(d)).unwrap();
    let pulled = to_design(&plan, &Catalog::builtin(), &d.name);
    (pulled.design, pulled.unmapped)
}

#[test]
fn every_example_design_reads_back_from_its_export_as_the_same_racks_parts_and_cables() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../saved_designs");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let d = design_from_str(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let (back, unmapped) = round_trip(&d);
        assert!(unmapped.is_empty(), "{}: {unmapped:?}", path.display());
        assert_eq!(digest(&back), digest(&d), "{}", path.display());
        // The same errors, so the same verdicts: nothing the checks need was lost.
        let apps = ApplicationTable::builtin();
        let errors = |d: &Design| {
            check(d, &apps, CheckMode::Review).count(fiberplan_engine::trace::Severity::Error)
        };
        assert_eq!(errors(&back), errors(&d), "{}", path.display());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]
    #[test]
    fn a_generated_hall_reads_back_from_its_export_unchanged(seed in 0u64..1000, racks in 8u32..17) {
        let (d, _) = generate(GenerateOptions { racks, seed, fault_percent: 2.0 });
        let (back, unmapped) = round_trip(&d);
        prop_assert!(unmapped.is_empty(), "{:?}", unmapped);
        prop_assert_eq!(digest(&back), digest(&d));
    }
}
