//! The periods of a series and where a stored date falls among them. A period is known by the
//! day it starts on (weeks are ISO weeks, starting on Monday), so periods sort as time does
//! and the next one is a step away.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::date_format::{date_label, month_label, DateStyle};

/// The interval of a series.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    Day,
    Week,
    #[default]
    Month,
    Year,
}

/// One period of a series.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// `2015-04-07`, `2015-W15` (the ISO week), `2015-04` or `2015`.
    pub key: String,
    /// As a chart's axis reads it: "7 Apr 2015", "Week of 6 Apr 2015", "Apr 2015", "2015".
    pub label: String,
    /// Its first and last day, `YYYY-MM-DD`, for narrowing a list to it.
    pub from: String,
    pub to: String,
}

/// Where a row's stored date falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placed {
    /// In the period starting that day.
    At(NaiveDate),
    /// Known less precisely than the interval: a month in a daily or weekly series, a year in
    /// any but a yearly one.
    Coarser,
    Undated,
}

/// Gaps are filled over at most this many periods (fifty years of days): past it (a stray date
/// a century off) only the periods that hold rows are listed, so no count is ever lost.
pub(super) const MAX_PERIODS: usize = 20_000;

impl Every {
    /// Whether a date known to this precision can be placed in one period.
    fn holds(self, d: &PartialDate) -> bool {
        match self {
            Every::Day | Every::Week => d.day_value().is_some(),
            Every::Month => d.month_value().is_some(),
            Every::Year => true,
        }
    }

    /// The first day of the period holding `d`.
    pub(super) fn start(self, d: NaiveDate) -> NaiveDate {
        let start = match self {
            Every::Day => Some(d),
            Every::Week => {
                d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
            }
            Every::Month => d.with_day(1),
            Every::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1),
        };
        start.unwrap_or(d)
    }

    /// The first day of the next period, None past the calendar's end.
    pub(super) fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Every::Day => start.checked_add_days(Days::new(1)),
            Every::Week => start.checked_add_days(Days::new(7)),
            Every::Month => start.checked_add_months(Months::new(1)),
            Every::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// Where a stored date (reduced ISO text) falls.
    pub(super) fn place(self, stored: Option<&str>) -> Placed {
        match stored.map(PartialDate::parse_iso) {
            None | Some(Err(_)) => Placed::Undated,
            Some(Ok(d)) if self.holds(&d) => Placed::At(self.start(d.first_day())),
            Some(Ok(_)) => Placed::Coarser,
        }
    }

    /// The period starting on `start`, named.
    pub(super) fn bucket(self, start: NaiveDate) -> Bucket {
        let last = self.next(start).and_then(|n| n.pred_opt()).unwrap_or(start);
        let (key, label) = match self {
            Every::Day => (
                start.format("%Y-%m-%d").to_string(),
                date_label(Some(PartialDate::from_naive(start)), DateStyle::Short),
            ),
            Every::Week => {
                let w = start.iso_week();
                (
                    format!("{:04}-W{:02}", w.year(), w.week()),
                    format!(
                        "Week of {}",
                        date_label(Some(PartialDate::from_naive(start)), DateStyle::Short)
                    ),
                )
            }
            Every::Month => (
                start.format("%Y-%m").to_string(),
                month_label(start.year(), start.month(), DateStyle::Short),
            ),
            Every::Year => (format!("{:04}", start.year()), start.year().to_string()),
        };
        Bucket {
            key,
            label,
            from: start.format("%Y-%m-%d").to_string(),
            to: last.format("%Y-%m-%d").to_string(),
        }
    }

    /// Every period from the one holding `first` to the one holding `last`, None when there
    /// would be more than [`MAX_PERIODS`].
    pub(super) fn periods(self, first: NaiveDate, last: NaiveDate) -> Option<Vec<NaiveDate>> {
        let (mut at, end) = (self.start(first), self.start(last));
        let mut out = Vec::new();
        while at <= end {
            if out.len() == MAX_PERIODS {
                return None;
            }
            out.push(at);
            at = self.next(at)?;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_date_falls_in_its_period_or_beside_them_when_known_less_precisely() {
        assert_eq!(
            Every::Day.place(Some("2015-04-07")),
            Placed::At(day("2015-04-07"))
        );
        // 7 April 2015 was a Tuesday: its ISO week starts on Monday the 6th.
        assert_eq!(
            Every::Week.place(Some("2015-04-07")),
            Placed::At(day("2015-04-06"))
        );
        assert_eq!(
            Every::Month.place(Some("2015-04-07")),
            Placed::At(day("2015-04-01"))
        );
        assert_eq!(
            Every::Year.place(Some("2015-04")),
            Placed::At(day("2015-01-01"))
        );
        assert_eq!(Every::Week.place(Some("2015-04")), Placed::Coarser);
        assert_eq!(Every::Month.place(Some("2015")), Placed::Coarser);
        assert_eq!(Every::Year.place(None), Placed::Undated);
    }

    #[test]
    fn periods_are_named_as_people_read_them_with_their_first_and_last_days() {
        let b = Every::Week.bucket(day("2014-12-29"));
        // The ISO week holding 29 December 2014 is the first of 2015.
        assert_eq!(
            (
                b.key.as_str(),
                b.label.as_str(),
                b.from.as_str(),
                b.to.as_str()
            ),
            (
                "2015-W01",
                "Week of 29 Dec 2014",
                "2014-12-29",
                "2015-01-04"
            )
        );
        let m = Every::Month.bucket(day("2016-02-01"));
        assert_eq!(
            (m.key.as_str(), m.label.as_str(), m.to.as_str()),
            ("2016-02", "Feb 2016", "2016-02-29")
        );
        assert_eq!(Every::Year.bucket(day("2016-01-01")).to, "2016-12-31");
        assert_eq!(Every::Day.bucket(day("2016-03-05")).label, "5 Mar 2016");
    }

    #[test]
    fn gaps_are_filled_between_the_first_and_last_periods_up_to_a_bound() {
        let months = Every::Month
            .periods(day("2015-11-20"), day("2016-02-03"))
            .unwrap();
        assert_eq!(months.len(), 4);
        assert_eq!(months[0], day("2015-11-01"));
        assert!(Every::Day
            .periods(day("1900-01-01"), day("2020-01-01"))
            .is_none());
        assert_eq!(
            Every::Year
                .periods(day("1900-01-01"), day("2020-01-01"))
                .unwrap()
                .len(),
            121
        );
    }
}
