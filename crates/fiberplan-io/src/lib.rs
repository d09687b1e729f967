//! Reading and writing designs as RON, with errors that name the file, line and column.

pub mod format3;
pub mod migrate;
pub mod recovery;
mod split;
pub mod validate;

use fiberplan_model::{Design, FORMAT_VERSION};
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

/// Parses RON text from `path` into `T`, mapping errors to the file position. An error at
/// the very end of the text says the file may be truncated.
pub fn parse_ron<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    ron::from_str(text).map_err(|e| {
        let (line, column) = (e.span.start.line, e.span.start.col);
        let mut message = e.code.to_string();
        // A cut inside the last word fails on that word (an unknown field `polis`), not at
        // the end; a whole document ends with its closing bracket.
        let end = end_of(text.trim_end());
        let cut_short = line == end.0 && !text.trim_end().ends_with([')', ']', '}']);
        if (line, column) >= end || cut_short {
            message = format!("the file ends early, it may be truncated: {message}");
        }
        LoadError {
            path: path.to_owned(),
            line: Some(line),
            column: Some(column),
            message,
        }
    })
}

/// The (line, column) just past the end of `text`, both from 1.
fn end_of(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() + 1)
}

/// Only the version, read first so a newer file is refused before it is half-read.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// The `format_version` a design file states as its first field (as Fiberplan writes it),
/// read without parsing the rest; `None` when the file does not start that way.
fn leading_version(text: &str) -> Option<u32> {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    rest = rest.strip_prefix('(')?.trim_start();
    rest = rest.strip_prefix("format_version")?.trim_start();
    rest = rest.strip_prefix(':')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Parses a design from RON text that came from `path`, migrating an older format.
pub fn design_from_str(text: &str, path: &Path) -> Result<Design, LoadError> {
    design_from_str_upgraded(text, path).map(|(d, _)| d)
}

/// Like [`design_from_str`], also returning what the format migrations changed.
pub fn design_from_str_upgraded(
    text: &str,
    path: &Path,
) -> Result<(Design, Vec<&'static str>), LoadError> {
    let refuse = |message: String| LoadError {
        path: path.to_owned(),
        line: None,
        column: None,
        message,
    };
    // The version is read first so a newer file is refused before any of it is read as this
    // version's model. A file whose version cannot be read gets the full parser's error.
    let version = leading_version(text).or_else(|| {
        ron::from_str::<VersionProbe>(text)
            .ok()
            .map(|p| p.format_version)
    });
    match version {
        Some(v) if v > FORMAT_VERSION => {
            return Err(refuse(format!(
                "the design is format version {v}, but this Fiberplan reads versions up to {FORMAT_VERSION}; open it with a newer Fiberplan"
            )))
        }
        Some(0) => {
            return Err(refuse(
                "format_version is 0; versions start at 1".to_owned(),
            ))
        }
        _ => {}
    }
    let version = version.unwrap_or(FORMAT_VERSION);
    let mut design = if version >= 3 {
        // On every core when the file is laid out as Fiberplan writes it; otherwise, or
        // when that finds anything wrong, by the parser whose errors name the position.
        let file = match split::parse(text) {
            Some(file) => file,
            None => parse_ron::<format3::DesignFile>(text, path)?,
        };
        file.into_design().map_err(refuse)?
    } else {
        // Formats 1 and 2 wrote each part with its whole spec, as the model holds it.
        parse_ron::<Design>(text, path)?
    };
    let changes = migrate::upgrade(&mut design, version);
    Ok((design, changes))
}

/// Reads the design at `path`, refusing a damaged one with every problem listed (see
/// [`open_design`] to open the rest of a damaged design).
pub fn load_design(path: &Path) -> Result<Design, LoadError> {
    refuse_damage(open_design(path)?, path)
}

/// The design of `opened`, or an error listing its damage.
fn refuse_damage(opened: Opened, path: &Path) -> Result<Design, LoadError> {
    if opened.problems.is_empty() {
        return Ok(opened.design);
    }
    let list: Vec<String> = opened.problems.iter().map(|p| format!("  {p}")).collect();
    Err(LoadError {
        path: path.to_owned(),
        line: None,
        column: None,
        message: format!(
            "the design is damaged in {} place(s):\n{}",
            opened.problems.len(),
            list.join("\n")
        ),
    })
}

/// A design read from a file: the design with any damage repaired, the problems found, the
/// format migrations applied, and the stamp of the bytes read.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The design; where `problems` is not empty, the rest of it with the damage repaired.
    pub design: Design,
    /// Damage found, each with the repair made (empty for a sound file).
    pub problems: Vec<validate::Problem>,
    /// What the format migrations changed (empty for a current file).
    pub upgraded: Vec<&'static str>,
    /// Stamp of the bytes read, to notice later changes on disk.
    pub stamp: FileStamp,
}

/// Reads the design at `path`: syntax, type and version errors are refused with the line
/// and column; damage that RON accepts (see [`validate`]) is repaired and listed.
pub fn open_design(path: &Path) -> Result<Opened, LoadError> {
    let text = read_text(path)?;
    let (design, upgraded) = design_from_str_upgraded(&text, path)?;
    let (design, problems) = validate::repair(design);
    Ok(Opened {
        design,
        problems,
        upgraded,
        stamp: FileStamp::of(text.as_bytes()),
    })
}

/// The file's text, refusing what is not UTF-8.
fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        LoadError {
            path: path.to_owned(),
            line: Some(line),
            column: Some(column),
            message: format!("the file is not UTF-8 text (byte {at} is not part of a UTF-8 character); expected a RON design"),
        }
    })
}

/// Serializes a design as RON in the current format ([`format3`]).
pub fn design_to_string(design: &Design) -> Result<String, ron::Error> {
    format3::write(design)
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
    /// A file that is no longer needed (a recovery file) could not be removed.
    #[error("cannot remove {path}: {source}")]
    Remove {
        /// The file.
        path: PathBuf,
        /// OS error.
        source: std::io::Error,
    },
}

/// A fingerprint of a file's contents, to notice that someone else changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp(u64);

impl FileStamp {
    /// The stamp of these bytes: an FNV-1a style hash over 8-byte little-endian words (and
    /// the length), which is the same in every build, so a stamp kept in a recovery file still
    /// compares after an update, and fast enough for files of tens of megabytes.
    pub fn of(bytes: &[u8]) -> Self {
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            h = (h ^ u64::from_le_bytes(b)).wrapping_mul(PRIME);
            h ^= h >> 29;
        }
        for &b in words.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        FileStamp(h)
    }

    /// The stamp as a number, to store.
    pub fn value(self) -> u64 {
        self.0
    }

    /// A stored stamp.
    pub fn from_value(v: u64) -> Self {
        FileStamp(v)
    }

    /// The stamp of the file at `path` now, or `None` if it cannot be read (e.g. it is gone).
    pub fn read(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| FileStamp::of(&b))
    }
}

/// Reads the design at `path` with the stamp of the bytes read, refusing damage like
/// [`load_design`].
pub fn load_design_stamped(path: &Path) -> Result<(Design, FileStamp), LoadError> {
    let opened = open_design(path)?;
    let stamp = opened.stamp;
    Ok((refuse_damage(opened, path)?, stamp))
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
    // The old file's mode and owner carry over to the new one; a new file gets the usual mode
    // the umask leaves of 0666, not the 0600 of a temporary file.
    let old = std::fs::metadata(path).ok();
    let mut tmp = new_file_in(&dir).map_err(io_err)?;
    if let Some(old) = &old {
        keep_mode_and_owner(tmp.as_file(), old).map_err(io_err)?;
    }
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

/// A temporary file in `dir` created with mode 0666 less the umask, as a new file would be.
fn new_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Gives `file` the permission bits of `old`, and its owner and group where the OS allows
/// (only a privileged user may give a file away; others keep their own).
fn keep_mode_and_owner(file: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

/// The example design the app opens when started without a file.
pub const EXAMPLE_DESIGN_RON: &str =
    include_str!("../../../saved_designs/two-rack-leaf-servers.ron");

/// Name shown for the embedded example.
pub const EXAMPLE_DESIGN_NAME: &str = "two-rack-leaf-servers.ron (embedded example)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_version_is_read_without_parsing_the_rest() {
        assert_eq!(
            leading_version("(\n  format_version: 2,\n  name: ..."),
            Some(2)
        );
        assert_eq!(leading_version("\u{feff} ( format_version :17 )"), Some(17));
        // Not first, not a plain number, or not a design: the full parser decides.
        assert_eq!(leading_version("(name: \"x\", format_version: 2)"), None);
        assert_eq!(leading_version("(format_version: 2x)"), None);
        assert_eq!(leading_version("(format_version: 99999999999)"), None);
        assert_eq!(leading_version(""), None);
    }

    #[test]
    fn stamps_differ_for_any_changed_byte_and_length() {
        let text = b"(format_version: 2, name: \"hall\")".to_vec();
        let base = FileStamp::of(&text);
        for i in 0..text.len() {
            let mut t = text.clone();
            t[i] ^= 1;
            assert_ne!(FileStamp::of(&t), base, "byte {i}");
        }
        assert_ne!(FileStamp::of(&text[..text.len() - 1]), base);
        assert_eq!(FileStamp::of(&text), base);
    }
}
