//! NetBox interchange. NetBox is where operations keep the record of a hall; Fiberplan is where
//! the cabling is designed and checked. This crate reads NetBox's device-type library into
//! catalog parts ([`library`]), writes the parts of a design as library types ([`types`]), and
//! turns a design into the NetBox objects of a site ([`plan`]) written as NetBox's import
//! files ([`export`]); and back: import files read into objects ([`files`]) and objects made
//! into a design ([`to_design`]). Over NetBox's REST API ([`rest`]) a site is read
//! ([`pull`]) and a design sent ([`push`]).

pub mod export;
pub mod files;
pub mod library;
pub mod plan;
pub mod pull;
pub mod push;
pub mod rest;
pub mod to_design;
pub mod types;
