//! A design written as NetBox's import files, in the order NetBox imports them: manufacturers,
//! device roles, device and module types (library YAML), sites, racks, devices, modules and
//! cables (bulk-import CSV, the columns the recorded NetBox 4.6 took), with `netbox-gaps.md`
//! saying, part by part, what NetBox cannot hold and where it was put instead.

use crate::plan::{slug, CableRow, DeviceRow, Gap, ModuleRow, Plan, PortKind, RackRow, Term};
use crate::types::{types, MANUFACTURER};
use fiberplan_model::{
    ArrayPolarity, CableKind, Design, DuplexPolarity, FiberType, ModuleKind, PortRef, Side,
};

/// The files of an export: (path inside the folder, contents), in import order.
pub type Files = Vec<(String, String)>;

fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// NetBox's cable type of a fiber grade.
pub fn cable_type(fiber: FiberType) -> &'static str {
    match fiber {
        FiberType::OM1 => "mmf-om1",
        FiberType::OM2 => "mmf-om2",
        FiberType::OM3 => "mmf-om3",
        FiberType::OM4 => "mmf-om4",
        FiberType::OM5 => "mmf-om5",
        FiberType::OS2 => "smf-os2",
    }
}

/// The jacket colour NetBox records (TIA-598: aqua multimode, lime OM5, yellow singlemode).
fn colour(fiber: FiberType) -> &'static str {
    match fiber {
        FiberType::OM3 | FiberType::OM4 => "00ffff",
        FiberType::OM5 => "32cd32",
        FiberType::OS2 => "ffff00",
        FiberType::OM1 | FiberType::OM2 => "f5deb3",
    }
}

/// The site of the design's racks (`Fiberplan` where none is given).
fn site_of(r: &fiberplan_model::Rack) -> String {
    if r.site.is_empty() {
        "Fiberplan".to_owned()
    } else {
        r.site.clone()
    }
}

/// The NetBox termination of a Fiberplan port, or why it has none. A cassette's ports are
/// `S{slot}-LC{k}` onto `S{slot}-MPO` (`S{slot}-MPO{r}` with several rear ports), a panel's
/// `S{slot}-MPO{k}` onto `S{slot}-MPO{k}-rear`: the names the module types give them.
pub fn termination(design: &Design, p: &PortRef) -> Result<Term, String> {
    if let Some(e) = design.equipment.iter().find(|e| e.id == p.part) {
        let (_, name) = e
            .spec
            .port(p.port)
            .ok_or_else(|| format!("{p}: no such port"))?;
        return Ok(Term {
            device: e.label.clone(),
            kind: PortKind::Interface,
            name,
        });
    }
    let m = design
        .modules
        .iter()
        .find(|m| m.id == p.part)
        .ok_or_else(|| format!("{p}: no such part"))?;
    let slot = m.slot.as_ref().ok_or_else(|| {
        format!(
            "{p}: module {} is in no enclosure, so in no NetBox device",
            m.label
        )
    })?;
    let device = design
        .enclosures
        .iter()
        .find(|e| e.id == slot.enclosure)
        .map(|e| e.label.clone())
        .ok_or_else(|| format!("{p}: no enclosure {}", slot.enclosure))?;
    let s = slot.slot;
    let (kind, name) = match (&m.spec.kind, p.side) {
        (ModuleKind::Cassette(_), Side::Front) => {
            (PortKind::FrontPort, format!("S{s}-LC{}", p.port))
        }
        (ModuleKind::Cassette(c), Side::Rear) if c.rear_ports == 1 => {
            (PortKind::RearPort, format!("S{s}-MPO"))
        }
        (ModuleKind::Cassette(_), Side::Rear) => {
            (PortKind::RearPort, format!("S{s}-MPO{}", p.port))
        }
        (ModuleKind::AdapterPanel(_), Side::Front) => {
            (PortKind::FrontPort, format!("S{s}-MPO{}", p.port))
        }
        (ModuleKind::AdapterPanel(_), Side::Rear) => {
            (PortKind::RearPort, format!("S{s}-MPO{}-rear", p.port))
        }
        (ModuleKind::Converter(_), _) => {
            return Err(format!(
                "{p}: a conversion module has no NetBox module type here"
            ))
        }
    };
    Ok(Term { device, kind, name })
}

/// The cable description Fiberplan writes: what NetBox has no field for, in words a person
/// reads and [`crate::pull`] reads back (`Type B`, `A-to-B`, `plugs pinned UPC/unpinned UPC`, `part X`).
pub fn cable_description(c: &fiberplan_model::Cable) -> String {
    let mut words = vec![match &c.spec.kind {
        CableKind::LcCord { polarity } => format!(
            "LC duplex cord, {}",
            match polarity {
                DuplexPolarity::AB => "A-to-B",
                DuplexPolarity::AA => "A-to-A",
            }
        ),
        CableKind::Trunk {
            connector,
            polarity,
        } => format!("{connector} trunk, Type {polarity:?}"),
        CableKind::MpoCord {
            connector,
            polarity,
        } => format!("{connector} cord, Type {polarity:?}"),
        CableKind::Breakout { connector, legs } => {
            let map: Vec<String> = legs
                .iter()
                .map(|l| match l.b {
                    Some(b) => format!("{}-{b}", l.a),
                    None => l.a.to_string(),
                })
                .collect();
            format!(
                "{connector} breakout to {} legs, legs {}",
                legs.len(),
                map.join(" ")
            )
        }
        CableKind::Harness { connectors, .. } => format!("harness of {} ends", connectors.len()),
    }];
    let plugs: Vec<String> = c
        .spec
        .plugs
        .iter()
        .map(|p| match p.gender {
            Some(g) => format!("{g} {:?}", p.polish),
            None => format!("{:?}", p.polish),
        })
        .collect();
    words.push(format!("plugs {}", plugs.join("/")));
    words.push(format!("{} dB per mated pair", c.spec.loss_class_db));
    if let Some(pn) = &c.catalog {
        words.push(format!("part {pn}"));
    }
    format!("Fiberplan: {}", words.join(", "))
}

/// NetBox's profile for an array cable of `connector`: one position per position of the
/// plug's frame (an MPO-8 is 12 positions wide), where NetBox has such a profile.
fn array_profile(connector: fiberplan_model::Connector) -> Option<&'static str> {
    match connector.positions() {
        12 => Some("single-1c12p"),
        16 => Some("single-1c16p"),
        _ => None,
    }
}

/// The NetBox objects of `design`: its parts' types, its sites, racks, devices, modules and
/// cables, and what NetBox cannot hold.
pub fn plan(design: &Design) -> Plan {
    let (device_types, module_types, mut gaps) = types(design);
    let mut plan = Plan {
        manufacturers: vec![MANUFACTURER.to_owned()],
        roles: vec![
            ("Fiber enclosure".into(), "9e9e9e".into()),
            ("Network".into(), "2196f3".into()),
        ],
        device_types,
        module_types,
        ..Plan::default()
    };
    plan.sites = design.racks.iter().map(site_of).collect();
    plan.sites.sort();
    plan.sites.dedup();
    plan.racks = design
        .racks
        .iter()
        .map(|r| RackRow {
            site: site_of(r),
            name: r.label.clone(),
            u_height: r.height_u,
        })
        .collect();
    let rack_of = |mount: &Option<fiberplan_model::Mount>| {
        let m = mount.as_ref()?;
        let r = design.racks.iter().find(|r| r.id == m.rack)?;
        Some((site_of(r), r.label.clone(), m.u))
    };
    let model = |catalog: &Option<String>, id: &fiberplan_model::Id| {
        catalog.clone().unwrap_or_else(|| id.to_string())
    };
    let mut device = |label: &str, role: &str, device_type: String, mount| {
        let placed = rack_of(mount);
        // A part in no rack still needs a site in NetBox.
        if placed.is_none() && plan.sites.is_empty() {
            plan.sites.push("Fiberplan".into());
        }
        let site = placed
            .as_ref()
            .map_or_else(|| plan.sites[0].clone(), |p| p.0.clone());
        plan.devices.push(DeviceRow {
            name: label.to_owned(),
            role: role.to_owned(),
            manufacturer: MANUFACTURER.to_owned(),
            device_type,
            site,
            rack: placed.map(|(_, r, u)| (r, u)),
        });
    };
    for e in &design.enclosures {
        device(
            &e.label,
            "Fiber enclosure",
            model(&e.catalog, &e.id),
            &e.mount,
        );
    }
    for e in &design.equipment {
        device(&e.label, "Network", model(&e.catalog, &e.id), &e.mount);
    }
    for m in &design.modules {
        let m_type = model(&m.catalog, &m.id);
        if !plan.module_types.iter().any(|t| t.model == m_type) {
            continue;
        }
        let Some(slot) = &m.slot else {
            gaps.push(Gap {
                object: m.label.clone(),
                what: "a module in no enclosure has no NetBox device".into(),
                put: "left out".into(),
            });
            continue;
        };
        plan.modules.push(ModuleRow {
            device: design.label_of(&slot.enclosure).to_owned(),
            bay: format!("Slot {}", slot.slot),
            module_type: m_type,
        });
    }
    for c in &design.cables {
        let mut terms = Vec::new();
        let mut unplugged = false;
        for end in &c.ends {
            match end.as_ref().map(|p| termination(design, p)) {
                Some(Ok(t)) => terms.push(t),
                Some(Err(e)) => {
                    gaps.push(Gap {
                        object: c.label.clone(),
                        what: e,
                        put: "left out".into(),
                    });
                    unplugged = true;
                    break;
                }
                None => unplugged = true,
            }
        }
        if unplugged || terms.len() != c.spec.end_count() {
            if !gaps.iter().any(|g| g.object == c.label) {
                gaps.push(Gap {
                    object: c.label.clone(),
                    what: "a cable not plugged at every end".into(),
                    put: "left out: NetBox records a cable only with both sides terminated".into(),
                });
            }
            continue;
        }
        // End 1 on side A; a breakout's or harness's other ends are side B's terminations.
        let b = terms.split_off(1);
        let profile = match &c.spec.kind {
            CableKind::LcCord { .. } => Some("single-1c2p"),
            CableKind::Trunk {
                connector,
                polarity,
            }
            | CableKind::MpoCord {
                connector,
                polarity,
            } => {
                if *polarity != ArrayPolarity::A {
                    gaps.push(Gap {
                        object: c.label.clone(),
                        what: format!("Type {polarity:?} polarity: every NetBox profile is straight, so NetBox's own trace reaches a different far position than the light does"),
                        put: "the cable's description".into(),
                    });
                }
                if array_profile(*connector).is_none() {
                    gaps.push(Gap {
                        object: c.label.clone(),
                        what: format!(
                            "no NetBox profile has the {} positions of an {connector}",
                            connector.positions()
                        ),
                        put: "recorded without a profile (NetBox then traces the cable straight)"
                            .into(),
                    });
                }
                array_profile(*connector)
            }
            CableKind::Breakout { legs, .. } => match legs.len() {
                2 => Some("breakout-1c2p-2c1p"),
                4 => Some("breakout-1c4p-4c1p"),
                6 => Some("breakout-1c6p-6c1p"),
                8 => Some("breakout-1c8p-8c1p"),
                _ => None,
            },
            CableKind::Harness { .. } => None,
        };
        if b.len() > 1 {
            gaps.push(Gap {
                object: c.label.clone(),
                what: format!(
                    "{} terminations on side B: NetBox's CSV import takes one per side",
                    b.len()
                ),
                put: "sent by `fiberplan netbox push` only".into(),
            });
        }
        gaps.push(Gap {
            object: c.label.clone(),
            what: "plug genders, loss class".into(),
            put: "the cable's description".into(),
        });
        plan.cables.push(CableRow {
            label: c.label.clone(),
            a: terms,
            b,
            kind: cable_type(c.spec.fiber).to_owned(),
            profile: profile.map(str::to_owned),
            color: colour(c.spec.fiber).to_owned(),
            length: c.spec.length_m,
            length_unit: "m".to_owned(),
            description: cable_description(c),
        });
    }
    plan.gaps = gaps;
    plan
}

fn csv_file(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let rows: Vec<Vec<String>> = rows.into_iter().collect();
    csv(header, &rows)
}

/// The import files of `plan`, in import order, `netbox-gaps.md` last. A cable with more
/// than one termination on a side is left out of `09-cables.csv` (NetBox's CSV import takes
/// one per side) and listed in the gaps.
pub fn files(plan: &Plan) -> Files {
    let mut files: Files = vec![
        (
            "01-manufacturers.csv".into(),
            csv_file(
                &["name", "slug"],
                plan.manufacturers.iter().map(|m| vec![m.clone(), slug(m)]),
            ),
        ),
        (
            "02-device-roles.csv".into(),
            csv_file(
                &["name", "slug", "color"],
                plan.roles
                    .iter()
                    .map(|(n, c)| vec![n.clone(), slug(n), c.clone()]),
            ),
        ),
    ];
    for (folder, list) in [
        ("03-device-types", &plan.device_types),
        ("04-module-types", &plan.module_types),
    ] {
        for t in list {
            if let Ok(text) = serde_yaml_ng::to_string(t) {
                files.push((
                    format!("{folder}/{}.yaml", slug(&t.model)),
                    format!("---\n{text}"),
                ));
            }
        }
    }
    files.push((
        "05-sites.csv".into(),
        csv_file(
            &["name", "slug", "status", "description"],
            plan.sites
                .iter()
                .map(|s| vec![s.clone(), slug(s), "active".into(), String::new()]),
        ),
    ));
    files.push((
        "06-racks.csv".into(),
        csv_file(
            &["site", "name", "status", "width", "u_height", "form_factor"],
            plan.racks.iter().map(|r| {
                vec![
                    r.site.clone(),
                    r.name.clone(),
                    "active".into(),
                    "19".into(),
                    r.u_height.to_string(),
                    "4-post-cabinet".into(),
                ]
            }),
        ),
    ));
    files.push((
        "07-devices.csv".into(),
        csv_file(
            &[
                "name",
                "role",
                "manufacturer",
                "device_type",
                "status",
                "site",
                "rack",
                "position",
                "face",
            ],
            plan.devices.iter().map(|d| {
                let (rack, u, face) = match &d.rack {
                    Some((r, u)) => (r.clone(), u.to_string(), "front".to_owned()),
                    None => Default::default(),
                };
                vec![
                    d.name.clone(),
                    d.role.clone(),
                    d.manufacturer.clone(),
                    d.device_type.clone(),
                    "active".into(),
                    d.site.clone(),
                    rack,
                    u,
                    face,
                ]
            }),
        ),
    ));
    files.push((
        "08-modules.csv".into(),
        csv_file(
            &["device", "module_bay", "module_type", "status", "serial"],
            plan.modules.iter().map(|m| {
                vec![
                    m.device.clone(),
                    m.bay.clone(),
                    m.module_type.clone(),
                    "active".into(),
                    String::new(),
                ]
            }),
        ),
    ));
    files.push((
        "09-cables.csv".into(),
        csv_file(
            &CABLE_COLUMNS,
            plan.cables
                .iter()
                .filter(|c| c.a.len() == 1 && c.b.len() == 1)
                .map(|c| {
                    vec![
                        c.a[0].device.clone(),
                        c.a[0].kind.object_type().into(),
                        c.a[0].name.clone(),
                        c.b[0].device.clone(),
                        c.b[0].kind.object_type().into(),
                        c.b[0].name.clone(),
                        c.kind.clone(),
                        "connected".into(),
                        c.profile.clone().unwrap_or_default(),
                        c.label.clone(),
                        c.color.clone(),
                        format!("{}", c.length),
                        c.length_unit.clone(),
                        c.description.clone(),
                    ]
                }),
        ),
    ));
    files.push(("netbox-gaps.md".into(), gaps_markdown(&plan.gaps)));
    files
}

/// The columns of NetBox's cable import, in the order the recorded import used.
pub const CABLE_COLUMNS: [&str; 14] = [
    "side_a_device",
    "side_a_type",
    "side_a_name",
    "side_b_device",
    "side_b_type",
    "side_b_name",
    "type",
    "status",
    "profile",
    "label",
    "color",
    "length",
    "length_unit",
    "description",
];

/// `netbox-gaps.md`: what NetBox cannot hold, object by object, and where it went.
pub fn gaps_markdown(gaps: &[Gap]) -> String {
    let mut md = String::from(
        "# What NetBox cannot hold\n\n\
         NetBox records ports, positions and cables, but has no polarity method, MPO gender, \
         key orientation, Tx/Rx direction, insertion loss or verdict, and every cable profile \
         is straight. Fiberplan writes what a part needs into its type's or cable's \
         description (starting `Fiberplan:`), which a pull reads back; the Fiberplan design \
         stays the record of the checks.\n\n\
         | Object | What NetBox cannot hold | Where it is |\n|---|---|---|\n",
    );
    for g in gaps {
        md.push_str(&format!(
            "| {} | {} | {} |\n",
            g.object.replace('|', "\\|"),
            g.what.replace('|', "\\|"),
            g.put.replace('|', "\\|")
        ));
    }
    md
}

/// Every file of the export of `design`.
pub fn export(design: &Design) -> Files {
    files(&plan(design))
}
