//! Topic tags. Topics nest (`Syria/Diplomacy`); a tag's full path is kept on its row so a
//! subtree is one index range, and filtering by a tag takes in its descendants.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::id_list;
use super::Library;
use crate::error::{Error, Result};
use crate::model::{ClippingId, Tag};
use crate::search::filter_words;

/// `" Syria / Diplomacy/ "` -> `Syria/Diplomacy`; an empty path is an error.
pub fn normalize_path(path: &str) -> Result<String> {
    let parts: Vec<String> = path
        .split('/')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(Error::invalid("tag", format!("'{path}' is not a tag name")));
    }
    Ok(parts.join("/"))
}

/// SQL condition for "this tag or below it", on a column holding paths, with the path bound
/// as `?N`. Range comparisons rather than LIKE, so `%` and `_` in names are plain characters.
pub(crate) fn subtree_condition(col: &str, n: usize) -> String {
    format!("({col} = ?{n} OR ({col} > ?{n} || '/' AND {col} < ?{n} || '0'))")
}

pub(crate) fn find(conn: &Connection, path: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tag WHERE path = ?1")?
        .query_row([path], |r| r.get(0))
        .optional()?)
}

fn require(conn: &Connection, path: &str) -> Result<(i64, String)> {
    let path = normalize_path(path)?;
    let id = find(conn, &path)?.ok_or_else(|| Error::not_found("tag", &path))?;
    let stored: String =
        conn.query_row("SELECT path FROM tag WHERE id = ?1", [id], |r| r.get(0))?;
    Ok((id, stored))
}

/// SQL for the filter words of the tag `?2` under the parent `?1` (NULL for a top tag): the
/// parent's words, then the tag's own.
fn ancestry_sql() -> String {
    format!(
        "ltrim(coalesce((SELECT ancestry FROM tag WHERE id = ?1), '') || ' ' || {})",
        filter_words::tag_word_sql("?2")
    )
}

/// Gives a new tag its filter words: its parent's, and its own.
pub(crate) fn write_ancestry(tx: &Transaction<'_>, parent: Option<i64>, id: i64) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE tag SET ancestry = {} WHERE id = ?2",
        ancestry_sql()
    ))?
    .execute(params![parent, id])?;
    Ok(())
}

/// The tag at `path`, created with any missing parents.
pub(crate) fn ensure(tx: &Transaction<'_>, path: &str) -> Result<i64> {
    let path = normalize_path(path)?;
    if let Some(id) = find(tx, &path)? {
        return Ok(id);
    }
    let mut parent: Option<i64> = None;
    let mut so_far = String::new();
    for part in path.split('/') {
        if !so_far.is_empty() {
            so_far.push('/');
        }
        so_far.push_str(part);
        parent = Some(match find(tx, &so_far)? {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO tag (parent_id, name, path) VALUES (?1, ?2, ?3)")?
                    .execute(params![parent, part, so_far])?;
                let id = tx.last_insert_rowid();
                write_ancestry(tx, parent, id)?;
                id
            }
        });
    }
    Ok(parent.expect("a normalised path has a part"))
}

/// Each tag with itself and its ancestors, read from their ancestry words.
pub(crate) fn ancestors(conn: &Connection) -> Result<HashMap<i64, Vec<i64>>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, ancestry FROM tag")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let ancestry = r.get_ref(1)?.as_str().unwrap_or_default();
        let ids = ancestry
            .split(' ')
            .filter_map(filter_words::tag_id)
            .collect();
        out.insert(r.get(0)?, ids);
    }
    Ok(out)
}

/// Counts groups (clippings, stories) under each tag and its ancestors, each group once per
/// tag however many of the tag's subtree it carries: fed `(group, tag)` rows with each group's
/// rows consecutive.
pub(crate) struct AncestorTally {
    ancestors: HashMap<i64, Vec<i64>>,
    current: Option<i64>,
    seen: Vec<i64>,
    pub total: HashMap<i64, i64>,
}

impl AncestorTally {
    pub(crate) fn new(ancestors: HashMap<i64, Vec<i64>>) -> AncestorTally {
        AncestorTally {
            ancestors,
            current: None,
            seen: Vec::new(),
            total: HashMap::new(),
        }
    }

    pub(crate) fn add(&mut self, group: i64, tag: i64) {
        if self.current != Some(group) {
            self.current = Some(group);
            self.seen.clear();
        }
        for &id in self.ancestors.get(&tag).into_iter().flatten() {
            if !self.seen.contains(&id) {
                self.seen.push(id);
                *self.total.entry(id).or_default() += 1;
            }
        }
    }
}

/// A clipping's topics, by path, and of those the ones the model put on as it arrived and the
/// user has not kept (`auto`, see `arrival`).
#[derive(Debug, Default)]
pub(crate) struct Filing {
    pub tags: Vec<String>,
    pub auto: Vec<String>,
}

impl Filing {
    fn add(&mut self, path: String, auto: bool) {
        if auto {
            self.auto.push(path.clone());
        }
        self.tags.push(path);
    }
}

pub(crate) fn of_clipping(conn: &Connection, id: ClippingId) -> Result<Filing> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.path, ct.auto FROM clipping_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.clipping_id = ?1 ORDER BY t.path COLLATE NOCASE",
    )?;
    let mut filing = Filing::default();
    for row in stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (path, auto) = row?;
        filing.add(path, auto);
    }
    Ok(filing)
}

/// The same for many clippings at once (a page of a list, an export).
pub(crate) fn filing_of_clippings(
    conn: &Connection,
    ids: &[ClippingId],
) -> Result<HashMap<ClippingId, Filing>> {
    let mut out: HashMap<ClippingId, Filing> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT ct.clipping_id, t.path, ct.auto FROM clipping_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.clipping_id IN ({}) ORDER BY t.path COLLATE NOCASE",
        id_list(ids)
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
    for row in rows {
        let (id, path, auto) = row?;
        out.entry(id).or_default().add(path, auto);
    }
    Ok(out)
}

/// Tag paths for many clippings at once (a page of a list).
pub(crate) fn of_clippings(
    conn: &Connection,
    ids: &[ClippingId],
) -> Result<HashMap<ClippingId, Vec<String>>> {
    Ok(filing_of_clippings(conn, ids)?
        .into_iter()
        .map(|(id, f)| (id, f.tags))
        .collect())
}

/// The clippings carrying a tag in the subtree at `?1`, for re-indexing.
fn subtree_clippings() -> String {
    format!(
        "SELECT ct.clipping_id FROM tag t JOIN clipping_tag ct ON ct.tag_id = t.id WHERE {}",
        subtree_condition("t.path", 1)
    )
}

/// Moves every clipping of the subtree at `src_path` onto the same place under `dst_path`,
/// then removes the old subtree.
fn merge_subtree(tx: &Transaction<'_>, src_path: &str, dst_path: &str) -> Result<usize> {
    let subtree: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT id, path FROM tag WHERE {} ORDER BY length(path)",
            subtree_condition("path", 1)
        ))?;
        let rows = stmt.query_map([src_path], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut moved = 0;
    for (id, path) in &subtree {
        let target = format!("{dst_path}{}", &path[src_path.len()..]);
        let dst = ensure(tx, &target)?;
        moved += tx.execute(
            "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id, auto)
             SELECT ?1, clipping_id, auto FROM clipping_tag WHERE tag_id = ?2",
            [dst, *id],
        )?;
    }
    let root = subtree
        .first()
        .map(|s| s.0)
        .expect("the subtree has its root");
    tx.execute("DELETE FROM tag WHERE id = ?1", [root])?;
    Ok(moved)
}

/// Every tag's path, by id: the topic tree as suggestions and coverage lines read it.
pub(crate) fn paths(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, path FROM tag")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Library {
    /// Every tag, in path order, with its own count and its count including descendants
    /// (clippings outside the trash, each counted once).
    pub fn tags(&self) -> Result<Vec<Tag>> {
        let conn = self.conn();
        let mut own: HashMap<i64, i64> = HashMap::new();
        {
            // The index of clipping_tag answers the whole count; trashed clippings, normally
            // few, are subtracted after, so this stays cheap on a very large library.
            let mut stmt =
                conn.prepare_cached("SELECT tag_id, count(*) FROM clipping_tag GROUP BY tag_id")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (t, n) = row?;
                own.insert(t, n);
            }
            let mut stmt = conn.prepare_cached(
                "SELECT ct.tag_id, count(*) FROM clipping c INDEXED BY clipping_deleted JOIN clipping_tag ct ON ct.clipping_id = c.id
                 WHERE c.deleted_at IS NOT NULL GROUP BY ct.tag_id",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (t, n) = row?;
                *own.entry(t).or_default() -= n;
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, path, name, parent_id, colour, 0 FROM tag ORDER BY path COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Tag {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    name: r.get(2)?,
                    parent_id: r.get(3)?,
                    colour: r.get(4)?,
                    count: 0,
                    total: 0,
                },
                r.get::<_, bool>(5)?,
            ))
        })?;
        // Totals with descendants count each clipping once, however many tags of the subtree
        // it has: one pass over the clipping-tag index, in clipping order, adding each
        // clipping to every ancestor of its tags. The ancestors of each tag (its ancestry
        // words) are read once here rather than joined and parsed on every row of the pass:
        // at a million clippings that pass is most of the sidebar's cost.
        let ancestors = ancestors(conn)?;
        let trashed: std::collections::HashSet<i64> = conn
            .prepare_cached(
                "SELECT id FROM clipping INDEXED BY clipping_deleted WHERE deleted_at IS NOT NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut tally = AncestorTally::new(ancestors);
        {
            let mut stmt = conn.prepare_cached(
                "SELECT clipping_id, tag_id FROM clipping_tag INDEXED BY clipping_tag_clipping
                 ORDER BY clipping_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let clipping: i64 = r.get(0)?;
                if !trashed.contains(&clipping) {
                    tally.add(clipping, r.get(1)?);
                }
            }
        }
        let total = tally.total;
        let mut out = Vec::new();
        for row in rows {
            let (mut tag, _) = row?;
            tag.count = own.get(&tag.id).copied().unwrap_or(0);
            tag.total = total.get(&tag.id).copied().unwrap_or(0);
            out.push(tag);
        }
        Ok(out)
    }

    /// Puts a tag (created if new, with its parents) on clippings.
    pub fn tag_clippings(&mut self, ids: &[ClippingId], path: &str) -> Result<usize> {
        self.write(|tx| {
            let tag = ensure(tx, path)?;
            let mut n = 0;
            let chosen = format!("SELECT id FROM clipping WHERE id IN ({})", id_list(ids));
            super::fts::reindexing(tx, &chosen, [], || {
                for &id in ids {
                    if !tx
                        .prepare_cached("SELECT 1 FROM clipping WHERE id = ?1")?
                        .exists([id])?
                    {
                        return Err(Error::not_found("clipping", id));
                    }
                    n += tx
                        .prepare_cached(
                            // A topic the model put on as the clipping arrived is kept by
                            // the user's filing it so.
                            "INSERT INTO clipping_tag (tag_id, clipping_id) VALUES (?1, ?2)
                         ON CONFLICT DO UPDATE SET auto = 0 WHERE auto = 1",
                        )?
                        .execute([tag, id])?;
                }
                Ok(n)
            })
        })
    }

    /// Takes a tag off clippings; the tag itself stays.
    pub fn untag_clippings(&mut self, ids: &[ClippingId], path: &str) -> Result<usize> {
        self.write(|tx| {
            let (tag, _) = require(tx, path)?;
            let chosen = format!("SELECT id FROM clipping WHERE id IN ({})", id_list(ids));
            super::fts::reindexing(tx, &chosen, [], || {
                let mut n = 0;
                for &id in ids {
                    n += tx.execute(
                        "DELETE FROM clipping_tag WHERE tag_id = ?1 AND clipping_id = ?2",
                        [tag, id],
                    )?;
                }
                Ok(n)
            })
        })
    }

    /// Renames or moves a tag with everything below it: `Syria` -> `Middle East/Syria`.
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<()> {
        let to = normalize_path(to)?;
        self.write(|tx| {
            let (id, old) = require(tx, from)?;
            if to == old {
                return Ok(());
            }
            if to
                .to_lowercase()
                .starts_with(&format!("{}/", old.to_lowercase()))
            {
                return Err(Error::invalid(
                    "tag",
                    format!("'{old}' cannot move inside itself"),
                ));
            }
            if let Some(other) = find(tx, &to)? {
                if other != id {
                    return Err(Error::Conflict(format!(
                        "the tag '{to}' exists already; merge the two instead"
                    )));
                }
            }
            let (parent_path, name) = match to.rsplit_once('/') {
                Some((p, n)) => (Some(p), n),
                None => (None, to.as_str()),
            };
            let parent = parent_path.map(|p| ensure(tx, p)).transpose()?;
            let old_ancestry: String =
                tx.query_row("SELECT ancestry FROM tag WHERE id = ?1", [id], |r| r.get(0))?;
            let new_ancestry: String = tx.query_row(
                &format!("SELECT {}", ancestry_sql()),
                params![parent, id],
                |r| r.get(0),
            )?;
            if new_ancestry != old_ancestry {
                // Moved in the tree: its clippings' filter words change.
                super::fts::reindexing(tx, &subtree_clippings(), [&old], || {
                    tx.execute(
                        &format!(
                            "UPDATE tag SET ancestry = ?2 || substr(ancestry, length(?1) + 1) WHERE {}",
                            subtree_condition("path", 3)
                        ),
                        params![old_ancestry, new_ancestry, old],
                    )?;
                    Ok(())
                })?;
            }
            tx.execute(
                &format!(
                    "UPDATE tag SET path = ?2 || substr(path, length(?1) + 1) WHERE {}",
                    subtree_condition("path", 1)
                ),
                params![old, to],
            )?;
            tx.execute(
                "UPDATE tag SET parent_id = ?1, name = ?2 WHERE id = ?3",
                params![parent, name, id],
            )?;
            Ok(())
        })
    }

    /// Files everything tagged `from` (and below) under `into`, then removes `from`.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<usize> {
        let into = normalize_path(into)?;
        self.write(|tx| {
            let (_, src) = require(tx, from)?;
            if into.eq_ignore_ascii_case(&src)
                || into
                    .to_lowercase()
                    .starts_with(&format!("{}/", src.to_lowercase()))
            {
                return Err(Error::invalid(
                    "tag",
                    format!("'{src}' cannot merge into itself"),
                ));
            }
            let dst = ensure(tx, &into)?;
            let dst_path: String =
                tx.query_row("SELECT path FROM tag WHERE id = ?1", [dst], |r| r.get(0))?;
            super::fts::reindexing(tx, &subtree_clippings(), [&src], || {
                merge_subtree(tx, &src, &dst_path)
            })
        })
    }

    /// Deletes a tag and the tags below it; the clippings stay, without those tags.
    pub fn delete_tag(&mut self, path: &str) -> Result<()> {
        self.write(|tx| {
            let (id, path) = require(tx, path)?;
            super::fts::reindexing(tx, &subtree_clippings(), [&path], || {
                tx.execute("DELETE FROM tag WHERE id = ?1", [id])?;
                Ok(())
            })
        })
    }

    /// Sets a tag's colour (`#rrggbb`), or clears it.
    pub fn set_tag_colour(&mut self, path: &str, colour: Option<&str>) -> Result<()> {
        let colour = match colour.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => {
                let ok = c.len() == 7
                    && c.starts_with('#')
                    && c[1..].chars().all(|h| h.is_ascii_hexdigit());
                if !ok {
                    return Err(Error::invalid(
                        "colour",
                        format!("'{c}' is not a colour like #3b82f6"),
                    ));
                }
                Some(c.to_ascii_lowercase())
            }
            None => None,
        };
        self.write(|tx| {
            let (id, _) = require(tx, path)?;
            tx.execute(
                "UPDATE tag SET colour = ?1 WHERE id = ?2",
                params![colour, id],
            )?;
            Ok(())
        })
    }
}
