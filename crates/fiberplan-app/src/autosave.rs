//! Autosave: while the design has unsaved changes, it is written to this window's recovery
//! file every 30 seconds and after every 20 edits; the file is removed once nothing is
//! unsaved (saved, undone back to the saved state, or discarded). On start, recovery files
//! left by windows that died are offered back.

use fiberplan_edit::Document;
use fiberplan_io::recovery::{Recovered, RecoveryHeader, RecoveryStore, WindowLock};
use std::path::PathBuf;

/// Seconds between autosaves while there are unsaved edits.
pub const AUTOSAVE_SECS: f64 = 30.0;
/// Edits that trigger an autosave at once.
pub const AUTOSAVE_EDITS: usize = 20;

/// True when unsaved work should be written now: `edits` edits since the last write, the
/// oldest of them `secs` seconds ago.
pub fn due(edits: usize, secs: f64) -> bool {
    edits >= AUTOSAVE_EDITS || (edits > 0 && secs >= AUTOSAVE_SECS)
}

/// This window's autosave state.
pub struct Autosave {
    store: RecoveryStore,
    /// The file written; this process's own, or the one a restore came from.
    file: PathBuf,
    /// Edits since the last write.
    edits_since_write: usize,
    /// Edits since the last save, for the header.
    edits_since_save: usize,
    /// When the oldest unwritten edit was made (app clock, seconds).
    first_unwritten: Option<f64>,
    /// Whether `file` exists now.
    written: bool,
    /// Last failure, shown once.
    pub error: Option<String>,
    /// Recovery files left by earlier windows, waiting for the user's answer.
    pub offered: Vec<Recovered>,
    /// The lock that tells later windows this one still runs (dropped when it closes).
    _lock: Option<WindowLock>,
    /// The lock of a restored recovery file this window carries on writing.
    adopted_lock: Option<WindowLock>,
}

impl Autosave {
    /// Autosave into `store`, offering what earlier windows left there.
    pub fn new(store: RecoveryStore) -> Self {
        let (offered, unreadable) = store.leftovers();
        let mut error = (!unreadable.is_empty()).then(|| {
            let list: Vec<String> = unreadable.iter().map(|e| e.to_string()).collect();
            format!(
                "Recovery files that cannot be read were kept: {}",
                list.join("; ")
            )
        });
        let lock = match store.lock_own() {
            Ok(lock) => Some(lock),
            Err(e) => {
                error = Some(format!(
                    "Autosave cannot mark this window as running ({e}): a later window may offer its recovery file while this one is open"
                ));
                None
            }
        };
        Autosave {
            file: store.own_file(),
            store,
            edits_since_write: 0,
            edits_since_save: 0,
            first_unwritten: None,
            written: false,
            error,
            offered,
            _lock: lock,
            adopted_lock: None,
        }
    }

    /// The recovery file this window writes.
    pub fn file(&self) -> &std::path::Path {
        &self.file
    }

    /// Records one edit (or undo or redo) made at `now`.
    pub fn edited(&mut self, now: f64) {
        self.edits_since_write += 1;
        self.edits_since_save += 1;
        self.first_unwritten.get_or_insert(now);
    }

    /// Writes or removes the recovery file as the policy says; called every frame. Returns
    /// the seconds until the next write is due, for a repaint timer.
    pub fn tick(&mut self, now: f64, doc: &Document) -> Option<f64> {
        if !doc.is_modified() {
            self.edits_since_write = 0;
            self.edits_since_save = 0;
            self.first_unwritten = None;
            if self.written {
                self.discard();
            }
            return None;
        }
        let since = self.first_unwritten.map_or(0.0, |t| now - t);
        if due(self.edits_since_write, since) {
            self.write(doc);
        }
        self.first_unwritten
            .map(|t| (AUTOSAVE_SECS - (now - t)).max(0.0))
    }

    /// Writes the recovery file now.
    pub fn write(&mut self, doc: &Document) {
        let header = RecoveryHeader::now(
            doc.path().map(std::path::Path::to_path_buf),
            doc.disk_stamp(),
            doc.display_name(),
            self.edits_since_save,
        );
        match self.store.write(&self.file, &header, doc.design()) {
            Ok(()) => {
                self.written = true;
                self.edits_since_write = 0;
                self.first_unwritten = None;
            }
            Err(e) => self.error = Some(format!("Autosave failed: {e}")),
        }
    }

    /// Removes the recovery file: the work was saved or deliberately discarded.
    pub fn discard(&mut self) {
        self.edits_since_write = 0;
        self.edits_since_save = 0;
        self.first_unwritten = None;
        match RecoveryStore::remove(&self.file) {
            Ok(()) => self.written = false,
            Err(e) => self.error = Some(e.to_string()),
        }
        // Back to this process's own file after a restored one is done with.
        self.file = self.store.own_file();
        self.adopted_lock = None;
    }

    /// Continues writing to a restored file, so a crash before the next autosave still
    /// leaves the restored work on disk.
    pub fn adopt(&mut self, r: &Recovered) {
        if self.written {
            let _ = RecoveryStore::remove(&self.file);
        }
        self.file = r.path.clone();
        // Hold the restored file's lock, so no other window offers it while this one works.
        self.adopted_lock = RecoveryStore::lock_left(&r.path).ok().flatten();
        self.written = true;
        self.edits_since_write = 0;
        self.edits_since_save = r.header.edits;
        self.first_unwritten = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 5: "every 30 s and on every 20 edits" while there are unsaved edits.
    #[test]
    fn autosave_is_due_after_30_seconds_or_20_edits() {
        assert!(!due(0, 1000.0), "nothing unsaved, nothing written");
        assert!(!due(1, 29.9));
        assert!(due(1, 30.0));
        assert!(!due(19, 0.0));
        assert!(due(20, 0.0));
    }
}
