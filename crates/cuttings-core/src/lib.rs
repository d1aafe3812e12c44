//! The Cuttings library: everything the desktop app and the `cuttings` CLI share.
//!
//! No Tauri, no clap, no terminal here: the two front ends only translate arguments and results.

pub mod bench;
pub mod date;
pub mod error;
pub mod import;
pub mod model;
pub mod parse;
pub mod search;
pub mod store;

pub use date::{DateOrigin, DatePrecision, PartialDate};
pub use error::{Error, Result};
pub use model::*;
pub use search::{Filter, Match, Scope, SearchPage, Sort};
pub use store::{ClippingPatch, Inserted, Library};
