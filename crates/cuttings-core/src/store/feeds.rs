//! Feeds subscribed to, the items already taken from them, and clippings waiting for their
//! article to be fetched.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::insert::{content_hash, excerpt, insert, savepoint, write_authors, InsertOptions};
use super::{clean, fts, now, sources, ts, Library};
use crate::date::DateOrigin;
use crate::error::{Error, Result};
use crate::model::{word_count, ClippingDraft, ClippingId};
use crate::store::Inserted;

/// A feed the library follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub added_at: String,
    pub refreshed_at: Option<String>,
    pub last_error: Option<String>,
    /// Items taken from it so far.
    pub items: i64,
}

/// One item of a feed, with the keys that identify it: `guid:…` first, then `url:…`.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub keys: Vec<String>,
    pub draft: ClippingDraft,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedItemsStored {
    pub new: Vec<ClippingId>,
    /// Items new to the feed whose article was already in the library.
    pub already_present: Vec<ClippingId>,
    /// Items taken on an earlier refresh, passed over.
    pub seen: usize,
    /// Items that could not be stored, with the reason.
    pub failed: Vec<(String, String)>,
}

/// A clipping of which only the address is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub id: ClippingId,
    pub url: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

fn feed_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        site_url: r.get(3)?,
        added_at: r.get(4)?,
        refreshed_at: r.get(5)?,
        last_error: r.get(6)?,
        items: r.get(7)?,
    })
}

const FEED_COLS: &str = "f.id, f.url, f.title, f.site_url, f.added_at, f.refreshed_at, f.last_error,
    (SELECT count(DISTINCT coalesce(i.clipping_id, i.key)) FROM feed_item i WHERE i.feed_id = f.id)";

impl Library {
    /// Subscribes to a feed; the second value is false when it was already subscribed.
    pub fn add_feed(
        &mut self,
        url: &str,
        title: Option<&str>,
        site_url: Option<&str>,
    ) -> Result<(Feed, bool)> {
        let url = url.trim();
        if url.is_empty() {
            return Err(Error::invalid("feed", "a feed needs an address"));
        }
        if let Some(f) = self.feed_by_url(url)? {
            return Ok((f, false));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feed (url, title, site_url, added_at) VALUES (?1, ?2, ?3, ?4)",
                params![url, clean(title), clean(site_url), ts(now())],
            )?;
            Ok(())
        })?;
        let f = self
            .feed_by_url(url)?
            .ok_or_else(|| Error::not_found("feed", url))?;
        Ok((f, true))
    }

    pub fn feed_by_url(&self, url: &str) -> Result<Option<Feed>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {FEED_COLS} FROM feed f WHERE f.url = ?1"),
                [url],
                feed_from_row,
            )
            .optional()?)
    }

    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {FEED_COLS} FROM feed f ORDER BY f.id"))?;
        let rows = stmt.query_map([], feed_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Unsubscribes (by id or address); the clippings taken from the feed stay.
    pub fn remove_feed(&mut self, id_or_url: &str) -> Result<()> {
        let n = self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM feed WHERE url = ?1 OR CAST(id AS TEXT) = ?1",
                [id_or_url.trim()],
            )?)
        })?;
        if n == 0 {
            return Err(Error::not_found("feed", id_or_url));
        }
        Ok(())
    }

    /// Records the outcome of a refresh: the feed's title if it told one, and the error if any.
    pub fn feed_refreshed(
        &mut self,
        feed_id: i64,
        title: Option<&str>,
        error: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feed SET refreshed_at = ?1, last_error = ?2,
                    title = coalesce(title, ?3) WHERE id = ?4",
                params![ts(now()), error, clean(title), feed_id],
            )?;
            Ok(())
        })
    }

    /// Stores the items of a feed not taken before, in one transaction. An item is known when
    /// any of its keys is (its GUID, then its normalised link), so a feed that rewrites its
    /// GUIDs or its links still brings each article once.
    pub fn store_feed_items(
        &mut self,
        feed_id: i64,
        items: &[FeedItem],
        tags: &[String],
    ) -> Result<FeedItemsStored> {
        let mut out = FeedItemsStored::default();
        self.write(|tx| {
            let stamp = ts(now());
            for item in items {
                let mut seen = false;
                for k in &item.keys {
                    seen |= tx
                        .prepare_cached("SELECT 1 FROM feed_item WHERE feed_id = ?1 AND key = ?2")?
                        .exists(params![feed_id, k])?;
                }
                if seen {
                    out.seen += 1;
                    continue;
                }
                let opts = InsertOptions {
                    extra_tags: tags,
                    ..InsertOptions::default()
                };
                let stored = savepoint(tx, || {
                    let r = insert(tx, &item.draft, opts)?;
                    for k in &item.keys {
                        tx.prepare_cached(
                            "INSERT OR IGNORE INTO feed_item (feed_id, key, clipping_id, seen_at)
                             VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![feed_id, k, r.id(), stamp])?;
                    }
                    Ok(r)
                });
                match stored {
                    Ok(Inserted::New(id)) => out.new.push(id),
                    Ok(Inserted::Existing(id)) => out.already_present.push(id),
                    Err(e) => {
                        let name = item.keys.first().cloned().unwrap_or_default();
                        out.failed.push((name, e.to_string()));
                    }
                }
            }
            Ok(())
        })?;
        self.after_arrival(&out.new);
        Ok(out)
    }

    /// The clipping stored under this normalised address, if any (trashed ones too).
    pub fn clipping_by_canonical_url(&self, url: &str) -> Result<Option<ClippingId>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM clipping WHERE canonical_url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?)
    }

    /// Clippings waiting for their article, oldest first (trashed ones left out).
    pub fn pending_fetches(&self) -> Result<Vec<Pending>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.clipping_id, coalesce(c.url, c.canonical_url), p.attempts, p.last_error
               FROM pending_fetch p JOIN clipping c ON c.id = p.clipping_id
              WHERE c.deleted_at IS NULL AND coalesce(c.url, c.canonical_url) IS NOT NULL
              ORDER BY p.clipping_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Pending {
                id: r.get(0)?,
                url: r.get(1)?,
                attempts: r.get(2)?,
                last_error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn is_pending(&self, id: ClippingId) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM pending_fetch WHERE clipping_id = ?1")?
            .exists([id])?)
    }

    /// Notes a failed attempt to fetch a pending clipping; it stays pending.
    pub fn pending_failed(&mut self, id: ClippingId, error: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE pending_fetch SET attempts = attempts + 1, last_error = ?1
                  WHERE clipping_id = ?2",
                params![error, id],
            )?;
            Ok(())
        })
    }

    /// Fills a pending clipping with the article fetched for it, in one transaction: its text,
    /// title, byline, outlet and date are replaced where the page gave them; its tags, notes,
    /// status and saved-at time stay.
    pub fn complete_pending(&mut self, id: ClippingId, page: &ClippingDraft) -> Result<()> {
        if page.body.trim().is_empty() {
            return Err(Error::invalid("body", "the page has no article text"));
        }
        let stamp = ts(now());
        self.write(|tx| {
            let (old_title, old_canonical): (String, Option<String>) = tx
                .query_row(
                    "SELECT title, canonical_url FROM clipping WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| Error::not_found("clipping", id))?;
            let title = match clean(Some(&page.title)) {
                Some(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
                None => old_title,
            };
            let hash = content_hash(&title, &page.body);
            let canonical = clean(page.canonical_url.as_deref()).or(old_canonical);
            let clash: Option<i64> = tx
                .query_row(
                    "SELECT id FROM clipping WHERE id <> ?1 AND (content_hash = ?2
                        OR (?3 IS NOT NULL AND canonical_url = ?3))",
                    params![id, hash, canonical],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = clash {
                return Err(Error::Conflict(format!(
                    "the article is already in the library as clipping {other}"
                )));
            }
            let outlet = match clean(page.source.as_deref()) {
                Some(name) => Some(sources::resolve(tx, &name)?),
                None => None,
            };
            let standfirst = clean(page.standfirst.as_deref());
            fts::reindexing(tx, "SELECT ?1", [id], || {
                tx.execute(
                    "UPDATE clipping SET title = ?1, standfirst = coalesce(?2, standfirst),
                        excerpt = ?3, outlet_id = coalesce(?4, outlet_id),
                        word_count = ?5, content_hash = ?6, canonical_url = ?7,
                        image_url = coalesce(?8, image_url),
                        language = coalesce(?9, language), updated_at = ?10,
                        modified = coalesce(?12, modified)
                      WHERE id = ?11",
                    params![
                        title,
                        standfirst,
                        excerpt(standfirst.as_deref(), &page.body),
                        outlet,
                        word_count(&page.body),
                        hash,
                        canonical,
                        clean(page.image_url.as_deref()),
                        clean(page.language.as_deref()),
                        stamp,
                        id,
                        page.modified.map(|m| m.to_string()),
                    ],
                )?;
                if let Some(d) = page.published {
                    tx.execute(
                        "UPDATE clipping SET published = ?1, date_precision = ?2, date_origin = ?3
                          WHERE id = ?4",
                        params![
                            d.to_string(),
                            d.precision().as_str(),
                            page.date_origin.unwrap_or(DateOrigin::Metadata).as_str(),
                            id
                        ],
                    )?;
                }
                super::stories::text_changing(tx, id)?;
                tx.execute(
                    "UPDATE clipping_text SET body = ?1, html = ?2, raw = coalesce(?3, raw)
                      WHERE clipping_id = ?4",
                    params![page.body, page.html, page.raw, id],
                )?;
                super::stories::text_changed(tx, id, &page.body)?;
                if !page.authors.is_empty() {
                    write_authors(tx, id, &page.authors)?;
                }
                Ok(())
            })?;
            tx.execute("DELETE FROM pending_fetch WHERE clipping_id = ?1", [id])?;
            Ok(())
        })?;
        // Its whole text has come: what it is about is known now.
        self.after_arrival(&[id]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;

    #[test]
    fn a_library_from_before_capture_gains_feeds_and_pending_fetches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.cuttings");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            schema::migrate_to(&mut conn, 2).unwrap();
            conn.execute_batch(
                "INSERT INTO clipping (id, title, excerpt, word_count, status, starred, captured_at,
                     updated_at, content_hash, url, canonical_url)
                 VALUES (1, 'Kept', 'x', 1, 'inbox', 0, '2024-01-01T00:00:00.000Z',
                     '2024-01-01T00:00:00.000Z', 'h', 'https://a.example/x?utm_source=y', 'https://a.example/x');
                 INSERT INTO clipping_text (clipping_id, body) VALUES (1, 'Kept text');
                 INSERT INTO clipping_fts(clipping_fts) VALUES ('rebuild');",
            )
            .unwrap();
        }
        let mut lib = Library::open(&path).unwrap();
        assert_eq!(lib.clipping(1).unwrap().title, "Kept");
        let (feed, new) = lib
            .add_feed("https://a.example/rss", Some("A"), None)
            .unwrap();
        assert!(new);
        assert_eq!(feed.items, 0);
        // The same article by its normalised address is already there.
        let same = ClippingDraft {
            title: "Other title".into(),
            body: "Other text".into(),
            canonical_url: Some("https://a.example/x".into()),
            ..ClippingDraft::default()
        };
        assert_eq!(lib.insert_clipping(&same).unwrap(), Inserted::Existing(1));
        let pending = ClippingDraft {
            title: "Bookmark".into(),
            body: "https://b.example/y".into(),
            url: Some("https://b.example/y".into()),
            pending_fetch: true,
            ..ClippingDraft::default()
        };
        let id = lib.insert_clipping(&pending).unwrap().id();
        assert!(lib.is_pending(id).unwrap());
        assert_eq!(lib.pending_fetches().unwrap()[0].url, "https://b.example/y");
        lib.check_integrity().unwrap();
    }
}
