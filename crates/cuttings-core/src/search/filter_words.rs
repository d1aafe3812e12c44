//! The filter words: the grammar of the words a clipping's `facets` column gives the index,
//! so that a tag, a source or a range of years narrows a search inside FTS5 before anything
//! is ranked. Everything that writes or reads them goes through here:
//!
//! - `_t<tag id>` for each tag of a clipping and each of their ancestors (a tag's own and its
//!   ancestors' words are kept on its row, in `tag.ancestry`);
//! - `_s<outlet id>` for its source;
//! - `_y<year>` for the year it was published;
//! - each tag and source word with that year appended: `_t12y2015`, `_s3y2015`.
//!
//! `_` is a word character for the index's tokenizer and leading underscores are taken off
//! people's words (see `query`), so text never makes a filter word.
//!
//! The index's source view (schema migrations 1 and 5) writes the same words in SQL. Shipped
//! migrations are never edited, so that SQL spells the grammar out for itself: a change here
//! needs a new migration with a new view, and a rebuild of the index.

use std::fmt;

/// An id no tag and no outlet has, so its words are never written: the word of a tag or a
/// source that a filter names but the library does not hold, which matches nothing.
pub(crate) const NO_ID: i64 = 0;

const TAG: &str = "_t";
const SOURCE: &str = "_s";
const YEAR: &str = "_y";
/// Between a tag's or a source's word and the year appended to it.
const PAIRED_YEAR: char = 'y';

/// One filter word, by what it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterWord {
    Tag(i64),
    Source(i64),
    Year(i32),
    TagInYear(i64, i32),
    SourceInYear(i64, i32),
}

impl FilterWord {
    /// This tag's or source's word paired with `year`. A year word, or a word paired already,
    /// has no pairing and stays as it is.
    pub(crate) fn in_year(self, year: i32) -> FilterWord {
        match self {
            FilterWord::Tag(id) => FilterWord::TagInYear(id, year),
            FilterWord::Source(id) => FilterWord::SourceInYear(id, year),
            other => other,
        }
    }

    /// The word `word` is, if it is one whose numbers fit.
    pub(crate) fn parse(word: &[u8]) -> Option<FilterWord> {
        let Parts { kind, id, year } = split(word)?;
        let number = |digits: &[u8]| std::str::from_utf8(digits).ok()?.parse::<i64>().ok();
        let year = match year {
            Some(y) => Some(i32::try_from(number(y)?).ok()?),
            None => None,
        };
        Some(match (kind, year) {
            (Kind::Year, _) => FilterWord::Year(i32::try_from(number(id)?).ok()?),
            (Kind::Tag, None) => FilterWord::Tag(number(id)?),
            (Kind::Source, None) => FilterWord::Source(number(id)?),
            (Kind::Tag, Some(y)) => FilterWord::TagInYear(number(id)?, y),
            (Kind::Source, Some(y)) => FilterWord::SourceInYear(number(id)?, y),
        })
    }
}

impl fmt::Display for FilterWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FilterWord::Tag(id) => write!(f, "{TAG}{id}"),
            FilterWord::Source(id) => write!(f, "{SOURCE}{id}"),
            FilterWord::Year(y) => write!(f, "{YEAR}{y}"),
            FilterWord::TagInYear(id, y) => write!(f, "{TAG}{id}{PAIRED_YEAR}{y}"),
            FilterWord::SourceInYear(id, y) => write!(f, "{SOURCE}{id}{PAIRED_YEAR}{y}"),
        }
    }
}

/// The id of a tag's word (`_t12`), which is what `tag.ancestry` holds.
pub(crate) fn tag_id(word: &str) -> Option<i64> {
    match FilterWord::parse(word.as_bytes()) {
        Some(FilterWord::Tag(id)) => Some(id),
        _ => None,
    }
}

/// SQL for the word of the tag whose id is the SQL expression `id`.
pub(crate) fn tag_word_sql(id: &str) -> String {
    format!("'{TAG}' || {id}")
}

/// Whether `word` has the shape of a filter word, however many digits its numbers have.
pub(crate) fn is_filter_word(word: &[u8]) -> bool {
    split(word).is_some()
}

#[derive(Clone, Copy)]
enum Kind {
    Tag,
    Source,
    Year,
}

/// A filter word taken apart, its numbers still digits.
struct Parts<'a> {
    kind: Kind,
    /// The digits after the prefix: an id, or a year word's year.
    id: &'a [u8],
    /// A paired word's year.
    year: Option<&'a [u8]>,
}

fn split(word: &[u8]) -> Option<Parts<'_>> {
    let number = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    let prefix = |p: &str| word.strip_prefix(p.as_bytes());
    if let Some(rest) = prefix(YEAR) {
        return number(rest).then_some(Parts {
            kind: Kind::Year,
            id: rest,
            year: None,
        });
    }
    let (kind, rest) = match (prefix(TAG), prefix(SOURCE)) {
        (Some(rest), _) => (Kind::Tag, rest),
        (None, Some(rest)) => (Kind::Source, rest),
        (None, None) => return None,
    };
    match rest.iter().position(|&b| b == PAIRED_YEAR as u8) {
        Some(i) => {
            let (id, year) = (&rest[..i], &rest[i + 1..]);
            (number(id) && number(year)).then_some(Parts {
                kind,
                id,
                year: Some(year),
            })
        }
        None => number(rest).then_some(Parts {
            kind,
            id: rest,
            year: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn filter_words_are_told_from_words_like_them() {
        for w in ["_t12", "_s7", "_y2015", "_t12y2015", "_s7y1999"] {
            assert!(super::is_filter_word(w.as_bytes()), "{w}");
        }
        for w in [
            "_t", "_ty", "_t12y", "_ty2015", "_y2015y1", "_x12", "t12", "_t1a", "_y",
        ] {
            assert!(!super::is_filter_word(w.as_bytes()), "{w}");
        }
    }
}
