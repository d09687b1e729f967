//! File dialogs behind a small trait, so tests can answer them without a desktop.

use std::path::PathBuf;

/// Asks the user for a file to open or save.
pub trait FileDialogs {
    /// A design to open, or `None` if the user cancelled.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Where to save, or `None` if the user cancelled.
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
}

/// Native dialogs (rfd).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Fiberplan design", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Fiberplan design", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }
}

/// Dialogs that answer from queues (for tests and scripted runs).
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    /// Answers to "open", first first.
    pub open: Vec<PathBuf>,
    /// Answers to "save", first first.
    pub save: Vec<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        (!self.open.is_empty()).then(|| self.open.remove(0))
    }

    fn pick_save(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        (!self.save.is_empty()).then(|| self.save.remove(0))
    }
}
