//! Dates as newsrooms give them: to the day, the month, the year, or not at all.
//!
//! A clipping's date is never rounded up into a precision it does not have: "April 2015" stays a
//! month, and a missing date stays unknown. The text form is ISO 8601 with reduced precision
//! (`2015`, `2015-04`, `2015-04-07`), which also sorts correctly as plain text in SQLite.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How much of a published date is known.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Unknown,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }
}

impl FromStr for DatePrecision {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Self::Day),
            "month" => Ok(Self::Month),
            "year" => Ok(Self::Year),
            "unknown" | "" => Ok(Self::Unknown),
            other => Err(Error::invalid(
                "date_precision",
                format!("'{other}' is not one of day, month, year, unknown"),
            )),
        }
    }
}

/// Where a clipping's date came from, so a reader knows how far to trust it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// Read from the article text (a dateline).
    Parsed,
    /// Given by structured metadata (front matter, page meta tags, an export file).
    Metadata,
    /// Set by hand.
    Manual,
}

impl DateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrigin::Parsed => "parsed",
            DateOrigin::Metadata => "metadata",
            DateOrigin::Manual => "manual",
        }
    }
}

impl FromStr for DateOrigin {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "parsed" => Ok(Self::Parsed),
            "metadata" => Ok(Self::Metadata),
            "manual" => Ok(Self::Manual),
            other => Err(Error::invalid(
                "date_origin",
                format!("'{other}' is not one of parsed, metadata, manual"),
            )),
        }
    }
}

/// A date known to the day, the month or the year.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[cfg_attr(feature = "typegen", specta(type = String))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Result<Self> {
        Self::check_year(year)?;
        Ok(Self {
            year,
            month: None,
            day: None,
        })
    }

    pub fn month(year: i32, month: u32) -> Result<Self> {
        Self::check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(Error::invalid(
                "date",
                format!("month {month} is not between 1 and 12"),
            ));
        }
        Ok(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub fn day(year: i32, month: u32, day: u32) -> Result<Self> {
        Self::check_year(year)?;
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02}-{day:02} is not a calendar date"),
            ));
        }
        Ok(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn from_naive(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    fn check_year(year: i32) -> Result<()> {
        // Four digits keep the text form sortable; press cuttings older than 1000 are not a use.
        if !(1000..=9999).contains(&year) {
            return Err(Error::invalid(
                "date",
                format!("year {year} is out of range 1000-9999"),
            ));
        }
        Ok(())
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    pub fn year_value(&self) -> i32 {
        self.year
    }
    pub fn month_value(&self) -> Option<u32> {
        self.month
    }
    pub fn day_value(&self) -> Option<u32> {
        self.day
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated on construction")
    }

    /// The last day of the period.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).expect("validated"),
            (Some(m), None) => {
                let (ny, nm) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(ny, nm, 1)
                    .expect("valid")
                    .pred_opt()
                    .expect("valid")
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid"),
        }
    }

    /// Parses `2015`, `2015-04`, `2015-04-07` (the stored and exported forms), and also a full
    /// RFC 3339 timestamp, whose date part is kept to the day.
    pub fn parse_iso(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = || {
            Error::invalid(
                "date",
                format!("'{s}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
            )
        };
        let date_part = s.split(['T', ' ']).next().unwrap_or(s);
        let parts: Vec<&str> = date_part.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        match parts.as_slice() {
            [y] => Self::year(num(y, 4)? as i32),
            [y, m] => Self::month(num(y, 4)? as i32, num(m, 2)?),
            [y, m, d] => Self::day(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse_iso(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse_iso(&s).map_err(serde::de::Error::custom)
    }
}

/// Month names in English, full and abbreviated, for datelines and human input.
pub fn month_from_name(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if n.len() < 3 {
        return None;
    }
    if n == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == n || (n.len() == 3 && m.starts_with(&n)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_precision_dates_round_trip_through_text() {
        for s in ["2015", "2015-04", "2015-04-07"] {
            assert_eq!(PartialDate::parse_iso(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn precision_follows_the_parts_given() {
        assert_eq!(
            PartialDate::parse_iso("2015").unwrap().precision(),
            DatePrecision::Year
        );
        assert_eq!(
            PartialDate::parse_iso("2015-04").unwrap().precision(),
            DatePrecision::Month
        );
        assert_eq!(
            PartialDate::parse_iso("2015-04-07").unwrap().precision(),
            DatePrecision::Day
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let e = PartialDate::parse_iso("2015-02-30")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a calendar date"), "{e}");
        assert!(PartialDate::parse_iso("15-04-07").is_err());
        assert!(PartialDate::parse_iso("2015/04/07").is_err());
    }

    #[test]
    fn a_timestamp_keeps_its_day() {
        assert_eq!(
            PartialDate::parse_iso("2015-04-07T10:00:00Z")
                .unwrap()
                .to_string(),
            "2015-04-07"
        );
    }

    #[test]
    fn periods_know_their_first_and_last_days() {
        let m = PartialDate::parse_iso("2016-02").unwrap();
        assert_eq!(m.first_day().to_string(), "2016-02-01");
        assert_eq!(m.last_day().to_string(), "2016-02-29");
        assert_eq!(
            PartialDate::parse_iso("2015")
                .unwrap()
                .last_day()
                .to_string(),
            "2015-12-31"
        );
    }

    #[test]
    fn month_names_are_read_in_full_and_short() {
        assert_eq!(month_from_name("April"), Some(4));
        assert_eq!(month_from_name("Apr."), Some(4));
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("Ma"), None);
    }
}
