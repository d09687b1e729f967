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

/// Opens the window and runs it until it closes.
pub fn run(
    path: Option<&Path>,
    review: bool,
    apps: ApplicationTable,
    catalog: Catalog,
) -> Result<Exit, CliError> {
    let Start {
        doc,
        damaged,
        notice,
    } = start(path, &apps)?;
    // Unsaved work goes to the app's data folder (FIBERPLAN_DATA_DIR overrides it).
    let recovery = std::env::var_os("FIBERPLAN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("Fiberplan"))
        .map(|d| RecoveryStore::new(d.join("recovery")));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(doc.title())
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Fiberplan",
        options,
        Box::new(move |cc| {
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
            Ok(Box::new(app))
        }),
    )?;
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_does_not_exist_yet_opens_an_empty_design_that_saves_there(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("new-hall.ron");
        let start = start(Some(&path), &ApplicationTable::builtin())?;
        assert_eq!(start.doc.path(), Some(path.as_path()));
        assert_eq!(start.doc.design().name, "new-hall");
        assert!(start.doc.design().racks.is_empty());
        assert!(start
            .notice
            .is_some_and(|n| n.contains("does not exist yet") && n.contains("Ctrl+S")));
        assert!(!path.exists(), "nothing is written until the user saves");
        Ok(())
    }
}
