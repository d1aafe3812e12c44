//! RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read by `feed-rs`: each item one clipping.
//!
//! An item with its full text (`content:encoded`, Atom `content`) is a clipping as it is; an
//! item with only a teaser is stored with the teaser and marked to be fetched, so
//! `cuttings fetch --pending` brings the article itself.

use serde_json::Value;

use super::{html, meta::clean_text, urls};
use cuttings_core::date::{DateOrigin, PartialDate};
use cuttings_core::model::ClippingDraft;
use cuttings_core::store::feeds::FeedItem;

/// A feed read: its name, its site and its items, newest as the feed orders them.
#[derive(Debug, Clone)]
pub struct ReadFeed {
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub items: Vec<FeedItem>,
}

/// True for a JSON Feed document (as opposed to another tool's JSON export).
pub fn is_json_feed(v: &Value) -> bool {
    v.get("version")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("jsonfeed.org"))
}

fn text(t: &Option<feed_rs::model::Text>) -> Option<String> {
    let t = t.as_ref()?;
    if t.content_type.essence().to_string().contains("html") {
        clean_text(&html::fragment(&t.content, None).0)
    } else {
        clean_text(&t.content)
    }
}

/// Reads a feed. `url` is where it was fetched from, to make its links absolute.
pub fn read(bytes: &[u8], url: Option<&str>) -> Result<ReadFeed, String> {
    let parser = feed_rs::parser::Builder::new().base_uri(url).build();
    let feed = parser.parse(bytes).map_err(|e| {
        format!("this is not a feed Cuttings can read (RSS, Atom or JSON Feed): {e}")
    })?;
    let title = text(&feed.title);
    let site_url = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let feed_authors: Vec<String> = feed
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().and_then(clean_text))
        .collect();
    let mut items = Vec::new();
    for e in &feed.entries {
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.clone())
            .and_then(|h| urls::absolute(url.or(site_url.as_deref()), &h).or(Some(h)));
        let base = link.as_deref().or(url);
        let full = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(|b| html::fragment(b, base))
            .filter(|(t, _)| !t.trim().is_empty());
        let summary = e
            .summary
            .as_ref()
            .map(|s| html::fragment(&s.content, base))
            .filter(|(t, _)| !t.trim().is_empty());
        let title = text(&e.title);
        let (body, safe_html, pending) = match (full, &summary) {
            (Some((t, h)), _) => (t, Some(h), false),
            (None, Some((t, h))) => (t.clone(), Some(h.clone()), link.is_some()),
            (None, None) => match (&link, &title) {
                (Some(l), _) => (l.clone(), None, true),
                (None, Some(t)) => (t.clone(), None, false),
                (None, None) => continue,
            },
        };
        let standfirst = summary
            .as_ref()
            .map(|(t, _)| t.clone())
            .filter(|s| *s != body);
        let date = e
            .published
            .or(e.updated)
            .map(|t| PartialDate::from_naive(t.date_naive()));
        // An item's update time is its modification only when a publication time stands
        // beside it; alone, it is the best date the feed gives for the item.
        let modified = e
            .published
            .and(e.updated)
            .map(|t| PartialDate::from_naive(t.date_naive()));
        let mut authors: Vec<String> = e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().and_then(clean_text))
            .collect();
        if authors.is_empty() {
            authors = feed_authors.clone();
        }
        let canonical = link.as_deref().and_then(urls::normalise);
        let mut keys = Vec::new();
        if !e.id.trim().is_empty() {
            keys.push(format!("guid:{}", e.id.trim()));
        }
        if let Some(c) = &canonical {
            keys.push(format!("url:{c}"));
        }
        let draft = ClippingDraft {
            title: title.clone().unwrap_or_else(|| first_words(&body)),
            standfirst,
            body,
            html: safe_html,
            url: link.clone(),
            canonical_url: canonical,
            image_url: e
                .media
                .iter()
                .flat_map(|m| m.thumbnails.iter().map(|t| t.image.uri.clone()))
                .next(),
            source: title_of_feed(&title, &feed),
            authors,
            published: date,
            date_origin: date.map(|_| DateOrigin::Metadata),
            modified,
            language: e.language.clone().or(feed.language.clone()),
            origin: url.map(str::to_string).or(link),
            pending_fetch: pending,
            tags: topics(&e.categories),
            ..ClippingDraft::default()
        };
        items.push(FeedItem { keys, draft });
    }
    Ok(ReadFeed {
        title,
        site_url,
        items,
    })
}

fn title_of_feed(_item: &Option<String>, feed: &feed_rs::model::Feed) -> Option<String> {
    text(&feed.title)
}

/// An item's categories as topics, the way other tools' exports keep their tags. RSS writes a
/// hierarchy with slashes ("World/Europe"), which is how topics nest too. Atom's `label` is
/// the readable name where its `term` may be a code; a term that is an address (a scheme
/// such as Blogger's `kind#post`) names no topic, and WordPress's "Uncategorized" is its
/// placeholder for none.
fn topics(categories: &[feed_rs::model::Category]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in categories {
        let name = c
            .label
            .as_deref()
            .and_then(clean_text)
            .or_else(|| clean_text(&c.term));
        let Some(name) = name else { continue };
        if name.contains("://")
            || name.eq_ignore_ascii_case("uncategorized")
            || name.eq_ignore_ascii_case("uncategorised")
        {
            continue;
        }
        // A name of slashes alone is no topic, and would make the store refuse the clipping.
        let Ok(path) = cuttings_core::store::normalize_tag_path(&name) else {
            continue;
        };
        if !out.iter().any(|t| t.eq_ignore_ascii_case(&path)) {
            out.push(path);
        }
    }
    out
}

fn first_words(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(12).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Courier - World</title><link>https://courier.example/world</link>
<item><title>Full story</title><link>https://courier.example/world/full?utm_source=rss</link>
<guid isPermaLink="false">courier-1</guid><pubDate>Sat, 10 Feb 2024 08:00:00 GMT</pubDate>
<dc:creator>Ann Smith</dc:creator><description>Teaser.</description>
<content:encoded><![CDATA[<p>The whole article, first paragraph.</p><script>x()</script><p>Second.</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://courier.example/world/teaser</link>
<description>Just the first line…</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_clippings_with_their_metadata() {
        let f = read(RSS.as_bytes(), Some("https://courier.example/rss")).unwrap();
        assert_eq!(f.title.as_deref(), Some("The Courier - World"));
        assert_eq!(f.items.len(), 2);
        let d = &f.items[0].draft;
        assert_eq!(d.title, "Full story");
        assert_eq!(d.body, "The whole article, first paragraph.\n\nSecond.");
        assert_eq!(d.authors, ["Ann Smith"]);
        assert_eq!(d.published.unwrap().to_string(), "2024-02-10");
        assert_eq!(
            d.canonical_url.as_deref(),
            Some("https://courier.example/world/full")
        );
        assert!(!d.pending_fetch);
        assert_eq!(
            f.items[0].keys,
            ["guid:courier-1", "url:https://courier.example/world/full"]
        );
        let t = &f.items[1].draft;
        assert!(t.pending_fetch, "a teaser is fetched later");
        assert_eq!(t.body, "Just the first line…");
    }

    #[test]
    fn atom_and_json_feeds_are_read() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
          <entry><id>tag:x,1</id><title>Post</title><updated>2023-04-05T00:00:00Z</updated>
          <author><name>Jo</name></author><link href="/p/1"/><content type="html">&lt;p&gt;Body text&lt;/p&gt;</content></entry></feed>"#;
        let f = read(atom.as_bytes(), Some("https://blog.example/atom.xml")).unwrap();
        assert_eq!(f.items[0].draft.body, "Body text");
        assert_eq!(
            f.items[0].draft.url.as_deref(),
            Some("https://blog.example/p/1")
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
          {"id":"1","url":"https://j.example/1","title":"One","content_text":"Plain body","date_published":"2022-01-02T00:00:00Z"}]}"#;
        assert!(is_json_feed(&serde_json::from_str(json).unwrap()));
        let f = read(json.as_bytes(), None).unwrap();
        assert_eq!(f.items[0].draft.body, "Plain body");
        assert_eq!(
            f.items[0].draft.published.unwrap().to_string(),
            "2022-01-02"
        );
    }

    #[test]
    fn rss_categories_become_topics() {
        let rss = r#"<rss version="2.0"><channel><title>C</title>
<item><title>Talks</title><link>https://c.example/talks</link><description>Text of it.</description>
<category>Diplomacy</category><category domain="https://c.example/sections">World/Europe</category>
<category>diplomacy</category><category>Uncategorized</category><category>/</category></item>
<item><title>Plain</title><link>https://c.example/plain</link><description>No topics.</description></item>
</channel></rss>"#;
        let f = read(rss.as_bytes(), None).unwrap();
        assert_eq!(f.items[0].draft.tags, ["Diplomacy", "World/Europe"]);
        assert!(f.items[1].draft.tags.is_empty());
    }

    #[test]
    fn atom_categories_become_topics_by_their_label() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
          <entry><id>tag:x,2</id><title>Post</title><updated>2023-04-05T00:00:00Z</updated>
          <link href="https://blog.example/p/2"/><content type="text">Body text here</content>
          <category term="econ" label="Economy"/><category term="Energy"/>
          <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
          </entry></feed>"#;
        let f = read(atom.as_bytes(), None).unwrap();
        assert_eq!(f.items[0].draft.tags, ["Economy", "Energy"]);
        // Only an update time: it dates the item, and is no modification of it.
        assert_eq!(
            f.items[0].draft.published.unwrap().to_string(),
            "2023-04-05"
        );
        assert_eq!(f.items[0].draft.modified, None);
        let both = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
          <entry><id>tag:x,3</id><title>Post</title><published>2023-04-05T00:00:00Z</published>
          <updated>2023-04-07T09:00:00Z</updated><content type="text">Body text here</content></entry></feed>"#;
        let d = &read(both.as_bytes(), None).unwrap().items[0].draft;
        assert_eq!(d.published.unwrap().to_string(), "2023-04-05");
        assert_eq!(d.modified.unwrap().to_string(), "2023-04-07");
    }

    #[test]
    fn garbage_is_not_a_feed() {
        let e = read(b"<rss><channel><item>", None).unwrap_err();
        assert!(e.contains("not a feed"), "{e}");
        assert!(read(b"\x00\x01garbage", None).is_err());
    }

    /// Every feed of feed-rs's own fixtures in the shared corpora, when they are there: each
    /// item with a title, a link or a text becomes a clipping with a title and a body, and
    /// no title is mojibake.
    #[test]
    fn the_shared_feed_samples_give_one_clipping_per_item() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpora/formats/feeds/feed-rs");
        if !root.exists() {
            eprintln!("skipped: {} is absent", root.display());
            return;
        }
        let mut checked = 0;
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&dir).unwrap() {
                let f = f.unwrap().path();
                let name = f.display().to_string();
                if name.ends_with(".serde.json") || f.extension().is_none() {
                    continue;
                }
                let expected = std::path::PathBuf::from(
                    name.trim_end_matches(".xml")
                        .trim_end_matches(".json")
                        .to_string()
                        + ".serde.json",
                );
                let bytes = std::fs::read(&f).unwrap();
                let Ok(got) = read(&bytes, None) else {
                    assert!(!expected.exists(), "{name}: feed-rs read it, we did not");
                    continue;
                };
                checked += 1;
                if let Ok(want) = std::fs::read(&expected) {
                    let want: Value = serde_json::from_slice(&want).unwrap();
                    let n = want["entries"]
                        .as_array()
                        .map(|e| {
                            e.iter()
                                .filter(|e| {
                                    !e["title"].is_null()
                                        || e["links"].as_array().is_some_and(|l| !l.is_empty())
                                        || !e["content"].is_null()
                                        || !e["summary"].is_null()
                                })
                                .count()
                        })
                        .unwrap_or(0);
                    assert_eq!(got.items.len(), n, "{name}");
                }
                for i in &got.items {
                    assert!(
                        !i.draft.body.trim().is_empty(),
                        "{name}: {:?}",
                        i.draft.title
                    );
                    assert!(!i.draft.title.contains("Ã"), "{name}: {}", i.draft.title);
                }
            }
        }
        assert!(checked > 40, "only {checked} feeds read");
    }

    #[test]
    fn feed_item_categories_are_stored_as_topics_beside_the_subscription_tags() {
        let rss = br#"<rss version="2.0"><channel><title>C</title>
<item><title>Talks resume</title><link>https://c.example/talks</link>
<description>Delegations met again in Geneva.</description>
<category>World/Europe</category><category>Diplomacy</category></item></channel></rss>"#;
        let read = super::read(rss, Some("https://c.example/rss")).unwrap();
        let mut lib = cuttings_core::Library::open_in_memory().unwrap();
        let (feed, _) = lib
            .add_feed("https://c.example/rss", Some("C"), None)
            .unwrap();
        let stored = lib
            .store_feed_items(feed.id, &read.items, &["Inbox/Feeds".into()])
            .unwrap();
        let c = lib.clipping(stored.new[0]).unwrap();
        let mut tags = c.tags.clone();
        tags.sort();
        assert_eq!(tags, ["Diplomacy", "Inbox/Feeds", "World/Europe"]);
    }
}
