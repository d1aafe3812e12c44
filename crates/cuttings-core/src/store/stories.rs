//! Placing clippings in stories: each new clipping goes in the story of the clipping that
//! carries the same article (found through the prints of `stories::sketch`, confirmed by
//! `stories::likeness`), or in a story of its own; a story's copies are kept in order; a purge,
//! an edit of the text and a lossless import keep stories right. Placing never moves a
//! clipping already placed, so the user's decisions (`story_edit`) stand whatever is imported
//! later. Reading stories is `story_view`, other reporting `related`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::id_list;
use super::print_staging::Staging;
use crate::error::Result;
use crate::model::ClippingId;
use crate::stories::{article, likeness, opening, openings_alike, prints, Article};

pub type StoryId = i64;

/// A print shared by this many clippings is common phrasing (an outlet's standard opening, a
/// formula), not a sign of a copy: it is passed over, and no more clippings are recorded
/// under it, so a lookup reads at most this many rows a print.
const COMMON_PRINT: usize = 100;
/// The candidates confirmed by reading their text, most prints shared first.
const MOST_CANDIDATES: usize = 8;

pub(super) fn body_of(conn: &Connection, id: ClippingId) -> Result<Option<String>> {
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

/// During a large load, `staging` holds the load's own prints and tells which prints the index
/// certainly lacks (see `print_staging`).
pub(crate) fn find(tx: &Transaction<'_>, body: &str, staging: Option<&Staging>) -> Result<Placing> {
    let first = opening(body);
    let mut mine = prints(&first);
    let mut common = Vec::new();
    let joined = match best_copy(tx, None, body, &first, &mine, staging, &mut common)? {
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
/// index for the clippings that come after it (staged, during a large load), and a story it
/// joined is put in order again.
pub(crate) fn record(
    tx: &Transaction<'_>,
    id: ClippingId,
    p: &Placing,
    staging: Option<&Staging>,
) -> Result<()> {
    if let Some(staging) = staging {
        staging.stage(tx, id, &p.prints)?;
    } else {
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO story_print (print, clipping_id) VALUES (?1, ?2)",
        )?;
        for &print in &p.prints {
            add.execute(params![print, id])?;
        }
    }
    if p.joined {
        restack(tx, p.story)?;
    }
    Ok(())
}

/// Places a clipping already stored (one from before stories): as [`find`] and [`record`].
pub(crate) fn place(tx: &Transaction<'_>, id: ClippingId, body: &str) -> Result<StoryId> {
    let first = opening(body);
    let mut mine = prints(&first);
    let mut common = Vec::new();
    let joined = match best_copy(tx, Some(id), body, &first, &mine, None, &mut common)? {
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
    record(tx, id, &p, None)?;
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
    let first = opening(body);
    let mut mine = prints(&first);
    let mut common = Vec::new();
    if alone && !by_user {
        if let Some(other) = best_copy(tx, Some(id), body, &first, &mine, None, &mut common)? {
            if let Some(joined) = story_of(tx, other)? {
                set_story(tx, id, joined, false)?;
                restack(tx, joined)?;
                if let Some(old) = story {
                    after_purge(tx, &[old])?;
                }
            }
        }
    }
    mine.retain(|p| !common.contains(p));
    // The story is already in order (restacked above when it changed): only the prints.
    let placed = Placing {
        story: story_of(tx, id)?.unwrap_or_default(),
        joined: false,
        prints: mine,
    };
    record(tx, id, &placed, None)
}

/// The clipping already stored that best carries the same article, if one does: `body` and
/// its `my_opening`, already read for the prints `mine`; during a large load, the index is
/// asked only about the prints it may hold, and the load's own are found in `staging`.
fn best_copy(
    tx: &Transaction<'_>,
    id: Option<ClippingId>,
    body: &str,
    my_opening: &Article,
    mine: &[i64],
    staging: Option<&Staging>,
    common: &mut Vec<i64>,
) -> Result<Option<ClippingId>> {
    let mut shared: HashMap<ClippingId, usize> = HashMap::new();
    let mut per_print: HashMap<i64, Vec<ClippingId>> = HashMap::new();
    let asked = match staging {
        Some(s) => {
            for (print, other) in s.staged_with(mine) {
                per_print.entry(print).or_default().push(other);
            }
            s.maybe_stored(mine)
        }
        None => mine.to_vec(),
    };
    if !asked.is_empty() {
        // One statement for all the prints (each print's clippings, up to one past the common
        // limit) rather than one each: stepping and binding cost more than the lookups. Cached
        // by the list's length rounded up to a multiple of eight, the rest filled with the last
        // print again.
        let slots = asked.len().div_ceil(8) * 8;
        let marks = (1..=slots)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let mut lookup = tx.prepare_cached(&format!(
            "SELECT print, clipping_id FROM story_print WHERE print IN ({marks})"
        ))?;
        let last = *asked.last().expect("not empty");
        let values = asked
            .iter()
            .copied()
            .chain(std::iter::repeat(last))
            .take(slots);
        let mut rows = lookup.query(rusqlite::params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            per_print.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
    }
    // A short opening has few prints: one shared is enough to look; a long one needs two.
    let need = if mine.len() <= 3 { 1 } else { 2 };
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
    let mut candidates: Vec<(ClippingId, usize)> =
        shared.into_iter().filter(|&(_, n)| n >= need).collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut best: Option<(f64, ClippingId)> = None;
    // Read in full only when a candidate opens alike: most candidates share a phrase or two.
    let mut mine_whole = None::<Article>;
    for (other, _) in candidates.into_iter().take(MOST_CANDIDATES) {
        // A print can outlive its clipping (see the schema): the text decides.
        let Some(text) = body_of(tx, other)? else {
            continue;
        };
        if !openings_alike(my_opening, &opening(&text)) {
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

pub(super) fn new_story(tx: &Transaction<'_>) -> Result<StoryId> {
    tx.prepare_cached("INSERT INTO story DEFAULT VALUES")?
        .execute([])?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn set_story(
    tx: &Transaction<'_>,
    id: ClippingId,
    story: StoryId,
    by_user: bool,
) -> Result<()> {
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
/// date (undated last); and marks the earliest-dated. Run after any change of who is in a
/// story, its kept copy or a copy's date. Done here over the story's copies, read through
/// their index, rather than as one UPDATE .. FROM: SQLite planned that as a walk of the whole
/// clipping table, so each placing cost more as the library grew.
pub(crate) fn restack(tx: &Transaction<'_>, story: StoryId) -> Result<()> {
    struct Copy {
        id: ClippingId,
        trashed: bool,
        published: Option<String>,
        pos: i64,
        first: bool,
    }
    let kept: Option<ClippingId> = tx
        .prepare_cached("SELECT kept_id FROM story WHERE id = ?1")?
        .query_row([story], |r| r.get(0))
        .optional()?
        .flatten();
    let mut copies: Vec<Copy> = tx
        .prepare_cached(
            "SELECT id, deleted_at IS NOT NULL, published, story_pos, story_first
               FROM clipping WHERE story_id = ?1",
        )?
        .query_map([story], |r| {
            Ok(Copy {
                id: r.get(0)?,
                trashed: r.get(1)?,
                published: r.get(2)?,
                pos: r.get(3)?,
                first: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Trash last, then dated before undated, then by date (ISO text sorts as dates do), then id.
    let by_date = |c: &Copy| (c.trashed, c.published.is_none(), c.published.clone(), c.id);
    let earliest = copies.iter().min_by_key(|c| by_date(c)).map(|c| c.id);
    copies.sort_by_key(|c| {
        let (trashed, undated, date, id) = by_date(c);
        (trashed, Some(id) != kept, undated, date, id)
    });
    let mut update =
        tx.prepare_cached("UPDATE clipping SET story_pos = ?1, story_first = ?2 WHERE id = ?3")?;
    for (pos, c) in copies.iter().enumerate() {
        let first = Some(c.id) == earliest;
        if c.pos != pos as i64 || c.first != first {
            update.execute(params![pos as i64, first, c.id])?;
        }
    }
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

pub(super) fn story_of(conn: &Connection, id: ClippingId) -> Result<Option<StoryId>> {
    Ok(conn
        .prepare_cached("SELECT story_id FROM clipping WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<StoryId>>(0))
        .optional()?
        .flatten())
}

pub(super) fn members(conn: &Connection, story: StoryId) -> Result<Vec<ClippingId>> {
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
        let target = if let Some(id) = super::ids::free_id(tx, "story", Some(key))? {
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
