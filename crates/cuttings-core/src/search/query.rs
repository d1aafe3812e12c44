//! The search language people type: words, `"phrases"`, `-exclusions`, `OR`, `prefix*`, and
//! filters such as `tag:Syria`, `source:SANA`, `author:"Haifa Said"`, `from:2015-01`, `to:2015`,
//! `place:Moscow`, `status:inbox`, `is:starred`.
//!
//! Whatever is typed, the result is either a query or a plain message: every word reaches FTS5
//! as a quoted string, so FTS syntax in user text (stray quotes, `NEAR(`, `^`, column names)
//! can never cause a syntax error or change the meaning.

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::Status;

/// A parsed search: the full-text part and the filters written inline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// FTS5 expression for the words that must match, if any.
    pub fts: Option<String>,
    /// FTS5 expression for words that must not match, if any.
    pub exclude: Option<String>,
    pub tags: Vec<String>,
    pub sources: Vec<String>,
    pub authors: Vec<String>,
    pub places: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub status: Option<Status>,
    pub starred: Option<bool>,
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
];

/// One term as an FTS5 string: quoted, inner quotes doubled. A term with no letters or digits
/// would match nothing useful (and an empty string is an FTS error), so it is dropped.
fn fts_term(text: &str, prefix: bool) -> Option<String> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let quoted = format!("\"{}\"", text.replace('"', "\"\""));
    Some(if prefix { format!("{quoted}*") } else { quoted })
}

impl Query {
    pub fn parse(input: &str) -> Result<Query> {
        let mut q = Query::default();
        // Groups of alternatives; the groups are ANDed together.
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut excluded: Vec<String> = Vec::new();
        let mut join_next = false;
        for (key, tok) in lex(input) {
            match (key, tok) {
                (_, Token::Or) => join_next = !groups.is_empty(),
                (Some(k), Token::Term { text, negated, .. }) => {
                    if negated {
                        return Err(Error::Query(format!(
                            "'-{k}:' is not supported; filters cannot be negated"
                        )));
                    }
                    q.add_filter(&k, text.trim())?;
                    join_next = false;
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
                }
            }
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
                other => {
                    if let Ok(s) = other.parse::<Status>() {
                        self.status = Some(s);
                    } else {
                        return Err(Error::Query(format!(
                            "'is:{value}' is not known; try is:starred"
                        )));
                    }
                }
            },
            _ => unreachable!("only FILTER_KEYS reach here"),
        }
        Ok(())
    }
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
    fn words_with_colons_that_are_not_filters_stay_words() {
        assert_eq!(
            fts("10:30 meeting").as_deref(),
            Some("\"10:30\" AND \"meeting\"")
        );
    }
}
