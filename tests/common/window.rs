//! The designer window in a test harness (egui_kittest), as the UI tests drive it.

use egui_kittest::Harness;
use fiberplan_app::dialogs::ScriptedDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_edit::Document;
use fiberplan_engine::catalog::Catalog;
use fiberplan_io::recovery::RecoveryStore;
use fiberplan_model::Design;

/// The window on `doc`, answering file dialogs from `dialogs`, autosaving into `recovery`
/// when given.
pub fn window_on(
    doc: Document,
    dialogs: ScriptedDialogs,
    recovery: Option<RecoveryStore>,
) -> Harness<'static, FiberplanApp> {
    window_sized(doc, dialogs, recovery, egui::vec2(1500.0, 950.0))
}

/// [`window_on`] in a window of `size` points.
pub fn window_sized(
    doc: Document,
    dialogs: ScriptedDialogs,
    recovery: Option<RecoveryStore>,
    size: egui::Vec2,
) -> Harness<'static, FiberplanApp> {
    Harness::builder().with_size(size).build_eframe(move |_cc| {
        let app = FiberplanApp::new(doc, Catalog::builtin(), super::apps(), Box::new(dialogs));
        match recovery {
            Some(store) => app.with_recovery(store),
            None => app,
        }
    })
}

/// The window on an untitled `design`.
pub fn window(design: Design, dialogs: ScriptedDialogs) -> Harness<'static, FiberplanApp> {
    window_on(Document::new(design, None, super::apps()), dialogs, None)
}

/// The design in a 1600x1000 window, the size the legibility and snapshot tests look at.
pub fn full_size(design: Design) -> Harness<'static, FiberplanApp> {
    window_sized(
        Document::new(design, None, super::apps()),
        ScriptedDialogs::default(),
        None,
        egui::vec2(1600.0, 1000.0),
    )
}

/// Screen position of a canvas item (its accessibility rect is in scene coordinates).
pub fn on_canvas(h: &Harness<'_, FiberplanApp>, label: &str) -> egui::Pos2 {
    use egui_kittest::kittest::Queryable as _;
    let rect: egui::Rect = h.get_by_label(label).rect();
    h.state().canvas.to_global * rect.center()
}

/// Presses and releases the primary button at screen point `p`.
pub fn click_at(h: &mut Harness<'_, FiberplanApp>, p: egui::Pos2) {
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.drop_at(p);
    h.run();
}

/// Presses at `from`, moves past the drag threshold, moves to `to`, releases.
pub fn drag(h: &mut Harness<'_, FiberplanApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + egui::vec2(12.0, 6.0));
    h.run();
    h.hover_at(to + egui::vec2(1.0, 1.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}
