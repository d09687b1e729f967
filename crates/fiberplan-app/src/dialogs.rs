//! File dialogs behind a small trait, so tests can answer them without a desktop, and so the
//! window can tell a cancelled dialog from one that could not open.

use crate::file_dialog::FileFilter;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// The dialog could not open; the reason, for the status bar.
    Unavailable(String),
}

/// Asks the user for a file to open or save.
pub trait FileDialogs {
    /// A file of `filter` to open.
    fn pick_open(&mut self, filter: &FileFilter) -> Answer;
    /// Where to save a file of `filter`, suggested as `suggested_name`.
    fn pick_save(&mut self, filter: &FileFilter, suggested_name: &str) -> Answer;
}

/// Native dialogs (rfd: the XDG desktop portal, or zenity or kdialog).
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// A native dialog that answers "nothing chosen" sooner than this never showed: no person
/// cancels a file chooser that fast. rfd reports a missing portal or chooser program only
/// as "nothing chosen", so this is how Fiberplan tells the two apart.
const QUICKEST_CANCEL: Duration = Duration::from_millis(300);

impl NativeDialogs {
    fn answer(started: Instant, picked: Option<PathBuf>) -> Answer {
        match picked {
            Some(p) => Answer::Chosen(p),
            None if started.elapsed() < QUICKEST_CANCEL => Answer::Unavailable(
                "the desktop's file chooser did not open (no XDG portal, zenity or kdialog)"
                    .to_owned(),
            ),
            None => Answer::Cancelled,
        }
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, filter: &FileFilter) -> Answer {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter(&filter.name, &[&filter.extension])
            .pick_file();
        NativeDialogs::answer(started, picked)
    }

    fn pick_save(&mut self, filter: &FileFilter, suggested_name: &str) -> Answer {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter(&filter.name, &[&filter.extension])
            .set_file_name(suggested_name)
            .save_file();
        NativeDialogs::answer(started, picked)
    }
}

/// Dialogs that answer from queues (for tests and scripted runs). With both queues empty
/// they answer "cancelled", or "could not open" when `unavailable` is set, as on a desktop
/// without a file chooser.
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    /// Answers to "open", first first.
    pub open: Vec<PathBuf>,
    /// Answers to "save", first first.
    pub save: Vec<PathBuf>,
    /// Answer "the dialog could not open" once the queue is empty.
    pub unavailable: bool,
}

impl ScriptedDialogs {
    fn next(&mut self, queue: fn(&mut Self) -> &mut Vec<PathBuf>) -> Answer {
        let unavailable = self.unavailable;
        let q = queue(self);
        if !q.is_empty() {
            Answer::Chosen(q.remove(0))
        } else if unavailable {
            Answer::Unavailable("no file chooser in this test".to_owned())
        } else {
            Answer::Cancelled
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self, _filter: &FileFilter) -> Answer {
        self.next(|s| &mut s.open)
    }

    fn pick_save(&mut self, _filter: &FileFilter, _suggested_name: &str) -> Answer {
        self.next(|s| &mut s.save)
    }
}
