//! Reading and writing designs as RON, with errors that name the file, line and column.

use crate::model::{Design, FORMAT_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What went wrong and what was expected.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl LoadError {
    /// An operating-system error on `path`.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        LoadError {
            path: path.to_owned(),
            line: None,
            column: None,
            message: format!("cannot read the file: {e}"),
        }
    }
}

/// Parses RON text from `path` into `T`, mapping errors to the file position.
pub fn parse_ron<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    ron::from_str(text).map_err(|e| LoadError {
        path: path.to_owned(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message: e.code.to_string(),
    })
}

/// Only the version, read first so a newer file is refused before it is half-read.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Parses a design from RON text that came from `path`.
pub fn design_from_str(text: &str, path: &Path) -> Result<Design, LoadError> {
    if let Ok(probe) = ron::from_str::<VersionProbe>(text) {
        if probe.format_version > FORMAT_VERSION {
            return Err(LoadError {
                path: path.to_owned(),
                line: None,
                column: None,
                message: format!(
                    "the design is format version {}, but this Fiberplan reads versions up to {FORMAT_VERSION}; open it with a newer Fiberplan",
                    probe.format_version
                ),
            });
        }
    }
    parse_ron(text, path)
}

/// Reads the design at `path`.
pub fn load_design(path: &Path) -> Result<Design, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::io(path, &e))?;
    design_from_str(&text, path)
}

/// Serializes a design as pretty RON.
pub fn design_to_string(design: &Design) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(8)
        .indentor("  ".to_owned());
    ron::ser::to_string_pretty(design, config)
}

/// Why a design could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The design could not be serialized.
    #[error("cannot write the design as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// The file changed on disk since it was opened or last saved.
    #[error("{path} was changed by someone else since it was opened; not overwritten")]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// The file system refused.
    #[error("cannot save {path}: {source}")]
    Io {
        /// Target file.
        path: PathBuf,
        /// OS error.
        source: std::io::Error,
    },
}

/// A fingerprint of a file's contents, to notice that someone else changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp(u64);

impl FileStamp {
    /// The stamp of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        FileStamp(h.finish())
    }

    /// The stamp of the file at `path` now, or `None` if it cannot be read (e.g. it is gone).
    pub fn read(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| FileStamp::of(&b))
    }
}

/// Reads the design at `path` with the stamp of the bytes read.
pub fn load_design_stamped(path: &Path) -> Result<(Design, FileStamp), LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| LoadError {
        path: path.to_owned(),
        line: None,
        column: None,
        message: format!(
            "the file is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let design = design_from_str(&text, path)?;
    Ok((design, FileStamp::of(text.as_bytes())))
}

/// Saves `design` to `path` so that no failure can cost the old file: the text goes to a
/// temporary file in the same folder, is flushed and synced, the old file is kept as
/// `NAME.ron.bak`, and only then is the new file renamed over the target. Returns the stamp
/// of what was written.
pub fn save_design(design: &Design, path: &Path) -> Result<FileStamp, SaveError> {
    use std::io::Write as _;
    let text = design_to_string(design)?;
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io_err)?;
    tmp.write_all(text.as_bytes()).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    if path.exists() {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        std::fs::copy(path, PathBuf::from(bak)).map_err(io_err)?;
    }
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    // Make the rename itself durable where the platform allows syncing a folder.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(FileStamp::of(text.as_bytes()))
}

/// The example design the app opens when started without a file.
pub const EXAMPLE_DESIGN_RON: &str = include_str!("../../saved_designs/two-rack-leaf-servers.ron");

/// Name shown for the embedded example.
pub const EXAMPLE_DESIGN_NAME: &str = "two-rack-leaf-servers.ron (embedded example)";
