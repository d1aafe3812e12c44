//! The timeline: how many clippings a filter matches in each month.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::date::PartialDate;
use crate::date_format::{month_label, DateStyle};
use crate::error::Result;
use crate::store::Library;

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// The month as people read it ("Apr 2015"), from [`crate::date_format`].
    pub label: String,
    pub count: i64,
}

/// Gaps are filled over at most this many months: past it (a stray date a century off), only
/// the months that have clippings are listed, so no count is ever lost.
const MAX_MONTHS: i64 = 1200;

fn year_month(m: &str) -> Option<(i32, u32)> {
    let d = PartialDate::parse_iso(m).ok()?;
    Some((d.year_value(), d.month_value()?))
}

fn labelled(month: &str, count: i64) -> MonthCount {
    MonthCount {
        label: year_month(month).map_or_else(
            || month.to_string(),
            |(y, m)| month_label(y, m, DateStyle::Short),
        ),
        month: month.to_string(),
        count,
    }
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub months: Vec<MonthCount>,
    pub year_only: i64,
    pub undated: i64,
}

impl Timeline {
    /// The same counts with every month from the first to the last listed, the empty ones at
    /// 0, so a chart's bars are evenly spaced in time.
    pub fn with_empty_months(mut self) -> Timeline {
        let (Some(first), Some(last)) = (
            self.months.first().and_then(|m| year_month(&m.month)),
            self.months.last().and_then(|m| year_month(&m.month)),
        ) else {
            return self;
        };
        let span = i64::from(last.0 - first.0) * 12 + i64::from(last.1) - i64::from(first.1) + 1;
        if span > MAX_MONTHS {
            return self;
        }
        let counted: BTreeMap<String, i64> =
            self.months.drain(..).map(|m| (m.month, m.count)).collect();
        let (mut y, mut m) = first;
        while (y, m) <= last {
            let month = format!("{y:04}-{m:02}");
            self.months
                .push(labelled(&month, counted.get(&month).copied().unwrap_or(0)));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        self
    }
}

impl Library {
    /// Clippings per month (`YYYY-MM`) among those matching `filter`, ignoring its date range;
    /// clippings dated only to the year are counted apart, as are undated ones.
    pub fn timeline(&self, filter: &Filter) -> Result<Timeline> {
        let mut f = filter.clone();
        f.from = None;
        f.to = None;
        let days = self.days_matching(&f, &[])?;
        let mut t = Timeline::default();
        let mut months = BTreeMap::<String, i64>::new();
        for (date, n) in days {
            match date.as_deref() {
                None => t.undated += n,
                Some(d) if d.len() == 4 => t.year_only += n,
                Some(d) => *months.entry(d.chars().take(7).collect()).or_default() += n,
            }
        }
        t.months = months
            .into_iter()
            .map(|(month, count)| labelled(&month, count))
            .collect();
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_months_are_filled_between_the_first_and_the_last_and_nothing_is_lost() {
        let t = Timeline {
            months: vec![labelled("2015-11", 2), labelled("2016-02", 1)],
            year_only: 1,
            undated: 3,
        }
        .with_empty_months();
        let got: Vec<(&str, &str, i64)> = t
            .months
            .iter()
            .map(|m| (m.month.as_str(), m.label.as_str(), m.count))
            .collect();
        assert_eq!(
            got,
            [
                ("2015-11", "Nov 2015", 2),
                ("2015-12", "Dec 2015", 0),
                ("2016-01", "Jan 2016", 0),
                ("2016-02", "Feb 2016", 1)
            ]
        );
        assert_eq!((t.year_only, t.undated), (1, 3));
        // A stray date a thousand years off is not filled towards, and keeps its count.
        let far = Timeline {
            months: vec![labelled("1015-01", 1), labelled("2015-01", 1)],
            ..Timeline::default()
        }
        .with_empty_months();
        assert_eq!(far.months.len(), 2);
        assert_eq!(Timeline::default().with_empty_months(), Timeline::default());
    }
}
