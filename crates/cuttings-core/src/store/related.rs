//! "Related": the clippings closest to one that are not copies of it, read from the
//! full-text index.

use std::collections::HashMap;

use rusqlite::{params, Connection};
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
    /// reporting, best first. Read from the full-text index: the clippings that share most of
    /// this one's names and rarer words, the rarer weighing more.
    pub fn related(&self, id: ClippingId, limit: usize) -> Result<Vec<Related>> {
        let conn = self.conn();
        let body = body_of(conn, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
        let story = story_of(conn, id)?;
        let terms = distinctive_terms(conn, &article(&body))?;
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        // Each clipping scored by the rare words it shares with this one, each weighing as
        // it is rare.
        let total = library_size(conn)? as f32;
        let mut score: HashMap<ClippingId, f32> = HashMap::new();
        for (df, _, having) in &terms {
            let weight = ((total + 1.0) / *df as f32).ln();
            for &c in having {
                *score.entry(c).or_default() += weight;
            }
        }
        score.remove(&id);
        let mut best: Vec<(ClippingId, f32)> = score.into_iter().collect();
        // The most alike first; of those alike, the newest.
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        best.truncate(limit * 4 + 8);
        let place: HashMap<ClippingId, usize> =
            best.iter().enumerate().map(|(i, b)| (b.0, i)).collect();
        let sql = format!(
            "SELECT c.id, c.title, o.name, c.published, c.story_id
               FROM clipping c LEFT JOIN outlet o ON o.id = c.outlet_id
              WHERE c.id IN ({}) AND c.deleted_at IS NULL AND c.story_id IS NOT ?1",
            super::id_list(&best.iter().map(|b| b.0).collect::<Vec<_>>())
        );
        let mut out: Vec<Related> = conn
            .prepare(&sql)?
            .query_map(params![story], |r| {
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
        out.sort_by_key(|r| place[&r.id]);
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
/// The library's size, near enough and at once (a count would read every row).
fn library_size(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM clipping")?
        .query_row([], |r| r.get(0))?)
}

/// With the clippings each is in.
fn distinctive_terms(
    conn: &Connection,
    art: &Article,
) -> Result<Vec<(usize, String, Vec<ClippingId>)>> {
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
    // A dozen words are weighed, no more, those the clipping repeats most first (names
    // before other words when it repeats them as often).
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
    let total = library_size(conn)?;
    // A word in more clippings than this is too common to say what this one is about.
    let cap = (total.max(4000) / 200) as usize;
    // The clippings that have each word, read from its list in the index only as far as the
    // cap: a common word costs no more than a rare one (counting its whole list did, and that
    // was most of the time of the answer).
    let mut having =
        conn.prepare_cached("SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?1 LIMIT ?2")?;
    let mut scored = Vec::new();
    for n in names {
        // Quoted, the word is read by the index's own tokenizer (and stemmer): it finds what
        // the index holds for it. Names and words here are letters only.
        let rows = having.query_map(params![format!("body:\"{n}\""), cap as i64 + 1], |r| {
            r.get::<_, ClippingId>(0)
        })?;
        let ids = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if ids.len() >= 2 && ids.len() <= cap {
            scored.push((ids.len(), n.to_string(), ids));
        }
    }
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.truncate(MOST);
    Ok(scored)
}
