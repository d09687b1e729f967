//! The NetBox objects of a site, by name: what an export writes, what a push sends and what a
//! pull reads. NetBox refers to objects by name in its import files (a device's `rack`, a
//! cable's `side_a_name`) and Fiberplan has no NetBox ids, so names are the common key.

use crate::library::NetboxType;

/// The kind of port a cable end lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PortKind {
    /// A switch or server port (`dcim.interface`).
    Interface,
    /// A front port of a cassette or panel (`dcim.frontport`).
    FrontPort,
    /// A rear port of a cassette or panel (`dcim.rearport`).
    RearPort,
}

impl PortKind {
    /// NetBox's object type, as its CSV and REST API write it.
    pub fn object_type(self) -> &'static str {
        match self {
            PortKind::Interface => "dcim.interface",
            PortKind::FrontPort => "dcim.frontport",
            PortKind::RearPort => "dcim.rearport",
        }
    }

    /// The REST endpoint under `/api/dcim/` that lists ports of this kind.
    pub fn endpoint(self) -> &'static str {
        match self {
            PortKind::Interface => "interfaces",
            PortKind::FrontPort => "front-ports",
            PortKind::RearPort => "rear-ports",
        }
    }

    /// The kind of NetBox's object type `s`; `None` for a termination Fiberplan has no port
    /// for (a console port, a circuit).
    pub fn parse(s: &str) -> Option<PortKind> {
        match s {
            "dcim.interface" => Some(PortKind::Interface),
            "dcim.frontport" => Some(PortKind::FrontPort),
            "dcim.rearport" => Some(PortKind::RearPort),
            _ => None,
        }
    }
}

/// A cable end: a device's port by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// The device's name.
    pub device: String,
    /// The kind of port.
    pub kind: PortKind,
    /// The port's name on the device (`Ethernet1`, `S1-LC3`).
    pub name: String,
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.device, self.name)
    }
}

/// A rack.
#[derive(Debug, Clone, PartialEq)]
pub struct RackRow {
    /// Its site's name.
    pub site: String,
    /// Its name.
    pub name: String,
    /// Height in rack units.
    pub u_height: u8,
}

/// A device: an enclosure, switch or server.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceRow {
    /// Its name (unique in the site).
    pub name: String,
    /// Its role's name.
    pub role: String,
    /// Its type's manufacturer.
    pub manufacturer: String,
    /// Its type's model.
    pub device_type: String,
    /// Its site's name.
    pub site: String,
    /// The rack it is mounted in, with its lowest U; `None` when not mounted.
    pub rack: Option<(String, u8)>,
}

/// A module (cassette or panel) in a device's module bay.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleRow {
    /// The device's name.
    pub device: String,
    /// The bay's name (`Slot 2`).
    pub bay: String,
    /// Its type's model.
    pub module_type: String,
}

/// A cable.
#[derive(Debug, Clone, PartialEq)]
pub struct CableRow {
    /// Its label (unique in Fiberplan; NetBox's key for updates).
    pub label: String,
    /// Side A's terminations (one, or more for a breakout's legs).
    pub a: Vec<Term>,
    /// Side B's terminations.
    pub b: Vec<Term>,
    /// NetBox's cable type (`mmf-om4`).
    pub kind: String,
    /// NetBox's cable profile, where one fits.
    pub profile: Option<String>,
    /// Colour, six hex digits.
    pub color: String,
    /// Length.
    pub length: f64,
    /// Unit of the length (`m`).
    pub length_unit: String,
    /// What NetBox has no field for, written for people and read back by a pull.
    pub description: String,
}

/// Something of a part that NetBox cannot hold, and where Fiberplan put it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The object: a type's model, a device, a cable label.
    pub object: String,
    /// What NetBox cannot hold.
    pub what: String,
    /// Where it was put instead, or why the object was left out.
    pub put: String,
}

/// A site's NetBox objects, in the order NetBox needs them.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Manufacturers' names.
    pub manufacturers: Vec<String>,
    /// Device roles: (name, colour).
    pub roles: Vec<(String, String)>,
    /// Device types, with their templates.
    pub device_types: Vec<NetboxType>,
    /// Module types, with their templates and maps.
    pub module_types: Vec<NetboxType>,
    /// Sites' names.
    pub sites: Vec<String>,
    /// Racks.
    pub racks: Vec<RackRow>,
    /// Devices.
    pub devices: Vec<DeviceRow>,
    /// Modules.
    pub modules: Vec<ModuleRow>,
    /// Cables.
    pub cables: Vec<CableRow>,
    /// What NetBox cannot hold.
    pub gaps: Vec<Gap>,
}

/// NetBox's slug of a name: lower case, words joined by `-`.
pub fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
