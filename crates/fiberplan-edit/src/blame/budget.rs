//! Options for channels that fail on loss or reach alone: no part is at fault when the
//! distance is what it is, so these are named as options, not fixes. The largest
//! contributors to the loss, catalog parts of lower loss that would bring the channel within
//! budget, and the nearest application in the table that the channel carries.

use super::trial::Trial;
use super::Change;
use crate::Edit;
use fiberplan_engine::catalog::{ApplicationTable, Catalog, PartTemplate};
use fiberplan_engine::trace::budget::{contributions, Contribution};
use fiberplan_engine::trace::report::Piece;
use fiberplan_engine::trace::{Budget, Channel, Report, Rule, Severity, Verdict};
use fiberplan_model::{Design, EquipmentSpec, ModuleKind, ModuleSpec, PortRef, TransceiverSpec};
use serde::Serialize;

/// One thing a designer could do about a channel over its budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// The option in words, with the loss and length it would give.
    pub text: String,
    /// The part changes it takes, to apply as one step; empty for a choice that changes what
    /// the channel runs (another application) rather than a part.
    pub changes: Vec<Change>,
}

/// What is known about a channel that fails on loss or reach alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetOptions {
    /// The channel's first end.
    pub a: PortRef,
    /// Its far end.
    pub b: Option<PortRef>,
    /// The largest contributors to the loss of its worst fiber, largest first.
    pub contributors: Vec<Contribution>,
    /// Options that would bring it within its limits, catalog parts first; empty when none.
    pub choices: Vec<Choice>,
}

impl BudgetOptions {
    /// The three largest contributors in words: "CAS1 2 mated pairs 1.50 dB, ...".
    pub fn contributors_text(&self) -> String {
        self.contributors
            .iter()
            .take(3)
            .map(|c| format!("{} {} {:.2} dB", c.part, c.what, c.loss_db))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Options for every channel of `report` (the check of `design`) that fails on loss or reach
/// and on nothing else, in channel order.
pub fn budget_options(
    design: &Design,
    report: &Report,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Vec<BudgetOptions> {
    report
        .channels()
        .iter()
        .filter_map(|c| channel_options(design, report, apps, catalog, c))
        .collect()
}

/// The options of channel `c` of `report`, if it fails on loss or reach and on nothing else.
pub(super) fn channel_options(
    design: &Design,
    report: &Report,
    apps: &ApplicationTable,
    catalog: &Catalog,
    c: &Channel,
) -> Option<BudgetOptions> {
    if c.verdict != Verdict::Fail || c.budget.is_none() {
        return None;
    }
    let mut errors = report
        .channel_findings(c)
        .filter(|f| f.severity == Severity::Error)
        .peekable();
    if errors.peek().is_none() || !errors.all(|f| matches!(f.rule, Rule::Loss | Rule::Reach)) {
        return None;
    }
    let piece = report.piece(c);
    let contributors = contributions(&piece.graph, &piece.traces, apps, c);
    let mut work = Trial::of_piece(design, piece, apps, report.mode());
    let mut choices = low_loss_parts(design, catalog, &contributors, &mut work, c);
    choices.extend(nearest_application(design, apps, catalog, &mut work, c));
    Some(BudgetOptions {
        a: c.a.clone(),
        b: c.b.clone(),
        contributors,
        choices,
    })
}

/// The channel between `c`'s ends in a trial's check, if it passes there.
fn passing<'p>(piece: &'p Piece, c: &Channel) -> Option<&'p Budget> {
    piece
        .channels
        .iter()
        .find(|x| x.a == c.a && x.b == c.b && x.verdict == Verdict::Pass)
        .and_then(|x| x.budget.as_ref())
}

fn figures(b: &Budget) -> String {
    format!(
        "loss {:.2} dB of {:.2} dB, {:.1} m of {:.0} m",
        b.loss_db, b.max_loss_db, b.length_m, b.reach_m
    )
}

/// Catalog modules with the same parameters as a module holding the channel's mated pairs
/// but lower loss figures: each one alone that brings the channel within budget, or else all
/// of them together.
fn low_loss_parts(
    design: &Design,
    catalog: &Catalog,
    contributors: &[Contribution],
    work: &mut Trial<'_>,
    c: &Channel,
) -> Vec<Choice> {
    let mut swaps: Vec<Change> = Vec::new();
    for part in contributors
        .iter()
        .filter(|x| x.what.contains("mated pair"))
    {
        let Some(m) = design.modules.iter().find(|m| m.id == part.part) else {
            continue;
        };
        if swaps.iter().any(|s| s.part == m.id) {
            continue;
        }
        let best = catalog
            .entries
            .iter()
            .filter_map(|e| match &e.part {
                PartTemplate::Module(spec) => {
                    let loss = module_loss(spec)?;
                    (same_but_loss(spec, &m.spec) && loss < module_loss(&m.spec)?)
                        .then_some((e, loss))
                }
                _ => None,
            })
            .min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((entry, _)) = best {
            let PartTemplate::Module(spec) = &entry.part else {
                continue;
            };
            swaps.push(Change {
                part: m.id.clone(),
                field: "part".to_owned(),
                old: m.catalog.clone().unwrap_or_default(),
                new: entry.part_number.clone(),
                text: format!(
                    "replace {} with {} ({})",
                    m.label,
                    entry.part_number,
                    loss_words(spec)
                ),
                part_number: Some(entry.part_number.clone()),
                edit: Edit::ModuleSpec {
                    id: m.id.clone(),
                    spec: spec.clone(),
                },
                record: Some(Edit::PartNumber {
                    id: m.id.clone(),
                    part_number: Some(entry.part_number.clone()),
                }),
            });
        }
    }
    let mut out = Vec::new();
    for s in &swaps {
        if let Some(Some(text)) = work.with(std::slice::from_ref(&s.edit), |p| {
            passing(p, c).map(|b| format!("{}: {}", s.text, figures(b)))
        }) {
            out.push(Choice {
                text,
                changes: vec![s.clone()],
            });
        }
    }
    if out.is_empty() && swaps.len() > 1 {
        let edits: Vec<Edit> = swaps.iter().map(|s| s.edit.clone()).collect();
        if let Some(Some(b)) = work.with(&edits, |p| passing(p, c).cloned()) {
            // One clause per part number: "replace C1 and C2 with CAS-… (…)".
            let mut clauses: Vec<(String, Vec<String>)> = Vec::new();
            for s in &swaps {
                let label = design
                    .modules
                    .iter()
                    .find(|m| m.id == s.part)
                    .map_or_else(|| s.part.to_string(), |m| m.label.clone());
                let words = s
                    .text
                    .split_once(" with ")
                    .map_or("", |(_, w)| w)
                    .to_owned();
                match clauses.iter_mut().find(|(w, _)| *w == words) {
                    Some((_, labels)) => labels.push(label),
                    None => clauses.push((words, vec![label])),
                }
            }
            let text: Vec<String> = clauses
                .iter()
                .map(|(words, labels)| format!("replace {} with {words}", labels.join(" and ")))
                .collect();
            out.push(Choice {
                text: format!("{}: {}", text.join(" and "), figures(&b)),
                changes: swaps,
            });
        }
    }
    out
}

/// A module's loss figures in words: "MPO 0.35 dB, LC 0.15 dB per mated pair".
fn loss_words(spec: &ModuleSpec) -> String {
    match &spec.kind {
        ModuleKind::Cassette(c) => format!(
            "MPO {:.2} dB, LC {:.2} dB per mated pair",
            c.mpo_loss_db, c.lc_loss_db
        ),
        ModuleKind::AdapterPanel(p) => format!("{:.2} dB per mated pair", p.loss_db),
        ModuleKind::Converter(_) => String::new(),
    }
}

/// Total loss figure of a module's mated pairs (a cassette's MPO and LC figures, a panel's
/// adapter), to compare catalog parts.
fn module_loss(spec: &ModuleSpec) -> Option<f64> {
    match &spec.kind {
        ModuleKind::Cassette(c) => Some(c.mpo_loss_db + c.lc_loss_db),
        ModuleKind::AdapterPanel(p) => Some(p.loss_db),
        ModuleKind::Converter(_) => None,
    }
}

/// Whether two module specs differ in their loss figures alone.
fn same_but_loss(x: &ModuleSpec, y: &ModuleSpec) -> bool {
    let mut x = x.clone();
    match (&mut x.kind, &y.kind) {
        (ModuleKind::Cassette(a), ModuleKind::Cassette(b)) => {
            a.mpo_loss_db = b.mpo_loss_db;
            a.lc_loss_db = b.lc_loss_db;
        }
        (ModuleKind::AdapterPanel(a), ModuleKind::AdapterPanel(b)) => a.loss_db = b.loss_db,
        _ => return false,
    }
    &x == y
}

/// The application nearest in the table to the one the channel fails that it would carry
/// with optics of the same plug and lane positions (those the catalog or the design fit),
/// with the figures it would have.
fn nearest_application(
    design: &Design,
    apps: &ApplicationTable,
    catalog: &Catalog,
    work: &mut Trial<'_>,
    c: &Channel,
) -> Option<Choice> {
    let budget = c.budget.as_ref()?;
    let optic = |p: &PortRef| -> Option<(&fiberplan_model::Equipment, usize, &TransceiverSpec)> {
        let e = design.equipment.iter().find(|e| e.id == p.part)?;
        let (group, _) = e.spec.port(p.port)?;
        let i = e.spec.ports.iter().position(|g| std::ptr::eq(g, group))?;
        Some((e, i, &group.transceiver))
    };
    let (ea, ga, ta) = optic(&c.a)?;
    let far = c.b.as_ref().and_then(optic);
    let same_shape = |t: &TransceiverSpec| {
        t.connector == ta.connector && t.media == ta.media && t.lanes == ta.lanes
    };
    let catalog_optics = catalog.entries.iter().filter_map(|e| match &e.part {
        PartTemplate::Equipment(spec) => Some(spec),
        _ => None,
    });
    let mut names: Vec<&str> = catalog_optics
        .chain(design.equipment.iter().map(|e| &e.spec))
        .flat_map(|s| s.ports.iter().map(|g| &g.transceiver))
        .filter(|t| same_shape(t) && !c.applications.contains(&t.application))
        .map(|t| t.application.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let order = apps.index();
    let here = *order.get(budget.application.as_str())?;
    names.sort_by_key(|n| order.get(n).map_or(usize::MAX, |&i| i.abs_diff(here)));
    let with_app = |e: &fiberplan_model::Equipment, g: usize, name: &str| -> EquipmentSpec {
        let mut spec = e.spec.clone();
        if let Some(group) = spec.ports.get_mut(g) {
            group.transceiver.application = name.to_owned();
        }
        spec
    };
    for name in names {
        if !order.contains_key(name) {
            continue;
        }
        let mut edits = vec![Edit::EquipmentSpec {
            id: ea.id.clone(),
            spec: with_app(ea, ga, name),
        }];
        if let Some((eb, gb, _)) = far {
            if eb.id != ea.id {
                edits.push(Edit::EquipmentSpec {
                    id: eb.id.clone(),
                    spec: with_app(eb, gb, name),
                });
            }
        }
        if let Some(Some(b)) = work.with(&edits, |p| passing(p, c).cloned()) {
            return Some(Choice {
                text: format!(
                    "the nearest application this channel carries is {name}: {}",
                    figures(&b)
                ),
                changes: Vec::new(),
            });
        }
    }
    None
}
