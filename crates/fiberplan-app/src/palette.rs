//! The palette: catalog parts grouped by kind, with a search box; each entry is dragged onto
//! the canvas.

use super::canvas::PalettePart;
use egui::Ui;
use fiberplan_engine::catalog::{Catalog, CatalogEntry, PartTemplate};
use fiberplan_model::{CableKind, ModuleKind};

/// What a designer buys a part by, in one line: a cassette's slot format, fibers, polarity
/// type and gender; a panel's adapters; a cable's fiber, polarity and length; a device's
/// height and ports.
pub fn entry_summary(e: &CatalogEntry) -> String {
    match &e.part {
        PartTemplate::Rack { height_u } => format!("{height_u}U"),
        PartTemplate::Enclosure(s) => {
            format!("{}U, {} {} slots", s.height_u, s.slots, s.slot_format)
        }
        PartTemplate::Module(m) => match &m.kind {
            ModuleKind::Cassette(c) => format!(
                "{} slot, {}x {}, {}F {}, Type {:?}, {}",
                m.slot_format,
                c.rear_ports,
                c.connector,
                u32::from(c.rear_ports) * u32::from(c.connector.fiber_count()),
                c.fiber,
                c.polarity,
                c.gender
            ),
            ModuleKind::AdapterPanel(p) => {
                format!("{} slot, {} x {}", m.slot_format, p.ports, p.adapter)
            }
            ModuleKind::Converter(c) => format!("{} slot, {} ports", m.slot_format, c.ports.len()),
        },
        PartTemplate::Equipment(s) => format!("{}U, {} ports", s.height_u, s.port_count()),
        PartTemplate::Cable(c) => {
            let kind = match &c.kind {
                CableKind::Trunk {
                    connector,
                    polarity,
                } => {
                    format!("{connector} trunk Type {polarity:?}")
                }
                CableKind::MpoCord {
                    connector,
                    polarity,
                } => {
                    format!("{connector} cord Type {polarity:?}")
                }
                CableKind::LcCord { polarity } => format!("LC cord {polarity:?}"),
                CableKind::Breakout { connector, legs } => {
                    format!("{connector} to {} legs", legs.len())
                }
                CableKind::Harness { connectors, .. } => format!("{} ends", connectors.len()),
            };
            format!("{kind}, {}, {} m", c.fiber, c.length_m)
        }
    }
}

/// Draws the palette. `search` is the search box's text. `refuse` says why an entry cannot
/// go where the selection is (a cassette of another slot format than the selected enclosure,
/// an enclosure too tall for the selected rack's free units); such entries are greyed, with
/// the reason on hover.
pub fn palette_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    search: &mut String,
    refuse: &dyn Fn(&CatalogEntry) -> Option<String>,
) {
    ui.heading("Parts");
    let label = ui.label("Search");
    ui.add(egui::TextEdit::singleline(search).hint_text("part number or name"))
        .labelled_by(label.id);
    ui.separator();
    let needle = search.to_lowercase();
    let mut groups: Vec<&str> = Vec::new();
    for e in &catalog.entries {
        if !groups.contains(&e.group.as_str()) {
            groups.push(&e.group);
        }
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for group in groups {
            let entries: Vec<_> = catalog
                .entries
                .iter()
                .filter(|e| e.group == group)
                .filter(|e| {
                    needle.is_empty()
                        || e.name.to_lowercase().contains(&needle)
                        || e.part_number.to_lowercase().contains(&needle)
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(format!("{group} ({})", entries.len()))
                .default_open(
                    !needle.is_empty() || matches!(group, "Racks" | "Enclosures" | "Switches"),
                )
                .show(ui, |ui| {
                    for e in entries {
                        let id = ui.scope_id().with(("palette", &e.part_number));
                        let why = refuse(e);
                        ui.dnd_drag_source(id, PalettePart(e.part_number.clone()), |ui| {
                            let mut summary = entry_summary(e);
                            if !e.unconfirmed.is_empty() {
                                summary += &format!("; unconfirmed: {}", e.unconfirmed.join(", "));
                            }
                            let hover = match &why {
                                Some(w) => format!("{}: {w}", e.part_number),
                                None => {
                                    format!("{}: {summary}; drag onto the canvas", e.part_number)
                                }
                            };
                            let text = if why.is_some() {
                                egui::RichText::new(&e.name).color(ui.visuals().weak_text_color())
                            } else {
                                egui::RichText::new(&e.name)
                            };
                            ui.label(text).on_hover_text(&hover);
                            ui.weak(egui::RichText::new(summary).size(11.0));
                        });
                    }
                });
        }
    });
}
