//! NetBox interchange. NetBox is where operations keep the record of a hall; Fiberplan is where
//! the cabling is designed and checked. This crate reads NetBox's device-type library into
//! catalog parts ([`library`]), saying what NetBox could not tell, and writes the parts of a
//! design as library types for NetBox ([`types`]).

pub mod library;
pub mod types;
