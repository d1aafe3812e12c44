//! "Related": the clippings closest to one that are not copies of it, read from the
//! full-text index.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::stories::{body_of, story_of, StoryId};
use super::Library;
use crate::date::PartialDate;
use crate::date_format::{date_label, DateStyle};
use crate::error::{Error, Result};
use crate::model::ClippingId;
use crate::stories::{article, Article};

/// A clipping close to another that does not carry the same article: other reporting.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub id: ClippingId,
    pub title: String,
    pub source: Option<String>,
    pub date_label: String,
    pub story: Option<StoryId>,
}

impl Library {
    /// Clippings closest to this one that are not copies of it: the same event in other
    /// reporting, best first. Read from the full-text index: the names and rarer words of
    /// this clipping, searched for together.
    pub fn related(&self, id: ClippingId, limit: usize) -> Result<Vec<Related>> {
        let conn = self.conn();
        let body = body_of(conn, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
        let story = story_of(conn, id)?;
        let terms = distinctive_terms(conn, &article(&body))?;
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let expr = terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!(
            "SELECT c.id, c.title, o.name, c.published, c.story_id
               FROM (SELECT rowid AS id FROM clipping_fts WHERE clipping_fts MATCH ?1
                     ORDER BY rank LIMIT {}) m
               JOIN clipping c ON c.id = m.id LEFT JOIN outlet o ON o.id = c.outlet_id
              WHERE c.deleted_at IS NULL AND c.id <> ?2 AND c.story_id IS NOT ?3",
            limit * 4 + 8
        );
        let mut out: Vec<Related> = conn
            .prepare(&sql)?
            .query_map(params![format!("body:({expr})"), id, story], |r| {
                let published: Option<String> = r.get(3)?;
                let published = published.and_then(|d| PartialDate::parse_iso(&d).ok());
                Ok(Related {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    date_label: date_label(published, DateStyle::Short),
                    story: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // One row per other story: its copies say the same thing.
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| r.story.is_none_or(|s| seen.insert(s)));
        out.truncate(limit);
        Ok(out)
    }
}

/// The words that say what a clipping is about and are rare in the library: its names (and
/// other longer words, when it names little), those in fewest clippings first, leaving out
/// any in more than one clipping in two hundred (or twenty, in a library under four
/// thousand): a common word would make the search slow and its answers vague.
fn distinctive_terms(conn: &Connection, art: &Article) -> Result<Vec<String>> {
    const MOST: usize = 8;
    const LOOKED_UP: usize = 12;
    let mut names: Vec<&str> = art
        .facts
        .iter()
        .map(String::as_str)
        .filter(|f| f.len() > 3 && f.chars().all(char::is_alphabetic))
        .collect();
    if names.len() < MOST {
        let mut longer: Vec<&str> = art
            .sentences
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .filter(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
            .collect();
        longer.sort_unstable();
        longer.dedup();
        // The longest first: long words are the rarer ones.
        longer.sort_by_key(|w| std::cmp::Reverse(w.len()));
        names.extend(longer);
    }
    // Each rarity is read from the index's list for that word, which costs as much as the
    // word is common: a dozen words are weighed, no more, those the clipping repeats most
    // first (names before other words when it repeats them as often).
    let mut said: HashMap<&str, usize> = HashMap::new();
    for w in art.sentences.iter().flat_map(|s| s.words.iter()) {
        *said.entry(w.as_str()).or_default() += 1;
    }
    let rank: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    names.sort_by_key(|n| {
        (
            std::cmp::Reverse(said.get(n).copied().unwrap_or(0)),
            rank[n],
        )
    });
    names.dedup();
    names.truncate(LOOKED_UP);
    // The library's size, near enough and at once (a count would read every row).
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM clipping")?
        .query_row([], |r| r.get(0))?;
    let mut df = conn.prepare_cached("SELECT doc FROM clipping_fts_terms WHERE term = ?1")?;
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut scored = Vec::new();
    for n in names {
        // The index holds words stemmed (Porter's stemmer); Snowball's English stemmer gives
        // the same stem for nearly every word, and the word as written is tried after it. A
        // word found neither way is passed over: its rarity is unknown, and a common word
        // would make the search slow and its answers vague.
        let stem = stemmer.stem(n);
        let mut found = df
            .query_row([stem.as_ref()], |r| r.get::<_, i64>(0))
            .optional()?;
        if found.is_none() && stem != n {
            found = df.query_row([n], |r| r.get::<_, i64>(0)).optional()?;
        }
        let Some(d) = found else {
            continue;
        };
        if d >= 2 && d * 200 <= total.max(4000) {
            scored.push((d, n.to_string()));
        }
    }
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    Ok(scored.into_iter().take(MOST).map(|(_, n)| n).collect())
}
