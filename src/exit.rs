//! How `fiberplan` ends: its exit status and the one error type of the command line.

use std::process::ExitCode;

/// The exit status of every `fiberplan` command, as the help texts promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done; the design passes, or the designs are the same.
    Success = 0,
    /// 1: done, and the design has errors, or the designs differ.
    Findings = 1,
    /// 2: a file could not be read or written, or the window could not open.
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Why a command could not finish. Each is printed once, as `fiberplan: <error>`, and ends
/// the command with [`Exit::Failure`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A design, catalog or applications file could not be read.
    #[error(transparent)]
    Load(#[from] fiberplan_io::LoadError),
    /// A design could not be saved.
    #[error(transparent)]
    Save(#[from] fiberplan_io::SaveError),
    /// Report files could not be written.
    #[error(transparent)]
    Export(#[from] fiberplan_export::ExportError),
    /// A JSON report could not be written.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The window could not open.
    #[error("cannot open the window: {0}")]
    Window(#[from] eframe::Error),
    /// The window could not open its design.
    #[error("{0}")]
    Startup(String),
    /// Standard output could not be written.
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// A NetBox library file could not be read.
    #[error(transparent)]
    Library(#[from] fiberplan_netbox::library::LibraryError),
    /// NetBox refused a request or could not be reached.
    #[error(transparent)]
    Netbox(#[from] fiberplan_netbox::rest::RestError),
    /// A push stopped part way (what it had written was printed before).
    #[error(transparent)]
    Push(#[from] fiberplan_netbox::push::PushError),
    /// An upgrade could not be planned.
    #[error(transparent)]
    Upgrade(#[from] fiberplan_edit::upgrade::UpgradeError),
    /// A rack named on the command line is not in the design.
    #[error("no rack {0} in the design")]
    NoRack(String),
    /// A file that would be replaced exists.
    #[error("{}: exists; pass --force to replace it", path.display())]
    Exists {
        /// The file.
        path: std::path::PathBuf,
    },
    /// A catalog could not be written as text.
    #[error("cannot write the catalog: {0}")]
    Catalog(String),
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Writes a command's output to standard output. A reader that stopped reading (`| head`)
/// is not an error: the command goes on (a `fix` still writes its design) and says no more.
pub fn say(args: std::fmt::Arguments<'_>) -> Result<(), CliError> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_fmt(args) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
        _ => Ok(()),
    }
}

/// Standard output, buffered, for a report written as it is made rather than built whole
/// first (as text through `fmt::Write`, or by serde_json through `io::Write`). A reader that
/// stopped reading ends the writing quietly, as with [`say`].
pub struct Out {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    error: Option<std::io::Error>,
}

impl Out {
    /// Standard output, locked for this writer.
    pub fn new() -> Self {
        Out {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            error: None,
        }
    }

    /// Writes what is buffered; the first error met, unless the reader stopped reading.
    pub fn finish(mut self) -> Result<(), CliError> {
        use std::io::Write as _;
        if self.error.is_none() {
            self.error = self.out.flush().err();
        }
        match self.error {
            Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
            _ => Ok(()),
        }
    }
}

impl std::io::Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl std::fmt::Write for Out {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        use std::io::Write as _;
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}
