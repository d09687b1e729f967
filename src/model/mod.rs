//! The design document as plain data: media vocabulary, part specs, placed parts and ids.
//!
//! Nothing here knows about the channel graph or the GUI; it is what a `.ron` file holds.

pub mod design;
pub mod media;
pub mod parts;
pub mod specs;

pub use design::*;
pub use media::*;
pub use parts::*;
