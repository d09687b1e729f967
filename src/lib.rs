//! Fiberplan: a rack and patch-panel designer for MPO fiber cabling.
//!
//! The layers, in the direction data flows:
//! - [`model`]: the design document (plain data, serde, stable ids);
//! - [`catalog`]: part templates and application limits loaded from `assets/`;
//! - [`trace`]: the petgraph channel graph, per-fiber tracing and every check;
//! - [`io`]: reading and writing designs as RON;
//! - [`cli`]: the command line's text and JSON reports;
//! - [`ui`]: the egui views, which draw what the engine reports and decide no verdict.
//!
//! Nothing below `ui` knows egui exists; `ui` is built only with the `gui` feature (on by
//! default), so the engine also builds headless.

pub mod catalog;
pub mod cli;
pub mod edit;
pub mod generate;
pub mod io;
pub mod model;
pub mod report;
pub mod trace;
#[cfg(feature = "gui")]
pub mod ui;
