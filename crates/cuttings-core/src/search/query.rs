//! The search language people type: words, `"phrases"`, `-exclusions`, `OR`, `prefix*`, and
//! filters such as `tag:Syria`, `source:SANA`, `author:"Haifa Said"`, `from:2015-01`, `to:2015`,
//! `place:Moscow`, `status:inbox`, `is:starred`, and for stories `story:12`, `is:original` (the
//! earliest copy of each story) and `is:pickup` (the others), and `is:suggested` (offered a
//! topic) and `is:auto-tagged` (filed by the model on arrival, not yet kept).
//!
//! Whatever is typed, the result is either a query or a plain message: every word reaches FTS5
//! as a quoted string, so FTS syntax in user text (stray quotes, `NEAR(`, `^`, column names)
//! can never cause a syntax error or change the meaning.

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::search::{Filter, Match};

/// A parsed search: the full-text part and the filters written inline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// FTS5 expression for the words that must match, if any.
    pub fts: Option<String>,
    /// FTS5 expression for words that must not match, if any.
    pub exclude: Option<String>,
    pub tags: Vec<String>,
    /// `tag:A OR tag:B` asks for any of the tags; tags side by side, for all of them.
    pub tag_match: Match,
    pub sources: Vec<String>,
    pub authors: Vec<String>,
    pub places: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub status: Option<Status>,
    pub starred: Option<bool>,
    /// `story:ID`: the copies of one story.
    pub story: Option<i64>,
    /// `is:original` (true) or `is:pickup` (false).
    pub original: Option<bool>,
    /// `is:suggested`: clippings offered a topic ticked (see `store::suggest`).
    pub suggested: bool,
    /// `is:auto-tagged`: clippings filed by the model as they arrived, not yet kept.
    pub auto_tagged: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Term {
        text: String,
        phrase: bool,
        prefix: bool,
        negated: bool,
    },
    Or,
}

/// Splits user text into tokens, honouring double quotes (a missing closing quote closes at
/// the end) and `key:value` / `key:"quoted value"` pairs.
fn lex(input: &str) -> Vec<(Option<String>, Token)> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_quote = |c: char| matches!(c, '"' | '“' | '”' | '„');
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        // key:value filters: a word of letters followed by ':'.
        let mut key = None;
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j > i && j + 1 < chars.len() && chars[j] == ':' && !chars[j + 1].is_whitespace() {
            let k: String = chars[i..j].iter().collect::<String>().to_ascii_lowercase();
            if FILTER_KEYS.contains(&k.as_str()) {
                key = Some(k);
                i = j + 1;
            }
        }
        let (text, phrase) = if i < chars.len() && is_quote(chars[i]) {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !is_quote(chars[end]) {
                end += 1;
            }
            i = (end + 1).min(chars.len());
            (chars[start..end].iter().collect::<String>(), true)
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            (chars[start..i].iter().collect::<String>(), false)
        };
        if key.is_none() && !phrase && !negated && text == "OR" {
            out.push((None, Token::Or));
            continue;
        }
        let prefix = !phrase && text.ends_with('*') && text.len() > 1;
        let text = if prefix {
            text.trim_end_matches('*').to_string()
        } else {
            text
        };
        out.push((
            key,
            Token::Term {
                text,
                phrase,
                prefix,
                negated,
            },
        ));
    }
    out
}

const FILTER_KEYS: &[&str] = &[
    "tag", "topic", "source", "outlet", "author", "by", "place", "from", "to", "status", "is",
    "story",
];

/// One term as an FTS5 string: quoted, inner quotes doubled. A term with no letters or digits
/// would match nothing useful (and an empty string is an FTS error), so it is dropped.
fn fts_term(text: &str, prefix: bool) -> Option<String> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    // Words starting with '_' are the index's own filter words (_t3, _y2015); people's words
    // never do, so leading underscores are dropped.
    let words: Vec<&str> = text.split(' ').map(|w| w.trim_start_matches('_')).collect();
    let quoted = format!("\"{}\"", words.join(" ").replace('"', "\"\""));
    Some(if prefix { format!("{quoted}*") } else { quoted })
}

impl Query {
    pub fn parse(input: &str) -> Result<Query> {
        let mut q = Query::default();
        // Groups of alternatives; the groups are ANDed together.
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut excluded: Vec<String> = Vec::new();
        let mut join_next = false;
        // How each tag filter after the first was joined to the one before: by OR or by
        // nothing (AND). One query uses one or the other.
        let (mut tags_or, mut tags_and) = (false, false);
        let mut or_pending = false;
        let mut last_was_tag = false;
        for (key, tok) in lex(input) {
            match (key, tok) {
                (_, Token::Or) => {
                    join_next = !groups.is_empty();
                    or_pending = true;
                    continue;
                }
                (Some(k), Token::Term { text, negated, .. }) => {
                    if negated {
                        return Err(Error::Query(format!(
                            "'-{k}:' is not supported; filters cannot be negated"
                        )));
                    }
                    let is_tag = matches!(k.as_str(), "tag" | "topic");
                    if is_tag && !q.tags.is_empty() {
                        if or_pending && last_was_tag {
                            tags_or = true;
                        } else {
                            tags_and = true;
                        }
                    }
                    q.add_filter(&k, text.trim())?;
                    join_next = false;
                    last_was_tag = is_tag;
                }
                (
                    None,
                    Token::Term {
                        text,
                        prefix,
                        negated,
                        ..
                    },
                ) => {
                    let Some(term) = fts_term(&text, prefix) else {
                        continue;
                    };
                    if negated {
                        excluded.push(term);
                    } else if join_next {
                        groups
                            .last_mut()
                            .expect("join_next needs a group")
                            .push(term);
                    } else {
                        groups.push(vec![term]);
                    }
                    join_next = false;
                    last_was_tag = false;
                }
            }
            or_pending = false;
        }
        if tags_or && tags_and {
            return Err(Error::Query(
                "tags joined both by OR and side by side: use 'tag:A OR tag:B' for any of them, \
                 or 'tag:A tag:B' for all of them"
                    .into(),
            ));
        }
        if tags_or {
            q.tag_match = Match::Any;
        }
        let group = |g: &Vec<String>| {
            if g.len() == 1 {
                g[0].clone()
            } else {
                format!("({})", g.join(" OR "))
            }
        };
        if !groups.is_empty() {
            q.fts = Some(groups.iter().map(group).collect::<Vec<_>>().join(" AND "));
        }
        if !excluded.is_empty() {
            q.exclude = Some(excluded.join(" OR "));
        }
        Ok(q)
    }

    fn add_filter(&mut self, key: &str, value: &str) -> Result<()> {
        if value.is_empty() {
            return Err(Error::Query(format!("'{key}:' needs a value")));
        }
        let date = |v: &str| {
            PartialDate::parse_iso(v).map_err(|_| {
                Error::Query(format!(
                    "'{key}:{v}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
                ))
            })
        };
        match key {
            "tag" | "topic" => self.tags.push(value.to_string()),
            "source" | "outlet" => self.sources.push(value.to_string()),
            "author" | "by" => self.authors.push(value.to_string()),
            "place" => self.places.push(value.to_string()),
            "from" => self.from = Some(date(value)?),
            "to" => self.to = Some(date(value)?),
            "status" => {
                self.status = Some(value.parse().map_err(|_| {
                    Error::Query(format!(
                        "'status:{value}' is not one of inbox, filed, archived"
                    ))
                })?)
            }
            "is" => match value.to_ascii_lowercase().as_str() {
                "starred" => self.starred = Some(true),
                "unstarred" => self.starred = Some(false),
                "original" => self.original = Some(true),
                "pickup" | "copy" => self.original = Some(false),
                "suggested" => self.suggested = true,
                "auto-tagged" | "autotagged" => self.auto_tagged = true,
                other => {
                    if let Ok(s) = other.parse::<Status>() {
                        self.status = Some(s);
                    } else {
                        return Err(Error::Query(format!(
                            "'is:{value}' is not known; try is:starred, is:original, is:pickup, is:suggested or is:auto-tagged"
                        )));
                    }
                }
            },
            "story" => {
                self.story = Some(value.parse().map_err(|_| {
                    Error::Query(format!(
                        "'story:{value}' needs a story's number, as in story:12"
                    ))
                })?)
            }
            _ => unreachable!("only FILTER_KEYS reach here"),
        }
        Ok(())
    }
}

/// A filter value as the language reads it back: quoted when it holds spaces or quotes (which
/// a value cannot carry, so they are dropped).
fn value(v: &str) -> String {
    let v = v.trim();
    if v.chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '„'))
    {
        format!("\"{}\"", v.replace(['"', '“', '”', '„'], ""))
    } else {
        v.to_string()
    }
}

/// Writes a [`Filter`] as one query in the search language, so that a search saved from the
/// window's filters finds what the window showed: several topics chosen as "any of" are
/// written `tag:A OR tag:B`, several sources likewise (a clipping has one source). What the
/// language cannot say is left out: the trash, a hand-picked selection, and undated clippings
/// kept beside a date range.
pub fn filter_to_query(f: &Filter) -> String {
    let mut parts: Vec<String> = Vec::new();
    let text = f.text.trim();
    if !text.is_empty() {
        parts.push(text.to_string());
    }
    let joined = |key: &str, values: &[String], or: bool| -> Option<String> {
        let written: Vec<String> = values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .map(|v| format!("{key}:{}", value(v)))
            .collect();
        (!written.is_empty()).then(|| written.join(if or { " OR " } else { " " }))
    };
    parts.extend(joined("tag", &f.tags, f.tag_match == Match::Any));
    parts.extend(joined("source", &f.sources, true));
    parts.extend(joined("author", &f.authors, false));
    parts.extend(joined("place", &f.places, false));
    if let Some(d) = f.from {
        parts.push(format!("from:{d}"));
    }
    if let Some(d) = f.to {
        parts.push(format!("to:{d}"));
    }
    if let Some(s) = f.status {
        parts.push(format!("status:{}", s.as_str()));
    }
    match f.starred {
        Some(true) => parts.push("is:starred".into()),
        Some(false) => parts.push("is:unstarred".into()),
        None => {}
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(s: &str) -> Option<String> {
        Query::parse(s).unwrap().fts
    }

    #[test]
    fn words_are_quoted_and_anded() {
        assert_eq!(
            fts("Lavrov Geneva").as_deref(),
            Some("\"Lavrov\" AND \"Geneva\"")
        );
    }

    #[test]
    fn phrases_or_and_prefixes_are_understood() {
        assert_eq!(
            fts("\"Moscow process\"").as_deref(),
            Some("\"Moscow process\"")
        );
        assert_eq!(
            fts("syria OR iraq talks").as_deref(),
            Some("(\"syria\" OR \"iraq\") AND \"talks\"")
        );
        assert_eq!(fts("diplom*").as_deref(), Some("\"diplom\"*"));
    }

    #[test]
    fn exclusions_are_kept_apart() {
        let q = Query::parse("syria -iraq -\"islamic state\"").unwrap();
        assert_eq!(q.fts.as_deref(), Some("\"syria\""));
        assert_eq!(q.exclude.as_deref(), Some("\"iraq\" OR \"islamic state\""));
    }

    #[test]
    fn fts_syntax_in_user_text_is_made_harmless() {
        for nasty in [
            "\"unclosed",
            "NEAR(a b)",
            "title:x",
            "a AND",
            "^start",
            "x\"y",
            "(((",
            "*",
            "-",
            "OR",
            "a OR",
            "col:val",
        ] {
            let q = Query::parse(nasty).unwrap();
            if let Some(f) = q.fts {
                assert!(f.starts_with('"') || f.starts_with('('), "{nasty} -> {f}");
            }
        }
    }

    #[test]
    fn inline_filters_are_read() {
        let q = Query::parse("lavrov tag:\"Syria/Diplomacy\" source:SANA from:2015-01 to:2015 is:starred status:filed").unwrap();
        assert_eq!(q.fts.as_deref(), Some("\"lavrov\""));
        assert_eq!(q.tags, vec!["Syria/Diplomacy"]);
        assert_eq!(q.sources, vec!["SANA"]);
        assert_eq!(q.from.unwrap().to_string(), "2015-01");
        assert_eq!(q.to.unwrap().to_string(), "2015");
        assert_eq!(q.starred, Some(true));
        assert_eq!(q.status, Some(Status::Filed));
    }

    #[test]
    fn a_bad_filter_value_is_a_plain_message() {
        let e = Query::parse("from:yesterday").unwrap_err().to_string();
        assert!(e.contains("from:yesterday") && e.contains("YYYY"), "{e}");
    }

    #[test]
    fn the_index_filter_words_cannot_be_searched_for() {
        assert_eq!(
            fts("_t12 __y2015").as_deref(),
            Some("\"t12\" AND \"y2015\"")
        );
    }

    #[test]
    fn words_with_colons_that_are_not_filters_stay_words() {
        assert_eq!(
            fts("10:30 meeting").as_deref(),
            Some("\"10:30\" AND \"meeting\"")
        );
    }

    #[test]
    fn tags_joined_by_or_ask_for_any_of_them() {
        let q = Query::parse("tag:Syria OR tag:Iraq talks").unwrap();
        assert_eq!(q.tags, vec!["Syria", "Iraq"]);
        assert_eq!(q.tag_match, Match::Any);
        assert_eq!(q.fts.as_deref(), Some("\"talks\""));
        let q = Query::parse("tag:Syria tag:Iraq").unwrap();
        assert_eq!(q.tag_match, Match::All);
        let e = Query::parse("tag:A OR tag:B tag:C")
            .unwrap_err()
            .to_string();
        assert!(e.contains("OR"), "{e}");
        // OR between a word and a tag leaves the tags alone.
        assert_eq!(
            Query::parse("syria OR tag:Iraq").unwrap().tag_match,
            Match::All
        );
    }

    #[test]
    fn a_filter_written_as_a_query_reads_back_as_the_same_filter() {
        let f = Filter {
            text: "dialogue".into(),
            tags: vec!["Syria/Diplomacy".into(), "Iraq".into()],
            tag_match: Match::Any,
            sources: vec!["Syrian Arab News Agency".into(), "TASS".into()],
            from: PartialDate::month(2015, 1).ok(),
            to: PartialDate::year(2016).ok(),
            status: Some(Status::Filed),
            starred: Some(true),
            ..Filter::default()
        };
        let text = filter_to_query(&f);
        assert_eq!(
            text,
            "dialogue tag:Syria/Diplomacy OR tag:Iraq source:\"Syrian Arab News Agency\" OR \
             source:TASS from:2015-01 to:2016 status:filed is:starred"
        );
        let q = Query::parse(&text).unwrap();
        assert_eq!(q.tags, f.tags);
        assert_eq!(q.tag_match, Match::Any, "'any of' survives a save");
        assert_eq!(q.sources, f.sources);
        assert_eq!((q.from, q.to), (f.from, f.to));
        assert_eq!((q.status, q.starred), (f.status, f.starred));
        assert_eq!(q.fts.as_deref(), Some("\"dialogue\""));
        let all = Filter {
            tags: vec!["A".into(), "B c".into()],
            ..Filter::default()
        };
        assert_eq!(filter_to_query(&all), "tag:A tag:\"B c\"");
        assert_eq!(
            Query::parse(&filter_to_query(&all)).unwrap().tag_match,
            Match::All
        );
        assert_eq!(filter_to_query(&Filter::default()), "");
    }
}
