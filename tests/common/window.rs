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
    Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_eframe(move |_cc| {
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
