//! An open design: the model, its undo history, its file, and the report of its last check.
//! The window edits a design only through [`Document::apply`], which re-checks at once.

use super::{Edit, EditError, History};
use crate::catalog::ApplicationTable;
use crate::io::{save_design, FileStamp, SaveError};
use crate::model::Design;
use crate::trace::{check, CheckMode, Report};
use std::path::{Path, PathBuf};

/// A design open for editing.
pub struct Document {
    /// The design.
    pub design: Design,
    /// Undo and redo.
    pub history: History,
    /// Where it was opened from or last saved to; `None` for a new or embedded design.
    pub path: Option<PathBuf>,
    /// What the title shows when there is no path.
    pub untitled_name: String,
    /// The check of the current design.
    pub report: Report,
    /// Open channels are warnings (draft) or errors (review).
    pub mode: CheckMode,
    /// Fingerprint of the file as last read or written, to notice changes made by others.
    pub disk_stamp: Option<FileStamp>,
    /// Changes whenever the design does (any document, any edit, undo or redo), so views can
    /// keep what they derive from it until then.
    revision: u64,
    apps: ApplicationTable,
}

/// Source of [`Document::revision`] values, unique across documents.
static REVISIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_revision() -> u64 {
    REVISIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// Opens `design`, checks it, and records it as saved.
    pub fn new(design: Design, path: Option<PathBuf>, apps: ApplicationTable) -> Self {
        let mode = CheckMode::Draft;
        let report = check(&design, &apps, mode);
        Document {
            untitled_name: design.name.clone(),
            design,
            history: History::new(),
            path,
            report,
            mode,
            disk_stamp: None,
            revision: next_revision(),
            apps,
        }
    }

    /// Opens `design` as read from the file `path` whose bytes had `stamp`, so that saving
    /// over that file after someone else changed it asks first.
    pub fn for_file(
        design: Design,
        path: PathBuf,
        stamp: FileStamp,
        apps: ApplicationTable,
    ) -> Self {
        let mut doc = Document::new(design, Some(path), apps);
        doc.disk_stamp = Some(stamp);
        doc
    }

    /// Applies an edit as one undoable step and re-checks the design.
    pub fn apply(&mut self, label: &str, edit: Edit) -> Result<(), EditError> {
        let touched = edit.touched();
        self.history.apply(&mut self.design, label, edit)?;
        self.recheck_touched(&touched);
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let touched = self.history.next_undo().map(Edit::touched);
        let label = self.history.undo(&mut self.design);
        if let (Some(_), Some(touched)) = (&label, touched) {
            self.recheck_touched(&touched);
        }
        label
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let touched = self.history.next_redo().map(Edit::touched);
        let label = self.history.redo(&mut self.design);
        if let (Some(_), Some(touched)) = (&label, touched) {
            self.recheck_touched(&touched);
        }
        label
    }

    /// Checks again only what an edit of the parts `touched` affects.
    fn recheck_touched(&mut self, touched: &crate::trace::report::Touched) {
        self.revision = next_revision();
        self.report.update(&self.design, &self.apps, touched);
    }

    /// Switches between draft and review checking.
    pub fn set_mode(&mut self, mode: CheckMode) {
        if self.mode != mode {
            self.mode = mode;
            self.recheck();
        }
    }

    /// The design's revision: equal revisions mean an unchanged design.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Checks the whole design again (after a change made other than through an edit).
    pub fn recheck(&mut self) {
        self.revision = next_revision();
        self.report = check(&self.design, &self.apps, self.mode);
    }

    /// Saves to `path`; on success the document belongs to that file and is unmodified.
    /// On failure nothing changes: the design stays open and modified. Saving over this
    /// document's own file after someone else changed it is refused with
    /// [`SaveError::ChangedOnDisk`]; [`Document::save_over`] writes anyway.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        if self.path.as_deref() == Some(path) && self.disk_stamp.is_some() {
            let now = FileStamp::read(path);
            if now.is_some() && now != self.disk_stamp {
                return Err(SaveError::ChangedOnDisk {
                    path: path.to_owned(),
                });
            }
        }
        self.save_over(path)
    }

    /// Saves to `path` even if the file changed on disk.
    pub fn save_over(&mut self, path: &Path) -> Result<(), SaveError> {
        let stamp = save_design(&self.design, path)?;
        self.path = Some(path.to_owned());
        self.disk_stamp = Some(stamp);
        self.history.mark_saved();
        Ok(())
    }

    /// True when there are changes since the last save or open.
    pub fn is_modified(&self) -> bool {
        self.history.is_modified()
    }

    /// The file name shown in the title and status bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => self.untitled_name.clone(),
        }
    }

    /// The window title: file name, with a marker when modified.
    pub fn title(&self) -> String {
        let marker = if self.is_modified() { " \u{2022}" } else { "" };
        format!("{}{marker} — Fiberplan", self.display_name())
    }
}
