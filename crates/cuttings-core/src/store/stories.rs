//! Stories in the library: each new clipping is placed in the story of the clipping that
//! carries the same article (found through the prints of `stories::sketch`, confirmed by
//! `stories::likeness`), or in a story of its own; the user splits copies out, merges stories
//! and chooses the copy that stands for one. Placing never moves a clipping already placed, so
//! the user's decisions stand whatever is imported later.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{id_list, Library};
use crate::date::PartialDate;
use crate::date_format::{date_label, DateStyle};
use crate::error::{Error, Result};
use crate::model::ClippingId;
use crate::stories::{article, difference, likeness, opening, openings_alike, prints, Article};

pub type StoryId = i64;

/// A print shared by this many clippings is common phrasing (an outlet's standard opening, a
/// formula), not a sign of a copy: it is passed over, and no more clippings are recorded
/// under it, so a lookup reads at most this many rows a print.
const COMMON_PRINT: usize = 100;
/// The candidates confirmed by reading their text, most prints shared first.
const MOST_CANDIDATES: usize = 8;

/// One copy of a story, as the story view lists it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCopy {
    pub id: ClippingId,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<PartialDate>,
    pub date_label: String,
    pub word_count: i64,
    /// The copy that stands for the story (the one kept, else the earliest).
    pub lead: bool,
    /// The earliest-dated copy: who had it first.
    pub first: bool,
    /// Chosen by the user as the copy to keep.
    pub kept: bool,
    /// Split out or merged in by the user rather than grouped by Cuttings.
    pub by_user: bool,
    pub deleted: bool,
    /// Sentences this copy has that the lead does not, as the copy writes them.
    pub added: Vec<String>,
    /// Words of the lead this copy does not carry.
    pub words_left_out: i64,
}

/// The clippings that carry one article, the lead first, then by date.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub copies: Vec<StoryCopy>,
    /// Distinct sources among the copies outside the trash (copies without one not counted).
    pub sources: i64,
}

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

fn body_of(conn: &Connection, id: ClippingId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM clipping_text WHERE clipping_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Where a new clipping goes, found before it is stored: the story of the clipping that
/// carries the same article, or a new one; and its prints, for [`record`] to add once the
/// clipping is stored. Deciding first lets the clipping's row be written once, story and all.
pub(crate) struct Placing {
    pub story: StoryId,
    joined: bool,
    prints: Vec<i64>,
}

pub(crate) fn find(tx: &Transaction<'_>, body: &str) -> Result<Placing> {
    let mut mine = prints(&opening(body));
    let mut common = Vec::new();
    let joined = match best_copy(tx, None, body, &mine, &mut common)? {
        Some(other) => story_of(tx, other)?,
        None => None,
    };
    mine.retain(|p| !common.contains(p));
    Ok(match joined {
        Some(story) => Placing {
            story,
            joined: true,
            prints: mine,
        },
        None => Placing {
            story: new_story(tx)?,
            joined: false,
            prints: mine,
        },
    })
}

/// After the clipping placed by `p` is stored (with `story_id` set): its prints go into the
/// index for the clippings that come after it, and a story it joined is put in order again.
pub(crate) fn record(tx: &Transaction<'_>, id: ClippingId, p: &Placing) -> Result<()> {
    let mut add = tx
        .prepare_cached("INSERT OR IGNORE INTO story_print (print, clipping_id) VALUES (?1, ?2)")?;
    for print in &p.prints {
        add.execute(params![print, id])?;
    }
    if p.joined {
        restack(tx, p.story)?;
    }
    Ok(())
}

/// Places a clipping already stored (one from before stories): as [`find`] and [`record`].
pub(crate) fn place(tx: &Transaction<'_>, id: ClippingId, body: &str) -> Result<StoryId> {
    let mut mine = prints(&opening(body));
    let mut common = Vec::new();
    let joined = match best_copy(tx, Some(id), body, &mine, &mut common)? {
        Some(other) => story_of(tx, other)?,
        None => None,
    };
    mine.retain(|p| !common.contains(p));
    let p = Placing {
        story: match joined {
            Some(s) => s,
            None => new_story(tx)?,
        },
        joined: joined.is_some(),
        prints: mine,
    };
    set_story(tx, id, p.story, false)?;
    record(tx, id, &p)?;
    Ok(p.story)
}

/// Before a clipping's text is replaced (an edit, a bookmark's article fetched): its old
/// prints come out of the index. Call [`text_changed`] once the new text is stored.
pub(crate) fn text_changing(tx: &Transaction<'_>, id: ClippingId) -> Result<()> {
    if let Some(old) = body_of(tx, id)? {
        let mut drop =
            tx.prepare_cached("DELETE FROM story_print WHERE print = ?1 AND clipping_id = ?2")?;
        for p in prints(&opening(&old)) {
            drop.execute(params![p, id])?;
        }
    }
    Ok(())
}

/// After a clipping's text was replaced: the new prints go in, and a clipping alone in its
/// story that Cuttings placed is placed again (a bookmark's teaser becomes the article, which
/// may be a copy of one already here). A copy with others, or one the user placed, stays.
pub(crate) fn text_changed(tx: &Transaction<'_>, id: ClippingId, body: &str) -> Result<()> {
    let (story, by_user): (Option<StoryId>, bool) = tx
        .prepare_cached("SELECT story_id, story_by_user FROM clipping WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let alone = match story {
        Some(s) => members(tx, s)?.len() == 1,
        None => true,
    };
    let mine = prints(&opening(body));
    if alone && !by_user {
        let mut common = Vec::new();
        if let Some(other) = best_copy(tx, Some(id), body, &mine, &mut common)? {
            if let Some(joined) = story_of(tx, other)? {
                set_story(tx, id, joined, false)?;
                restack(tx, joined)?;
                if let Some(old) = story {
                    after_purge(tx, &[old])?;
                }
            }
        }
    }
    let mut add = tx
        .prepare_cached("INSERT OR IGNORE INTO story_print (print, clipping_id) VALUES (?1, ?2)")?;
    for p in &mine {
        add.execute(params![p, id])?;
    }
    Ok(())
}

/// The clipping already stored that best carries the same article, if one does.
fn best_copy(
    tx: &Transaction<'_>,
    id: Option<ClippingId>,
    body: &str,
    mine: &[i64],
    common: &mut Vec<i64>,
) -> Result<Option<ClippingId>> {
    let mut shared: HashMap<ClippingId, usize> = HashMap::new();
    if mine.is_empty() {
        return Ok(None);
    }
    // One statement for all the prints (each print's clippings, up to one past the common
    // limit): a statement per print cost more in stepping and binding than in the lookups.
    // A statement for all the prints rather than one each (stepping and binding cost more
    // than the lookups), cached by the list's length rounded up to a multiple of eight (the
    // rest filled with the last print again).
    let slots = mine.len().div_ceil(8) * 8;
    let marks = (1..=slots)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let mut lookup = tx.prepare_cached(&format!(
        "SELECT print, clipping_id FROM story_print WHERE print IN ({marks})"
    ))?;
    let last = *mine.last().expect("not empty");
    let values = mine
        .iter()
        .copied()
        .chain(std::iter::repeat(last))
        .take(slots);
    let mut per_print: HashMap<i64, Vec<ClippingId>> = HashMap::new();
    let mut rows = lookup.query(rusqlite::params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        per_print.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    for (print, hits) in per_print {
        // Common phrasing (an outlet's standard opening, a formula): no sign of a copy, and
        // not recorded again, so that no print's list grows past the limit.
        if hits.len() >= COMMON_PRINT {
            common.push(print);
            continue;
        }
        for h in hits.into_iter().filter(|&h| Some(h) != id) {
            *shared.entry(h).or_default() += 1;
        }
    }
    // A short opening has few prints: one shared is enough to look; a long one needs two.
    let need = if mine.len() <= 3 { 1 } else { 2 };
    let mut candidates: Vec<(ClippingId, usize)> =
        shared.into_iter().filter(|&(_, n)| n >= need).collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut best: Option<(f64, ClippingId)> = None;
    // Read in full only when a candidate opens alike: most candidates share a phrase or two.
    let (my_opening, mut mine_whole) = (opening(body), None::<Article>);
    for (other, _) in candidates.into_iter().take(MOST_CANDIDATES) {
        // A print can outlive its clipping (see the schema): the text decides.
        let Some(text) = body_of(tx, other)? else {
            continue;
        };
        if !openings_alike(&my_opening, &opening(&text)) {
            continue;
        }
        let art = mine_whole.get_or_insert_with(|| article(body));
        let l = likeness(art, &article(&text));
        if l.same_story() && best.is_none_or(|(s, _)| l.score() > s) {
            best = Some((l.score(), other));
        }
    }
    Ok(best.map(|(_, other)| other))
}

fn new_story(tx: &Transaction<'_>) -> Result<StoryId> {
    tx.prepare_cached("INSERT INTO story DEFAULT VALUES")?
        .execute([])?;
    Ok(tx.last_insert_rowid())
}

fn set_story(tx: &Transaction<'_>, id: ClippingId, story: StoryId, by_user: bool) -> Result<()> {
    tx.prepare_cached(
        "UPDATE clipping SET story_id = ?1, story_by_user = story_by_user OR ?2,
             story_pos = 0, story_first = 1
         WHERE id = ?3",
    )?
    .execute(params![story, by_user, id])?;
    Ok(())
}

/// Orders a story's copies again: those outside the trash first (so a story with any such copy
/// has one at 0, which the grouped list relies on), the kept copy first among them, then by
/// date (undated last); and marks the earliest-dated. Run after any change of who is in a story, its kept copy or a
/// copy's date.
pub(crate) fn restack(tx: &Transaction<'_>, story: StoryId) -> Result<()> {
    tx.prepare_cached(
        "WITH ordered AS (
             SELECT c.id,
                    row_number() OVER (ORDER BY c.deleted_at IS NOT NULL, (c.id = s.kept_id) DESC,
                                       c.published IS NULL, c.published, c.id) - 1 AS pos,
                    row_number() OVER (ORDER BY c.deleted_at IS NOT NULL, c.published IS NULL,
                                       c.published, c.id) = 1 AS first
               FROM clipping c JOIN story s ON s.id = c.story_id
              WHERE c.story_id = ?1)
         UPDATE clipping SET story_pos = o.pos, story_first = o.first
           FROM ordered o
          WHERE clipping.id = o.id AND (clipping.story_pos, clipping.story_first) IS NOT (o.pos, o.first)",
    )?
    .execute([story])?;
    Ok(())
}

/// Restacks the stories of these clippings (after a change of date or of the trash).
pub(crate) fn restack_of(tx: &Transaction<'_>, ids: &[ClippingId]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let stories: Vec<StoryId> = tx
        .prepare(&format!(
            "SELECT DISTINCT story_id FROM clipping WHERE id IN ({}) AND story_id IS NOT NULL",
            id_list(ids)
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for s in stories {
        restack(tx, s)?;
    }
    Ok(())
}

/// Before clippings are deleted for good: their prints come out of the index, and their
/// stories are restacked (or dropped, once empty) by [`after_purge`].
pub(crate) fn unprint(tx: &Transaction<'_>, ids: &[ClippingId]) -> Result<Vec<StoryId>> {
    let mut stories = Vec::new();
    let mut drop =
        tx.prepare_cached("DELETE FROM story_print WHERE print = ?1 AND clipping_id = ?2")?;
    for &id in ids {
        if let Some(body) = body_of(tx, id)? {
            for p in prints(&opening(&body)) {
                drop.execute(params![p, id])?;
            }
        }
        if let Some(s) = story_of(tx, id)? {
            stories.push(s);
        }
    }
    stories.sort_unstable();
    stories.dedup();
    Ok(stories)
}

pub(crate) fn after_purge(tx: &Transaction<'_>, stories: &[StoryId]) -> Result<()> {
    for &s in stories {
        let left: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM clipping WHERE story_id = ?1)")?
            .query_row([s], |r| r.get(0))?;
        if left {
            restack(tx, s)?;
        } else {
            tx.prepare_cached("DELETE FROM story WHERE id = ?1")?
                .execute([s])?;
        }
    }
    Ok(())
}

fn story_of(conn: &Connection, id: ClippingId) -> Result<Option<StoryId>> {
    Ok(conn
        .prepare_cached("SELECT story_id FROM clipping WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<StoryId>>(0))
        .optional()?
        .flatten())
}

fn members(conn: &Connection, story: StoryId) -> Result<Vec<ClippingId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM clipping WHERE story_id = ?1 ORDER BY story_pos")?
        .query_map([story], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts the given clippings in one story, as the user decided: the story of the first one.
pub(crate) fn join_all(tx: &Transaction<'_>, ids: &[ClippingId]) -> Result<()> {
    let Some(&first) = ids.first() else {
        return Ok(());
    };
    let into = match story_of(tx, first)? {
        Some(s) => s,
        None => new_story(tx)?,
    };
    let mut old = Vec::new();
    for &id in ids {
        if let Some(s) = story_of(tx, id)?.filter(|&s| s != into) {
            old.push(s);
        }
        set_story(tx, id, into, ids.len() > 1)?;
    }
    restack(tx, into)?;
    old.sort_unstable();
    old.dedup();
    after_purge(tx, &old)
}

/// Puts restored clippings back in the stories their file gave them: `(the file's story
/// number, the new clipping, kept, placed by the user)`. Copies that shared a number share a
/// story again, under that number when it is free here; one the user had split out stays
/// alone, whatever it was grouped with on the way in; one alone in the file and grouped by
/// Cuttings keeps where it was placed, under the file's number when that is free.
pub(crate) fn restore(
    tx: &Transaction<'_>,
    copies: &[(i64, ClippingId, bool, bool)],
) -> Result<()> {
    let mut groups: HashMap<i64, Vec<(ClippingId, bool, bool)>> = HashMap::new();
    for &(s, id, kept, by_user) in copies {
        groups.entry(s).or_default().push((id, kept, by_user));
    }
    let mut keys: Vec<i64> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let g = &groups[&key];
        let first = g[0].0;
        let placed = story_of(tx, first)?;
        let alone_here = match placed {
            Some(p) => members(tx, p)?.len() == 1,
            None => true,
        };
        let target = if let Some(id) = super::insert::free_id(tx, "story", Some(key))? {
            if g.len() == 1 && !g[0].2 && !alone_here {
                // Grouped with clippings already here: it stays with them.
                placed.unwrap_or_default()
            } else {
                tx.prepare_cached("INSERT INTO story (id) VALUES (?1)")?
                    .execute([id])?;
                id
            }
        } else if g.len() == 1 && g[0].2 {
            new_story(tx)?
        } else {
            match placed {
                Some(p) => p,
                None => new_story(tx)?,
            }
        };
        let mut emptied = Vec::new();
        for &(id, kept, by_user) in g {
            if let Some(old) = story_of(tx, id)?.filter(|&o| o != target) {
                emptied.push(old);
            }
            tx.prepare_cached(
                "UPDATE clipping SET story_id = ?1, story_by_user = ?2 WHERE id = ?3",
            )?
            .execute(params![target, by_user, id])?;
            if kept {
                tx.prepare_cached("UPDATE story SET kept_id = ?1 WHERE id = ?2")?
                    .execute(params![id, target])?;
            }
        }
        emptied.sort_unstable();
        emptied.dedup();
        after_purge(tx, &emptied)?;
        restack(tx, target)?;
    }
    Ok(())
}

/// `(story, copies outside the trash, distinct sources among them)` for each clipping given.
pub(crate) fn stories_of_many(
    conn: &Connection,
    ids: &[ClippingId],
) -> Result<HashMap<ClippingId, (StoryId, i64, i64)>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT c.id, c.story_id,
                (SELECT count(*) FROM clipping d WHERE d.story_id = c.story_id AND d.deleted_at IS NULL),
                (SELECT count(DISTINCT d.outlet_id) FROM clipping d
                  WHERE d.story_id = c.story_id AND d.deleted_at IS NULL)
           FROM clipping c WHERE c.id IN ({}) AND c.story_id IS NOT NULL",
        id_list(ids)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, ClippingId>(0)?,
            (r.get(1)?, r.get(2)?, r.get(3)?),
        ))
    })?;
    for row in rows {
        let (id, v) = row?;
        out.insert(id, v);
    }
    Ok(out)
}

impl Library {
    /// The story a clipping belongs to, with every copy and what each changes.
    pub fn story_of_clipping(&self, id: ClippingId) -> Result<Story> {
        let story = story_of(self.conn(), id)?.ok_or_else(|| Error::not_found("clipping", id))?;
        self.story(story)
    }

    /// A story with its copies, the lead first; each copy with what it adds to the lead and
    /// how much of the lead it leaves out.
    pub fn story(&self, story: StoryId) -> Result<Story> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.title, o.name, c.published, c.word_count, c.story_pos = 0,
                    c.story_first, coalesce(c.id = s.kept_id, 0), c.story_by_user, c.deleted_at IS NOT NULL,
                    t.body
               FROM clipping c JOIN story s ON s.id = c.story_id
               JOIN clipping_text t ON t.clipping_id = c.id
               LEFT JOIN outlet o ON o.id = c.outlet_id
              WHERE c.story_id = ?1 ORDER BY c.story_pos",
        )?;
        let rows: Vec<(StoryCopy, String)> = stmt
            .query_map([story], |r| {
                let published: Option<String> = r.get(3)?;
                let published = published.and_then(|d| PartialDate::parse_iso(&d).ok());
                Ok((
                    StoryCopy {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        source: r.get(2)?,
                        date_label: date_label(published, DateStyle::Short),
                        published,
                        word_count: r.get(4)?,
                        lead: r.get(5)?,
                        first: r.get(6)?,
                        kept: r.get(7)?,
                        by_user: r.get(8)?,
                        deleted: r.get(9)?,
                        added: Vec::new(),
                        words_left_out: 0,
                    },
                    r.get(10)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(Error::not_found("story", story));
        }
        let lead = article(&rows[0].1);
        let mut sources = std::collections::HashSet::new();
        let copies = rows
            .into_iter()
            .enumerate()
            .map(|(i, (mut copy, body))| {
                if i > 0 {
                    let d = difference(&lead, &article(&body));
                    copy.added = d.added;
                    copy.words_left_out = d.words_left_out as i64;
                }
                if let (false, Some(source)) = (copy.deleted, &copy.source) {
                    sources.insert(source.clone());
                }
                copy
            })
            .collect();
        Ok(Story {
            id: story,
            copies,
            sources: sources.len() as i64,
        })
    }

    /// Takes a copy out of its story into one of its own; remembered, since Cuttings never
    /// moves a clipping it has placed.
    pub fn split_copy(&mut self, id: ClippingId) -> Result<StoryId> {
        self.write(|tx| {
            let old = story_of(tx, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            if members(tx, old)?.len() < 2 {
                return Err(Error::Conflict(format!(
                    "clipping {id} is the only copy of its story: there is nothing to split it from"
                )));
            }
            let story = new_story(tx)?;
            set_story(tx, id, story, true)?;
            tx.prepare_cached("UPDATE story SET kept_id = NULL WHERE id = ?1 AND kept_id = ?2")?
                .execute(params![old, id])?;
            restack(tx, old)?;
            Ok(story)
        })
    }

    /// Merges stories into the first: every copy of the others joins it.
    pub fn merge_stories(&mut self, stories: &[StoryId]) -> Result<StoryId> {
        let Some(&into) = stories.first() else {
            return Err(Error::invalid(
                "stories",
                "name at least two stories to merge",
            ));
        };
        self.write(|tx| {
            let mut ids = Vec::new();
            for &s in stories {
                let m = members(tx, s)?;
                if m.is_empty() {
                    return Err(Error::not_found("story", s));
                }
                ids.extend(m);
            }
            if stories.iter().all(|&s| s == into) {
                return Err(Error::invalid(
                    "stories",
                    "name two different stories to merge",
                ));
            }
            join_all(tx, &ids)?;
            Ok(into)
        })
    }

    /// The stories of these clippings merged into the first one's.
    pub fn merge_stories_of(&mut self, ids: &[ClippingId]) -> Result<StoryId> {
        let mut stories = Vec::new();
        for &id in ids {
            let s = story_of(self.conn(), id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            if !stories.contains(&s) {
                stories.push(s);
            }
        }
        self.merge_stories(&stories)
    }

    /// Marks the copy that stands for its story in grouped lists and reports.
    pub fn keep_copy(&mut self, id: ClippingId) -> Result<()> {
        self.write(|tx| {
            let story = story_of(tx, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            tx.prepare_cached("UPDATE story SET kept_id = ?1 WHERE id = ?2")?
                .execute(params![id, story])?;
            restack(tx, story)
        })
    }

    /// Places every clipping that has no story yet (a library from before stories), oldest
    /// first, so each story's first copy is found before its pickups. Returns how many.
    pub fn place_unplaced(&mut self) -> Result<usize> {
        let mut done = 0;
        loop {
            let batch: Vec<(ClippingId, String)> = self
                .conn()
                .prepare_cached(
                    "SELECT c.id, t.body FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id
                      WHERE c.story_id IS NULL
                      ORDER BY c.published IS NULL, c.published, c.id LIMIT 1000",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if batch.is_empty() {
                return Ok(done);
            }
            self.write(|tx| {
                for (id, body) in &batch {
                    place(tx, *id, body)?;
                }
                Ok(())
            })?;
            done += batch.len();
        }
    }

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

/// The meta key of the "Group copies" choice, kept in the library file so each library
/// remembers its own.
const GROUP_KEY: &str = "group_copies";

/// How many stories (not clippings) carry each topic and each source, outside the trash: the
/// sidebar's counts while copies are grouped.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryCounts {
    pub stories: i64,
    /// Tag id and the stories carrying it or one of its descendants.
    pub tags: Vec<(i64, i64)>,
    /// Source id and its stories.
    pub sources: Vec<(i64, i64)>,
}

impl Library {
    /// Whether lists in the window show one row per story.
    pub fn group_copies(&self) -> Result<bool> {
        Ok(self.meta(GROUP_KEY)?.as_deref() == Some("1"))
    }

    pub fn set_group_copies(&mut self, on: bool) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![GROUP_KEY, if on { "1" } else { "0" }],
        )?;
        Ok(())
    }

    pub fn story_counts(&self) -> Result<StoryCounts> {
        let conn = self.conn();
        let pairs = |sql: &str| -> Result<Vec<(i64, i64)>> {
            Ok(conn
                .prepare_cached(sql)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?)
        };
        Ok(StoryCounts {
            stories: conn
                .prepare_cached(
                    "SELECT count(DISTINCT story_id) FROM clipping WHERE deleted_at IS NULL",
                )?
                .query_row([], |r| r.get(0))?,
            // A tag counts the stories of its own clippings and of its descendants'.
            tags: pairs(
                "SELECT a.id, count(DISTINCT c.story_id)
                   FROM clipping_tag ct JOIN tag t ON t.id = ct.tag_id
                   JOIN tag a ON a.id = t.id OR t.path LIKE replace(replace(a.path, '%', '\\%'), '_', '\\_') || '/%' ESCAPE '\\'
                   JOIN clipping c ON c.id = ct.clipping_id
                  WHERE c.deleted_at IS NULL GROUP BY a.id",
            )?,
            sources: pairs(
                "SELECT outlet_id, count(DISTINCT story_id) FROM clipping
                  WHERE deleted_at IS NULL AND outlet_id IS NOT NULL GROUP BY outlet_id",
            )?,
        })
    }
}

impl Library {
    /// The stories with a copy matching `filter`, in `sort` order of the first copy that
    /// matches, each in full; only those carried by at least `min_copies` clippings (outside
    /// the trash), skipping the first `offset` of them.
    pub fn stories(
        &self,
        filter: &crate::search::Filter,
        sort: crate::search::Sort,
        offset: usize,
        limit: usize,
        min_copies: i64,
    ) -> Result<Vec<Story>> {
        const PAGE: i64 = 200;
        let grouped = crate::search::Filter {
            group_copies: true,
            ..filter.clone()
        };
        let (mut out, mut skipped, mut at) = (Vec::new(), 0, 0);
        loop {
            let page = self.search(&grouped, sort, at, PAGE, false)?;
            for row in &page.items {
                if row.copies < min_copies {
                    continue;
                }
                if skipped < offset {
                    skipped += 1;
                    continue;
                }
                if out.len() == limit {
                    return Ok(out);
                }
                if let Some(s) = row.story {
                    out.push(self.story(s)?);
                }
            }
            if (page.items.len() as i64) < PAGE {
                return Ok(out);
            }
            at += PAGE;
        }
    }
}
