//! Storing, reading, changing and trashing clippings.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Deserializer, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{clean, fts, notes, now, outlets, parse_ts, tags, ts, Library};
use crate::date::{DateOrigin, PartialDate};
use crate::error::{Error, Result};
use crate::model::{word_count, Clipping, ClippingDraft, ClippingId, Status};

/// What happened to a draft given to the library.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "id", rename_all = "snake_case")]
pub enum Inserted {
    New(ClippingId),
    /// The same article (same title and text) was already in the library, perhaps in the trash.
    Existing(ClippingId),
}

impl Inserted {
    pub fn id(self) -> ClippingId {
        match self {
            Inserted::New(id) | Inserted::Existing(id) => id,
        }
    }
}

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

/// The identity of an article: its title and text, with spacing and Unicode forms folded, so
/// that the same article saved twice (or in two encodings) is stored once. BLAKE3: fast enough
/// to hash every import, and collision-free in practice, which matters because a collision
/// would pass a different article off as already present.
pub fn content_hash(title: &str, body: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [title, body] {
        if part.is_ascii() {
            // Imported text is mostly ASCII, which needs no Unicode folding: done on bytes.
            hash_folded_ascii(part.as_bytes(), &mut hasher);
        } else {
            // Imported text is already NFC, but not all of it.
            let nfc: String = part.nfc().collect();
            let mut folded = String::with_capacity(nfc.len());
            for (i, w) in nfc.split_whitespace().enumerate() {
                if i > 0 {
                    folded.push(' ');
                }
                folded.push_str(w);
            }
            hasher.update(folded.as_bytes());
        }
        hasher.update(&[0x1f]);
    }
    hasher.finalize().to_hex().to_string()
}

/// Hashes ASCII text as `split_whitespace().join(" ")` would leave it (white space in ASCII
/// being tab to carriage return, and space), without copying it: the stretches where it is
/// already so, which is nearly all of it, are hashed as they stand.
fn hash_folded_ascii(text: &[u8], hasher: &mut blake3::Hasher) {
    let is_space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let n = text.len();
    let mut i = 0;
    while i < n && is_space(text[i]) {
        i += 1;
    }
    let mut from = i;
    while i < n {
        if text[i] > b' ' || !is_space(text[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < n && is_space(text[end]) {
            end += 1;
        }
        if end == n {
            // White space at the end is dropped.
            break;
        }
        if end != i + 1 || text[i] != b' ' {
            // Anything but one plain space becomes one.
            hasher.update(&text[from..i]);
            hasher.update(b" ");
            from = end;
        }
        i = end;
    }
    hasher.update(&text[from..i]);
}

/// A short extract for list rows when there is no search: the standfirst, else the opening.
pub(super) fn excerpt(standfirst: Option<&str>, body: &str) -> String {
    const CHARS: usize = 280;
    let src = standfirst.filter(|s| !s.trim().is_empty()).unwrap_or(body);
    // Only the opening is needed; a few times the length covers any run of spaces.
    let head_end = if src.len() <= CHARS * 4 {
        src.len()
    } else if src.as_bytes()[..CHARS * 4].is_ascii() {
        CHARS * 4
    } else {
        src.char_indices()
            .nth(CHARS * 4)
            .map_or(src.len(), |(i, _)| i)
    };
    let head = &src[..head_end];
    // The words joined by single spaces, stopping once past the length kept.
    let mut flat = String::with_capacity(head.len().min(CHARS * 2));
    let mut chars = 0;
    let mut whole = true;
    for w in head.split_whitespace() {
        if chars > CHARS {
            whole = false;
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(w);
        chars += if w.is_ascii() {
            w.len()
        } else {
            w.chars().count()
        };
    }
    if whole && chars <= CHARS && head_end == src.len() {
        return flat;
    }
    let cut = match flat.char_indices().nth(CHARS) {
        Some((i, _)) => &flat[..i],
        None => &flat[..],
    };
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

fn check_title(title: &str) -> Result<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(Error::invalid("title", "a clipping needs a title"));
    }
    Ok(t)
}

/// Inserts a draft inside a transaction. With `index` false the caller rebuilds the full-text
/// index itself afterwards (bulk loads).
pub(crate) fn insert(tx: &Transaction<'_>, d: &ClippingDraft, index: bool) -> Result<Inserted> {
    // Everything that can be wrong with a draft is found before the first write, so a refused
    // draft leaves nothing behind even without a savepoint.
    let title = check_title(&d.title)?;
    if d.body.trim().is_empty() {
        return Err(Error::invalid("body", "a clipping needs some text"));
    }
    let tag_paths = d
        .tags
        .iter()
        .map(|t| tags::normalize_path(t))
        .collect::<Result<Vec<_>>>()?;
    let hash = content_hash(&title, &d.body);
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM clipping WHERE content_hash = ?1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Inserted::Existing(id));
    }
    let canonical_url = clean(d.canonical_url.as_deref());
    // The same article reached by another address (tracking parameters, AMP, mobile host) is
    // the same clipping, even when its page text changed since.
    if let Some(url) = &canonical_url {
        if let Some(id) = tx
            .prepare_cached("SELECT id FROM clipping WHERE canonical_url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?
        {
            return Ok(Inserted::Existing(id));
        }
    }
    let outlet_id = match clean(d.outlet.as_deref()) {
        Some(name) => Some(outlets::resolve(tx, &name)?),
        None => None,
    };
    let stamp = ts(now());
    let captured = d.captured_at.map(ts).unwrap_or_else(|| stamp.clone());
    let standfirst = clean(d.standfirst.as_deref());
    let date_origin = d
        .published
        .map(|_| d.date_origin.unwrap_or(DateOrigin::Metadata));
    tx.prepare_cached(
        "INSERT INTO clipping (title, standfirst, excerpt, url, outlet_id, published, date_precision,
            date_origin, place, language, section, page, word_count, status, starred,
            captured_at, updated_at, content_hash, origin, canonical_url, image_url, modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22)",
    )?
    .execute(params![
        title,
        standfirst,
        excerpt(standfirst.as_deref(), &d.body),
        clean(d.url.as_deref()),
        outlet_id,
        d.published.map(|p| p.to_string()),
        d.date_precision().as_str(),
        date_origin.map(DateOrigin::as_str),
        clean(d.place.as_deref()),
        clean(d.language.as_deref()),
        clean(d.section.as_deref()),
        clean(d.page.as_deref()),
        word_count(&d.body),
        d.status.as_str(),
        d.starred,
        captured,
        stamp,
        hash,
        clean(d.origin.as_deref()),
        canonical_url,
        clean(d.image_url.as_deref()),
        d.modified.map(|m| m.to_string()),
    ])?;
    let id = tx.last_insert_rowid();
    if d.pending_fetch {
        super::feeds::mark_pending(tx, id)?;
    }
    tx.prepare_cached(
        "INSERT INTO clipping_text (clipping_id, body, html, raw) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, d.body, d.html, d.raw])?;
    insert_authors(tx, id, &d.authors)?;
    for path in &tag_paths {
        let tag = tags::ensure(tx, path)?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id) VALUES (?1, ?2)",
        )?
        .execute([tag, id])?;
    }
    for body in d.notes.iter().filter(|n| !n.trim().is_empty()) {
        notes::insert_raw(tx, id, body, &stamp)?;
    }
    if index {
        fts::index_new(tx, id)?;
    }
    Ok(Inserted::New(id))
}

pub(super) fn write_authors(
    tx: &Transaction<'_>,
    id: ClippingId,
    authors: &[String],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM clipping_author WHERE clipping_id = ?1")?
        .execute([id])?;
    insert_authors(tx, id, authors)
}

fn insert_authors(tx: &Transaction<'_>, id: ClippingId, authors: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO clipping_author (clipping_id, position, name) VALUES (?1, ?2, ?3)",
    )?;
    let mut pos = 0;
    for name in authors {
        if let Some(name) = clean(Some(name)) {
            stmt.execute(params![id, pos, name])?;
            pos += 1;
        }
    }
    Ok(())
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
        tx.execute(
            "UPDATE clipping_text SET body = ?1 WHERE clipping_id = ?2",
            params![body, id],
        )?;
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
            Some(name) => Some(outlets::resolve(tx, &name)?),
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

/// `?1, ?2, …` for a list of ids; ids are numbers, never user text.
pub(crate) fn id_list(ids: &[ClippingId]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The columns [`clipping_row`] reads, from [`CLIPPING_FROM`].
pub(super) const CLIPPING_COLS: &str =
    "c.id, c.title, c.standfirst, t.body, t.html, c.url, o.name, c.published, c.date_origin,
     c.place, c.language, c.section, c.page, c.status, c.starred, c.captured_at, c.updated_at,
     c.deleted_at, c.word_count, c.content_hash, c.origin, c.modified";

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
        published,
        date_origin: origin.and_then(|o| o.parse().ok()),
        modified: modified.and_then(|m| PartialDate::parse_iso(&m).ok()),
        place: r.get(9)?,
        language: r.get(10)?,
        section: r.get(11)?,
        page: r.get(12)?,
        tags: Vec::new(),
        notes: Vec::new(),
        status: status.parse().unwrap_or_default(),
        starred: r.get(14)?,
        captured_at: parse_ts(&r.get::<_, String>(15)?)?,
        updated_at: parse_ts(&r.get::<_, String>(16)?)?,
        deleted_at: deleted.as_deref().map(parse_ts).transpose()?,
        word_count: r.get(18)?,
        content_hash: r.get(19)?,
        origin: r.get(20)?,
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
    c.tags = tags::of_clipping(conn, id)?;
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
    /// Stores a draft; the same article given twice is stored once.
    pub fn insert_clipping(&mut self, draft: &ClippingDraft) -> Result<Inserted> {
        self.write(|tx| insert(tx, draft, true))
    }

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
            fts::unindex(tx)?;
            let n = tx.execute(
                "DELETE FROM clipping WHERE id IN (SELECT id FROM temp.fts_pending)",
                [],
            )?;
            tx.execute("DELETE FROM temp.fts_pending", [])?;
            Ok(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, plainly written versions: the fast ones must give the same answers.
    fn content_hash_reference(title: &str, body: &str) -> String {
        let mut folded = String::new();
        for part in [title, body] {
            let nfc: String = part.nfc().collect();
            for (i, w) in nfc.split_whitespace().enumerate() {
                if i > 0 {
                    folded.push(' ');
                }
                folded.push_str(w);
            }
            folded.push('\u{1f}');
        }
        blake3::hash(folded.as_bytes()).to_hex().to_string()
    }

    fn excerpt_reference(standfirst: Option<&str>, body: &str) -> String {
        const CHARS: usize = 280;
        let src = standfirst.filter(|s| !s.trim().is_empty()).unwrap_or(body);
        let head: String = src.chars().take(CHARS * 4).collect();
        let flat = head.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= CHARS && head.len() == src.len() {
            return flat;
        }
        let cut: String = flat.chars().take(CHARS).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", &cut[..at])
    }

    fn random_text(rng: &mut crate::bench::Rng, len: usize, unicode: bool) -> String {
        const ASCII: &[&str] = &[
            "a", "bc", "Def", "9", " ", " ", "  ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", ".", "-",
        ];
        const OTHER: &[&str] = &["é", "e\u{301}", "Ж", "\u{a0}", "\u{2003}", "…", "日本"];
        (0..len)
            .map(|_| {
                if unicode && rng.below(6) == 0 {
                    OTHER[rng.below(OTHER.len())]
                } else {
                    ASCII[rng.below(ASCII.len())]
                }
            })
            .collect()
    }

    #[test]
    fn the_fast_content_hash_and_excerpt_match_the_plain_ones() {
        let mut rng = crate::bench::Rng::new(11);
        for round in 0..400 {
            let unicode = round % 3 == 0;
            let len = [0, 1, 5, 60, 200, 700, 1500][round % 7];
            let title = random_text(&mut rng, 1 + round % 9, unicode);
            let body = random_text(&mut rng, len, unicode);
            let standfirst = random_text(&mut rng, round % 50, round % 4 == 0);
            assert_eq!(
                content_hash(&title, &body),
                content_hash_reference(&title, &body),
                "{title:?} / {body:?}"
            );
            for sf in [None, Some(standfirst.as_str())] {
                assert_eq!(
                    excerpt(sf, &body),
                    excerpt_reference(sf, &body),
                    "{sf:?} / {body:?}"
                );
            }
        }
        // Mostly white space: short once folded, yet longer than the opening that is read.
        let spaced = format!("a{}b", " ".repeat(1200));
        assert_eq!(excerpt(None, &spaced), excerpt_reference(None, &spaced));
    }
}
