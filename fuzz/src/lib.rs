//! The fuzz targets' bodies, shared by the `cargo fuzz` binaries and by the regression test
//! (`tests/fuzz_regressions.rs`) that replays every input a fuzzer ever crashed on.

use fiberplan_edit::{apply, delete, fresh_id, Edit, History, Part};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, CheckMode};
use fiberplan_io::{design_from_str, design_from_str_upgraded, design_to_string, validate};
use fiberplan_model::{Design, Id, Mount, PortRef, Side, SlotRef};
use std::path::Path;
use std::sync::LazyLock;

static APPS: LazyLock<ApplicationTable> = LazyLock::new(ApplicationTable::builtin);
static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

/// Reads `data` as a design file; whatever it holds, reading, repairing, checking, reporting
/// and saving must not panic; a repaired design must have no damage left, and what is saved
/// must read back as the same design.
pub fn load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.ron");
    let Ok((design, _)) = design_from_str_upgraded(text, path) else {
        return;
    };
    let (design, _) = validate::repair(design);
    let (again, left) = validate::repair(design.clone());
    assert!(left.is_empty(), "repair left damage: {left:?}");
    assert_eq!(
        design_to_string(&again).ok(),
        design_to_string(&design).ok(),
        "repair is idempotent"
    );
    let report = check(&design, &APPS, CheckMode::Review);
    let _ = fiberplan_export::all_exports(&design, &report, &CATALOG, &APPS, "fuzz.ron");
    let saved = design_to_string(&design).expect("a design always serializes");
    let back = design_from_str(&saved, path).expect("a saved design reads back");
    // Text, not `==`: a NaN loss figure is kept (the check reports it) and NaN != NaN.
    assert_eq!(design_to_string(&back).ok(), Some(saved));
}

/// The design edit sequences start from.
pub fn base_design() -> Design {
    design_from_str(
        fiberplan_io::EXAMPLE_DESIGN_RON,
        Path::new(fiberplan_io::EXAMPLE_DESIGN_NAME),
    )
    .expect("the embedded example reads")
}

/// What a report says, as text (a NaN figure prints as itself), without where it keeps it.
fn said(r: &fiberplan_engine::trace::Report) -> String {
    let channels: Vec<_> = r
        .channels()
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.piece = 0;
            c
        })
        .collect();
    let findings: Vec<_> = r.findings().iter().collect();
    format!("{channels:?}\n{findings:?}")
}

/// Reads `data` four bytes at a time as edits, undos and redos on the example design. After
/// every applied edit, undo must give back exactly the design before it and redo exactly the
/// design after; a refused edit must change nothing; undoing everything must give back the
/// example. The report kept up to date edit by edit must equal a full check of the edited
/// design.
pub fn edits(data: &[u8]) {
    let base = base_design();
    let mut d = base.clone();
    let mut history = History::new();
    // Kept up to date edit by edit, as an open document keeps it.
    let mut report = check(&d, &APPS, CheckMode::Draft);
    for (step, chunk) in data.chunks(4).take(64).enumerate() {
        let b = |i: usize| chunk.get(i).copied().unwrap_or(0);
        let edit = match b(0) % 12 {
            10 => {
                let touched = history.next_undo().map(Edit::touched);
                if let (Some(_), Some(t)) = (history.undo(&mut d), touched) {
                    report.update(&d, &APPS, &t);
                }
                continue;
            }
            11 => {
                let touched = history.next_redo().map(Edit::touched);
                if let (Some(_), Some(t)) = (history.redo(&mut d), touched) {
                    report.update(&d, &APPS, &t);
                }
                continue;
            }
            op => make_edit(&d, op, b(1), b(2), b(3)),
        };
        let Some(edit) = edit else { continue };
        let before = d.clone();
        let touched = edit.touched();
        match history.apply(&mut d, "fuzz", edit.clone()) {
            Ok(()) => {
                report.update(&d, &APPS, &touched);
                let after = d.clone();
                history.undo(&mut d);
                report.update(&d, &APPS, &touched);
                assert_eq!(d, before, "undo of {edit:?}");
                history.redo(&mut d);
                report.update(&d, &APPS, &touched);
                assert_eq!(d, after, "redo of {edit:?}");
            }
            Err(_) => assert_eq!(d, before, "a refused {edit:?} changed the design"),
        }
        if step % 16 == 15 {
            let full = check(&d, &APPS, CheckMode::Draft);
            assert_eq!(
                said(&report),
                said(&full),
                "incremental check after {edit:?}"
            );
        }
    }
    assert_eq!(
        said(&report),
        said(&check(&d, &APPS, CheckMode::Draft)),
        "incremental check at the end"
    );
    let _ = check(&d, &APPS, CheckMode::Review);
    while history.undo(&mut d).is_some() {}
    assert_eq!(d, base, "undoing everything gives back the start");
    // The raw edit function's inverse is exact too, without the history around it.
    let mut d2 = base.clone();
    if let Some(e) = make_edit(&base, b0(data), 1, 2, 3) {
        if let Ok(inverse) = apply(&mut d2, e) {
            let _ = apply(&mut d2, inverse);
            assert_eq!(d2, base);
        }
    }
}

fn b0(data: &[u8]) -> u8 {
    data.first().copied().unwrap_or(0) % 10
}

fn pick<T: Clone>(items: &[T], i: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(i) % items.len()].clone())
}

/// One edit chosen by `op` with arguments `a`, `b`, `c` (ids are picked by index, so most
/// edits name parts that exist, and some deliberately do not).
fn make_edit(d: &Design, op: u8, a: u8, b: u8, c: u8) -> Option<Edit> {
    let all: Vec<Id> = d.ids().cloned().collect();
    let racks: Vec<Id> = d.racks.iter().map(|r| r.id.clone()).collect();
    let enclosures: Vec<Id> = d.enclosures.iter().map(|e| e.id.clone()).collect();
    let ports_of: Vec<Id> = d
        .modules
        .iter()
        .map(|m| m.id.clone())
        .chain(d.equipment.iter().map(|e| e.id.clone()))
        .collect();
    let cables: Vec<Id> = d.cables.iter().map(|c| c.id.clone()).collect();
    Some(match op {
        0 => Edit::Remove(pick(&all, a)?),
        1 => Edit::Label {
            id: pick(&all, a)?,
            label: format!("L{b}"),
        },
        2 => Edit::Mount {
            id: pick(&all, a)?,
            mount: (c != 0).then(|| Mount {
                rack: pick(&racks, b).unwrap_or(Id::from("nowhere")),
                u: c % 50,
            }),
        },
        3 => Edit::Slot {
            id: pick(&all, a)?,
            slot: (c != 0).then(|| SlotRef {
                enclosure: pick(&enclosures, b).unwrap_or(Id::from("nowhere")),
                slot: c % 16,
            }),
        },
        4 => Edit::Plug {
            cable: pick(&cables, a)?,
            end: usize::from(b % 6),
            port: (c & 0x80 != 0).then(|| PortRef {
                part: pick(&ports_of, c).unwrap_or(Id::from("nowhere")),
                side: if c & 1 == 0 { Side::Front } else { Side::Rear },
                port: u16::from(b % 13),
            }),
        },
        5 => {
            let cable = d.cables.get(usize::from(a) % d.cables.len().max(1))?;
            let mut spec = cable.spec.clone();
            spec.length_m = f64::from(b) * 0.5;
            Edit::CableSpec {
                id: cable.id.clone(),
                spec,
            }
        }
        6 => {
            // A copy of a part under a fresh id.
            let id = pick(&all, a)?;
            let fresh = fresh_id(d, "FZ");
            let part = if let Some(c) = d.cables.iter().find(|c| c.id == id) {
                let mut c = c.clone();
                c.id = fresh;
                Part::Cable(c)
            } else if let Some(m) = d.modules.iter().find(|m| m.id == id) {
                let mut m = m.clone();
                m.id = fresh;
                Part::Module(m)
            } else if let Some(e) = d.equipment.iter().find(|e| e.id == id) {
                let mut e = e.clone();
                e.id = fresh;
                Part::Equipment(e)
            } else {
                return None;
            };
            Edit::Insert {
                index: usize::from(b),
                part,
            }
        }
        7 => delete(d, &pick(&all, a)?),
        8 => {
            let id = pick(&all, a)?;
            match fiberplan_edit::advice::swap_cassette_for_breakout(d, &id) {
                Ok(e) => e,
                Err(_) => fiberplan_edit::advice::swap_breakout_for_cassette(d, &id, "FP-HD")?,
            }
        }
        _ => Edit::Batch(vec![
            make_edit(d, a % 8, b, c, a)?,
            make_edit(d, b % 8, c, a, b).unwrap_or(Edit::Batch(Vec::new())),
        ]),
    })
}
