//! Loss budget and reach (`fiber-model.md` section 4; limits from the applications table).
//!
//! Channel insertion loss is the sum of every counted mated pair (not the plug in a
//! transceiver), splices, and fiber length times the attenuation of its type at the
//! application's wavelength. It must be within the smallest loss limit, and the total length
//! within the shortest reach, of every fiber grade in the path.

use super::channel::{path_hops, path_parts, Budget, Channel};
use super::finding::{Finding, Rule, Severity};
use super::graph::{ChannelGraph, LinkKind};
use super::walk::{TraceEnd, Traces};
use crate::catalog::ApplicationTable;
use fiberplan_model::{FiberType, Id, ALL_FIBER_TYPES};
use serde::Serialize;

/// Tolerance for comparing sums of decimal figures against limits.
const EPSILON: f64 = 1e-9;

/// Checks loss and reach of `channel` against the application of each end and records the
/// tightest budget in it.
pub fn check_budget(
    g: &ChannelGraph,
    traces: &Traces,
    apps: &ApplicationTable,
    channel: &mut Channel,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if channel.b.is_none() {
        return out;
    }
    let lit = lit_fibers(g, traces, channel);
    if lit.is_empty() {
        return out;
    }
    let types = fiber_types(traces, &lit);
    let Some(&lowest) = types.first() else {
        return out;
    };
    let fibers = Lit {
        g,
        traces,
        lit: &lit,
        types: &types,
        lowest,
    };
    for name in channel.applications.clone() {
        match fibers.budget(apps, channel, &name) {
            Err(finding) => out.push(*finding),
            Ok((budget, limited)) => {
                out.extend(fibers.limit_findings(channel, &budget, &limited));
                let tighter = match &channel.budget {
                    None => true,
                    Some(b) => budget.margin_db() < b.margin_db(),
                };
                if tighter {
                    channel.budget = Some(budget);
                }
            }
        }
    }
    out
}

/// Fibers of `channel` that carry light from a transmitter to a receiver on other
/// equipment, without a singlemode/multimode mating (whose own error makes loss
/// meaningless).
fn lit_fibers(g: &ChannelGraph, traces: &Traces, channel: &Channel) -> Vec<usize> {
    channel
        .traces
        .iter()
        .map(|&t| t as usize)
        .filter(|&t| {
            let tr = &traces.traces[t];
            match tr.end {
                TraceEnd::Receiver { transceiver, .. } => {
                    !tr.fiber_class_error
                        && g.transceivers[transceiver as usize].equipment
                            != g.transceivers[tr.transceiver as usize].equipment
                }
                _ => false,
            }
        })
        .collect()
}

/// The fiber types on the `lit` fibers, lowest grade first.
fn fiber_types(traces: &Traces, lit: &[usize]) -> Vec<FiberType> {
    let mask = lit
        .iter()
        .fold(0u8, |m, &t| m | traces.traces[t].fiber_mask);
    ALL_FIBER_TYPES
        .iter()
        .copied()
        .filter(|f| mask & (1 << f.index()) != 0)
        .collect()
}

/// The lit fibers of one channel and what the budget of each application is taken on.
struct Lit<'a> {
    g: &'a ChannelGraph,
    traces: &'a Traces,
    lit: &'a [usize],
    types: &'a [FiberType],
    lowest: FiberType,
}

impl Lit<'_> {
    fn parts_of(&self, t: usize) -> Vec<fiberplan_model::Id> {
        path_parts(self.g, self.traces.path(t))
    }

    /// The budget of application `name` on the worst fiber, with the worst fiber's and the
    /// longest fiber's trace and the grade whose reach applies, or the finding that says why
    /// it cannot be worked out.
    fn budget(
        &self,
        apps: &ApplicationTable,
        channel: &Channel,
        name: &str,
    ) -> Result<(Budget, Limited), Box<Finding>> {
        let (lit, lowest) = (self.lit, self.lowest);
        let Some(app) = apps.get(name) else {
            return Err(Box::new(Finding::new(
                Severity::Warning,
                Rule::Application,
                format!(
                    "application {name} of {} is not in the applications table: loss and reach not checked",
                    channel.a
                ),
                self.parts_of(lit[0]),
            )));
        };
        // A path of mixed grades must meet the limits of every grade in it (docs/model.md
        // §4): the smallest loss limit and the shortest reach among them, so adding a worse
        // fiber can never turn a failing channel into a passing one.
        let mut loss_limit: Option<(f64, FiberType)> = None;
        let mut reach_limit: Option<(f64, FiberType)> = None;
        for &f in self.types {
            let Some(limit) = app.limit(f) else {
                let which = if f == lowest {
                    "the lowest fiber grade"
                } else {
                    "a fiber grade"
                };
                return Err(Box::new(Finding::new(
                    Severity::Error,
                    Rule::Application,
                    format!(
                        "{name} is not specified on {f}, {which} in {}",
                        span(channel)
                    ),
                    self.parts_of(lit[0]),
                )));
            };
            if loss_limit.is_none_or(|(l, _)| limit.max_loss_db < l) {
                loss_limit = Some((limit.max_loss_db, f));
            }
            if reach_limit.is_none_or(|(r, _)| limit.reach_m < r) {
                reach_limit = Some((limit.reach_m, f));
            }
        }
        let (Some((max_loss_db, loss_grade)), Some((reach_m, reach_grade))) =
            (loss_limit, reach_limit)
        else {
            return Err(Box::new(Finding::new(
                Severity::Error,
                Rule::Application,
                format!("{name}: no fiber grade on {}", span(channel)),
                self.parts_of(lit[0]),
            )));
        };
        let mut attenuation = [0.0f64; ALL_FIBER_TYPES.len()];
        let mut missing = None;
        for &f in self.types {
            match apps.attenuation_db_per_km(f, app.wavelength_nm) {
                Some(a) => attenuation[f.index()] = a,
                None => missing = Some(f),
            }
        }
        if let Some(f) = missing {
            return Err(Box::new(Finding::new(
                Severity::Error,
                Rule::Application,
                format!(
                    "no attenuation figure for {f} at {} nm ({name}): loss not computed",
                    app.wavelength_nm
                ),
                self.parts_of(lit[0]),
            )));
        }
        // The worst fiber decides.
        let mut worst = (lit[0], f64::MIN);
        let mut longest = (lit[0], 0.0f64);
        for &t in lit {
            let tr = &self.traces.traces[t];
            let fiber_db: f64 = tr
                .length_by_type_m
                .iter()
                .zip(attenuation)
                .map(|(len_m, db_per_km)| len_m / 1000.0 * db_per_km)
                .sum();
            let loss = tr.mating_loss_db + tr.splice_loss_db + fiber_db + tr.stated_fiber_loss_db;
            if loss > worst.1 {
                worst = (t, loss);
            }
            if tr.length_m > longest.1 {
                longest = (t, tr.length_m);
            }
        }
        let worst_trace = &self.traces.traces[worst.0];
        let budget = Budget {
            application: name.to_owned(),
            // The grade whose loss limit applies (the lowest grade on a single-grade path).
            fiber: loss_grade,
            loss_db: worst.1,
            mated_pairs_db: worst_trace.mating_loss_db,
            splices_db: worst_trace.splice_loss_db,
            fiber_db: worst.1 - worst_trace.mating_loss_db - worst_trace.splice_loss_db,
            max_loss_db,
            length_m: longest.1,
            reach_m,
        };
        Ok((
            budget,
            Limited {
                worst: worst.0,
                longest: longest.0,
                reach_grade,
            },
        ))
    }

    /// The loss and reach errors of `budget`, on the worst and the longest fiber.
    fn limit_findings(
        &self,
        channel: &Channel,
        budget: &Budget,
        limited: &Limited,
    ) -> Vec<Finding> {
        let (name, worst, longest) = (&budget.application, limited.worst, limited.longest);
        let (loss_grade, reach_grade) = (budget.fiber, limited.reach_grade);
        let mut out = Vec::new();
        if budget.loss_db > budget.max_loss_db + EPSILON {
            let tr = &self.traces.traces[worst];
            let mut f = Finding::new(
                Severity::Error,
                Rule::Loss,
                format!(
                    "{}: loss {:.3} dB exceeds the {name} limit of {:.2} dB on {loss_grade} (mated pairs {:.3} dB, splices {:.3} dB, fiber {:.3} dB)",
                    span(channel),
                    budget.loss_db,
                    budget.max_loss_db,
                    tr.mating_loss_db,
                    tr.splice_loss_db,
                    budget.loss_db - tr.mating_loss_db - tr.splice_loss_db
                ),
                self.parts_of(worst),
            );
            f.path = path_hops(self.g, self.traces.path(worst));
            out.push(f);
        }
        if budget.length_m > budget.reach_m + EPSILON {
            let mut f = Finding::new(
                Severity::Error,
                Rule::Reach,
                format!(
                    "{}: length {:.1} m exceeds the {name} reach of {:.0} m on {reach_grade}",
                    span(channel),
                    budget.length_m,
                    budget.reach_m
                ),
                self.parts_of(longest),
            );
            f.path = path_hops(self.g, self.traces.path(longest));
            out.push(f);
        }
        out
    }
}

/// Which fibers a budget's limits are checked on, and the grade whose reach applies.
struct Limited {
    /// The trace with the most loss.
    worst: usize,
    /// The longest trace.
    longest: usize,
    /// The grade with the shortest reach on the path.
    reach_grade: FiberType,
}

/// "A - B" of a channel's two ends, built only for a finding: most channels are within
/// budget.
fn span(channel: &Channel) -> String {
    format!(
        "{} - {}",
        channel.a,
        channel
            .b
            .as_ref()
            .map(|b| b.to_string())
            .unwrap_or_default()
    )
}

/// What one part adds to a channel's loss on its worst fiber.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The part: the module or panel holding a mated pair, or the cable whose fiber it is.
    pub part: Id,
    /// What it is, e.g. "2 mated pairs" or "90.0 m of OM4 fiber".
    pub what: String,
    /// Its loss, dB.
    pub loss_db: f64,
}

/// The parts that make up the loss of `channel`'s worst fiber for its tightest application
/// (the one in [`Channel::budget`]), largest first: each mated pair is put on the part that
/// holds its adapter (whose figure it is), fiber and splices on their cable. Empty when the
/// channel has no budget.
pub fn contributions(
    g: &ChannelGraph,
    traces: &Traces,
    apps: &ApplicationTable,
    channel: &Channel,
) -> Vec<Contribution> {
    let Some(budget) = &channel.budget else {
        return Vec::new();
    };
    let Some(app) = apps.get(&budget.application) else {
        return Vec::new();
    };
    // Per part: mated pairs (count, dB), fiber by type (m, dB), splices (dB).
    #[derive(Default)]
    struct Share {
        pairs: (u32, f64),
        fiber: Vec<(FiberType, f64, f64)>,
        splices_db: f64,
    }
    let mut worst: Option<(f64, Vec<(Id, Share)>)> = None;
    for t in lit_fibers(g, traces, channel) {
        let path = traces.path(t);
        let mut shares: Vec<(Id, Share)> = Vec::new();
        fn share<'s>(shares: &'s mut Vec<(Id, Share)>, id: &Id) -> &'s mut Share {
            let i = match shares.iter().position(|(p, _)| p == id) {
                Some(i) => i,
                None => {
                    shares.push((id.clone(), Share::default()));
                    shares.len() - 1
                }
            };
            &mut shares[i].1
        }
        for pair in path.windows(2) {
            let (here, next) = (pair[0], pair[1]);
            if let Some((_, link)) = g.step(here, LinkKind::Mating).filter(|(n, _)| *n == next) {
                let m = &g.matings[link.index as usize];
                if m.counts_for_loss {
                    let entry = share(&mut shares, &m.port.part);
                    entry.pairs.0 += 1;
                    entry.pairs.1 += m.loss_db;
                }
            } else if let Some((_, link)) =
                g.step(here, LinkKind::Fiber).filter(|(n, _)| *n == next)
            {
                let s = &g.segments[link.index as usize];
                let db_per_km = s
                    .attenuation_db_per_km
                    .or_else(|| apps.attenuation_db_per_km(s.fiber, app.wavelength_nm))
                    .unwrap_or(0.0);
                let entry = share(&mut shares, &s.part);
                match entry.fiber.iter_mut().find(|(f, _, _)| *f == s.fiber) {
                    Some((_, m, db)) => {
                        *m += s.length_m;
                        *db += s.length_m / 1000.0 * db_per_km;
                    }
                    None => {
                        entry
                            .fiber
                            .push((s.fiber, s.length_m, s.length_m / 1000.0 * db_per_km))
                    }
                }
                entry.splices_db += s.splice_loss_db;
            }
        }
        let total: f64 = shares
            .iter()
            .map(|(_, s)| {
                s.pairs.1 + s.splices_db + s.fiber.iter().map(|(_, _, db)| db).sum::<f64>()
            })
            .sum();
        if worst.as_ref().is_none_or(|(w, _)| total > *w) {
            worst = Some((total, shares));
        }
    }
    let mut out = Vec::new();
    for (part, s) in worst.map(|(_, s)| s).unwrap_or_default() {
        if s.pairs.0 > 0 {
            out.push(Contribution {
                part: part.clone(),
                what: match s.pairs.0 {
                    1 => "1 mated pair".to_owned(),
                    n => format!("{n} mated pairs"),
                },
                loss_db: s.pairs.1,
            });
        }
        for (fiber, length_m, db) in s.fiber {
            if length_m > 0.0 {
                out.push(Contribution {
                    part: part.clone(),
                    what: format!("{length_m:.1} m of {fiber} fiber"),
                    loss_db: db,
                });
            }
        }
        if s.splices_db > 0.0 {
            out.push(Contribution {
                part,
                what: "splices".to_owned(),
                loss_db: s.splices_db,
            });
        }
    }
    out.sort_by(|x, y| y.loss_db.total_cmp(&x.loss_db));
    out
}
