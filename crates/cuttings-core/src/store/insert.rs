//! The one write path of a clipping: every importer, capture, feed, paste and lossless JSON
//! import stores through [`insert`], so a new column touches the schema, the model and this file.
//! The derived columns (the content hash, the list excerpt, the word count) are computed here
//! and by [`super::clippings`]' edits with the same functions.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::ids::free_id;
use super::kept::Kept;
use super::print_staging::Staging;
use super::{clean, fts, notes, now, sources, tags, ts, Library};
use crate::date::DateOrigin;
use crate::error::{Error, Result};
use crate::model::{word_count, ClippingDraft, ClippingId};

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

/// How [`insert`] stores a draft.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InsertOptions<'a> {
    /// Index the clipping now; false during a bulk load, whose index is built once at its end.
    pub index: bool,
    pub kept: Option<&'a Kept>,
    /// Tags put on the clipping beside its own (an import's "tag everything with").
    pub extra_tags: &'a [String],
    /// Place the clipping in a story (see `stories`); off only in a benchmark's baseline.
    pub stories: bool,
    /// A large load's print index (see `print_staging`).
    pub staging: Option<&'a Staging>,
}

impl Default for InsertOptions<'_> {
    fn default() -> Self {
        InsertOptions {
            index: true,
            kept: None,
            extra_tags: &[],
            stories: true,
            staging: None,
        }
    }
}

/// Stores a draft inside a transaction: the same article (same title and text, or the same
/// normalised address) is found rather than stored twice.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    d: &ClippingDraft,
    opts: InsertOptions<'_>,
) -> Result<Inserted> {
    // Everything that can be wrong with a draft is found before the first write, so a refused
    // draft leaves nothing behind even without a savepoint.
    let title = check_title(&d.title)?;
    if d.body.trim().is_empty() {
        return Err(Error::invalid("body", "a clipping needs some text"));
    }
    let tag_paths = d
        .tags
        .iter()
        .chain(opts.extra_tags)
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
    let outlet_id = match clean(d.source.as_deref()) {
        Some(name) => Some(sources::resolve(tx, &name)?),
        None => None,
    };
    let stamp = ts(now());
    let captured = d.captured_at.map(ts).unwrap_or_else(|| stamp.clone());
    let keep_id = match opts.kept {
        Some(k) => free_id(tx, "clipping", k.id)?,
        None => None,
    };
    let updated = opts
        .kept
        .map_or_else(|| stamp.clone(), |k| ts(k.updated_at));
    let deleted = opts.kept.and_then(|k| k.deleted_at).map(ts);
    let standfirst = clean(d.standfirst.as_deref());
    let date_origin = d
        .published
        .map(|_| d.date_origin.unwrap_or(DateOrigin::Metadata));
    let placing = if opts.stories {
        Some(super::stories::find(tx, &d.body, opts.staging)?)
    } else {
        None
    };
    tx.prepare_cached(
        "INSERT INTO clipping (id, title, standfirst, excerpt, url, outlet_id, published,
            date_precision, date_origin, place, language, section, page, word_count, status,
            starred, captured_at, updated_at, deleted_at, content_hash, origin, canonical_url,
            image_url, modified, story_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(params![
        keep_id,
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
        updated,
        deleted,
        hash,
        clean(d.origin.as_deref()),
        canonical_url,
        clean(d.image_url.as_deref()),
        d.modified.map(|m| m.to_string()),
        placing.as_ref().map(|p| p.story),
    ])?;
    let id = tx.last_insert_rowid();
    if d.pending_fetch {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO pending_fetch (clipping_id, added_at) VALUES (?1, ?2)",
        )?
        .execute(params![id, stamp])?;
    }
    tx.prepare_cached(
        "INSERT INTO clipping_text (clipping_id, body, html, raw) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, d.body, d.html, d.raw])?;
    if let Some(p) = &placing {
        super::stories::record(tx, id, p, opts.staging)?;
    }
    insert_authors(tx, id, &d.authors)?;
    let auto = match opts.kept {
        Some(k) => k
            .auto_tags
            .iter()
            .map(|t| tags::normalize_path(t))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    for path in &tag_paths {
        let tag = tags::ensure(tx, path)?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id, auto) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![tag, id, auto.contains(path)])?;
    }
    match opts.kept {
        Some(k) => {
            for n in k.notes.iter().filter(|n| !n.body.trim().is_empty()) {
                let note_id = free_id(tx, "note", n.id)?;
                notes::insert_kept(tx, note_id, id, n)?;
            }
        }
        None => {
            for body in d.notes.iter().filter(|n| !n.trim().is_empty()) {
                notes::insert_raw(tx, id, body, &stamp)?;
            }
        }
    }
    if opts.index {
        fts::index_new(tx, id)?;
    }
    Ok(Inserted::New(id))
}

/// Runs `f` inside a savepoint of `tx`: what it wrote stays when it succeeds and is undone
/// when it fails, while the transaction goes on. A batch uses one per source, so a bad file
/// costs only itself.
pub(crate) fn savepoint<T>(tx: &Transaction<'_>, f: impl FnOnce() -> Result<T>) -> Result<T> {
    tx.prepare_cached("SAVEPOINT one_source")?.execute([])?;
    match f() {
        Ok(v) => {
            tx.prepare_cached("RELEASE one_source")?.execute([])?;
            Ok(v)
        }
        Err(e) => {
            tx.execute_batch("ROLLBACK TO one_source; RELEASE one_source")?;
            Err(e)
        }
    }
}

impl Library {
    /// Stores a draft; the same article given twice is stored once.
    pub fn insert_clipping(&mut self, draft: &ClippingDraft) -> Result<Inserted> {
        let r = self.write(|tx| insert(tx, draft, InsertOptions::default()))?;
        if let Inserted::New(id) = r {
            self.after_arrival(&[id]);
        }
        Ok(r)
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
pub(crate) fn excerpt(standfirst: Option<&str>, body: &str) -> String {
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

pub(super) fn check_title(title: &str) -> Result<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(Error::invalid("title", "a clipping needs a title"));
    }
    Ok(t)
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

    fn random_text(rng: &mut crate::synthetic::Rng, len: usize, unicode: bool) -> String {
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
        let mut rng = crate::synthetic::Rng::new(11);
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
