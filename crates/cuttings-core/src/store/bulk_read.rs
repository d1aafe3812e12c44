//! Reads for exports: many clippings in full at once, and the stored columns a [`Clipping`]
//! does not carry (the raw source text, canonical and image addresses).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::clippings::{clipping_row, CLIPPING_COLS, CLIPPING_FROM};
use super::{tags, Library};
use crate::error::{Error, Result};
use crate::model::{Clipping, ClippingId, Note};

/// The stored fields of a clipping that [`crate::model::Clipping`] leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    pub raw: Option<String>,
    pub canonical_url: Option<String>,
    pub image_url: Option<String>,
    /// The copy the user keeps for its story, and whether the user put it in its story.
    pub story_kept: bool,
    pub story_by_user: bool,
}

fn extras(conn: &Connection, id: ClippingId) -> Result<Extras> {
    conn.prepare_cached(
        "SELECT t.raw, c.canonical_url, c.image_url,
                coalesce(c.id = (SELECT kept_id FROM story WHERE id = c.story_id), 0),
                c.story_by_user
         FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id WHERE c.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Extras {
            raw: r.get(0)?,
            canonical_url: r.get(1)?,
            image_url: r.get(2)?,
            story_kept: r.get(3)?,
            story_by_user: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("clipping", id))
}

/// Many clippings in full, in the order of `ids`, with a handful of queries rather than four per
/// clipping: exports read thousands at a time. Ids not found are left out.
fn load_many(conn: &Connection, ids: &[ClippingId]) -> Result<Vec<Clipping>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(ids);
    let mut found: HashMap<ClippingId, Clipping> = HashMap::with_capacity(ids.len());
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT {CLIPPING_COLS} FROM {CLIPPING_FROM} WHERE c.id IN ({list})"
        ))?;
        let rows = stmt.query_map([], clipping_row)?;
        for c in rows {
            let c = c?;
            found.insert(c.id, c);
        }
    }
    let mut authors = super::clippings::authors_of_many(conn, ids)?;
    let mut filing = tags::filing_of_clippings(conn, ids)?;
    let mut notes: HashMap<ClippingId, Vec<Note>> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, clipping_id, body, created_at, updated_at FROM note
             WHERE clipping_id IN ({list}) ORDER BY id"
        ))?;
        let rows = stmt.query_map([], super::notes::row)?;
        for n in rows {
            let n = n?;
            notes.entry(n.clipping_id).or_default().push(n);
        }
    }
    Ok(ids
        .iter()
        .filter_map(|id| {
            let mut c = found.remove(id)?;
            c.authors = authors.remove(id).unwrap_or_default();
            let f = filing.remove(id).unwrap_or_default();
            c.tags = f.tags;
            c.auto_tags = f.auto;
            c.notes = notes.remove(id).unwrap_or_default();
            Some(c)
        })
        .collect())
}

impl Library {
    /// Many clippings in full, in the order of `ids` (ids not found are left out).
    pub fn clippings_full(&self, ids: &[ClippingId]) -> Result<Vec<Clipping>> {
        load_many(self.conn(), ids)
    }

    /// The stored columns of a clipping that [`Clipping`] leaves out.
    pub fn clipping_extras(&self, id: ClippingId) -> Result<Extras> {
        extras(self.conn(), id)
    }
}
