//! The egui views. They draw what the engine reports and return what the user asked for;
//! they decide no verdict and change the model only through edits.

pub mod action;
pub mod app;
pub mod autosave;
pub mod canvas;
pub mod dialogs;
pub mod file_dialog;
pub mod findings;
pub mod inspector;
pub mod layout;
pub mod palette;
pub mod review;
pub mod spatial;
pub mod trace_view;

pub use app::{FiberplanApp, Theme};
