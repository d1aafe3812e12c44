//! How a date reads for people, at the precision known: one formatter for the window (through
//! the labels the core puts on each clipping), the CLI and every export, so "7 Apr 2015" is
//! written the same way everywhere and an unknown date always says so.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// Month names as the window and the CLI show them (`Short`) and as reports print them (`Long`).
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    #[default]
    Short,
    Long,
}

const SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What a clipping with no known date says in place of one.
pub const UNKNOWN_DATE: &str = "date unknown";

/// The name of month `m` (1 to 12; out of range is clamped, never a panic).
pub fn month_name(m: u32, style: DateStyle) -> &'static str {
    let i = (m.clamp(1, 12) - 1) as usize;
    match style {
        DateStyle::Short => SHORT[i],
        DateStyle::Long => LONG[i],
    }
}

/// "Apr 2015" / "April 2015".
pub fn month_label(year: i32, month: u32, style: DateStyle) -> String {
    format!("{} {year}", month_name(month, style))
}

/// "7 Apr 2015", "Apr 2015", "2015" or "date unknown": never more precise than what is known.
pub fn date_label(d: Option<PartialDate>, style: DateStyle) -> String {
    let Some(d) = d else {
        return UNKNOWN_DATE.into();
    };
    match (d.month_value(), d.day_value()) {
        (Some(m), Some(day)) => format!("{day} {}", month_label(d.year_value(), m, style)),
        (Some(m), None) => month_label(d.year_value(), m, style),
        _ => d.year_value().to_string(),
    }
}

/// A date as someone types it (`2015-04-07`, `2015-04`, `2015`, or nothing), as the list will
/// show it, or why it is not a date: the paste review shows it beside the field.
pub fn typed_date_label(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return UNKNOWN_DATE.into();
    }
    match PartialDate::parse_iso(text) {
        Ok(d) => date_label(Some(d), DateStyle::Short),
        Err(_) => "not a date: use YYYY-MM-DD, YYYY-MM or YYYY".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_at_their_precision_in_both_styles() {
        let day = PartialDate::day(2015, 4, 7).ok();
        assert_eq!(date_label(day, DateStyle::Short), "7 Apr 2015");
        assert_eq!(date_label(day, DateStyle::Long), "7 April 2015");
        let month = PartialDate::month(2015, 4).ok();
        assert_eq!(date_label(month, DateStyle::Short), "Apr 2015");
        assert_eq!(date_label(month, DateStyle::Long), "April 2015");
        assert_eq!(
            date_label(PartialDate::year(2015).ok(), DateStyle::Long),
            "2015"
        );
        assert_eq!(date_label(None, DateStyle::Short), "date unknown");
        assert_eq!(month_name(0, DateStyle::Short), "Jan");
        assert_eq!(month_name(13, DateStyle::Long), "December");
    }

    #[test]
    fn a_typed_date_reads_as_the_list_shows_it_or_says_what_is_wrong() {
        assert_eq!(typed_date_label(" 2015-04-07 "), "7 Apr 2015");
        assert_eq!(typed_date_label(""), "date unknown");
        assert!(typed_date_label("2015-02-30").starts_with("not a date"));
        assert!(typed_date_label("yesterday").starts_with("not a date"));
    }
}
