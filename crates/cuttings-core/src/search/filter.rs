//! What a list or a search can ask for: the filter, the part of the library, the order, and
//! the page that comes back.

use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::Query;
use crate::date::PartialDate;
use crate::model::{ClippingId, ClippingSummary, Status};

/// Which part of the library a list shows.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Everything outside the trash.
    #[default]
    Live,
    Trash,
}

/// How several chosen tags combine.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    #[default]
    All,
    Any,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first when there are search words, else newest first.
    #[default]
    Relevance,
    /// Newest first; undated last.
    Date,
    /// Oldest first; undated first.
    DateAsc,
    Source,
    Title,
    /// Most recently captured first.
    Captured,
}

/// Everything a list can be narrowed by.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Search text in the search language (see [`Query`]); may carry inline filters.
    pub text: String,
    /// Each includes its descendants.
    pub tags: Vec<String>,
    pub tag_match: Match,
    /// Any of these (names or aliases).
    pub sources: Vec<String>,
    /// Any of these; part of a name is enough.
    pub authors: Vec<String>,
    pub places: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// With a date range, keep clippings whose date is unknown.
    pub include_undated: bool,
    pub status: Option<Status>,
    pub starred: Option<bool>,
    pub scope: Scope,
    /// Only these clippings (a hand-picked selection).
    pub ids: Option<Vec<ClippingId>>,
    /// One row per story: a story's copies after the first that matches are left out, so
    /// lists, counts and the timeline count stories rather than pickups.
    pub group_copies: bool,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub items: Vec<ClippingSummary>,
    /// How many match in all, when asked for.
    pub total: Option<i64>,
}
