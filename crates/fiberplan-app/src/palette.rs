//! The palette: catalog parts grouped by kind, with a search box; each entry is dragged onto
//! the canvas.

use super::canvas::PalettePart;
use egui::Ui;
use fiberplan_engine::catalog::Catalog;

/// Draws the palette. `search` is the search box's text.
pub fn palette_ui(ui: &mut Ui, catalog: &Catalog, search: &mut String) {
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
                        ui.dnd_drag_source(id, PalettePart(e.part_number.clone()), |ui| {
                            ui.label(&e.name)
                                .on_hover_text(format!("{}: drag onto the canvas", e.part_number));
                        });
                    }
                });
        }
    });
}
