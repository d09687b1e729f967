//! The channel graph and every check on it.
//!
//! [`check()`] builds a [`ChannelGraph`] from a design, traces every transmitter with
//! [`walk::trace_all`], and turns each fiber's end, the matings it crosses and its loss into
//! [`Finding`]s grouped by [`Channel`].

pub mod budget;
pub mod channel;
pub mod check;
pub mod finding;
pub mod graph;
pub mod layout;
pub mod maps;
pub mod mating;
pub mod pieces;
pub mod report;
pub mod walk;

pub use channel::{Budget, Channel, CheckMode, Verdict};
pub use check::check;
pub use finding::{Finding, Hop, PlugSite, Rule, Severity};
pub use graph::ChannelGraph;
pub use report::Report;
