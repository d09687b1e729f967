//! The `fiberplan` command: the designer window, or `check`, `report`, `diff` and `generate`
//! on the command line. Parsing is here; each command is in [`commands`], the window in
//! [`gui`], and how a command ends in [`exit`].

// The package allows unwrap for its tests; the binary itself does not.
#![warn(clippy::unwrap_used)]

mod commands;
mod exit;
mod gui;
mod startup;

use clap::{Parser, Subcommand, ValueEnum};
use exit::{CliError, Exit};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_generate::GenerateOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Fiberplan: rack and patch-panel designer for MPO fiber cabling.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Design to open in the window (default: the embedded example design).
    design: Option<PathBuf>,
    /// Open the design in review mode: read-only (notes can be added), open channels are errors.
    #[arg(long)]
    review: bool,
    /// Open the window, print how long each step of opening it took (reading and checking the
    /// design, the window and renderer, the first frame) and close it after the first frame.
    #[arg(long)]
    startup_timings: bool,
    /// Extra applications table (RON, same shape as assets/applications.ron).
    #[arg(long, global = true, value_name = "FILE")]
    applications: Option<PathBuf>,
    /// Extra catalog parts (RON, same shape as assets/catalog.ron); repeatable. An entry with
    /// the part number of a built-in part replaces it.
    #[arg(long, global = true, value_name = "FILE")]
    catalog: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The command-line commands; none opens the window.
#[derive(Subcommand)]
enum Command {
    /// Trace every fiber of a design and print each channel's verdict and every finding.
    ///
    /// Exit status: 0 without errors, 1 with errors, 2 when the file cannot be read.
    Check {
        /// The design file (.ron).
        design: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat the design as work in progress: open channels are warnings, not errors.
        #[arg(long)]
        draft: bool,
    },
    /// Export the bill of materials, label schedule, channel report (Markdown and JSON) and
    /// rack elevations (SVG) of a design into a folder.
    ///
    /// Exit status: 0 when written, 2 when the design cannot be read or a file not written.
    Report {
        /// The design file (.ron).
        design: PathBuf,
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "report")]
        out: PathBuf,
    },
    /// Apply the fix of every failing channel whose fault lies in a part (the smallest change
    /// that makes it pass without making another channel worse), write the corrected design
    /// and print what changed.
    ///
    /// Exit status: 0 when the written design passes, 1 when channels still fail, 2 when a
    /// file cannot be read or written.
    Fix {
        /// The design file (.ron).
        design: PathBuf,
        /// Where to write the corrected design (.ron).
        #[arg(long)]
        out: PathBuf,
    },
    /// Plan the upgrade of links to a target application (e.g. 100GBASE-SR4): the change of
    /// the patching layer that carries it (cassettes for MPO panels, LC cords for MPO cords,
    /// the optics), tried on the checks; write the upgraded design, print what moves, what
    /// cannot and why, the BOM delta and the trunks' fiber use, and write the same as
    /// Markdown beside the new design (`NEW.upgrade.md`).
    ///
    /// Exit status: 0 when every link that moves passes, 1 when one fails, 2 when a file
    /// cannot be read or written or the application is unknown.
    Upgrade {
        /// The design file (.ron).
        design: PathBuf,
        /// The target application, a name of the applications table.
        #[arg(long)]
        to: String,
        /// Only links with an end in these racks (labels or ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        racks: Vec<String>,
        /// The upgraded design to write (.ron).
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare two designs: parts added, removed and changed, and channels whose verdict changed.
    ///
    /// Exit status: 0 when they are the same, 1 when they differ, 2 when one cannot be read.
    Diff {
        /// The earlier design.
        old: PathBuf,
        /// The later design.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Write a synthetic data hall to reproduce large cases: rows of 8 racks (2 network racks
    /// of leaf switches, 6 of 34 servers with 4 x 25G each), 4U enclosures of Method B
    /// cassettes, Type B trunks and A-to-B cords, and a share of deliberate faults.
    ///
    /// Exit status: 0 when written, 2 when the file cannot be written.
    Generate {
        /// Racks in all.
        #[arg(long, default_value_t = 200)]
        racks: u32,
        /// Seed: the same seed and options always give the same design.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Share of channels with a deliberate fault (polarity, fiber type, reach, gender), %.
        #[arg(long, default_value_t = 1.0)]
        faults: f64,
        /// The file to write (.ron).
        out: PathBuf,
    },
    /// List every catalog part: the built-in ones, those of the catalogs in the data folder's
    /// `catalogs` (FIBERPLAN_DATA_DIR/catalogs) and of `--catalog` files, with what of each
    /// is unconfirmed.
    ///
    /// Exit status: 0, or 2 when a `--catalog` file cannot be read.
    Catalog,
    /// Write a design in another tool's import format.
    Export {
        #[command(subcommand)]
        action: ExportCommand,
    },
    /// NetBox's REST API: send a design to NetBox, or read a site from it.
    Netbox {
        #[command(subcommand)]
        action: NetboxCommand,
    },
    /// NetBox's device-type library.
    Library {
        #[command(subcommand)]
        action: LibraryCommand,
    },
}

/// The formats a design can be exported in.
#[derive(Subcommand)]
enum ExportCommand {
    /// NetBox's import files, numbered in the order NetBox takes them: manufacturers, device
    /// roles, device-type and module-type YAML for every part used, then CSV for sites, racks,
    /// devices, modules and cables, with `netbox-gaps.md` saying what NetBox cannot hold and
    /// where it was put.
    ///
    /// Exit status: 0 when written, 2 when the design cannot be read or a file not written.
    Netbox {
        /// The design file (.ron).
        design: PathBuf,
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "netbox")]
        out: PathBuf,
    },
}

/// What to do over NetBox's REST API.
#[derive(Subcommand)]
enum NetboxCommand {
    /// Create or update, by name, every object of a design in NetBox: manufacturers, roles,
    /// device and module types with their ports and maps, site, racks, devices, modules and
    /// cables. A second push changes nothing. A cable whose ends or profile changed is deleted
    /// and created again (NetBox keeps stale traces after a profile is patched).
    ///
    /// Exit status: 0 when NetBox holds the design, 2 when the design cannot be read or NetBox
    /// refuses or cannot be reached (what was already written is listed).
    Push {
        /// The design file (.ron).
        design: PathBuf,
        /// NetBox's root URL, e.g. `https://netbox.example.com`.
        #[arg(long)]
        url: String,
        /// File holding the API token: `nbt_…` (v2, sent as Bearer) or a v1 token.
        #[arg(long, value_name = "FILE")]
        token_file: PathBuf,
        /// Print what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Read a site's racks, devices, modules, ports and cables into a design, and list what
    /// could not be mapped. Types that are catalog parts (by model or part number) become those
    /// parts; others are read like library types, with their unstated parameters unconfirmed.
    ///
    /// Exit status: 0 when written, 2 when NetBox refuses or cannot be reached or the file
    /// cannot be written.
    Pull {
        /// NetBox's root URL.
        #[arg(long)]
        url: String,
        /// File holding the API token.
        #[arg(long, value_name = "FILE")]
        token_file: PathBuf,
        /// The site's name or slug.
        #[arg(long)]
        site: String,
        /// The design file to write (.ron).
        #[arg(long)]
        out: PathBuf,
        /// Replace `--out` if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// What to do with NetBox's device-type library.
#[derive(Subcommand)]
enum LibraryCommand {
    /// Read device-type and module-type YAML (files, or folders of them) into Fiberplan catalog
    /// parts: switches and servers with their optics, enclosures with a slot per module bay,
    /// cassettes with their exact maps, MPO panels. What NetBox does not say (polarity type,
    /// MPO gender, fiber grade, polish, loss) is filled with a default and listed as
    /// unconfirmed.
    ///
    /// Exit status: 0 when written, 2 when a file cannot be read or written.
    Import {
        /// YAML files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The catalog file to write (.ron, the shape of assets/catalog.ron, for --catalog);
        /// printed when not given.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// How `diff` prints.
#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

/// How `check` prints.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The built-in applications table, with the entries of `extra` added or replacing.
fn applications(extra: Option<&Path>) -> Result<ApplicationTable, CliError> {
    let mut apps = ApplicationTable::builtin();
    if let Some(path) = extra {
        apps.merge(ApplicationTable::load(path)?);
    }
    Ok(apps)
}

/// The folder a user keeps catalogs in: `catalogs` in the app's data folder
/// (FIBERPLAN_DATA_DIR overrides the data folder).
fn catalog_folder() -> Option<PathBuf> {
    std::env::var_os("FIBERPLAN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Fiberplan"))
        .map(|d| d.join("catalogs"))
}

/// The built-in catalog, with the parts of every catalog in the user's catalog folder and then
/// of every file in `extra` added or replacing. A file of the folder that cannot be read is
/// passed over with a message (the folder is not the user's command); a file named on the
/// command line that cannot be read is an error.
fn catalog(extra: &[PathBuf]) -> Result<Catalog, CliError> {
    let mut catalog = Catalog::builtin();
    if let Some(folder) = catalog_folder() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        for path in files {
            match Catalog::load(&path) {
                Ok(c) => catalog.merge(c),
                Err(e) => eprintln!("fiberplan: catalog left out: {e}"),
            }
        }
    }
    for path in extra {
        catalog.merge(Catalog::load(path)?);
    }
    Ok(catalog)
}

/// Runs what the command line asks for; `began` is when the process started.
fn run(cli: Cli, began: Instant) -> Result<Exit, CliError> {
    let apps = applications(cli.applications.as_deref())?;
    match cli.command {
        Some(Command::Check {
            design,
            format,
            draft,
        }) => commands::check(&design, format, draft, &apps, &catalog(&cli.catalog)?),
        Some(Command::Catalog) => commands::list_catalog(&catalog(&cli.catalog)?),
        Some(Command::Report { design, out }) => {
            commands::report(&design, &out, &apps, &catalog(&cli.catalog)?)
        }
        Some(Command::Fix { design, out }) => {
            commands::fix(&design, &out, &apps, &catalog(&cli.catalog)?)
        }
        Some(Command::Upgrade {
            design,
            to,
            racks,
            out,
        }) => commands::upgrade(&design, &to, &racks, &out, &apps, &catalog(&cli.catalog)?),
        Some(Command::Diff { old, new, format }) => commands::diff(&old, &new, format, &apps),
        Some(Command::Generate {
            racks,
            seed,
            faults,
            out,
        }) => commands::generate(
            GenerateOptions {
                racks,
                seed,
                fault_percent: faults,
            },
            &out,
        ),
        Some(Command::Export {
            action: ExportCommand::Netbox { design, out },
        }) => commands::export_netbox(&design, &out),
        Some(Command::Netbox {
            action:
                NetboxCommand::Push {
                    design,
                    url,
                    token_file,
                    dry_run,
                },
        }) => commands::netbox_push(&design, &url, &token_file, dry_run),
        Some(Command::Netbox {
            action:
                NetboxCommand::Pull {
                    url,
                    token_file,
                    site,
                    out,
                    force,
                },
        }) => commands::netbox_pull(
            &url,
            &token_file,
            &site,
            &out,
            force,
            &catalog(&cli.catalog)?,
        ),
        Some(Command::Library {
            action: LibraryCommand::Import { paths, out },
        }) => commands::library_import(&paths, out.as_deref()),
        None => gui::run(
            cli.design.as_deref(),
            gui::Options {
                review: cli.review,
                startup_timings: cli.startup_timings.then_some(began),
            },
            apps,
            catalog(&cli.catalog)?,
        ),
    }
}

fn main() -> ExitCode {
    let began = Instant::now();
    match run(Cli::parse(), began) {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("fiberplan: {e}");
            Exit::Failure.into()
        }
    }
}
