//! Reports for reviewers, buyers and installers: bill of materials, label schedule, channel
//! report (Markdown, and text or JSON in [`check_report`]), rack elevations and channel
//! traces as SVG, and design comparison. Plain text out; no GUI type in here.

pub mod bom;
pub mod bom_delta;
pub mod check_report;
pub mod diff;
pub mod ids;
pub mod labels;
pub mod markdown;
pub mod matrix;
pub mod svg;
pub mod trace_diagram;

use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::Report;
use fiberplan_model::Design;
use std::path::{Path, PathBuf};

/// One exported file: its name and contents.
pub struct Export {
    /// File name.
    pub name: String,
    /// Contents.
    pub text: String,
}

/// Why exports failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// CSV writing failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// JSON writing failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// OS error.
        source: std::io::Error,
    },
}

/// Every export of a design: bom.csv, labels.csv, channels.md (with the application
/// matrix), channels.json, upgrade-matrix.csv, elevations.svg.
pub fn all_exports(
    design: &Design,
    report: &Report,
    catalog: &Catalog,
    apps: &ApplicationTable,
    source: &str,
) -> Result<Vec<Export>, ExportError> {
    let rows = fiberplan_edit::matrix::design_matrix(design, report, catalog, apps);
    Ok(vec![
        Export {
            name: "bom.csv".into(),
            text: bom::bom_csv(&bom::bom(design, catalog))?,
        },
        Export {
            name: "labels.csv".into(),
            text: labels::labels_csv(&labels::label_schedule(design, report))?,
        },
        Export {
            name: "channels.md".into(),
            text: markdown::channel_report_md(design, report) + "\n" + &matrix::matrix_md(&rows),
        },
        Export {
            name: "channels.json".into(),
            text: check_report::json_report(design, source, report, &Default::default())? + "\n",
        },
        Export {
            name: "upgrade-matrix.csv".into(),
            text: matrix::matrix_csv(&rows)?,
        },
        Export {
            name: "elevations.svg".into(),
            text: svg::elevations_svg(design, report),
        },
    ])
}

/// Writes exports into `dir` (created if missing); returns the paths written.
pub fn write_exports(dir: &Path, exports: &[Export]) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::new();
    for e in exports {
        let path = dir.join(&e.name);
        std::fs::write(&path, &e.text).map_err(|source| ExportError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
