//! Findings: what the checks report, with the rule, the parts to highlight and the fiber path.

use fiberplan_model::{Id, PortRef};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Works, but needs attention.
    Warning,
    /// The channel or layout fails.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// The rule a finding is about. Each names the line of the model or standard it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A transmitter reaches a transmitter or an unused transceiver position.
    Polarity,
    /// A transmitter returns to its own equipment.
    Loopback,
    /// A transmitter ends at an unmated plug or a dark position.
    Open,
    /// Tx and Rx of a duplex port pair with different far ports.
    SplitPair,
    /// Lane k does not reach lane k.
    LaneOrder,
    /// Two pinned or two unpinned MPO plugs meet.
    Gender,
    /// MPO ferrules that do not mate (24 vs 12, 16 vs other).
    Ferrule,
    /// Connector kinds that do not mate (LC into MPO, duplex into simplex).
    Connector,
    /// Singlemode meets multimode, or 62.5 um meets 50 um.
    FiberType,
    /// Different 50 um multimode grades meet.
    MixedGrade,
    /// APC meets UPC.
    Polish,
    /// Channel insertion loss over the application's limit.
    Loss,
    /// Channel length over the application's reach.
    Reach,
    /// The application is unknown or does not support the fiber in the path.
    Application,
    /// A module's slot format differs from its enclosure's.
    SlotFormat,
    /// A slot that does not exist, or two modules in one slot.
    Slot,
    /// Two parts in the same rack units.
    RackOverlap,
    /// A part outside its rack's units.
    RackOverflow,
    /// Two cable ends in one port.
    PortConflict,
    /// A reference to a part or port that does not exist.
    Reference,
    /// A part whose parameters contradict themselves.
    InvalidPart,
    /// A channel through a part whose parameters are defaults its source did not state.
    Unverified,
}

impl Rule {
    /// Every rule, in the order a check reports them.
    pub const ALL: [Rule; 22] = [
        Rule::Polarity,
        Rule::Loopback,
        Rule::Open,
        Rule::SplitPair,
        Rule::LaneOrder,
        Rule::Gender,
        Rule::Ferrule,
        Rule::Connector,
        Rule::FiberType,
        Rule::MixedGrade,
        Rule::Polish,
        Rule::Loss,
        Rule::Reach,
        Rule::Application,
        Rule::SlotFormat,
        Rule::Slot,
        Rule::RackOverlap,
        Rule::RackOverflow,
        Rule::PortConflict,
        Rule::Reference,
        Rule::InvalidPart,
        Rule::Unverified,
    ];

    /// What the rule checks, in one line.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Polarity => "every transmitter reaches a receiver (Tx never lands on Tx)",
            Rule::Loopback => "light leaves its own equipment",
            Rule::Open => "no fiber ends at an unmated plug (an error in a finished design)",
            Rule::SplitPair => "Tx and Rx of a duplex port reach one far port",
            Rule::LaneOrder => "lane k reaches lane k; a fan-out puts lane k on leg k",
            Rule::Gender => "every MPO mating is one pinned and one unpinned plug",
            Rule::Ferrule => "MPO ferrules mate (24 only with 24, 16 only with 16)",
            Rule::Connector => "a plug fits the port or adapter it is in",
            Rule::FiberType => "singlemode never meets multimode, 62.5 um never 50 um",
            Rule::MixedGrade => "mixed multimode grades take the limits of every grade",
            Rule::Polish => "APC never meets UPC",
            Rule::Loss => "mated pairs, splices and fiber within the application's loss limit",
            Rule::Reach => "the channel's length within the application's reach",
            Rule::Application => "the application is in the table and runs on the path's fiber",
            Rule::SlotFormat => "a module fits its enclosure's slot format",
            Rule::Slot => "a module sits in a slot that exists, one to a slot",
            Rule::RackOverlap => "no two parts in the same rack units",
            Rule::RackOverflow => "every part within its rack's units",
            Rule::PortConflict => "one cable end to a port",
            Rule::Reference => "every part and port referred to exists",
            Rule::InvalidPart => "a part's parameters agree with each other",
            Rule::Unverified => {
                "a channel through a part whose parameters are not confirmed is unverified"
            }
        }
    }

    /// Short name, as printed and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Polarity => "polarity",
            Rule::Loopback => "loopback",
            Rule::Open => "open",
            Rule::SplitPair => "split_pair",
            Rule::LaneOrder => "lane_order",
            Rule::Gender => "gender",
            Rule::Ferrule => "ferrule",
            Rule::Connector => "connector",
            Rule::FiberType => "fiber_type",
            Rule::MixedGrade => "mixed_grade",
            Rule::Polish => "polish",
            Rule::Loss => "loss",
            Rule::Reach => "reach",
            Rule::Application => "application",
            Rule::SlotFormat => "slot_format",
            Rule::Slot => "slot",
            Rule::RackOverlap => "rack_overlap",
            Rule::RackOverflow => "rack_overflow",
            Rule::PortConflict => "port_conflict",
            Rule::Reference => "reference",
            Rule::InvalidPart => "invalid_part",
            Rule::Unverified => "unverified",
        }
    }

    /// Where the rule comes from: "fiber-model N" is section §N of the fiber model, as
    /// `docs/model.md` describes it, with the standard behind it.
    pub fn citation(self) -> &'static str {
        match self {
            Rule::Polarity | Rule::Loopback | Rule::Open => {
                "fiber-model 4 (TIA-568.3 polarity: Tx must reach Rx)"
            }
            Rule::SplitPair => "fiber-model 4 (duplex pairs)",
            Rule::LaneOrder => "fiber-model 4 (parallel lanes; IEEE 802.3 MDI lane assignment)",
            Rule::Gender => "fiber-model 2 (MPO gender; TIA-604-5)",
            Rule::Ferrule | Rule::Connector => "fiber-model 2 (ferrule)",
            Rule::FiberType | Rule::MixedGrade => "fiber-model 2 (fiber type)",
            Rule::Polish => "fiber-model 2 (polish)",
            Rule::Loss | Rule::Reach | Rule::Application => {
                "fiber-model 4; applications table (IEEE 802.3 channel limits)"
            }
            Rule::SlotFormat | Rule::Slot => "layout: module slot format",
            Rule::RackOverlap | Rule::RackOverflow => "layout: rack units",
            Rule::PortConflict => "layout: one plug per port",
            Rule::Reference | Rule::InvalidPart => "design integrity",
            Rule::Unverified => "design integrity: parameters a catalog source did not state",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a plug sits in the design.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlugSite {
    /// End `end` (1-based) of a cable, plugged into `port` if any.
    CableEnd {
        /// The cable.
        cable: Id,
        /// End number, from 1 (a breakout's MPO is end 1, its legs 2..).
        end: u16,
        /// Where it is plugged.
        port: Option<PortRef>,
    },
    /// The internal plug behind a module port (cassette rear MPO or front LC).
    ModuleInternal {
        /// The module port.
        port: PortRef,
    },
    /// The transceiver in an equipment port.
    Transceiver {
        /// The equipment port.
        port: PortRef,
    },
}

impl PlugSite {
    /// The part that owns the plug.
    pub fn part(&self) -> &Id {
        match self {
            PlugSite::CableEnd { cable, .. } => cable,
            PlugSite::ModuleInternal { port } | PlugSite::Transceiver { port } => &port.part,
        }
    }
}

impl fmt::Display for PlugSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlugSite::CableEnd { cable, end, port } => {
                write!(f, "{cable} end {end}")?;
                if let Some(p) = port {
                    write!(f, " @ {p}")?;
                }
                Ok(())
            }
            PlugSite::ModuleInternal { port } => write!(f, "{port}"),
            PlugSite::Transceiver { port } => write!(f, "{port}"),
        }
    }
}

/// One node of a fiber path: a plug and a position in its frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The plug.
    pub plug: PlugSite,
    /// Position, 1-based, in the plug's frame.
    pub position: u8,
    /// Position label (`A`/`B` on LC, a number on MPO).
    pub label: String,
}

impl fmt::Display for Hop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} #{}", self.plug, self.label)
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// Plain-language explanation with the figures.
    pub message: String,
    /// Parts to highlight (the part where the rule broke first).
    pub parts: Vec<Id>,
    /// Ports involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PortRef>,
    /// For fiber findings: the fiber's path from its transmitter, hop by hop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<Hop>,
}

impl Finding {
    /// A finding with no fiber path.
    pub fn new(severity: Severity, rule: Rule, message: String, parts: Vec<Id>) -> Self {
        Finding {
            severity,
            rule,
            message,
            parts,
            ports: Vec::new(),
            path: Vec::new(),
        }
    }
}
