//! The timeline: how many clippings a filter matches in each month.

use std::collections::BTreeMap;

use rusqlite::types::{Value, ValueRef};
use serde::{Deserialize, Serialize};

use super::filter::{Filter, Scope};
use super::plan::{plan, Plan};
use super::run::{fts_error, ids_of};
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

/// Clippings per stored date (None: undated), in date order.
type DayCounts = Vec<(Option<String>, i64)>;

impl Library {
    /// Clippings per month (`YYYY-MM`) among those matching `filter`, ignoring its date range;
    /// clippings dated only to the year are counted apart, as are undated ones.
    pub fn timeline(&self, filter: &Filter) -> Result<Timeline> {
        let mut f = filter.clone();
        f.from = None;
        f.to = None;
        let p = plan(self.conn(), &f)?;
        let days = match self.days_of_many_matches(&p, f.scope)? {
            Some(days) => days,
            None => {
                let (clause, values) = p.with_match();
                // Grouped by the stored date itself (a few thousand days in ten years), then
                // by month here: without words, the date index gives the rows in that order
                // and nothing is sorted, where grouping by month sorts every clipping.
                let sql = format!(
                    "SELECT c.published, count(*) FROM {} WHERE {clause} GROUP BY c.published",
                    p.from(false)
                );
                let mut stmt = self.conn().prepare_cached(&sql)?;
                let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
                });
                rows.and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(fts_error)?
            }
        };
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

    /// Clippings per stored date for a filter the index decides alone and that matches more
    /// than one clipping in eight: counted along the date index, keeping the ids the index
    /// matched, which is cheaper than looking up so many matches' rows. None when the filter
    /// is not such a filter.
    fn days_of_many_matches(&self, p: &Plan, scope: Scope) -> Result<Option<DayCounts>> {
        let (true, Scope::Live, Some(words)) = (p.index_exact, scope, &p.fts) else {
            return Ok(None);
        };
        let conn = self.conn();
        let last = crate::store::last_clipping_id(conn)?;
        let Some(last) = last.and_then(|l| usize::try_from(l).ok()) else {
            return Ok(None);
        };
        let matched = ids_of(
            conn,
            "SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?1",
            &[Value::Text(words.clone())],
        )?;
        if matched.len() * 8 <= last {
            return Ok(None);
        }
        let mut bits = vec![0u64; last / 64 + 1];
        for id in matched {
            if let Some(w) = usize::try_from(id).ok().and_then(|i| bits.get_mut(i / 64)) {
                *w |= 1 << (id % 64);
            }
        }
        let has = |id: i64| {
            usize::try_from(id)
                .ok()
                .and_then(|i| bits.get(i / 64))
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        // The live clippings' date index, in date order: each day's matches are consecutive.
        let mut stmt = conn.prepare_cached(
            "SELECT published, id FROM clipping INDEXED BY clipping_date WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut days = DayCounts::new();
        while let Some(r) = rows.next()? {
            if !has(r.get(1)?) {
                continue;
            }
            let date = match r.get_ref(0)? {
                ValueRef::Text(t) => Some(t),
                _ => None,
            };
            match days.last_mut() {
                Some((d, n)) if d.as_deref().map(str::as_bytes) == date => *n += 1,
                _ => days.push((date.map(|t| String::from_utf8_lossy(t).into_owned()), 1)),
            }
        }
        Ok(Some(days))
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
