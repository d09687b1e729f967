//! Base-8 optics on base-12 trunks: two MPO-12 trunks between the same two enclosures carry
//! three 8-fiber links through a conversion module (two MPO-12 rear ports, three MPO-8 front
//! ports) at each end, where MPO panels would give one link per trunk. The module and cords
//! are the catalog's, and which front port at one end meets which at the other is tried on
//! the checks (`fiber-model.md`: a conversion module is a component with an explicit map),
//! never assumed.

use super::*;

/// Two trunks between the same two enclosures and the cassettes at their ends: side 0 is
/// the enclosure of the first trunk's end 0.
pub(super) struct Pair {
    /// The trunks.
    pub trunks: [Id; 2],
    /// `cassettes[t][side]`: trunk t's cassette on that side.
    pub cassettes: [[Id; 2]; 2],
    /// `ends[t][side]`: which end of trunk t is on that side.
    pub ends: [[usize; 2]; 2],
}

/// One link to carry: its equipment port on each side.
#[derive(Clone)]
pub(super) struct Carried {
    pub ports: [PortRef; 2],
}

/// What a conversion of a trunk pair acts on: what the trial of a choice and the conversion
/// kept both take.
pub(super) struct PairSwap<'p> {
    /// The trunk pair.
    pub pair: &'p Pair,
    /// The three links it carries.
    pub links: &'p [Carried],
    /// The cords on the pair's cassettes.
    pub cords: &'p [&'p Cable],
    /// The optic every link end takes.
    pub optic: &'p TransceiverSpec,
}

/// A conversion that passed: the module, the cord on each side, and for each link the
/// module front port on side 1 its side-0 front port k meets.
#[derive(Clone)]
pub(super) struct ConversionChoice {
    module: (String, ModuleSpec),
    cords: [(String, CableSpec, usize, usize); 2],
    far_front: [u16; 3],
}

/// The catalog's conversion modules with two MPO-12 rear and three MPO-8 front ports.
pub(super) fn converters(catalog: &Catalog) -> Vec<(String, ModuleSpec)> {
    catalog
        .entries
        .iter()
        .filter_map(|e| match &e.part {
            PartTemplate::Module(m) => match &m.kind {
                ModuleKind::Converter(c) => {
                    let count = |side: Side, connector: fiberplan_model::Connector| {
                        c.ports
                            .iter()
                            .filter(|p| p.side == side && p.connector == connector)
                            .count()
                    };
                    (count(Side::Rear, fiberplan_model::Connector::Mpo12) == 2
                        && count(Side::Front, fiberplan_model::Connector::Mpo8) == 3
                        && c.ports.len() == 5)
                        .then(|| (e.part_number.clone(), m.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The enclosure a module sits in.
fn enclosure_of(index: &Index<'_>, module: &Id) -> Option<Id> {
    index
        .modules
        .get(module)?
        .slot
        .as_ref()
        .map(|s| s.enclosure.clone())
}

/// A second trunk, not yet used, between the same two enclosures as `first`, each of its
/// ends on a cassette.
pub(super) fn partner(
    index: &Index<'_>,
    design: &Design,
    first: &TrunkPath,
    done: &HashSet<Id>,
) -> Option<Pair> {
    let t1 = index.cables.get(&first.trunk)?;
    let cassette_at = |c: &Cable, end: usize| -> Option<Id> {
        let p = c.ends.get(end)?.as_ref()?;
        let m = index.modules.get(&p.part)?;
        // A cassette of one rear port: the trunk is all that comes in at its back.
        (p.side == Side::Rear
            && matches!(&m.spec.kind, ModuleKind::Cassette(c) if c.rear_ports == 1))
        .then(|| m.id.clone())
    };
    let c1 = [cassette_at(t1, 0)?, cassette_at(t1, 1)?];
    let sides = [enclosure_of(index, &c1[0])?, enclosure_of(index, &c1[1])?];
    if sides[0] == sides[1] {
        return None;
    }
    design
        .cables
        .iter()
        .filter(|c| c.id != t1.id && !done.contains(&c.id) && c.spec.kind == t1.spec.kind)
        .find_map(|t2| {
            let c2 = [cassette_at(t2, 0)?, cassette_at(t2, 1)?];
            let e2 = [enclosure_of(index, &c2[0])?, enclosure_of(index, &c2[1])?];
            if c2.iter().any(|c| c1.contains(c)) {
                return None;
            }
            let (ends2, cas2) = if e2 == sides {
                ([0, 1], c2)
            } else if e2 == [sides[1].clone(), sides[0].clone()] {
                ([1, 0], [c2[1].clone(), c2[0].clone()])
            } else {
                return None;
            };
            Some(Pair {
                trunks: [t1.id.clone(), t2.id.clone()],
                cassettes: [c1.clone(), cas2],
                ends: [[0, 1], ends2],
            })
        })
}

/// Every cable on the front of the pair's cassettes.
pub(super) fn cords_on<'a>(index: &Index<'a>, pair: &Pair) -> Vec<&'a Cable> {
    let all: Vec<&Id> = pair.cassettes.iter().flatten().collect();
    let mut out: Vec<&Cable> = Vec::new();
    for cas in &all {
        for x in index.cables_on.get(*cas).into_iter().flatten() {
            let on_front = x
                .ends
                .iter()
                .flatten()
                .any(|p| all.contains(&&p.part) && p.side == Side::Front);
            if on_front && !pair.trunks.contains(&x.id) && !out.iter().any(|y| y.id == x.id) {
                out.push(x);
            }
        }
    }
    out
}

/// The side (0 or 1) whose cassettes a cord from `port` reaches, if one does.
pub(super) fn side_of(pair: &Pair, cords: &[&Cable], port: &PortRef) -> Option<usize> {
    cords.iter().find_map(|x| {
        if !x.ends.iter().flatten().any(|p| p == port) {
            return None;
        }
        x.ends.iter().flatten().find_map(|p| {
            (0..2).find(|&s| pair.cassettes[0][s] == p.part || pair.cassettes[1][s] == p.part)
        })
    })
}

/// Replaces the pair's cassettes by a conversion module at each end (in the first trunk's
/// cassettes' slots and ids), plugs the trunks into its rear ports and patches each link
/// with a cord on each side, new optics at both ends.
fn convert_pair(
    d: &mut Design,
    ch: &ConversionChoice,
    swap: &PairSwap<'_>,
    log: &mut Vec<(bool, String)>,
    ids: &mut IdPool,
    step: &mut Step<'_>,
) -> Result<(), String> {
    let PairSwap {
        pair,
        links,
        cords,
        optic,
    } = *swap;
    for t in 0..2 {
        for side in 0..2 {
            step(
                d,
                Edit::Plug {
                    cable: pair.trunks[t].clone(),
                    end: pair.ends[t][side],
                    port: None,
                },
            )?;
        }
    }
    for cord in cords {
        log.push((true, describe(d, &cord.id)));
        step(d, Edit::Remove(cord.id.clone()))?;
    }
    for side in 0..2 {
        // The first trunk's cassette becomes the module; the second's slot is left free.
        exchange_module(d, &pair.cassettes[0][side], Some(&ch.module), log, step)?;
        exchange_module(d, &pair.cassettes[1][side], None, log, step)?;
    }
    for t in 0..2 {
        for side in 0..2 {
            step(
                d,
                Edit::Plug {
                    cable: pair.trunks[t].clone(),
                    end: pair.ends[t][side],
                    port: Some(PortRef {
                        part: pair.cassettes[0][side].clone(),
                        side: Side::Rear,
                        port: t as u16 + 1,
                    }),
                },
            )?;
        }
    }
    for (k, link) in links.iter().enumerate() {
        for p in &link.ports {
            put_optic(d, p, optic, step)?;
        }
        for side in 0..2 {
            let front = if side == 0 {
                k as u16 + 1
            } else {
                ch.far_front[k]
            };
            let module = PortRef {
                part: pair.cassettes[0][side].clone(),
                side: Side::Front,
                port: front,
            };
            add_cord(
                d,
                &ch.cords[side],
                &link.ports[side],
                module,
                ids,
                log,
                step,
            )?;
        }
    }
    Ok(())
}

/// The pair's conversion for `links` (three), tried on a design of their parts: the first
/// module, cords and pairing of front ports that makes every link pass; else why not.
/// `catalog_cords` are the catalog's MPO cords.
pub(super) fn find_choice(
    working: &Design,
    catalog: &Catalog,
    catalog_cords: &[(String, CableSpec)],
    apps: &ApplicationTable,
    swap: &PairSwap<'_>,
    known: Option<&ConversionChoice>,
) -> Result<ConversionChoice, Refusal> {
    let PairSwap {
        pair,
        links,
        cords,
        optic,
    } = *swap;
    let mut ids: Vec<Id> = pair.trunks.to_vec();
    ids.extend(pair.cassettes.iter().flatten().cloned());
    ids.extend(cords.iter().map(|c| c.id.clone()));
    for l in links {
        ids.extend(l.ports.iter().map(|p| p.part.clone()));
    }
    let base = sub_design(working, &ids);
    // The module goes into the first trunk's cassette's slot at each end.
    let slot_of = |id: &Id| {
        working
            .modules
            .iter()
            .find(|m| &m.id == id)
            .map(|m| m.spec.slot_format.clone())
            .unwrap_or_default()
    };
    let slot_format = slot_of(&pair.cassettes[0][0]);
    let far_slot_format = slot_of(&pair.cassettes[0][1]);
    let fits_slots =
        |m: &ModuleSpec| m.slot_format == slot_format && m.slot_format == far_slot_format;
    let mut best: Option<(usize, String)> = None;
    let mut try_one = |ch: &ConversionChoice| -> bool {
        let mut d = base.clone();
        let mut pool = IdPool::of(&d);
        let mut step = |d: &mut Design, e: Edit| -> Result<(), String> {
            apply(d, e).map(|_| ()).map_err(|err| err.to_string())
        };
        if let Err(e) = convert_pair(&mut d, ch, swap, &mut Vec::new(), &mut pool, &mut step) {
            best.get_or_insert((usize::MAX, e));
            return false;
        }
        let r = check(&d, apps, CheckMode::Draft);
        let mut failing = 0;
        let mut problem = None;
        for l in links {
            match link_verdict(&r, &l.ports[0], &l.ports[1]) {
                Some((v, _, p)) if v != Verdict::Fail => {
                    let _ = p;
                }
                Some((_, _, p)) => {
                    failing += 1;
                    problem = problem.or(p);
                }
                None => {
                    failing += 1;
                    problem = problem.or(Some("the light does not reach the far end".into()));
                }
            }
        }
        if failing == 0 {
            return true;
        }
        if let Some(p) = problem {
            if best.as_ref().is_none_or(|(n, _)| failing < *n) {
                best = Some((failing, p));
            }
        }
        false
    };
    if let Some(ch) = known {
        if fits_slots(&ch.module.1) && try_one(ch) {
            return Ok(ch.clone());
        }
    }
    let perms: [[u16; 3]; 6] = [
        [1, 2, 3],
        [3, 2, 1],
        [1, 3, 2],
        [2, 1, 3],
        [2, 3, 1],
        [3, 1, 2],
    ];
    let modules: Vec<(String, ModuleSpec)> = converters(catalog)
        .into_iter()
        .filter(|(_, m)| fits_slots(m))
        .collect();
    if modules.is_empty() {
        return Err(Refusal {
            general: format!(
                "the catalog has no 2 x MPO-12 to 3 x MPO-8 conversion module of slot format {slot_format}"
            ),
            detail: None,
        });
    }
    let fits = cords_between(
        catalog,
        catalog_cords,
        optic.connector,
        fiberplan_model::Connector::Mpo8,
    );
    for module in &modules {
        for ca in &fits {
            for cb in &fits {
                for far_front in perms {
                    let ch = ConversionChoice {
                        module: module.clone(),
                        cords: [ca.clone(), cb.clone()],
                        far_front,
                    };
                    if try_one(&ch) {
                        return Ok(ch);
                    }
                }
            }
        }
    }
    Err(match best {
        Some((_, p)) => Refusal {
            general: "no catalog conversion module and MPO-8 cords make it pass".into(),
            detail: Some(p),
        },
        None => Refusal {
            general: format!("the catalog has no MPO-8 cords for {}", optic.connector),
            detail: None,
        },
    })
}

/// Carries out a conversion that passed on `working`, its steps kept in `edits`; a step that
/// fails undoes those before it.
pub(super) fn apply_choice(
    working: &mut Design,
    ch: &ConversionChoice,
    swap: &PairSwap<'_>,
    log: &mut Vec<(bool, String)>,
    ids: &mut IdPool,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    undoable(working, Some(edits), |d, step| {
        convert_pair(d, ch, swap, log, ids, step)
    })
}
