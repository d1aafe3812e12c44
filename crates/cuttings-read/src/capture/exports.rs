//! Other tools' exports: Pocket (HTML and CSV), Instapaper CSV, wallabag v1 and v2 JSON,
//! Omnivore JSON, Netscape bookmark files (every browser's and bookmarking service's variant),
//! Chrome and Firefox bookmark JSON, Pinboard, Delicious, elCurator, Readability JSON and Zotero
//! CSL-JSON.
//!
//! Their tags and folders become topics, their read or archived state the status, their
//! saved-at time the capture time. An item that carries only an address is stored with what it
//! has (its description, else its address) and marked to be fetched later.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use dom_query::Document;
use serde_json::Value;

use super::{html, meta, meta::clean_text, urls};
use cuttings_core::date::{DateOrigin, PartialDate};
use cuttings_core::error::{Error, Result};
use cuttings_core::model::{ClippingDraft, Status};

/// One saved item, whatever the tool.
#[derive(Debug, Default)]
struct Saved {
    url: Option<String>,
    title: Option<String>,
    tags: Vec<String>,
    status: Status,
    starred: bool,
    saved_at: Option<DateTime<Utc>>,
    published: Option<PartialDate>,
    content_html: Option<String>,
    description: Option<String>,
    authors: Vec<String>,
    image: Option<String>,
    language: Option<String>,
    source: Option<String>,
}

impl Saved {
    fn into_draft(self) -> Option<ClippingDraft> {
        let url = self.url.and_then(|u| clean_text(&u));
        let url = url.filter(|u| !u.starts_with("place:") && !u.starts_with("javascript:"));
        let (body, html, pending) = match self
            .content_html
            .as_deref()
            .map(|c| html::fragment(c, url.as_deref()))
            .filter(|(t, _)| t.split_whitespace().count() >= 3)
        {
            Some((t, h)) => (t, Some(h), false),
            None => {
                let desc = self.description.as_deref().and_then(clean_text);
                (desc.or(url.clone())?, None, url.is_some())
            }
        };
        let title = self
            .title
            .as_deref()
            .and_then(clean_text)
            .or(url.clone())
            .unwrap_or_else(|| body.chars().take(80).collect());
        let mut tags: Vec<String> = self.tags.iter().filter_map(|t| clean_text(t)).collect();
        tags.dedup();
        Some(ClippingDraft {
            title,
            standfirst: if pending {
                None
            } else {
                self.description.as_deref().and_then(clean_text)
            },
            body,
            html,
            canonical_url: url.as_deref().and_then(urls::normalise),
            source: self.source,
            url,
            image_url: self.image.and_then(|i| clean_text(&i)),
            authors: self.authors,
            published: self.published,
            date_origin: self.published.map(|_| DateOrigin::Metadata),
            language: self.language,
            status: self.status,
            starred: self.starred,
            tags,
            captured_at: self.saved_at,
            pending_fetch: pending,
            ..ClippingDraft::default()
        })
    }
}

fn drafts(items: Vec<Saved>) -> Result<Vec<ClippingDraft>> {
    let out: Vec<ClippingDraft> = items.into_iter().filter_map(Saved::into_draft).collect();
    if out.is_empty() {
        return Err(Error::invalid(
            "items",
            "no saved articles found in the export",
        ));
    }
    Ok(out)
}

/// A Unix time in seconds, milliseconds or microseconds, as exports write it.
fn unix(v: &str) -> Option<DateTime<Utc>> {
    let n: i64 = v.trim().parse().ok()?;
    let secs = match n {
        n if n > 100_000_000_000_000 => n / 1_000_000,
        n if n > 100_000_000_000 => n / 1000,
        n => n,
    };
    (secs > 0)
        .then(|| Utc.timestamp_opt(secs, 0).single())
        .flatten()
}

/// A timestamp in any of the forms exports use.
fn when(v: &str) -> Option<DateTime<Utc>> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    if v.chars().all(|c| c.is_ascii_digit()) {
        return unix(v);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(v, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    let v2 = v.trim_end_matches(" UTC").trim_end_matches('Z');
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v2, f) {
            return Some(t.and_utc());
        }
    }
    None
}

fn split_tags(s: &str) -> Vec<String> {
    let sep: &[char] = if s.contains(',') {
        &[',']
    } else {
        &[' ', '\t']
    };
    s.split(sep).filter_map(clean_text).collect()
}

/// A folder name as one level of a topic ("News/World" would nest otherwise).
fn folder(name: &str) -> Option<String> {
    clean_text(&name.replace('/', "-"))
}

fn s(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => clean_text(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn truthy(v: &Value, key: &str) -> bool {
    match v.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0) != 0,
        Some(Value::String(s)) => matches!(s.trim(), "1" | "true" | "yes"),
        _ => false,
    }
}

fn str_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| match t {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o
                    .get("label")
                    .or(o.get("name"))
                    .or(o.get("slug"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => split_tags(s),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------- HTML exports

/// A Netscape bookmark file: Firefox, Chrome, Safari, Internet Explorer, Delicious, Pinboard,
/// Shaarli… Folders (`<H3>`) become topics, `TAGS` too, `ADD_DATE` the saved-at time.
pub fn netscape(page: &str) -> Result<Vec<ClippingDraft>> {
    let doc = Document::from(page);
    let mut items = Vec::new();
    for a in doc.select("a[href]").iter() {
        let node = a.nodes()[0];
        let mut folders = Vec::new();
        for anc in node.ancestors_it(None) {
            if anc.node_name().as_deref() != Some("dl") {
                continue;
            }
            let heading = anc
                .prev_element_sibling()
                .filter(|p| p.node_name().as_deref() == Some("h3"))
                .or_else(|| {
                    anc.parent().and_then(|dt| {
                        dt.element_children()
                            .into_iter()
                            .find(|c| c.node_name().as_deref() == Some("h3"))
                    })
                });
            if let Some(h) = heading.and_then(|h| folder(&h.text())) {
                folders.push(h);
            }
        }
        folders.reverse();
        let mut tags = Vec::new();
        if !folders.is_empty() {
            tags.push(folders.join("/"));
        }
        if let Some(t) = a.attr("tags") {
            tags.extend(split_tags(&t));
        }
        let description = node
            .parent()
            .and_then(|dt| dt.next_element_sibling())
            .filter(|dd| dd.node_name().as_deref() == Some("dd"))
            .and_then(|dd| clean_text(&dd.text()));
        items.push(Saved {
            url: a.attr("href").map(|h| h.to_string()),
            title: clean_text(&a.text()),
            tags,
            saved_at: a.attr("add_date").and_then(|d| unix(&d)),
            description,
            ..Saved::default()
        });
    }
    drafts(items)
}

/// Pocket's HTML export: an "Unread" list and a "Read Archive" list.
pub fn pocket_html(page: &str) -> Result<Vec<ClippingDraft>> {
    let doc = Document::from(page);
    let mut items = Vec::new();
    for a in doc.select("a[href]").iter() {
        let node = a.nodes()[0];
        let archived = node
            .ancestors_it(None)
            .find(|n| n.node_name().as_deref() == Some("ul"))
            .and_then(|ul| ul.prev_element_sibling())
            .is_some_and(|h| h.text().to_lowercase().contains("archive"));
        items.push(Saved {
            url: a.attr("href").map(|h| h.to_string()),
            title: clean_text(&a.text()),
            tags: a.attr("tags").map(|t| split_tags(&t)).unwrap_or_default(),
            saved_at: a.attr("time_added").and_then(|d| unix(&d)),
            status: if archived {
                Status::Archived
            } else {
                Status::Inbox
            },
            ..Saved::default()
        });
    }
    drafts(items)
}

// ---------------------------------------------------------------- CSV exports

/// Pocket's CSV (`title,url,time_added,tags,status`) and Instapaper's (`URL,Title,Selection,
/// Folder[,Timestamp,Tags]`), or any CSV with a `url` column.
pub fn csv(text: &str) -> Result<Vec<ClippingDraft>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| {
            Error::invalid(
                "header",
                format!("this is not a CSV file Cuttings can read: {e}"),
            )
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let url_col = col(&["url", "href", "link", "address"]).ok_or_else(|| {
        Error::invalid(
            "columns",
            "the CSV has no url column, so it is not an export Cuttings knows",
        )
    })?;
    let title_col = col(&["title", "name"]);
    let time_col = col(&[
        "time_added",
        "timestamp",
        "saved_at",
        "created",
        "date_added",
        "created_at",
    ]);
    let tags_col = col(&["tags", "labels"]);
    let status_col = col(&["status", "state"]);
    let folder_col = col(&["folder"]);
    let selection_col = col(&["selection", "description", "excerpt", "note"]);
    let mut items = Vec::new();
    for (i, row) in r.records().enumerate() {
        let row = row.map_err(|e| Error::invalid(format!("row {}", i + 2), e.to_string()))?;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).and_then(clean_text);
        let mut tags = get(tags_col).map(|t| tags_from_csv(&t)).unwrap_or_default();
        let mut status = Status::Inbox;
        let mut starred = false;
        if let Some("archive" | "archived" | "read") =
            get(status_col).map(|s| s.to_ascii_lowercase()).as_deref()
        {
            status = Status::Archived;
        }
        // Instapaper's folder is a state for its own three, a topic otherwise.
        if let Some(f) = get(folder_col) {
            match f.as_str() {
                "Unread" => {}
                "Archive" => status = Status::Archived,
                "Starred" => starred = true,
                other => tags.extend(folder(other)),
            }
        }
        items.push(Saved {
            url: get(Some(url_col)),
            title: get(title_col),
            tags,
            status,
            starred,
            saved_at: get(time_col).and_then(|t| when(&t)),
            description: get(selection_col),
            ..Saved::default()
        });
    }
    drafts(items)
}

/// Pocket separates tags with `|` or `,`; Instapaper writes a JSON list.
fn tags_from_csv(s: &str) -> Vec<String> {
    if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(s) {
        return str_list(Some(&Value::Array(a)));
    }
    s.split(['|', ',']).filter_map(clean_text).collect()
}

// ---------------------------------------------------------------- JSON exports

/// Any of the JSON exports, told apart by their fields.
/// The JSON exports Cuttings reads, told apart by their shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonExport {
    Chrome,
    Firefox,
    Readability,
    Omnivore,
    Wallabag,
    Pinboard,
    Csl,
    Generic,
}

fn json_export(v: &Value) -> Option<JsonExport> {
    if v.get("roots").is_some() {
        return Some(JsonExport::Chrome);
    }
    if v.get("type").and_then(Value::as_str) == Some("text/x-moz-place-container") {
        return Some(JsonExport::Firefox);
    }
    if v.get("bookmarks").and_then(Value::as_array).is_some() {
        return Some(JsonExport::Readability);
    }
    let first = v.as_array()?.iter().find(|x| x.is_object())?;
    let has = |k: &str| first.get(k).is_some();
    Some(
        if has("savedAt") || has("readingProgress") || has("labels") && has("slug") {
            JsonExport::Omnivore
        } else if has("is_archived") || has("is_read") || has("is_starred") || has("is_fav") {
            JsonExport::Wallabag
        } else if has("href") && (has("toread") || has("extended")) {
            JsonExport::Pinboard
        } else if has("type") && (has("issued") || has("container-title") || has("URL")) {
            JsonExport::Csl
        } else if has("url") && (has("created") || has("created_at") || has("tags")) {
            JsonExport::Generic
        } else {
            return None;
        },
    )
}

/// Whether this JSON is one of the other tools' exports read here.
pub fn is_known_json(v: &Value) -> bool {
    json_export(v).is_some()
}

pub fn json(v: &Value) -> Result<Vec<ClippingDraft>> {
    let Some(kind) = json_export(v) else {
        return Err(
            if v.as_array()
                .is_some_and(|l| !l.iter().any(Value::is_object))
            {
                Error::invalid("items", "the export holds no items")
            } else {
                Error::invalid("format", "this JSON is not an export Cuttings knows")
            },
        );
    };
    let list = || v.as_array().map(Vec::as_slice).unwrap_or_default();
    let saved: Vec<Saved> = match kind {
        JsonExport::Chrome => return chrome(v),
        JsonExport::Firefox => {
            let mut items = Vec::new();
            firefox(v, &mut Vec::new(), &mut items);
            items
        }
        JsonExport::Readability => v["bookmarks"]
            .as_array()
            .map(|b| b.iter().map(readability_app).collect())
            .unwrap_or_default(),
        JsonExport::Omnivore => list().iter().map(omnivore).collect(),
        JsonExport::Wallabag => list().iter().map(wallabag).collect(),
        JsonExport::Pinboard => list().iter().map(pinboard).collect(),
        JsonExport::Csl => list().iter().map(csl).collect(),
        JsonExport::Generic => list().iter().map(generic).collect(),
    };
    drafts(saved)
}

fn wallabag(v: &Value) -> Saved {
    let archived = truthy(v, "is_archived") || truthy(v, "is_read");
    Saved {
        url: s(v, "url"),
        title: s(v, "title"),
        tags: str_list(v.get("tags")),
        status: if archived {
            Status::Archived
        } else {
            Status::Inbox
        },
        starred: truthy(v, "is_starred") || truthy(v, "is_fav"),
        saved_at: s(v, "created_at").and_then(|t| when(&t)),
        published: s(v, "published_at").and_then(|t| meta::parse_date(&t)),
        content_html: s(v, "content"),
        authors: str_list(v.get("published_by")),
        image: s(v, "preview_picture"),
        language: s(v, "language"),
        ..Saved::default()
    }
}

fn omnivore(v: &Value) -> Saved {
    let state = s(v, "state").unwrap_or_default().to_ascii_lowercase();
    Saved {
        url: s(v, "url"),
        title: s(v, "title"),
        tags: str_list(v.get("labels")),
        status: if state == "archived" {
            Status::Archived
        } else {
            Status::Inbox
        },
        saved_at: s(v, "savedAt").and_then(|t| when(&t)),
        published: s(v, "publishedAt").and_then(|t| meta::parse_date(&t)),
        content_html: s(v, "content"),
        description: s(v, "description"),
        authors: s(v, "author")
            .map(|a| meta::split_authors(&a))
            .unwrap_or_default(),
        image: s(v, "thumbnail"),
        ..Saved::default()
    }
}

fn pinboard(v: &Value) -> Saved {
    Saved {
        url: s(v, "href"),
        title: s(v, "description"),
        description: s(v, "extended"),
        tags: s(v, "tags").map(|t| split_tags(&t)).unwrap_or_default(),
        saved_at: s(v, "time").and_then(|t| when(&t)),
        status: Status::Inbox,
        ..Saved::default()
    }
}

fn generic(v: &Value) -> Saved {
    Saved {
        url: s(v, "url"),
        title: s(v, "title"),
        description: s(v, "description"),
        tags: str_list(v.get("tags")),
        saved_at: s(v, "created")
            .or_else(|| s(v, "created_at"))
            .and_then(|t| when(&t)),
        ..Saved::default()
    }
}

fn readability_app(v: &Value) -> Saved {
    let archived = truthy(v, "archive") || s(v, "date_archived").is_some();
    Saved {
        url: s(v, "article__url"),
        title: s(v, "article__title"),
        description: s(v, "article__excerpt").map(|e| html::fragment(&e, None).0),
        starred: truthy(v, "favorite"),
        status: if archived {
            Status::Archived
        } else {
            Status::Inbox
        },
        saved_at: s(v, "date_added").and_then(|t| when(&t)),
        ..Saved::default()
    }
}

/// Zotero's CSL-JSON: `issued` is the published date, `container-title` the outlet.
fn csl(v: &Value) -> Saved {
    let authors = v
        .get("author")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    s(p, "literal").or_else(|| {
                        let name = [s(p, "given"), s(p, "family")]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" ");
                        clean_text(&name)
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let date = |key: &str| -> Option<PartialDate> {
        let d = v.get(key)?;
        if let Some(parts) = d
            .get("date-parts")
            .and_then(|p| p.get(0))
            .and_then(Value::as_array)
        {
            let n = |i: usize| {
                parts.get(i).and_then(|x| {
                    x.as_i64()
                        .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
                })
            };
            return match (n(0), n(1), n(2)) {
                (Some(y), Some(m), Some(d)) => PartialDate::day(y as i32, m as u32, d as u32).ok(),
                (Some(y), Some(m), None) => PartialDate::month(y as i32, m as u32).ok(),
                (Some(y), None, _) => PartialDate::year(y as i32).ok(),
                _ => None,
            };
        }
        d.get("raw")
            .and_then(Value::as_str)
            .and_then(meta::parse_date)
    };
    let saved_at = date("accessed").map(|d| d.first_day().and_hms_opt(0, 0, 0).unwrap().and_utc());
    let mut tags: Vec<String> = s(v, "keyword").map(|k| split_tags(&k)).unwrap_or_default();
    tags.retain(|t| !t.is_empty());
    Saved {
        url: s(v, "URL"),
        title: s(v, "title"),
        description: s(v, "abstract"),
        source: s(v, "container-title").or_else(|| s(v, "publisher")),
        authors,
        published: date("issued"),
        saved_at,
        language: s(v, "language"),
        tags,
        ..Saved::default()
    }
}

/// Chrome's `Bookmarks` file. Times are microseconds since 1601.
fn chrome(v: &Value) -> Result<Vec<ClippingDraft>> {
    fn walk(n: &Value, path: &mut Vec<String>, out: &mut Vec<Saved>, depth: usize) {
        match n.get("type").and_then(Value::as_str) {
            Some("url") => {
                let saved_at = s(n, "date_added")
                    .and_then(|t| t.parse::<i64>().ok())
                    .filter(|t| *t > 0)
                    .and_then(|t| {
                        Utc.timestamp_opt(t / 1_000_000 - 11_644_473_600, 0)
                            .single()
                    });
                out.push(Saved {
                    url: s(n, "url"),
                    title: s(n, "name"),
                    tags: (!path.is_empty())
                        .then(|| path.join("/"))
                        .into_iter()
                        .collect(),
                    saved_at,
                    ..Saved::default()
                });
            }
            _ => {
                // The roots (bar, other, mobile) are the browser's places, not the user's topics.
                let named = depth > 0 && s(n, "name").and_then(|f| folder(&f)).is_some();
                if named {
                    path.push(folder(&s(n, "name").unwrap_or_default()).unwrap_or_default());
                }
                if let Some(c) = n.get("children").and_then(Value::as_array) {
                    for child in c {
                        walk(child, path, out, depth + 1);
                    }
                }
                if named {
                    path.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some(roots) = v.get("roots").and_then(Value::as_object) {
        for r in roots.values() {
            walk(r, &mut Vec::new(), &mut out, 0);
        }
    }
    drafts(out)
}

/// Firefox's JSON backup. Times are microseconds since 1970; tags a comma list.
fn firefox(n: &Value, path: &mut Vec<String>, out: &mut Vec<Saved>) {
    match n.get("type").and_then(Value::as_str) {
        Some("text/x-moz-place") => {
            let mut tags: Vec<String> = s(n, "tags").map(|t| split_tags(&t)).unwrap_or_default();
            if !path.is_empty() {
                tags.insert(0, path.join("/"));
            }
            let description = n.get("annos").and_then(Value::as_array).and_then(|a| {
                a.iter()
                    .find(|x| s(x, "name").as_deref() == Some("bookmarkProperties/description"))
                    .and_then(|x| s(x, "value"))
            });
            out.push(Saved {
                url: s(n, "uri"),
                title: s(n, "title"),
                tags,
                saved_at: s(n, "dateAdded").and_then(|t| unix(&t)),
                description,
                ..Saved::default()
            });
        }
        Some("text/x-moz-place-container") => {
            let named = n.get("root").is_none() && s(n, "title").and_then(|t| folder(&t)).is_some();
            if named {
                path.push(folder(&s(n, "title").unwrap_or_default()).unwrap_or_default());
            }
            if let Some(c) = n.get("children").and_then(Value::as_array) {
                for child in c {
                    firefox(child, path, out);
                }
            }
            if named {
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
