//! Recovery files: unsaved work written aside (by the app's autosave) so that a crash, a
//! kill or a power cut costs at most the last few edits. One file per running window, in
//! the app's data folder, named after the process; the next start offers those whose
//! process is gone.

use super::{design_from_str, design_to_string, FileStamp, LoadError, SaveError};
use fiberplan_model::Design;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a recovery file records besides the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryHeader {
    /// The design's file, if it had one.
    pub original: Option<PathBuf>,
    /// Stamp of that file when it was opened or last saved, so that saving a restored
    /// design over a file someone changed since still asks first.
    pub original_stamp: Option<u64>,
    /// Name shown for an untitled design.
    pub name: String,
    /// Process that wrote it.
    pub pid: u32,
    /// When it was written, seconds since 1970 (UTC).
    pub written_unix: u64,
    /// Edits since the design was last saved or opened.
    pub edits: usize,
}

/// A recovery file found on start.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The recovery file.
    pub path: PathBuf,
    /// Where the work came from.
    pub header: RecoveryHeader,
    /// The unsaved design.
    pub design: Design,
}

/// The folder of recovery files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
    /// Distinguishes stores of one process (one per window).
    instance: u32,
}

/// Separates the header from the design in a recovery file: the design part is a plain
/// design file, read by the same reader (and migrations) as any other.
const SEPARATOR: &str = "\n// ---- design ----\n";

impl RecoveryStore {
    /// Recovery files live in `dir` (created when first written).
    pub fn new(dir: PathBuf) -> Self {
        static INSTANCES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        RecoveryStore {
            dir,
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recovery file this process writes.
    pub fn own_file(&self) -> PathBuf {
        self.dir.join(format!(
            "recovery-{}-{}.ron",
            std::process::id(),
            self.instance
        ))
    }

    /// Writes `design` with `header` to `path` atomically (temporary file, sync, rename),
    /// so a crash during the write leaves the previous recovery file whole.
    pub fn write(
        &self,
        path: &Path,
        header: &RecoveryHeader,
        design: &Design,
    ) -> Result<(), SaveError> {
        use std::io::Write as _;
        let head = ron::ser::to_string(header)?;
        let body = design_to_string(design)?;
        std::fs::create_dir_all(&self.dir).map_err(|source| SaveError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let fail = |source: std::io::Error| SaveError::Io {
            path: path.to_owned(),
            source,
        };
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir).map_err(fail)?;
        tmp.write_all(head.as_bytes()).map_err(fail)?;
        tmp.write_all(SEPARATOR.as_bytes()).map_err(fail)?;
        tmp.write_all(body.as_bytes()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(path).map_err(|e| fail(e.error))?;
        Ok(())
    }

    /// Reads one recovery file.
    pub fn read(path: &Path) -> Result<Recovered, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::io(path, &e))?;
        let Some((head, body)) = text.split_once(SEPARATOR) else {
            return Err(LoadError {
                path: path.to_owned(),
                line: Some(1),
                column: Some(1),
                message: "expected a recovery header, the separator line and a design".to_owned(),
            });
        };
        let header: RecoveryHeader = super::parse_ron(head, path)?;
        // Lines in the design part are counted from the separator; shift them to the file's.
        let offset = head.lines().count() + 1;
        let design = design_from_str(body, path).map_err(|mut e| {
            e.line = e.line.map(|l| l + offset);
            e
        })?;
        Ok(Recovered {
            path: path.to_owned(),
            header,
            design,
        })
    }

    /// Recovery files left by windows that are no longer running, oldest first, with the
    /// ones that cannot be read reported beside them (they are never deleted unasked).
    pub fn leftovers(&self) -> (Vec<Recovered>, Vec<LoadError>) {
        let mut found = Vec::new();
        let mut unreadable = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (found, unreadable);
        };
        let own = self.own_file();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !(name.starts_with("recovery-") && name.ends_with(".ron")) || path == own {
                continue;
            }
            match Self::read(&path) {
                Ok(r) if process_running(r.header.pid) => {}
                Ok(r) => found.push(r),
                Err(e) => unreadable.push(e),
            }
        }
        found.sort_by_key(|r| r.header.written_unix);
        (found, unreadable)
    }

    /// Deletes a recovery file (after a clean save, a discard, or a restore that was saved).
    pub fn remove(path: &Path) -> Result<(), SaveError> {
        match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(SaveError::Remove {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

impl RecoveryHeader {
    /// A header for work on `original` (stamp `stamp`) with `edits` unsaved edits, now.
    pub fn now(
        original: Option<PathBuf>,
        stamp: Option<FileStamp>,
        name: String,
        edits: usize,
    ) -> Self {
        RecoveryHeader {
            original,
            original_stamp: stamp.map(FileStamp::value),
            name,
            pid: std::process::id(),
            written_unix: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            edits,
        }
    }
}

/// True when a process with this id is running and is not this one (another window of this
/// process writes its own file, so a file of this pid that is not ours is from a window that
/// closed without cleaning up, or from a dead process whose pid was reused). Where the
/// platform cannot tell, false: offering a live window's work is better than hiding a dead
/// one's.
fn process_running(pid: u32) -> bool {
    pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
}
