//! Reading every input Cuttings takes into [`ClippingDraft`]s: plain text and wire copy,
//! Markdown with front matter, web pages, feeds, e-mail, PDFs, other tools' exports and pages
//! fetched by address; and the importer that walks files and folders and hands what it read to
//! the store. Nothing here writes SQL: the store in `cuttings-core` does.
//!
//! [`ClippingDraft`]: cuttings_core::ClippingDraft

pub mod capture;
pub mod decode;
pub mod import;
pub mod parse;
pub mod title;
