//! The window's modal questions about files: save unsaved changes first, a file changed on
//! disk, a damaged file (open the rest?), and unsaved work left by a window that died.

use super::*;

impl FiberplanApp {
    /// "This file is damaged: open the rest?" with every problem listed.
    pub(super) fn damaged_ui(&mut self, ui: &mut Ui) {
        let Some((path, opened)) = &self.damaged else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("damaged-file")).show(ui.ctx(), |ui| {
            ui.set_max_width(640.0);
            ui.heading("Damaged design");
            ui.label(format!(
                "{} has {} problem(s). Fiberplan can open the rest, with each broken item repaired as listed, as an untitled copy; the file itself is not changed.",
                path.display(),
                opened.problems.len()
            ));
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for p in &opened.problems {
                    ui.label(format!("• {}: {} — {}", p.object, p.message, p.repair));
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Open the rest").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some((path, opened)) = self.damaged.take() {
                    let stem = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let count = opened.problems.len();
                    let mut doc = Document::new(opened.design, None, self.apps.clone());
                    doc.set_untitled_name(format!("{stem} (repaired)"));
                    doc.mark_unsaved();
                    self.show(doc);
                    self.notify(
                        format!(
                            "Opened the rest of {} ({count} item(s) repaired); save it under a new name",
                            path.display()
                        ),
                        false,
                    );
                }
            }
            Some(false) => {
                self.damaged = None;
                self.notify("Not opened".to_owned(), false);
            }
            None => {}
        }
    }

    /// "Recover unsaved work?" for recovery files left by windows that died.
    pub(super) fn recovery_ui(&mut self, ui: &mut Ui) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        // One question at a time: the others were asked for by the user just now.
        let other_prompt =
            self.damaged.is_some() || self.pending.is_some() || self.conflict.is_some();
        if autosave.offered.is_empty() || self.recovery_deferred || other_prompt {
            return;
        }
        let busy = self.doc.is_modified();
        let mut restore = None;
        let mut discard = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("recover-unsaved-work")).show(ui.ctx(), |ui| {
            ui.heading("Recover unsaved work");
            ui.label("Fiberplan closed without saving these designs:");
            for (i, r) in autosave.offered.iter().enumerate() {
                let from = r
                    .header
                    .original
                    .as_ref()
                    .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                ui.separator();
                ui.label(format!(
                    "{} ({from}): {} unsaved edit(s), written {}",
                    r.header.name,
                    r.header.edits,
                    written_ago(r.header.written_unix)
                ));
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            !busy,
                            egui::Button::new(format!("Restore {}", r.header.name)),
                        )
                        .on_disabled_hover_text("Save or discard the open design's changes first")
                        .clicked()
                    {
                        restore = Some(i);
                    }
                    if ui.button(format!("Discard {}", r.header.name)).clicked() {
                        discard = Some(i);
                    }
                });
            }
            ui.separator();
            if ui.button("Decide later").clicked() {
                later = true;
            }
        });
        if later {
            self.recovery_deferred = true;
        }
        if let Some(i) = discard {
            if let Some(a) = &mut self.autosave {
                let r = a.offered.remove(i);
                if let Err(e) = fiberplan_io::recovery::RecoveryStore::remove(&r.path) {
                    self.notify(e.to_string(), true);
                }
            }
        }
        if let Some(i) = restore {
            let Some(a) = &mut self.autosave else { return };
            let r = a.offered.remove(i);
            a.adopt(&r);
            let mut doc = Document::new(r.design, r.header.original.clone(), self.apps.clone());
            doc.set_untitled_name(r.header.name.clone());
            doc.set_disk_stamp(
                r.header
                    .original_stamp
                    .map(fiberplan_io::FileStamp::from_value),
            );
            doc.mark_unsaved();
            self.show(doc);
            self.notify(
                format!(
                    "Restored unsaved work on {} ({} edit(s)); save to keep it",
                    r.header.name, r.header.edits
                ),
                false,
            );
        }
    }

    /// "Save the changes first?" before New, Open or Quit drops them.
    pub(super) fn prompt_ui(&mut self, ui: &mut Ui) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ui.ctx(), |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to {} first?",
                self.doc.display_name()
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(0);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(2);
                }
            });
        });
        match answer {
            Some(0) => {
                self.pending = None;
                self.save_then(Some(pending));
            }
            Some(1) => {
                self.pending = None;
                if let Some(a) = &mut self.autosave {
                    a.discard();
                }
                self.run(pending);
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }

    pub(super) fn conflict_ui(&mut self, ui: &mut Ui) {
        let Some(conflict) = self.conflict.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("changed-on-disk")).show(ui.ctx(), |ui| {
            ui.heading("File changed on disk");
            ui.label(format!(
                "{} was changed by someone else since you opened it.",
                conflict.path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    answer = Some(0);
                }
                if ui.button("Save As…").clicked() {
                    answer = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(2);
                }
            });
        });
        let saved = match answer {
            None => return,
            Some(0) => match self.doc.save_over(&conflict.path) {
                Ok(()) => {
                    self.notify(format!("Saved {}", conflict.path.display()), false);
                    true
                }
                Err(e) => {
                    self.notify(format!("Not saved: {e}"), true);
                    false
                }
            },
            Some(1) => {
                self.conflict = None;
                return self.ask_file(FilePurpose::SaveAs {
                    then: conflict.then,
                });
            }
            Some(_) => false,
        };
        self.conflict = None;
        if let (true, Some(then)) = (saved, conflict.then) {
            self.run(then);
        }
    }
}

/// "5 minutes ago" style age of a Unix time.
fn written_ago(unix: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let secs = now.saturating_sub(unix);
    match secs {
        0..=89 => format!("{secs} s ago"),
        90..=5399 => format!("{} min ago", secs / 60),
        5400..=172_799 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}
