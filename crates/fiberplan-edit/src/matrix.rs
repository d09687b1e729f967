//! Application matrix: for a link (or a trunk), every application of the table it can carry
//! today and after a change of its patching layer, each with its verdict, the reason it
//! cannot and its loss margin.
//!
//! Nothing here judges a link by a table of what should work. "Today" puts the
//! application's optic (the one a catalog switch carries) on both ends of the link, as it is
//! patched, and checks it; "after" asks [`upgrade`] for the change
//! of the patching layer that carries the application on this link alone, and takes the
//! verdict of its check. Both run on a design of the link's own parts, so a link's answer
//! does not depend on the size of the hall, and links built alike (the same parts in the
//! same arrangement, whatever their ids and labels) are tried once.

use crate::upgrade::{channel_parts, optic_for, set_port_optic, upgrade, Scope};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check, Channel, CheckMode, Report, Severity, Verdict};
use fiberplan_model::{CableKind, Design, Id, PortRef};
use std::collections::{HashMap, HashSet};

/// Whether a link carries an application, and how well.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Carry {
    /// The check's verdict with the application's optics (a warning still carries it).
    pub verdict: Verdict,
    /// Loss margin against the application's limit, dB, where the light got through.
    pub margin_db: Option<f64>,
    /// Why it cannot: the first error of the check, or why no change was found.
    pub why: Option<String>,
}

impl Carry {
    /// True when the application runs on the link (no error).
    pub fn carries(&self) -> bool {
        self.verdict != Verdict::Fail
    }

    fn cannot(why: String) -> Self {
        Carry {
            verdict: Verdict::Fail,
            margin_db: None,
            why: Some(why),
        }
    }

    /// One short cell: `PASS +1.23 dB`, `WARN +0.40 dB` or `FAIL: reason`.
    pub fn cell(&self) -> String {
        match (self.verdict, self.margin_db, &self.why) {
            (Verdict::Fail, _, Some(why)) => format!("FAIL: {why}"),
            (v, Some(m), _) => format!("{v} {m:+.2} dB"),
            (v, None, _) => v.to_string(),
        }
    }
}

/// One application for one link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cell {
    /// The application's name in the table.
    pub application: String,
    /// With its optics on the link as it is patched today.
    pub today: Carry,
    /// After the change of the patching layer the upgrade planner finds for this link alone.
    pub after: Carry,
}

/// What a link or a trunk path carries.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// The link (`A01-U40 Eth1 <-> A02-U40 Eth1`) or the trunk's label.
    pub name: String,
    /// For a trunk, the link whose answer it shows; empty for a link.
    pub via: String,
    /// One cell per application of the table, in the table's order.
    pub cells: Vec<Cell>,
}

/// Every application for the link `c` of `report` (a channel with a far end).
pub fn channel_row(
    design: &Design,
    report: &Report,
    catalog: &Catalog,
    apps: &ApplicationTable,
    c: &Channel,
) -> Option<Row> {
    let (trial, a, b) = link_design(&Lookup::new(design), report, c)?;
    Some(Row {
        name: link_name(c),
        via: String::new(),
        cells: cells(&trial, &a, &b, catalog, apps),
    })
}

/// The matrix of a whole design: a row for each link with a far end, in the report's order,
/// then one for each trunk between two modules, showing the first link that runs on it.
/// Links built alike are tried once.
pub fn design_matrix(
    design: &Design,
    report: &Report,
    catalog: &Catalog,
    apps: &ApplicationTable,
) -> Vec<Row> {
    use rayon::prelude::*;
    let lookup = Lookup::new(design);
    let trunks: HashSet<&Id> = design
        .cables
        .iter()
        .filter(|x| matches!(x.spec.kind, CableKind::Trunk { .. }))
        .map(|x| &x.id)
        .collect();
    // Each link's own design and shape, in the report's order; then each shape tried once,
    // the shapes on both cores (a shape's checks are small: one core each is faster than
    // sharing every small check between them).
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut shapes: Vec<(Design, PortRef, PortRef)> = Vec::new();
    let mut shape_of: HashMap<String, usize> = HashMap::new();
    // The first link on each trunk, for the trunks' rows.
    let mut on_trunk: HashMap<Id, usize> = HashMap::new();
    for c in report.channels().iter() {
        let Some((trial, a, b)) = link_design(&lookup, report, c) else {
            continue;
        };
        // The trunks its own fibers run through (its design also holds the other cables on
        // its modules, such as a panel's other trunks).
        for id in channel_parts(report, c) {
            if trunks.contains(&id) {
                on_trunk.entry(id).or_insert(links.len());
            }
        }
        let key = shape_key(&trial, &a, &b);
        let shape = match shape_of.get(&key) {
            Some(&i) => i,
            None => {
                shape_of.insert(key, shapes.len());
                shapes.push((trial, a, b));
                shapes.len() - 1
            }
        };
        links.push((link_name(c), shape));
    }
    let cells_of: Vec<Vec<Cell>> = shapes
        .par_iter()
        .map(|(trial, a, b)| cells(trial, a, b, catalog, apps))
        .collect();
    let mut rows: Vec<Row> = links
        .into_iter()
        .map(|(name, shape)| Row {
            name,
            via: String::new(),
            cells: cells_of[shape].clone(),
        })
        .collect();
    let link_rows = rows.len();
    for t in design
        .cables
        .iter()
        .filter(|x| matches!(x.spec.kind, CableKind::Trunk { .. }))
    {
        let row = match on_trunk.get(&t.id) {
            Some(&i) if i < link_rows => Row {
                name: t.label.clone(),
                via: rows[i].name.clone(),
                cells: rows[i].cells.clone(),
            },
            _ => Row {
                name: t.label.clone(),
                via: String::new(),
                cells: apps
                    .applications
                    .iter()
                    .map(|app| {
                        let none = Carry::cannot(
                            "no link is patched through this trunk to try it on".into(),
                        );
                        Cell {
                            application: app.name.clone(),
                            today: none.clone(),
                            after: none,
                        }
                    })
                    .collect(),
            },
        };
        rows.push(row);
    }
    rows
}

/// The design's parts by id and the cables on each module, looked up once for every link.
struct Lookup<'a> {
    design: &'a Design,
    equipment: HashMap<&'a Id, usize>,
    modules: HashMap<&'a Id, usize>,
    cables: HashMap<&'a Id, usize>,
    enclosures: HashMap<&'a Id, usize>,
    racks: HashMap<&'a Id, usize>,
    cables_on: HashMap<&'a Id, Vec<usize>>,
}

impl<'a> Lookup<'a> {
    fn new(design: &'a Design) -> Self {
        fn by_id<'a, T>(list: &'a [T], id: impl Fn(&'a T) -> &'a Id) -> HashMap<&'a Id, usize> {
            list.iter().enumerate().map(|(i, x)| (id(x), i)).collect()
        }
        let mut cables_on: HashMap<&Id, Vec<usize>> = HashMap::new();
        for (i, c) in design.cables.iter().enumerate() {
            for p in c.ends.iter().flatten() {
                let list = cables_on.entry(&p.part).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Lookup {
            design,
            equipment: by_id(&design.equipment, |x| &x.id),
            modules: by_id(&design.modules, |x| &x.id),
            cables: by_id(&design.cables, |x| &x.id),
            enclosures: by_id(&design.enclosures, |x| &x.id),
            racks: by_id(&design.racks, |x| &x.id),
            cables_on,
        }
    }
}

fn link_name(c: &Channel) -> String {
    match (&c.b, &c.b_name) {
        (Some(b), Some(n)) => format!("{} {} <-> {b} {n}", c.a, c.a_name),
        (Some(b), None) => format!("{} {} <-> {b}", c.a, c.a_name),
        _ => format!("{} {} (open)", c.a, c.a_name),
    }
}

/// The link's parts as a design of their own (with every cable on its modules, which a
/// change of the patching layer must move, and the enclosures and racks they sit in), and
/// its two ends. Parts keep the design's order.
fn link_design(
    lookup: &Lookup<'_>,
    report: &Report,
    c: &Channel,
) -> Option<(Design, PortRef, PortRef)> {
    let b = c.b.clone()?;
    let d = lookup.design;
    let mut parts = channel_parts(report, c);
    for p in [&c.a, &b] {
        if !parts.contains(&p.part) {
            parts.push(p.part.clone());
        }
    }
    let pick = |map: &HashMap<&Id, usize>| -> Vec<usize> {
        let mut v: Vec<usize> = parts.iter().filter_map(|id| map.get(id).copied()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let modules = pick(&lookup.modules);
    let mut cables = pick(&lookup.cables);
    for &m in &modules {
        if let Some(on) = lookup.cables_on.get(&d.modules[m].id) {
            cables.extend(on.iter().copied());
        }
    }
    cables.sort_unstable();
    cables.dedup();
    let mut trial = Design::new("trial");
    trial.equipment = pick(&lookup.equipment)
        .into_iter()
        .map(|i| d.equipment[i].clone())
        .collect();
    trial.modules = modules.iter().map(|&i| d.modules[i].clone()).collect();
    trial.cables = cables.iter().map(|&i| d.cables[i].clone()).collect();
    let mut enclosures: Vec<usize> = trial
        .modules
        .iter()
        .filter_map(|m| m.slot.as_ref())
        .filter_map(|s| lookup.enclosures.get(&s.enclosure).copied())
        .collect();
    enclosures.sort_unstable();
    enclosures.dedup();
    trial.enclosures = enclosures
        .iter()
        .map(|&i| d.enclosures[i].clone())
        .collect();
    let mut racks: Vec<usize> = trial
        .enclosures
        .iter()
        .filter_map(|e| e.mount.as_ref())
        .chain(trial.equipment.iter().filter_map(|e| e.mount.as_ref()))
        .filter_map(|m| lookup.racks.get(&m.rack).copied())
        .collect();
    racks.sort_unstable();
    racks.dedup();
    trial.racks = racks.iter().map(|&i| d.racks[i].clone()).collect();
    Some((trial, c.a.clone(), b))
}

/// The link's parts with ids and labels left out: links that give the same key are built
/// alike and carry the same applications.
fn shape_key(d: &Design, a: &PortRef, b: &PortRef) -> String {
    let mut names: HashMap<&Id, usize> = HashMap::new();
    let ids = d
        .racks
        .iter()
        .map(|x| &x.id)
        .chain(d.enclosures.iter().map(|x| &x.id))
        .chain(d.modules.iter().map(|x| &x.id))
        .chain(d.equipment.iter().map(|x| &x.id))
        .chain(d.cables.iter().map(|x| &x.id));
    for id in ids {
        let n = names.len();
        names.entry(id).or_insert(n);
    }
    let name = |id: &Id| names.get(id).copied().unwrap_or(usize::MAX);
    let port = |p: &PortRef| format!("{}:{:?}:{}", name(&p.part), p.side, p.port);
    let mut key = format!("{}|{}|", port(a), port(b));
    for r in &d.racks {
        key += &format!("R{}:{}|", name(&r.id), r.height_u);
    }
    for e in &d.enclosures {
        let mount = e.mount.as_ref().map(|m| (name(&m.rack), m.u));
        key += &format!("E{}:{mount:?}:{:?}|", name(&e.id), e.spec);
    }
    for m in &d.modules {
        let slot = m.slot.as_ref().map(|s| (name(&s.enclosure), s.slot));
        key += &format!(
            "M{}:{slot:?}:{:?}:{:?}|",
            name(&m.id),
            m.spec,
            m.unconfirmed
        );
    }
    for e in &d.equipment {
        let mount = e.mount.as_ref().map(|m| (name(&m.rack), m.u));
        key += &format!(
            "Q{}:{mount:?}:{:?}:{:?}|",
            name(&e.id),
            e.spec,
            e.unconfirmed
        );
    }
    for x in &d.cables {
        let ends: Vec<Option<String>> = x.ends.iter().map(|p| p.as_ref().map(port)).collect();
        key += &format!(
            "C{}:{ends:?}:{:?}:{:?}|",
            name(&x.id),
            x.spec,
            x.unconfirmed
        );
    }
    key
}

/// Every application of the table on the link between `a` and `b` of `trial`.
fn cells(
    trial: &Design,
    a: &PortRef,
    b: &PortRef,
    catalog: &Catalog,
    apps: &ApplicationTable,
) -> Vec<Cell> {
    let report = check(trial, apps, CheckMode::Draft);
    apps.applications
        .iter()
        .map(|app| {
            let name = app.name.as_str();
            let Some(optic) = optic_for(catalog, name) else {
                let none = Carry::cannot(format!(
                    "no optic for {name} in the catalog (a switch or server part with that optic)"
                ));
                return Cell {
                    application: name.to_owned(),
                    today: none.clone(),
                    after: none,
                };
            };
            let mut today = trial.clone();
            for p in [a, b] {
                if let Some(e) = today.equipment.iter_mut().find(|e| e.id == p.part) {
                    e.spec = set_port_optic(&e.spec, p.port, &optic);
                }
            }
            let today = verdict_of(&check(&today, apps, CheckMode::Draft), a, b);
            let after = match upgrade(
                trial,
                &report,
                catalog,
                apps,
                name,
                &Scope::Ports(vec![a.clone(), b.clone()]),
            ) {
                Err(e) => Carry::cannot(e.to_string()),
                Ok(u) => match (u.moved.first(), u.stuck.first()) {
                    (Some(m), _) => Carry {
                        verdict: m.verdict,
                        margin_db: m.margin_db,
                        why: m.problem.clone(),
                    },
                    (None, Some(s)) => Carry::cannot(s.why.clone()),
                    // Nothing to change: the link already runs this application.
                    (None, None) => today.clone(),
                },
            };
            Cell {
                application: name.to_owned(),
                today,
                after,
            }
        })
        .collect()
}

/// The verdict of the link between `a` and `b`, its margin and its first error (else its
/// first warning). Where the light from `a` does not reach `b`, the first error of the
/// channel from `a` says why.
fn verdict_of(report: &Report, a: &PortRef, b: &PortRef) -> Carry {
    let first = |c: &Channel| {
        let mut found = report.channel_findings(c);
        let error = report
            .channel_findings(c)
            .find(|f| f.severity == Severity::Error);
        error
            .or_else(|| found.next())
            .map(|f| format!("{}: {}", f.rule, f.message))
    };
    let Some(c) = report.channel_between(a, b) else {
        let why = report
            .channels_at(a)
            .find_map(&first)
            .unwrap_or_else(|| "the light does not reach the far end".into());
        return Carry::cannot(why);
    };
    Carry {
        verdict: c.verdict,
        margin_db: c.budget.as_ref().map(|b| b.margin_db()),
        why: first(c),
    }
}
