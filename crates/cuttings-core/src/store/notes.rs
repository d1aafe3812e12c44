//! Markdown notes on clippings. Notes are searchable, so each change re-indexes its clipping.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{fts, now, parse_ts, ts, Library};
use crate::error::{Error, Result};
use crate::model::{ClippingId, Note};

/// A note as a lossless import carries it, with its id (when free) and times.
pub(crate) fn insert_kept(
    tx: &Transaction<'_>,
    id: Option<i64>,
    clipping: ClippingId,
    n: &super::kept::KeptNote,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO note (id, clipping_id, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        clipping,
        n.body.trim_end(),
        ts(n.created_at),
        ts(n.updated_at)
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn insert_raw(
    tx: &Transaction<'_>,
    clipping: ClippingId,
    body: &str,
    stamp: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO note (clipping_id, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![clipping, body.trim_end(), stamp])?;
    Ok(tx.last_insert_rowid())
}

/// A note from a row of `id, clipping_id, body, created_at, updated_at`, rendered.
pub(super) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let body: String = r.get(2)?;
    Ok(Note {
        id: r.get(0)?,
        clipping_id: r.get(1)?,
        html: crate::markdown::note_html(&body),
        body,
        created_at: parse_ts(&r.get::<_, String>(3)?)?,
        updated_at: parse_ts(&r.get::<_, String>(4)?)?,
    })
}

pub(crate) fn of_clipping(conn: &Connection, id: ClippingId) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, clipping_id, body, created_at, updated_at FROM note WHERE clipping_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn owner(conn: &Connection, note: i64) -> Result<ClippingId> {
    conn.query_row("SELECT clipping_id FROM note WHERE id = ?1", [note], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("note", note))
}

fn non_empty(body: &str) -> Result<&str> {
    if body.trim().is_empty() {
        return Err(Error::invalid("note", "a note needs some text"));
    }
    Ok(body)
}

impl Library {
    pub fn add_note(&mut self, clipping: ClippingId, body: &str) -> Result<Note> {
        let body = non_empty(body)?;
        let id = self.write(|tx| {
            if !tx
                .prepare_cached("SELECT 1 FROM clipping WHERE id = ?1")?
                .exists([clipping])?
            {
                return Err(Error::not_found("clipping", clipping));
            }
            fts::reindexing(tx, "SELECT ?1", [clipping], || {
                insert_raw(tx, clipping, body, &ts(now()))
            })
        })?;
        self.note(id)
    }

    pub fn note(&self, id: i64) -> Result<Note> {
        self.conn()
            .query_row(
                "SELECT id, clipping_id, body, created_at, updated_at FROM note WHERE id = ?1",
                [id],
                row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("note", id))
    }

    pub fn notes(&self, clipping: ClippingId) -> Result<Vec<Note>> {
        of_clipping(self.conn(), clipping)
    }

    pub fn edit_note(&mut self, id: i64, body: &str) -> Result<Note> {
        let body = non_empty(body)?;
        self.write(|tx| {
            let clipping = owner(tx, id)?;
            fts::reindexing(tx, "SELECT ?1", [clipping], || {
                tx.execute(
                    "UPDATE note SET body = ?1, updated_at = ?2 WHERE id = ?3",
                    params![body.trim_end(), ts(now()), id],
                )?;
                Ok(())
            })
        })?;
        self.note(id)
    }

    pub fn delete_note(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let clipping = owner(tx, id)?;
            fts::reindexing(tx, "SELECT ?1", [clipping], || {
                tx.execute("DELETE FROM note WHERE id = ?1", [id])?;
                Ok(())
            })
        })
    }
}
