//! The window's file actions: new, open, save, save as, exports, comparison with another
//! design, and the recent-files list.

use super::*;
use fiberplan_export::ExportError;
use std::path::Path;

/// Where eframe keeps the recent-files list.
pub(super) const RECENT_KEY: &str = "fiberplan.recent";

impl FiberplanApp {
    /// Writes `text` to a file the user picks, suggested as `name`.
    pub(super) fn export(&mut self, name: &str, text: Result<String, ExportError>) {
        let text = match text {
            Ok(t) => t,
            Err(e) => return self.notify(format!("Export failed: {e}"), true),
        };
        let Some(path) = self.dialogs.pick_save(name) else {
            return;
        };
        match std::fs::write(&path, text) {
            Ok(()) => self.notify(format!("Exported {}", path.display()), false),
            Err(e) => self.notify(format!("Cannot write {}: {e}", path.display()), true),
        }
    }

    pub(super) fn export_menu(&mut self, ui: &mut Ui) {
        use fiberplan_export::{bom, labels, markdown, svg};
        let d = self.doc.design();
        let r = self.doc.report();
        let mut job: Option<(&str, Result<String, ExportError>)> = None;
        if ui.button("Bill of materials (CSV)…").clicked() {
            job = Some((
                "bom.csv",
                bom::bom_csv(&bom::bom(d, &self.catalog)).map_err(ExportError::from),
            ));
        }
        if ui.button("Port map and labels (CSV)…").clicked() {
            job = Some((
                "labels.csv",
                labels::labels_csv(&labels::label_schedule(d, r)).map_err(ExportError::from),
            ));
        }
        if ui.button("Channel report (Markdown)…").clicked() {
            job = Some(("channels.md", Ok(markdown::channel_report_md(d, r))));
        }
        if ui.button("Channel report (JSON)…").clicked() {
            job = Some((
                "channels.json",
                fiberplan_export::check_report::json_report(d, &self.doc.display_name(), r)
                    .map_err(ExportError::from),
            ));
        }
        if ui.button("Rack elevations (SVG)…").clicked() {
            job = Some(("elevations.svg", Ok(svg::elevations_svg(d, r))));
        }
        if let Some((name, text)) = job {
            self.export(name, text);
            ui.close();
        }
    }

    pub(super) fn compare(&mut self) {
        let Some(path) = self.dialogs.pick_open() else {
            return;
        };
        match load_design(&path) {
            Ok(other) => {
                let apps = self.apps.clone();
                let theirs = fiberplan_engine::trace::check(&other, &apps, self.doc.mode());
                let d = fiberplan_export::diff::diff(
                    &other,
                    &theirs,
                    self.doc.design(),
                    self.doc.report(),
                );
                self.comparison = Some(format!(
                    "Changes from {} to this design:\n\n{}",
                    path.display(),
                    fiberplan_export::diff::diff_text(&d)
                ));
            }
            Err(e) => self.notify(format!("Cannot open: {e}"), true),
        }
    }

    /// Restores the recent-files list from eframe's storage.
    pub fn load_recent(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(s) = storage {
            if let Some(list) = eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY) {
                self.recent = list;
            }
        }
    }

    pub(super) fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(8);
    }

    /// Saves to the document's file, or asks where. Returns true when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path().map(Path::to_path_buf) {
            Some(p) => self.save_to(p),
            None => self.save_as(),
        }
    }

    /// Asks where to save, then saves. Returns true when saved.
    pub fn save_as(&mut self) -> bool {
        let suggested = format!(
            "{}.ron",
            self.doc.design().name.replace(['/', '\\', ':'], "-")
        );
        match self.dialogs.pick_save(&suggested) {
            Some(p) => self.save_to(p),
            None => false,
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) -> bool {
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.notify(format!("Saved {}", path.display()), false);
                self.remember(path);
                true
            }
            Err(fiberplan_io::SaveError::ChangedOnDisk { path }) => {
                self.conflict = Some(Conflict { path, then: None });
                false
            }
            Err(e) => {
                self.notify(format!("Not saved: {e}"), true);
                false
            }
        }
    }

    pub(super) fn open_path(&mut self, path: PathBuf) {
        match fiberplan_io::open_design(&path) {
            Ok(opened) if !opened.problems.is_empty() => self.damaged = Some((path, opened)),
            Ok(opened) => {
                let upgraded = opened.upgraded.clone();
                self.show(Document::for_file(
                    opened.design,
                    path.clone(),
                    opened.stamp,
                    self.apps.clone(),
                ));
                if upgraded.is_empty() {
                    self.notify(format!("Opened {}", path.display()), false);
                } else {
                    self.notify(
                        format!(
                            "Opened {} from an older format ({}); saving writes format {}",
                            path.display(),
                            upgraded.join("; "),
                            fiberplan_model::FORMAT_VERSION
                        ),
                        false,
                    );
                }
                self.remember(path);
            }
            Err(e) => self.notify(format!("Cannot open: {e}"), true),
        }
    }

    /// Asks whether to open the rest of a damaged file (shown on the next frame).
    pub fn offer_damaged(&mut self, path: PathBuf, opened: fiberplan_io::Opened) {
        self.damaged = Some((path, opened));
    }

    /// Makes `doc` the open document with a fresh view.
    pub(super) fn show(&mut self, doc: Document) {
        self.doc = doc;
        self.selection.clear();
        self.selected_port = None;
        self.canvas = CanvasState::default();
    }

    /// Runs `action` now, or asks to save unsaved changes first.
    pub(super) fn guarded(&mut self, action: Pending) {
        if self.doc.is_modified() {
            self.pending = Some(action);
        } else {
            self.run(action);
        }
    }

    pub(super) fn run(&mut self, action: Pending) {
        match action {
            Pending::New => {
                self.show(Document::new(
                    Design::new("Untitled"),
                    None,
                    self.apps.clone(),
                ));
            }
            Pending::Open(path) => {
                if let Some(p) = path.or_else(|| self.dialogs.pick_open()) {
                    self.open_path(p);
                }
            }
            Pending::Quit => self.quit_confirmed = true,
        }
    }
}
