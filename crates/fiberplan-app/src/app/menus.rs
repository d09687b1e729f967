//! The menu bar, the keyboard shortcuts and the status bar.

use super::*;

const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub(super) const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

impl FiberplanApp {
    pub(super) fn shortcuts(&mut self, ui: &mut Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let (new, open, save_as, save, quit, redo, undo, fit) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&NEW),
                i.consume_shortcut(&OPEN),
                i.consume_shortcut(&SAVE_AS),
                i.consume_shortcut(&SAVE),
                i.consume_shortcut(&QUIT),
                i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y),
                i.consume_shortcut(&UNDO),
                i.consume_shortcut(&FIT),
            )
        });
        if new {
            self.guarded(Pending::New);
        }
        if open {
            self.guarded(Pending::Open(None));
        }
        if save_as {
            self.save_as();
        } else if save {
            self.save();
        }
        if quit {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if redo {
            self.redo();
        } else if undo {
            self.undo();
        }
        if fit {
            self.canvas.fit_all();
        }
        if !typing && ui.input(|i| i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace)) {
            self.delete_selection();
        }
        self.view_shortcuts(ui);
        self.clipboard_shortcuts(ui);
    }

    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New").shortcut_text(ctx.format_shortcut(&NEW)))
                    .clicked()
                {
                    self.guarded(Pending::New);
                }
                if ui
                    .add(egui::Button::new("Open…").shortcut_text(ctx.format_shortcut(&OPEN)))
                    .clicked()
                {
                    self.guarded(Pending::Open(None));
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guarded(Pending::Open(Some(p)));
                        }
                    }
                });
                if ui
                    .add(egui::Button::new("Save").shortcut_text(ctx.format_shortcut(&SAVE)))
                    .clicked()
                {
                    self.save();
                }
                if ui
                    .add(egui::Button::new("Save As…").shortcut_text(ctx.format_shortcut(&SAVE_AS)))
                    .clicked()
                {
                    self.save_as();
                }
                ui.menu_button("Export", |ui| self.export_menu(ui));
                if ui.button("Compare with…").clicked() {
                    self.compare();
                }
                ui.separator();
                if ui.button("Pull from NetBox…").clicked() {
                    self.open_netbox(NetboxDirection::Pull);
                }
                if ui.button("Push to NetBox…").clicked() {
                    self.open_netbox(NetboxDirection::Push);
                }
                ui.separator();
                let mut own = self.dialog_choice == DialogChoice::Builtin;
                if ui
                    .checkbox(&mut own, "Use Fiberplan's own file dialog")
                    .on_hover_text(
                        "Instead of the desktop's file chooser (it is used anyway where the desktop has none)",
                    )
                    .changed()
                {
                    self.dialog_choice = if own {
                        DialogChoice::Builtin
                    } else {
                        DialogChoice::Native
                    };
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(ctx.format_shortcut(&QUIT)))
                    .clicked()
                {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = match self.doc.history().undo_label() {
                    Some(l) => format!("Undo {l}"),
                    None => "Undo".to_owned(),
                };
                if ui
                    .add_enabled(
                        self.doc.history().undo_label().is_some(),
                        egui::Button::new(undo).shortcut_text(ctx.format_shortcut(&UNDO)),
                    )
                    .clicked()
                {
                    self.undo();
                }
                let redo = match self.doc.history().redo_label() {
                    Some(l) => format!("Redo {l}"),
                    None => "Redo".to_owned(),
                };
                if ui
                    .add_enabled(
                        self.doc.history().redo_label().is_some(),
                        egui::Button::new(redo).shortcut_text(ctx.format_shortcut(&REDO)),
                    )
                    .clicked()
                {
                    self.redo();
                }
                ui.separator();
                let any = !self.selection.is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Cut").shortcut_text("Ctrl+X"))
                    .clicked()
                {
                    self.cut_selection(&ctx);
                }
                if ui
                    .add_enabled(any, egui::Button::new("Copy").shortcut_text("Ctrl+C"))
                    .clicked()
                {
                    self.copy_selection(&ctx);
                }
                if ui
                    .add_enabled(
                        self.clipboard.is_some(),
                        egui::Button::new("Paste").shortcut_text("Ctrl+V"),
                    )
                    .clicked()
                {
                    if let Some(text) = self.clipboard.clone() {
                        self.paste_text(&text);
                    }
                }
                if ui
                    .add_enabled(
                        any,
                        egui::Button::new("Duplicate")
                            .shortcut_text(ctx.format_shortcut(&clipboard::DUPLICATE)),
                    )
                    .clicked()
                {
                    self.duplicate_selection();
                }
                if ui
                    .add(
                        egui::Button::new("Select all")
                            .shortcut_text(ctx.format_shortcut(&clipboard::SELECT_ALL)),
                    )
                    .clicked()
                {
                    self.select_all();
                }
                ui.separator();
                if ui
                    .add_enabled(
                        !self.selection.is_empty(),
                        egui::Button::new("Delete").shortcut_text("Del"),
                    )
                    .clicked()
                {
                    self.delete_selection();
                }
                ui.separator();
                if ui
                    .button("Plan an upgrade…")
                    .on_hover_text("What the patching layer must change to carry a faster application, previewed before it is applied")
                    .clicked()
                {
                    self.open_upgrade();
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                let mut review = self.review();
                if ui
                    .checkbox(&mut review, "Review mode (read-only)")
                    .changed()
                {
                    self.set_review(review);
                }
                ui.separator();
                for (faces, name) in [
                    (crate::layout::Faces::Front, "Front elevations"),
                    (crate::layout::Faces::Rear, "Rear elevations"),
                    (crate::layout::Faces::Both, "Front and rear elevations"),
                ] {
                    if ui.radio(self.canvas.faces == faces, name).clicked() {
                        self.show_faces(faces);
                        ui.close();
                    }
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text(ctx.format_shortcut(&FIT)))
                    .clicked()
                {
                    self.canvas.fit_all();
                }
                if ui
                    .add(egui::Button::new("Zoom to selection").shortcut_text("F"))
                    .clicked()
                {
                    self.zoom_to_selection();
                }
                if ui
                    .add(egui::Button::new("Find…").shortcut_text(ctx.format_shortcut(&view::FIND)))
                    .clicked()
                {
                    self.open_find();
                    ui.close();
                }
                ui.checkbox(&mut self.findings_open, "Findings list");
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for theme in [Theme::System, Theme::Dark, Theme::Light] {
                        let name = match theme {
                            Theme::System => "As the desktop",
                            Theme::Dark => "Dark",
                            Theme::Light => "Light",
                        };
                        if ui.radio(self.theme == theme, name).clicked() {
                            self.set_theme(&ctx, theme);
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Review", |ui| {
                let mut review = self.doc.mode() == CheckMode::Review;
                if ui
                    .checkbox(&mut review, "Finished design: open channels are errors")
                    .changed()
                {
                    self.doc.set_mode(if review {
                        CheckMode::Review
                    } else {
                        CheckMode::Draft
                    });
                }
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .add(egui::Button::new("Fiberplan help").shortcut_text("F1"))
                    .clicked()
                {
                    self.help_open = true;
                    ui.close();
                }
                ui.separator();
                ui.label("Drag parts from the palette into racks and slots.");
                ui.label("Drag from port to port to draw a cable.");
                ui.label("Right-drag or middle-drag pans; scroll with Ctrl zooms.");
                ui.label("Click a port to trace its channel.");
            });
        });
    }

    pub(super) fn status_ui(&mut self, ui: &mut Ui) {
        let r = self.doc.report();
        let pass = r
            .channels()
            .iter()
            .filter(|c| c.verdict == Verdict::Pass)
            .count();
        let fail = r
            .channels()
            .iter()
            .filter(|c| c.verdict == Verdict::Fail)
            .count();
        let warn = r.channels().len() - pass - fail;
        ui.horizontal(|ui| {
            // Channels with warnings only (unverified, mixed grades) are counted when there
            // are any, so the three add up.
            let warned = if warn > 0 {
                format!(", {warn} with warnings")
            } else {
                String::new()
            };
            ui.label(format!(
                "{} channels: {pass} passing{warned}, {fail} failing",
                r.channels().len()
            ));
            ui.separator();
            // The counts open the findings list, showing what was clicked.
            let errors = ui
                .link(format!("{} errors", r.count(Severity::Error)))
                .on_hover_text("Show the errors in the findings list");
            let warnings = ui
                .link(format!("{} warnings", r.count(Severity::Warning)))
                .on_hover_text("Show the warnings in the findings list");
            if errors.clicked() || warnings.clicked() {
                self.findings_open = true;
                self.findings_filter.errors = errors.clicked();
                self.findings_filter.warnings = warnings.clicked();
            }
            ui.separator();
            ui.label(self.doc.display_name());
            if self.doc.is_modified() {
                ui.label("(unsaved changes)");
            }
            if let Some((text, error)) = &self.notice {
                ui.separator();
                if *error {
                    ui.colored_label(egui::Color32::from_rgb(225, 55, 55), text);
                } else {
                    ui.label(text);
                }
            }
        });
    }
}
