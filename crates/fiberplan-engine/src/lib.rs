//! Fiberplan's fiber engine: the parts catalog and application limits, the petgraph channel
//! graph built from a design, per-fiber tracing, every check, and the report that is kept up
//! to date edit by edit.
//!
//! Data flows one way: a [`fiberplan_model::Design`] goes in, a [`trace::Report`] of channels
//! and findings comes out. Nothing here knows the window exists.

pub mod catalog;
pub mod trace;
