//! NetBox's device-type library (device types and module types, as YAML) read into Fiberplan
//! catalog parts: switches and servers with their optics, enclosures with their module bays as
//! slots, cassettes with their exact internal maps, and MPO pass-through panels.
//!
//! NetBox says nothing of polarity type, MPO gender, fiber grade, MPO polish or loss. What a
//! file states (a port type `lc-apc`, an interface's form factor) is used; everything else is
//! filled with a default and named in the entry's `unconfirmed` list.

use fiberplan_engine::catalog::{Catalog, CatalogEntry, PartTemplate};
use fiberplan_model::{
    AdapterKind, CassettePolarity, CassetteSpec, Connector, EnclosureSpec, EquipmentSpec,
    FiberClass, FiberType, Gender, HarnessFiber, LcPosition, ModuleKind, ModuleSpec, Polish,
    PortGroup, TransceiverSpec,
};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The slot format of NetBox module bays: NetBox puts any module type in any bay.
pub const MODULE_BAY_FORMAT: &str = "NetBox module bay";

/// Why a library file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The YAML is not a device or module type.
    #[error("{path}: {message}")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line and column where the parser knows them.
        message: String,
    },
    /// A type that Fiberplan cannot make a part of.
    #[error("{path}: {model}: {why}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The type's model.
        model: String,
        /// Why.
        why: String,
    },
}

/// A port template of a device or module type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PortTemplate {
    /// Its name, with `{module}` standing for the bay's position in a module type.
    pub name: String,
    /// NetBox's port type (`lc-upc`, `mpo`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Positions: one per fiber strand.
    #[serde(default = "one")]
    pub positions: u16,
    /// The older library form: a front port names its rear port and position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rear_port: Option<String>,
    /// The older form's first rear position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rear_port_position: Option<u16>,
}

fn one() -> u16 {
    1
}

/// A front-to-rear mapping of NetBox 4.5+.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Mapping {
    /// The front port's name.
    pub front_port: String,
    /// Its position.
    #[serde(default = "one")]
    pub front_port_position: u16,
    /// The rear port's name.
    pub rear_port: String,
    /// The rear position it reaches.
    #[serde(default = "one")]
    pub rear_port_position: u16,
}

/// An interface template of a device type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Interface {
    /// Its name.
    pub name: String,
    /// NetBox's interface type: the optic's form factor (`25gbase-x-sfp28`).
    #[serde(rename = "type")]
    pub kind: String,
}

/// A module bay: one slot. Slots are numbered in the order the bays are listed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Bay {
    /// Its name (`Slot 1`).
    #[serde(default)]
    pub name: String,
    /// Its position, which a module's `{module}` token becomes.
    #[serde(default)]
    pub position: String,
}

/// A device type or module type, as the library writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct NetboxType {
    /// The manufacturer's name.
    pub manufacturer: String,
    /// The model: the type's name, unique per manufacturer.
    pub model: String,
    /// The part number, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_number: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Present on device types only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub u_height: Option<f64>,
    /// Interfaces (switch and server ports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interfaces: Vec<Interface>,
    /// Front ports.
    #[serde(default, rename = "front-ports", skip_serializing_if = "Vec::is_empty")]
    pub front_ports: Vec<PortTemplate>,
    /// Rear ports.
    #[serde(default, rename = "rear-ports", skip_serializing_if = "Vec::is_empty")]
    pub rear_ports: Vec<PortTemplate>,
    /// Module bays.
    #[serde(default, rename = "module-bays", skip_serializing_if = "Vec::is_empty")]
    pub module_bays: Vec<Bay>,
    /// Front-to-rear maps (NetBox 4.5+).
    #[serde(
        default,
        rename = "port-mappings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub port_mappings: Vec<Mapping>,
}

/// The optic a NetBox interface type most likely holds, and whether that is certain: NetBox
/// names the form factor (`25gbase-x-sfp28`), not the optic (SR, LR). `None` for an interface
/// that takes no fiber optic.
fn optic(kind: &str) -> Option<TransceiverSpec> {
    let duplex = |app: &str| TransceiverSpec::duplex(app, FiberClass::Multimode50);
    let quad = |app: &str| TransceiverSpec::four_lane(app, FiberClass::Multimode50, Polish::UPC);
    Some(match kind {
        "1000base-x-sfp" => duplex("1000BASE-SX"),
        "10gbase-x-sfpp" => duplex("10GBASE-SR"),
        "25gbase-x-sfp28" => duplex("25GBASE-SR"),
        "40gbase-x-qsfpp" => quad("40GBASE-SR4"),
        "100gbase-x-qsfp28" => quad("100GBASE-SR4"),
        _ => return None,
    })
}

/// The MPO ferrule of a rear or front port of `positions` strands.
fn ferrule(positions: u16) -> Option<Connector> {
    match positions {
        8 => Some(Connector::Mpo8),
        12 => Some(Connector::Mpo12),
        16 => Some(Connector::Mpo16),
        24 => Some(Connector::Mpo24),
        _ => None,
    }
}

/// The polish a port type states (`lc-apc`), if it states one.
fn polish(kind: &str) -> Option<Polish> {
    if kind.ends_with("-apc") {
        Some(Polish::APC)
    } else if kind.ends_with("-upc") || kind.ends_with("-pc") {
        Some(Polish::UPC)
    } else {
        None
    }
}

/// The name prefix of a run of port names (`Ethernet` of `Ethernet1`..`Ethernet48`).
fn prefix(names: &[&str]) -> String {
    names
        .first()
        .map(|n| n.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .unwrap_or_default()
}

/// Reads every `.yaml` or `.yml` file in `paths` (files, or folders searched one level deep,
/// in name order) into catalog entries, with a line for each type that could not be made a
/// part.
pub fn import(paths: &[PathBuf]) -> Result<(Catalog, Vec<String>), LibraryError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|source| LibraryError::Io {
                path: p.clone(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let mut catalog = Catalog::default();
    let mut skipped = Vec::new();
    for f in files {
        for entry in read_file(&f)? {
            match entry {
                Ok(e) => catalog.entries.push(e),
                Err(LibraryError::Unsupported { path, model, why }) => {
                    skipped.push(format!("{}: {model}: {why}", path.display()));
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok((catalog, skipped))
}

/// The types of one YAML file (one document or several), each as a catalog entry or why it
/// cannot be one.
pub fn read_file(path: &Path) -> Result<Vec<Result<CatalogEntry, LibraryError>>, LibraryError> {
    let text = std::fs::read_to_string(path).map_err(|source| LibraryError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_str(&text, path)
}

/// As [`read_file`], of YAML text that came from `path`.
pub fn read_str(
    text: &str,
    path: &Path,
) -> Result<Vec<Result<CatalogEntry, LibraryError>>, LibraryError> {
    let mut out = Vec::new();
    for doc in serde_yaml_ng::Deserializer::from_str(text) {
        let t = NetboxType::deserialize(doc).map_err(|e| LibraryError::Yaml {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        out.push(entry(&t, path));
    }
    Ok(out)
}

pub(crate) fn entry(t: &NetboxType, path: &Path) -> Result<CatalogEntry, LibraryError> {
    let unsupported = |why: &str| LibraryError::Unsupported {
        path: path.to_owned(),
        model: t.model.clone(),
        why: why.to_owned(),
    };
    let part_number = t.part_number.clone().unwrap_or_else(|| t.model.clone());
    let name = match &t.description {
        Some(d) if !d.is_empty() => format!("{} {} ({d})", t.manufacturer, t.model),
        _ => format!("{} {}", t.manufacturer, t.model),
    };
    let mut unconfirmed: Vec<String> = Vec::new();
    let (group, part) = if let Some(u) = t.u_height {
        let height_u = u.ceil().clamp(1.0, 255.0) as u8;
        if !t.module_bays.is_empty() {
            let slots = u8::try_from(t.module_bays.len())
                .map_err(|_| unsupported("too many module bays"))?;
            (
                "NetBox enclosures",
                PartTemplate::Enclosure(EnclosureSpec {
                    height_u,
                    slots,
                    slot_format: MODULE_BAY_FORMAT.to_owned(),
                }),
            )
        } else {
            // Runs of interfaces of one type make port groups.
            let mut groups: Vec<PortGroup> = Vec::new();
            let mut run: Vec<&Interface> = Vec::new();
            let flush = |run: &mut Vec<&Interface>, groups: &mut Vec<PortGroup>| {
                if let Some(first) = run.first() {
                    if let Some(transceiver) = optic(&first.kind) {
                        let names: Vec<&str> = run.iter().map(|i| i.name.as_str()).collect();
                        let name_prefix = prefix(&names);
                        // `ens1f0`: the maker counts from 0.
                        let first_number = names[0]
                            .strip_prefix(name_prefix.as_str())
                            .and_then(|n| n.parse().ok())
                            .unwrap_or(1);
                        groups.push(PortGroup {
                            count: u16::try_from(run.len()).unwrap_or(u16::MAX),
                            name_prefix,
                            first_number,
                            transceiver,
                        });
                    }
                }
                run.clear();
            };
            for i in &t.interfaces {
                if run.first().is_some_and(|f| f.kind != i.kind) {
                    flush(&mut run, &mut groups);
                }
                run.push(i);
            }
            flush(&mut run, &mut groups);
            if groups.is_empty() {
                return Err(unsupported(
                    "no interface takes a fiber optic Fiberplan knows",
                ));
            }
            // The library names the form factor, not the optic.
            unconfirmed.extend(["optic application".to_owned(), "fiber grade".to_owned()]);
            (
                "NetBox devices",
                PartTemplate::Equipment(EquipmentSpec {
                    height_u,
                    ports: groups,
                }),
            )
        }
    } else {
        (
            "NetBox modules",
            module(t, &mut unconfirmed)
                .map(|part| stated(t, part, &mut unconfirmed))
                .map_err(|why| unsupported(&why))?,
        )
    };
    Ok(CatalogEntry {
        part_number,
        name,
        group: group.to_owned(),
        part,
        unconfirmed,
    })
}

/// A module type's parameters as a Fiberplan export states them in its description
/// (`Fiberplan: MPO-12 cassette, polarity A, MPO pinned UPC, OM4 fiber, loss MPO 0.35 dB,
/// LC 0.15 dB`; `Fiberplan: 6 x MpoKeyUpKeyDown adapters, 0.35 dB`): an explicit statement,
/// so what it gives is no longer unconfirmed. Any other description changes nothing.
fn stated(t: &NetboxType, mut part: PartTemplate, unconfirmed: &mut Vec<String>) -> PartTemplate {
    let Some(words) = t
        .description
        .as_deref()
        .and_then(|d| d.strip_prefix("Fiberplan: "))
    else {
        return part;
    };
    let words: Vec<&str> = words.split(", ").map(str::trim).collect();
    let mut confirm = |what: &str| unconfirmed.retain(|u| u != what);
    let db = |w: &str| {
        w.strip_suffix(" dB")
            .and_then(|x| x.trim().parse::<f64>().ok())
    };
    let connector = |w: &str| {
        [
            Connector::Mpo8,
            Connector::Mpo12,
            Connector::Mpo16,
            Connector::Mpo24,
        ]
        .into_iter()
        .find(|c| w == c.to_string())
    };
    let PartTemplate::Module(spec) = &mut part else {
        return part;
    };
    match &mut spec.kind {
        ModuleKind::Cassette(c) => {
            for w in &words {
                if let Some(k) = w.strip_suffix(" cassette").and_then(connector) {
                    c.connector = k;
                } else if let Some(p) = w.strip_prefix("polarity ") {
                    match p {
                        "A" => c.polarity = CassettePolarity::A,
                        "B" => c.polarity = CassettePolarity::B,
                        _ => continue,
                    }
                    confirm("polarity type");
                } else if let Some(rest) = w.strip_prefix("MPO ") {
                    let mut it = rest.split(' ');
                    match it.next() {
                        Some("pinned") => c.gender = Gender::Pinned,
                        Some("unpinned") => c.gender = Gender::Unpinned,
                        _ => continue,
                    }
                    confirm("MPO gender");
                    match it.next() {
                        Some("UPC") => c.mpo_polish = Polish::UPC,
                        Some("APC") => c.mpo_polish = Polish::APC,
                        _ => continue,
                    }
                    confirm("MPO polish");
                } else if let Some(f) = w.strip_suffix(" fiber") {
                    if let Some(f) = (0..6)
                        .filter_map(FiberType::from_index)
                        .find(|x| x.to_string() == f)
                    {
                        c.fiber = f;
                        confirm("fiber grade");
                    }
                } else if let Some(x) = w.strip_prefix("loss MPO ").and_then(db) {
                    c.mpo_loss_db = x;
                } else if let Some(x) = w.strip_prefix("LC ").and_then(db) {
                    c.lc_loss_db = x;
                    confirm("loss");
                }
            }
        }
        ModuleKind::AdapterPanel(p) => {
            for w in &words {
                if let Some(kind) = w
                    .strip_suffix(" adapters")
                    .and_then(|w| w.split(" x ").nth(1))
                {
                    match kind {
                        "MpoKeyUpKeyDown" => p.adapter = AdapterKind::MpoKeyUpKeyDown,
                        "MpoKeyUpKeyUp" => p.adapter = AdapterKind::MpoKeyUpKeyUp,
                        _ => continue,
                    }
                    confirm("adapter key orientation");
                } else if *w == "any MPO ferrule" {
                    p.ferrule = None;
                } else if let Some(k) = w.strip_suffix(" ferrule").and_then(connector) {
                    p.ferrule = Some(k);
                } else if let Some(x) = db(w) {
                    p.loss_db = x;
                    confirm("loss");
                }
            }
        }
        ModuleKind::Converter(_) => {}
    }
    part
}

/// The rear port and position a front port's position maps to, from either form.
fn mapping(t: &NetboxType, front: &PortTemplate, position: u16) -> Option<(String, u16)> {
    if let Some(m) = t
        .port_mappings
        .iter()
        .find(|m| m.front_port == front.name && m.front_port_position == position)
    {
        return Some((m.rear_port.clone(), m.rear_port_position));
    }
    // The older form maps position 1 of the front port to the named rear position and the
    // rest after it.
    let rear = front.rear_port.clone()?;
    Some((rear, front.rear_port_position.unwrap_or(1) + position - 1))
}

/// A module type as a cassette (LC front ports onto MPO rear ports, with its map) or an MPO
/// pass-through panel (front and rear MPO ports one to one, position for position).
fn module(t: &NetboxType, unconfirmed: &mut Vec<String>) -> Result<PartTemplate, String> {
    let rear_index = |name: &str| t.rear_ports.iter().position(|r| r.name == name);
    let all_lc = !t.front_ports.is_empty()
        && t.front_ports
            .iter()
            .all(|f| f.kind.starts_with("lc") && f.positions == 2);
    let all_mpo =
        !t.front_ports.is_empty() && t.front_ports.iter().all(|f| f.kind.starts_with("mpo"));
    let rear_mpo = t.rear_ports.first().and_then(|r| ferrule(r.positions));
    if all_lc {
        let connector = rear_mpo.ok_or("its rear port is not an MPO of 8, 12, 16 or 24 strands")?;
        let mut harness = Vec::new();
        for (k, f) in t.front_ports.iter().enumerate() {
            for (p, lc) in [(1u16, LcPosition::A), (2, LcPosition::B)] {
                let (rear, position) = mapping(t, f, p)
                    .ok_or_else(|| format!("front port {} maps to no rear port", f.name))?;
                let r = rear_index(&rear).ok_or_else(|| format!("no rear port {rear}"))?;
                harness.push(HarnessFiber {
                    rear: u8::try_from(r + 1).map_err(|_| "too many rear ports")?,
                    position: u8::try_from(position).map_err(|_| "a rear position over 255")?,
                    front: u16::try_from(k + 1).map_err(|_| "too many front ports")?,
                    lc,
                });
            }
        }
        let lc_polish = t.front_ports.iter().find_map(|f| polish(&f.kind));
        if lc_polish.is_none() {
            unconfirmed.push("LC polish".to_owned());
        }
        unconfirmed.extend(
            [
                "polarity type",
                "MPO gender",
                "fiber grade",
                "MPO polish",
                "loss",
            ]
            .map(String::from),
        );
        let mut spec = CassetteSpec::standard(
            connector,
            CassettePolarity::B,
            Gender::Pinned,
            FiberType::OM4,
            0.35,
            0.15,
        );
        spec.rear_ports = u8::try_from(t.rear_ports.len()).map_err(|_| "too many rear ports")?;
        spec.lc_polish = lc_polish.unwrap_or(Polish::UPC);
        // The standard harness (LC k on MPO positions 2k-1 and 2k) is said as such.
        let standard = harness.iter().all(|h| {
            let k = u32::from(h.front);
            let p = u32::from(h.position);
            h.rear == 1
                && match h.lc {
                    LcPosition::A => p == 2 * k - 1,
                    LcPosition::B => p == 2 * k,
                }
        });
        spec.harness = (!standard || spec.rear_ports > 1).then_some(harness);
        return Ok(PartTemplate::Module(ModuleSpec {
            slot_format: MODULE_BAY_FORMAT.to_owned(),
            kind: ModuleKind::Cassette(spec),
        }));
    }
    if all_mpo && t.front_ports.len() == t.rear_ports.len() {
        let ferrule = t
            .front_ports
            .first()
            .and_then(|f| ferrule(f.positions))
            .ok_or("its MPO ports are not of 8, 12, 16 or 24 strands")?;
        // A pass-through panel: each front port onto one rear port, position for position.
        for f in &t.front_ports {
            for p in 1..=f.positions {
                match mapping(t, f, p) {
                    Some((_, q)) if q == p => {}
                    _ => {
                        return Err(format!(
                            "front port {} is not passed straight through",
                            f.name
                        ))
                    }
                }
            }
        }
        unconfirmed.extend(["adapter key orientation", "loss"].map(String::from));
        let spec = ModuleSpec::mpo_panel(
            // Key-up to key-up, as TIA-568.3 Method B runs parallel channels.
            AdapterKind::MpoKeyUpKeyUp,
            ferrule,
            u16::try_from(t.front_ports.len()).map_err(|_| "too many ports")?,
            0.35,
        );
        return Ok(PartTemplate::Module(ModuleSpec {
            slot_format: MODULE_BAY_FORMAT.to_owned(),
            ..spec
        }));
    }
    Err("neither LC ports onto MPO rear ports nor an MPO pass-through".to_owned())
}
