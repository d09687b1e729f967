//! The design document: racks, enclosures, modules, equipment and cables, with stable ids.

use super::parts::{CableSpec, EnclosureSpec, EquipmentSpec, ModuleSpec};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The file format version this build writes. Version history (migrations in
/// `fiberplan_io::migrate`): 1, ports as `(part: "C1", side: Rear, port: 1)` structs;
/// 2, ports as `"C1/R1"` strings; 3, each part spec written once in a table that parts name
/// (`fiberplan_io::format3`).
pub const FORMAT_VERSION: u32 = 3;

/// A stable identifier of a placed part, unique within a design.
///
/// Shared text: the channel graph, findings and reports name parts many times over, and a
/// clone only counts a reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub std::sync::Arc<str>);

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(s.into())
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Id(s.into())
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which face of a part a port is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Side {
    /// Front: equipment ports, cassette LC ports, the front of a panel adapter.
    Front,
    /// Rear: cassette MPO ports, the rear of a panel adapter.
    Rear,
}

/// A port a cable end plugs into. Saved as `"PART/F3"` (front port 3) or `"PART/R1"`; the
/// format-1 spelling `(part: "PART", side: Front, port: 3)` is still read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PortRef {
    /// The part that owns the port (equipment or module).
    pub part: Id,
    /// Face of the part.
    pub side: Side,
    /// Port number on that face, from 1.
    pub port: u16,
}

impl PortRef {
    /// A front port.
    pub fn front(part: &str, port: u16) -> Self {
        PortRef {
            part: part.into(),
            side: Side::Front,
            port,
        }
    }

    /// A rear port.
    pub fn rear(part: &str, port: u16) -> Self {
        PortRef {
            part: part.into(),
            side: Side::Rear,
            port,
        }
    }
}

impl std::str::FromStr for PortRef {
    type Err = String;

    /// Parses `"PART/F3"` or `"PART/R1"`; the part id may itself contain `/`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || {
            format!(
                "expected a port such as \"C1/R1\" or \"SW1/F3\" (part id, '/', F for front or R for rear, port number from 1), found {s:?}"
            )
        };
        let (part, face) = s.rsplit_once('/').ok_or_else(expected)?;
        let side = match face.as_bytes().first() {
            Some(b'F') => Side::Front,
            Some(b'R') => Side::Rear,
            _ => return Err(expected()),
        };
        let port: u16 = face[1..].parse().map_err(|_| expected())?;
        if part.is_empty() || port == 0 || !face[1..].bytes().all(|b| b.is_ascii_digit()) {
            return Err(expected());
        }
        Ok(PortRef {
            part: Id::from(part),
            side,
            port,
        })
    }
}

impl Serialize for PortRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PortRefVisitor)
    }
}

/// Reads both spellings of a port: the string of format 2 and the struct of format 1.
struct PortRefVisitor;

impl<'de> serde::de::Visitor<'de> for PortRefVisitor {
    type Value = PortRef;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a port such as \"C1/R1\"")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PortRef, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PortRef, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Format1 {
            part: Id,
            side: Side,
            port: u16,
        }
        let v = Format1::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(PortRef {
            part: v.part,
            side: v.side,
            port: v.port,
        })
    }
}

impl fmt::Display for PortRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = match self.side {
            Side::Front => "F",
            Side::Rear => "R",
        };
        write!(f, "{}/{}{}", self.part, side, self.port)
    }
}

/// A rack with U positions numbered from 1 at the bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rack {
    /// Stable id.
    pub id: Id,
    /// Label in the TIA-606 style, e.g. `A03`.
    pub label: String,
    /// Site or room.
    #[serde(default)]
    pub site: String,
    /// Row in the room.
    #[serde(default)]
    pub row: String,
    /// Usable height in rack units.
    pub height_u: u8,
}

/// Where a rack-mounted part sits: rack and lowest U.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mount {
    /// The rack.
    pub rack: Id,
    /// Lowest rack unit occupied, from 1.
    pub u: u8,
}

/// An enclosure slot a module sits in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotRef {
    /// The enclosure.
    pub enclosure: Id,
    /// Slot number, from 1.
    pub slot: u8,
}

/// A fiber enclosure placed in a rack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enclosure {
    /// Stable id.
    pub id: Id,
    /// Label.
    pub label: String,
    /// Catalog part number it was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Parameters its source did not state and that are defaults until the designer
    /// confirms them (a part from NetBox's library): a channel through it is unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
    /// Rack position; `None` while unplaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount: Option<Mount>,
    /// Parameters.
    pub spec: EnclosureSpec,
}

/// A cassette or adapter panel, usually in an enclosure slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Stable id.
    pub id: Id,
    /// Label.
    pub label: String,
    /// Catalog part number it was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Parameters its source did not state and that are defaults until the designer
    /// confirms them (a part from NetBox's library): a channel through it is unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
    /// Slot; `None` while unplaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<SlotRef>,
    /// Parameters.
    pub spec: ModuleSpec,
}

impl Module {
    /// Every port of the module, its front ports then its rear ports, each by number.
    pub fn port_refs(&self) -> impl Iterator<Item = PortRef> + '_ {
        [Side::Front, Side::Rear].into_iter().flat_map(move |side| {
            self.spec
                .ports(side)
                .into_iter()
                .map(move |(n, _)| PortRef {
                    part: self.id.clone(),
                    side,
                    port: n,
                })
        })
    }
}

/// A switch, server or other device with transceiver ports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    /// Stable id.
    pub id: Id,
    /// Label (host name).
    pub label: String,
    /// Catalog part number it was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Parameters its source did not state and that are defaults until the designer
    /// confirms them (a part from NetBox's library): a channel through it is unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
    /// Rack position; `None` while unplaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount: Option<Mount>,
    /// Parameters and ports.
    pub spec: EquipmentSpec,
}

/// A cable and the ports its ends are plugged into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cable {
    /// Stable id.
    pub id: Id,
    /// Label.
    pub label: String,
    /// Catalog part number it was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Parameters its source did not state and that are defaults until the designer
    /// confirms them (a part from NetBox's library): a channel through it is unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
    /// Parameters.
    pub spec: CableSpec,
    /// Where each end is plugged, in the order of `spec.plugs`.
    pub ends: Vec<Option<PortRef>>,
}

/// What a reviewer note is pinned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteTarget {
    /// A part, by id.
    Part(Id),
    /// A channel, by its two transceiver ports (the second missing for an open channel).
    Channel {
        /// First end.
        a: PortRef,
        /// Second end.
        b: Option<PortRef>,
    },
}

/// A reviewer's note, saved with the design and listed in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// What it is about.
    pub target: NoteTarget,
    /// Who wrote it.
    #[serde(default)]
    pub author: String,
    /// The note.
    pub text: String,
}

/// A whole design, as saved in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// File format version.
    pub format_version: u32,
    /// Design name.
    pub name: String,
    /// Racks.
    #[serde(default)]
    pub racks: Vec<Rack>,
    /// Enclosures.
    #[serde(default)]
    pub enclosures: Vec<Enclosure>,
    /// Cassettes and adapter panels.
    #[serde(default)]
    pub modules: Vec<Module>,
    /// Switches and servers.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// Trunks, cords and harnesses.
    #[serde(default)]
    pub cables: Vec<Cable>,
    /// Reviewer notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// What kind of part an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A rack.
    Rack,
    /// An enclosure.
    Enclosure,
    /// A cassette or panel.
    Module,
    /// Active equipment.
    Equipment,
    /// A cable.
    Cable,
}

impl Design {
    /// An empty design.
    pub fn new(name: &str) -> Self {
        Design {
            format_version: FORMAT_VERSION,
            name: name.to_owned(),
            racks: Vec::new(),
            enclosures: Vec::new(),
            modules: Vec::new(),
            equipment: Vec::new(),
            cables: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a rack.
    pub fn add_rack(&mut self, id: &str, label: &str, height_u: u8) -> &mut Rack {
        self.racks.push(Rack {
            id: id.into(),
            label: label.to_owned(),
            site: String::new(),
            row: String::new(),
            height_u,
        });
        let last = self.racks.len() - 1;
        &mut self.racks[last]
    }

    /// Adds an enclosure, mounted at `mount` if given.
    pub fn add_enclosure(&mut self, id: &str, spec: EnclosureSpec, mount: Option<Mount>) {
        self.enclosures.push(Enclosure {
            id: id.into(),
            label: id.to_owned(),
            catalog: None,
            unconfirmed: Vec::new(),
            mount,
            spec,
        });
    }

    /// Adds a module (cassette or panel), in `slot` if given.
    pub fn add_module(&mut self, id: &str, spec: ModuleSpec, slot: Option<SlotRef>) {
        self.modules.push(Module {
            id: id.into(),
            label: id.to_owned(),
            catalog: None,
            unconfirmed: Vec::new(),
            slot,
            spec,
        });
    }

    /// Adds equipment, mounted at `mount` if given.
    pub fn add_equipment(&mut self, id: &str, spec: EquipmentSpec, mount: Option<Mount>) {
        self.equipment.push(Equipment {
            id: id.into(),
            label: id.to_owned(),
            catalog: None,
            unconfirmed: Vec::new(),
            mount,
            spec,
        });
    }

    /// Adds a cable with its ends plugged into `ends` (one entry per plug, `None` = loose).
    pub fn add_cable(&mut self, id: &str, spec: CableSpec, ends: Vec<Option<PortRef>>) {
        self.cables.push(Cable {
            id: id.into(),
            label: id.to_owned(),
            catalog: None,
            unconfirmed: Vec::new(),
            spec,
            ends,
        });
    }

    /// The cable with this id.
    pub fn cable_mut(&mut self, id: &str) -> Option<&mut Cable> {
        self.cables.iter_mut().find(|c| c.id.as_str() == id)
    }

    /// The module with this id.
    pub fn module_mut(&mut self, id: &str) -> Option<&mut Module> {
        self.modules.iter_mut().find(|m| m.id.as_str() == id)
    }

    /// The label of the part with this id, or the id itself if there is none.
    pub fn label_of<'a>(&'a self, id: &'a Id) -> &'a str {
        self.racks
            .iter()
            .find(|r| &r.id == id)
            .map(|r| r.label.as_str())
            .or_else(|| {
                self.enclosures
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| e.label.as_str())
            })
            .or_else(|| {
                self.modules
                    .iter()
                    .find(|m| &m.id == id)
                    .map(|m| m.label.as_str())
            })
            .or_else(|| {
                self.equipment
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| e.label.as_str())
            })
            .or_else(|| {
                self.cables
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| c.label.as_str())
            })
            .unwrap_or(id.as_str())
    }

    /// Every part id, of every kind: racks, enclosures, modules, equipment, cables.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.racks
            .iter()
            .map(|r| &r.id)
            .chain(self.enclosures.iter().map(|e| &e.id))
            .chain(self.modules.iter().map(|m| &m.id))
            .chain(self.equipment.iter().map(|e| &e.id))
            .chain(self.cables.iter().map(|c| &c.id))
    }

    /// The catalog part number and the unconfirmed parameters of the placed part with this id
    /// (not a rack: racks have neither).
    fn catalog_fields(&self, id: &Id) -> Option<(&Option<String>, &[String])> {
        if let Some(m) = self.modules.iter().find(|m| &m.id == id) {
            return Some((&m.catalog, &m.unconfirmed));
        }
        if let Some(e) = self.equipment.iter().find(|e| &e.id == id) {
            return Some((&e.catalog, &e.unconfirmed));
        }
        if let Some(e) = self.enclosures.iter().find(|e| &e.id == id) {
            return Some((&e.catalog, &e.unconfirmed));
        }
        self.cables
            .iter()
            .find(|c| &c.id == id)
            .map(|c| (&c.catalog, c.unconfirmed.as_slice()))
    }

    /// The catalog part number the part with this id was made from, if any.
    pub fn catalog_of(&self, id: &Id) -> Option<&str> {
        self.catalog_fields(id)?.0.as_deref()
    }

    /// The parameters of the part with this id that are still unconfirmed defaults.
    pub fn unconfirmed_of(&self, id: &Id) -> &[String] {
        self.catalog_fields(id).map_or(&[], |(_, u)| u)
    }

    /// What holds the part with this id: a module's enclosure, an enclosure's or a piece of
    /// equipment's rack; `None` for a part without a place, a rack or a cable.
    pub fn container_of(&self, id: &Id) -> Option<&Id> {
        if let Some(m) = self.modules.iter().find(|m| &m.id == id) {
            return m.slot.as_ref().map(|s| &s.enclosure);
        }
        if let Some(e) = self.enclosures.iter().find(|e| &e.id == id) {
            return e.mount.as_ref().map(|m| &m.rack);
        }
        self.equipment
            .iter()
            .find(|e| &e.id == id)
            .and_then(|e| e.mount.as_ref())
            .map(|m| &m.rack)
    }

    /// What kind of part has this id.
    pub fn kind_of(&self, id: &Id) -> Option<PartKind> {
        if self.racks.iter().any(|r| &r.id == id) {
            Some(PartKind::Rack)
        } else if self.enclosures.iter().any(|e| &e.id == id) {
            Some(PartKind::Enclosure)
        } else if self.modules.iter().any(|m| &m.id == id) {
            Some(PartKind::Module)
        } else if self.equipment.iter().any(|e| &e.id == id) {
            Some(PartKind::Equipment)
        } else if self.cables.iter().any(|c| &c.id == id) {
            Some(PartKind::Cable)
        } else {
            None
        }
    }
}
