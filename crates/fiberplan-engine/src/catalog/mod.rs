//! The parts catalog and the applications table, loaded from `assets/` at start and
//! extendable with a user's own files of the same shape.

pub mod applications;

pub use applications::{Application, ApplicationTable, Attenuation, GradeLimit};

use fiberplan_io::{parse_ron, LoadError};
use fiberplan_model::{CableSpec, EnclosureSpec, EquipmentSpec, ModuleSpec};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a catalog entry makes when placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PartTemplate {
    /// A rack of `height_u` units.
    Rack {
        /// Usable height.
        height_u: u8,
    },
    /// A fiber enclosure.
    Enclosure(EnclosureSpec),
    /// A cassette or adapter panel.
    Module(ModuleSpec),
    /// A switch or server with optics.
    Equipment(EquipmentSpec),
    /// A trunk, cord or harness.
    Cable(CableSpec),
}

/// One orderable part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Part number, unique in the catalog.
    pub part_number: String,
    /// Short name shown in the palette.
    pub name: String,
    /// Palette group (e.g. `Cassettes`, `Trunks`).
    pub group: String,
    /// The part's parameters.
    pub part: PartTemplate,
    /// Parameters the source of the entry did not state and that were filled with a
    /// default (a part read from NetBox's library has no polarity type, gender or fiber
    /// grade): to be confirmed by the designer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
}

/// The catalog: part templates by part number.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Catalog {
    /// Entries, in palette order.
    pub entries: Vec<CatalogEntry>,
}

/// The built-in catalog, compiled from `assets/catalog.ron`.
pub const BUILTIN_CATALOG_RON: &str = include_str!("../../../../assets/catalog.ron");

impl Catalog {
    /// The built-in catalog.
    ///
    /// The asset is compiled in and parsed by a test, so a failure here is a build defect.
    pub fn builtin() -> Self {
        let parsed = ron::from_str(BUILTIN_CATALOG_RON);
        parsed.expect("assets/catalog.ron is compiled in and parsed by tests") // ok: build asset
    }

    /// Reads a user's catalog file.
    pub fn load(path: &Path) -> Result<Catalog, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::io(path, &e))?;
        parse_ron(&text, path)
    }

    /// Adds `other`'s entries; an entry with a part number already present replaces it.
    pub fn merge(&mut self, other: Catalog) {
        for entry in other.entries {
            match self
                .entries
                .iter_mut()
                .find(|e| e.part_number == entry.part_number)
            {
                Some(existing) => *existing = entry,
                None => self.entries.push(entry),
            }
        }
    }

    /// The catalog as the text of a catalog file (the shape of `assets/catalog.ron`).
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
    }

    /// The entry with this part number.
    pub fn get(&self, part_number: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.part_number == part_number)
    }
}

impl ApplicationTable {
    /// Reads a user's applications file.
    pub fn load(path: &Path) -> Result<ApplicationTable, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::io(path, &e))?;
        parse_ron(&text, path)
    }
}
