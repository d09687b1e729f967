//! TIA-606 style identifiers: rack `A03`, panel by unit `A03-U40`, slot and port
//! `A03-U40-S2-P05` (`applications.md`, conventions).

use fiberplan_model::{Design, Id, PortRef, Side};

/// Where a port is, broken into the identifier's parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortPlace {
    /// Site of the rack.
    pub site: String,
    /// Rack label.
    pub rack: String,
    /// Lowest unit of the enclosure or equipment.
    pub u: Option<u8>,
    /// Enclosure label (module ports).
    pub enclosure: String,
    /// Slot number (module ports).
    pub slot: Option<u8>,
    /// Port name on its face (`P05`, `R1`, or the equipment's port name).
    pub port: String,
    /// The whole identifier.
    pub identifier: String,
}

/// The identifier of `port` and its parts.
pub fn port_place(design: &Design, port: &PortRef) -> PortPlace {
    let face = |p: &PortRef| match p.side {
        Side::Front => format!("P{:02}", p.port),
        Side::Rear => format!("R{}", p.port),
    };
    let rack_of = |rack: &Id| design.racks.iter().find(|r| &r.id == rack);
    if let Some(m) = design.modules.iter().find(|m| m.id == port.part) {
        let enclosure = m.slot.as_ref().and_then(|s| {
            design
                .enclosures
                .iter()
                .find(|e| e.id == s.enclosure)
                .map(|e| (e, s.slot))
        });
        if let Some((e, slot)) = enclosure {
            if let Some(mount) = &e.mount {
                if let Some(r) = rack_of(&mount.rack) {
                    let port_name = face(port);
                    return PortPlace {
                        site: r.site.clone(),
                        rack: r.label.clone(),
                        u: Some(mount.u),
                        enclosure: e.label.clone(),
                        slot: Some(slot),
                        identifier: format!("{}-U{}-S{slot}-{port_name}", r.label, mount.u),
                        port: port_name,
                    };
                }
            }
            let port_name = face(port);
            return PortPlace {
                enclosure: e.label.clone(),
                slot: Some(slot),
                identifier: format!("{}-S{slot}-{port_name}", e.label),
                port: port_name,
                ..PortPlace::default()
            };
        }
        let port_name = face(port);
        return PortPlace {
            identifier: format!("{}-{port_name}", m.label),
            port: port_name,
            ..PortPlace::default()
        };
    }
    if let Some(e) = design.equipment.iter().find(|e| e.id == port.part) {
        let name = e
            .spec
            .port(port.port)
            .map(|(_, n)| n)
            .unwrap_or_else(|| format!("P{}", port.port));
        if let Some(mount) = &e.mount {
            if let Some(r) = rack_of(&mount.rack) {
                return PortPlace {
                    site: r.site.clone(),
                    rack: r.label.clone(),
                    u: Some(mount.u),
                    identifier: format!("{}-U{}-{}-{name}", r.label, mount.u, e.label),
                    port: name,
                    ..PortPlace::default()
                };
            }
        }
        return PortPlace {
            identifier: format!("{}-{name}", e.label),
            port: name,
            ..PortPlace::default()
        };
    }
    PortPlace {
        identifier: port.to_string(),
        port: port.port.to_string(),
        ..PortPlace::default()
    }
}
