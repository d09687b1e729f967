//! Find: the racks, parts, cables, ports and channels of a design whose id, label, port name
//! or TIA-606 identifier (`A01-U40-S2-P05`) match what the user types, best matches first.

use fiberplan_engine::trace::Report;
use fiberplan_model::{Design, Id, PortRef, Side};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    /// A rack.
    Rack,
    /// An enclosure.
    Enclosure,
    /// A cassette, panel or converter.
    Module,
    /// A switch or server.
    Equipment,
    /// A cable.
    Cable,
    /// A port of a module or of equipment.
    Port,
    /// A channel between two transceivers.
    Channel,
}

impl HitKind {
    /// The kind in words.
    pub fn name(self) -> &'static str {
        match self {
            HitKind::Rack => "rack",
            HitKind::Enclosure => "enclosure",
            HitKind::Module => "module",
            HitKind::Equipment => "equipment",
            HitKind::Cable => "cable",
            HitKind::Port => "port",
            HitKind::Channel => "channel",
        }
    }
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it is.
    pub kind: HitKind,
    /// The part it is or is on (a port's or channel's first end's part).
    pub part: Id,
    /// The port, for a port or a channel (its first end).
    pub port: Option<PortRef>,
    /// How it reads in the results: "SRV03 (equipment)", "PC-A01-03 (cable)".
    pub text: String,
}

/// How well `text` matches the lowercase `query`: an exact match first, then a match at the
/// start, then anywhere; `None` when it does not match.
fn rank(text: &str, query: &str) -> Option<u8> {
    let t = text.to_lowercase();
    if t == query {
        Some(0)
    } else if t.starts_with(query) {
        Some(1)
    } else if t.contains(query) {
        Some(2)
    } else {
        None
    }
}

/// Everything in `design` (checked as `report`) matching `query`, best first, at most
/// `limit` hits. Parts match by id or label; ports by `PART/F3`, by their name on the
/// device (`LEAF1/Eth3`) or by their TIA-606 identifier (`A01-U40-S2-P05`); cables by id or
/// label; channels by either end.
pub fn find(design: &Design, report: &Report, query: &str, limit: usize) -> Vec<Hit> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, Hit)> = Vec::new();
    let mut part = |kind: HitKind, id: &Id, label: &str| {
        let best = rank(id.as_str(), &q)
            .into_iter()
            .chain(rank(label, &q))
            .min();
        if let Some(r) = best {
            let text = if label == id.as_str() {
                format!("{label} ({})", kind.name())
            } else {
                format!("{label} — {id} ({})", kind.name())
            };
            hits.push((
                r,
                Hit {
                    kind,
                    part: id.clone(),
                    port: None,
                    text,
                },
            ));
        }
    };
    for r in &design.racks {
        part(HitKind::Rack, &r.id, &r.label);
    }
    for e in &design.enclosures {
        part(HitKind::Enclosure, &e.id, &e.label);
    }
    for m in &design.modules {
        part(HitKind::Module, &m.id, &m.label);
    }
    for e in &design.equipment {
        part(HitKind::Equipment, &e.id, &e.label);
    }
    for c in &design.cables {
        part(HitKind::Cable, &c.id, &c.label);
    }
    // Ports only once the query could name one: it holds a separator or a digit.
    if q.contains(['/', '-']) || q.chars().any(|c| c.is_ascii_digit()) {
        for e in &design.equipment {
            for n in 1..=u16::try_from(e.spec.port_count()).unwrap_or(u16::MAX) {
                let Some((_, name)) = e.spec.port(n) else {
                    break;
                };
                let port = PortRef::front(e.id.as_str(), n);
                let forms = [port.to_string(), format!("{}/{name}", e.label)];
                if let Some(r) = forms.iter().filter_map(|f| rank(f, &q)).min() {
                    hits.push((
                        r.max(1),
                        Hit {
                            kind: HitKind::Port,
                            part: e.id.clone(),
                            port: Some(port),
                            text: format!("{}/{name} (port)", e.label),
                        },
                    ));
                }
            }
        }
        for m in &design.modules {
            for port in m.port_refs() {
                let n = port.port;
                let tia = match port.side {
                    Side::Front => format!("{}-P{n:02}", m.label),
                    Side::Rear => format!("{}-R{n:02}", m.label),
                };
                let forms = [port.to_string(), tia.clone()];
                if let Some(r) = forms.iter().filter_map(|f| rank(f, &q)).min() {
                    hits.push((
                        r.max(1),
                        Hit {
                            kind: HitKind::Port,
                            part: m.id.clone(),
                            port: Some(port),
                            text: format!("{tia} (port)"),
                        },
                    ));
                }
            }
        }
        for c in report.channels().iter() {
            let ends = [
                format!("{} {}", c.a, c.a_name),
                c.b.as_ref()
                    .map(|b| format!("{b} {}", c.b_name.as_deref().unwrap_or("")))
                    .unwrap_or_default(),
            ];
            if let Some(r) = ends.iter().filter_map(|f| rank(f, &q)).min() {
                let far = c.b.as_ref().map_or("(open)".to_owned(), |b| b.to_string());
                hits.push((
                    r.max(1) + 1,
                    Hit {
                        kind: HitKind::Channel,
                        part: c.a.part.clone(),
                        port: Some(c.a.clone()),
                        text: format!("{} - {far} (channel, {})", c.a, c.verdict),
                    },
                ));
            }
        }
    }
    hits.sort_by_key(|(r, h)| (*r, h.text.len()));
    hits.truncate(limit);
    hits.into_iter().map(|(_, h)| h).collect()
}
