//! Blame: for a failing channel, the smallest change of the design that makes it pass without
//! making any other channel worse, named by the part it changes ("change CP2 to an A-to-B
//! cord"). Single changes of the parts on the channel's path are tried first, then pairs of
//! them; each trial is an edit applied to a working copy and re-checked incrementally, then
//! undone. Where no single or double change fixes a channel, it says so.

use crate::{apply, Edit};
use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::channel::path_parts;
use fiberplan_engine::trace::check::check_piece;
use fiberplan_engine::trace::pieces::{Member, Scope, ScopedEquipment};
use fiberplan_engine::trace::report::Piece;
use fiberplan_engine::trace::{Channel, CheckMode, Report, Rule, Severity, Verdict};
use fiberplan_model::{
    AdapterKind, ArrayPolarity, CableKind, CassettePolarity, Design, DuplexPolarity, FiberType,
    Gender, Id, ModuleKind, Polish, PortRef,
};
use serde::Serialize;

/// One change of one part, as data and in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The part changed.
    pub part: Id,
    /// What of it changes, e.g. `polarity`, `end 2 gender`, `fiber`.
    pub field: String,
    /// Its value now.
    pub old: String,
    /// Its value after the change.
    pub new: String,
    /// The change in words, e.g. "change CP2 to an A-to-B cord".
    pub text: String,
    /// The edit that makes the change.
    #[serde(skip)]
    pub edit: Edit,
}

/// The fix found for one failing channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The channel's first end.
    pub a: PortRef,
    /// Its far end, if it has one.
    pub b: Option<PortRef>,
    /// The changes, one or two, that together make it pass; empty when none was found.
    pub changes: Vec<Change>,
}

impl Fix {
    /// The fix in words: "change CP2 to an A-to-B cord", both changes of a pair, or that no
    /// single or double change fixes the channel.
    pub fn text(&self) -> String {
        match self.changes.as_slice() {
            [] => "no single or double change of a part on this channel makes it pass".to_owned(),
            [one] => one.text.clone(),
            many => many
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
        }
    }

    /// The edit that applies every change of the fix as one step.
    pub fn edit(&self) -> Edit {
        Edit::Batch(self.changes.iter().map(|c| c.edit.clone()).collect())
    }
}

/// Fixes for every channel of `report` (the check of `design`) that fails with a fault in a
/// part (not only loss, reach or an unknown application), in channel order. A channel's fix
/// makes it pass and leaves every channel of the same piece no worse.
pub fn fixes(design: &Design, report: &Report, apps: &ApplicationTable) -> Vec<Fix> {
    let census = Census::of(design);
    let index = PartIndex::of(design);
    let mut out = Vec::new();
    for c in report.channels().iter() {
        // Reach and loss faults have no part to exchange when the distance is what it is:
        // only channels with a fault in a part get a fix.
        if c.verdict != Verdict::Fail {
            continue;
        }
        let errors: Vec<&fiberplan_engine::trace::Finding> = report
            .channel_findings(c)
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let part_fault = errors
            .iter()
            .any(|f| !matches!(f.rule, Rule::Loss | Rule::Reach | Rule::Application));
        if !part_fault {
            continue;
        }
        // The channel's piece as a design of its own, where changes are tried: a trial
        // checks that piece alone, and the whole design is never copied.
        let mut work = Trial::of_piece(design, report.piece(c), apps, report.mode());
        let before = worst_by_port(&work.check().channels);
        // Only changes that can cure the channel's errors are tried: a polarity-type change
        // for light that lands wrong, a gender, polish or fiber change of a part in the
        // mating that broke that rule.
        let cures = |cand: &Change| {
            let field = cand.field.as_str();
            let in_error = |rules: &[Rule]| {
                errors
                    .iter()
                    .any(|f| rules.contains(&f.rule) && f.parts.contains(&cand.part))
            };
            if field == "polarity" || field == "adapter" {
                errors.iter().any(|f| {
                    matches!(
                        f.rule,
                        Rule::Polarity | Rule::SplitPair | Rule::LaneOrder | Rule::Loopback
                    )
                })
            } else if field.ends_with("gender") {
                in_error(&[Rule::Gender])
            } else if field.ends_with("polish") {
                in_error(&[Rule::Polish])
            } else if field == "fiber" {
                in_error(&[Rule::FiberType, Rule::MixedGrade])
            } else {
                true
            }
        };
        let candidates: Vec<Change> = candidates(design, &index, report, c)
            .into_iter()
            .filter(|cand| cures(cand))
            .collect();
        let ends = (c.a.clone(), c.b.clone());
        // Of the single changes that fix it, the one that brings its part in line with the
        // rest of the design: the value most parts of that kind already have. Tried in that
        // order, so the first that fixes it is the one.
        let mut ordered: Vec<&Change> = candidates.iter().collect();
        ordered.sort_by_key(|c| std::cmp::Reverse(census.commonness(c)));
        let mut found = ordered
            .into_iter()
            .find(|cand| work.fixes(std::slice::from_ref(*cand), &ends, &before))
            .map(|cand| vec![cand.clone()]);
        if found.is_none() {
            'pairs: for (i, x) in candidates.iter().enumerate() {
                for y in &candidates[i + 1..] {
                    if x.part == y.part && x.field == y.field {
                        continue;
                    }
                    let pair = [x.clone(), y.clone()];
                    if work.fixes(&pair, &ends, &before) {
                        found = Some(pair.to_vec());
                        break 'pairs;
                    }
                }
            }
        }
        out.push(Fix {
            a: c.a.clone(),
            b: c.b.clone(),
            changes: found.unwrap_or_default(),
        });
    }
    out
}

/// One piece of a design as a design of its own, where changes are tried and undone.
struct Trial<'a> {
    design: Design,
    scope: Scope,
    apps: &'a ApplicationTable,
    mode: CheckMode,
    /// Where each cable and module is in `design`, so a spec is swapped in place.
    cables: std::collections::HashMap<Id, usize>,
    modules: std::collections::HashMap<Id, usize>,
}

impl<'a> Trial<'a> {
    /// The parts of `piece` of `design`, numbered afresh, with the scope that checks them as
    /// the report checked the piece (light cannot cross to any other part).
    fn of_piece(
        design: &Design,
        piece: &Piece,
        apps: &'a ApplicationTable,
        mode: CheckMode,
    ) -> Self {
        let mut sub = Design::new(&design.name);
        let mut scope = Scope::default();
        for m in &piece.members {
            match m {
                Member::Equipment(i, _, ports) => {
                    let Some(e) = design.equipment.get(*i as usize) else {
                        continue;
                    };
                    scope.equipment.push(ScopedEquipment {
                        index: sub.equipment.len() as u32,
                        // No ports listed: the equipment's home piece, which holds them all.
                        ports: (!ports.is_empty()).then(|| ports.clone()),
                        home: ports.is_empty(),
                    });
                    sub.equipment.push(e.clone());
                }
                Member::Module(i, _) => {
                    if let Some(m) = design.modules.get(*i as usize) {
                        scope.modules.push(sub.modules.len() as u32);
                        sub.modules.push(m.clone());
                    }
                }
                Member::Cable(i, _) => {
                    if let Some(c) = design.cables.get(*i as usize) {
                        scope.cables.push(sub.cables.len() as u32);
                        sub.cables.push(c.clone());
                    }
                }
                Member::Missing(_) => {}
            }
        }
        Trial {
            cables: sub
                .cables
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            modules: sub
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.clone(), i))
                .collect(),
            design: sub,
            scope,
            apps,
            mode,
        }
    }

    /// The check of the piece as it is now.
    fn check(&self) -> Piece {
        check_piece(&self.design, &self.scope, 0, self.apps, self.mode)
    }

    /// Whether `changes` make the channel between `ends` pass and leave every port of the
    /// piece no worse than `before`: the piece is checked again with them (a change of a spec
    /// does not change what the piece holds), and is as it was afterwards.
    fn fixes(
        &mut self,
        changes: &[Change],
        ends: &(PortRef, Option<PortRef>),
        before: &[(PortRef, Verdict)],
    ) -> bool {
        let mut undo = Vec::with_capacity(changes.len());
        for c in changes {
            match self.apply(c.edit.clone()) {
                Some(inverse) => undo.push(inverse),
                None => break,
            }
        }
        let ok = undo.len() == changes.len() && {
            let piece = self.check();
            let after = worst_by_port(&piece.channels);
            let passes = |p: &PortRef| {
                let mut at = piece
                    .channels
                    .iter()
                    .filter(|c| &c.a == p || c.b.as_ref() == Some(p))
                    .peekable();
                at.peek().is_some() && at.all(|c| c.verdict == Verdict::Pass)
            };
            passes(&ends.0)
                && ends.1.as_ref().is_none_or(passes)
                && before.iter().all(|(port, was)| {
                    after
                        .iter()
                        .find(|(p, _)| p == port)
                        .is_none_or(|(_, now)| now <= was)
                })
        };
        for inverse in undo.into_iter().rev() {
            self.apply(inverse);
        }
        ok
    }

    /// Applies `edit` to the working copy and returns its inverse: a spec change by swapping
    /// the spec in place, anything else through [`apply`].
    fn apply(&mut self, edit: Edit) -> Option<Edit> {
        match edit {
            Edit::CableSpec { id, spec } => {
                let &i = self.cables.get(&id)?;
                let old = std::mem::replace(&mut self.design.cables.get_mut(i)?.spec, spec);
                Some(Edit::CableSpec { id, spec: old })
            }
            Edit::ModuleSpec { id, spec } => {
                let &i = self.modules.get(&id)?;
                let old = std::mem::replace(&mut self.design.modules.get_mut(i)?.spec, spec);
                Some(Edit::ModuleSpec { id, spec: old })
            }
            other => apply(&mut self.design, other).ok(),
        }
    }
}

/// How many parts of a design have each value a change may set, counted once per design.
struct Census {
    /// (kind of cable, polarity name) -> cables.
    cable_polarity: std::collections::HashMap<(std::mem::Discriminant<CableKind>, String), usize>,
    /// Cassette polarity name -> cassettes.
    cassette_polarity: std::collections::HashMap<String, usize>,
    /// Fiber type name -> cables.
    fiber: std::collections::HashMap<String, usize>,
    /// The kind of each cable, to look a change's part up.
    kinds: std::collections::HashMap<Id, std::mem::Discriminant<CableKind>>,
}

impl Census {
    fn of(design: &Design) -> Census {
        let mut census = Census {
            cable_polarity: Default::default(),
            cassette_polarity: Default::default(),
            fiber: Default::default(),
            kinds: Default::default(),
        };
        for c in &design.cables {
            let kind = std::mem::discriminant(&c.spec.kind);
            census.kinds.insert(c.id.clone(), kind);
            let polarity = match &c.spec.kind {
                CableKind::LcCord { polarity } => Some(format!("{polarity:?}")),
                CableKind::Trunk { polarity, .. } | CableKind::MpoCord { polarity, .. } => {
                    Some(array_name(*polarity).to_owned())
                }
                _ => None,
            };
            if let Some(p) = polarity {
                *census.cable_polarity.entry((kind, p)).or_default() += 1;
            }
            *census.fiber.entry(c.spec.fiber.to_string()).or_default() += 1;
        }
        for m in &design.modules {
            if let ModuleKind::Cassette(c) = &m.spec.kind {
                *census
                    .cassette_polarity
                    .entry(format!("{:?}", c.polarity))
                    .or_default() += 1;
            }
        }
        census
    }

    /// How usual the value `change` sets is: how many parts of the same kind have it already
    /// (ties go to the A-to-B cord, the duplex patch cord TIA-568.3 uses at both ends of
    /// Methods B and C). Used to choose between changes that fix a channel equally.
    fn commonness(&self, change: &Change) -> usize {
        let count = match change.field.as_str() {
            "polarity" => match self.kinds.get(&change.part) {
                Some(kind) => self
                    .cable_polarity
                    .get(&(*kind, change.new.clone()))
                    .copied()
                    .unwrap_or(0),
                None => self
                    .cassette_polarity
                    .get(&change.new)
                    .copied()
                    .unwrap_or(0),
            },
            "fiber" => self.fiber.get(&change.new).copied().unwrap_or(0),
            _ => 0,
        };
        2 * count + usize::from(change.new == "AB")
    }
}

/// The worst verdict of the channels at each transceiver port of `channels`.
fn worst_by_port(channels: &[Channel]) -> Vec<(PortRef, Verdict)> {
    let mut out: Vec<(PortRef, Verdict)> = Vec::new();
    for c in channels {
        for p in std::iter::once(&c.a).chain(c.b.as_ref()) {
            match out.iter_mut().find(|(q, _)| q == p) {
                Some((_, v)) => *v = (*v).max(c.verdict),
                None => out.push((p.clone(), c.verdict)),
            }
        }
    }
    out
}

/// Where each cable and module of a design is, found once instead of once per channel.
struct PartIndex<'d> {
    cables: std::collections::HashMap<&'d Id, usize>,
    modules: std::collections::HashMap<&'d Id, usize>,
}

impl<'d> PartIndex<'d> {
    fn of(design: &'d Design) -> Self {
        PartIndex {
            cables: design
                .cables
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.id, i))
                .collect(),
            modules: design
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (&m.id, i))
                .collect(),
        }
    }
}

/// Single changes of the cables and modules on `channel`'s fibers, in path order.
fn candidates(
    design: &Design,
    index: &PartIndex<'_>,
    report: &Report,
    channel: &Channel,
) -> Vec<Change> {
    let piece = report.piece(channel);
    let mut parts: Vec<Id> = Vec::new();
    for &t in &channel.traces {
        for p in path_parts(&piece.graph, piece.traces.path(t as usize)) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    // The fiber types on the path, the ones a part of the wrong type may change to.
    let fibers: Vec<FiberType> = {
        let mut f: Vec<FiberType> = parts
            .iter()
            .filter_map(|id| fiber_of(design, index, id))
            .collect();
        f.sort();
        f.dedup();
        f
    };
    let mut out = Vec::new();
    for id in &parts {
        if let Some(&i) = index.cables.get(id) {
            cable_changes(&design.cables[i], &fibers, &mut out);
        } else if let Some(&i) = index.modules.get(id) {
            module_changes(&design.modules[i], &fibers, &mut out);
        }
    }
    out
}

fn fiber_of(design: &Design, index: &PartIndex<'_>, id: &Id) -> Option<FiberType> {
    if let Some(&i) = index.cables.get(id) {
        return Some(design.cables[i].spec.fiber);
    }
    match &design.modules[*index.modules.get(id)?].spec.kind {
        ModuleKind::Cassette(c) => Some(c.fiber),
        ModuleKind::Converter(c) => Some(c.fiber),
        ModuleKind::AdapterPanel(_) => None,
    }
}

/// "a" or "an" before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn array_name(p: ArrayPolarity) -> &'static str {
    match p {
        ArrayPolarity::A => "Type A",
        ArrayPolarity::B => "Type B",
        ArrayPolarity::C => "Type C",
    }
}

fn flip_gender(g: Gender) -> Gender {
    match g {
        Gender::Pinned => Gender::Unpinned,
        Gender::Unpinned => Gender::Pinned,
    }
}

fn flip_polish(p: Polish) -> Polish {
    match p {
        Polish::UPC => Polish::APC,
        Polish::APC => Polish::UPC,
    }
}

/// The changes a cable may take: its polarity type, each end's gender and polish, its fiber.
fn cable_changes(c: &fiberplan_model::Cable, fibers: &[FiberType], out: &mut Vec<Change>) {
    let change = |field: &str, old: String, new: String, text: String, spec| Change {
        part: c.id.clone(),
        field: field.to_owned(),
        old,
        new,
        text,
        edit: Edit::CableSpec {
            id: c.id.clone(),
            spec,
        },
    };
    match &c.spec.kind {
        CableKind::LcCord { polarity } => {
            let (to, words) = match polarity {
                DuplexPolarity::AB => (DuplexPolarity::AA, "an A-to-A"),
                DuplexPolarity::AA => (DuplexPolarity::AB, "an A-to-B"),
            };
            let mut spec = c.spec.clone();
            spec.kind = CableKind::LcCord { polarity: to };
            out.push(change(
                "polarity",
                format!("{polarity:?}"),
                format!("{to:?}"),
                format!("change {} to {words} cord", c.label),
                spec,
            ));
        }
        CableKind::Trunk { polarity, .. } | CableKind::MpoCord { polarity, .. } => {
            let trunk = matches!(c.spec.kind, CableKind::Trunk { .. });
            for to in [ArrayPolarity::A, ArrayPolarity::B, ArrayPolarity::C] {
                if to == *polarity {
                    continue;
                }
                let mut spec = c.spec.clone();
                if let CableKind::Trunk { polarity: p, .. }
                | CableKind::MpoCord { polarity: p, .. } = &mut spec.kind
                {
                    *p = to;
                }
                out.push(change(
                    "polarity",
                    array_name(*polarity).to_owned(),
                    array_name(to).to_owned(),
                    format!(
                        "change {} to a {} {}",
                        c.label,
                        array_name(to),
                        if trunk { "trunk" } else { "MPO cord" }
                    ),
                    spec,
                ));
            }
        }
        CableKind::Breakout { .. } | CableKind::Harness { .. } => {}
    }
    // Both ends at once, where they agree: a trunk ordered with the wrong ends.
    if c.spec.plugs.len() > 1 {
        let genders: Vec<Option<Gender>> = c.spec.plugs.iter().map(|p| p.gender).collect();
        if let Some(Some(g)) = genders
            .first()
            .copied()
            .filter(|g| genders.iter().all(|x| x == g))
        {
            let to = flip_gender(g);
            let mut spec = c.spec.clone();
            spec.plugs.iter_mut().for_each(|p| p.gender = Some(to));
            out.push(change(
                "gender",
                g.to_string(),
                to.to_string(),
                format!("make {} {to} at both ends", c.label),
                spec,
            ));
        }
        let first = c.spec.plugs[0].polish;
        if c.spec.plugs.iter().all(|p| p.polish == first) {
            let to = flip_polish(first);
            let mut spec = c.spec.clone();
            spec.plugs.iter_mut().for_each(|p| p.polish = to);
            out.push(change(
                "polish",
                first.to_string(),
                to.to_string(),
                format!("make {} {to} at both ends", c.label),
                spec,
            ));
        }
    }
    for (i, plug) in c.spec.plugs.iter().enumerate() {
        if let Some(g) = plug.gender {
            let mut spec = c.spec.clone();
            let to = flip_gender(g);
            spec.plugs[i].gender = Some(to);
            out.push(change(
                &format!("end {} gender", i + 1),
                g.to_string(),
                to.to_string(),
                format!("make end {} of {} {to}", i + 1, c.label),
                spec,
            ));
        }
        let mut spec = c.spec.clone();
        let to = flip_polish(plug.polish);
        spec.plugs[i].polish = to;
        out.push(change(
            &format!("end {} polish", i + 1),
            plug.polish.to_string(),
            to.to_string(),
            format!("make end {} of {} {to}", i + 1, c.label),
            spec,
        ));
    }
    for &f in fibers.iter().filter(|&&f| f != c.spec.fiber) {
        let mut spec = c.spec.clone();
        spec.fiber = f;
        out.push(change(
            "fiber",
            c.spec.fiber.to_string(),
            f.to_string(),
            format!("make {} {f}", c.label),
            spec,
        ));
    }
}

/// The changes a module may take: a cassette's polarity type, gender, MPO polish and fiber;
/// a panel's adapter orientation.
fn module_changes(m: &fiberplan_model::Module, fibers: &[FiberType], out: &mut Vec<Change>) {
    let change = |field: &str, old: String, new: String, text: String, spec| Change {
        part: m.id.clone(),
        field: field.to_owned(),
        old,
        new,
        text,
        edit: Edit::ModuleSpec {
            id: m.id.clone(),
            spec,
        },
    };
    match &m.spec.kind {
        ModuleKind::Cassette(cas) => {
            let (to, words) = match cas.polarity {
                CassettePolarity::A => (CassettePolarity::B, "Type B (key-up/key-up)"),
                CassettePolarity::B => (CassettePolarity::A, "Type A (key-up/key-down)"),
            };
            let with = |f: &dyn Fn(&mut fiberplan_model::CassetteSpec)| {
                let mut spec = m.spec.clone();
                if let ModuleKind::Cassette(c) = &mut spec.kind {
                    f(c);
                }
                spec
            };
            out.push(change(
                "polarity",
                format!("{:?}", cas.polarity),
                format!("{to:?}"),
                format!("change {} to a {words} cassette", m.label),
                with(&|c| c.polarity = to),
            ));
            let g = flip_gender(cas.gender);
            out.push(change(
                "gender",
                cas.gender.to_string(),
                g.to_string(),
                format!("make {} {} {g} cassette", m.label, article(&g.to_string())),
                with(&|c| c.gender = g),
            ));
            let p = flip_polish(cas.mpo_polish);
            out.push(change(
                "MPO polish",
                cas.mpo_polish.to_string(),
                p.to_string(),
                format!("make the MPO side of {} {p}", m.label),
                with(&|c| c.mpo_polish = p),
            ));
            for &f in fibers.iter().filter(|&&f| f != cas.fiber) {
                out.push(change(
                    "fiber",
                    cas.fiber.to_string(),
                    f.to_string(),
                    format!("make {} {f}", m.label),
                    with(&|c| c.fiber = f),
                ));
            }
        }
        ModuleKind::AdapterPanel(panel) if panel.adapter.is_mpo() => {
            let to = match panel.adapter {
                AdapterKind::MpoKeyUpKeyDown => AdapterKind::MpoKeyUpKeyUp,
                _ => AdapterKind::MpoKeyUpKeyDown,
            };
            let mut spec = m.spec.clone();
            if let ModuleKind::AdapterPanel(p) = &mut spec.kind {
                p.adapter = to;
            }
            out.push(change(
                "adapter",
                panel.adapter.to_string(),
                to.to_string(),
                format!("change {} to {to} adapters", m.label),
                spec,
            ));
        }
        _ => {}
    }
}
