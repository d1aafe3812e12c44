//! Datelines: the `LONDON (Reuters) -` or `Damascus, April 7, 2015, SANA –` that opens a wire
//! story and says where it was filed, by whom, and sometimes when.
//!
//! Only two shapes are recognised, and each is held to conditions that ordinary sentences rarely
//! meet, because a wrong place or outlet is worse than none: the reader can always add one.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use cuttings_core::date::{month_from_name, PartialDate};

/// What a dateline says, and how many bytes of the paragraph it takes up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    pub place: String,
    pub source: String,
    pub date: Option<PartialDate>,
    pub len: usize,
}

/// Agencies whose names are not written in capitals, or that may follow a place written in
/// ordinary case (`Moscow (Reuters) -`).
const KNOWN_AGENCIES: &[&str] = &[
    "AA",
    "AFP",
    "ANSA",
    "AP",
    "Anadolu",
    "Associated Press",
    "Bernama",
    "Bloomberg",
    "DPA",
    "dpa",
    "EFE",
    "IANS",
    "Interfax",
    "IRNA",
    "Kyodo",
    "KUNA",
    "MENA",
    "Petra",
    "PTI",
    "Reuters",
    "SANA",
    "SPA",
    "TASS",
    "Tass",
    "UPI",
    "WAM",
    "Xinhua",
    "Yonhap",
];

/// Capitalised words that open sentences often enough to be mistaken for a place before a comma.
const NOT_PLACES: &[&str] = &[
    "A",
    "Also",
    "An",
    "And",
    "At",
    "But",
    "Earlier",
    "Friday",
    "However",
    "In",
    "Later",
    "Meanwhile",
    "Monday",
    "On",
    "Saturday",
    "So",
    "Sunday",
    "The",
    "Then",
    "Thursday",
    "Today",
    "Tuesday",
    "Wednesday",
    "Yesterday",
];

const PLACE: &str = r"(?P<place>\p{Lu}[\p{L}'’.\-]*(?:\s+(?:(?:de|del|da|do|dos|es|al|el|la|le|of|on|upon|am|an|sur|en)\s+)?\p{Lu}[\p{L}'’.\-]*){0,3})";

const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn date_pattern() -> String {
    format!(
        r"(?:(?P<md_m>{MONTH})\s+(?P<md_d>\d{{1,2}})\b(?:,?\s+(?P<md_y>\d{{4}})\b)?|(?P<dm_d>\d{{1,2}})\s+(?P<dm_m>{MONTH})(?:,?\s+(?P<dm_y>\d{{4}})\b)?|(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b|(?P<my_m>{MONTH})\s+(?P<my_y>\d{{4}})\b|(?P<y_y>\d{{4}})\b)"
    )
}

/// `LONDON (Reuters) -`, `NEW YORK, March 2, 2015 (AP) —`, `BEIRUT, (AFP) –`.
static WIRE: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"^{PLACE}\s*(?:,\s*{date})?\s*,?\s*\(\s*(?P<outlet>\p{{Lu}}[\p{{L}} .&]{{0,30}}?)\s*\)\s*[-–—]+\s*"
    ))
    .expect("valid dateline pattern")
});

/// `Moscow, SANA – `, `Damascus, April 7, 2015, SANA – `.
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"^{PLACE}\s*,\s*(?:{date}\s*,?\s*)?(?P<outlet>\p{{Lu}}[\p{{L}} ]{{1,20}}?)\s*(?:[–—]\s*|-\s+)"
    ))
    .expect("valid dateline pattern")
});

/// Reads a dateline at the very start of `paragraph`, if there is one.
pub(crate) fn read_dateline(paragraph: &str) -> Option<Dateline> {
    if let Some(c) = WIRE.captures(paragraph) {
        let place = &c["place"];
        let outlet = c["outlet"].trim();
        // A place in ordinary case before a name in brackets is as likely to be a company and
        // its ticker as a dateline, unless the name is a known agency.
        if is_place(place) && (is_all_caps(place) || KNOWN_AGENCIES.contains(&outlet)) {
            return Some(dateline_from(&c, outlet));
        }
    }
    if let Some(c) = AGENCY.captures(paragraph) {
        let outlet = c["outlet"].trim();
        let agency_like = KNOWN_AGENCIES.contains(&outlet)
            || (outlet.chars().count() >= 2 && outlet.chars().all(|ch| ch.is_uppercase()));
        if is_place(&c["place"]) && agency_like {
            return Some(dateline_from(&c, outlet));
        }
    }
    None
}

fn dateline_from(c: &Captures<'_>, source: &str) -> Dateline {
    let place = &c["place"];
    Dateline {
        place: if is_all_caps(place) {
            title_case(place)
        } else {
            place.to_owned()
        },
        source: source.to_owned(),
        date: date_from(c),
        len: c.get(0).map_or(0, |m| m.end()),
    }
}

fn is_place(place: &str) -> bool {
    !place
        .split_whitespace()
        .any(|w| NOT_PLACES.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// A day and month without a year is left undated: guessing the year would invent a date.
fn date_from(c: &Captures<'_>) -> Option<PartialDate> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let month = |name: &str| c.name(name).and_then(|m| month_from_name(m.as_str()));
    let date = if c.name("md_m").is_some() {
        PartialDate::day(num("md_y")? as i32, month("md_m")?, num("md_d")?)
    } else if c.name("dm_m").is_some() {
        PartialDate::day(num("dm_y")? as i32, month("dm_m")?, num("dm_d")?)
    } else if c.name("iso_y").is_some() {
        PartialDate::day(num("iso_y")? as i32, num("iso_m")?, num("iso_d")?)
    } else if c.name("my_m").is_some() {
        PartialDate::month(num("my_y")? as i32, month("my_m")?)
    } else {
        PartialDate::year(num("y_y")? as i32)
    };
    date.ok()
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word_start = true;
    for ch in s.chars() {
        if word_start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        word_start = ch.is_whitespace() || ch == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Dateline {
        read_dateline(s).unwrap_or_else(|| panic!("no dateline in {s:?}"))
    }

    fn rest(s: &str) -> &str {
        &s[read(s).len..]
    }

    #[test]
    fn a_reuters_dateline_gives_place_and_outlet() {
        let s = "LONDON (Reuters) - Shares fell.";
        let d = read(s);
        assert_eq!((d.place.as_str(), d.source.as_str()), ("London", "Reuters"));
        assert_eq!(d.date, None);
        assert_eq!(rest(s), "Shares fell.");
    }

    #[test]
    fn hyphens_en_dashes_and_em_dashes_all_end_a_dateline() {
        for s in [
            "WASHINGTON (AP) — The Senate voted.",
            "WASHINGTON (AP) – The Senate voted.",
            "WASHINGTON (AP) - The Senate voted.",
            "WASHINGTON (AP)—The Senate voted.",
        ] {
            let d = read(s);
            assert_eq!((d.place.as_str(), d.source.as_str()), ("Washington", "AP"));
            assert_eq!(rest(s), "The Senate voted.");
        }
    }

    #[test]
    fn a_comma_before_the_bracketed_outlet_is_allowed() {
        let s = "BEIRUT, (AFP) – Fighting resumed.";
        let d = read(s);
        assert_eq!((d.place.as_str(), d.source.as_str()), ("Beirut", "AFP"));
        assert_eq!(rest(s), "Fighting resumed.");
    }

    #[test]
    fn multi_word_capitalised_places_are_title_cased() {
        assert_eq!(read("NEW YORK (AP) — x").place, "New York");
        assert_eq!(read("WINSTON-SALEM (AP) — x").place, "Winston-Salem");
        assert_eq!(read("Rio de Janeiro (Reuters) - x").place, "Rio de Janeiro");
    }

    #[test]
    fn a_day_and_month_without_a_year_leaves_the_date_unset() {
        let s = "NEW YORK, March 2 (AP) — Stocks rose.";
        let d = read(s);
        assert_eq!((d.place.as_str(), d.source.as_str()), ("New York", "AP"));
        assert_eq!(d.date, None);
        assert_eq!(rest(s), "Stocks rose.");
    }

    #[test]
    fn a_full_date_in_a_wire_dateline_is_read_to_the_day() {
        let d = read("NEW YORK, March 2, 2015 (AP) — Stocks rose.");
        assert_eq!(d.date.unwrap().to_string(), "2015-03-02");
    }

    #[test]
    fn an_agency_dateline_in_ordinary_case_gives_place_and_outlet() {
        let s = "Moscow, SANA –\u{a0}Russian Foreign Minister";
        let d = read(s);
        assert_eq!((d.place.as_str(), d.source.as_str()), ("Moscow", "SANA"));
        assert_eq!(rest(s), "Russian Foreign Minister");
    }

    #[test]
    fn agency_datelines_carry_dates_in_several_forms() {
        for (s, want) in [
            ("Damascus, April 7, 2015, SANA – Text", "2015-04-07"),
            ("Damascus, 7 April 2015, SANA – Text", "2015-04-07"),
            ("Damascus, 2015-04-07, SANA – Text", "2015-04-07"),
            ("Damascus, April 2015, SANA – Text", "2015-04"),
            ("Damascus, 2015, SANA – Text", "2015"),
            ("Damascus, Sept. 7, 2015, SANA – Text", "2015-09-07"),
        ] {
            let d = read(s);
            assert_eq!(d.place, "Damascus", "{s}");
            assert_eq!(d.source, "SANA", "{s}");
            assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some(want), "{s}");
            assert_eq!(rest(s), "Text", "{s}");
        }
    }

    #[test]
    fn an_impossible_date_is_dropped_but_the_dateline_still_counts() {
        let d = read("Damascus, February 30, 2015, SANA – Text");
        assert_eq!(d.place, "Damascus");
        assert_eq!(d.date, None);
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for s in [
            "British Airways has blamed high fuel prices for a 40% drop in profits.",
            "Apple (AAPL) - the maker of the iPhone - said sales rose.",
            "On Tuesday, NATO - the alliance - met in Brussels.",
            "However, John Smith - the chief executive - disagreed.",
            "Mr Smith, Chairman - and founder - said no.",
            "The company said (Reuters) - nothing.",
        ] {
            assert_eq!(read_dateline(s), None, "{s}");
        }
    }
}
