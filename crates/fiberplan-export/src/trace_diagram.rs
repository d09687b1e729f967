//! A channel's cable-trace drawing as plain data: one column per plug from transceiver to
//! transceiver, the link between neighbouring columns (mated pair or fiber), each fiber's
//! position in every plug, and which hops failed. The SVG export and the app's trace view
//! both draw this, so the two always show the same thing.

use fiberplan_engine::trace::finding::PlugSite;
use fiberplan_engine::trace::graph::Role as PortRole;
use fiberplan_engine::trace::{Channel, Report, Severity};
use fiberplan_model::DuplexPolarity;
use fiberplan_model::{CableKind, Design, Id, ModuleKind, PortRef};
use petgraph::graph::NodeIndex;

/// The drawing of one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceDiagram {
    /// "A Eth1 to B Eth1", or "(open)" when the fibers reach no transceiver.
    pub title: String,
    /// Applications and verdict.
    pub subtitle: String,
    /// Plugs in order along the first fiber.
    pub columns: Vec<HopColumn>,
    /// `links[i]` joins `columns[i]` and `columns[i + 1]`.
    pub links: Vec<HopLink>,
    /// The channel's findings, errors first.
    pub findings: Vec<(Severity, String)>,
    /// Fibers drawn, in the order of [`HopColumn::fibers`]: "Tx1 A→B" style names.
    pub fiber_names: Vec<String>,
}

/// One plug along the channel.
#[derive(Debug, Clone, PartialEq)]
pub struct HopColumn {
    /// Label of the part that owns the plug (cable, module or equipment).
    pub part: String,
    /// Where the plug is: "cable T1 end 2 at C1 rear 1" style.
    pub site: String,
    /// Connector, gender and polish, e.g. "MPO-12 pinned UPC".
    pub connector: String,
    /// Polarity type of the part, if it has one ("Type B trunk", "A-B cord", "Type A cassette").
    pub polarity: Option<String>,
    /// Each fiber's position in this plug ("#3", "B", "Tx1"); `None` if that fiber does not
    /// pass this plug.
    pub fibers: Vec<Option<String>>,
    /// True when an error of this channel was found at this plug.
    pub failing: bool,
}

/// What joins two neighbouring plugs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HopLink {
    /// Two plugs mated in an adapter or a transceiver; the loss counts if `Some`.
    Mated {
        /// Insertion loss of the mated pair, dB; `None` at a transceiver.
        loss_db: Option<f64>,
    },
    /// Fiber inside a cable or module.
    Fiber,
}

/// Builds the drawing of `channel`, looking up labels and polarity types in `design`.
pub fn trace_diagram(design: &Design, report: &Report, channel: &Channel) -> TraceDiagram {
    let piece = report.piece(channel);
    let g = &piece.graph;
    let paths: Vec<&[NodeIndex]> = channel
        .traces
        .iter()
        .map(|&t| piece.traces.path(t as usize))
        .collect();
    let first = paths.first().copied().unwrap_or(&[]);

    let mut bad_ports: Vec<&PortRef> = Vec::new();
    let mut end_error = false;
    let mut findings: Vec<(Severity, String)> = Vec::new();
    for f in report.channel_findings(channel) {
        if f.severity == Severity::Error {
            if f.path.is_empty() {
                bad_ports.extend(f.ports.iter());
            } else {
                // A fiber finding (polarity, open, loopback) shows where the fiber ended.
                end_error = true;
            }
        }
        findings.push((
            f.severity,
            format!("{} {}: {}", f.severity, f.rule, f.message),
        ));
    }
    findings.sort_by_key(|(s, _)| *s != Severity::Error);

    let fiber_names = channel
        .traces
        .iter()
        .map(|&t| {
            let trace = &piece.traces.traces[t as usize];
            let from = &g.transceivers[trace.transceiver as usize];
            format!("Tx{} from {}", trace.lane + 1, from.port)
        })
        .collect();

    let mut columns = Vec::with_capacity(first.len());
    for (i, &n) in first.iter().enumerate() {
        let plug_index = g.graph[n].plug;
        let plug = &g.plugs[plug_index as usize];
        let port = match &plug.site {
            PlugSite::CableEnd { port, .. } => port.as_ref(),
            PlugSite::ModuleInternal { port } | PlugSite::Transceiver { port } => Some(port),
        };
        let failing =
            port.is_some_and(|p| bad_ports.contains(&p)) || (end_error && i + 1 == first.len());
        // Each fiber's position here: the node of its own path that sits in this plug (a
        // reverse fiber meets the plugs in the opposite order).
        let fibers = paths
            .iter()
            .map(|path| {
                path.iter()
                    .find(|&&m| g.graph[m].plug == plug_index)
                    .map(|&m| {
                        let pos = g.graph[m].position;
                        let label = plug.connector.position_label(pos);
                        match plug.transceiver {
                            Some(x) => match g.transceivers[x as usize].role(pos) {
                                PortRole::Tx(l) => format!("{label} Tx{}", l + 1),
                                PortRole::Rx(l) => format!("{label} Rx{}", l + 1),
                                PortRole::Unused => format!("{label} unused"),
                            },
                            None => format!("#{label}"),
                        }
                    })
            })
            .collect();
        let gender = plug.gender.map(|g| format!(" {g}")).unwrap_or_default();
        columns.push(HopColumn {
            part: design.label_of(plug.site.part()).to_owned(),
            site: plug.site.to_string(),
            connector: format!("{}{gender} {}", plug.connector, plug.polish),
            polarity: polarity_of(design, plug.site.part()),
            fibers,
            failing,
        });
    }

    let links = first
        .windows(2)
        .map(|w| {
            let a = &g.plugs[g.graph[w[0]].plug as usize];
            let b = &g.plugs[g.graph[w[1]].plug as usize];
            match (a.mating, b.mating) {
                (Some(x), Some(y)) if x == y => {
                    let m = &g.matings[x as usize];
                    HopLink::Mated {
                        loss_db: m.counts_for_loss.then_some(m.loss_db),
                    }
                }
                _ => HopLink::Fiber,
            }
        })
        .collect();

    let title = match (&channel.b, &channel.b_name) {
        (Some(b), Some(n)) => format!("{} {} to {} {}", channel.a, channel.a_name, b, n),
        _ => format!("{} {} (open)", channel.a, channel.a_name),
    };
    TraceDiagram {
        title,
        subtitle: format!("{}, {}", channel.applications.join("/"), channel.verdict),
        columns,
        links,
        findings,
        fiber_names,
    }
}

/// The TIA-568.3 polarity type a part carries, worded for a drawing.
fn polarity_of(design: &Design, id: &Id) -> Option<String> {
    if let Some(c) = design.cables.iter().find(|c| &c.id == id) {
        return match &c.spec.kind {
            CableKind::Trunk { polarity, .. } => Some(format!("Type {polarity:?} trunk")),
            CableKind::MpoCord { polarity, .. } => Some(format!("Type {polarity:?} cord")),
            CableKind::LcCord { polarity } => Some(
                match polarity {
                    DuplexPolarity::AB => "A-B cord",
                    DuplexPolarity::AA => "A-A cord",
                }
                .to_owned(),
            ),
            CableKind::Breakout { .. } => Some("breakout".to_owned()),
            CableKind::Harness { .. } => Some("harness".to_owned()),
        };
    }
    let m = design.modules.iter().find(|m| &m.id == id)?;
    match &m.spec.kind {
        ModuleKind::Cassette(c) => Some(format!("Type {:?} cassette", c.polarity)),
        ModuleKind::AdapterPanel(p) => Some(format!("{} panel", p.adapter)),
        ModuleKind::Converter(_) => Some("converter".to_owned()),
    }
}
