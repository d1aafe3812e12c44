//! The Cuttings library: the model, the SQLite store (its one write path, its reads, its
//! migrations), search and the lossless archive format. Everything the desktop app and the
//! `cuttings` CLI share that is not reading an input format (`cuttings-read`) or writing an
//! output one (`cuttings-export`).
//!
//! No Tauri, no clap, no terminal here: the front ends only translate arguments and results.

pub mod archive;
pub mod coverage;
pub mod date;
pub mod date_format;
pub mod error;
pub mod markdown;
pub mod model;
pub mod search;
pub mod store;
pub mod stories;
pub mod suggest;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;

pub use date::{DateOrigin, DatePrecision, PartialDate};
pub use error::{Error, Result};
pub use model::*;
pub use search::{Filter, Match, Scope, SearchPage, Sort};
pub use store::{ClippingPatch, Inserted, Library};
