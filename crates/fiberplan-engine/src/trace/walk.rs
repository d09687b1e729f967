//! Tracing: from every transmitting position, walk fiber, mating, fiber, ... to where the
//! light ends (`fiber-model.md` section 4).
//!
//! Each node has at most one fiber edge and one mating edge, so a trace is a simple walk.
//! The loop touches only integer indices and pushes hops into one shared buffer.

use super::graph::{ChannelGraph, LinkKind, Role};
use fiberplan_model::ALL_FIBER_TYPES;
use petgraph::graph::NodeIndex;
use std::ops::Range;

/// Where a traced fiber ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceEnd {
    /// A receiving position of a transceiver.
    Receiver {
        /// Transceiver index.
        transceiver: u32,
        /// Lane, 0-based.
        lane: u8,
    },
    /// A transmitting position of a transceiver (Tx meets Tx).
    Transmitter {
        /// Transceiver index.
        transceiver: u32,
        /// Lane, 0-based.
        lane: u8,
    },
    /// A transceiver position the optic does not use.
    Unused {
        /// Transceiver index.
        transceiver: u32,
        /// Position, 1-based.
        position: u8,
    },
    /// A plug position with nothing mated to it.
    Open {
        /// Plug index.
        plug: u32,
        /// Position, 1-based.
        position: u8,
    },
    /// A position with no fiber behind it (MPO-8 positions 5-8, unused harness positions).
    Dark {
        /// Plug index.
        plug: u32,
        /// Position, 1-based.
        position: u8,
    },
    /// A mating whose plugs cannot mate (ferrule or connector); its finding covers it.
    Blocked {
        /// Mating index.
        mating: u32,
    },
}

/// One transmitter's fiber, traced.
#[derive(Debug, Clone, PartialEq)]
pub struct FiberTrace {
    /// Transceiver it starts at.
    pub transceiver: u32,
    /// Lane it transmits, 0-based.
    pub lane: u8,
    /// Range of its nodes in [`Traces::hops`].
    pub hops: Range<u32>,
    /// Where it ends.
    pub end: TraceEnd,
    /// Sum of counted mated-pair losses, dB.
    pub mating_loss_db: f64,
    /// Sum of splice losses, dB.
    pub splice_loss_db: f64,
    /// Total fiber length, metres.
    pub length_m: f64,
    /// Fiber length per fiber type (indexed by `FiberType::index`) of the cables whose loss
    /// comes from the applications table's attenuation, metres.
    pub length_by_type_m: [f64; ALL_FIBER_TYPES.len()],
    /// Fiber loss of cables with a stated attenuation, dB.
    pub stated_fiber_loss_db: f64,
    /// Bit per fiber type seen along the path.
    pub fiber_mask: u8,
    /// A singlemode/multimode mating lies on the path.
    pub fiber_class_error: bool,
}

/// All traces of a design with their hops.
#[derive(Debug, Clone, Default)]
pub struct Traces {
    /// One per transmitting lane of every transceiver that has a plug in it.
    pub traces: Vec<FiberTrace>,
    /// Nodes of every path, concatenated.
    pub hops: Vec<NodeIndex>,
    /// Per transceiver, the index of its first trace (`u32::MAX` when none).
    pub first_trace: Vec<u32>,
}

impl Traces {
    /// The nodes of trace `t`.
    pub fn path(&self, t: usize) -> &[NodeIndex] {
        let r = &self.traces[t].hops;
        &self.hops[r.start as usize..r.end as usize]
    }

    /// The trace of `lane` of `transceiver`, if that transceiver was traced.
    pub fn of(&self, transceiver: u32, lane: u8) -> Option<usize> {
        let first = *self.first_trace.get(transceiver as usize)?;
        (first != u32::MAX).then_some(first as usize + lane as usize)
    }
}

/// Traces every transmitter of every transceiver that has a plug mated in it.
pub fn trace_all(g: &ChannelGraph) -> Traces {
    let mut out = Traces {
        traces: Vec::with_capacity(g.transceivers.len() * 2),
        hops: Vec::with_capacity(g.transceivers.len() * 16),
        first_trace: vec![u32::MAX; g.transceivers.len()],
    };
    for (t, xcvr) in g.transceivers.iter().enumerate() {
        let plug = &g.plugs[xcvr.plug as usize];
        if plug.mating.is_none() {
            continue;
        }
        out.first_trace[t] = out.traces.len() as u32;
        for (lane, l) in xcvr.spec.lanes.iter().enumerate() {
            let trace = trace_one(g, plug.node(l.tx), t as u32, lane as u8, &mut out.hops);
            out.traces.push(trace);
        }
    }
    // Kept with the piece for as long as the design is open: no room to spare.
    out.hops.shrink_to_fit();
    out.traces.shrink_to_fit();
    out
}

/// Walks one fiber from `start`, appending its nodes to `hops`.
pub fn trace_one(
    g: &ChannelGraph,
    start: NodeIndex,
    transceiver: u32,
    lane: u8,
    hops: &mut Vec<NodeIndex>,
) -> FiberTrace {
    let first = hops.len() as u32;
    let mut trace = FiberTrace {
        transceiver,
        lane,
        hops: first..first,
        end: TraceEnd::Open {
            plug: g.graph[start].plug,
            position: g.graph[start].position,
        },
        mating_loss_db: 0.0,
        splice_loss_db: 0.0,
        length_m: 0.0,
        length_by_type_m: [0.0; ALL_FIBER_TYPES.len()],
        stated_fiber_loss_db: 0.0,
        fiber_mask: 0,
        fiber_class_error: false,
    };
    let mut node = start;
    // The start is a transceiver position: the next edge is its mating.
    let mut next_kind = LinkKind::Mating;
    // A path cannot revisit a node (degree <= 2, starting from a degree-1 node); the bound
    // only guards against a graph that breaks that invariant.
    let limit = g.adjacency.len() + 1;
    loop {
        hops.push(node);
        if hops.len() - first as usize > limit {
            break;
        }
        let step = g.adjacency[node.index()][next_kind as usize];
        if step.node == u32::MAX {
            let here = g.graph[node];
            let plug = &g.plugs[here.plug as usize];
            trace.end = match next_kind {
                LinkKind::Mating => match plug.mating {
                    Some(m) if g.matings[m as usize].blocked => TraceEnd::Blocked { mating: m },
                    _ => TraceEnd::Open {
                        plug: here.plug,
                        position: here.position,
                    },
                },
                LinkKind::Fiber => TraceEnd::Dark {
                    plug: here.plug,
                    position: here.position,
                },
            };
            break;
        }
        let next = NodeIndex::new(step.node as usize);
        match next_kind {
            LinkKind::Mating => {
                let m = &g.matings[step.index as usize];
                trace.fiber_class_error |= m.fiber_class_error;
                if m.counts_for_loss {
                    trace.mating_loss_db += m.loss_db;
                } else if node != start {
                    // Only a transceiver mating is not counted: the light has arrived.
                    hops.push(next);
                    let here = g.graph[next];
                    if let Some(t) = g.plugs[here.plug as usize].transceiver {
                        trace.end = match g.transceivers[t as usize].role(here.position) {
                            Role::Rx(l) => TraceEnd::Receiver {
                                transceiver: t,
                                lane: l,
                            },
                            Role::Tx(l) => TraceEnd::Transmitter {
                                transceiver: t,
                                lane: l,
                            },
                            Role::Unused => TraceEnd::Unused {
                                transceiver: t,
                                position: here.position,
                            },
                        };
                    }
                    break;
                }
                next_kind = LinkKind::Fiber;
            }
            LinkKind::Fiber => {
                let s = &g.segments[step.index as usize];
                let i = s.fiber.index();
                trace.length_m += s.length_m;
                match s.attenuation_db_per_km {
                    Some(db_per_km) => {
                        trace.stated_fiber_loss_db += s.length_m / 1000.0 * db_per_km
                    }
                    None => trace.length_by_type_m[i] += s.length_m,
                }
                trace.fiber_mask |= 1 << i;
                trace.splice_loss_db += s.splice_loss_db;
                next_kind = LinkKind::Mating;
            }
        }
        node = next;
    }
    trace.hops = first..hops.len() as u32;
    trace
}
