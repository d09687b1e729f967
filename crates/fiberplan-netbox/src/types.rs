//! The parts of a design written as NetBox device types and module types, in the YAML of
//! NetBox's device-type library: what NetBox must hold before the design's devices, modules
//! and cables can be imported. Ports get the names NetBox's recorded site uses: a switch's
//! interfaces by Fiberplan's port names (`Ethernet1`), a cassette's `S{module}-LC1` onto
//! `S{module}-MPO` with its exact map, a panel's `S{module}-MPO1` onto `S{module}-MPO1-rear`.

use crate::library::{Bay, Interface, Mapping, NetboxType, PortTemplate};
use crate::plan::Gap;
use fiberplan_model::{
    AdapterKind, Connector, Design, EnclosureSpec, EquipmentSpec, LcPosition, ModuleKind,
    ModuleSpec, Polish,
};

/// The manufacturer the types are filed under: Fiberplan keeps no manufacturer.
pub const MANUFACTURER: &str = "Fiberplan catalog";

/// The NetBox interface type of a port holding an optic of `application` (its form factor:
/// a 25G SR or LR optic is an SFP28).
pub fn interface_type(application: &str) -> &'static str {
    match application {
        "1000BASE-SX" | "1000BASE-LX" => "1000base-x-sfp",
        "10GBASE-SR" | "10GBASE-LR" => "10gbase-x-sfpp",
        "25GBASE-SR" => "25gbase-x-sfp28",
        "40GBASE-SR4" => "40gbase-x-qsfpp",
        "100GBASE-SR4" | "100GBASE-DR" | "100GBASE-LR4" => "100gbase-x-qsfp28",
        "400GBASE-SR8" | "400GBASE-SR4.2" | "400GBASE-DR4" => "400gbase-x-qsfpdd",
        _ => "other",
    }
}

fn lc_type(polish: Polish) -> &'static str {
    match polish {
        Polish::APC => "lc-apc",
        Polish::UPC => "lc-upc",
    }
}

/// A switch or server as a device type: one interface per port, by its name.
pub(crate) fn device_type(model: &str, spec: &EquipmentSpec) -> NetboxType {
    let mut interfaces = Vec::new();
    for g in &spec.ports {
        for n in 1..=g.count {
            interfaces.push(Interface {
                name: format!("{}{n}", g.name_prefix),
                kind: interface_type(&g.transceiver.application).to_owned(),
            });
        }
    }
    NetboxType {
        manufacturer: MANUFACTURER.to_owned(),
        model: model.to_owned(),
        part_number: Some(model.to_owned()),
        description: None,
        u_height: Some(f64::from(spec.height_u)),
        interfaces,
        front_ports: Vec::new(),
        rear_ports: Vec::new(),
        module_bays: Vec::new(),
        port_mappings: Vec::new(),
    }
}

/// An enclosure as a device type with a module bay per slot (`Slot 1`, position `1`).
pub(crate) fn enclosure_type(model: &str, spec: &EnclosureSpec) -> NetboxType {
    NetboxType {
        module_bays: (1..=spec.slots)
            .map(|s| Bay {
                name: format!("Slot {s}"),
                position: s.to_string(),
            })
            .collect(),
        interfaces: Vec::new(),
        ..device_type(
            model,
            &EquipmentSpec {
                height_u: spec.height_u,
                ports: Vec::new(),
            },
        )
    }
}

/// A cassette or an MPO panel as a module type with its ports and exact map; `None` for a
/// module NetBox's types cannot draw (an LC panel has no rear port to map to).
pub(crate) fn module_type(model: &str, spec: &ModuleSpec) -> Option<NetboxType> {
    let mut t = NetboxType {
        manufacturer: MANUFACTURER.to_owned(),
        model: model.to_owned(),
        part_number: Some(model.to_owned()),
        description: None,
        u_height: None,
        interfaces: Vec::new(),
        front_ports: Vec::new(),
        rear_ports: Vec::new(),
        module_bays: Vec::new(),
        port_mappings: Vec::new(),
    };
    match &spec.kind {
        ModuleKind::Cassette(c) => {
            let rear_name = |r: u8| {
                if c.rear_ports == 1 {
                    "S{module}-MPO".to_owned()
                } else {
                    format!("S{{module}}-MPO{r}")
                }
            };
            for r in 1..=c.rear_ports {
                t.rear_ports.push(PortTemplate {
                    name: rear_name(r),
                    kind: "mpo".to_owned(),
                    // Positions in the plug's frame (an MPO-8 uses 1-4 and 9-12 of 12).
                    positions: u16::from(c.connector.positions()),
                    rear_port: None,
                    rear_port_position: None,
                });
            }
            let fronts = c.front_ports();
            for k in 1..=fronts {
                t.front_ports.push(PortTemplate {
                    name: format!("S{{module}}-LC{k}"),
                    kind: lc_type(c.lc_polish).to_owned(),
                    positions: 2,
                    rear_port: None,
                    rear_port_position: None,
                });
            }
            // The map: the cassette's own, or the standard one (LC k on 2k-1 and 2k).
            for f in c.harness_fibers() {
                t.port_mappings.push(Mapping {
                    front_port: format!("S{{module}}-LC{}", f.front),
                    front_port_position: match f.lc {
                        LcPosition::A => 1,
                        LcPosition::B => 2,
                    },
                    rear_port: rear_name(f.rear),
                    rear_port_position: u16::from(f.position),
                });
            }
        }
        ModuleKind::AdapterPanel(p)
            if matches!(
                p.adapter,
                AdapterKind::MpoKeyUpKeyDown | AdapterKind::MpoKeyUpKeyUp
            ) =>
        {
            let positions = u16::from(p.ferrule.unwrap_or(Connector::Mpo12).positions());
            for k in 1..=p.ports {
                let front = format!("S{{module}}-MPO{k}");
                let rear = format!("{front}-rear");
                for (name, list) in [(&front, &mut t.front_ports), (&rear, &mut t.rear_ports)] {
                    list.push(PortTemplate {
                        name: name.clone(),
                        kind: "mpo".to_owned(),
                        positions,
                        rear_port: None,
                        rear_port_position: None,
                    });
                }
                for q in 1..=positions {
                    t.port_mappings.push(Mapping {
                        front_port: front.clone(),
                        front_port_position: q,
                        rear_port: rear.clone(),
                        rear_port_position: q,
                    });
                }
            }
        }
        _ => return None,
    }
    Some(t)
}

/// Every kind of part `design` uses as NetBox types: device types, module types, and what
/// NetBox's types cannot hold. One type per catalog part number (or, for a part made by hand,
/// per part), in design order.
pub fn types(design: &Design) -> (Vec<NetboxType>, Vec<NetboxType>, Vec<Gap>) {
    let mut devices: Vec<NetboxType> = Vec::new();
    let mut modules: Vec<NetboxType> = Vec::new();
    let mut gaps = Vec::new();
    let model_of =
        |catalog: &Option<String>, id: &str| catalog.clone().unwrap_or_else(|| id.to_owned());
    let seen = |list: &[NetboxType], m: &str| list.iter().any(|t| t.model == m);
    for e in &design.enclosures {
        let m = model_of(&e.catalog, e.id.as_str());
        if !seen(&devices, &m) {
            devices.push(enclosure_type(&m, &e.spec));
        }
    }
    for e in &design.equipment {
        let m = model_of(&e.catalog, e.id.as_str());
        if !seen(&devices, &m) {
            let mut t = device_type(&m, &e.spec);
            let optics: Vec<String> = e
                .spec
                .ports
                .iter()
                .map(|g| format!("{} x {}", g.count, g.transceiver.application))
                .collect();
            t.description = Some(format!("Fiberplan: {}", optics.join(", ")));
            gaps.push(Gap {
                object: m.clone(),
                what: "the optic in each port (NetBox's interface type names only the form factor)"
                    .into(),
                put: "the device type's description".into(),
            });
            devices.push(t);
        }
    }
    let mut refused: Vec<String> = Vec::new();
    for x in &design.modules {
        let m = model_of(&x.catalog, x.id.as_str());
        if seen(&modules, &m) || refused.contains(&m) {
            continue;
        }
        match module_type(&m, &x.spec) {
            Some(mut t) => {
                let (description, what) = module_description(&x.spec);
                t.description = Some(description);
                gaps.push(Gap {
                    object: m.clone(),
                    what,
                    put: "the module type's description".into(),
                });
                modules.push(t);
            }
            None => {
                refused.push(m.clone());
                gaps.push(Gap {
                    object: m,
                    what: "an LC adapter panel: NetBox's front ports need rear ports to map onto"
                        .into(),
                    put: "left out, with its cables".into(),
                });
            }
        }
    }
    (devices, modules, gaps)
}

/// What NetBox cannot hold of a module, written for its description, and the same as a list.
fn module_description(spec: &ModuleSpec) -> (String, String) {
    match &spec.kind {
        ModuleKind::Cassette(c) => (
            format!(
                "Fiberplan: {} cassette, polarity {:?}, MPO {} {:?}, {} fiber, loss MPO {} dB, LC {} dB",
                c.connector, c.polarity, c.gender, c.mpo_polish, c.fiber, c.mpo_loss_db, c.lc_loss_db
            ),
            "polarity method, MPO gender and polish, fiber grade, insertion loss".into(),
        ),
        ModuleKind::AdapterPanel(p) => (
            format!(
                "Fiberplan: {} x {:?} adapters, {}, {} dB",
                p.ports,
                p.adapter,
                p.ferrule
                    .map_or("any MPO ferrule".to_owned(), |f| format!("{f} ferrule")),
                p.loss_db
            ),
            "adapter key orientation, insertion loss".into(),
        ),
        ModuleKind::Converter(_) => (String::new(), String::new()),
    }
}

/// Every kind of part `design` uses, as library YAML: (file name, text), device types then
/// module types, with what NetBox's types cannot hold.
pub fn types_yaml(design: &Design) -> (Vec<(String, String)>, Vec<Gap>) {
    let (devices, modules, mut gaps) = types(design);
    let mut out = Vec::new();
    for (folder, list) in [("device-types", devices), ("module-types", modules)] {
        for t in list {
            match serde_yaml_ng::to_string(&t) {
                Ok(text) => out.push((
                    format!("{folder}/{}.yaml", t.model.to_lowercase()),
                    format!("---\n{text}"),
                )),
                Err(e) => gaps.push(Gap {
                    object: t.model.clone(),
                    what: format!("cannot be written as YAML: {e}"),
                    put: "left out".into(),
                }),
            }
        }
    }
    (out, gaps)
}
