//! The view: the canvas toolbar (faces shown, fit, zoom to the selection, find), Find
//! (Ctrl+F), the theme, and the Help window with the legend, the rules and the shortcuts.

use super::*;
use crate::layout::Faces;
use egui::{Color32, Rect};
use fiberplan_edit::find::{find, Hit, HitKind};
use fiberplan_engine::trace::Rule;

/// Ctrl+F: find.
pub(super) const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+Shift+F: zoom to the selection (as `F`).
pub(super) const ZOOM_SELECTION: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);
/// F1: help.
pub(super) const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
pub(super) const THEME_KEY: &str = "fiberplan.theme";

/// How many results Find lists.
const FIND_LIMIT: usize = 40;

/// The Find window's state.
#[derive(Debug, Default)]
pub struct FindState {
    /// Whether the window is open.
    pub open: bool,
    /// What is typed.
    pub query: String,
    /// The result Enter picks.
    pub chosen: usize,
    /// Put the cursor in the field on the next frame.
    focus: bool,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// As the desktop is set, where eframe can tell.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

impl Theme {
    /// Name, as stored.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Dark => "dark",
            Theme::Light => "light",
        }
    }

    /// The theme of a stored name.
    pub fn named(name: &str) -> Option<Theme> {
        [Theme::System, Theme::Dark, Theme::Light]
            .into_iter()
            .find(|t| t.name() == name)
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light => egui::ThemePreference::Light,
        }
    }
}

impl FiberplanApp {
    /// Sets the colour theme.
    pub fn set_theme(&mut self, ctx: &egui::Context, theme: Theme) {
        self.theme = theme;
        ctx.set_theme(theme.preference());
    }

    /// Shows `faces` of the racks and fits the view to them.
    pub fn show_faces(&mut self, faces: Faces) {
        if self.canvas.faces != faces {
            self.canvas.faces = faces;
            self.canvas.fit_all();
        }
    }

    /// Opens Find with the cursor in its field.
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus = true;
    }

    /// The shortcuts of the view: Find, zoom to the selection, help.
    pub(super) fn view_shortcuts(&mut self, ui: &mut Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let (find, zoom, help) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&FIND),
                i.consume_shortcut(&ZOOM_SELECTION),
                i.consume_shortcut(&HELP),
            )
        });
        if find {
            self.open_find();
        }
        if zoom || (!typing && ui.input(|i| i.key_pressed(Key::F) && i.modifiers.is_none())) {
            self.zoom_to_selection();
        }
        if help {
            self.help_open = true;
        }
    }

    /// Zooms the canvas to the selected parts, cables or port.
    pub fn zoom_to_selection(&mut self) {
        let layout = self.layout();
        let mut r = layout.bbox_of(&self.selection).unwrap_or(Rect::NOTHING);
        for (c, drawn) in self.doc.design().cables.iter().zip(&layout.cables) {
            if self.selection.contains(&c.id) && drawn.bounds.is_positive() {
                r = r.union(drawn.bounds);
            }
        }
        if let Some(p) = self
            .selected_port
            .as_ref()
            .and_then(|p| layout.port_index.get(p))
            .map(|&i| layout.ports[i].rect)
        {
            r = r.union(p);
        }
        if r.is_positive() {
            self.canvas.zoom_to(r);
        }
    }

    /// Selects what a Find hit names and zooms to it.
    pub fn go_to(&mut self, hit: &Hit) {
        match hit.kind {
            HitKind::Port | HitKind::Channel => {
                self.selection.clear();
                self.selected_port = hit.port.clone();
            }
            _ => {
                self.selected_port = None;
                self.selection = vec![hit.part.clone()];
            }
        }
        self.zoom_to_selection();
    }

    /// The row above the canvas: which faces are shown, fit, zoom to the selection, find.
    pub(super) fn canvas_toolbar_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        ui.horizontal(|ui| {
            ui.label("Show");
            for (faces, name) in [
                (Faces::Front, "Front"),
                (Faces::Rear, "Rear"),
                (Faces::Both, "Front and rear"),
            ] {
                if ui
                    .selectable_label(self.canvas.faces == faces, name)
                    .clicked()
                {
                    self.show_faces(faces);
                }
            }
            ui.separator();
            if ui
                .button("Fit")
                .on_hover_text(format!(
                    "Fit the whole design ({})",
                    ctx.format_shortcut(&super::menus::FIT)
                ))
                .clicked()
            {
                self.canvas.fit_all();
            }
            let any = !self.selection.is_empty() || self.selected_port.is_some();
            if ui
                .add_enabled(any, egui::Button::new("Zoom to selection"))
                .on_hover_text("F or Ctrl+Shift+F")
                .clicked()
            {
                self.zoom_to_selection();
            }
            if ui
                .button("Find…")
                .on_hover_text(ctx.format_shortcut(&FIND))
                .clicked()
            {
                self.open_find();
            }
        });
    }

    /// The Find window: results as you type, Enter or a click selects and zooms.
    pub(super) fn find_ui(&mut self, ui: &mut Ui) {
        if !self.find.open {
            return;
        }
        let hits = find(
            self.doc.design(),
            self.doc.report(),
            &self.find.query,
            FIND_LIMIT,
        );
        let mut open = true;
        let mut picked: Option<Hit> = None;
        egui::Window::new("Find")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(380.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(ui.ctx(), |ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .hint_text("id, label, port (LEAF1/Eth3) or A01-U40-S2-P05")
                        .desired_width(f32::INFINITY),
                );
                field
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find"));
                if self.find.focus {
                    field.request_focus();
                    self.find.focus = false;
                }
                if field.changed() {
                    self.find.chosen = 0;
                }
                let (down, up, enter) = ui.input(|i| {
                    (
                        i.key_pressed(Key::ArrowDown),
                        i.key_pressed(Key::ArrowUp),
                        i.key_pressed(Key::Enter),
                    )
                });
                if down {
                    self.find.chosen = (self.find.chosen + 1).min(hits.len().saturating_sub(1));
                }
                if up {
                    self.find.chosen = self.find.chosen.saturating_sub(1);
                }
                if enter && field.lost_focus() {
                    picked = hits.get(self.find.chosen).cloned();
                }
                if self.find.query.trim().is_empty() {
                    ui.weak("Type to search parts, cables, ports and channels.");
                } else if hits.is_empty() {
                    ui.weak(format!("Nothing matches \"{}\".", self.find.query.trim()));
                } else {
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for (i, h) in hits.iter().enumerate() {
                                if ui
                                    .selectable_label(i == self.find.chosen, &h.text)
                                    .clicked()
                                {
                                    picked = Some(h.clone());
                                }
                            }
                        });
                }
            });
        if let Some(h) = picked {
            self.go_to(&h);
            open = false;
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            open = false;
        }
        self.find.open = open;
    }

    /// The Help window: what each colour, outline and mark means, the rules checked, and
    /// every shortcut.
    pub(super) fn help_ui(&mut self, ui: &mut Ui) {
        if !self.help_open {
            return;
        }
        let mut open = true;
        egui::Window::new("Fiberplan help")
            .open(&mut open)
            .default_width(520.0)
            .default_height(560.0)
            .show(ui.ctx(), |ui| {
                egui::ScrollArea::vertical().show(ui, help_contents_ui);
            });
        self.help_open = open;
    }
}

fn swatch(ui: &mut Ui, fill: Option<Color32>, outline: Option<Color32>, text: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 14.0), egui::Sense::hover());
        if let Some(f) = fill {
            ui.painter()
                .rect_filled(rect, egui::CornerRadius::same(2), f);
        }
        if let Some(o) = outline {
            ui.painter().rect_stroke(
                rect,
                egui::CornerRadius::same(2),
                egui::Stroke::new(2.0, o),
                egui::StrokeKind::Inside,
            );
        }
        ui.label(text);
    });
}

fn line_swatch(ui: &mut Ui, color: Color32, text: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 14.0), egui::Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(3.0, color),
        );
        ui.label(text);
    });
}

fn help_contents_ui(ui: &mut Ui) {
    use crate::canvas::{fiber_color, CHANNEL, ERROR, SELECTED, WARNING};
    use fiberplan_model::FiberType;
    ui.heading("Legend");
    swatch(
        ui,
        None,
        Some(ERROR),
        "Outlined red: a part in an error finding",
    );
    swatch(
        ui,
        None,
        Some(WARNING),
        "Outlined amber: a part in a warning",
    );
    swatch(ui, None, Some(SELECTED), "Outlined blue: selected");
    swatch(
        ui,
        None,
        Some(CHANNEL),
        "Outlined cyan: on a channel of the selected port",
    );
    swatch(
        ui,
        None,
        Some(WARNING),
        "Amber plug in the trace drawing: the culprit a fix changes",
    );
    line_swatch(
        ui,
        fiber_color(FiberType::OM4),
        "Aqua cable: OM3 or OM4 multimode",
    );
    line_swatch(ui, fiber_color(FiberType::OM5), "Lime cable: OM5 multimode");
    line_swatch(
        ui,
        fiber_color(FiberType::OS2),
        "Yellow cable: OS2 singlemode",
    );
    line_swatch(
        ui,
        fiber_color(FiberType::OM1),
        "Beige cable: OM1 or OM2 multimode",
    );
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 14.0), egui::Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 4.0, Color32::from_rgb(40, 170, 70));
        ui.label("Green dot at a cable end: an APC (angled) plug");
    });
    ui.label("Dot in the middle of a cable: its handle; click it to select the cable.");
    ui.label(
        "Ports: dark squares are LC duplex, grey ones MPO. Switch ports are numbered as \
         vendors print them, 1 over 2, odd on top; cassette front ports 1..N, rear MPO \
         ports R1...",
    );
    ui.label(
        "Front elevations of a row are on the left, its rear elevations on the right; \
         Show picks front, rear or both.",
    );
    ui.add_space(8.0);
    ui.heading("Rules checked");
    egui::Grid::new("help-rules").striped(true).show(ui, |ui| {
        for r in Rule::ALL {
            ui.label(r.name());
            ui.label(r.summary());
            ui.end_row();
        }
    });
    ui.add_space(8.0);
    ui.heading("Shortcuts");
    egui::Grid::new("help-keys").striped(true).show(ui, |ui| {
        for (keys, what) in SHORTCUTS {
            ui.label(*keys);
            ui.label(*what);
            ui.end_row();
        }
    });
}

/// Every shortcut and mouse gesture, as the Help window lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+N", "New design"),
    ("Ctrl+O", "Open a design"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save as"),
    ("Ctrl+Q", "Quit"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Delete, Backspace", "Delete the selection"),
    (
        "Ctrl+C, Ctrl+X, Ctrl+V",
        "Copy, cut, paste (also between windows)",
    ),
    ("Ctrl+D", "Duplicate: racks as the next racks of their row"),
    ("Ctrl+A", "Select every rack and loose part"),
    ("Ctrl+F", "Find a part, cable, port or channel"),
    ("F, Ctrl+Shift+F", "Zoom to the selection"),
    ("Ctrl+0", "Fit the whole design"),
    ("F1", "This help"),
    ("Escape", "Cancel a drag or close Find"),
    (
        "Click",
        "Select a part, cable or port (a port traces its channel)",
    ),
    ("Shift+click", "Add to the selection"),
    (
        "Drag on empty canvas",
        "Select the parts in a box (or pick the ports in it)",
    ),
    (
        "Click a port, Shift+click the last",
        "Pick a range of ports to patch in order",
    ),
    ("Ctrl+click, Ctrl+Shift+click a port", "Pick the far range"),
    ("Drag a part", "Move it to another rack unit or slot"),
    (
        "Drag port to port",
        "Draw a cable, then pick one from the catalog",
    ),
    ("Right- or middle-drag, scroll", "Pan"),
    ("Ctrl+scroll, pinch", "Zoom about the pointer"),
];
