//! The commands the UI calls. Each is a few lines that call `cuttings-core`; the rules live there.

pub mod capture;
pub mod clippings;
pub mod coverage;
pub mod export;
pub mod import;
pub mod library;
pub mod rules;
pub mod stories;
pub mod suggest;
pub mod tags;
