//! Bill of materials / request for quotation: one line per distinct part with its quantity
//! and every parameter a buyer must confirm with the vendor.

use fiberplan_engine::catalog::Catalog;
use fiberplan_model::{
    CableKind, CableSpec, Design, DuplexPolarity, Gender, ModuleKind, ModuleSpec, Polish,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// One BOM line.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BomLine {
    /// Category (Trunk, Cassette, ...).
    pub category: String,
    /// Catalog part number, if the parts came from the catalog.
    pub part_number: String,
    /// Description.
    pub description: String,
    /// How many.
    pub quantity: usize,
    /// Fiber type.
    pub fiber_type: String,
    /// Fibers per part.
    pub fiber_count: String,
    /// Front (or end 1) connector.
    pub front_connector: String,
    /// Rear (or end 2) connector.
    pub rear_connector: String,
    /// TIA-568.3 polarity type.
    pub polarity_type: String,
    /// MPO gender(s).
    pub mpo_gender: String,
    /// Polish(es).
    pub polish: String,
    /// Insertion-loss class per mated pair.
    pub insertion_loss_db: String,
    /// Panel or slot format.
    pub slot_format: String,
    /// Length, metres.
    pub length_m: String,
    /// Labeling to order.
    pub labeling: String,
    /// The design ids the line covers.
    pub ids: String,
}

fn gender(g: Option<Gender>) -> &'static str {
    match g {
        Some(Gender::Pinned) => "pinned",
        Some(Gender::Unpinned) => "unpinned",
        None => "",
    }
}

fn polish(p: Polish) -> &'static str {
    match p {
        Polish::UPC => "UPC",
        Polish::APC => "APC",
    }
}

fn joined<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let v: Vec<String> = items.iter().map(f).collect();
    if v.windows(2).all(|w| w[0] == w[1]) {
        v.first().cloned().unwrap_or_default()
    } else {
        v.join(" / ")
    }
}

fn cable_line(spec: &CableSpec) -> BomLine {
    let (category, count, front, rear, pol) = match &spec.kind {
        CableKind::Trunk {
            connector,
            polarity,
        } => (
            "Trunk",
            connector.fiber_count().to_string(),
            connector.to_string(),
            connector.to_string(),
            format!("Type {polarity:?}"),
        ),
        CableKind::MpoCord {
            connector,
            polarity,
        } => (
            "MPO patch cord",
            connector.fiber_count().to_string(),
            connector.to_string(),
            connector.to_string(),
            format!("Type {polarity:?}"),
        ),
        CableKind::LcCord { polarity } => (
            "LC duplex patch cord",
            "2".to_owned(),
            "LC duplex".to_owned(),
            "LC duplex".to_owned(),
            match polarity {
                DuplexPolarity::AB => "A-to-B".to_owned(),
                DuplexPolarity::AA => "A-to-A".to_owned(),
            },
        ),
        CableKind::Breakout { connector, legs } => (
            "Breakout harness",
            legs.iter()
                .map(|l| 1 + usize::from(l.b.is_some()))
                .sum::<usize>()
                .to_string(),
            connector.to_string(),
            format!("{} x LC", legs.len()),
            "per leg map".to_owned(),
        ),
        CableKind::Harness { connectors, fibers } => (
            "Conversion harness",
            fibers.len().to_string(),
            connectors
                .first()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            joined(&connectors[1.min(connectors.len())..], |c| c.to_string()),
            "per fiber map".to_owned(),
        ),
    };
    let genders: Vec<Option<Gender>> = spec.plugs.iter().map(|p| p.gender).collect();
    BomLine {
        category: category.to_owned(),
        part_number: String::new(),
        description: String::new(),
        quantity: 0,
        fiber_type: spec.fiber.to_string(),
        fiber_count: count,
        front_connector: front,
        rear_connector: rear,
        polarity_type: pol,
        mpo_gender: if genders.iter().any(Option::is_some) {
            joined(&genders, |g| gender(*g).to_owned())
        } else {
            String::new()
        },
        polish: joined(&spec.plugs, |p| polish(p.polish).to_owned()),
        insertion_loss_db: format!("{:.2}", spec.loss_class_db),
        slot_format: String::new(),
        length_m: format!("{:.1}", spec.length_m),
        labeling: "TIA-606: both ends, near and far identifiers".to_owned(),
        ids: String::new(),
    }
}

fn module_line(spec: &ModuleSpec) -> BomLine {
    let mut line = BomLine {
        slot_format: spec.slot_format.clone(),
        labeling: "TIA-606: module and port identifiers".to_owned(),
        ..BomLine::default()
    };
    match &spec.kind {
        ModuleKind::Cassette(c) => {
            line.category = "Cassette".into();
            line.fiber_type = c.fiber.to_string();
            line.fiber_count =
                (usize::from(c.connector.fiber_count()) * usize::from(c.rear_ports)).to_string();
            line.front_connector = format!("{} x LC duplex", c.front_ports());
            line.rear_connector = format!("{} x {}", c.rear_ports, c.connector);
            line.polarity_type = format!(
                "Type {:?}{}",
                c.polarity,
                if c.harness.is_some() {
                    ", custom harness"
                } else {
                    ""
                }
            );
            line.mpo_gender = gender(Some(c.gender)).to_owned();
            line.polish = format!("MPO {} / LC {}", polish(c.mpo_polish), polish(c.lc_polish));
            line.insertion_loss_db = format!("MPO {:.2} / LC {:.2}", c.mpo_loss_db, c.lc_loss_db);
        }
        ModuleKind::AdapterPanel(p) => {
            line.category = "Adapter panel".into();
            line.front_connector = match p.ferrule {
                Some(ferrule) => format!("{} x {ferrule} {}", p.ports, p.adapter),
                None => format!("{} x {}", p.ports, p.adapter),
            };
            line.rear_connector = line.front_connector.clone();
            line.insertion_loss_db = format!("{:.2}", p.loss_db);
        }
        ModuleKind::Converter(c) => {
            line.category = "Conversion module".into();
            line.fiber_type = c.fiber.to_string();
            line.fiber_count = c.fibers.len().to_string();
            let side = |s| {
                let v: Vec<String> = c
                    .ports
                    .iter()
                    .filter(|p| p.side == s)
                    .map(|p| p.connector.to_string())
                    .collect();
                v.join(" + ")
            };
            line.front_connector = side(fiberplan_model::Side::Front);
            line.rear_connector = side(fiberplan_model::Side::Rear);
            line.polarity_type = "per fiber map".into();
            line.mpo_gender = joined(&c.ports, |p| gender(p.gender).to_owned());
            line.polish = joined(&c.ports, |p| polish(p.polish).to_owned());
            line.insertion_loss_db = joined(&c.ports, |p| format!("{:.2}", p.loss_db));
        }
    }
    line
}

/// The bill of materials of `design`; descriptions come from `catalog` where a part names
/// its part number.
pub fn bom(design: &Design, catalog: &Catalog) -> Vec<BomLine> {
    // Parts are the same line when every parameter (and the part number) is the same.
    let mut lines: BTreeMap<(String, String), (BomLine, Vec<String>)> = BTreeMap::new();
    let mut add = |key: String,
                   catalog_pn: &Option<String>,
                   mut line: BomLine,
                   id: &str,
                   fallback: String| {
        line.part_number = catalog_pn.clone().unwrap_or_default();
        line.description = catalog_pn
            .as_ref()
            .and_then(|pn| catalog.get(pn))
            .map(|e| e.name.clone())
            .unwrap_or(fallback);
        let entry = lines
            .entry((line.category.clone(), format!("{}|{key}", line.part_number)))
            .or_insert((line, Vec::new()));
        entry.1.push(id.to_owned());
    };
    let key = |v: &dyn erased::Key| v.key();
    for r in &design.racks {
        let line = BomLine {
            category: "Rack".into(),
            labeling: "TIA-606: rack identifier".into(),
            ..BomLine::default()
        };
        add(
            format!("rack {}U", r.height_u),
            &None,
            line,
            r.id.as_str(),
            format!("{}U rack", r.height_u),
        );
    }
    for e in &design.enclosures {
        let line = BomLine {
            category: "Enclosure".into(),
            slot_format: e.spec.slot_format.clone(),
            labeling: "TIA-606: panel identifier by rack unit".into(),
            ..BomLine::default()
        };
        add(
            key(&e.spec),
            &e.catalog,
            line,
            e.id.as_str(),
            format!("{}U enclosure, {} slots", e.spec.height_u, e.spec.slots),
        );
    }
    for m in &design.modules {
        let line = module_line(&m.spec);
        let fallback = format!("{} {}", line.category, line.rear_connector);
        add(key(&m.spec), &m.catalog, line, m.id.as_str(), fallback);
    }
    for c in &design.cables {
        let line = cable_line(&c.spec);
        let fallback = format!(
            "{} {} {:.1} m",
            line.category, line.polarity_type, c.spec.length_m
        );
        add(key(&c.spec), &c.catalog, line, c.id.as_str(), fallback);
    }
    for e in &design.equipment {
        for g in &e.spec.ports {
            let x = &g.transceiver;
            let line = BomLine {
                category: "Transceiver".into(),
                fiber_type: x.media.to_string(),
                fiber_count: (x.lanes.len() * 2).to_string(),
                front_connector: x.connector.to_string(),
                mpo_gender: gender(x.gender).to_owned(),
                polish: polish(x.polish).to_owned(),
                labeling: String::new(),
                ..BomLine::default()
            };
            for n in 0..g.count {
                add(
                    key(x),
                    &None,
                    line.clone(),
                    &format!(
                        "{}/{}{}",
                        e.id,
                        g.name_prefix,
                        u32::from(n) + u32::from(g.first_number)
                    ),
                    format!("{} optic ({})", x.application, x.connector),
                );
            }
        }
    }
    lines
        .into_values()
        .map(|(mut line, ids)| {
            line.quantity = ids.len();
            line.ids = ids.join(" ");
            line
        })
        .collect()
}

/// A stable text key of a spec, so identical parameters group into one line.
mod erased {
    /// Anything serializable has a key: its RON text.
    pub trait Key {
        /// The key.
        fn key(&self) -> String;
    }
    impl<T: serde::Serialize> Key for T {
        fn key(&self) -> String {
            ron::to_string(self).unwrap_or_default()
        }
    }
}

/// The BOM as CSV.
pub fn bom_csv(lines: &[BomLine]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for l in lines {
        w.serialize(l)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
