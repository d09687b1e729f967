//! The designer window, opened on a file, a damaged file's repair offer, or the embedded
//! example design.

use crate::exit::{CliError, Exit};
use fiberplan_app::app::DialogChoice;
use fiberplan_app::dialogs::NativeDialogs;
use fiberplan_app::FiberplanApp;
use fiberplan_edit::Document;
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_io::recovery::RecoveryStore;
use fiberplan_io::{design_from_str, open_design, Opened, EXAMPLE_DESIGN_NAME, EXAMPLE_DESIGN_RON};
use fiberplan_model::{Design, FORMAT_VERSION};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The document the window opens with, a damaged file to offer repairing, and a note for
/// the status bar.
struct Start {
    doc: Document,
    damaged: Option<(PathBuf, Opened)>,
    notice: Option<String>,
}

/// What the window opens on: `path`, or the embedded example without one.
fn start(path: Option<&Path>, apps: &ApplicationTable) -> Result<Start, CliError> {
    let Some(p) = path else {
        let example = design_from_str(EXAMPLE_DESIGN_RON, Path::new(EXAMPLE_DESIGN_NAME))?;
        let mut doc = Document::new(example, None, apps.clone());
        doc.set_untitled_name(EXAMPLE_DESIGN_NAME.to_owned());
        return Ok(Start {
            doc,
            damaged: None,
            notice: None,
        });
    };
    if !p.exists() {
        // As editors do: a path that does not exist yet is a new design saved there.
        let name = p.file_stem().map_or_else(
            || "Untitled".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        return Ok(Start {
            doc: Document::new(Design::new(&name), Some(p.to_owned()), apps.clone()),
            damaged: None,
            notice: Some(format!(
                "{} does not exist yet: a new design, saved there with Ctrl+S",
                p.display()
            )),
        });
    }
    let o = open_design(p)?;
    if !o.problems.is_empty() {
        // The window opens on an empty design and asks whether to open the rest.
        return Ok(Start {
            doc: Document::new(Design::new("Untitled"), None, apps.clone()),
            damaged: Some((p.to_owned(), o)),
            notice: None,
        });
    }
    let notice = (!o.upgraded.is_empty()).then(|| {
        format!(
            "{} is in an older format ({}); saving writes format {FORMAT_VERSION}",
            p.display(),
            o.upgraded.join("; ")
        )
    });
    Ok(Start {
        doc: Document::for_file(o.design, p.to_owned(), o.stamp, apps.clone()),
        damaged: None,
        notice,
    })
}

/// How the window opens.
pub struct Options {
    /// In review mode (read-only, open channels are errors).
    pub review: bool,
    /// When the process started, to print the start-up timings and close after the first
    /// frame (`--startup-timings`); `None` to run normally.
    pub startup_timings: Option<Instant>,
}

/// Opens the window and runs it until it closes.
pub fn run(
    path: Option<&Path>,
    options: Options,
    apps: ApplicationTable,
    catalog: Catalog,
) -> Result<Exit, CliError> {
    let began = options.startup_timings;
    // The design is read and checked on its own thread while the window system and the
    // renderer start, so the two overlap instead of following each other.
    let loading = {
        let path = path.map(Path::to_owned);
        let apps = apps.clone();
        std::thread::spawn(move || (start(path.as_deref(), &apps), Instant::now()))
    };
    // Taken by the window once it is ready; still here if the window never opened.
    let loading = Arc::new(Mutex::new(Some(loading)));
    let loading_in_window = Arc::clone(&loading);
    // Unsaved work goes to the app's data folder (FIBERPLAN_DATA_DIR overrides it).
    let recovery = std::env::var_os("FIBERPLAN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Fiberplan"))
        .map(|d| RecoveryStore::new(d.join("recovery")));
    let options_native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            // The first frame sets the design's own title.
            .with_title("Fiberplan")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let review = options.review;
    // A design that cannot be opened ends the command with its own error, not the window's.
    let failed: Arc<Mutex<Option<CliError>>> = Arc::default();
    let failed_in_window = Arc::clone(&failed);
    let window_opening = Instant::now();
    let outcome = eframe::run_native(
        "Fiberplan",
        options_native,
        Box::new(move |cc| {
            let window_ready = Instant::now();
            let handle = loading_in_window.lock().ok().and_then(|mut h| h.take());
            let (started, design_ready) = joined(handle);
            let Start {
                doc,
                damaged,
                notice,
            } = match started {
                Ok(s) => s,
                Err(e) => {
                    let message = e.to_string();
                    if let Ok(mut slot) = failed_in_window.lock() {
                        *slot = Some(e);
                    }
                    return Err(message.into());
                }
            };
            let mut app = FiberplanApp::new(doc, catalog, apps, Box::new(NativeDialogs));
            if let Some(store) = recovery {
                app = app.with_recovery(store);
            }
            app.load_recent(cc.storage);
            app.set_theme(&cc.egui_ctx, app.theme);
            if let Some(choice) = DialogChoice::from_env() {
                app.set_dialog_choice(choice);
            }
            app.set_review(review);
            if let Some((p, o)) = damaged {
                app.offer_damaged(p, o);
            }
            if let Some(n) = notice {
                app.notice = Some((n, false));
            }
            match began {
                Some(began) => Ok(Box::new(crate::startup::Timed::new(
                    app,
                    crate::startup::Milestones {
                        began,
                        window_opening,
                        window_ready,
                        design_ready,
                        app_ready: Instant::now(),
                    },
                ))),
                None => Ok(Box::new(app)),
            }
        }),
    );
    if let Some(e) = failed.lock().ok().and_then(|mut slot| slot.take()) {
        return Err(e);
    }
    if let Err(window) = outcome {
        // A window that never opened (no display) says so, unless the design itself could
        // not be read: that is the error to fix first.
        let handle = loading.lock().ok().and_then(|mut h| h.take());
        if handle.is_some() {
            joined(handle).0?;
        }
        return Err(window.into());
    }
    Ok(Exit::Success)
}

/// What the loading thread `handle` ended with, and when.
fn joined(handle: Option<Loading>) -> (Result<Start, CliError>, Instant) {
    let lost = || {
        CliError::Startup(
            "the design could not be opened: reading it stopped unexpectedly".to_owned(),
        )
    };
    match handle.map(std::thread::JoinHandle::join) {
        Some(Ok(done)) => done,
        _ => (Err(lost()), Instant::now()),
    }
}

/// The thread reading and checking the design the window opens on.
type Loading = std::thread::JoinHandle<(Result<Start, CliError>, Instant)>;
