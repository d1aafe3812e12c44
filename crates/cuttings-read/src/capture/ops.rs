//! Capture into a library: add a page by its address, fetch the clippings that wait for their
//! article, subscribe to feeds and bring their new items. What the CLI and the app call.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::feed::{self, ReadFeed};
use super::fetch::{self, FetchOptions};
use super::{opml, urls};
use crate::import::Failure;
use cuttings_core::error::{Error, Result};
use cuttings_core::model::ClippingId;
use cuttings_core::store::feeds::{Feed, FeedItemsStored};
use cuttings_core::store::{Inserted, Library};

/// Fetches a page and stores it. An address already in the library (after normalisation) is
/// not fetched again.
pub fn add_url(
    lib: &mut Library,
    url: &str,
    tags: &[String],
    opts: &FetchOptions,
) -> Result<Inserted> {
    if let Some(id) = urls::normalise(url)
        .map(|u| lib.clipping_by_canonical_url(&u))
        .transpose()?
        .flatten()
    {
        return Ok(Inserted::Existing(id));
    }
    let mut d = fetch::fetch_url_with(url, opts)?;
    d.tags.extend(tags.iter().cloned());
    lib.insert_clipping(&d)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PendingSummary {
    pub fetched: Vec<ClippingId>,
    pub failed: Vec<Failure>,
    /// Left for another run (over the limit, or cancelled).
    pub left: usize,
}

/// Fetches the article of each clipping that has only its address, up to `limit`. A failure is
/// noted on the clipping, which stays pending, and the rest go on.
pub fn fetch_pending(
    lib: &mut Library,
    limit: Option<usize>,
    opts: &FetchOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<PendingSummary> {
    let pending = lib.pending_fetches()?;
    let n = limit.unwrap_or(usize::MAX).min(pending.len());
    let mut out = PendingSummary {
        left: pending.len() - n,
        ..PendingSummary::default()
    };
    for (i, p) in pending.into_iter().take(n).enumerate() {
        progress(i + 1, n, &p.url);
        let result =
            fetch::fetch_url_with(&p.url, opts).and_then(|d| lib.complete_pending(p.id, &d));
        match result {
            Ok(()) => out.fetched.push(p.id),
            Err(e) => {
                let reason = e.reason();
                lib.pending_failed(p.id, &reason)?;
                out.failed.push(Failure {
                    path: format!("{} ({})", p.url, p.id),
                    reason,
                });
            }
        }
    }
    Ok(out)
}

/// Reads a feed from an address or a file.
pub fn load_feed(source: &str, opts: &FetchOptions) -> Result<ReadFeed> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let f = fetch::fetch(source, opts)?;
        feed::read(&f.bytes, Some(&f.url)).map_err(|m| Error::file(source, m))
    } else {
        let bytes = std::fs::read(source).map_err(|e| Error::file(source, e.to_string()))?;
        feed::read(&bytes, None).map_err(|m| Error::file(source, m))
    }
}

/// Subscribes to a feed (an address, or a file's path) and takes its items.
pub fn subscribe(
    lib: &mut Library,
    source: &str,
    tags: &[String],
    opts: &FetchOptions,
) -> Result<(Feed, bool, FeedItemsStored)> {
    let source = if source.starts_with("http://") || source.starts_with("https://") {
        source.trim().to_string()
    } else {
        std::fs::canonicalize(source)
            .map_err(|e| Error::file(source, e.to_string()))?
            .display()
            .to_string()
    };
    // Read before subscribing: an address that is not a feed is not subscribed to.
    let read = load_feed(&source, opts)?;
    let (feed, new) = lib.add_feed(&source, read.title.as_deref(), read.site_url.as_deref())?;
    let stored = lib.store_feed_items(feed.id, &read.items, tags)?;
    lib.feed_refreshed(feed.id, read.title.as_deref(), None)?;
    let feed = lib.feed_by_url(&source)?.unwrap_or(feed);
    Ok((feed, new, stored))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refreshed {
    pub feed: Feed,
    pub stored: FeedItemsStored,
    pub error: Option<String>,
}

/// Brings the new items of every feed (or of the one named by id or address). A feed that
/// cannot be read is reported and the others go on.
pub fn refresh(
    lib: &mut Library,
    only: Option<&str>,
    opts: &FetchOptions,
) -> Result<Vec<Refreshed>> {
    let feeds: Vec<Feed> = lib
        .feeds()?
        .into_iter()
        .filter(|f| only.is_none_or(|o| f.url == o || f.id.to_string() == o))
        .collect();
    if let Some(o) = only {
        if feeds.is_empty() {
            return Err(Error::not_found("feed", o));
        }
    }
    let mut out = Vec::new();
    for f in feeds {
        match load_feed(&f.url, opts) {
            Ok(read) => {
                let stored = lib.store_feed_items(f.id, &read.items, &[])?;
                lib.feed_refreshed(f.id, read.title.as_deref(), None)?;
                out.push(Refreshed {
                    feed: lib.feed_by_url(&f.url)?.unwrap_or(f),
                    stored,
                    error: None,
                });
            }
            Err(e) => {
                let msg = e.reason();
                lib.feed_refreshed(f.id, None, Some(&msg))?;
                out.push(Refreshed {
                    feed: f,
                    stored: FeedItemsStored::default(),
                    error: Some(msg),
                });
            }
        }
    }
    Ok(out)
}

/// Subscribes to every feed of an OPML file, without fetching them (a refresh does).
pub fn import_opml(lib: &mut Library, path: &Path) -> Result<(usize, usize)> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, e.to_string()))?;
    let text = crate::decode::decode_html(&bytes, None);
    let outlines = opml::read(&text).map_err(|m| Error::file(path, m))?;
    let (mut new, mut known) = (0, 0);
    for o in outlines {
        let (_, added) = lib.add_feed(&o.url, o.title.as_deref(), o.site_url.as_deref())?;
        if added {
            new += 1;
        } else {
            known += 1;
        }
    }
    Ok((new, known))
}

/// The subscription list as OPML.
pub fn export_opml(lib: &Library) -> Result<String> {
    let outlines: Vec<opml::Outline> = lib
        .feeds()?
        .into_iter()
        .map(|f| opml::Outline {
            url: f.url,
            title: f.title,
            site_url: f.site_url,
        })
        .collect();
    Ok(opml::write(&outlines))
}

#[cfg(test)]
mod tests;
