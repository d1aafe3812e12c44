//! Storing, reading, changing and trashing clippings.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Deserializer, Serialize};

use super::insert::{check_title, content_hash, excerpt, write_authors};
use super::{clean, fts, id_list, notes, now, parse_ts, sources, tags, ts, Library};
use crate::date::{DateOrigin, PartialDate};
use crate::error::{Error, Result};
use crate::model::{word_count, Clipping, ClippingId, Status};

/// A change to one or more clippings. `None` leaves a field as it is; for the optional fields,
/// `Some(None)` clears it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClippingPatch {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub standfirst: Option<Option<String>>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub url: Option<Option<String>>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub source: Option<Option<String>>,
    #[serde(default)]
    pub authors: Option<Vec<String>>,
    /// A date set here is recorded as set by hand; `Some(None)` makes it unknown.
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub published: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub place: Option<Option<String>>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub language: Option<Option<String>>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub section: Option<Option<String>>,
    #[serde(default, deserialize_with = "some")]
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub page: Option<Option<String>>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub starred: Option<bool>,
}

/// Lets JSON tell "absent" (leave) from `null` (clear).
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl ClippingPatch {
    fn touches_index(&self) -> bool {
        self.title.is_some()
            || self.standfirst.is_some()
            || self.body.is_some()
            || self.source.is_some()
            || self.authors.is_some()
            || self.place.is_some()
            || self.published.is_some()
    }
}

fn apply(tx: &Transaction<'_>, id: ClippingId, p: &ClippingPatch, stamp: &str) -> Result<()> {
    let exists: bool = tx
        .prepare_cached("SELECT 1 FROM clipping WHERE id = ?1")?
        .exists([id])?;
    if !exists {
        return Err(Error::not_found("clipping", id));
    }
    let set = |col: &str, v: &dyn rusqlite::ToSql| -> Result<()> {
        tx.execute(
            &format!("UPDATE clipping SET {col} = ?1 WHERE id = ?2"),
            params![v, id],
        )?;
        Ok(())
    };
    if let Some(t) = &p.title {
        set("title", &check_title(t)?)?;
    }
    if let Some(v) = &p.standfirst {
        set("standfirst", &clean(v.as_deref()))?;
    }
    if let Some(body) = &p.body {
        if body.trim().is_empty() {
            return Err(Error::invalid("body", "a clipping needs some text"));
        }
        super::stories::text_changing(tx, id)?;
        tx.execute(
            "UPDATE clipping_text SET body = ?1 WHERE clipping_id = ?2",
            params![body, id],
        )?;
        super::stories::text_changed(tx, id, body)?;
        set("word_count", &word_count(body))?;
    }
    if p.standfirst.is_some() || p.body.is_some() {
        let (sf, body): (Option<String>, String) = tx.query_row(
            "SELECT c.standfirst, t.body FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        set("excerpt", &excerpt(sf.as_deref(), &body))?;
    }
    if p.title.is_some() || p.body.is_some() {
        let (title, body): (String, String) = tx.query_row(
            "SELECT c.title, t.body FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let hash = content_hash(&title, &body);
        let clash: Option<i64> = tx
            .query_row(
                "SELECT id FROM clipping WHERE content_hash = ?1 AND id <> ?2",
                params![hash, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            return Err(Error::Conflict(format!(
                "clipping {other} already has this title and text; edit that one instead"
            )));
        }
        set("content_hash", &hash)?;
    }
    if let Some(v) = &p.url {
        set("url", &clean(v.as_deref()))?;
    }
    if let Some(v) = &p.source {
        let outlet = match clean(v.as_deref()) {
            Some(name) => Some(sources::resolve(tx, &name)?),
            None => None,
        };
        set("outlet_id", &outlet)?;
    }
    if let Some(a) = &p.authors {
        write_authors(tx, id, a)?;
    }
    if let Some(d) = &p.published {
        tx.execute(
            "UPDATE clipping SET published = ?1, date_precision = ?2, date_origin = ?3 WHERE id = ?4",
            params![
                d.map(|d| d.to_string()),
                d.map_or("unknown", |d| d.precision().as_str()),
                d.map(|_| DateOrigin::Manual.as_str()),
                id
            ],
        )?;
        super::stories::restack_of(tx, &[id])?;
    }
    for (col, v) in [
        ("place", &p.place),
        ("language", &p.language),
        ("section", &p.section),
        ("page", &p.page),
    ] {
        if let Some(v) = v {
            set(col, &clean(v.as_deref()))?;
        }
    }
    if let Some(s) = p.status {
        set("status", &s.as_str())?;
    }
    if let Some(s) = p.starred {
        set("starred", &s)?;
    }
    set("updated_at", &stamp)?;
    Ok(())
}

/// The columns [`clipping_row`] reads, from [`CLIPPING_FROM`].
pub(super) const CLIPPING_COLS: &str =
    "c.id, c.title, c.standfirst, t.body, t.html, c.url, o.name, c.published, c.date_origin,
     c.place, c.language, c.section, c.page, c.status, c.starred, c.captured_at, c.updated_at,
     c.deleted_at, c.word_count, c.content_hash, c.origin, c.modified, c.story_id";

pub(super) const CLIPPING_FROM: &str =
    "clipping c JOIN clipping_text t ON t.clipping_id = c.id LEFT JOIN outlet o ON o.id = c.outlet_id";

/// A clipping from a row of [`CLIPPING_COLS`], without its authors, tags and notes.
pub(super) fn clipping_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Clipping> {
    let published: Option<String> = r.get(7)?;
    let published = published.and_then(|p| PartialDate::parse_iso(&p).ok());
    let origin: Option<String> = r.get(8)?;
    let status: String = r.get(13)?;
    let deleted: Option<String> = r.get(17)?;
    let modified: Option<String> = r.get(21)?;
    Ok(Clipping {
        id: r.get(0)?,
        title: r.get(1)?,
        standfirst: r.get(2)?,
        body: r.get(3)?,
        html: r.get(4)?,
        url: r.get(5)?,
        source: r.get(6)?,
        authors: Vec::new(),
        date_precision: published.map_or(crate::DatePrecision::Unknown, |p| p.precision()),
        date_label: crate::date_format::date_label(published, crate::date_format::DateStyle::Short),
        published,
        date_origin: origin.and_then(|o| o.parse().ok()),
        modified: modified.and_then(|m| PartialDate::parse_iso(&m).ok()),
        place: r.get(9)?,
        language: r.get(10)?,
        section: r.get(11)?,
        page: r.get(12)?,
        tags: Vec::new(),
        auto_tags: Vec::new(),
        notes: Vec::new(),
        status: status.parse().unwrap_or_default(),
        starred: r.get(14)?,
        captured_at: parse_ts(&r.get::<_, String>(15)?)?,
        updated_at: parse_ts(&r.get::<_, String>(16)?)?,
        deleted_at: deleted.as_deref().map(parse_ts).transpose()?,
        word_count: r.get(18)?,
        content_hash: r.get(19)?,
        origin: r.get(20)?,
        story: r.get(22)?,
    })
}

pub(crate) fn load(conn: &rusqlite::Connection, id: ClippingId) -> Result<Clipping> {
    let mut c = conn
        .prepare_cached(&format!(
            "SELECT {CLIPPING_COLS} FROM {CLIPPING_FROM} WHERE c.id = ?1"
        ))?
        .query_row([id], clipping_row)
        .optional()?
        .ok_or_else(|| Error::not_found("clipping", id))?;
    c.authors = authors_of(conn, id)?;
    let filing = tags::of_clipping(conn, id)?;
    c.tags = filing.tags;
    c.auto_tags = filing.auto;
    c.notes = notes::of_clipping(conn, id)?;
    Ok(c)
}

pub(crate) fn authors_of(conn: &rusqlite::Connection, id: ClippingId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM clipping_author WHERE clipping_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The highest clipping id given so far (ids only grow), None in an empty library.
pub(crate) fn last_id(conn: &rusqlite::Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(id) FROM clipping", [], |r| r.get(0))?)
}

/// Authors for many clippings at once (a page of a list).
pub(crate) fn authors_of_many(
    conn: &rusqlite::Connection,
    ids: &[ClippingId],
) -> Result<std::collections::HashMap<ClippingId, Vec<String>>> {
    let mut out: std::collections::HashMap<ClippingId, Vec<String>> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT clipping_id, name FROM clipping_author WHERE clipping_id IN ({}) ORDER BY clipping_id, position",
        id_list(ids)
    ))?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        out.entry(id).or_default().push(name);
    }
    Ok(out)
}

impl Library {
    pub fn clipping(&self, id: ClippingId) -> Result<Clipping> {
        load(self.conn(), id)
    }

    /// The text a clipping was made from, as it was read.
    pub fn clipping_raw(&self, id: ClippingId) -> Result<Option<String>> {
        self.conn()
            .query_row(
                "SELECT raw FROM clipping_text WHERE clipping_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("clipping", id))
    }

    /// Applies one change to every clipping given, all or none.
    pub fn update_clippings(&mut self, ids: &[ClippingId], patch: &ClippingPatch) -> Result<usize> {
        let stamp = ts(now());
        self.write(|tx| {
            let go = || -> Result<()> {
                for &id in ids {
                    apply(tx, id, patch, &stamp)?;
                }
                Ok(())
            };
            if patch.touches_index() {
                fts::reindexing(
                    tx,
                    &format!("SELECT id FROM clipping WHERE id IN ({})", id_list(ids)),
                    [],
                    go,
                )?;
            } else {
                go()?;
            }
            Ok(ids.len())
        })
    }

    pub fn update_clipping(&mut self, id: ClippingId, patch: &ClippingPatch) -> Result<Clipping> {
        self.update_clippings(&[id], patch)?;
        self.clipping(id)
    }

    /// Moves clippings to the trash; they keep everything and can be restored.
    pub fn trash(&mut self, ids: &[ClippingId]) -> Result<usize> {
        self.set_deleted(ids, Some(ts(now())))
    }

    pub fn restore(&mut self, ids: &[ClippingId]) -> Result<usize> {
        self.set_deleted(ids, None)
    }

    fn set_deleted(&mut self, ids: &[ClippingId], at: Option<String>) -> Result<usize> {
        self.write(|tx| {
            let mut n = 0;
            for &id in ids {
                let changed = tx.execute(
                    "UPDATE clipping SET deleted_at = ?1 WHERE id = ?2",
                    params![at, id],
                )?;
                if changed == 0 {
                    return Err(Error::not_found("clipping", id));
                }
                n += changed;
            }
            // A copy in the trash no longer stands for its story.
            super::stories::restack_of(tx, ids)?;
            Ok(n)
        })
    }

    /// Deletes for good the clippings in the trash (all of them, or those given).
    pub fn empty_trash(&mut self, only: Option<&[ClippingId]>) -> Result<usize> {
        self.write(|tx| {
            let chosen = match only {
                Some(ids) => format!(
                    "SELECT id FROM clipping WHERE deleted_at IS NOT NULL AND id IN ({})",
                    id_list(ids)
                ),
                None => "SELECT id FROM clipping WHERE deleted_at IS NOT NULL".to_string(),
            };
            fts::mark(tx, &chosen, [])?;
            let purged: Vec<ClippingId> = tx
                .prepare("SELECT id FROM temp.fts_pending")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let stories = super::stories::unprint(tx, &purged)?;
            fts::unindex(tx)?;
            let n = tx.execute(
                "DELETE FROM clipping WHERE id IN (SELECT id FROM temp.fts_pending)",
                [],
            )?;
            tx.execute("DELETE FROM temp.fts_pending", [])?;
            super::stories::after_purge(tx, &stories)?;
            Ok(n)
        })
    }
}
