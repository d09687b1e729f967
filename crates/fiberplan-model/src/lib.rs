//! The design document as plain data: media vocabulary, part specs, placed parts and ids,
//! with the limits and placement rules that every layer above applies the same way.
//!
//! Nothing here knows about the channel graph, files or the GUI; it is what a `.ron` file
//! holds. This is the bottom of the workspace: every other Fiberplan crate builds on it.

pub mod design;
pub mod limits;
pub mod media;
pub mod parts;
pub mod placement;
pub mod specs;

pub use design::*;
pub use media::*;
pub use parts::*;
