//! The records a library holds, as the rest of the program sees them.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::date::{DateOrigin, DatePrecision, PartialDate};
use crate::error::{Error, Result};

pub type ClippingId = i64;

/// Where a clipping stands in the reader's workflow.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Inbox,
    Filed,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Inbox => "inbox",
            Status::Filed => "filed",
            Status::Archived => "archived",
        }
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "inbox" => Ok(Status::Inbox),
            "filed" => Ok(Status::Filed),
            "archived" | "archive" => Ok(Status::Archived),
            other => Err(Error::invalid(
                "status",
                format!("'{other}' is not one of inbox, filed, archived"),
            )),
        }
    }
}

/// A clipping before it is stored: what the parsers and importers produce.
///
/// Fields that could not be read with confidence stay empty; `raw` keeps the text as it came so
/// nothing is lost.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClippingDraft {
    pub title: String,
    pub standfirst: Option<String>,
    /// Plain text; paragraphs separated by one blank line ("\n\n").
    pub body: String,
    /// Sanitised HTML of the article, where it came as HTML.
    pub html: Option<String>,
    pub url: Option<String>,
    /// The article's own address, normalised (no tracking parameters, AMP or mobile hosts):
    /// one article is one clipping, however it was reached.
    pub canonical_url: Option<String>,
    /// The page's lead image.
    pub image_url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PartialDate>,
    pub date_origin: Option<DateOrigin>,
    /// When the publisher last changed the article, as declared (JSON-LD `dateModified`,
    /// `article:modified_time`, a feed item's update time). Kept apart from `published`: a
    /// correction made a week later does not move the article in time.
    #[serde(default)]
    pub modified: Option<PartialDate>,
    pub place: Option<String>,
    pub language: Option<String>,
    pub section: Option<String>,
    pub page: Option<String>,
    pub status: Status,
    pub starred: bool,
    /// Full tag paths, `Syria/Diplomacy`.
    pub tags: Vec<String>,
    /// Markdown note bodies.
    pub notes: Vec<String>,
    /// The file path or URL it came from.
    pub origin: Option<String>,
    /// The source text as it was read, before parsing.
    pub raw: Option<String>,
    /// When it was first captured, if the source says (an export's saved-at time).
    pub captured_at: Option<DateTime<Utc>>,
    /// Only an address is known (a bookmark, a feed item without its text): the body holds
    /// what there is, and `cuttings fetch --pending` brings the article later.
    #[serde(default)]
    pub pending_fetch: bool,
}

impl ClippingDraft {
    pub fn date_precision(&self) -> DatePrecision {
        self.published
            .map_or(DatePrecision::Unknown, |d| d.precision())
    }
}

/// A note on a clipping.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: i64,
    pub clipping_id: ClippingId,
    /// The note as written, in Markdown.
    pub body: String,
    /// The body rendered by [`crate::markdown::note_html`], for the window and the reports.
    #[serde(default)]
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A stored clipping with everything attached to it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clipping {
    pub id: ClippingId,
    pub title: String,
    pub standfirst: Option<String>,
    pub body: String,
    pub html: Option<String>,
    pub url: Option<String>,
    /// The source's name (the outlet that published it).
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PartialDate>,
    pub date_precision: DatePrecision,
    /// `published` as people read it ("7 Apr 2015", "date unknown"), from
    /// [`crate::date_format`], so the window writes dates as the CLI and the exports do.
    #[serde(default)]
    pub date_label: String,
    pub date_origin: Option<DateOrigin>,
    /// When the publisher last changed the article, if it said.
    #[serde(default)]
    pub modified: Option<PartialDate>,
    pub place: Option<String>,
    pub language: Option<String>,
    pub section: Option<String>,
    pub page: Option<String>,
    pub tags: Vec<String>,
    /// Those of `tags` the model put on as the clipping arrived, not yet kept by the user
    /// (`is:auto-tagged`).
    #[serde(default)]
    pub auto_tags: Vec<String>,
    pub notes: Vec<Note>,
    pub status: Status,
    pub starred: bool,
    pub captured_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub word_count: i64,
    pub content_hash: String,
    pub origin: Option<String>,
    /// The story it belongs to: the same id for every copy of one article (see
    /// [`crate::store::Story`]).
    #[serde(default)]
    pub story: Option<i64>,
}

/// One row of a list or search result: enough to draw a list line, without the body.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClippingSummary {
    pub id: ClippingId,
    pub title: String,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PartialDate>,
    pub date_precision: DatePrecision,
    /// `published` as the list shows it ("7 Apr 2015", "date unknown").
    #[serde(default)]
    pub date_label: String,
    pub place: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub starred: bool,
    pub word_count: i64,
    pub captured_at: DateTime<Utc>,
    /// A short extract; with a search, the best matching passage with hits between `[` `]`
    /// markers given by [`crate::search::HIT_START`] and [`crate::search::HIT_END`].
    pub snippet: String,
    pub deleted: bool,
    /// Its story (see [`crate::store::Story`]) and how many clippings outside the trash carry
    /// it (1 when it has no other copy), from how many sources.
    #[serde(default)]
    pub story: Option<i64>,
    #[serde(default)]
    pub copies: i64,
    #[serde(default)]
    pub story_sources: i64,
}

/// A source of clippings, with the other names it goes by.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub count: i64,
}

/// A topic in the tree, with how many clippings carry it (itself, and with its descendants).
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub id: i64,
    pub path: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub colour: Option<String>,
    pub count: i64,
    pub total: i64,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
}

/// Counts for the sidebar and `cuttings stats`.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub total: i64,
    pub inbox: i64,
    pub filed: i64,
    pub archived: i64,
    pub starred: i64,
    pub trash: i64,
    pub undated: i64,
    pub sources: i64,
    pub tags: i64,
    pub notes: i64,
    pub earliest: Option<PartialDate>,
    pub latest: Option<PartialDate>,
}

/// The word counter's step for each byte, by state (whether the last byte that was not `'`
/// or `-` was a letter or digit): bit 0 is the next state, bit 1 set when a word starts here.
static WORD_STEP: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            // The first letter or digit after a separator starts a word.
            t[b] = 0b11;
            t[256 + b] = 0b01;
        } else if c == b'\'' || c == b'-' {
            // Joins, but neither starts nor ends a word.
            t[b] = 0b00;
            t[256 + b] = 0b01;
        }
        b += 1;
    }
    t
};

/// Counts words the way a reader would: runs of letters or digits.
pub fn word_count(text: &str) -> i64 {
    if text.is_ascii() {
        // The common case, counted on bytes with one table look-up each: a word is a run of
        // letters, digits, `'` and `-` holding a letter or digit, so each is counted at its
        // first letter or digit.
        let mut n = 0i64;
        let mut state = 0usize;
        for &b in text.as_bytes() {
            let step = WORD_STEP[(state << 8) | usize::from(b)];
            n += i64::from(step >> 1);
            state = usize::from(step & 1);
        }
        return n;
    }
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as i64
}

#[cfg(test)]
mod tests {
    use super::word_count;

    #[test]
    fn words_are_counted_alike_in_ascii_and_in_other_scripts() {
        assert_eq!(word_count("Lavrov's remarks - on Geneva-1, today."), 5);
        assert_eq!(word_count("Lavrov’s remarks - on Geneva-1, today."), 5);
        assert_eq!(word_count("  "), 0);
        assert_eq!(word_count("Лавров сказал"), 2);
    }

    #[test]
    fn the_ascii_count_is_the_general_count() {
        let general = |text: &str| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as i64
        };
        let mut rng = crate::synthetic::Rng::new(7);
        let alphabet = b"ab9Z '-.,\n\t--''";
        for len in 0..200 {
            let text: String = (0..len)
                .map(|_| char::from(alphabet[rng.below(alphabet.len())]))
                .collect();
            assert_eq!(word_count(&text), general(&text), "{text:?}");
        }
    }
}
