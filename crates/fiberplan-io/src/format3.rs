//! Format 3 of a design file: every distinct part spec is written once, in a `specs` table
//! at the top of the file, and each part names the spec it is built to; below the table,
//! one part per line.
//!
//! In a data hall thousands of cassettes and trunks share a handful of specs, so format 2,
//! which repeated each part's full spec, was several times larger than what it said; a
//! changed spec showed in a diff once per part. Per-part facts stay on the part: its id,
//! label, catalog number, placement, a cable's length and where its ends are plugged.
//!
//! A part's `spec` may be left out when it equals the part's catalog number, as it does for
//! every part still built to its catalog entry: the table is keyed by catalog number first.
//! A part's `label` is left out when it equals its id. Parts in memory each hold their full
//! spec ([`fiberplan_model::Design`]), so nothing above this module sees the table.

use fiberplan_model::{
    tia_splice_loss_db, Cable, CableKind, CableSpec, Design, Enclosure, EnclosureSpec, Equipment,
    EquipmentSpec, FiberType, Id, Module, ModuleSpec, Mount, Note, PlugSpec, PortRef, Rack,
    SlotRef, FORMAT_VERSION,
};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write as _;

/// A cable's spec without its length, which each cable keeps: what the `specs.cables` table
/// holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CableType {
    /// Kind and fiber map.
    pub kind: CableKind,
    /// Fiber type.
    pub fiber: FiberType,
    /// One plug per end.
    pub plugs: Vec<PlugSpec>,
    /// Insertion-loss class of the connectors, per mated pair, dB.
    pub loss_class_db: f64,
    /// Fusion splices on each fiber.
    #[serde(default)]
    pub splices: u8,
    /// Loss of one splice, dB.
    #[serde(default = "tia_splice_loss_db")]
    pub splice_loss_db: f64,
    /// Stated attenuation, dB/km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attenuation_db_per_km: Option<f64>,
}

impl CableType {
    /// The type of `spec` (all of it but the length).
    fn of(spec: &CableSpec) -> Self {
        // Every field named, so a field added to the spec cannot be silently dropped here.
        let CableSpec {
            kind,
            fiber,
            length_m: _,
            plugs,
            loss_class_db,
            splices,
            splice_loss_db,
            attenuation_db_per_km,
        } = spec;
        CableType {
            kind: kind.clone(),
            fiber: *fiber,
            plugs: plugs.clone(),
            loss_class_db: *loss_class_db,
            splices: *splices,
            splice_loss_db: *splice_loss_db,
            attenuation_db_per_km: *attenuation_db_per_km,
        }
    }

    /// True when `spec` is of this type, whatever its length.
    fn fits(&self, spec: &CableSpec) -> bool {
        let CableSpec {
            kind,
            fiber,
            length_m: _,
            plugs,
            loss_class_db,
            splices,
            splice_loss_db,
            attenuation_db_per_km,
        } = spec;
        self.kind == *kind
            && self.fiber == *fiber
            && self.plugs == *plugs
            && self.loss_class_db == *loss_class_db
            && self.splices == *splices
            && self.splice_loss_db == *splice_loss_db
            && self.attenuation_db_per_km == *attenuation_db_per_km
    }

    /// The spec of a cable of this type and length.
    fn with_length(&self, length_m: f64) -> CableSpec {
        CableSpec {
            kind: self.kind.clone(),
            fiber: self.fiber,
            length_m,
            plugs: self.plugs.clone(),
            loss_class_db: self.loss_class_db,
            splices: self.splices,
            splice_loss_db: self.splice_loss_db,
            attenuation_db_per_km: self.attenuation_db_per_km,
        }
    }
}

/// An optional field of a part line written as its bare value (`catalog: "X"`, not
/// `catalog: Some("X")`) and left out when absent: on a line per part, `Some(..)` would be
/// noise on every line.
mod bare {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the value of a present field (absent ones are skipped before this is called).
    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }

    /// Reads a present field's bare value.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
}

/// An enclosure or a piece of equipment (a part mounted in a rack) as one line of the file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MountedLine<'a> {
    id: Cow<'a, Id>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    label: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    catalog: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    unconfirmed: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    mount: Option<Cow<'a, Mount>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    spec: Option<Cow<'a, str>>,
}

/// A module as one line of the file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ModuleLine<'a> {
    id: Cow<'a, Id>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    label: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    catalog: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    unconfirmed: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    slot: Option<Cow<'a, SlotRef>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    spec: Option<Cow<'a, str>>,
}

/// A cable as one line of the file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CableLine<'a> {
    id: Cow<'a, Id>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    label: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    catalog: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    unconfirmed: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare")]
    spec: Option<Cow<'a, str>>,
    length_m: f64,
    ends: Cow<'a, [Option<PortRef>]>,
}

/// The spec tables, each keyed by spec name.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Specs {
    #[serde(default)]
    enclosures: SpecTable<EnclosureSpec>,
    #[serde(default)]
    modules: SpecTable<ModuleSpec>,
    #[serde(default)]
    equipment: SpecTable<EquipmentSpec>,
    #[serde(default)]
    cables: SpecTable<CableType>,
}

/// A spec table as read: names and specs in file order, a name used twice refused.
pub(crate) struct SpecTable<T>(Vec<(String, T)>);

impl<T> Default for SpecTable<T> {
    fn default() -> Self {
        SpecTable(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SpecTable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Entries<T> {
            type Value = SpecTable<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from spec name to spec, such as {\"CAS-12F\": (...)}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    if entries.iter().any(|(n, _)| *n == name) {
                        return Err(serde::de::Error::custom(format!(
                            "the spec {name:?} is defined twice; each spec name must be unique in its table"
                        )));
                    }
                    let spec = map.next_value()?;
                    entries.push((name, spec));
                }
                Ok(SpecTable(entries))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// A whole format-3 file as read.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DesignFile {
    pub(crate) format_version: u32,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) specs: Specs,
    #[serde(default)]
    pub(crate) racks: Vec<Rack>,
    #[serde(default)]
    pub(crate) enclosures: Vec<MountedLine<'static>>,
    #[serde(default)]
    pub(crate) modules: Vec<ModuleLine<'static>>,
    #[serde(default)]
    pub(crate) equipment: Vec<MountedLine<'static>>,
    #[serde(default)]
    pub(crate) cables: Vec<CableLine<'static>>,
    #[serde(default)]
    pub(crate) notes: Vec<Note>,
}

/// Names a spec the parts of one table refer to that the table does not hold.
fn missing_spec(kind: &str, table: &str, id: &Id, name: Option<&str>, by_catalog: bool) -> String {
    match (name, by_catalog) {
        (None, _) => format!(
            "{kind} {id} names no spec: expected spec: \"NAME\" naming an entry of specs.{table}, or a catalog number that is one"
        ),
        (Some(n), true) => format!(
            "{kind} {id} gives no spec and its catalog number {n:?} is not an entry of specs.{table}; expected spec: \"NAME\" naming one"
        ),
        (Some(n), false) => format!(
            "{kind} {id} names the spec {n:?}, which is not an entry of specs.{table}"
        ),
    }
}

/// What every part line holds, read into the model's types.
struct Head {
    id: Id,
    label: String,
    catalog: Option<String>,
    unconfirmed: Vec<String>,
}

impl Head {
    /// The fields every part line has, with the spec the line names (or its catalog number
    /// names) found in `index`, the table `table` of parts of `kind`.
    #[allow(clippy::too_many_arguments)] // the fields of one line, taken apart by the caller
    fn of<'t, T>(
        index: &HashMap<&str, &'t T>,
        kind: &str,
        table: &str,
        id: Cow<'_, Id>,
        label: Option<Cow<'_, str>>,
        catalog: Option<Cow<'_, str>>,
        unconfirmed: Cow<'_, [String]>,
        spec: Option<Cow<'_, str>>,
    ) -> Result<(Head, &'t T), String> {
        let id = id.into_owned();
        let name = spec.as_deref().or(catalog.as_deref());
        let found = name
            .and_then(|n| index.get(n).copied())
            .ok_or_else(|| missing_spec(kind, table, &id, name, spec.is_none()))?;
        let head = Head {
            label: label.map_or_else(|| id.to_string(), Cow::into_owned),
            catalog: catalog.map(Cow::into_owned),
            unconfirmed: unconfirmed.into_owned(),
            id,
        };
        Ok((head, found))
    }
}

fn index<T>(table: &SpecTable<T>) -> HashMap<&str, &T> {
    table.0.iter().map(|(n, s)| (n.as_str(), s)).collect()
}

impl DesignFile {
    /// The design the file describes, each part with its spec; an error names the first part
    /// whose spec the tables do not hold.
    pub(crate) fn into_design(self) -> Result<Design, String> {
        let DesignFile {
            format_version: _,
            name,
            specs,
            racks,
            enclosures,
            modules,
            equipment,
            cables,
            notes,
        } = self;
        let (enc_specs, mod_specs, eq_specs, cable_types) = (
            index(&specs.enclosures),
            index(&specs.modules),
            index(&specs.equipment),
            index(&specs.cables),
        );
        let mut design = Design::new(&name);
        design.racks = racks;
        design.enclosures = enclosures
            .into_iter()
            .map(|l| {
                let (part, spec) = Head::of(
                    &enc_specs,
                    "enclosure",
                    "enclosures",
                    l.id,
                    l.label,
                    l.catalog,
                    l.unconfirmed,
                    l.spec,
                )?;
                Ok(Enclosure {
                    id: part.id,
                    label: part.label,
                    catalog: part.catalog,
                    unconfirmed: part.unconfirmed,
                    mount: l.mount.map(Cow::into_owned),
                    spec: spec.clone(),
                })
            })
            .collect::<Result<_, String>>()?;
        design.modules = modules
            .into_iter()
            .map(|l| {
                let (part, spec) = Head::of(
                    &mod_specs,
                    "module",
                    "modules",
                    l.id,
                    l.label,
                    l.catalog,
                    l.unconfirmed,
                    l.spec,
                )?;
                Ok(Module {
                    id: part.id,
                    label: part.label,
                    catalog: part.catalog,
                    unconfirmed: part.unconfirmed,
                    slot: l.slot.map(Cow::into_owned),
                    spec: spec.clone(),
                })
            })
            .collect::<Result<_, String>>()?;
        design.equipment = equipment
            .into_iter()
            .map(|l| {
                let (part, spec) = Head::of(
                    &eq_specs,
                    "equipment",
                    "equipment",
                    l.id,
                    l.label,
                    l.catalog,
                    l.unconfirmed,
                    l.spec,
                )?;
                Ok(Equipment {
                    id: part.id,
                    label: part.label,
                    catalog: part.catalog,
                    unconfirmed: part.unconfirmed,
                    mount: l.mount.map(Cow::into_owned),
                    spec: spec.clone(),
                })
            })
            .collect::<Result<_, String>>()?;
        design.cables = cables
            .into_iter()
            .map(|l| {
                let (part, kind) = Head::of(
                    &cable_types,
                    "cable",
                    "cables",
                    l.id,
                    l.label,
                    l.catalog,
                    l.unconfirmed,
                    l.spec,
                )?;
                Ok(Cable {
                    id: part.id,
                    label: part.label,
                    catalog: part.catalog,
                    unconfirmed: part.unconfirmed,
                    spec: kind.with_length(l.length_m),
                    ends: l.ends.into_owned(),
                })
            })
            .collect::<Result<_, String>>()?;
        design.notes = notes;
        Ok(design)
    }
}

/// The distinct specs of one table as they are written, in order of first use.
///
/// Each is named by the catalog number of its parts; where parts of one catalog number carry
/// several specs, the one most parts carry keeps the plain number and the others are
/// numbered "X (2)", "X (3)": a change to one part's spec then shows in a diff as that part's
/// line and one new entry, whichever part it is.
struct TableWriter<'a, T> {
    /// Catalog number, spec and the number of parts built to it, in order of first use.
    entries: Vec<(Option<&'a str>, T, usize)>,
    /// The entries that parts of one catalog number (or none) use: candidates to compare.
    by_catalog: HashMap<Option<&'a str>, Vec<usize>>,
    /// What to call a spec that has no catalog number.
    unnamed: &'static str,
}

impl<'a, T> TableWriter<'a, T> {
    fn new(unnamed: &'static str) -> Self {
        TableWriter {
            entries: Vec::new(),
            by_catalog: HashMap::default(),
            unnamed,
        }
    }

    /// The entry a part of `catalog` whose spec `fits` uses, adding the spec `make` builds
    /// when no entry fits.
    fn entry_of(
        &mut self,
        catalog: Option<&'a str>,
        fits: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> usize {
        let candidates = self.by_catalog.entry(catalog).or_default();
        if let Some(i) = candidates
            .iter()
            .copied()
            .find(|&i| fits(&self.entries[i].1))
        {
            self.entries[i].2 += 1;
            return i;
        }
        self.entries.push((catalog, make(), 1));
        let i = self.entries.len() - 1;
        candidates.push(i);
        i
    }

    /// The name of every entry, by entry index.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<Option<String>> = vec![None; self.entries.len()];
        let mut taken: HashMap<String, ()> = HashMap::default();
        // Plain catalog numbers first, so no numbered name can take one.
        for (catalog, group) in &self.by_catalog {
            let (Some(c), Some(&first)) = (catalog, group.first()) else {
                continue;
            };
            let most = group.iter().copied().fold(first, |best, i| {
                if self.entries[i].2 > self.entries[best].2 {
                    i
                } else {
                    best
                }
            });
            names[most] = Some((*c).to_owned());
            taken.insert((*c).to_owned(), ());
        }
        for (i, (catalog, _, _)) in self.entries.iter().enumerate() {
            if names[i].is_some() {
                continue;
            }
            let name = (1..)
                .map(|n| match catalog {
                    Some(c) => format!("{c} ({})", n + 1),
                    None => format!("{} {n}", self.unnamed),
                })
                .find(|n| !taken.contains_key(n))
                .unwrap_or_default(); // ok: an unbounded range always finds a free name
            taken.insert(name.clone(), ());
            names[i] = Some(name);
        }
        names.into_iter().map(Option::unwrap_or_default).collect()
    }

    /// The specs, by entry index (as [`TableWriter::names`] names them).
    fn specs(&self) -> Vec<&T> {
        self.entries.iter().map(|(_, spec, _)| spec).collect()
    }
}

/// The spec name to write on a part: none when it is the part's catalog number.
fn spec_field<'n>(name: &'n str, catalog: Option<&str>) -> Option<Cow<'n, str>> {
    (catalog != Some(name)).then_some(Cow::Borrowed(name))
}

/// The label to write on a part: none when it is its id.
fn label_field<'l>(label: &'l str, id: &Id) -> Option<Cow<'l, str>> {
    (label != id.as_str()).then_some(Cow::Borrowed(label))
}

/// Writes `design` as format 3.
pub fn write(design: &Design) -> Result<String, ron::Error> {
    let line = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .new_line("")
        .indentor("");
    let block = ron::ser::PrettyConfig::new().indentor("  ".to_owned());

    // First every part finds its table entry, so that the names, which depend on how many
    // parts use each entry, are known before any part line is written.
    let mut enclosures = TableWriter::new("enclosure");
    let enclosure_entry: Vec<usize> = design
        .enclosures
        .iter()
        .map(|e| enclosures.entry_of(e.catalog.as_deref(), |s| *s == e.spec, || e.spec.clone()))
        .collect();
    let mut modules = TableWriter::new("module");
    let module_entry: Vec<usize> = design
        .modules
        .iter()
        .map(|m| modules.entry_of(m.catalog.as_deref(), |s| *s == m.spec, || m.spec.clone()))
        .collect();
    let mut equipment = TableWriter::new("equipment");
    let equipment_entry: Vec<usize> = design
        .equipment
        .iter()
        .map(|e| equipment.entry_of(e.catalog.as_deref(), |s| *s == e.spec, || e.spec.clone()))
        .collect();
    let mut cables: TableWriter<CableType> = TableWriter::new("cable");
    let cable_entry: Vec<usize> = design
        .cables
        .iter()
        .map(|c| {
            cables.entry_of(
                c.catalog.as_deref(),
                |t| t.fits(&c.spec),
                || CableType::of(&c.spec),
            )
        })
        .collect();
    let (enclosure_names, module_names, equipment_names, cable_names) = (
        enclosures.names(),
        modules.names(),
        equipment.names(),
        cables.names(),
    );

    let mut out = String::with_capacity(128 * (design.cables.len() + design.modules.len()) + 4096);
    out.push_str("(\n");
    let _ = writeln!(out, "  format_version: {FORMAT_VERSION},");
    let _ = writeln!(out, "  name: {},", ron::ser::to_string(&design.name)?);
    out.push_str("  specs: (\n");
    table(
        &mut out,
        "enclosures",
        &enclosure_names,
        &enclosures.specs(),
        &block,
    )?;
    table(&mut out, "modules", &module_names, &modules.specs(), &block)?;
    table(
        &mut out,
        "equipment",
        &equipment_names,
        &equipment.specs(),
        &block,
    )?;
    table(&mut out, "cables", &cable_names, &cables.specs(), &block)?;
    out.push_str("  ),\n");

    list(&mut out, "racks", design.racks.iter(), |r| {
        to_line(r, &line)
    })?;
    list(
        &mut out,
        "enclosures",
        design.enclosures.iter().zip(&enclosure_entry),
        |(e, &i)| {
            mounted_line(
                (&e.id, &e.label, e.catalog.as_deref(), &e.unconfirmed),
                e.mount.as_ref(),
                &enclosure_names[i],
                &line,
            )
        },
    )?;
    list(
        &mut out,
        "modules",
        design.modules.iter().zip(&module_entry),
        |(m, &i)| {
            let catalog = m.catalog.as_deref();
            to_line(
                &ModuleLine {
                    id: Cow::Borrowed(&m.id),
                    label: label_field(&m.label, &m.id),
                    catalog: catalog.map(Cow::Borrowed),
                    unconfirmed: Cow::Borrowed(&m.unconfirmed),
                    slot: m.slot.as_ref().map(Cow::Borrowed),
                    spec: spec_field(&module_names[i], catalog),
                },
                &line,
            )
        },
    )?;
    list(
        &mut out,
        "equipment",
        design.equipment.iter().zip(&equipment_entry),
        |(e, &i)| {
            mounted_line(
                (&e.id, &e.label, e.catalog.as_deref(), &e.unconfirmed),
                e.mount.as_ref(),
                &equipment_names[i],
                &line,
            )
        },
    )?;
    list(
        &mut out,
        "cables",
        design.cables.iter().zip(&cable_entry),
        |(c, &i)| {
            let catalog = c.catalog.as_deref();
            to_line(
                &CableLine {
                    id: Cow::Borrowed(&c.id),
                    label: label_field(&c.label, &c.id),
                    catalog: catalog.map(Cow::Borrowed),
                    unconfirmed: Cow::Borrowed(&c.unconfirmed),
                    spec: spec_field(&cable_names[i], catalog),
                    length_m: c.spec.length_m,
                    ends: Cow::Borrowed(&c.ends),
                },
                &line,
            )
        },
    )?;
    if !design.notes.is_empty() {
        list(&mut out, "notes", design.notes.iter(), |n| {
            to_line(n, &line)
        })?;
    }
    out.push_str(")\n");
    Ok(out)
}

/// A part mounted in a rack (its id, label, catalog number and unconfirmed parameters, its
/// mount and the name of its spec) as one line of RON.
fn mounted_line(
    (id, label, catalog, unconfirmed): (&Id, &str, Option<&str>, &[String]),
    mount: Option<&Mount>,
    spec: &str,
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    to_line(
        &MountedLine {
            id: Cow::Borrowed(id),
            label: label_field(label, id),
            catalog: catalog.map(Cow::Borrowed),
            unconfirmed: Cow::Borrowed(unconfirmed),
            mount: mount.map(Cow::Borrowed),
            spec: spec_field(spec, catalog),
        },
        config,
    )
}

/// `value` as one line of RON.
fn to_line<T: Serialize>(value: &T, config: &ron::ser::PrettyConfig) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(value, config.clone())
}

/// Writes one top-level list, an item per line.
fn list<I>(
    out: &mut String,
    field: &str,
    items: impl Iterator<Item = I>,
    line: impl Fn(I) -> Result<String, ron::Error>,
) -> Result<(), ron::Error> {
    let _ = writeln!(out, "  {field}: [");
    for item in items {
        out.push_str("    ");
        out.push_str(&line(item)?);
        out.push_str(",\n");
    }
    out.push_str("  ],\n");
    Ok(())
}

/// Writes one spec table, `names` and `specs` by entry index, each spec over several lines
/// (there are few, and a changed one should read as a diff of the field that changed); an
/// empty table is left out.
fn table<T: Serialize>(
    out: &mut String,
    field: &str,
    names: &[String],
    specs: &[&T],
    block: &ron::ser::PrettyConfig,
) -> Result<(), ron::Error> {
    if specs.is_empty() {
        return Ok(());
    }
    let _ = writeln!(out, "    {field}: {{");
    for (name, spec) in names.iter().zip(specs) {
        let text = ron::ser::to_string_pretty(spec, block.clone())?;
        let _ = write!(out, "      {}: ", ron::ser::to_string(name)?);
        for (i, l) in text.lines().enumerate() {
            if i > 0 {
                out.push_str("\n      ");
            }
            out.push_str(l);
        }
        out.push_str(",\n");
    }
    out.push_str("    },\n");
    Ok(())
}
