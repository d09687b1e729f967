//! The window's file actions: new, open, save, save as, exports, comparison with another
//! design, the recent-files list, and the file dialog each asks (native, or Fiberplan's own
//! where the native one cannot open or the user prefers it).

use super::*;
use crate::dialogs::Answer;
use crate::file_dialog::{BuiltinDialog, DialogOutcome, FileFilter};
use fiberplan_export::ExportError;
use std::path::Path;

/// Where eframe keeps the recent-files list.
pub(super) const RECENT_KEY: &str = "fiberplan.recent";
/// Where eframe keeps which file dialog the user prefers.
pub(super) const DIALOG_KEY: &str = "fiberplan.file_dialog";

/// Which file dialog the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DialogChoice {
    /// The desktop's (rfd), falling back to Fiberplan's own when it cannot open.
    #[default]
    Native,
    /// Fiberplan's own, drawn in the window.
    Builtin,
}

impl DialogChoice {
    /// The name it is kept under, and that `FIBERPLAN_FILE_DIALOG` takes.
    pub fn name(self) -> &'static str {
        match self {
            DialogChoice::Native => "native",
            DialogChoice::Builtin => "builtin",
        }
    }

    /// The choice named `name`, if it names one.
    pub fn named(name: &str) -> Option<DialogChoice> {
        match name.trim() {
            "builtin" => Some(DialogChoice::Builtin),
            "native" => Some(DialogChoice::Native),
            _ => None,
        }
    }

    /// The choice `FIBERPLAN_FILE_DIALOG` makes (`builtin` or `native`), if it makes one.
    pub fn from_env() -> Option<DialogChoice> {
        DialogChoice::named(&std::env::var("FIBERPLAN_FILE_DIALOG").ok()?)
    }
}

/// What a file is being asked for, and what happens once it is chosen.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FilePurpose {
    /// Open it as the design (the unsaved-changes question was asked before).
    Open,
    /// Compare the open design with it.
    Compare,
    /// Save the design there, then go on with `then`.
    SaveAs { then: Option<Pending> },
    /// Write an export there.
    Export { name: String, text: String },
    /// Save this design there as a new file (an upgrade or another phase); the open design
    /// stays open as it was.
    SaveCopy { design: Box<Design> },
}

impl FilePurpose {
    fn filter(&self) -> FileFilter {
        match self {
            FilePurpose::Export { name, .. } => FileFilter::for_file_name(name),
            _ => FileFilter::design(),
        }
    }

    fn title(&self) -> String {
        match self {
            FilePurpose::Open => "Open design".to_owned(),
            FilePurpose::Compare => "Compare with design".to_owned(),
            FilePurpose::SaveAs { .. } => "Save design as".to_owned(),
            FilePurpose::Export { name, .. } => format!("Export {name}"),
            FilePurpose::SaveCopy { .. } => "Save new design as".to_owned(),
        }
    }

    fn saves(&self) -> bool {
        matches!(
            self,
            FilePurpose::SaveAs { .. } | FilePurpose::Export { .. } | FilePurpose::SaveCopy { .. }
        )
    }
}

impl FiberplanApp {
    /// Which file dialog the window shows.
    pub fn dialog_choice(&self) -> DialogChoice {
        self.dialog_choice
    }

    /// Chooses the file dialog the window shows.
    pub fn set_dialog_choice(&mut self, choice: DialogChoice) {
        self.dialog_choice = choice;
    }

    /// The file name a save suggests: the design's name, made safe for a file name.
    fn suggested_name(&self, purpose: &FilePurpose) -> String {
        match purpose {
            FilePurpose::Export { name, .. } => name.clone(),
            FilePurpose::SaveCopy { design } => {
                format!("{}.ron", design.name.replace(['/', '\\', ':'], "-"))
            }
            _ => format!(
                "{}.ron",
                self.doc.design().name.replace(['/', '\\', ':'], "-")
            ),
        }
    }

    /// The folder a dialog starts in: the open file's, else the working folder.
    fn start_folder(&self) -> PathBuf {
        self.doc
            .path()
            .and_then(Path::parent)
            .filter(|p| p.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Asks for a file for `purpose`: the native dialog, or Fiberplan's own when that is
    /// the choice or the native one cannot open.
    pub(super) fn ask_file(&mut self, purpose: FilePurpose) {
        if self.dialog_choice == DialogChoice::Builtin {
            return self.show_builtin(purpose);
        }
        let filter = purpose.filter();
        let answer = if purpose.saves() {
            let suggested = self.suggested_name(&purpose);
            self.dialogs.pick_save(&filter, &suggested)
        } else {
            self.dialogs.pick_open(&filter)
        };
        match answer {
            Answer::Chosen(p) => self.file_chosen(purpose, p),
            Answer::Cancelled => {}
            Answer::Unavailable(why) => {
                self.notify(format!("{why}: showing Fiberplan's own file dialog"), false);
                self.show_builtin(purpose);
            }
        }
    }

    fn show_builtin(&mut self, purpose: FilePurpose) {
        let (title, filter, dir) = (purpose.title(), purpose.filter(), self.start_folder());
        let dialog = if purpose.saves() {
            let suggested = self.suggested_name(&purpose);
            BuiltinDialog::save(&title, filter, dir, &suggested)
        } else {
            BuiltinDialog::open(&title, filter, dir)
        };
        self.file_dialog = Some((dialog, purpose));
    }

    /// Draws Fiberplan's own file dialog while one is open.
    pub(super) fn file_dialog_ui(&mut self, ui: &mut Ui) {
        let Some((dialog, _)) = &mut self.file_dialog else {
            return;
        };
        let Some(outcome) = dialog.ui(ui.ctx()) else {
            return;
        };
        let Some((_, purpose)) = self.file_dialog.take() else {
            return;
        };
        if let DialogOutcome::Chosen(p) = outcome {
            self.file_chosen(purpose, p);
        }
    }

    /// Carries out `purpose` with the file the user chose.
    fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open_path(path),
            FilePurpose::Compare => self.compare_with(&path),
            FilePurpose::SaveAs { then } => self.save_to_then(path, then),
            FilePurpose::Export { text, .. } => match std::fs::write(&path, text) {
                Ok(()) => self.notify(format!("Exported {}", path.display()), false),
                Err(e) => self.notify(format!("Cannot write {}: {e}", path.display()), true),
            },
            FilePurpose::SaveCopy { design } => match fiberplan_io::save_design(&design, &path) {
                Ok(_) => self.notify(format!("Saved {}", path.display()), false),
                Err(e) => self.notify(format!("Cannot save {}: {e}", path.display()), true),
            },
        }
    }

    /// Writes `text` to a file the user picks, suggested as `name`.
    pub(super) fn export(&mut self, name: &str, text: Result<String, ExportError>) {
        match text {
            Ok(text) => self.ask_file(FilePurpose::Export {
                name: name.to_owned(),
                text,
            }),
            Err(e) => self.notify(format!("Export failed: {e}"), true),
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
                fiberplan_export::check_report::json_report(
                    d,
                    &self.doc.display_name(),
                    r,
                    &Default::default(),
                )
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

    /// Asks for a design to compare the open one with.
    pub(super) fn compare(&mut self) {
        self.ask_file(FilePurpose::Compare);
    }

    /// Compares the design in `path` with the open one, in a window.
    fn compare_with(&mut self, path: &Path) {
        match load_design(path) {
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

    /// Restores the recent-files list and the file-dialog choice from eframe's storage.
    pub fn load_recent(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(s) = storage {
            if let Some(list) = eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY) {
                self.recent = list;
            }
            if let Some(choice) = s
                .get_string(DIALOG_KEY)
                .and_then(|n| DialogChoice::named(&n))
            {
                self.dialog_choice = choice;
            }
            if let Some(theme) = s
                .get_string(super::view::THEME_KEY)
                .and_then(|n| super::Theme::named(&n))
            {
                self.theme = theme;
            }
            self.netbox.load(s);
        }
    }

    pub(super) fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(8);
    }

    /// Saves to the document's file, or asks where (an untitled design, modified or not).
    pub fn save(&mut self) {
        self.save_then(None);
    }

    /// Saves, then goes on with `then` once the design is saved.
    pub(super) fn save_then(&mut self, then: Option<Pending>) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(p) => self.save_to_then(p, then),
            None => self.ask_file(FilePurpose::SaveAs { then }),
        }
    }

    /// Asks where to save, then saves.
    pub fn save_as(&mut self) {
        self.ask_file(FilePurpose::SaveAs { then: None });
    }

    /// Saves to `path`, then goes on with `then`; a file changed on disk asks first and
    /// goes on after the answer.
    fn save_to_then(&mut self, path: PathBuf, then: Option<Pending>) {
        if self.save_to(path) {
            if let Some(t) = then {
                self.run(t);
            }
        } else if let Some(c) = &mut self.conflict {
            c.then = then;
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
            Pending::Open(path) => match path {
                Some(p) => self.open_path(p),
                None => self.ask_file(FilePurpose::Open),
            },
            Pending::Quit => self.quit_confirmed = true,
            Pending::Pulled(design, notice) => self.adopt_pulled(*design, notice),
        }
    }
}
