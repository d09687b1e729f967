//! The channel graph: one petgraph node per (plug, position), an edge per fiber inside a part
//! and per mating, built exactly as `fiber-model.md` defines.
//!
//! Every per-hop map is resolved here, when the graph is built, so tracing is a plain walk
//! over integer indices with no lookups by name.

//! The graph's types are here; [`builder`] builds a graph from a design (or one piece of it)
//! and raises the findings about parts that cannot be traced at all.

pub mod builder;

pub use builder::has_own_findings;

use super::finding::{Finding, PlugSite};
use super::maps::MatingGeometry;
use fiberplan_model::{
    Connector, FiberClass, FiberType, Gender, Id, Polish, PortRef, TransceiverSpec,
};
use petgraph::graph::{NodeIndex, UnGraph};
use std::sync::Arc;

/// A node of the channel graph: a position of a plug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiberNode {
    /// Index into [`ChannelGraph::plugs`].
    pub plug: u32,
    /// Position, 1-based, in the plug's frame.
    pub position: u8,
}

/// Which of the two edge kinds a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A fiber inside a part (cable, cassette harness).
    Fiber = 0,
    /// Two plug positions touching in an adapter or a transceiver.
    Mating = 1,
}

/// An edge of the channel graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Fiber or mating.
    pub kind: LinkKind,
    /// Index into [`ChannelGraph::segments`] (fiber) or [`ChannelGraph::matings`] (mating).
    pub index: u32,
}

/// A plug: a cable end, the internal plug behind a module port, or a transceiver.
#[derive(Debug, Clone, PartialEq)]
pub struct Plug {
    /// Where it is in the design.
    pub site: PlugSite,
    /// Connector and ferrule.
    pub connector: Connector,
    /// MPO gender.
    pub gender: Option<Gender>,
    /// Polish.
    pub polish: Polish,
    /// Fiber type of passive parts; `None` for a transceiver.
    pub fiber: Option<FiberType>,
    /// Fiber family.
    pub media: FiberClass,
    /// Node of position 1; position p is `base + p - 1`.
    pub base: u32,
    /// The mating this plug takes part in, if it is mated (or blocked).
    pub mating: Option<u32>,
    /// For a transceiver: index into [`ChannelGraph::transceivers`].
    pub transceiver: Option<u32>,
    /// For a breakout harness leg, or a cassette's front port (the legs of a fan-out through
    /// that cassette): the leg number, from 1.
    pub breakout_leg: Option<u8>,
}

impl Plug {
    /// The graph node of position `p`.
    pub fn node(&self, p: u8) -> NodeIndex {
        NodeIndex::new(self.base as usize + p as usize - 1)
    }
}

/// Two plugs face to face.
#[derive(Debug, Clone, PartialEq)]
pub struct Mating {
    /// First plug (the cable plug, or the front plug of a panel adapter).
    pub a: u32,
    /// Second plug.
    pub b: u32,
    /// The port it happens in.
    pub port: PortRef,
    /// Adapter or transceiver.
    pub geometry: MatingGeometry,
    /// Insertion loss of this mated pair, dB (the stated figure of the part holding the adapter).
    pub loss_db: f64,
    /// False for a plug in a transceiver, which channel loss does not count.
    pub counts_for_loss: bool,
    /// True when the plugs cannot mate at all (ferrule or connector), so no light crosses.
    pub blocked: bool,
    /// True when singlemode meets multimode (loss and reach cannot be computed past it).
    pub fiber_class_error: bool,
    /// Indices into [`ChannelGraph::findings`] raised by this mating.
    pub findings: Vec<u32>,
}

/// The fibers of one part, for loss and grade accounting.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The part.
    pub part: Id,
    /// Fiber length, metres (0 inside a cassette).
    pub length_m: f64,
    /// Fiber type.
    pub fiber: FiberType,
    /// Splice loss along one fiber, dB.
    pub splice_loss_db: f64,
    /// The part's stated attenuation, dB/km, overriding the table's figure.
    pub attenuation_db_per_km: Option<f64>,
}

/// A transceiver fitted in an equipment port.
#[derive(Debug, Clone, PartialEq)]
pub struct Transceiver {
    /// The equipment port.
    pub port: PortRef,
    /// Port name, e.g. `Eth1`.
    pub name: Arc<str>,
    /// Index of the equipment in [`Design::equipment`](fiberplan_model::Design::equipment) when the graph was built (compare it
    /// only within one graph: an edit that inserts or removes equipment moves it).
    pub equipment: u32,
    /// The optic (shared by the ports of its group).
    pub spec: Arc<TransceiverSpec>,
    /// Its plug in [`ChannelGraph::plugs`].
    pub plug: u32,
}

/// What a transceiver does with a position of the plug inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Transmits lane (0-based).
    Tx(u8),
    /// Receives lane (0-based).
    Rx(u8),
    /// Not used by the optic.
    Unused,
}

impl Transceiver {
    /// The role of position `p`.
    pub fn role(&self, p: u8) -> Role {
        for (i, lane) in self.spec.lanes.iter().enumerate() {
            if lane.tx == p {
                return Role::Tx(i as u8);
            }
            if lane.rx == p {
                return Role::Rx(i as u8);
            }
        }
        Role::Unused
    }
}

/// One neighbour of a node in the dense adjacency used by the trace loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Neighbour node, or [`Step::NONE`].
    pub node: u32,
    /// Segment (fiber) or mating index of the link.
    pub index: u32,
}

impl Step {
    /// No neighbour.
    pub const NONE: Step = Step {
        node: u32::MAX,
        index: u32::MAX,
    };
}

/// The channel graph of a design, with the findings raised while building it.
#[derive(Debug, Clone)]
pub struct ChannelGraph {
    /// Nodes are (plug, position); edges are fibers and matings.
    pub graph: UnGraph<FiberNode, Link>,
    /// Per node, its fiber neighbour and its mating neighbour: the same edges as `graph`,
    /// laid out densely because every node has at most one of each and the trace loop
    /// visits every hop of every fiber.
    pub adjacency: Vec<[Step; 2]>,
    /// Plugs, indexed by [`FiberNode::plug`].
    pub plugs: Vec<Plug>,
    /// Matings, indexed by mating links.
    pub matings: Vec<Mating>,
    /// Per-part fiber data, indexed by fiber links.
    pub segments: Vec<Segment>,
    /// Transceivers, in equipment and port order.
    pub transceivers: Vec<Transceiver>,
    /// Findings about references, part definitions, port use and matings.
    pub findings: Vec<Finding>,
    /// Indices into `findings` of an equipment's own findings raised again here for the
    /// verdicts of this piece's channels; its home piece is the one that lists them.
    pub shared: Vec<u32>,
}

impl ChannelGraph {
    /// The plug and position of a node.
    pub fn node(&self, n: NodeIndex) -> FiberNode {
        self.graph[n]
    }

    /// The other end of the edge of `kind` at `n`, with the link, if there is one.
    #[inline]
    pub fn step(&self, n: NodeIndex, kind: LinkKind) -> Option<(NodeIndex, Link)> {
        let s = self.adjacency[n.index()][kind as usize];
        (s.node != u32::MAX).then(|| {
            (
                NodeIndex::new(s.node as usize),
                Link {
                    kind,
                    index: s.index,
                },
            )
        })
    }

    /// Adds an edge to the petgraph graph and to the dense adjacency.
    fn link(&mut self, a: NodeIndex, b: NodeIndex, link: Link) {
        self.graph.add_edge(a, b, link);
        let k = link.kind as usize;
        self.adjacency[a.index()][k] = Step {
            node: b.index() as u32,
            index: link.index,
        };
        self.adjacency[b.index()][k] = Step {
            node: a.index() as u32,
            index: link.index,
        };
    }
}
