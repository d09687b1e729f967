//! The egui views. They draw what the engine reports; they decide no verdict.

pub mod app;

pub use app::FiberplanApp;
