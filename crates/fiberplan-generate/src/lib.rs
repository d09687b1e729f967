//! Synthetic data halls, so anyone can reproduce a large case: rows of racks, each row with
//! network racks of leaf switches and server racks of 1U servers, 4U enclosures of 12-fiber
//! Method B cassettes in both, Type B trunks between them, A-to-B patch cords at both ends,
//! and a chosen share of deliberate faults. The same options always give the same design.

use fiberplan_model::{
    ArrayPolarity, CableSpec, CassettePolarity, CassetteSpec, Connector, Design, DuplexPolarity,
    EnclosureSpec, EquipmentSpec, FiberClass, FiberType, Gender, ModuleSpec, Mount, PortRef,
    SlotRef, TransceiverSpec,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateOptions {
    /// Racks in all (network and server).
    pub racks: u32,
    /// Seed of the pseudo-random choices (fault placement).
    pub seed: u64,
    /// Share of channels given a deliberate fault, in percent (0 to 100).
    pub fault_percent: f64,
}

/// Racks per row: two network racks and six server racks.
pub const ROW: u32 = 8;
/// Server racks one network rack serves.
const SERVED: u32 = 3;
/// Servers per server rack (1U each, U1 to U34).
const SERVERS: u16 = 34;
/// Ports per server.
const SERVER_PORTS: u16 = 4;
/// Cassettes per server rack: two 4U enclosures of 12 slots; 6 duplex ports each.
const CASSETTES: u16 = 24;
/// Ports per leaf switch.
const SWITCH_PORTS: u16 = 48;
const APPLICATION: &str = "25GBASE-SR";

/// The kinds of fault the generator plants, each one a rule the check must catch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A server cord is A-to-A: Tx meets Tx (polarity).
    CordPolarity,
    /// A server cord is singlemode on a multimode channel (fiber type).
    CordFiberType,
    /// A trunk is 250 m: beyond 25GBASE-SR's 100 m on OM4 (reach).
    TrunkReach,
    /// A trunk has a pinned end meeting a pinned cassette (gender).
    TrunkGender,
}

/// Figures of a generated design.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Server channels (each two traced fibers).
    pub channels: usize,
    /// Fiber strands in all cables (trunk fibers plus two per duplex cord).
    pub strands: usize,
    /// Faults planted, with the part each is in.
    pub faults: Vec<(Fault, String)>,
}

/// Row `r` as letters: A..Z, then AA, AB, ...
fn row_name(mut r: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (r % 26) as u8);
        if r < 26 {
            break;
        }
        r = r / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

fn mount(rack: &str, u: u8) -> Option<Mount> {
    Some(Mount {
        rack: rack.into(),
        u,
    })
}

/// Adds two 4U 12-slot enclosures full of Method B cassettes to `rack` for `CASSETTES`
/// cassettes, at U `base` and `base + 4`; returns the cassette ids in order.
fn cassettes(d: &mut Design, rack: &str, base: u8, tag: &str) -> Vec<String> {
    let spec = CassetteSpec::standard(
        Connector::Mpo12,
        CassettePolarity::B,
        Gender::Pinned,
        FiberType::OM4,
        0.35,
        0.15,
    );
    let mut ids = Vec::new();
    for e in 0..2u8 {
        let u = base + 4 * e;
        let enc = format!("{rack}-U{u}{tag}");
        d.add_enclosure(&enc, EnclosureSpec::new(4, 12), mount(rack, u));
        if let Some(x) = d.enclosures.last_mut() {
            x.catalog = Some("ENC-4U-12".into());
        }
        for slot in 1..=12u8 {
            let id = format!("{enc}-S{slot}");
            d.add_module(
                &id,
                ModuleSpec::cassette(spec.clone()),
                Some(SlotRef {
                    enclosure: enc.as_str().into(),
                    slot,
                }),
            );
            if let Some(x) = d.modules.last_mut() {
                x.catalog = Some("CAS-12F-B-M-OM4".into());
            }
            ids.push(id);
        }
    }
    ids
}

/// Generates the design and its figures.
pub fn generate(opts: GenerateOptions) -> (Design, Generated) {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let p = (opts.fault_percent / 100.0).clamp(0.0, 1.0);
    let mut d = Design::new(&format!(
        "Generated data hall: {} racks, seed {}, {}% faults",
        opts.racks, opts.seed, opts.fault_percent
    ));
    let mut g = Generated::default();
    let xcvr = TransceiverSpec::duplex(APPLICATION, FiberClass::Multimode50);
    let rows = opts.racks.div_ceil(ROW);
    for r in 0..rows {
        let row = row_name(r);
        let in_row = (opts.racks - r * ROW).min(ROW);
        let names: Vec<String> = (1..=in_row).map(|c| format!("{row}{c:02}")).collect();
        for name in &names {
            let rack = d.add_rack(name, name, 42);
            rack.row = row.clone();
            rack.site = "DH1".into();
        }
        // Racks 1 and 2 of a row are network racks (one alone in a row of up to 4); each
        // serves the server racks after it in turn.
        let network_racks = if in_row <= 4 { 1 } else { 2 }.min(in_row as usize);
        let servers: Vec<&String> = names.iter().skip(network_racks).collect();
        for (ni, net) in names.iter().take(network_racks).enumerate() {
            let served: Vec<&String> = servers
                .iter()
                .copied()
                .skip(ni * SERVED as usize)
                .take(if network_racks == 1 {
                    servers.len()
                } else {
                    SERVED as usize
                })
                .collect();
            let switches = (served.len() as u32 * u32::from(SERVERS * SERVER_PORTS))
                .div_ceil(u32::from(SWITCH_PORTS));
            for s in 1..=switches {
                let id = format!("{net}-SW{s:02}");
                // Switches from U42 down; enclosures from U1 up.
                d.add_equipment(
                    &id,
                    EquipmentSpec::with_ports(1, "Eth", SWITCH_PORTS, xcvr.clone()),
                    mount(net, 43 - s as u8),
                );
                if let Some(x) = d.equipment.last_mut() {
                    x.catalog = Some("SW-48x25G-SR".into());
                }
            }
            let mut next_switch_port: u32 = 0;
            for (si, srv_rack) in served.iter().enumerate() {
                let near = cassettes(&mut d, net, 1 + 8 * si as u8, &format!("-{srv_rack}"));
                let far = cassettes(&mut d, srv_rack, 35, "");
                for s in 1..=SERVERS {
                    let id = format!("{srv_rack}-SRV{s:02}");
                    d.add_equipment(
                        &id,
                        EquipmentSpec::with_ports(1, "NIC", SERVER_PORTS, xcvr.clone()),
                        mount(srv_rack, s as u8),
                    );
                    if let Some(x) = d.equipment.last_mut() {
                        x.catalog = Some("SRV-4x25G-SR".into());
                    }
                }
                let distance = (names.iter().position(|n| n == *srv_rack).unwrap_or(0) as f64
                    - ni as f64)
                    .abs();
                for c in 0..CASSETTES as usize {
                    let id = format!("TRK-{srv_rack}-{:02}", c + 1);
                    let mut genders = [Gender::Unpinned, Gender::Unpinned];
                    let mut length = 5.0 + 0.6 * distance;
                    if rng.random_bool(p / 2.0) {
                        if rng.random_bool(0.5) {
                            length = 250.0;
                            g.faults.push((Fault::TrunkReach, id.clone()));
                        } else {
                            genders[1] = Gender::Pinned;
                            g.faults.push((Fault::TrunkGender, id.clone()));
                        }
                    }
                    d.add_cable(
                        &id,
                        CableSpec::trunk(
                            Connector::Mpo12,
                            ArrayPolarity::B,
                            FiberType::OM4,
                            (length * 10.0_f64).round() / 10.0,
                            genders,
                        ),
                        vec![
                            Some(PortRef::rear(&near[c], 1)),
                            Some(PortRef::rear(&far[c], 1)),
                        ],
                    );
                    if let Some(x) = d.cables.last_mut() {
                        x.catalog = Some("TRK-12F-B-FF-OM4".into());
                    }
                    g.strands += 12;
                }
                // Channel i: network cassette i/6 port k to server cassette i/6 port 7 - k
                // (Method B with 6-port cassettes).
                for i in 0..u32::from(SERVERS * SERVER_PORTS) {
                    let c = (i / 6) as usize;
                    let k = (i % 6) as u16 + 1;
                    let server = i / u32::from(SERVER_PORTS) + 1;
                    let nic = (i % u32::from(SERVER_PORTS)) as u16 + 1;
                    let sw = next_switch_port / u32::from(SWITCH_PORTS) + 1;
                    let sw_port = (next_switch_port % u32::from(SWITCH_PORTS)) as u16 + 1;
                    next_switch_port += 1;
                    d.add_cable(
                        &format!("PC-{net}-{srv_rack}-{:03}", i + 1),
                        CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 3.0),
                        vec![
                            Some(PortRef::front(&format!("{net}-SW{sw:02}"), sw_port)),
                            Some(PortRef::front(&near[c], k)),
                        ],
                    );
                    if let Some(x) = d.cables.last_mut() {
                        x.catalog = Some("LCC-AB-OM4".into());
                    }
                    let id = format!("PC-{srv_rack}-{:03}", i + 1);
                    let mut cord = CableSpec::lc_cord(DuplexPolarity::AB, FiberType::OM4, 2.0);
                    if rng.random_bool(p) {
                        if rng.random_bool(0.5) {
                            cord.kind = fiberplan_model::CableKind::LcCord {
                                polarity: DuplexPolarity::AA,
                            };
                            g.faults.push((Fault::CordPolarity, id.clone()));
                        } else {
                            cord.fiber = FiberType::OS2;
                            g.faults.push((Fault::CordFiberType, id.clone()));
                        }
                    }
                    d.add_cable(
                        &id,
                        cord,
                        vec![
                            Some(PortRef::front(&far[c], 7 - k)),
                            Some(PortRef::front(&format!("{srv_rack}-SRV{server:02}"), nic)),
                        ],
                    );
                    g.channels += 1;
                    g.strands += 4;
                }
            }
        }
    }
    (d, g)
}

#[cfg(test)]
mod tests {
    use super::row_name;

    #[test]
    fn rows_are_lettered_like_spreadsheet_columns() {
        assert_eq!(row_name(0), "A");
        assert_eq!(row_name(25), "Z");
        assert_eq!(row_name(26), "AA");
        assert_eq!(row_name(27), "AB");
        assert_eq!(row_name(26 + 26 * 26), "AAA");
    }
}
