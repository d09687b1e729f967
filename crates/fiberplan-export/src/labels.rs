//! Port map and label schedule: every port and cable end with its TIA-606 style identifier,
//! the far end's identifier, and the channel that runs through it.

use super::ids::port_place;
use fiberplan_engine::trace::{PlugSite, Report};
use fiberplan_model::{Design, PortRef, Side};
use serde::Serialize;
use std::collections::HashMap;

/// One row of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelRow {
    /// Identifier of the port.
    pub identifier: String,
    /// Site.
    pub site: String,
    /// Rack.
    pub rack: String,
    /// Rack unit.
    pub u: String,
    /// Enclosure.
    pub enclosure: String,
    /// Slot.
    pub slot: String,
    /// Port.
    pub port: String,
    /// Cable plugged in, if any.
    pub cable: String,
    /// Which end of the cable.
    pub cable_end: String,
    /// Identifier of the port the cable's other end (first other end) is in.
    pub far_identifier: String,
    /// The label to print for this cable end: the cable, then near and far identifiers.
    pub cable_label: String,
    /// The channel through this port.
    pub channel: String,
}

/// Every port of every module and piece of equipment, in design order.
fn all_ports(design: &Design) -> Vec<PortRef> {
    let mut out = Vec::new();
    for e in &design.equipment {
        for n in 1..=u16::try_from(e.spec.port_count()).unwrap_or(0) {
            out.push(PortRef {
                part: e.id.clone(),
                side: Side::Front,
                port: n,
            });
        }
    }
    for m in &design.modules {
        for side in [Side::Front, Side::Rear] {
            for (port, _) in m.spec.ports(side) {
                out.push(PortRef {
                    part: m.id.clone(),
                    side,
                    port,
                });
            }
        }
    }
    out
}

/// The channel names that pass through each port.
fn channels_by_port(report: &Report) -> HashMap<PortRef, String> {
    let mut map: HashMap<PortRef, String> = HashMap::new();
    for c in &report.channels() {
        let name = match (&c.b, &c.b_name) {
            (Some(b), Some(bn)) => format!("{} {} <-> {} {}", c.a, c.a_name, b, bn),
            _ => format!("{} {} (open)", c.a, c.a_name),
        };
        let piece = report.piece(c);
        for &t in &c.traces {
            for &n in piece.traces.path(t as usize) {
                let plug = &piece.graph.plugs[piece.graph.graph[n].plug as usize];
                let port = match &plug.site {
                    PlugSite::CableEnd { port, .. } => port.clone(),
                    PlugSite::ModuleInternal { port } | PlugSite::Transceiver { port } => {
                        Some(port.clone())
                    }
                };
                if let Some(p) = port {
                    map.entry(p).or_insert_with(|| name.clone());
                }
            }
        }
    }
    map
}

/// The label schedule of `design`.
pub fn label_schedule(design: &Design, report: &Report) -> Vec<LabelRow> {
    let channels = channels_by_port(report);
    let mut plugged: HashMap<&PortRef, (&fiberplan_model::Cable, usize)> = HashMap::new();
    for c in &design.cables {
        for (i, e) in c.ends.iter().enumerate() {
            if let Some(p) = e {
                plugged.entry(p).or_insert((c, i));
            }
        }
    }
    all_ports(design)
        .into_iter()
        .map(|port| {
            let place = port_place(design, &port);
            let (cable, end, far) = match plugged.get(&port) {
                Some((c, i)) => {
                    let far = c
                        .ends
                        .iter()
                        .enumerate()
                        .find(|(j, e)| j != i && e.is_some())
                        .and_then(|(_, e)| e.as_ref())
                        .map(|p| port_place(design, p).identifier)
                        .unwrap_or_default();
                    (c.label.clone(), (i + 1).to_string(), far)
                }
                None => (String::new(), String::new(), String::new()),
            };
            let cable_label = if cable.is_empty() {
                String::new()
            } else {
                format!("{cable}: {} / {far}", place.identifier)
            };
            LabelRow {
                site: place.site,
                rack: place.rack,
                u: place.u.map(|u| u.to_string()).unwrap_or_default(),
                enclosure: place.enclosure,
                slot: place.slot.map(|s| s.to_string()).unwrap_or_default(),
                port: place.port,
                identifier: place.identifier,
                channel: channels.get(&port).cloned().unwrap_or_default(),
                cable,
                cable_end: end,
                far_identifier: far,
                cable_label,
            }
        })
        .collect()
}

/// The schedule as CSV.
pub fn labels_csv(rows: &[LabelRow]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
