//! The application window: its state and its frame. The frame lays out the menu bar,
//! palette, canvas, inspector, findings and status bar; every view returns [`Action`]s, which
//! [`FiberplanApp::handle`] carries out once per frame. File actions, menus and shortcuts,
//! action handling and the modal prompts live in the submodules.

use super::canvas::{canvas_ui, CanvasState, Highlights};
use super::dialogs::FileDialogs;
use super::findings::findings_ui;
use super::inspector::inspector_ui;
use super::layout::Layout;
use super::palette::palette_ui;
use crate::action::Action;
use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use fiberplan_edit::blame::{Blame, BlameCache};
use fiberplan_edit::{delete_all, Document, Edit};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::channel::path_parts;
use fiberplan_engine::trace::{CheckMode, Severity, Verdict};
use fiberplan_io::load_design;
use fiberplan_model::{Design, Id, PortRef};
use std::path::PathBuf;

mod actions;
mod applications;
mod clipboard;
mod files;
mod menus;
mod netbox;
mod patching;
mod prompts;
mod upgrade;
mod view;

pub use netbox::{NetboxDirection, NetboxForm};
pub use patching::PortPick;
pub use upgrade::{UpgradeForm, UpgradeLinks};
pub use view::{FindState, Theme, SHORTCUTS};

pub use files::DialogChoice;
use files::{FilePurpose, DIALOG_KEY, RECENT_KEY};

/// What waits for an answer to "save changes?".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Quit,
    /// A design pulled from NetBox, and the notice to show once it is open.
    Pulled(Box<Design>, String),
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
    damaged: Option<(PathBuf, fiberplan_io::Opened)>,
    /// The user chose to decide about recovery files later.
    recovery_deferred: bool,
    /// App clock of the current frame, seconds.
    clock: f64,
    /// The canvas layout and the document revision and faces it was made for.
    layout: Option<(u64, crate::layout::Faces, std::sync::Arc<Layout>)>,
    /// Which file dialog to show.
    dialog_choice: DialogChoice,
    /// Fiberplan's own file dialog while it is open, and what the file is for.
    file_dialog: Option<(crate::file_dialog::BuiltinDialog, FilePurpose)>,
    /// The fixes and budget options of the failing channels and the document revision they
    /// were found for.
    blame: Option<(u64, std::sync::Arc<Blame>)>,
    /// The fixes of each piece, kept across edits so that only the pieces an edit touched
    /// are searched again.
    blame_cache: BlameCache,
    /// The colour theme.
    pub theme: Theme,
    /// The Find window.
    pub find: FindState,
    /// Whether the Help window is open.
    pub help_open: bool,
    /// What the findings list shows.
    pub findings_filter: super::findings::FindingsFilter,
    /// Whether the findings list is open below the canvas.
    pub findings_open: bool,
    /// The last copy made in this window, for a paste where the system clipboard is empty.
    pub clipboard: Option<String>,
    /// Ports picked to patch in order.
    pub pick: PortPick,
    /// The trunks tried between two selected enclosures, for the revision and enclosures they
    /// were tried for.
    trunk_ranking: Option<TrunkRanking>,
    /// The NetBox pull and push window.
    pub netbox: NetboxForm,
    /// The upgrade what-if window.
    pub upgrade: UpgradeForm,
    /// The inspector's application matrix of the selected link.
    matrix: applications::MatrixCache,
    /// Whether the inspector's application matrix is open.
    matrix_open: bool,
    /// The whole design's application matrix for review mode, and its revision.
    design_matrix: Option<(u64, Vec<fiberplan_edit::matrix::Row>)>,
    /// The design's matrix being worked out, for a revision.
    design_matrix_job: Option<(
        u64,
        std::sync::mpsc::Receiver<Vec<fiberplan_edit::matrix::Row>>,
    )>,
}

/// Trunks tried between two enclosures: (revision, enclosures) and each cable with its fit.
type TrunkRanking = (
    (u64, Id, Id),
    Vec<(
        fiberplan_edit::new_part::CableChoice,
        fiberplan_edit::new_part::Fits,
    )>,
);

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
            review_state: super::review::ReviewState::default(),
            note_draft: String::new(),
            comparison: None,
            conflict: None,
            autosave: None,
            damaged: None,
            recovery_deferred: false,
            clock: 0.0,
            layout: None,
            dialog_choice: DialogChoice::default(),
            file_dialog: None,
            blame: None,
            blame_cache: BlameCache::default(),
            theme: Theme::default(),
            find: FindState::default(),
            help_open: false,
            findings_filter: Default::default(),
            findings_open: true,
            clipboard: None,
            pick: PortPick::default(),
            trunk_ranking: None,
            netbox: NetboxForm::default(),
            upgrade: UpgradeForm::default(),
            matrix: Default::default(),
            matrix_open: false,
            design_matrix: None,
            design_matrix_job: None,
        }
    }

    /// Autosaves unsaved work into `store` and offers what earlier windows left there.
    pub fn with_recovery(mut self, store: fiberplan_io::recovery::RecoveryStore) -> Self {
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
        self.doc.set_review(on);
    }

    /// Whether the window is in review mode (the document is read-only but for notes).
    pub fn review(&self) -> bool {
        self.doc.is_read_only()
    }

    fn notify(&mut self, text: String, error: bool) {
        self.notice = Some((text, error));
    }

    /// The fixes and budget options of the current design's failing channels, found again
    /// only after it changed.
    fn blame(&mut self) -> std::sync::Arc<Blame> {
        let rev = self.doc.revision();
        match &self.blame {
            Some((r, f)) if *r == rev => f.clone(),
            _ => {
                let f = std::sync::Arc::new(self.blame_cache.blame(
                    self.doc.design(),
                    self.doc.report(),
                    &self.apps,
                    &self.catalog,
                ));
                self.blame = Some((rev, f.clone()));
                f
            }
        }
    }

    /// The canvas layout of the current design, laid out again only after it changed.
    fn layout(&mut self) -> std::sync::Arc<Layout> {
        let rev = self.doc.revision();
        let faces = self.canvas.faces;
        match &self.layout {
            Some((r, f, l)) if *r == rev && *f == faces => l.clone(),
            _ => {
                let l = std::sync::Arc::new(Layout::with_faces(self.doc.design(), faces));
                self.layout = Some((rev, faces, l.clone()));
                l
            }
        }
    }

    fn highlights(&self) -> Highlights {
        let mut hl = Highlights {
            selected: self.selection.clone(),
            selected_port: self.selected_port.clone(),
            picked: self
                .pick
                .near
                .iter()
                .chain(&self.pick.far)
                .cloned()
                .collect(),
            ..Highlights::default()
        };
        for f in &self.doc.report().findings() {
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
            let r = self.doc.report();
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
}

/// Why catalog entry `e` cannot go at `place` (the slot or rack unit under the pointer), if
/// it is the kind of part that goes there and cannot.
pub fn refusal_at_place(
    design: &Design,
    place: &fiberplan_edit::placement::Place,
    e: &fiberplan_engine::catalog::CatalogEntry,
) -> Option<String> {
    use fiberplan_edit::placement::{check_place, Need, Place};
    let need = Need::of_template(&e.part);
    let applies = matches!(
        (&need, place),
        (Need::Slot(_), Place::Slot { .. }) | (Need::Units(_), Place::Units { .. })
    );
    if !applies {
        return None;
    }
    check_place(design, &need, place, None)
        .err()
        .map(|r| r.to_string())
}

/// Why catalog entry `e` cannot go in the one selected enclosure or rack, if it cannot: the
/// palette greys it (the placement rules are the edit layer's).
pub fn refusal_at_selection(
    design: &Design,
    selection: &[Id],
    e: &fiberplan_engine::catalog::CatalogEntry,
) -> Option<String> {
    use fiberplan_edit::placement::{check_place, Need, Place};
    let [id] = selection else { return None };
    let need = Need::of_template(&e.part);
    if let Some(enc) = design.enclosures.iter().find(|x| &x.id == id) {
        let Need::Slot(_) = need else { return None };
        let refusals: Vec<String> = (1..=enc.spec.slots)
            .map(|slot| {
                check_place(
                    design,
                    &need,
                    &Place::Slot {
                        enclosure: id.clone(),
                        slot,
                    },
                    None,
                )
            })
            .filter_map(|r| r.err().map(|e| e.to_string()))
            .collect();
        return (refusals.len() == usize::from(enc.spec.slots))
            .then(|| refusals.into_iter().next().unwrap_or_default());
    }
    if let Some(rack) = design.racks.iter().find(|x| &x.id == id) {
        let Need::Units(_) = need else { return None };
        let fits = (1..=rack.height_u).any(|u| {
            check_place(
                design,
                &need,
                &Place::Units {
                    rack: id.clone(),
                    u,
                },
                None,
            )
            .is_ok()
        });
        return (!fits).then(|| format!("no free run of units in rack {} fits it", rack.label));
    }
    None
}

/// Runs `add` at the width of `ui`, in a horizontal scroll area for anything wider, so that
/// what it shows cannot widen the panel it is in (its own lists still scroll vertically).
fn stable_width<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let width = ui.available_width();
    egui::ScrollArea::horizontal()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(width);
            add(ui)
        })
        .inner
}

impl eframe::App for FiberplanApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
        self.shortcuts(ui);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let mut actions = self.findings_panel_ui(ui);
        actions.extend(self.side_panels_ui(ui));
        actions.extend(self.canvas_panel_ui(ui));
        if !actions.is_empty() {
            self.handle(actions);
            // The views above drew the state before this frame's actions: draw the new
            // selection and findings at once.
            ui.ctx().request_repaint();
        }
        self.prompt_ui(ui);
        self.conflict_ui(ui);
        self.damaged_ui(ui);
        self.recovery_ui(ui);
        self.file_dialog_ui(ui);
        self.autosave_tick(ui);
        self.comparison_ui(ui);
        self.netbox_ui(ui);
        self.upgrade_ui(ui);
        self.find_ui(ui);
        self.help_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        storage.set_string(DIALOG_KEY, self.dialog_choice.name().to_owned());
        storage.set_string(view::THEME_KEY, self.theme.name().to_owned());
        self.netbox.save(storage);
    }
}

impl FiberplanApp {
    /// Asks before closing with unsaved changes, and keeps the window title current.
    fn window_ui(&mut self, ui: &mut Ui) {
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
        let title = self.doc.title();
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The bottom panel: the findings list, or in review mode the review tabs.
    fn findings_panel_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let blame = self.blame();
        if self.review() {
            egui::Panel::bottom("review")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    ui.colored_label(
                        egui::Color32::from_rgb(240, 165, 30),
                        "Review mode: the design is read-only; notes can be added.",
                    );
                    self.update_review_matrix(ui.ctx());
                    let revision = self.doc.revision();
                    let matrix = self
                        .design_matrix
                        .as_ref()
                        .filter(|(r, _)| *r == revision)
                        .filter(|_| self.review_state.tab == super::review::ReviewTab::Applications)
                        .map(|(_, rows)| rows.as_slice());
                    super::review::review_panel_ui(
                        ui,
                        self.doc.report(),
                        &mut self.review_state,
                        matrix,
                    )
                })
                .inner
        } else if self.findings_open {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(170.0)
                .show(ui, |ui| {
                    findings_ui(ui, self.doc.report(), &blame, &mut self.findings_filter)
                })
                .inner
        } else {
            Vec::new()
        }
    }

    /// The palette on the left and the inspector on the right.
    fn side_panels_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        let blame = self.blame();
        // Both panels keep the width the user gives them (remembered with the window's
        // state): what they show scrolls inside them and never widens them, so selecting
        // something never moves the canvas.
        egui::Panel::left("palette")
            .resizable(true)
            .default_size(230.0)
            .min_size(160.0)
            .max_size(420.0)
            .show(ui, |ui| {
                stable_width(ui, |ui| {
                    let design = self.doc.design();
                    let selection = self.selection.clone();
                    // While a part is dragged from the palette over the canvas, what cannot
                    // go where the pointer is is greyed; otherwise what cannot go in the
                    // selected enclosure or rack.
                    let dragging = egui::DragAndDrop::has_payload_of_type::<
                        crate::canvas::PalettePart,
                    >(ui.ctx());
                    let hover = self.canvas.hover_place.clone().filter(|_| dragging);
                    palette_ui(
                        ui,
                        &self.catalog,
                        &mut self.palette_search,
                        &|e| match &hover {
                            Some(place) => refusal_at_place(design, place, e),
                            None => refusal_at_selection(design, &selection, e),
                        },
                    )
                })
            });
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(220.0)
            .max_size(640.0)
            .show(ui, |ui| {
                stable_width(ui, |ui| {
                    let mut actions = self.patch_panel_ui(ui);
                    // The matrix is worked out first (it needs the window's catalog), then
                    // drawn inside the inspector's scrolling area.
                    let matrix = self
                        .inspector_matrix()
                        .then(|| (self.matrix.row(), &mut self.matrix_open));
                    actions.extend(inspector_ui(
                        ui,
                        self.doc.design(),
                        self.doc.report(),
                        &blame,
                        (&self.selection, self.selected_port.as_ref()),
                        &mut self.note_draft,
                        matrix,
                    ));
                    self.swap_panel_ui(ui, &mut actions);
                    actions
                })
            })
            .inner
    }

    /// The canvas in the centre.
    fn canvas_panel_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        self.rank_offer();
        let hl = self.highlights();
        egui::CentralPanel::default()
            .show(ui, |ui| {
                self.canvas_toolbar_ui(ui);
                let layout = self.layout();
                canvas_ui(
                    ui,
                    self.doc.design(),
                    &layout,
                    &self.catalog,
                    &hl,
                    &mut self.canvas,
                )
            })
            .inner
    }

    /// Tries each cable of a new cable offer on the design once, so the offer lists the ones
    /// that pass first and says why the others would fail, and proposes a length.
    fn rank_offer(&mut self) {
        let Some(offer) = self.canvas.offer.clone() else {
            self.canvas.ranking = None;
            return;
        };
        if self
            .canvas
            .ranking
            .as_ref()
            .is_some_and(|(o, _)| *o == offer)
        {
            return;
        }
        let ranked = fiberplan_edit::new_part::ranked_cables(
            self.doc.design(),
            self.doc.report(),
            &self.apps,
            &self.catalog,
            &offer.from,
            &offer.to,
            self.canvas.last_cable.as_deref(),
        );
        self.canvas.offer_length_m =
            fiberplan_edit::new_part::suggested_length_m(self.doc.design(), &offer.from, &offer.to)
                .unwrap_or(3.0);
        self.canvas.ranking = Some((offer, ranked));
    }

    /// Writes the recovery file when it is due, and shows its errors.
    fn autosave_tick(&mut self, ui: &mut Ui) {
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
    }

    /// The result of "Compare with…", in a window of its own.
    fn comparison_ui(&mut self, ui: &mut Ui) {
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
}
