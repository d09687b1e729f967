//! The channel trace drawing in the app: the engine's [`TraceDiagram`] stacked top to bottom
//! (the inspector is a tall, narrow panel), one framed box per plug with its part, connector,
//! polarity type and each fiber's position, the mated-pair loss between boxes, failing
//! plugs outlined in red, and the culprit parts a fix changes outlined in amber.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};
use fiberplan_export::trace_diagram::{HopLink, TraceDiagram};

const FAIL: Color32 = Color32::from_rgb(0xd3, 0x33, 0x33);
const CULPRIT: Color32 = Color32::from_rgb(0xf0, 0xa5, 0x1e);

/// Draws `d` in `ui`, marking the plugs of each part in `culprits` (part id, the change its
/// fix makes): the part to exchange, which is not always where the light ended.
pub fn trace_diagram_ui(ui: &mut Ui, d: &TraceDiagram, culprits: &[(String, String)]) {
    let mut named: Vec<&str> = Vec::new();
    for (i, name) in d.fiber_names.iter().enumerate() {
        ui.small(format!("fiber {}: {name}", i + 1));
    }
    for (i, col) in d.columns.iter().enumerate() {
        let culprit = culprits.iter().find(|(part, _)| *part == col.part);
        let stroke = if culprit.is_some() {
            Stroke::new(2.0, CULPRIT)
        } else if col.failing {
            Stroke::new(2.0, FAIL)
        } else {
            Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
        };
        Frame::group(ui.style())
            .stroke(stroke)
            .corner_radius(CornerRadius::same(4))
            .inner_margin(Margin::same(4))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let title = format!("{}. {}", i + 1, col.part);
                if let Some((part, change)) = culprit {
                    // The change is said once, at the part's first plug.
                    let text = if named.contains(&part.as_str()) {
                        format!("{title} (culprit)")
                    } else {
                        named.push(part);
                        format!("{title} (culprit: {change})")
                    };
                    ui.label(RichText::new(text).color(CULPRIT));
                } else if col.failing {
                    ui.label(RichText::new(format!("{title} (fails here)")).color(FAIL));
                } else {
                    ui.strong(title);
                }
                ui.small(&col.site);
                let mut kind = col.connector.clone();
                if let Some(p) = &col.polarity {
                    kind.push_str(", ");
                    kind.push_str(p);
                }
                ui.small(kind);
                let positions: Vec<String> = col
                    .fibers
                    .iter()
                    .enumerate()
                    .filter_map(|(f, p)| p.as_ref().map(|p| format!("f{} {p}", f + 1)))
                    .collect();
                ui.monospace(positions.join("   "));
            });
        if let Some(link) = d.links.get(i) {
            let text = match link {
                HopLink::Mated {
                    loss_db: Some(loss),
                } => format!("   | mated pair +{loss:.2} dB"),
                HopLink::Mated { loss_db: None } => "   | plugged into the transceiver".to_owned(),
                HopLink::Fiber => "   | fiber".to_owned(),
            };
            ui.small(text);
        }
    }
}
