//! Writes the built-in catalog (`assets/catalog.ron`) and the example designs
//! (`saved_designs/*.ron`) from the same builders the tests use.
//!
//! Run from the repository root: `cargo run --example write_samples`.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{breakout, Duplex, Parallel};
use fiberplan_engine::catalog::{Catalog, CatalogEntry, PartTemplate};
use fiberplan_io::save_design;
use fiberplan_model::specs::DEFAULT_SLOT_FORMAT;
use fiberplan_model::*;
use std::path::Path;

const LGX: &str = "FP-LGX";

fn entry(part_number: &str, name: &str, group: &str, part: PartTemplate) -> CatalogEntry {
    CatalogEntry {
        part_number: part_number.to_owned(),
        name: name.to_owned(),
        group: group.to_owned(),
        part,
        unconfirmed: Vec::new(),
    }
}

fn gender_code(g: Gender) -> &'static str {
    match g {
        Gender::Pinned => "M",
        Gender::Unpinned => "F",
    }
}

/// The built-in catalog, group by group.
fn catalog() -> Catalog {
    let mut e = Vec::new();
    racks_and_enclosures(&mut e);
    cassettes(&mut e);
    adapter_panels(&mut e);
    trunks(&mut e);
    mpo_cords(&mut e);
    lc_cords(&mut e);
    breakouts(&mut e);
    conversion_parts(&mut e);
    equipment(&mut e);
    Catalog { entries: e }
}

/// Racks and enclosures.
fn racks_and_enclosures(e: &mut Vec<CatalogEntry>) {
    for h in [42u8, 48] {
        e.push(entry(
            &format!("RK-{h}U"),
            &format!("{h}U rack"),
            "Racks",
            PartTemplate::Rack { height_u: h },
        ));
    }
    e.push(entry(
        "ENC-1U-3",
        "1U enclosure, 3 LGX slots",
        "Enclosures",
        PartTemplate::Enclosure(EnclosureSpec {
            height_u: 1,
            slots: 3,
            slot_format: LGX.to_owned(),
        }),
    ));
    e.push(entry(
        "ENC-1U-4",
        "1U enclosure, 4 HD slots",
        "Enclosures",
        PartTemplate::Enclosure(EnclosureSpec::new(1, 4)),
    ));
    e.push(entry(
        "ENC-4U-12",
        "4U enclosure, 12 HD slots",
        "Enclosures",
        PartTemplate::Enclosure(EnclosureSpec::new(4, 12)),
    ));
}

/// Cassettes: 8F/12F/24F, Type A/B, pinned/unpinned, OM4 UPC and OS2 APC, low loss.
fn cassettes(e: &mut Vec<CatalogEntry>) {
    for connector in [Connector::Mpo12, Connector::Mpo24, Connector::Mpo8] {
        for polarity in [CassettePolarity::A, CassettePolarity::B] {
            for gender in [Gender::Pinned, Gender::Unpinned] {
                for fiber in [FiberType::OM4, FiberType::OS2] {
                    let spec =
                        CassetteSpec::standard(connector, polarity, gender, fiber, 0.35, 0.15);
                    let n = connector.fiber_count();
                    let pol = format!("{polarity:?}");
                    let finish = if fiber == FiberType::OS2 {
                        "OS2-APC"
                    } else {
                        "OM4"
                    };
                    e.push(entry(
                        &format!("CAS-{n}F-{pol}-{}-{finish}", gender_code(gender)),
                        &format!(
                            "{n}F cassette Type {pol}, {gender}, {finish}, {} LC ports",
                            spec.front_ports()
                        ),
                        "Cassettes",
                        PartTemplate::Module(ModuleSpec::cassette(spec)),
                    ));
                }
            }
        }
    }
    e.push(entry(
        "CAS-12F-B-M-OM4-STD",
        "12F cassette Type B, pinned, OM4, standard loss (0.75/0.5 dB)",
        "Cassettes",
        PartTemplate::Module(ModuleSpec::cassette(CassetteSpec::standard(
            Connector::Mpo12,
            CassettePolarity::B,
            Gender::Pinned,
            FiberType::OM4,
            0.75,
            0.5,
        ))),
    ));
    for polarity in [CassettePolarity::A, CassettePolarity::B] {
        let mut m = ModuleSpec::cassette(CassetteSpec::standard(
            Connector::Mpo12,
            polarity,
            Gender::Pinned,
            FiberType::OM4,
            0.35,
            0.15,
        ));
        m.slot_format = LGX.to_owned();
        e.push(entry(
            &format!("CAS-LGX-12F-{polarity:?}-M-OM4"),
            &format!("12F LGX cassette Type {polarity:?}, pinned, OM4"),
            "Cassettes",
            PartTemplate::Module(m),
        ));
    }
}

/// Adapter panels.
fn adapter_panels(e: &mut Vec<CatalogEntry>) {
    for (pn, name, adapter, ports, loss) in [
        (
            "PNL-MPO-UD-6",
            "MPO panel, 6 key-up/key-down adapters",
            AdapterKind::MpoKeyUpKeyDown,
            6,
            0.35,
        ),
        (
            "PNL-MPO-UU-6",
            "MPO panel, 6 key-up/key-up adapters",
            AdapterKind::MpoKeyUpKeyUp,
            6,
            0.35,
        ),
        (
            "PNL-LC-12",
            "LC panel, 12 duplex adapters",
            AdapterKind::LcDuplex,
            12,
            0.15,
        ),
    ] {
        e.push(entry(
            pn,
            name,
            "Adapter panels",
            PartTemplate::Module(if adapter.is_mpo() {
                ModuleSpec::mpo_panel(adapter, Connector::Mpo12, ports, loss)
            } else {
                ModuleSpec::adapter_panel(adapter, ports, loss)
            }),
        ));
    }
}

/// Trunks: 8F/12F/24F, Type A/B/C, unpinned-unpinned and pinned-pinned, OM4.
fn trunks(e: &mut Vec<CatalogEntry>) {
    for connector in [Connector::Mpo8, Connector::Mpo12, Connector::Mpo24] {
        for polarity in [ArrayPolarity::A, ArrayPolarity::B, ArrayPolarity::C] {
            for g in [Gender::Unpinned, Gender::Pinned] {
                let n = connector.fiber_count();
                let gc = gender_code(g);
                e.push(entry(
                    &format!("TRK-{n}F-{polarity:?}-{gc}{gc}-OM4"),
                    &format!("{n}F MPO trunk Type {polarity:?}, {g} both ends, OM4"),
                    "Trunks",
                    PartTemplate::Cable(CableSpec::trunk(
                        connector,
                        polarity,
                        FiberType::OM4,
                        30.0,
                        [g, g],
                    )),
                ));
            }
        }
    }
    for (pn, name, connector, fiber) in [
        (
            "TRK-12F-B-FF-OS2-APC",
            "12F MPO trunk Type B, unpinned, OS2 APC",
            Connector::Mpo12,
            FiberType::OS2,
        ),
        (
            "TRK-24F-B-FF-OS2-APC",
            "24F MPO trunk Type B, unpinned, OS2 APC",
            Connector::Mpo24,
            FiberType::OS2,
        ),
        (
            "TRK-12F-B-FF-OM3",
            "12F MPO trunk Type B, unpinned, OM3",
            Connector::Mpo12,
            FiberType::OM3,
        ),
        (
            "TRK-16F-B-FF-OM4",
            "16F MPO trunk Type B, unpinned, OM4",
            Connector::Mpo16,
            FiberType::OM4,
        ),
    ] {
        let u = Gender::Unpinned;
        e.push(entry(
            pn,
            name,
            "Trunks",
            PartTemplate::Cable(CableSpec::trunk(
                connector,
                ArrayPolarity::B,
                fiber,
                30.0,
                [u, u],
            )),
        ));
    }
}

/// MPO patch cords.
fn mpo_cords(e: &mut Vec<CatalogEntry>) {
    let (u, p) = (Gender::Unpinned, Gender::Pinned);
    for (pn, name, connector, polarity, fiber, genders) in [
        (
            "MPC-12F-B-FF-OM4",
            "MPO-12 cord Type B, unpinned both ends, OM4",
            Connector::Mpo12,
            ArrayPolarity::B,
            FiberType::OM4,
            [u, u],
        ),
        (
            "MPC-12F-B-FM-OM4",
            "MPO-12 cord Type B, unpinned to pinned, OM4",
            Connector::Mpo12,
            ArrayPolarity::B,
            FiberType::OM4,
            [u, p],
        ),
        (
            "MPC-12F-A-FF-OM4",
            "MPO-12 cord Type A, unpinned both ends, OM4",
            Connector::Mpo12,
            ArrayPolarity::A,
            FiberType::OM4,
            [u, u],
        ),
        (
            "MPC-12F-A-FM-OM4",
            "MPO-12 cord Type A, unpinned to pinned, OM4",
            Connector::Mpo12,
            ArrayPolarity::A,
            FiberType::OM4,
            [u, p],
        ),
        (
            "MPC-12F-C-FF-OM4",
            "MPO-12 cord Type C, unpinned both ends, OM4",
            Connector::Mpo12,
            ArrayPolarity::C,
            FiberType::OM4,
            [u, u],
        ),
        (
            "MPC-12F-B-FF-OS2-APC",
            "MPO-12 cord Type B, unpinned, OS2 APC",
            Connector::Mpo12,
            ArrayPolarity::B,
            FiberType::OS2,
            [u, u],
        ),
        (
            "MPC-12F-B-FM-OS2-APC",
            "MPO-12 cord Type B, unpinned to pinned, OS2 APC",
            Connector::Mpo12,
            ArrayPolarity::B,
            FiberType::OS2,
            [u, p],
        ),
        (
            "MPC-16F-B-FF-OM4",
            "MPO-16 cord Type B, unpinned both ends, OM4",
            Connector::Mpo16,
            ArrayPolarity::B,
            FiberType::OM4,
            [u, u],
        ),
        (
            "MPC-16F-B-FM-OM4",
            "MPO-16 cord Type B, unpinned to pinned, OM4",
            Connector::Mpo16,
            ArrayPolarity::B,
            FiberType::OM4,
            [u, p],
        ),
    ] {
        e.push(entry(
            pn,
            name,
            "MPO cords",
            PartTemplate::Cable(CableSpec::mpo_cord(
                connector, polarity, fiber, 3.0, genders,
            )),
        ));
    }
}

/// LC duplex cords.
fn lc_cords(e: &mut Vec<CatalogEntry>) {
    for (pn, name, polarity, fiber) in [
        (
            "LCC-AB-OM4",
            "LC duplex cord A-to-B, OM4",
            DuplexPolarity::AB,
            FiberType::OM4,
        ),
        (
            "LCC-AA-OM4",
            "LC duplex cord A-to-A, OM4",
            DuplexPolarity::AA,
            FiberType::OM4,
        ),
        (
            "LCC-AB-OM3",
            "LC duplex cord A-to-B, OM3",
            DuplexPolarity::AB,
            FiberType::OM3,
        ),
        (
            "LCC-AB-OS2",
            "LC duplex cord A-to-B, OS2 UPC",
            DuplexPolarity::AB,
            FiberType::OS2,
        ),
        (
            "LCC-AA-OS2",
            "LC duplex cord A-to-A, OS2 UPC",
            DuplexPolarity::AA,
            FiberType::OS2,
        ),
    ] {
        e.push(entry(
            pn,
            name,
            "LC cords",
            PartTemplate::Cable(CableSpec::lc_cord(polarity, fiber, 2.0)),
        ));
    }
}

/// Breakouts for four-lane optics: leg k carries lane k (Tx lane k on A).
fn breakouts(e: &mut Vec<CatalogEntry>) {
    e.push(entry(
        "BRK-8F-4LC-OM4",
        "MPO-8 (unpinned) to 4 x LC duplex breakout, OM4",
        "Breakouts",
        PartTemplate::Cable(CableSpec::parallel_breakout(FiberType::OM4, 3.0)),
    ));
    e.push(entry(
        "BRK-8F-4LC-OS2-APC",
        "MPO-8 APC (unpinned) to 4 x LC duplex breakout, OS2",
        "Breakouts",
        PartTemplate::Cable(CableSpec::parallel_breakout(FiberType::OS2, 3.0)),
    ));
}

/// Conversion parts.
fn conversion_parts(e: &mut Vec<CatalogEntry>) {
    let u = Gender::Unpinned;
    let link = |a: (u8, u8), b: (u8, u8)| FiberLink {
        a: PlugPosition {
            plug: a.0,
            position: a.1,
        },
        b: PlugPosition {
            plug: b.0,
            position: b.1,
        },
    };
    let to_two_12 = (1..=24u8)
        .map(|p| link((1, p), (if p <= 12 { 2 } else { 3 }, (p - 1) % 12 + 1)))
        .collect();
    let upc = |g| PlugSpec {
        gender: Some(g),
        polish: Polish::UPC,
    };
    e.push(entry(
        "HRN-24F-2x12F-OM4",
        "Conversion harness MPO-24 to 2 x MPO-12, unpinned, OM4",
        "Conversion",
        PartTemplate::Cable(CableSpec {
            kind: CableKind::Harness {
                connectors: vec![Connector::Mpo24, Connector::Mpo12, Connector::Mpo12],
                fibers: to_two_12,
            },
            fiber: FiberType::OM4,
            length_m: 1.0,
            plugs: vec![upc(u), upc(u), upc(u)],
            loss_class_db: 0.35,
            splices: 0,
            splice_loss_db: 0.3,
            attenuation_db_per_km: None,
        }),
    ));
    // 2 x MPO-12 (rear) to 3 x MPO-8 (front): rear 1 positions 1-4 and 9-12 make front 1,
    // rear 1 and rear 2 positions 5-8 make front 2, rear 2 positions 1-4 and 9-12 make front 3.
    let mut three_8 = Vec::new();
    for i in 0..4u8 {
        three_8.push(link((1, 1 + i), (3, 1 + i)));
        three_8.push(link((1, 9 + i), (3, 9 + i)));
        three_8.push(link((1, 5 + i), (4, 1 + i)));
        three_8.push(link((2, 5 + i), (4, 9 + i)));
        three_8.push(link((2, 1 + i), (5, 1 + i)));
        three_8.push(link((2, 9 + i), (5, 9 + i)));
    }
    let port = |side, number, connector| ConverterPort {
        side,
        number,
        connector,
        gender: Some(Gender::Pinned),
        polish: Polish::UPC,
        adapter: AdapterKind::MpoKeyUpKeyDown,
        loss_db: 0.35,
    };
    e.push(entry(
        "CNV-2x12F-3x8F-OM4",
        "Conversion module 2 x MPO-12 (rear) to 3 x MPO-8 (front), pinned, OM4",
        "Conversion",
        PartTemplate::Module(ModuleSpec {
            slot_format: DEFAULT_SLOT_FORMAT.to_owned(),
            kind: ModuleKind::Converter(ConverterSpec {
                fiber: FiberType::OM4,
                ports: vec![
                    port(Side::Rear, 1, Connector::Mpo12),
                    port(Side::Rear, 2, Connector::Mpo12),
                    port(Side::Front, 1, Connector::Mpo8),
                    port(Side::Front, 2, Connector::Mpo8),
                    port(Side::Front, 3, Connector::Mpo8),
                ],
                fibers: three_8,
            }),
        }),
    ));
}

/// Equipment.
fn equipment(e: &mut Vec<CatalogEntry>) {
    let mm = FiberClass::Multimode50;
    let sm = FiberClass::Singlemode;
    let sr8 = TransceiverSpec {
        application: "400GBASE-SR8".into(),
        connector: Connector::Mpo16,
        gender: Some(Gender::Pinned),
        polish: Polish::UPC,
        media: mm,
        // Receptacle view: Tx on 1-8, Rx on 16-9; in the plug's frame Tx on 16-9, Rx on 1-8.
        lanes: (1..=8u8).map(|k| Lane { tx: 17 - k, rx: k }).collect(),
    };
    for (pn, name, ports, prefix, x) in [
        (
            "SW-48x10G-SR",
            "Switch 48 x 10GBASE-SR (SFP+)",
            48u16,
            "Eth",
            TransceiverSpec::duplex("10GBASE-SR", mm),
        ),
        (
            "SW-48x25G-SR",
            "Switch 48 x 25GBASE-SR (SFP28)",
            48,
            "Eth",
            TransceiverSpec::duplex("25GBASE-SR", mm),
        ),
        (
            "SW-32x40G-SR4",
            "Switch 32 x 40GBASE-SR4 (QSFP+)",
            32,
            "Eth",
            TransceiverSpec::four_lane("40GBASE-SR4", mm, Polish::UPC),
        ),
        (
            "SW-32x100G-SR4",
            "Switch 32 x 100GBASE-SR4 (QSFP28)",
            32,
            "Eth",
            TransceiverSpec::four_lane("100GBASE-SR4", mm, Polish::UPC),
        ),
        (
            "SW-32x100G-DR",
            "Switch 32 x 100GBASE-DR (QSFP28)",
            32,
            "Eth",
            TransceiverSpec::duplex("100GBASE-DR", sm),
        ),
        (
            "SW-32x400G-DR4",
            "Switch 32 x 400GBASE-DR4 (QSFP-DD)",
            32,
            "Eth",
            TransceiverSpec::four_lane("400GBASE-DR4", sm, Polish::APC),
        ),
        (
            "SW-32x400G-SR4.2",
            "Switch 32 x 400GBASE-SR4.2 (QSFP-DD, BiDi)",
            32,
            "Eth",
            TransceiverSpec::four_lane("400GBASE-SR4.2", mm, Polish::UPC),
        ),
        (
            "SW-32x400G-SR8",
            "Switch 32 x 400GBASE-SR8 (QSFP-DD)",
            32,
            "Eth",
            sr8,
        ),
        (
            "SW-48x10G-LR",
            "Switch 48 x 10GBASE-LR (SFP+)",
            48,
            "Eth",
            TransceiverSpec::duplex("10GBASE-LR", sm),
        ),
        (
            "SW-32x100G-LR4",
            "Switch 32 x 100GBASE-LR4 (QSFP28)",
            32,
            "Eth",
            TransceiverSpec::duplex("100GBASE-LR4", sm),
        ),
        (
            "SRV-2x25G-SR",
            "Server 2 x 25GBASE-SR",
            2,
            "NIC",
            TransceiverSpec::duplex("25GBASE-SR", mm),
        ),
        (
            "SRV-2x10G-SR",
            "Server 2 x 10GBASE-SR",
            2,
            "NIC",
            TransceiverSpec::duplex("10GBASE-SR", mm),
        ),
        (
            "SRV-2x100G-DR",
            "Server 2 x 100GBASE-DR",
            2,
            "NIC",
            TransceiverSpec::duplex("100GBASE-DR", sm),
        ),
    ] {
        e.push(entry(
            pn,
            name,
            if pn.starts_with("SW") {
                "Switches"
            } else {
                "Servers"
            },
            PartTemplate::Equipment(EquipmentSpec::with_ports(1, prefix, ports, x)),
        ));
    }
}

/// Puts a two-ended channel's parts in two racks, so the example opens laid out.
fn place_two_racks(d: &mut Design) {
    d.add_rack("A01", "A01", 42).row = "A".into();
    d.add_rack("A02", "A02", 42).row = "A".into();
    for (enc, rack) in [("A01-U40", "A01"), ("A02-U40", "A02")] {
        d.add_enclosure(
            enc,
            EnclosureSpec::new(1, 4),
            Some(Mount {
                rack: rack.into(),
                u: 40,
            }),
        );
    }
    let ids: Vec<Id> = d.modules.iter().map(|m| m.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        if let Some(m) = d.module_mut(id.as_str()) {
            m.slot = Some(SlotRef {
                enclosure: if i % 2 == 0 { "A01-U40" } else { "A02-U40" }.into(),
                slot: 1,
            });
        }
    }
    // The first equipment goes on top of A01, the others from the bottom of A02.
    for (i, e) in d.equipment.iter_mut().enumerate() {
        e.mount = Some(if i == 0 {
            Mount {
                rack: "A01".into(),
                u: 42,
            }
        } else {
            Mount {
                rack: "A02".into(),
                u: i as u8,
            }
        });
    }
}

fn leaf_and_servers() -> Design {
    let mut d = Design::new("Two racks: leaf switch to 12 servers over Method B trunks");
    for (id, row) in [("A01", "A"), ("A02", "A")] {
        let r = d.add_rack(id, id, 42);
        r.row = row.into();
        r.site = "DC1".into();
    }
    let leaf = TransceiverSpec::duplex("25GBASE-SR", FiberClass::Multimode50);
    d.add_equipment(
        "LEAF1",
        EquipmentSpec::with_ports(1, "Eth", 48, leaf.clone()),
        Some(Mount {
            rack: "A01".into(),
            u: 42,
        }),
    );
    d.equipment[0].catalog = Some("SW-48x25G-SR".into());
    for (enc, rack) in [("A01-U40", "A01"), ("A02-U40", "A02")] {
        d.add_enclosure(
            enc,
            EnclosureSpec::new(1, 4),
            Some(Mount {
                rack: rack.into(),
                u: 40,
            }),
        );
        d.enclosures.last_mut().unwrap().catalog = Some("ENC-1U-4".into());
    }
    let cassette = CassetteSpec::standard(
        Connector::Mpo12,
        CassettePolarity::B,
        Gender::Pinned,
        FiberType::OM4,
        0.35,
        0.15,
    );
    for slot in 1..=4u8 {
        for enc in ["A01-U40", "A02-U40"] {
            let id = format!("{enc}-S{slot}");
            d.add_module(
                &id,
                ModuleSpec::cassette(cassette.clone()),
                Some(SlotRef {
                    enclosure: enc.into(),
                    slot,
                }),
            );
            d.modules.last_mut().unwrap().catalog = Some("CAS-12F-B-M-OM4".into());
        }
        let u = Gender::Unpinned;
        let trunk = format!("TRK-A01-A02-{slot}");
        d.add_cable(
            &trunk,
            CableSpec::trunk(
                Connector::Mpo12,
                ArrayPolarity::B,
                FiberType::OM4,
                15.0,
                [u, u],
            ),
            vec![
                Some(PortRef::rear(&format!("A01-U40-S{slot}"), 1)),
                Some(PortRef::rear(&format!("A02-U40-S{slot}"), 1)),
            ],
        );
        d.cables.last_mut().unwrap().catalog = Some("TRK-12F-B-FF-OM4".into());
    }
    for s in 1..=12u16 {
        let id = format!("SRV{s:02}");
        d.add_equipment(
            &id,
            EquipmentSpec::with_ports(1, "NIC", 2, leaf.clone()),
            Some(Mount {
                rack: "A02".into(),
                u: 26 + s as u8,
            }),
        );
        d.equipment.last_mut().unwrap().catalog = Some("SRV-2x25G-SR".into());
    }
    // Leaf port p -> A01 cassette ceil(p/6) port k; Method B: port k meets far port 7 - k.
    for p in 1..=24u16 {
        let slot = (p - 1) / 6 + 1;
        let k = (p - 1) % 6 + 1;
        let server = (p - 1) / 2 + 1;
        let nic = (p - 1) % 2 + 1;
        d.add_cable(
            &format!("PC-A01-{p:02}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 3.0),
            vec![
                Some(PortRef::front("LEAF1", p)),
                Some(PortRef::front(&format!("A01-U40-S{slot}"), k)),
            ],
        );
        d.cables.last_mut().unwrap().catalog = Some("LCC-AB-OM4".into());
        d.add_cable(
            &format!("PC-A02-{p:02}"),
            CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 3.0),
            vec![
                Some(PortRef::front(&format!("A02-U40-S{slot}"), 7 - k)),
                Some(PortRef::front(&format!("SRV{server:02}"), nic)),
            ],
        );
        d.cables.last_mut().unwrap().catalog = Some("LCC-AB-OM4".into());
    }
    d
}

fn named(mut d: Design, name: &str) -> Design {
    d.name = name.to_owned();
    d
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = ron::ser::to_string_pretty(
        &catalog(),
        ron::ser::PrettyConfig::new()
            .depth_limit(6)
            .indentor("  ".to_owned()),
    )?;
    std::fs::write(
        "assets/catalog.ron",
        format!("// Fiberplan built-in catalog. Add parts in a file of the same shape.\n{text}\n"),
    )?;

    let mut designs: Vec<(&str, Design)> = vec![
        (
            "method-a-duplex.ron",
            named(
                Duplex::method_a().build(),
                "TIA Method A duplex channel (R1)",
            ),
        ),
        (
            "method-b-duplex.ron",
            named(
                Duplex::method_b().build(),
                "TIA Method B duplex channel (R3)",
            ),
        ),
        (
            "method-c-duplex.ron",
            named(
                Duplex::method_c().build(),
                "TIA Method C duplex channel (R5)",
            ),
        ),
        (
            "method-a-wrong-cord-error.ron",
            named(
                Duplex {
                    far_cord: DuplexPolarity::AB,
                    ..Duplex::method_a()
                }
                .build(),
                "Method A with an A-to-B cord at the far end: Tx meets Tx (R2)",
            ),
        ),
        (
            "method-b-wrong-cord-error.ron",
            named(
                Duplex {
                    far_cord: DuplexPolarity::AA,
                    ..Duplex::method_b()
                }
                .build(),
                "Method B with an A-to-A cord at the far end: Tx meets Tx (R4)",
            ),
        ),
        (
            "method-c-wrong-cord-error.ron",
            named(
                Duplex {
                    far_cord: DuplexPolarity::AA,
                    ..Duplex::method_c()
                }
                .build(),
                "Method C with an A-to-A cord at the far end: Tx meets Tx",
            ),
        ),
        (
            "sr4-parallel-type-b.ron",
            named(
                Parallel::p5().build(),
                "100GBASE-SR4 over a Type B trunk, 96 m (P5, L1)",
            ),
        ),
        (
            "sr4-breakout-4x25g.ron",
            named(
                breakout(|k| (13 - k, k)),
                "100GBASE-SR4 broken out to four 25GBASE-SR ports (P10)",
            ),
        ),
        (
            "gender-pinned-trunk-error.ron",
            named(
                Duplex {
                    trunk_genders: [Gender::Pinned, Gender::Pinned],
                    ..Duplex::method_b()
                }
                .build(),
                "Pinned trunk into pinned cassettes (R8)",
            ),
        ),
        (
            "loss-budget-error.ron",
            named(
                Duplex {
                    cord_m: 2.0,
                    trunk_m: 96.0,
                    mpo_loss_db: 0.75,
                    lc_loss_db: 0.5,
                    ..Duplex::method_b()
                }
                .build(),
                "25GBASE-SR through standard-loss cassettes: 2.8 dB over a 1.9 dB budget (L4)",
            ),
        ),
        (
            "mixed-singlemode-multimode-error.ron",
            named(
                Duplex {
                    trunk_fiber: FiberType::OS2,
                    ..Duplex::method_b()
                }
                .build(),
                "OS2 trunk between OM4 cassettes (M2)",
            ),
        ),
    ];
    for (_, d) in designs.iter_mut() {
        place_two_racks(d);
    }
    designs.push(("two-rack-leaf-servers.ron", leaf_and_servers()));
    for (file, d) in &designs {
        save_design(d, &Path::new("saved_designs").join(file))?;
    }
    Ok(())
}
