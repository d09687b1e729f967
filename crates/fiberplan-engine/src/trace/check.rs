//! Runs every check on a design: builds the channel graph, traces every transmitter, and
//! turns where each fiber ends into verdicts (`fiber-model.md` section 4).

use super::budget::check_budget;
use super::channel::{path_hops, path_parts, Channel, CheckMode, Verdict};
use super::finding::{Finding, Rule, Severity};
use super::graph::{ChannelGraph, Transceiver};
use super::pieces::{members, Scope};
use super::report::{ChannelKey, Piece, Report};
use super::walk::{trace_all, FiberTrace, TraceEnd, Traces};
use crate::catalog::ApplicationTable;
use fiberplan_model::{Design, Id};
use rustc_hash::FxHashMap as HashMap;

const NO_FAR_END: u32 = u32::MAX;

/// Checks `design` against `apps` and returns every channel and finding.
pub fn check(design: &Design, apps: &ApplicationTable, mode: CheckMode) -> Report {
    Report::new(design, apps, mode)
}

/// Checks one piece of `design` (see [`super::pieces`]), to be filed under `slot`.
pub fn check_piece(
    design: &Design,
    scope: &Scope,
    slot: u32,
    apps: &ApplicationTable,
    mode: CheckMode,
) -> Piece {
    let graph = ChannelGraph::build_scope(design, scope);
    let traces = trace_all(&graph);
    let mut findings = graph.findings.clone();

    // Findings about a part itself (a broken definition, two plugs in one of its ports) make
    // every channel through that part untrustworthy, so they count in its verdict.
    let mut part_findings: HashMap<&Id, Vec<usize>> = HashMap::default();
    for (i, f) in findings.iter().enumerate() {
        if matches!(f.rule, Rule::InvalidPart | Rule::PortConflict) {
            for part in &f.parts {
                part_findings.entry(part).or_default().push(i);
            }
        }
    }
    let any_mating_findings = graph.matings.iter().any(|m| !m.findings.is_empty());
    // Parts of the piece with parameters their source did not state (a part read from
    // NetBox's library), by id: a channel through one is unverified, never a pass.
    let unconfirmed: HashMap<&Id, &[String]> = scope
        .cables
        .iter()
        .filter_map(|&i| design.cables.get(i as usize))
        .map(|c| (&c.id, c.unconfirmed.as_slice()))
        .chain(
            scope
                .modules
                .iter()
                .filter_map(|&i| design.modules.get(i as usize))
                .map(|m| (&m.id, m.unconfirmed.as_slice())),
        )
        .chain(
            scope
                .equipment
                .iter()
                .filter_map(|e| design.equipment.get(e.index as usize))
                .map(|e| (&e.id, e.unconfirmed.as_slice())),
        )
        .filter(|(_, u)| !u.is_empty())
        .collect();

    let (mut channels, keys) = group_channels(&graph, &traces, slot);
    let mut new_findings = Vec::new();
    for channel in channels.iter_mut() {
        let mut local = Vec::new();
        for &t in &channel.traces {
            if let Some(f) = end_finding(&graph, &traces, t as usize, mode) {
                local.push(f);
            }
        }
        local.extend(pairing_findings(&graph, &traces, channel));
        let budget_findings = check_budget(&graph, &traces, apps, channel);
        local.extend(budget_findings);
        if !unconfirmed.is_empty() {
            local.extend(unverified_finding(&graph, &traces, channel, &unconfirmed));
        }
        for f in local {
            channel.findings.push(findings.len() + new_findings.len());
            new_findings.push(f);
        }
        if any_mating_findings || !part_findings.is_empty() {
            attach_path_findings(&graph, &traces, channel, &part_findings);
        }
        channel.findings.sort_unstable();
        channel.findings.dedup();
    }
    findings.extend(new_findings);
    for channel in channels.iter_mut() {
        channel.verdict = channel
            .findings
            .iter()
            .map(|&f| match findings[f].severity {
                Severity::Error => Verdict::Fail,
                Severity::Warning => Verdict::Warning,
            })
            .max()
            .unwrap_or(Verdict::Pass);
    }
    let parts = members(design, scope);
    Piece {
        graph,
        traces,
        channels,
        keys,
        findings,
        filed: {
            let mut keys = Vec::with_capacity(parts.len() + scope.cables.len());
            for m in &parts {
                m.keys(|k| keys.push(k));
            }
            keys
        },
        members: parts,
        cabled: !scope.cables.is_empty(),
    }
}

/// Adds to `channel` the findings of the matings its fibers cross (gender, polish, fiber
/// type...) and of the parts they run through.
fn attach_path_findings(
    graph: &ChannelGraph,
    traces: &Traces,
    channel: &mut Channel,
    part_findings: &HashMap<&Id, Vec<usize>>,
) {
    let mut seen_plugs: Vec<u32> = Vec::new();
    for &t in &channel.traces {
        for &n in traces.path(t as usize) {
            let plug_index = graph.graph[n].plug;
            // A channel crosses a handful of plugs: a short list beats a hash set.
            if seen_plugs.contains(&plug_index) {
                continue;
            }
            seen_plugs.push(plug_index);
            let plug = &graph.plugs[plug_index as usize];
            if let Some(m) = plug.mating {
                let mating = &graph.matings[m as usize];
                channel
                    .findings
                    .extend(mating.findings.iter().map(|&f| f as usize));
                if let Some(fs) = part_findings.get(&mating.port.part) {
                    channel.findings.extend(fs);
                }
            }
            if let Some(fs) = part_findings.get(plug.site.part()) {
                channel.findings.extend(fs);
            }
        }
    }
}

/// The far transceiver a trace ends at, if any.
fn far_transceiver(trace: &FiberTrace) -> Option<u32> {
    match trace.end {
        TraceEnd::Receiver { transceiver, .. }
        | TraceEnd::Transmitter { transceiver, .. }
        | TraceEnd::Unused { transceiver, .. } => Some(transceiver),
        TraceEnd::Open { .. } | TraceEnd::Dark { .. } | TraceEnd::Blocked { .. } => None,
    }
}

/// Groups traces into channels: one per pair of transceiver ports the fibers connect. A
/// fault belongs to the channel it breaks (docs/model.md §4): a fiber that ends nowhere joins
/// the channel of the one port whose light its own port receives (half of a duplex pair that
/// is broken); where a port receives light from several ports (the parallel end of a
/// fan-out), its fiber that ends nowhere is a leg of its own, so it makes a channel of its own
/// port and never taints an intact leg.
fn group_channels(g: &ChannelGraph, traces: &Traces, slot: u32) -> (Vec<Channel>, Vec<ChannelKey>) {
    // partner[q] = the one transceiver whose light q receives; NO_FAR_END when none or
    // several do.
    const SEVERAL: u32 = u32::MAX - 1;
    let mut partner = vec![NO_FAR_END; g.transceivers.len()];
    for trace in &traces.traces {
        if let TraceEnd::Receiver { transceiver, .. } = trace.end {
            let p = &mut partner[transceiver as usize];
            *p = match *p {
                NO_FAR_END => trace.transceiver,
                same if same == trace.transceiver => same,
                _ => SEVERAL,
            };
        }
    }
    for p in &mut partner {
        if *p == SEVERAL {
            *p = NO_FAR_END;
        }
    }
    // (channel key, trace), sorted: a stable sort keeps each channel's traces in order.
    let mut keyed: Vec<((u32, u32), u32)> = traces
        .traces
        .iter()
        .enumerate()
        .map(|(i, trace)| {
            let from = trace.transceiver;
            let far = far_transceiver(trace).unwrap_or(partner[from as usize]);
            let key = if far == NO_FAR_END {
                (from, NO_FAR_END)
            } else {
                (from.min(far), from.max(far))
            };
            (key, i as u32)
        })
        .collect();
    keyed.sort_by_key(|&(key, _)| key);
    let groups: Vec<((u32, u32), Vec<u32>)> = keyed
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| (group[0].0, group.iter().map(|&(_, t)| t).collect()))
        .collect();
    let keys = groups
        .iter()
        .map(|&((a, b), _)| {
            let ta = &g.transceivers[a as usize];
            let (eb, pb) = if b == NO_FAR_END {
                (u32::MAX, u16::MAX)
            } else {
                let tb = &g.transceivers[b as usize];
                (tb.equipment, tb.port.port)
            };
            ChannelKey([ta.equipment, u32::from(ta.port.port), eb, u32::from(pb)])
        })
        .collect();
    let channels = groups
        .into_iter()
        .map(|((a, b), trace_ids)| {
            let ta = &g.transceivers[a as usize];
            let tb = (b != NO_FAR_END).then(|| &g.transceivers[b as usize]);
            let mut applications = vec![ta.spec.application.clone()];
            if let Some(tb) = tb {
                if tb.spec.application != ta.spec.application {
                    applications.push(tb.spec.application.clone());
                }
            }
            let hops = trace_ids
                .iter()
                .map(|&t| traces.traces[t as usize].hops.len())
                .max()
                .unwrap_or(0);
            let length_m = trace_ids
                .iter()
                .map(|&t| traces.traces[t as usize].length_m)
                .fold(0.0, f64::max);
            Channel {
                a: ta.port.clone(),
                a_name: ta.name.clone(),
                b: tb.map(|t| t.port.clone()),
                b_name: tb.map(|t| t.name.clone()),
                applications,
                traces: trace_ids,
                hops,
                length_m,
                budget: None,
                verdict: Verdict::Pass,
                findings: Vec::new(),
                piece: slot,
            }
        })
        .collect();
    (channels, keys)
}

fn lane_name(x: &Transceiver, lane: u8) -> String {
    if x.spec.is_parallel() {
        format!("{} {} lane {}", x.port, x.name, lane + 1)
    } else {
        format!("{} {}", x.port, x.name)
    }
}

/// A finding for a transmitter that does not reach a receiver on other equipment.
fn end_finding(g: &ChannelGraph, traces: &Traces, t: usize, mode: CheckMode) -> Option<Finding> {
    let trace = &traces.traces[t];
    let from = &g.transceivers[trace.transceiver as usize];
    // Built only for a finding: most fibers reach their receiver.
    let who = || format!("Tx of {}", lane_name(from, trace.lane));
    let same_equipment = |far: u32| g.transceivers[far as usize].equipment == from.equipment;
    let (severity, rule, message) = match trace.end {
        TraceEnd::Receiver { transceiver, lane } => {
            if !same_equipment(transceiver) {
                return None;
            }
            let far = &g.transceivers[transceiver as usize];
            (
                Severity::Error,
                Rule::Loopback,
                format!(
                    "{} returns to its own equipment at Rx of {}",
                    who(),
                    lane_name(far, lane)
                ),
            )
        }
        TraceEnd::Transmitter { transceiver, lane } => {
            let far = &g.transceivers[transceiver as usize];
            if same_equipment(transceiver) {
                (
                    Severity::Error,
                    Rule::Loopback,
                    format!(
                        "{} returns to its own equipment at Tx of {}",
                        who(),
                        lane_name(far, lane)
                    ),
                )
            } else {
                (
                    Severity::Error,
                    Rule::Polarity,
                    format!(
                        "{} meets Tx of {}: Tx meets Tx",
                        who(),
                        lane_name(far, lane)
                    ),
                )
            }
        }
        TraceEnd::Unused {
            transceiver,
            position,
        } => {
            let far = &g.transceivers[transceiver as usize];
            (
                Severity::Error,
                if same_equipment(transceiver) {
                    Rule::Loopback
                } else {
                    Rule::Polarity
                },
                format!(
                    "{} lands on position {position} of {} {}, which the {} optic does not use",
                    who(),
                    far.port,
                    far.name,
                    far.spec.application
                ),
            )
        }
        TraceEnd::Open { plug, position } => {
            let p = &g.plugs[plug as usize];
            (
                open_severity(mode),
                Rule::Open,
                format!(
                    "{} ends at {} position {}, which nothing is mated to",
                    who(),
                    p.site,
                    p.connector.position_label(position)
                ),
            )
        }
        TraceEnd::Dark { plug, position } => {
            let p = &g.plugs[plug as usize];
            (
                open_severity(mode),
                Rule::Open,
                format!(
                    "{} ends at {} position {}, which carries no fiber",
                    who(),
                    p.site,
                    p.connector.position_label(position)
                ),
            )
        }
        // The mating's own finding (ferrule, connector) says why; no second finding.
        TraceEnd::Blocked { .. } => return None,
    };
    let path = traces.path(t);
    let mut f = Finding::new(severity, rule, message, path_parts(g, path));
    f.ports.push(from.port.clone());
    f.path = path_hops(g, path);
    Some(f)
}

fn open_severity(mode: CheckMode) -> Severity {
    match mode {
        CheckMode::Draft => Severity::Warning,
        CheckMode::Review => Severity::Error,
    }
}

/// Split pairs and lane order: where lane k of P transmits to lane j of Q, Q's lane j must
/// transmit back to lane k of P (else a split pair if it goes to another port, a lane-order
/// error if it returns on another lane of a breakout); on an aggregate parallel link lane k
/// must reach lane k (a warning); a breakout harness must carry lane k on leg k (an error).
fn pairing_findings(g: &ChannelGraph, traces: &Traces, channel: &Channel) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut lane_map_off = Vec::new();
    let (mut reported_split, mut reported_lane) = (false, false);
    for &t in &channel.traces {
        let trace = &traces.traces[t as usize];
        let TraceEnd::Receiver {
            transceiver: q,
            lane: j,
        } = trace.end
        else {
            continue;
        };
        let p = trace.transceiver;
        let (xp, xq) = (&g.transceivers[p as usize], &g.transceivers[q as usize]);
        if xp.equipment == xq.equipment {
            continue;
        }
        // An aggregate link joins two parallel optics lane for lane; anything else with a
        // parallel end is a breakout.
        let aggregate = xp.spec.is_parallel()
            && xq.spec.is_parallel()
            && xp.spec.lanes.len() == xq.spec.lanes.len();
        let path = traces.path(t as usize);
        if aggregate && j != trace.lane {
            lane_map_off.push((t as usize, trace.lane, j));
        }
        if xp.spec.is_parallel() && !aggregate && !reported_lane {
            if let Some(leg) = path
                .iter()
                .find_map(|&n| g.plugs[g.graph[n].plug as usize].breakout_leg)
            {
                if u16::from(leg) != u16::from(trace.lane) + 1 {
                    reported_lane = true;
                    let mut f = Finding::new(
                        Severity::Error,
                        Rule::LaneOrder,
                        format!(
                            "fan-out: lane {} of {} {} runs on leg {leg}; a fan-out carries lane k on leg k",
                            trace.lane + 1,
                            xp.port,
                            xp.name
                        ),
                        path_parts(g, path),
                    );
                    f.ports = vec![xp.port.clone(), xq.port.clone()];
                    f.path = path_hops(g, path);
                    out.push(f);
                }
            }
        }
        let Some(back) = traces.of(q, j) else {
            continue;
        };
        let TraceEnd::Receiver {
            transceiver: r,
            lane: m,
        } = traces.traces[back].end
        else {
            continue;
        };
        if r == p && (m == trace.lane || aggregate) {
            // Consistent, or an aggregate lane swap reported by the warning below.
            continue;
        }
        let xr = &g.transceivers[r as usize];
        // Q's return fiber goes to another port: a split pair, unless Q is the parallel end
        // of a breakout, where it means Q's lane j is wired to another leg.
        let split = r != p && (aggregate || !xq.spec.is_parallel());
        let (rule, done) = if split {
            (Rule::SplitPair, &mut reported_split)
        } else {
            (Rule::LaneOrder, &mut reported_lane)
        };
        if *done {
            continue;
        }
        *done = true;
        let message = if split {
            format!(
                "Tx of {} reaches {}, but Tx of {} reaches {}: the pair is split",
                lane_name(xp, trace.lane),
                lane_name(xq, j),
                lane_name(xq, j),
                lane_name(xr, m)
            )
        } else {
            format!(
                "breakout: Tx of {} reaches {}, which transmits back to {}; each leg must carry one lane both ways",
                lane_name(xp, trace.lane),
                lane_name(xq, j),
                lane_name(xr, m)
            )
        };
        let mut f = Finding::new(Severity::Error, rule, message, path_parts(g, path));
        f.ports = vec![xp.port.clone(), xq.port.clone(), xr.port.clone()];
        f.ports.dedup();
        f.path = path_hops(g, path);
        out.push(f);
    }
    if !lane_map_off.is_empty() {
        let (t, _, _) = lane_map_off[0];
        let trace = &traces.traces[t];
        let xp = &g.transceivers[trace.transceiver as usize];
        let pairs: Vec<String> = lane_map_off
            .iter()
            .map(|(t, k, j)| {
                let from = &g.transceivers[traces.traces[*t].transceiver as usize];
                format!("{} {}->{}", from.port, k + 1, j + 1)
            })
            .collect();
        let path = traces.path(t);
        let mut f = Finding::new(
            Severity::Warning,
            Rule::LaneOrder,
            format!(
                "lanes do not reach the same lanes at the far end ({}); lane k should reach lane k",
                pairs.join(", ")
            ),
            path_parts(g, path),
        );
        f.ports.push(xp.port.clone());
        f.path = path_hops(g, path);
        out.push(f);
    }
    out
}

/// The warning that `channel` runs through parts whose parameters are not confirmed, naming
/// each part and what of it: its verdict cannot be a pass until the designer confirms them.
fn unverified_finding(
    g: &ChannelGraph,
    traces: &Traces,
    channel: &Channel,
    unconfirmed: &HashMap<&Id, &[String]>,
) -> Option<Finding> {
    let mut parts: Vec<Id> = Vec::new();
    for &t in &channel.traces {
        for p in path_parts(g, traces.path(t as usize)) {
            if unconfirmed.contains_key(&p) && !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let what: Vec<String> = parts
        .iter()
        .map(|p| {
            let fields = unconfirmed.get(p).map(|f| f.join(", ")).unwrap_or_default();
            format!("{p} ({fields})")
        })
        .collect();
    Some(Finding::new(
        Severity::Warning,
        Rule::Unverified,
        format!(
            "the channel from {} runs through {}, whose parameters its catalog source did not state: confirm them to verify it",
            channel.a,
            what.join("; ")
        ),
        parts,
    ))
}
