//! Listing and searching clippings: one filter model for the app's sidebar and search box, the
//! CLI's flags and saved searches, turned into one SQL query with bound parameters.
//!
//! - `filter`: what a list asks for ([`Filter`], [`Scope`], [`Match`], [`Sort`]) and the
//!   page it gets ([`SearchPage`]);
//! - `query`: the search language people type;
//! - `plan`: a filter turned into SQL conditions and an FTS5 expression;
//! - `filter_words`: the words the index holds for tags, sources and years;
//! - `run`: pages, counts and ids, by whichever way the plan allows;
//! - `rank`, `snippet`: relevance and the lines shown around the hits;
//! - `tally`: a list's rows counted by date, and by date and source or topic;
//! - `timeline`: clippings per month;
//! - `saved`: checking a search before the store keeps it.

mod filter;
pub(crate) mod filter_words;
mod plan;
mod query;
pub(crate) mod rank;
mod run;
mod saved;
mod snippet;
mod tally;
mod timeline;

#[cfg(test)]
mod tests;

pub use filter::{Filter, Match, Scope, SearchPage, Sort};
pub use query::{filter_to_query, Query};
pub(crate) use tally::ListedCopy;
pub use timeline::{MonthCount, Timeline};

/// Marks around a search hit inside a snippet. Control characters, so they can never collide
/// with article text and a front end can split on them before escaping.
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';
