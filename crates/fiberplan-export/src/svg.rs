//! SVG drawings: rack elevations (front and rear) with parts, labels and findings, and the
//! cable-trace drawing of one channel with every hop and the failing hop marked.

use super::trace_diagram::{trace_diagram, HopLink};
use fiberplan_engine::trace::{Channel, Report, Severity};
use fiberplan_model::{Design, Id, ModuleKind};
use std::collections::HashMap;
use std::fmt::Write as _;

const U: f64 = 20.0;
const FACE_W: f64 = 320.0;
const RAIL: f64 = 28.0;
const GAP: f64 = 50.0;
const TOP: f64 = 50.0;

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Worst severity per part, from the report's findings.
fn marks(report: &Report) -> HashMap<&Id, Severity> {
    let mut m: HashMap<&Id, Severity> = HashMap::new();
    for f in &report.findings() {
        for p in &f.parts {
            let e = m.entry(p).or_insert(f.severity);
            *e = (*e).max(f.severity);
        }
    }
    m
}

fn stroke(marks: &HashMap<&Id, Severity>, id: &Id) -> &'static str {
    match marks.get(id) {
        Some(Severity::Error) => "#d33",
        Some(Severity::Warning) => "#e9a21f",
        None => "#555",
    }
}

/// Front and rear elevations of every rack in one SVG.
pub fn elevations_svg(design: &Design, report: &Report) -> String {
    let marks = marks(report);
    let rack_w = 2.0 * (RAIL + FACE_W) + GAP;
    let max_u = design.racks.iter().map(|r| r.height_u).max().unwrap_or(1);
    let width = design.racks.len().max(1) as f64 * (rack_w + GAP) + GAP;
    let height = TOP + f64::from(max_u) * U + 40.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"#
    );
    let _ = writeln!(
        s,
        r#"<title>Rack elevations: {}</title>"#,
        xml_escape(&design.name)
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    for (ri, rack) in design.racks.iter().enumerate() {
        let x0 = GAP + ri as f64 * (rack_w + GAP);
        let h = f64::from(rack.height_u) * U;
        for (fi, face) in ["front", "rear"].iter().enumerate() {
            let fx = x0 + fi as f64 * (RAIL + FACE_W + GAP) + RAIL;
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="14" text-anchor="middle">{} {face}</text>"##,
                fx + FACE_W / 2.0,
                TOP - 14.0,
                xml_escape(&rack.label)
            );
            let _ = writeln!(
                s,
                r##"<rect x="{:.1}" y="{TOP:.1}" width="{FACE_W:.1}" height="{h:.1}" fill="#f4f4f4" stroke="{}" stroke-width="2"/>"##,
                fx,
                stroke(&marks, &rack.id)
            );
            for u in 1..=rack.height_u {
                let y = TOP + f64::from(rack.height_u - u) * U;
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#777">{u}</text>"##,
                    fx - RAIL / 2.0,
                    y + U * 0.7
                );
            }
            let y_of = |u: u8, hu: u8| {
                TOP + (f64::from(rack.height_u) - (f64::from(u) + f64::from(hu.max(1)) - 1.0)) * U
            };
            for e in design
                .enclosures
                .iter()
                .filter(|e| e.mount.as_ref().is_some_and(|m| m.rack == rack.id))
            {
                let Some(m) = &e.mount else { continue };
                let (y, hh) = (
                    y_of(m.u, e.spec.height_u),
                    f64::from(e.spec.height_u.max(1)) * U,
                );
                let _ = writeln!(
                    s,
                    r##"<rect x="{fx:.1}" y="{y:.1}" width="{FACE_W:.1}" height="{hh:.1}" fill="#ddd" stroke="{}" stroke-width="1.5"><title>{}</title></rect>"##,
                    stroke(&marks, &e.id),
                    xml_escape(&e.label)
                );
                let slots = f64::from(e.spec.slots.max(1));
                for mo in design
                    .modules
                    .iter()
                    .filter(|mo| mo.slot.as_ref().is_some_and(|sl| sl.enclosure == e.id))
                {
                    let Some(sl) = &mo.slot else { continue };
                    let sw = FACE_W / slots;
                    let sx = fx + (f64::from(sl.slot) - 1.0) * sw;
                    let what = match (&mo.spec.kind, fi) {
                        (ModuleKind::Cassette(c), 0) => format!("{} LC", c.front_ports()),
                        (ModuleKind::Cassette(c), _) => c.connector.to_string(),
                        (ModuleKind::AdapterPanel(p), _) => format!("{} x {}", p.ports, p.adapter),
                        (ModuleKind::Converter(_), _) => "converter".to_owned(),
                    };
                    let _ = writeln!(
                        s,
                        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#bcd" stroke="{}" stroke-width="1.5"><title>{}</title></rect>"##,
                        sx + 1.0,
                        y + 1.0,
                        sw - 2.0,
                        hh - 2.0,
                        stroke(&marks, &mo.id),
                        xml_escape(&mo.label)
                    );
                    let _ = writeln!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" font-size="8">{} {}</text>"##,
                        sx + 3.0,
                        y + hh - 5.0,
                        xml_escape(&mo.label),
                        xml_escape(&what)
                    );
                }
            }
            for e in design
                .equipment
                .iter()
                .filter(|e| e.mount.as_ref().is_some_and(|m| m.rack == rack.id))
            {
                let Some(m) = &e.mount else { continue };
                let (y, hh) = (
                    y_of(m.u, e.spec.height_u),
                    f64::from(e.spec.height_u.max(1)) * U,
                );
                let ports: Vec<String> = e
                    .spec
                    .ports
                    .iter()
                    .map(|g| format!("{} x {}", g.count, g.transceiver.application))
                    .collect();
                let _ = writeln!(
                    s,
                    r##"<rect x="{fx:.1}" y="{y:.1}" width="{FACE_W:.1}" height="{hh:.1}" fill="#cdd8e8" stroke="{}" stroke-width="1.5"><title>{}</title></rect>"##,
                    stroke(&marks, &e.id),
                    xml_escape(&e.label)
                );
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="10">{} ({})</text>"##,
                    fx + 4.0,
                    y + hh * 0.5 + 4.0,
                    xml_escape(&e.label),
                    xml_escape(&ports.join(", "))
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// The cable-trace drawing of one channel: a box per plug from transceiver to transceiver
/// with part, connector, gender, polish, polarity type and each fiber's position, the mated
/// pairs between them with their loss, and the failing hops outlined in red.
pub fn channel_trace_svg(design: &Design, report: &Report, channel: &Channel) -> String {
    let d = trace_diagram(design, report, channel);
    let box_w = 150.0;
    let gap = 34.0;
    let box_h = 70.0 + 13.0 * d.fiber_names.len() as f64;
    let width = 40.0 + d.columns.len().max(1) as f64 * (box_w + gap);
    let height = box_h + 130.0 + 14.0 * (d.findings.len() + d.fiber_names.len()) as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"#
    );
    let _ = writeln!(s, "<title>Channel trace: {}</title>", xml_escape(&d.title));
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="20" y="24" font-size="14">{} ({})</text>"##,
        xml_escape(&d.title),
        xml_escape(&d.subtitle)
    );
    let y = 50.0;
    for (i, col) in d.columns.iter().enumerate() {
        let x = 20.0 + i as f64 * (box_w + gap);
        let (fill, stroke, sw) = if col.failing {
            ("#fdd", "#d33", 2.5)
        } else {
            ("#eef3f8", "#557", 1.0)
        };
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{box_w:.1}" height="{box_h:.1}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>"##
        );
        let mut lines = vec![col.part.clone(), col.site.clone(), col.connector.clone()];
        lines.push(col.polarity.clone().unwrap_or_default());
        for (k, line) in lines.iter().enumerate() {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="9">{}</text>"##,
                x + 5.0,
                y + 14.0 + 12.0 * k as f64,
                xml_escape(line)
            );
        }
        for (fi, pos) in col.fibers.iter().enumerate() {
            if let Some(pos) = pos {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#225">fiber {}: {}</text>"##,
                    x + 5.0,
                    y + 66.0 + 13.0 * fi as f64,
                    fi + 1,
                    xml_escape(pos)
                );
            }
        }
        if let Some(link) = d.links.get(i) {
            let (dash, label) = match link {
                HopLink::Mated { loss_db: Some(l) } => ("", format!("{l:.2} dB")),
                HopLink::Mated { loss_db: None } => ("", String::new()),
                HopLink::Fiber => (r#" stroke-dasharray="4 3""#, String::new()),
            };
            let _ = writeln!(
                s,
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#557" stroke-width="1.5"{dash}/>"##,
                x + box_w,
                y + box_h / 2.0,
                x + box_w + gap,
                y + box_h / 2.0
            );
            if !label.is_empty() {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="8" text-anchor="middle">{label}</text>"##,
                    x + box_w + gap / 2.0,
                    y + box_h / 2.0 - 4.0
                );
            }
        }
    }
    let mut y = y + box_h + 24.0;
    for (fi, name) in d.fiber_names.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<text x="20" y="{y:.1}" font-size="10" fill="#225">fiber {}: {}</text>"##,
            fi + 1,
            xml_escape(name)
        );
        y += 14.0;
    }
    for (severity, text) in &d.findings {
        let color = if *severity == Severity::Error {
            "#d33"
        } else {
            "#b77a00"
        };
        let _ = writeln!(
            s,
            r##"<text x="20" y="{y:.1}" font-size="10" fill="{color}">{}</text>"##,
            xml_escape(text)
        );
        y += 14.0;
    }
    s.push_str("</svg>\n");
    s
}
