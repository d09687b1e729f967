//! The application window: menu bar, palette, canvas, inspector, findings and status bar.
//! It turns what the views report into edits on the [`Document`] and file operations.

use super::canvas::{canvas_ui, CanvasAction, CanvasState, Highlights};
use super::dialogs::FileDialogs;
use super::findings::findings_ui;
use super::inspector::inspector_ui;
use super::layout::Layout;
use super::palette::palette_ui;
use crate::catalog::{ApplicationTable, Catalog};
use crate::edit::{delete, Document, Edit};
use crate::io::load_design;
use crate::model::{Design, Id, PortRef};
use crate::trace::report::path_parts;
use crate::trace::{CheckMode, Severity, Verdict};
use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use std::path::PathBuf;

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
const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

const RECENT_KEY: &str = "fiberplan.recent";

mod prompts;

/// What waits for an answer to "save changes?".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Quit,
}

/// A save that found the file changed on disk, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
struct Conflict {
    path: PathBuf,
    then: Option<Pending>,
}

/// The Fiberplan window's state.
pub struct FiberplanApp {
    /// The open design.
    pub doc: Document,
    /// Parts the palette offers.
    pub catalog: Catalog,
    /// Application limits for new documents.
    apps: ApplicationTable,
    /// Canvas view state.
    pub canvas: CanvasState,
    /// Selected parts.
    pub selection: Vec<Id>,
    /// Selected port (its channels are highlighted and traced in the inspector).
    pub selected_port: Option<PortRef>,
    /// Palette search text.
    pub palette_search: String,
    dialogs: Box<dyn FileDialogs>,
    pending: Option<Pending>,
    /// Last notice shown in the status bar: text, and whether it is an error.
    pub notice: Option<(String, bool)>,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    title: String,
    quit_confirmed: bool,
    /// Review mode: the design is read-only except for reviewer notes.
    pub review: bool,
    /// Review views' state.
    pub review_state: super::review::ReviewState,
    /// Text of the note being written.
    pub note_draft: String,
    /// Result of the last "Compare with…", shown in a window.
    pub comparison: Option<String>,
    conflict: Option<Conflict>,
    /// Autosave and recovery, when the window has a data folder.
    pub autosave: Option<super::autosave::Autosave>,
    /// A damaged file waiting for "open the rest?".
    damaged: Option<(PathBuf, crate::io::Opened)>,
    /// The user chose to decide about recovery files later.
    recovery_deferred: bool,
    /// App clock of the current frame, seconds.
    clock: f64,
    /// The canvas layout and the document revision it was made for.
    layout: Option<(u64, std::sync::Arc<Layout>)>,
}

impl FiberplanApp {
    /// A window on `doc`.
    pub fn new(
        doc: Document,
        catalog: Catalog,
        apps: ApplicationTable,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        FiberplanApp {
            doc,
            catalog,
            apps,
            canvas: CanvasState::default(),
            selection: Vec::new(),
            selected_port: None,
            palette_search: String::new(),
            dialogs,
            pending: None,
            notice: None,
            recent: Vec::new(),
            title: String::new(),
            quit_confirmed: false,
            review: false,
            review_state: super::review::ReviewState::default(),
            note_draft: String::new(),
            comparison: None,
            conflict: None,
            autosave: None,
            damaged: None,
            recovery_deferred: false,
            clock: 0.0,
            layout: None,
        }
    }

    /// Autosaves unsaved work into `store` and offers what earlier windows left there.
    pub fn with_recovery(mut self, store: crate::io::recovery::RecoveryStore) -> Self {
        self.autosave = Some(super::autosave::Autosave::new(store));
        self
    }

    /// Writes unsaved work to the recovery file now (as the 30 s timer would).
    pub fn autosave_now(&mut self) {
        if let (Some(a), true) = (&mut self.autosave, self.doc.is_modified()) {
            a.write(&self.doc);
        }
    }

    fn edited(&mut self) {
        if let Some(a) = &mut self.autosave {
            a.edited(self.clock);
        }
    }

    /// Switches review mode: read-only, and open channels count as errors.
    pub fn set_review(&mut self, on: bool) {
        self.review = on;
        self.doc.set_mode(if on {
            CheckMode::Review
        } else {
            CheckMode::Draft
        });
    }

    /// Writes `text` to a file the user picks, suggested as `name`.
    fn export(&mut self, name: &str, text: Result<String, String>) {
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

    fn export_menu(&mut self, ui: &mut Ui) {
        use crate::report::{bom, labels, markdown, svg};
        let d = &self.doc.design;
        let r = &self.doc.report;
        let mut job: Option<(&str, Result<String, String>)> = None;
        if ui.button("Bill of materials (CSV)…").clicked() {
            job = Some((
                "bom.csv",
                bom::bom_csv(&bom::bom(d, &self.catalog)).map_err(|e| e.to_string()),
            ));
        }
        if ui.button("Port map and labels (CSV)…").clicked() {
            job = Some((
                "labels.csv",
                labels::labels_csv(&labels::label_schedule(d, r)).map_err(|e| e.to_string()),
            ));
        }
        if ui.button("Channel report (Markdown)…").clicked() {
            job = Some(("channels.md", Ok(markdown::channel_report_md(d, r))));
        }
        if ui.button("Channel report (JSON)…").clicked() {
            job = Some((
                "channels.json",
                crate::cli::json_report(d, &self.doc.display_name(), r).map_err(|e| e.to_string()),
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

    fn compare(&mut self) {
        let Some(path) = self.dialogs.pick_open() else {
            return;
        };
        match load_design(&path) {
            Ok(other) => {
                let apps = self.apps.clone();
                let theirs = crate::trace::check(&other, &apps, self.doc.mode);
                let d =
                    crate::report::diff::diff(&other, &theirs, &self.doc.design, &self.doc.report);
                self.comparison = Some(format!(
                    "Changes from {} to this design:\n\n{}",
                    path.display(),
                    crate::report::diff::diff_text(&d)
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

    fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(8);
    }

    fn notify(&mut self, text: String, error: bool) {
        self.notice = Some((text, error));
    }

    /// Applies an edit from a view, reporting a refusal instead of losing it.
    pub fn apply(&mut self, label: &str, edit: Edit) {
        let note = matches!(edit, Edit::InsertNote { .. } | Edit::RemoveNote(_));
        if self.review && !note {
            self.notify(
                format!("Review mode is read-only: \"{label}\" was not applied (View > Review mode to edit)"),
                true,
            );
            return;
        }
        // A new rack widens the design: fit the view to it.
        let refit = matches!(
            &edit,
            Edit::Insert {
                part: crate::edit::Part::Rack(_),
                ..
            }
        );
        if refit {
            self.canvas.scene_rect = egui::Rect::ZERO;
        }
        match self.doc.apply(label, edit) {
            Ok(()) => {
                self.edited();
                self.notify(label.to_owned(), false)
            }
            Err(e) => self.notify(format!("{label}: {e}"), true),
        }
        self.selection
            .retain(|id| self.doc.design.kind_of(id).is_some());
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Some(l) => {
                self.edited();
                self.notify(format!("Undid: {l}"), false)
            }
            None => self.notify("Nothing to undo".into(), false),
        }
        self.selection
            .retain(|id| self.doc.design.kind_of(id).is_some());
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Some(l) => {
                self.edited();
                self.notify(format!("Redid: {l}"), false)
            }
            None => self.notify("Nothing to redo".into(), false),
        }
    }

    fn delete_selection(&mut self) {
        let ids = std::mem::take(&mut self.selection);
        for id in ids {
            if self.doc.design.kind_of(&id).is_some() {
                let edit = delete(&self.doc.design, &id);
                let label = format!("Delete {}", self.doc.design.label_of(&id));
                self.apply(&label, edit);
            }
        }
    }

    /// Saves to the document's file, or asks where. Returns true when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(p) => self.save_to(p),
            None => self.save_as(),
        }
    }

    /// Asks where to save, then saves. Returns true when saved.
    pub fn save_as(&mut self) -> bool {
        let suggested = format!(
            "{}.ron",
            self.doc.design.name.replace(['/', '\\', ':'], "-")
        );
        match self.dialogs.pick_save(&suggested) {
            Some(p) => self.save_to(p),
            None => false,
        }
    }

    fn save_to(&mut self, path: PathBuf) -> bool {
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.notify(format!("Saved {}", path.display()), false);
                self.remember(path);
                true
            }
            Err(crate::io::SaveError::ChangedOnDisk { path }) => {
                self.conflict = Some(Conflict { path, then: None });
                false
            }
            Err(e) => {
                self.notify(format!("Not saved: {e}"), true);
                false
            }
        }
    }

    fn open_path(&mut self, path: PathBuf) {
        match crate::io::open_design(&path) {
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
                            crate::model::FORMAT_VERSION
                        ),
                        false,
                    );
                }
                self.remember(path);
            }
            Err(e) => self.notify(format!("Cannot open: {e}"), true),
        }
    }

    /// The canvas layout of the current design, laid out again only after it changed.
    fn layout(&mut self) -> std::sync::Arc<Layout> {
        let rev = self.doc.revision();
        match &self.layout {
            Some((r, l)) if *r == rev => l.clone(),
            _ => {
                let l = std::sync::Arc::new(Layout::new(&self.doc.design));
                self.layout = Some((rev, l.clone()));
                l
            }
        }
    }

    /// Asks whether to open the rest of a damaged file (shown on the next frame).
    pub fn offer_damaged(&mut self, path: PathBuf, opened: crate::io::Opened) {
        self.damaged = Some((path, opened));
    }

    /// Makes `doc` the open document with a fresh view.
    fn show(&mut self, doc: Document) {
        self.doc = doc;
        self.selection.clear();
        self.selected_port = None;
        self.canvas = CanvasState::default();
    }

    /// Runs `action` now, or asks to save unsaved changes first.
    fn guarded(&mut self, action: Pending) {
        if self.doc.is_modified() {
            self.pending = Some(action);
        } else {
            self.run(action);
        }
    }

    fn run(&mut self, action: Pending) {
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

    fn highlights(&self) -> Highlights {
        let mut hl = Highlights {
            selected: self.selection.clone(),
            selected_port: self.selected_port.clone(),
            ..Highlights::default()
        };
        for f in &self.doc.report.findings() {
            for p in &f.parts {
                match f.severity {
                    Severity::Error => hl.errors.insert(p.clone()),
                    Severity::Warning => hl.warnings.insert(p.clone()),
                };
                hl.notes
                    .entry(p.clone())
                    .or_default()
                    .push(format!("{} {}: {}", f.severity, f.rule, f.message));
            }
        }
        if let Some(port) = &self.selected_port {
            let r = &self.doc.report;
            for c in r.channels_at(port) {
                let piece = r.piece(c);
                for &t in &c.traces {
                    hl.channel
                        .extend(path_parts(&piece.graph, piece.traces.path(t as usize)));
                }
            }
        }
        hl
    }

    fn shortcuts(&mut self, ui: &mut Ui) {
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
            self.canvas.scene_rect = egui::Rect::ZERO;
        }
        if !typing && ui.input(|i| i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace)) {
            self.delete_selection();
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
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
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(ctx.format_shortcut(&QUIT)))
                    .clicked()
                {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = match self.doc.history.undo_label() {
                    Some(l) => format!("Undo {l}"),
                    None => "Undo".to_owned(),
                };
                if ui
                    .add_enabled(
                        self.doc.history.undo_label().is_some(),
                        egui::Button::new(undo).shortcut_text(ctx.format_shortcut(&UNDO)),
                    )
                    .clicked()
                {
                    self.undo();
                }
                let redo = match self.doc.history.redo_label() {
                    Some(l) => format!("Redo {l}"),
                    None => "Redo".to_owned(),
                };
                if ui
                    .add_enabled(
                        self.doc.history.redo_label().is_some(),
                        egui::Button::new(redo).shortcut_text(ctx.format_shortcut(&REDO)),
                    )
                    .clicked()
                {
                    self.redo();
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
            });
            ui.menu_button("View", |ui| {
                let mut review = self.review;
                if ui
                    .checkbox(&mut review, "Review mode (read-only)")
                    .changed()
                {
                    self.set_review(review);
                }
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text(ctx.format_shortcut(&FIT)))
                    .clicked()
                {
                    self.canvas.scene_rect = egui::Rect::ZERO;
                }
            });
            ui.menu_button("Review", |ui| {
                let mut review = self.doc.mode == CheckMode::Review;
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
                ui.label("Drag parts from the palette into racks and slots.");
                ui.label("Drag from port to port to draw a cable.");
                ui.label("Right-drag or middle-drag pans; scroll with Ctrl zooms.");
                ui.label("Click a port to trace its channel.");
            });
        });
    }

    fn status_ui(&self, ui: &mut Ui) {
        let r = &self.doc.report;
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
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} channels: {pass} passing, {fail} failing",
                r.channels().len()
            ));
            ui.separator();
            ui.label(format!("{} errors", r.count(Severity::Error)));
            ui.label(format!("{} warnings", r.count(Severity::Warning)));
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

    fn handle_canvas(&mut self, actions: Vec<CanvasAction>, layout: &Layout) {
        for a in actions {
            match a {
                CanvasAction::Select { id, add } => {
                    self.selected_port = None;
                    if add {
                        if let Some(i) = self.selection.iter().position(|x| x == &id) {
                            self.selection.remove(i);
                        } else {
                            self.selection.push(id);
                        }
                    } else {
                        self.selection = vec![id];
                    }
                }
                CanvasAction::SelectPort(p) => {
                    self.selection.clear();
                    self.selected_port = Some(p);
                }
                CanvasAction::ClearSelection => {
                    self.selection.clear();
                    self.selected_port = None;
                }
                CanvasAction::Edit { label, edit } => self.apply(&label, *edit),
                CanvasAction::Delete(id) => {
                    self.selection = vec![id];
                    self.delete_selection();
                }
                CanvasAction::Refused(reason) => self.notify(reason, true),
            }
        }
        let _ = layout;
    }
}

impl eframe::App for FiberplanApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        // Closing with unsaved changes asks first.
        if ui.ctx().input(|i| i.viewport().close_requested())
            && !self.quit_confirmed
            && self.doc.is_modified()
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        if self.quit_confirmed {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.shortcuts(ui);
        let title = self.doc.title();
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let mut clicked_finding = None;
        let mut clicked_channel = None;
        if self.review {
            let click = egui::Panel::bottom("review")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    ui.colored_label(
                        egui::Color32::from_rgb(240, 165, 30),
                        "Review mode: the design is read-only; notes can be added.",
                    );
                    super::review::review_panel_ui(ui, &self.doc.report, &mut self.review_state)
                })
                .inner;
            match click {
                Some(super::review::ReviewClick::Finding(parts)) => clicked_finding = Some(parts),
                Some(super::review::ReviewClick::Channel(i)) => clicked_channel = Some(i),
                None => {}
            }
        } else {
            clicked_finding = egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(150.0)
                .show(ui, |ui| findings_ui(ui, &self.doc.report))
                .inner;
        }
        if let Some(i) = clicked_channel {
            if let Some(c) = self.doc.report.channels().get(i) {
                self.selection.clear();
                self.selected_port = Some(c.a.clone());
            }
        }
        egui::Panel::left("palette")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| {
                palette_ui(ui, &self.catalog, &mut self.palette_search)
            });
        let inspector = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                inspector_ui(
                    ui,
                    &self.doc.design,
                    &self.doc.report,
                    &self.selection,
                    self.selected_port.as_ref(),
                    &mut self.note_draft,
                )
            })
            .inner;
        let edited = !inspector.edits.is_empty();
        for (label, edit) in inspector.edits {
            self.apply(&label, edit);
        }
        if let Some(ci) = inspector.export_trace {
            if let Some(c) = self.doc.report.channels().get(ci) {
                let svg =
                    crate::report::svg::channel_trace_svg(&self.doc.design, &self.doc.report, c);
                self.export("channel-trace.svg", Ok(svg));
            }
        }
        let layout = self.layout();
        if let Some(parts) = clicked_finding {
            self.selected_port = None;
            self.selection = parts.clone();
            self.canvas.focus = layout.bbox_of(&parts);
        }
        let hl = self.highlights();
        let actions = egui::CentralPanel::default()
            .show(ui, |ui| {
                canvas_ui(
                    ui,
                    &self.doc.design,
                    &layout,
                    &self.catalog,
                    &hl,
                    &mut self.canvas,
                )
            })
            .inner;
        let edited = edited || !actions.is_empty();
        self.handle_canvas(actions, &layout);
        if edited {
            // The views above drew the state before this frame's edits: draw the new
            // findings at once.
            ui.ctx().request_repaint();
        }
        self.prompt_ui(ui);
        self.conflict_ui(ui);
        self.damaged_ui(ui);
        self.recovery_ui(ui);
        self.clock = ui.input(|i| i.time);
        if let Some(a) = &mut self.autosave {
            if let Some(wait) = a.tick(self.clock, &self.doc) {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(wait + 0.1));
            }
            if let Some(e) = a.error.take() {
                self.notice = Some((e, true));
            }
        }
        if let Some(text) = self.comparison.clone() {
            let mut open = true;
            egui::Window::new("Comparison")
                .open(&mut open)
                .show(ui.ctx(), |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| ui.monospace(text));
                });
            if !open {
                self.comparison = None;
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }
}
