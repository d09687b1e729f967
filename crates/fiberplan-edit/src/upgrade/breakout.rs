//! Breakouts: where an upgrade is asked for one end of duplex links only (the far ends' racks
//! are not in it), that end's switch takes the parallel optic on one port, and a catalog
//! breakout harness fans it out to as many of the links as it has lanes, into the cassette
//! ports their cords used; the far ends keep their duplex optics (`fiber-model.md`: a
//! fan-out is judged by its lanes whatever parts carry it). Harness and leg order are tried
//! on the checks.

use super::*;

/// One duplex link a breakout carries.
pub(super) struct Leg {
    /// Its end on the upgraded switch (the cord there is replaced by a harness leg).
    pub near: PortRef,
    /// Its far end, which keeps its optic.
    pub far: PortRef,
    /// The link as people name it.
    pub name: String,
    /// The cord from `near` into the cassette.
    cord: Id,
    /// The cassette front port that cord used.
    into: PortRef,
}

impl Leg {
    /// The cassette its harness leg goes into.
    pub fn cassette(&self) -> &Id {
        &self.into.part
    }
}

/// What the upgrade has done so far: ends already moved, cassettes already replaced, and
/// whether an end keeps its optic (the upgrade was not asked for it).
pub(super) type Taken<'a> = (
    &'a HashSet<PortRef>,
    &'a HashSet<Id>,
    &'a dyn Fn(&PortRef) -> bool,
);

/// A breakout that passed: the port that takes the parallel optic, the harness and the
/// links on its legs, in leg order.
pub(super) struct Plan {
    /// The switch port that takes the optic.
    pub port: PortRef,
    harness: (String, CableSpec),
    /// The links, leg 1 first.
    pub links: Vec<Leg>,
}

/// The cord from equipment port `p` into a module's front port, with that port.
fn cord_into(index: &Index<'_>, p: &PortRef) -> Option<(Id, PortRef)> {
    index.cables_on.get(&p.part)?.iter().find_map(|c| {
        if !c.ends.iter().flatten().any(|e| e == p) {
            return None;
        }
        let into = c
            .ends
            .iter()
            .flatten()
            .find(|e| e.side == Side::Front && index.modules.contains_key(&e.part))?;
        (c.ends.len() == 2).then(|| (c.id.clone(), into.clone()))
    })
}

/// The breakout for the link whose upgraded end is `near`: it and the next links of the
/// same switch into the same cassette (in port order, not yet moved), up to the optic's
/// lanes, on the first catalog harness that makes them pass.
pub(super) fn fan_out(
    index: &Index<'_>,
    channels: &[&Channel],
    near: &PortRef,
    (moved, rebuilt, far_out): Taken<'_>,
    (working, catalog, apps, optic): (&Design, &Catalog, &ApplicationTable, &TransceiverSpec),
) -> Result<Plan, String> {
    let Some((_, first_into)) = cord_into(index, near) else {
        return Err("its upgraded end does not reach a cassette through one cord, so no breakout can take the cord's place".into());
    };
    let lanes = optic.lanes.len();
    let enclosure = |module: &Id| -> Option<Id> {
        index
            .modules
            .get(module)
            .and_then(|m| m.slot.as_ref())
            .map(|s| s.enclosure.clone())
    };
    let mut legs: Vec<Leg> = Vec::new();
    let mut ports: Vec<&PortRef> = channels
        .iter()
        .flat_map(|c| std::iter::once(&c.a).chain(c.b.as_ref()))
        .filter(|p| p.part == near.part && !moved.contains(*p))
        .collect();
    ports.sort_by_key(|p| p.port);
    ports.dedup();
    for p in ports {
        if legs.len() == lanes {
            break;
        }
        let Some((cord, into)) = cord_into(index, p) else {
            continue;
        };
        // A cassette this upgrade replaced has no LC ports for a leg.
        if rebuilt.contains(&into.part) {
            continue;
        }
        // Legs reach the cassettes of one enclosure.
        if enclosure(&into.part) != enclosure(&first_into.part) {
            continue;
        }
        let Some(c) = channels
            .iter()
            .find(|c| &c.a == p || c.b.as_ref() == Some(p))
        else {
            continue;
        };
        let far = if &c.a == p {
            c.b.clone()
        } else {
            Some(c.a.clone())
        };
        // Only links whose far end keeps its optic: the upgrade was not asked for it.
        let Some(far) = far.filter(|f| far_out(f) && !moved.contains(f)) else {
            continue;
        };
        legs.push(Leg {
            near: p.clone(),
            far,
            name: super::link_name(c),
            cord,
            into,
        });
    }
    // The link asked about leads, so it is carried.
    if !legs.iter().any(|l| &l.near == near) {
        return Err("its switch's other links into this enclosure took the breakout's legs".into());
    }
    // Every leg carries a link: a leg left open would be an open lane.
    if legs.len() < lanes {
        return Err(format!(
            "only {} of its switch's links into this enclosure are left for a breakout's {lanes} legs; a leg left open would be an open lane",
            legs.len()
        ));
    }
    let harnesses: Vec<(String, CableSpec)> = catalog
        .entries
        .iter()
        .filter_map(|e| match &e.part {
            PartTemplate::Cable(c) => match &c.kind {
                CableKind::Breakout { connector, legs: l }
                    if l.len() == legs.len() && connector.mates_with(optic.connector) =>
                {
                    Some((e.part_number.clone(), c.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    if harnesses.is_empty() {
        return Err(format!(
            "the catalog has no breakout harness from {} to {} LC legs",
            optic.connector,
            legs.len()
        ));
    }
    let port = legs[0].near.clone();
    // Trials run on the links' own parts: from the switch ports through the cassettes,
    // trunks and cords to the far ends.
    let starts: Vec<PortRef> = legs.iter().map(|l| l.near.clone()).collect();
    let base = sub_design(working, &reach(working, &starts));
    let mut best: Option<String> = None;
    for harness in harnesses {
        let plan = Plan {
            port: port.clone(),
            harness,
            links: legs
                .iter()
                .map(|l| Leg {
                    near: l.near.clone(),
                    far: l.far.clone(),
                    name: l.name.clone(),
                    cord: l.cord.clone(),
                    into: l.into.clone(),
                })
                .collect(),
        };
        let mut d = base.clone();
        let mut pool = IdPool::of(&d);
        let mut step = |d: &mut Design, e: Edit| -> Result<(), String> {
            apply(d, e).map(|_| ()).map_err(|err| err.to_string())
        };
        if let Err(e) = carry_out(&mut d, &plan, optic, &mut Vec::new(), &mut pool, &mut step) {
            best.get_or_insert(e);
            continue;
        }
        let r = check(&d, apps, CheckMode::Review);
        let problem = plan
            .links
            .iter()
            .find_map(|l| match link_verdict(&r, &plan.port, &l.far) {
                Some((v, _, _)) if v != Verdict::Fail => None,
                Some((_, _, p)) => Some(p.unwrap_or_else(|| "it fails".into())),
                None => Some("the light does not reach the far end".into()),
            });
        match problem {
            None => return Ok(plan),
            Some(p) => {
                best = Some(p);
            }
        }
    }
    Err(format!(
        "no catalog breakout harness makes it pass: {}",
        best.unwrap_or_default()
    ))
}

/// Every part light from the equipment ports `starts` can reach in `d`: their equipment,
/// the cables on those ports, and through modules whatever is plugged into them, as far as
/// the far equipment.
fn reach(d: &Design, starts: &[PortRef]) -> Vec<Id> {
    let mut seen: HashSet<Id> = starts.iter().map(|p| p.part.clone()).collect();
    let mut ids: Vec<Id> = seen.iter().cloned().collect();
    let mut frontier: Vec<Id> = Vec::new();
    let take = |c: &Cable, seen: &mut HashSet<Id>, frontier: &mut Vec<Id>, ids: &mut Vec<Id>| {
        if !seen.insert(c.id.clone()) {
            return;
        }
        ids.push(c.id.clone());
        for e in c.ends.iter().flatten() {
            if seen.insert(e.part.clone()) {
                ids.push(e.part.clone());
                // Equipment ends the walk; a module carries the light on.
                if d.modules.iter().any(|m| m.id == e.part) {
                    frontier.push(e.part.clone());
                }
            }
        }
    };
    for c in &d.cables {
        if c.ends.iter().flatten().any(|e| starts.contains(e)) {
            take(c, &mut seen, &mut frontier, &mut ids);
        }
    }
    while let Some(module) = frontier.pop() {
        for c in &d.cables {
            if c.ends.iter().flatten().any(|e| e.part == module) {
                take(c, &mut seen, &mut frontier, &mut ids);
            }
        }
    }
    ids
}

/// Puts the optic on the port, removes the links' cords on the switch side and adds the
/// harness from the port to the cassette ports they used, leg k to link k.
pub(super) fn carry_out(
    d: &mut Design,
    plan: &Plan,
    optic: &TransceiverSpec,
    log: &mut Vec<(bool, String)>,
    ids: &mut IdPool,
    step: &mut Step<'_>,
) -> Result<(), String> {
    put_optic(d, &plan.port, optic, step)?;
    for l in &plan.links {
        log.push((true, describe(d, &l.cord)));
        step(d, Edit::Remove(l.cord.clone()))?;
    }
    let (pn, spec) = &plan.harness;
    let mut ends = vec![None; spec.end_count()];
    if let Some(e) = ends.get_mut(0) {
        *e = Some(plan.port.clone());
    }
    for (k, l) in plan.links.iter().enumerate() {
        if let Some(e) = ends.get_mut(k + 1) {
            *e = Some(l.into.clone());
        }
    }
    add_cable(d, (pn, spec), ends, ids.fresh("BRK"), log, step)
}
