//! Loss budget and reach (`fiber-model.md` section 4; limits from the applications table).
//!
//! Channel insertion loss is the sum of every counted mated pair (not the plug in a
//! transceiver), splices, and fiber length times the attenuation of its type at the
//! application's wavelength. Reach is the total length against the application's reach on the
//! lowest fiber grade in the path, whose loss limit also applies.

use super::channel::{path_hops, path_parts, Budget, Channel};
use super::finding::{Finding, Rule, Severity};
use super::graph::ChannelGraph;
use super::walk::{TraceEnd, Traces};
use crate::catalog::ApplicationTable;
use fiberplan_model::{FiberType, ALL_FIBER_TYPES};

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
    let Some(_) = channel.b else {
        return out;
    };
    // Fibers that carry light from a transmitter to a receiver on other equipment, without a
    // singlemode/multimode mating (whose own error makes loss meaningless).
    let lit: Vec<usize> = channel
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
        .collect();
    if lit.is_empty() {
        return out;
    }
    let mask = lit
        .iter()
        .fold(0u8, |m, &t| m | traces.traces[t].fiber_mask);
    let types: Vec<FiberType> = ALL_FIBER_TYPES
        .iter()
        .copied()
        .filter(|f| mask & (1 << f.index()) != 0)
        .collect();
    let Some(&lowest) = types.first() else {
        return out;
    };
    let parts_of = |t: usize| path_parts(g, traces.path(t));

    for name in channel.applications.clone() {
        let Some(app) = apps.get(&name) else {
            out.push(Finding::new(
                Severity::Warning,
                Rule::Application,
                format!(
                    "application {name} of {} is not in the applications table: loss and reach not checked",
                    channel.a
                ),
                parts_of(lit[0]),
            ));
            continue;
        };
        let Some(limit) = app.limit(lowest) else {
            out.push(Finding::new(
                Severity::Error,
                Rule::Application,
                format!(
                    "{name} is not specified on {lowest}, the lowest fiber grade in {} - {}",
                    channel.a,
                    channel
                        .b
                        .as_ref()
                        .map(|b| b.to_string())
                        .unwrap_or_default()
                ),
                parts_of(lit[0]),
            ));
            continue;
        };
        let mut attenuation = [0.0f64; ALL_FIBER_TYPES.len()];
        let mut missing = None;
        for &f in &types {
            match apps.attenuation_db_per_km(f, app.wavelength_nm) {
                Some(a) => attenuation[f.index()] = a,
                None => missing = Some(f),
            }
        }
        if let Some(f) = missing {
            out.push(Finding::new(
                Severity::Error,
                Rule::Application,
                format!(
                    "no attenuation figure for {f} at {} nm ({name}): loss not computed",
                    app.wavelength_nm
                ),
                parts_of(lit[0]),
            ));
            continue;
        }
        // The worst fiber decides.
        let mut worst = (lit[0], f64::MIN);
        let mut longest = (lit[0], 0.0f64);
        for &t in &lit {
            let tr = &traces.traces[t];
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
        let worst_trace = &traces.traces[worst.0];
        let budget = Budget {
            application: name.clone(),
            fiber: lowest,
            loss_db: worst.1,
            mated_pairs_db: worst_trace.mating_loss_db,
            splices_db: worst_trace.splice_loss_db,
            fiber_db: worst.1 - worst_trace.mating_loss_db - worst_trace.splice_loss_db,
            max_loss_db: limit.max_loss_db,
            length_m: longest.1,
            reach_m: limit.reach_m,
        };
        // Built only for a finding: most channels are within budget.
        let span = || {
            format!(
                "{} - {}",
                channel.a,
                channel
                    .b
                    .as_ref()
                    .map(|b| b.to_string())
                    .unwrap_or_default()
            )
        };
        if budget.loss_db > budget.max_loss_db + EPSILON {
            let tr = &traces.traces[worst.0];
            let mut f = Finding::new(
                Severity::Error,
                Rule::Loss,
                format!(
                    "{}: loss {:.3} dB exceeds the {name} limit of {:.2} dB on {lowest} (mated pairs {:.3} dB, splices {:.3} dB, fiber {:.3} dB)",
                    span(),
                    budget.loss_db,
                    budget.max_loss_db,
                    tr.mating_loss_db,
                    tr.splice_loss_db,
                    budget.loss_db - tr.mating_loss_db - tr.splice_loss_db
                ),
                parts_of(worst.0),
            );
            f.path = path_hops(g, traces.path(worst.0));
            out.push(f);
        }
        if budget.length_m > budget.reach_m + EPSILON {
            let mut f = Finding::new(
                Severity::Error,
                Rule::Reach,
                format!(
                    "{}: length {:.1} m exceeds the {name} reach of {:.0} m on {lowest}",
                    span(),
                    budget.length_m,
                    budget.reach_m
                ),
                parts_of(longest.0),
            );
            f.path = path_hops(g, traces.path(longest.0));
            out.push(f);
        }
        let tighter = match &channel.budget {
            None => true,
            Some(b) => budget.margin_db() < b.margin_db(),
        };
        if tighter {
            channel.budget = Some(budget);
        }
    }
    out
}
