//! Coverage: how much a filter's list holds over time, by source, by topic or by saved search,
//! in clippings or in stories, with each line's share of the whole. The window's Analysis view,
//! `cuttings coverage` and the reports' coverage section all show these figures and compute
//! none of their own.
//!
//! Every figure is a tally of the list's own rows for the same filter: with copies grouped
//! (`Filter::group_copies`) a row is a story, standing at its first matching copy, so a story
//! counts once, in that copy's period and for that copy's source. Nothing is dropped: rows
//! dated less precisely than the interval (a month in a daily chart) and undated rows are
//! counted beside each line's periods.
//!
//! - `buckets`: the periods (days, ISO weeks, months, years) and where a stored date falls;
//! - `series`: the series for a question ([`Library::coverage`]);
//! - `spread`: how stories spread: who carried each first and how long pickups took;

mod buckets;
mod series;
mod spread;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::search::Filter;

pub use buckets::{Bucket, Every};
pub use spread::{OutletSpread, Pickup, Spread, StorySpread};

#[cfg(doc)]
use crate::store::Library;

/// What the lines of a series are.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// The whole list alone.
    #[default]
    None,
    /// One line a source; the lines add up to the whole.
    Source,
    /// One line a topic at the chosen depth, with its subtopics; a row under two topics counts
    /// in both.
    Topic,
    /// One line a saved search: the list narrowed by it.
    Saved,
}

/// A coverage question: the list's filter (its `group_copies` counts stories), the interval,
/// and the lines.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoverageAsk {
    pub filter: Filter,
    pub every: Every,
    pub by: Split,
    /// For topics: 1 for the top of the tree, 2 for their children, and so on. A tag above
    /// that depth is a line of its own, for what is filed at it directly.
    pub depth: u32,
    /// At most this many lines, the largest; the others make one "Other" line. 0: all.
    pub top: u32,
    /// Only these lines (source names, topic paths or saved search names), in this order;
    /// empty for the largest.
    pub only: Vec<String>,
    /// Add the rest as lines of their own: "Other" and "No source" or "No topic".
    pub rest: bool,
}

impl Default for CoverageAsk {
    fn default() -> Self {
        CoverageAsk {
            filter: Filter::default(),
            every: Every::Month,
            by: Split::None,
            depth: 1,
            top: 8,
            only: Vec::new(),
            rest: true,
        }
    }
}

/// What a line stands for.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    /// The whole list.
    All,
    /// A source, a topic or a saved search, named by `Line::name`.
    Member,
    /// The sources or topics not shown as lines of their own.
    Other,
    /// Rows without a source, or without a topic.
    Without,
}

/// One line of a series: its count in each period, its share of the lines' sum there, and
/// what no period holds.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// As people read it: a source's name, a topic's path, a saved search's name, "Other",
    /// "No source", "No topic", "All".
    pub name: String,
    pub kind: LineKind,
    /// One count a period of `Series::buckets`.
    pub counts: Vec<i64>,
    /// This line's share of all the lines in each period, 0 to 1 (0 where they have none).
    pub share: Vec<f64>,
    /// Rows dated less precisely than the interval (a month or a year in a daily series).
    pub coarser: i64,
    pub undated: i64,
    /// Every row of the line: the periods, the coarser and the undated.
    pub total: i64,
}

impl Line {
    /// The figures no period holds, then the line's total, as tables close with them:
    /// `(key, label, figure)`.
    pub fn beside(&self) -> [(&'static str, &'static str, i64); 3] {
        [
            ("coarser", "Dated less precisely", self.coarser),
            ("undated", "Undated", self.undated),
            ("total", "Total", self.total),
        ]
    }
}

/// A series: the periods, the whole list's line, and the split's lines.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub every: Every,
    pub by: Split,
    /// Counting stories (copies grouped) rather than clippings.
    pub stories: bool,
    pub buckets: Vec<Bucket>,
    pub all: Line,
    pub lines: Vec<Line>,
    /// The lines add up to `all` in every period (sources do; topics and saved searches can
    /// overlap), so a stacked chart is honest.
    pub adds_up: bool,
}
