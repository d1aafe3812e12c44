//! What exports need from the store beyond the ordinary reads: the columns a [`Clipping`] does
//! not carry (the raw source text, canonical and image addresses), and storing a lossless JSON
//! export back with its ids, timestamps, note times, tag colours and outlet names as they were.
//!
//! [`Clipping`]: crate::model::Clipping

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::clippings::{clipping_row, CLIPPING_COLS, CLIPPING_FROM};
use super::{clean, content_hash, fts, outlets, parse_ts, tags, ts, Inserted, Library};
use crate::error::{Error, Result};
use crate::export::json::{ExportFile, ExportedClipping};
use crate::model::{word_count, Clipping, ClippingId, Note};

/// The stored fields of a clipping that [`crate::model::Clipping`] leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extras {
    pub raw: Option<String>,
    pub canonical_url: Option<String>,
    pub image_url: Option<String>,
}

pub(crate) fn extras(conn: &Connection, id: ClippingId) -> Result<Extras> {
    conn.prepare_cached(
        "SELECT t.raw, c.canonical_url, c.image_url
         FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id WHERE c.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Extras {
            raw: r.get(0)?,
            canonical_url: r.get(1)?,
            image_url: r.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("clipping", id))
}

/// The same short extract the ordinary insert makes (the standfirst, else the opening, cut near
/// 280 characters); kept here so this file needs nothing private from `clippings.rs`.
fn excerpt(standfirst: Option<&str>, body: &str) -> String {
    let src = standfirst.filter(|s| !s.trim().is_empty()).unwrap_or(body);
    let flat: String = src.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 280 {
        return flat;
    }
    let cut: String = flat.chars().take(280).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

fn id_free(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool> {
    // `table` is one of four fixed names, never user text.
    Ok(!tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?)
}

/// The outlet of this name (or alias), created with the given id when that id is free.
fn outlet_with_id(tx: &Transaction<'_>, name: &str, id: Option<i64>) -> Result<i64> {
    if let Some(found) = outlets::find(tx, name)? {
        return Ok(found);
    }
    let keep = match id {
        Some(id) if id > 0 && id_free(tx, "outlet", id)? => Some(id),
        _ => None,
    };
    tx.execute(
        "INSERT INTO outlet (id, name, created_at) VALUES (?1, ?2, ?3)",
        params![keep, name, ts(super::now())],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The tag at `path`, created (after any missing parents) with the given id when it is free.
fn tag_with_id(tx: &Transaction<'_>, path: &str, id: Option<i64>) -> Result<i64> {
    let path = tags::normalize_path(path)?;
    if let Some(found) = tags::find(tx, &path)? {
        return Ok(found);
    }
    let (parent, name) = match path.rsplit_once('/') {
        Some((p, n)) => (Some(tags::ensure(tx, p)?), n),
        None => (None, path.as_str()),
    };
    let keep = match id {
        Some(id) if id > 0 && id_free(tx, "tag", id)? => Some(id),
        _ => None,
    };
    tx.execute(
        "INSERT INTO tag (id, parent_id, name, path) VALUES (?1, ?2, ?3, ?4)",
        params![keep, parent, name, path],
    )?;
    let new = tx.last_insert_rowid();
    tags::write_ancestry(tx, parent, new)?;
    Ok(new)
}

/// Stores one exported clipping as it was: its id when that id is free here, its timestamps,
/// status, trash state, date origin and notes with their times.
fn insert_exported(
    tx: &Transaction<'_>,
    c: &ExportedClipping,
    extra_tags: &[String],
) -> Result<Inserted> {
    let title = c.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Error::invalid("title", "a clipping needs a title"));
    }
    if c.body.trim().is_empty() {
        return Err(Error::invalid("body", "a clipping needs some text"));
    }
    let hash = content_hash(&title, &c.body);
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM clipping WHERE content_hash = ?1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Inserted::Existing(id));
    }
    let outlet_id = match clean(c.source.as_deref()) {
        Some(name) => Some(outlets::resolve(tx, &name)?),
        None => None,
    };
    let keep_id =
        c.id.filter(|&id| id > 0 && id_free(tx, "clipping", id).unwrap_or(false));
    let standfirst = clean(c.standfirst.as_deref());
    let date_origin = c.published.map(|_| {
        c.date_origin
            .unwrap_or(crate::date::DateOrigin::Metadata)
            .as_str()
    });
    tx.prepare_cached(
        "INSERT INTO clipping (id, title, standfirst, excerpt, url, canonical_url, image_url,
            outlet_id, published, date_precision, date_origin, place, language, section, page,
            word_count, status, starred, captured_at, updated_at, deleted_at, content_hash, origin,
            modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24)",
    )?
    .execute(params![
        keep_id,
        title,
        standfirst,
        excerpt(standfirst.as_deref(), &c.body),
        clean(c.url.as_deref()),
        clean(c.canonical_url.as_deref()),
        clean(c.image_url.as_deref()),
        outlet_id,
        c.published.map(|p| p.to_string()),
        c.published
            .map_or(crate::DatePrecision::Unknown, |p| p.precision())
            .as_str(),
        date_origin,
        clean(c.place.as_deref()),
        clean(c.language.as_deref()),
        clean(c.section.as_deref()),
        clean(c.page.as_deref()),
        word_count(&c.body),
        c.status.as_str(),
        c.starred,
        ts(c.captured_at),
        ts(c.updated_at),
        c.deleted_at.map(ts),
        hash,
        clean(c.origin.as_deref()),
        c.modified.map(|m| m.to_string()),
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO clipping_text (clipping_id, body, html, raw) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, c.body, c.html, c.raw])?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO clipping_author (clipping_id, position, name) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, name) in c.authors.iter().filter_map(|a| clean(Some(a))).enumerate() {
            stmt.execute(params![id, pos as i64, name])?;
        }
    }
    for path in c.tags.iter().chain(extra_tags) {
        let tag = tags::ensure(tx, path)?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id) VALUES (?1, ?2)",
        )?
        .execute([tag, id])?;
    }
    for n in c.notes.iter().filter(|n| !n.body.trim().is_empty()) {
        let note_id =
            n.id.filter(|&nid| nid > 0 && id_free(tx, "note", nid).unwrap_or(false));
        tx.prepare_cached(
            "INSERT INTO note (id, clipping_id, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            note_id,
            id,
            n.body.trim_end(),
            ts(n.created_at),
            ts(n.updated_at)
        ])?;
    }
    fts::index_new(tx, id)?;
    Ok(Inserted::New(id))
}

impl Library {
    /// Stores a lossless JSON export, all of it or (on an error) none of it. Outlets bring their
    /// aliases and domains, tags their colours (a colour already set here is kept); a clipping
    /// already in the library (same title and text) is reported, not stored twice.
    pub(crate) fn store_export_file(
        &mut self,
        file: &ExportFile,
        extra_tags: &[String],
    ) -> Result<Vec<Inserted>> {
        self.write(|tx| {
            for o in &file.outlets {
                let Some(name) = clean(Some(&o.name)) else {
                    continue;
                };
                let id = outlet_with_id(tx, &name, o.id)?;
                for alias in o.aliases.iter().filter_map(|a| clean(Some(a))) {
                    tx.execute(
                        "INSERT OR IGNORE INTO outlet_alias (alias, outlet_id) VALUES (?1, ?2)",
                        params![alias, id],
                    )?;
                }
                for domain in o.domains.iter().filter_map(|d| clean(Some(d))) {
                    tx.execute(
                        "INSERT OR IGNORE INTO outlet_domain (domain, outlet_id) VALUES (?1, ?2)",
                        params![domain.to_ascii_lowercase(), id],
                    )?;
                }
            }
            // Parents sort before their children, so each gets its own id first.
            let mut file_tags: Vec<_> = file.tags.iter().collect();
            file_tags.sort_by(|a, b| a.path.cmp(&b.path));
            for t in file_tags {
                let id = tag_with_id(tx, &t.path, t.id)?;
                if let Some(colour) = clean(t.colour.as_deref()) {
                    tx.execute(
                        "UPDATE tag SET colour = coalesce(colour, ?1) WHERE id = ?2",
                        params![colour, id],
                    )?;
                }
            }
            let mut out = Vec::with_capacity(file.clippings.len());
            for (i, c) in file.clippings.iter().enumerate() {
                let r = insert_exported(tx, c, extra_tags).map_err(|e| {
                    Error::invalid(
                        format!("clipping {} ('{}')", i + 1, c.title.trim()),
                        e.to_string(),
                    )
                })?;
                out.push(r);
            }
            Ok(out)
        })
    }
}

/// Many clippings in full, in the order of `ids`, with a handful of queries rather than four per
/// clipping: exports read thousands at a time. Ids not found are left out.
pub(crate) fn load_many(conn: &Connection, ids: &[ClippingId]) -> Result<Vec<Clipping>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::clippings_id_list(ids);
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
    let mut authors = super::authors_of_many(conn, ids)?;
    let mut tag_paths = tags::of_clippings(conn, ids)?;
    let mut notes: HashMap<ClippingId, Vec<Note>> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, clipping_id, body, created_at, updated_at FROM note
             WHERE clipping_id IN ({list}) ORDER BY id"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(Note {
                id: r.get(0)?,
                clipping_id: r.get(1)?,
                body: r.get(2)?,
                created_at: parse_ts(&r.get::<_, String>(3)?)?,
                updated_at: parse_ts(&r.get::<_, String>(4)?)?,
            })
        })?;
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
            c.tags = tag_paths.remove(id).unwrap_or_default();
            c.notes = notes.remove(id).unwrap_or_default();
            Some(c)
        })
        .collect())
}
