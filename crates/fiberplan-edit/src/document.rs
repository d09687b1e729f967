//! An open design: the model, its undo history, its file, and the report of its last check.
//! The window edits a design only through [`Document::apply`], which re-checks at once.

use super::{Edit, EditError, History};
use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::{check, CheckMode, Report};
use fiberplan_io::{save_design, FileStamp, SaveError};
use fiberplan_model::Design;
use std::path::{Path, PathBuf};

/// A design open in the window: the design, its undo history, its file, and the report of
/// its last check. Its fields are private so that the design changes only through
/// [`Document::apply`], [`Document::undo`] and [`Document::redo`], each of which re-checks
/// what it touched, and so that a document open for review refuses every edit but notes.
pub struct Document {
    design: Design,
    history: History,
    /// Where it was opened from or last saved to; `None` for a new or embedded design.
    path: Option<PathBuf>,
    /// What the title shows when there is no path.
    untitled_name: String,
    report: Report,
    /// Open channels are warnings (draft) or errors (review).
    mode: CheckMode,
    /// Fingerprint of the file as last read or written, to notice changes made by others.
    disk_stamp: Option<FileStamp>,
    /// Open for review: only notes may change.
    read_only: bool,
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
            read_only: false,
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

    /// Applies an edit as one undoable step and re-checks what it touched. A document open
    /// for review refuses every edit but notes with [`EditError::ReadOnly`].
    pub fn apply(&mut self, label: &str, edit: Edit) -> Result<(), EditError> {
        if self.read_only && !edit.is_note() {
            return Err(EditError::ReadOnly);
        }
        let touched = edit.touched();
        self.history.apply(&mut self.design, label, edit)?;
        self.recheck_touched(&touched);
        Ok(())
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    /// Open for review, only a note step can be undone.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let Some(touched) = self.history.next_undo().map(|e| self.allowed(e)) else {
            return Ok(None);
        };
        let touched = touched?;
        let label = self.history.undo(&mut self.design);
        if label.is_some() {
            self.recheck_touched(&touched);
        }
        Ok(label)
    }

    /// Redoes the last undone step; returns its label, or `None` when there is nothing to
    /// redo. Open for review, only a note step can be redone.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let Some(touched) = self.history.next_redo().map(|e| self.allowed(e)) else {
            return Ok(None);
        };
        let touched = touched?;
        let label = self.history.redo(&mut self.design);
        if label.is_some() {
            self.recheck_touched(&touched);
        }
        Ok(label)
    }

    /// What `edit` touches, if this document may apply it.
    fn allowed(&self, edit: &Edit) -> Result<fiberplan_engine::trace::report::Touched, EditError> {
        if self.read_only && !edit.is_note() {
            Err(EditError::ReadOnly)
        } else {
            Ok(edit.touched())
        }
    }

    /// Checks again only what an edit of the parts `touched` affects.
    fn recheck_touched(&mut self, touched: &fiberplan_engine::trace::report::Touched) {
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

    /// The design as it is now.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The check of the design as it is now.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The undo history (labels, depth, whether modified).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The file the document belongs to; `None` for a new or embedded design.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether open channels are warnings (draft) or errors (review).
    pub fn mode(&self) -> CheckMode {
        self.mode
    }

    /// Fingerprint of the file as last read or written.
    pub fn disk_stamp(&self) -> Option<FileStamp> {
        self.disk_stamp
    }

    /// Records the fingerprint of the file this document's contents came from (a recovery
    /// file restores a design whose original file had this stamp).
    pub fn set_disk_stamp(&mut self, stamp: Option<FileStamp>) {
        self.disk_stamp = stamp;
    }

    /// The name shown when the document has no file.
    pub fn untitled_name(&self) -> &str {
        &self.untitled_name
    }

    /// Names the document when it has no file (a repaired or recovered design).
    pub fn set_untitled_name(&mut self, name: String) {
        self.untitled_name = name;
    }

    /// Marks the document as differing from its file, as after a repair or a recovery,
    /// so that closing it asks first.
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// Whether the document is open read-only for review.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Opens the document for review (read-only but for notes, open channels are errors)
    /// or back for drafting.
    pub fn set_review(&mut self, on: bool) {
        self.read_only = on;
        self.set_mode(if on {
            CheckMode::Review
        } else {
            CheckMode::Draft
        });
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
