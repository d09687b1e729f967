//! Recovery files: unsaved work written aside (by the app's autosave) so that a crash, a
//! kill or a power cut costs at most the last few edits. One file per running window, in
//! the app's data folder. Each window holds an advisory lock on a companion `.lock` file
//! for as long as it runs ([`WindowLock`]); the OS drops the lock the moment the process
//! ends, however it ends, so the next start offers exactly the files whose lock is free,
//! whether the old process is gone, a zombie, or its id was given to another process.

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
    /// Process that wrote it (for people reading the file; liveness is the lock's).
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

    /// The lock file that says whether the window writing `recovery` still runs.
    pub fn lock_file(recovery: &Path) -> PathBuf {
        recovery.with_extension("lock")
    }

    /// Takes the lock of this window's own recovery file, held until the lock is dropped
    /// (the window closes or the process ends).
    pub fn lock_own(&self) -> Result<WindowLock, SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| SaveError::Io {
            path: self.dir.clone(),
            source,
        })?;
        WindowLock::take(&Self::lock_file(&self.own_file()))?.ok_or_else(|| SaveError::Io {
            path: Self::lock_file(&self.own_file()),
            source: std::io::Error::new(
                std::io::ErrorKind::WouldBlock,
                "another window holds this lock",
            ),
        })
    }

    /// Takes the lock of a recovery file left by another window, so that no other window
    /// offers it while this one carries on with it; `None` if a running window holds it.
    pub fn lock_left(recovery: &Path) -> Result<Option<WindowLock>, SaveError> {
        WindowLock::take(&Self::lock_file(recovery))
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
            // A lock file whose recovery file is gone (saved or discarded) and whose window
            // ended is left over too.
            if name.starts_with("recovery-")
                && name.ends_with(".lock")
                && !path.with_extension("ron").exists()
            {
                if let Ok(Some(lock)) = WindowLock::take(&path) {
                    let _ = std::fs::remove_file(&path);
                    drop(lock);
                }
                continue;
            }
            if !(name.starts_with("recovery-") && name.ends_with(".ron")) || path == own {
                continue;
            }
            if window_running(&path) {
                continue;
            }
            match Self::read(&path) {
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

/// Whether the window that writes `recovery` still runs: it holds the lock file's lock.
fn window_running(recovery: &Path) -> bool {
    matches!(
        WindowLock::take(&RecoveryStore::lock_file(recovery)),
        Ok(None)
    )
}

/// An advisory lock on a window's lock file, held while this value lives. The OS releases
/// it when the process ends, even by SIGKILL.
#[derive(Debug)]
pub struct WindowLock {
    _file: std::fs::File,
}

impl WindowLock {
    /// Takes the lock at `path` (creating the file), or `None` if another holds it.
    fn take(path: &Path) -> Result<Option<WindowLock>, SaveError> {
        let io = |source| SaveError::Io {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WindowLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }
}
