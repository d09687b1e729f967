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
    /// The file system refused.
    #[error("cannot save {path}: {source}")]
    Io {
        /// Target file.
        path: PathBuf,
        /// OS error.
        source: std::io::Error,
    },
}

/// Saves `design` to `path`: writes a temporary file beside it, then renames it over the
/// target, so a failed save leaves the old file whole.
pub fn save_design(design: &Design, path: &Path) -> Result<(), SaveError> {
    let text = design_to_string(design)?;
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".saving");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text.as_bytes()).map_err(io_err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_err(e)
    })
}

/// The example design the app opens when started without a file.
pub const EXAMPLE_DESIGN_RON: &str = include_str!("../../saved_designs/two-rack-leaf-servers.ron");

/// Name shown for the embedded example.
pub const EXAMPLE_DESIGN_NAME: &str = "two-rack-leaf-servers.ron (embedded example)";
