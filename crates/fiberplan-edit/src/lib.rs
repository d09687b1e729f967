//! Edits: the only way the model changes. Each [`Edit`] applied to a design returns its
//! inverse, so [`History`] can undo and redo any sequence exactly. [`Document`] is a design
//! open in the window: the only way to change it is an edit through it, which re-checks at
//! once. Below the window, this crate also holds the rules the window asks while editing:
//! where a part may go ([`placement`]), what a palette drop or a drawn cable makes
//! ([`new_part`]), the cassette-or-breakout advice with its swap edits ([`advice`]), the
//! fixes of failing channels ([`blame`]) and what a search of the design finds ([`find`]).

pub mod advice;
mod apply;
pub mod blame;
pub mod clipboard;
pub mod document;
mod edit;
pub mod find;
mod history;
pub mod matrix;
pub mod new_part;
pub mod patch;
pub mod placement;
pub mod route;
pub mod swap;
pub mod upgrade;

pub use apply::{apply, delete, delete_all, fresh_id};
pub use document::Document;
pub use edit::{Edit, EditError, Part};
pub use history::History;
