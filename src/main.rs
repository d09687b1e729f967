//! The `fiberplan` command: the designer window, or `check` on the command line.

use clap::{Parser, Subcommand, ValueEnum};
use fiberplan::catalog::{ApplicationTable, Catalog};
use fiberplan::cli::{json_report, text_report};
use fiberplan::edit::Document;
use fiberplan::generate::{generate, GenerateOptions};
use fiberplan::io::recovery::RecoveryStore;
use fiberplan::io::{
    design_from_str, load_design, open_design, save_design, EXAMPLE_DESIGN_NAME, EXAMPLE_DESIGN_RON,
};
use fiberplan::model::{Design, FORMAT_VERSION};
use fiberplan::trace::{check, CheckMode};
use fiberplan::ui::dialogs::NativeDialogs;
use fiberplan::ui::FiberplanApp;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Fiberplan: rack and patch-panel designer for MPO fiber cabling.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Design to open in the window (default: the embedded example design).
    design: Option<PathBuf>,
    /// Open the design in review mode: read-only (notes can be added), open channels are errors.
    #[arg(long)]
    review: bool,
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
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn applications(extra: Option<&Path>) -> Result<ApplicationTable, String> {
    let mut apps = ApplicationTable::builtin();
    if let Some(path) = extra {
        apps.merge(ApplicationTable::load(path).map_err(|e| e.to_string())?);
    }
    Ok(apps)
}

fn run_check(path: &Path, format: Format, draft: bool, apps: &ApplicationTable) -> ExitCode {
    let design = match load_design(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fiberplan: {e}");
            return ExitCode::from(2);
        }
    };
    let mode = if draft {
        CheckMode::Draft
    } else {
        CheckMode::Review
    };
    let report = check(&design, apps, mode);
    let source = path.display().to_string();
    match format {
        Format::Text => print!("{}", text_report(&design, &source, &report)),
        Format::Json => match json_report(&design, &source, &report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("fiberplan: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        },
    }
    if report.passes() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn catalog(extra: &[PathBuf]) -> Result<Catalog, String> {
    let mut catalog = Catalog::builtin();
    for path in extra {
        catalog.merge(Catalog::load(path).map_err(|e| e.to_string())?);
    }
    Ok(catalog)
}

fn run_report(path: &Path, out: &Path, apps: &ApplicationTable, catalog: &Catalog) -> ExitCode {
    let design = match load_design(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fiberplan: {e}");
            return ExitCode::from(2);
        }
    };
    let report = check(&design, apps, CheckMode::Review);
    let written =
        fiberplan::report::all_exports(&design, &report, catalog, &path.display().to_string())
            .and_then(|exports| fiberplan::report::write_exports(out, &exports));
    match written {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fiberplan: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_diff(old: &Path, new: &Path, format: DiffFormat, apps: &ApplicationTable) -> ExitCode {
    let (a, b) = match (load_design(old), load_design(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("fiberplan: {e}");
            return ExitCode::from(2);
        }
    };
    let (ra, rb) = (
        check(&a, apps, CheckMode::Review),
        check(&b, apps, CheckMode::Review),
    );
    let d = fiberplan::report::diff::diff(&a, &ra, &b, &rb);
    match format {
        DiffFormat::Text => print!("{}", fiberplan::report::diff::diff_text(&d)),
        DiffFormat::Json => match serde_json::to_string_pretty(&d) {
            Ok(j) => println!("{j}"),
            Err(e) => {
                eprintln!("fiberplan: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        },
    }
    if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run_generate(opts: GenerateOptions, out: &Path) -> ExitCode {
    let (design, figures) = generate(opts);
    if let Err(e) = save_design(&design, out) {
        eprintln!("fiberplan: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{}: {} racks, {} parts, {} cables, {} channels ({} traced fibers), {} fiber strands, {} faults planted",
        out.display(),
        design.racks.len(),
        design.enclosures.len() + design.modules.len() + design.equipment.len(),
        design.cables.len(),
        figures.channels,
        2 * figures.channels,
        figures.strands,
        figures.faults.len()
    );
    ExitCode::SUCCESS
}

fn run_gui(
    path: Option<&Path>,
    review: bool,
    apps: ApplicationTable,
    catalog: Catalog,
) -> ExitCode {
    let opened = match path {
        Some(p) => open_design(p).map(|o| Some((p.to_owned(), o))),
        None => Ok(None),
    };
    let opened = match opened {
        Ok(x) => x,
        Err(e) => {
            eprintln!("fiberplan: {e}");
            return ExitCode::from(2);
        }
    };
    let example = || design_from_str(EXAMPLE_DESIGN_RON, Path::new(EXAMPLE_DESIGN_NAME));
    let mut damaged = None;
    let mut notice = None;
    let doc = match opened {
        Some((p, o)) if o.problems.is_empty() => {
            if !o.upgraded.is_empty() {
                notice = Some(format!(
                    "{} is in an older format ({}); saving writes format {FORMAT_VERSION}",
                    p.display(),
                    o.upgraded.join("; ")
                ));
            }
            Document::for_file(o.design, p, o.stamp, apps.clone())
        }
        Some((p, o)) => {
            // The window opens on an empty design and asks whether to open the rest.
            damaged = Some((p, o));
            Document::new(Design::new("Untitled"), None, apps.clone())
        }
        None => match example() {
            Ok(d) => {
                let mut doc = Document::new(d, None, apps.clone());
                doc.untitled_name = EXAMPLE_DESIGN_NAME.to_owned();
                doc
            }
            Err(e) => {
                eprintln!("fiberplan: {e}");
                return ExitCode::from(2);
            }
        },
    };
    // Unsaved work goes to the app's data folder (FIBERPLAN_DATA_DIR overrides it).
    let recovery = std::env::var_os("FIBERPLAN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Fiberplan"))
        .map(|d| RecoveryStore::new(d.join("recovery")));
    let title = doc.title();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Fiberplan",
        options,
        Box::new(move |cc| {
            let mut app = FiberplanApp::new(doc, catalog, apps, Box::new(NativeDialogs));
            if let Some(store) = recovery {
                app = app.with_recovery(store);
            }
            app.load_recent(cc.storage);
            app.set_review(review);
            if let Some((p, o)) = damaged {
                app.offer_damaged(p, o);
            }
            if let Some(n) = notice {
                app.notice = Some((n, false));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fiberplan: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let apps = match applications(cli.applications.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fiberplan: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Check {
            design,
            format,
            draft,
        }) => run_check(&design, format, draft, &apps),
        Some(Command::Report { design, out }) => match catalog(&cli.catalog) {
            Ok(catalog) => run_report(&design, &out, &apps, &catalog),
            Err(e) => {
                eprintln!("fiberplan: {e}");
                ExitCode::from(2)
            }
        },
        Some(Command::Diff { old, new, format }) => run_diff(&old, &new, format, &apps),
        Some(Command::Generate {
            racks,
            seed,
            faults,
            out,
        }) => run_generate(
            GenerateOptions {
                racks,
                seed,
                fault_percent: faults,
            },
            &out,
        ),
        None => match catalog(&cli.catalog) {
            Ok(catalog) => run_gui(cli.design.as_deref(), cli.review, apps, catalog),
            Err(e) => {
                eprintln!("fiberplan: {e}");
                ExitCode::from(2)
            }
        },
    }
}
