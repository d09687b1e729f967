//! The inspector: the selection's parameters as combo boxes and validated fields, and for a
//! selected port, its channels with the trace drawing of every hop. Changes come back as edits.

use crate::action::Action;
use egui::Ui;
use fiberplan_edit::advice;
use fiberplan_edit::blame::Blame;
use fiberplan_edit::matrix::Row;
use fiberplan_edit::Edit;
use fiberplan_engine::trace::walk::TraceEnd;
use fiberplan_engine::trace::Report;
use fiberplan_export::trace_diagram::trace_diagram;
use fiberplan_model::limits::MAX_CABLE_M;
use fiberplan_model::{
    AdapterKind, ArrayPolarity, Cable, CableKind, CassettePolarity, Design, DuplexPolarity, Gender,
    Id, Module, ModuleKind, Polish, PortRef, ALL_FIBER_TYPES,
};

/// An edit the inspector asks for, with its undo label.
type InspectorEdit = (String, Edit);

fn combo<T: PartialEq + Copy + std::fmt::Debug>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
) -> bool {
    let mut changed = false;
    egui::ComboBox::from_label(label)
        .selected_text(format!("{value:?}"))
        .show_ui(ui, |ui| {
            for &o in options {
                if ui.selectable_value(value, o, format!("{o:?}")).changed() {
                    changed = true;
                }
            }
        });
    changed
}

fn number(
    ui: &mut Ui,
    label: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
) -> bool {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::DragValue::new(value)
                .range(range)
                .speed(0.05)
                .suffix(suffix)
                .update_while_editing(false),
        )
        .labelled_by(l.id)
        .changed()
    })
    .inner
}

fn label_field(ui: &mut Ui, design: &Design, id: &Id, out: &mut Vec<InspectorEdit>) {
    let mut label = design.label_of(id).to_owned();
    ui.horizontal(|ui| {
        let l = ui.label("Label");
        let r = ui
            .add(egui::TextEdit::singleline(&mut label))
            .labelled_by(l.id);
        if r.lost_focus() && label != design.label_of(id) && !label.trim().is_empty() {
            out.push((
                format!("Relabel {id}"),
                Edit::Label {
                    id: id.clone(),
                    label: label.trim().to_owned(),
                },
            ));
        }
    });
}

/// Draws the inspector for the selection (or the selected port's channels, each failing one
/// with its fix or its budget options from `blame`). `draft` is the text of a reviewer note
/// being written; `matrix`, when the selection has a link, is its application matrix (once
/// worked out) and whether that section is open.
pub fn inspector_ui(
    ui: &mut Ui,
    design: &Design,
    report: &Report,
    blame: &Blame,
    (selection, port): (&[Id], Option<&PortRef>),
    draft: &mut String,
    matrix: Option<(Option<&Row>, &mut bool)>,
) -> Vec<Action> {
    let mut export_trace = None;
    let mut out = Vec::new();
    ui.heading("Inspector");
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some((row, open)) = matrix {
            applications_section(ui, row, open);
        }
        if let Some(port) = port {
            export_trace = channel_view(ui, (design, report, blame), port, draft, &mut out);
            return;
        }
        match selection {
            [] => {
                ui.label("Select a part, a cable or a port. Drag parts from the palette; drag from port to port to draw a cable.");
            }
            [id] => {
                part_editor(ui, design, id, &mut out);
                if let Some(advice) = advice::advise(design, report, id) {
                    advice_ui(ui, design, id, &advice, &mut out);
                }
                if let Some(e) = super::review::notes_ui(ui, design, &fiberplan_model::NoteTarget::Part(id.clone()), draft) {
                    out.push(e);
                }
            }
            many => {
                ui.label(format!("{} parts selected:", many.len()));
                common_fields_ui(ui, design, many, &mut out);
                for id in many {
                    ui.label(design.label_of(id));
                }
            }
        }
    });
    let mut actions: Vec<Action> = out
        .into_iter()
        .map(|(label, edit)| Action::edit(label, edit))
        .collect();
    actions.extend(export_trace.map(Action::ExportTrace));
    actions
}

/// The fields several selected cables share: fiber type and length, set on all of them at
/// once as one step.
fn common_fields_ui(ui: &mut Ui, design: &Design, ids: &[Id], out: &mut Vec<InspectorEdit>) {
    let cables: Vec<&Cable> = ids
        .iter()
        .filter_map(|id| design.cables.iter().find(|c| &c.id == id))
        .collect();
    if cables.len() != ids.len() {
        return;
    }
    let Some(first) = cables.first() else { return };
    let same = |f: &dyn Fn(&Cable) -> String| cables.iter().all(|c| f(c) == f(first));
    let mut fiber = first.spec.fiber;
    let mut length = first.spec.length_m;
    ui.label(format!(
        "{} cables: what is set here changes all of them",
        cables.len()
    ));
    let set_all = |change: &dyn Fn(&mut fiberplan_model::CableSpec)| {
        Edit::Batch(
            cables
                .iter()
                .map(|c| {
                    let mut spec = c.spec.clone();
                    change(&mut spec);
                    Edit::CableSpec {
                        id: c.id.clone(),
                        spec,
                    }
                })
                .collect(),
        )
    };
    if !same(&|c| c.spec.fiber.to_string()) {
        ui.weak("Fiber types differ");
    }
    if combo(ui, "Fiber type of all", &mut fiber, &ALL_FIBER_TYPES) {
        out.push((
            format!("Make {} cables {fiber}", cables.len()),
            set_all(&|s| s.fiber = fiber),
        ));
    }
    if !same(&|c| format!("{:.2}", c.spec.length_m)) {
        ui.weak("Lengths differ");
    }
    if number(ui, "Length of all", &mut length, 0.0..=MAX_CABLE_M, " m") {
        out.push((
            format!("Set {} cables to {length:.1} m", cables.len()),
            set_all(&|s| s.length_m = length),
        ));
    }
}

/// Cassette-or-breakout advice for the selected harness or cassette, and the swap button.
fn advice_ui(
    ui: &mut Ui,
    design: &Design,
    id: &Id,
    advice: &advice::Advice,
    out: &mut Vec<InspectorEdit>,
) {
    ui.separator();
    ui.strong(match advice.recommendation {
        advice::Recommendation::Cassette => "Advice: a cassette fits better",
        advice::Recommendation::Breakout => "Advice: a breakout harness fits better",
    });
    for r in &advice.reasons {
        ui.label(r);
    }
    let is_breakout = design.cables.iter().any(|c| &c.id == id);
    if is_breakout {
        if ui.button("Swap for a cassette").clicked() {
            if let Some(e) = advice::swap_breakout_for_cassette(
                design,
                id,
                fiberplan_model::specs::DEFAULT_SLOT_FORMAT,
            ) {
                out.push((format!("Swap {id} for a cassette"), e));
            }
        }
        return;
    }
    match advice::can_swap_cassette(design, id) {
        Ok(()) => {
            if ui.button("Swap for a breakout harness").clicked() {
                match advice::swap_cassette_for_breakout(design, id) {
                    Ok(e) => out.push((format!("Swap {id} for a breakout harness"), e)),
                    Err(why) => {
                        ui.colored_label(egui::Color32::RED, why.to_string());
                    }
                }
            }
        }
        Err(why) => {
            ui.add_enabled(false, egui::Button::new("Swap for a breakout harness"))
                .on_disabled_hover_text(why.to_string());
        }
    }
}

/// The selected part's parameters, as combo boxes and validated fields.
fn part_editor(ui: &mut Ui, design: &Design, id: &Id, out: &mut Vec<InspectorEdit>) {
    ui.strong(format!("{} ({id})", design.label_of(id)));
    label_field(ui, design, id, out);
    unconfirmed_ui(ui, design, id, out);
    if let Some(c) = design.cables.iter().find(|c| &c.id == id) {
        cable_editor(ui, c, out);
    } else if let Some(m) = design.modules.iter().find(|m| &m.id == id) {
        slot_field(ui, design, m, out);
        module_editor(ui, m, out);
    } else if let Some(e) = design.equipment.iter().find(|e| &e.id == id) {
        for g in &e.spec.ports {
            ui.label(format!(
                "{} x {} ({}, {})",
                g.count, g.transceiver.application, g.transceiver.connector, g.transceiver.media
            ));
        }
        if let Some(m) = &e.mount {
            unit_field(ui, design, id, m, out);
        }
    } else if let Some(e) = design.enclosures.iter().find(|e| &e.id == id) {
        ui.label(format!(
            "{}U, {} slots, format {}",
            e.spec.height_u, e.spec.slots, e.spec.slot_format
        ));
        if let Some(m) = &e.mount {
            unit_field(ui, design, id, m, out);
        }
    } else if let Some(r) = design.racks.iter().find(|r| &r.id == id) {
        rack_editor(ui, design, r, out);
    }
}

/// The parameters of a part that are still defaults its source did not state (a part from
/// NetBox's library), and the button that confirms them once the designer has set them.
fn unconfirmed_ui(ui: &mut Ui, design: &Design, id: &Id, out: &mut Vec<InspectorEdit>) {
    let fields = design.unconfirmed_of(id);
    if fields.is_empty() {
        return;
    }
    ui.colored_label(
        super::canvas::WARNING,
        format!(
            "Unconfirmed (defaults its source did not state): {}. Channels through it are unverified.",
            fields.join(", ")
        ),
    );
    if ui.button("Confirm these parameters").clicked() {
        out.push((
            format!("Confirm {}", design.label_of(id)),
            Edit::Unconfirmed {
                id: id.clone(),
                fields: Vec::new(),
            },
        ));
    }
}

/// The rack unit a part is mounted at, typed: the move is checked as a drag would be.
fn unit_field(
    ui: &mut Ui,
    design: &Design,
    id: &Id,
    m: &fiberplan_model::Mount,
    out: &mut Vec<InspectorEdit>,
) {
    let mut u = m.u;
    ui.horizontal(|ui| {
        let l = ui.label(format!("In rack {} at U", design.label_of(&m.rack)));
        let r = ui
            .add(egui::DragValue::new(&mut u).range(1..=fiberplan_model::limits::MAX_RACK_U))
            .labelled_by(l.id);
        if r.changed() && u != m.u {
            let place = fiberplan_edit::placement::Place::Units {
                rack: m.rack.clone(),
                u,
            };
            match fiberplan_edit::placement::move_to(design, id, &place) {
                Ok(Some(e)) => out.push(e),
                Ok(None) => {}
                Err(why) => {
                    r.on_hover_text(why.to_string());
                }
            }
        }
    });
}

/// The slot a module is in, typed.
fn slot_field(ui: &mut Ui, design: &Design, m: &Module, out: &mut Vec<InspectorEdit>) {
    let Some(at) = &m.slot else {
        return;
    };
    let slots = design
        .enclosures
        .iter()
        .find(|e| e.id == at.enclosure)
        .map_or(1, |e| e.spec.slots.max(1));
    let mut slot = at.slot;
    ui.horizontal(|ui| {
        let l = ui.label(format!("In {} slot", design.label_of(&at.enclosure)));
        let r = ui
            .add(egui::DragValue::new(&mut slot).range(1..=slots))
            .labelled_by(l.id);
        if r.changed() && slot != at.slot {
            let place = fiberplan_edit::placement::Place::Slot {
                enclosure: at.enclosure.clone(),
                slot,
            };
            if let Ok(Some(e)) = fiberplan_edit::placement::move_to(design, &m.id, &place) {
                out.push(e);
            }
        }
    });
}

/// A text field that gives its new text when the user leaves it changed.
fn text_field(ui: &mut Ui, label: &str, value: &str) -> Option<String> {
    let mut text = value.to_owned();
    let mut out = None;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(120.0))
            .labelled_by(l.id);
        if r.lost_focus() && text.trim() != value {
            out = Some(text.trim().to_owned());
        }
    });
    out
}

/// A rack's height, row and site, and its place in the row.
fn rack_editor(
    ui: &mut Ui,
    design: &Design,
    r: &fiberplan_model::Rack,
    out: &mut Vec<InspectorEdit>,
) {
    let fields = |height_u: u8, row: String, site: String| Edit::RackFields {
        id: r.id.clone(),
        height_u,
        row,
        site,
    };
    let mut height = r.height_u;
    ui.horizontal(|ui| {
        let l = ui.label("Height");
        let resp = ui
            .add(
                egui::DragValue::new(&mut height)
                    .range(1..=fiberplan_model::limits::MAX_RACK_U)
                    .suffix(" U"),
            )
            .labelled_by(l.id);
        if resp.changed() && height != r.height_u {
            out.push((
                format!("Set {} to {height}U", r.label),
                fields(height, r.row.clone(), r.site.clone()),
            ));
        }
    });
    if let Some(row) = text_field(ui, "Row", &r.row) {
        out.push((
            format!("Move {} to row {row}", r.label),
            fields(r.height_u, row, r.site.clone()),
        ));
    }
    if let Some(site) = text_field(ui, "Site", &r.site) {
        out.push((
            format!("Set site of {}", r.label),
            fields(r.height_u, r.row.clone(), site),
        ));
    }
    // Its place among the racks of its row: the order the canvas draws them in.
    let row: Vec<usize> = design
        .racks
        .iter()
        .enumerate()
        .filter(|(_, x)| x.row == r.row)
        .map(|(i, _)| i)
        .collect();
    let Some(k) = row.iter().position(|&i| design.racks[i].id == r.id) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(format!(
            "Position {} of {} in row {}",
            k + 1,
            row.len(),
            r.row
        ));
        for (text, to) in [("Move left", k.checked_sub(1)), ("Move right", Some(k + 1))] {
            let Some(&target) = to.and_then(|t| row.get(t)) else {
                continue;
            };
            if ui.button(text).clicked() {
                out.push((
                    format!("{text} {}", r.label),
                    Edit::Batch(vec![
                        Edit::Remove(r.id.clone()),
                        Edit::Insert {
                            index: target,
                            part: fiberplan_edit::Part::Rack(r.clone()),
                        },
                    ]),
                ));
            }
        }
    });
}

/// A cable's polarity type, fiber, length, loss class, and each end's gender, polish and port.
fn cable_editor(ui: &mut Ui, c: &Cable, out: &mut Vec<InspectorEdit>) {
    let mut spec = c.spec.clone();
    let mut changed = false;
    match &mut spec.kind {
        CableKind::Trunk {
            connector,
            polarity,
        }
        | CableKind::MpoCord {
            connector,
            polarity,
        } => {
            ui.label(format!("{connector} array cable"));
            changed |= combo(
                ui,
                "Polarity type",
                polarity,
                &[ArrayPolarity::A, ArrayPolarity::B, ArrayPolarity::C],
            );
        }
        CableKind::LcCord { polarity } => {
            ui.label("LC duplex cord");
            changed |= combo(
                ui,
                "Polarity",
                polarity,
                &[DuplexPolarity::AB, DuplexPolarity::AA],
            );
        }
        CableKind::Breakout { connector, legs } => {
            ui.label(format!("{connector} breakout, {} legs", legs.len()));
        }
        CableKind::Harness { connectors, .. } => {
            ui.label(format!("Harness with {} ends", connectors.len()));
        }
    }
    changed |= combo(ui, "Fiber type", &mut spec.fiber, &ALL_FIBER_TYPES);
    changed |= number(ui, "Length", &mut spec.length_m, 0.0..=MAX_CABLE_M, " m");
    changed |= number(ui, "Loss class", &mut spec.loss_class_db, 0.0..=3.0, " dB");
    for (i, plug) in spec.plugs.iter_mut().enumerate() {
        ui.push_id(i, |ui| {
            ui.label(format!("End {}", i + 1));
            if let Some(g) = plug.gender.as_mut() {
                changed |= combo(
                    ui,
                    &format!("End {} gender", i + 1),
                    g,
                    &[Gender::Pinned, Gender::Unpinned],
                );
            }
            changed |= combo(
                ui,
                &format!("End {} polish", i + 1),
                &mut plug.polish,
                &[Polish::UPC, Polish::APC],
            );
            let at = c.ends.get(i).cloned().flatten();
            ui.horizontal(|ui| {
                ui.label(match &at {
                    Some(p) => format!("plugged into {p}"),
                    None => "not plugged".to_owned(),
                });
                if at.is_some() && ui.button(format!("Unplug end {}", i + 1)).clicked() {
                    out.push((
                        format!("Unplug {} end {}", c.label, i + 1),
                        Edit::Plug {
                            cable: c.id.clone(),
                            end: i,
                            port: None,
                        },
                    ));
                }
            });
        });
    }
    if changed {
        out.push((
            format!("Change {}", c.label),
            Edit::CableSpec {
                id: c.id.clone(),
                spec,
            },
        ));
    }
}

/// A cassette's or panel's polarity type, gender, fiber, polish and loss figures.
fn module_editor(ui: &mut Ui, m: &Module, out: &mut Vec<InspectorEdit>) {
    let mut spec = m.spec.clone();
    let mut changed = false;
    ui.label(format!("Slot format {}", spec.slot_format));
    match &mut spec.kind {
        ModuleKind::Cassette(c) => {
            ui.label(format!(
                "{} cassette, {} LC ports",
                c.connector,
                c.front_ports()
            ));
            changed |= combo(
                ui,
                "Polarity type",
                &mut c.polarity,
                &[CassettePolarity::A, CassettePolarity::B],
            );
            changed |= combo(
                ui,
                "Gender",
                &mut c.gender,
                &[Gender::Pinned, Gender::Unpinned],
            );
            changed |= combo(ui, "Fiber type", &mut c.fiber, &ALL_FIBER_TYPES);
            changed |= combo(
                ui,
                "MPO polish",
                &mut c.mpo_polish,
                &[Polish::UPC, Polish::APC],
            );
            changed |= number(ui, "MPO loss", &mut c.mpo_loss_db, 0.0..=3.0, " dB");
            changed |= number(ui, "LC loss", &mut c.lc_loss_db, 0.0..=3.0, " dB");
        }
        ModuleKind::AdapterPanel(p) => {
            ui.label(format!("Adapter panel, {} ports", p.ports));
            changed |= combo(
                ui,
                "Adapter",
                &mut p.adapter,
                &[
                    AdapterKind::MpoKeyUpKeyDown,
                    AdapterKind::MpoKeyUpKeyUp,
                    AdapterKind::LcDuplex,
                    AdapterKind::LcSimplex,
                ],
            );
            changed |= number(ui, "Adapter loss", &mut p.loss_db, 0.0..=3.0, " dB");
        }
        ModuleKind::Converter(c) => {
            ui.label(format!(
                "Conversion module, {} ports, {} fibers",
                c.ports.len(),
                c.fibers.len()
            ));
        }
    }
    if changed {
        out.push((
            format!("Change {}", m.label),
            Edit::ModuleSpec {
                id: m.id.clone(),
                spec,
            },
        ));
    }
}

/// Every fiber of the channels at `port`, hop by hop, with the loss budget and notes.
/// Returns the channel whose trace drawing the user asked to export.
fn channel_view(
    ui: &mut Ui,
    (design, report, blame): (&Design, &Report, &Blame),
    port: &PortRef,
    draft: &mut String,
    out: &mut Vec<InspectorEdit>,
) -> Option<usize> {
    ui.strong(format!("Port {port}"));
    let mut export = None;
    let channels: Vec<(usize, &fiberplan_engine::trace::Channel)> = report
        .channels()
        .iter()
        .enumerate()
        .filter(|(_, c)| &c.a == port || c.b.as_ref() == Some(port))
        .collect();
    if channels.is_empty() {
        ui.label("No fiber is traced from or to this port (only transceiver ports with a cable start a trace).");
        return None;
    }
    for (ci, c) in channels {
        let piece = report.piece(c);
        let g = &piece.graph;
        ui.separator();
        ui.label(fiberplan_export::check_report::channel_line(c));
        // The culprit and its fix, for a channel that fails with a fault in a part.
        if let Some(fix) = blame
            .fix_for(&c.a, c.b.as_ref())
            .filter(|f| !f.changes.is_empty())
        {
            let text = format!("Fix: {}", fix.text());
            if ui.button(&text).clicked() {
                out.push((text, fix.edit()));
            }
        }
        // A channel over budget: what makes up its loss, and what would fit.
        if let Some(o) = blame.options_for(&c.a, c.b.as_ref()) {
            out.extend(super::findings::options_ui(ui, o, 0.0));
        }
        if ui.button("Export trace as SVG…").clicked() {
            export = Some(ci);
        }
        if let Some(b) = &c.budget {
            super::review::loss_bar_ui(ui, b);
        }
        let target = fiberplan_model::NoteTarget::Channel {
            a: c.a.clone(),
            b: c.b.clone(),
        };
        if let Some(e) = super::review::notes_ui(ui, design, &target, draft) {
            out.push(e);
        }
        for f in report.channel_findings(c) {
            ui.colored_label(
                super::findings::severity_color(f.severity),
                format!("{} {}: {}", f.severity, f.rule, f.message),
            );
        }
        for &t in &c.traces {
            let trace = &piece.traces.traces[t as usize];
            let from = &g.transceivers[trace.transceiver as usize];
            let end = match trace.end {
                TraceEnd::Receiver { transceiver, lane } => format!(
                    "Rx lane {} of {}",
                    lane + 1,
                    g.transceivers[transceiver as usize].port
                ),
                TraceEnd::Transmitter { transceiver, lane } => format!(
                    "Tx lane {} of {} (Tx meets Tx)",
                    lane + 1,
                    g.transceivers[transceiver as usize].port
                ),
                TraceEnd::Unused {
                    transceiver,
                    position,
                } => format!(
                    "unused position {position} of {}",
                    g.transceivers[transceiver as usize].port
                ),
                TraceEnd::Open { .. } => "an open end".to_owned(),
                TraceEnd::Dark { .. } => "a dark position".to_owned(),
                TraceEnd::Blocked { .. } => "a mating that cannot mate".to_owned(),
            };
            ui.label(format!(
                "Tx lane {} of {} -> {end}: {:.1} m, splices {:.2} dB",
                trace.lane + 1,
                from.port,
                trace.length_m,
                trace.splice_loss_db
            ));
        }
        egui::CollapsingHeader::new("Trace drawing")
            .id_salt(("trace drawing", ci))
            .default_open(true)
            .show(ui, |ui| {
                // The parts the channel's fix changes are the culprits the drawing marks.
                let culprits: Vec<(String, String)> = blame
                    .fixes
                    .iter()
                    .filter(|f| f.a == c.a && f.b == c.b)
                    .flat_map(|f| &f.changes)
                    .map(|ch| (ch.part.to_string(), ch.text.clone()))
                    .collect();
                super::trace_view::trace_diagram_ui(
                    ui,
                    &trace_diagram(design, report, c),
                    &culprits,
                );
            });
    }
    export
}

/// "Applications this link can carry": every application of the table, today as patched
/// and after the patching change an upgrade would make, for the selected port's link or the
/// first link on a selected trunk. `row` is `None` until the window has worked it out (the
/// frame after the section opens). `open` is the window's, so it knows to work the row out.
fn applications_section(ui: &mut Ui, row: Option<&Row>, open: &mut bool) {
    let r = egui::CollapsingHeader::new("Applications this link can carry")
        .open(Some(*open))
        .show(ui, |ui| {
            let Some(row) = row else {
                ui.spinner();
                ui.ctx().request_repaint();
                return;
            };
            ui.label(format!(
                "{}: today as patched, and after the patching change an upgrade would make. Hover a cell for the reason.",
                row.name
            ));
            egui::Grid::new("applications-grid")
                .striped(true)
                .show(ui, |ui| {
                    for h in ["Application", "Today", "After a change"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for c in &row.cells {
                        ui.label(&c.application);
                        for carry in [&c.today, &c.after] {
                            let text = match (carry.carries(), carry.margin_db) {
                                (true, Some(m)) => format!("{} {m:+.2} dB", carry.verdict),
                                (true, None) => carry.verdict.to_string(),
                                (false, _) => "cannot".to_owned(),
                            };
                            let r = if carry.carries() {
                                ui.label(text)
                            } else {
                                ui.colored_label(ui.visuals().weak_text_color(), text)
                            };
                            if let Some(why) = &carry.why {
                                r.on_hover_text(why);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if r.header_response.clicked() {
        *open = !*open;
    }
}
