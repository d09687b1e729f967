//! A channel and its verdict: the types every check, report and export shares, and the
//! hops and parts of a traced fiber's path.

use super::finding::{Hop, PlugSite};
use super::graph::ChannelGraph;
use fiberplan_model::{FiberType, Id, PortRef};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::sync::Arc;

/// How a check treats work in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CheckMode {
    /// While the design is being built: an open channel is a warning.
    #[default]
    Draft,
    /// A finished design under review: an open channel is an error.
    Review,
}

/// A channel's overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No findings.
    Pass,
    /// Warnings only.
    Warning,
    /// At least one error.
    Fail,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "PASS",
            Verdict::Warning => "WARN",
            Verdict::Fail => "FAIL",
        })
    }
}

/// Loss and reach of a channel against one application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    /// Application the limits come from.
    pub application: String,
    /// Lowest fiber grade in the path (whose limits apply).
    pub fiber: FiberType,
    /// Worst fiber's insertion loss, dB.
    pub loss_db: f64,
    /// Of which: mated pairs, dB.
    pub mated_pairs_db: f64,
    /// Of which: splices, dB.
    pub splices_db: f64,
    /// Of which: fiber attenuation, dB.
    pub fiber_db: f64,
    /// Application limit, dB.
    pub max_loss_db: f64,
    /// Longest fiber's length, metres.
    pub length_m: f64,
    /// Application reach on `fiber`, metres.
    pub reach_m: f64,
}

impl Budget {
    /// Loss margin, dB (negative when over budget).
    pub fn margin_db(&self) -> f64 {
        self.max_loss_db - self.loss_db
    }
}

/// A channel: the fibers between one transceiver port and what they reach.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    /// First end (the transceiver that comes first in the design).
    pub a: PortRef,
    /// Port name of `a`, e.g. `Eth1`.
    pub a_name: Arc<str>,
    /// Far transceiver port, if the fibers reach one.
    pub b: Option<PortRef>,
    /// Port name of `b`.
    pub b_name: Option<Arc<str>>,
    /// Applications of the transceivers at the ends.
    pub applications: Vec<String>,
    /// Indices into its piece's [`Traces::traces`](crate::trace::walk::Traces::traces) of the fibers in this channel.
    #[serde(skip)]
    pub traces: Vec<u32>,
    /// Most plugs on any of its fibers' paths.
    pub hops: usize,
    /// Longest fiber, metres.
    pub length_m: f64,
    /// Loss and reach against the tightest application, when computed.
    pub budget: Option<Budget>,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Indices into its piece's findings; read them with [`Report::channel_findings`](crate::trace::Report::channel_findings).
    #[serde(skip)]
    pub findings: Vec<usize>,
    /// The piece of the report it belongs to (see [`Report::piece`](crate::trace::Report::piece)).
    #[serde(skip)]
    pub piece: u32,
}

/// Turns graph nodes into hops a person can read.
pub fn path_hops(g: &ChannelGraph, nodes: &[NodeIndex]) -> Vec<Hop> {
    nodes
        .iter()
        .map(|&n| {
            let node = g.graph[n];
            let plug = &g.plugs[node.plug as usize];
            Hop {
                plug: plug.site.clone(),
                position: node.position,
                label: plug.connector.position_label(node.position),
            }
        })
        .collect()
}

/// The parts a path runs through, in order, each once (cables, and the modules and
/// equipment their plugs sit in).
pub fn path_parts(g: &ChannelGraph, nodes: &[NodeIndex]) -> Vec<Id> {
    let mut parts: Vec<Id> = Vec::new();
    let mut push = |id: &Id| {
        if !parts.contains(id) {
            parts.push(id.clone());
        }
    };
    for &n in nodes {
        let plug = &g.plugs[g.graph[n].plug as usize];
        match &plug.site {
            PlugSite::CableEnd { cable, port, .. } => {
                if let Some(p) = port {
                    push(&p.part);
                }
                push(cable);
            }
            PlugSite::ModuleInternal { port } | PlugSite::Transceiver { port } => push(&port.part),
        }
    }
    parts
}
