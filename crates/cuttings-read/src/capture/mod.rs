//! Capture: clippings from web pages and addresses, feeds, newsletters, PDFs and other tools'
//! exports. Every reader returns [`ClippingDraft`]s, so each path lands in the library the same
//! way, through [`crate::import`] for files and [`fetch_url`] for addresses.
//!
//! The functions here take bytes and give drafts or a reason; they never touch the library, so
//! the desktop app can call them as they are (from a worker thread: fetching blocks).

pub mod exports;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod mail;
pub mod meta;
pub mod opml;
pub mod ops;
pub mod pdf;
pub mod urls;

/// The clippings of a feed file (XML or JSON Feed), one per item.
fn feed_drafts(bytes: &[u8]) -> std::result::Result<Vec<ClippingDraft>, String> {
    Ok(feed::read(bytes, None)?
        .items
        .into_iter()
        .map(|i| i.draft)
        .collect())
}

#[cfg(test)]
pub(crate) mod test_server;

use std::path::Path;

use cuttings_core::error::{Error, Result};
use cuttings_core::model::ClippingDraft;

use crate::decode;

pub use fetch::{fetch_url, FetchOptions};

/// What a file holds, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    Bookmarks,
    PocketHtml,
    Feed,
    Json,
    Mail,
    Mbox,
    Pdf,
    Csv,
    Opml,
}

/// The kind of a file, or `None` when it is for the plain-text reader.
pub fn kind_of(path: &Path, bytes: &[u8]) -> Option<Kind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if bytes.starts_with(b"%PDF-") || ext == "pdf" {
        return Some(Kind::Pdf);
    }
    if head.starts_with("<!doctype netscape-bookmark") {
        return Some(Kind::Bookmarks);
    }
    if head.contains("<opml") {
        return Some(Kind::Opml);
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => {
            return Some(if head.contains("<title>pocket export</title>") {
                Kind::PocketHtml
            } else if head.contains("<dl") && head.contains("<dt") && head.contains("add_date") {
                Kind::Bookmarks
            } else {
                Kind::Page
            })
        }
        "eml" => return Some(Kind::Mail),
        "mbox" | "mbx" => return Some(Kind::Mbox),
        "xml" | "rss" | "atom" => return Some(Kind::Feed),
        "json" => return Some(Kind::Json),
        "csv" => return Some(Kind::Csv),
        "opml" => return Some(Kind::Opml),
        "txt" | "text" | "md" | "markdown" => return None,
        _ => {}
    }
    // No telling ending (Chrome's `Bookmarks` file has none): look at the content.
    if head.starts_with("<?xml")
        || head.starts_with("<rss")
        || head.starts_with("<feed")
        || head.starts_with("<rdf")
    {
        return Some(Kind::Feed);
    }
    if head.starts_with('{') || head.starts_with('[') {
        return Some(Kind::Json);
    }
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Some(Kind::Page);
    }
    if head.starts_with("from ") && head.contains("\nfrom:") {
        return Some(Kind::Mbox);
    }
    None
}

/// What a capture file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    Clippings(Vec<ClippingDraft>),
    /// Plain text, for the text reader.
    Text,
    /// A `.json` or `.xml` file (or one with no ending) that is neither a feed nor an export
    /// Cuttings knows, with the reason. Many programs keep their settings, sitemaps and package
    /// lists in such files, so one met in a folder is passed over; named by the user, it fails.
    Foreign(String),
}

/// Reads a capture file into its clippings, or `None` when the file is plain text for the
/// text reader. Errors name the file; a file gives all its clippings or none.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Option<Vec<ClippingDraft>>> {
    match read_contents(path, bytes)? {
        Contents::Clippings(d) => Ok(Some(d)),
        Contents::Text => Ok(None),
        Contents::Foreign(reason) => Err(Error::file(path, reason)),
    }
}

/// An ending that says only "JSON" or "XML", not what the file is; or none at all.
fn generic_ending(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_none_or(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("xml"))
}

/// The name of an XML document's first element, past the declaration, comments, processing
/// instructions and doctype: `rss`, `feed`, `rdf:rdf`, `urlset`… in lower case.
fn xml_root(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let after = if let Some(r) = rest.strip_prefix("<?") {
            &r[r.find("?>")? + 2..]
        } else if let Some(r) = rest.strip_prefix("<!--") {
            &r[r.find("-->")? + 3..]
        } else if let Some(r) = rest.strip_prefix("<!") {
            &r[r.find('>')? + 1..]
        } else {
            break;
        };
        rest = after.trim_start();
    }
    let name: String = rest
        .strip_prefix('<')?
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
        .collect();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// Reads a capture file, telling a file of a kind Cuttings does not know (a foreign `.json` or
/// `.xml`) from a damaged file of a kind it does. Errors name the file.
pub fn read_contents(path: &Path, bytes: &[u8]) -> Result<Contents> {
    let Some(kind) = kind_of(path, bytes) else {
        return Ok(Contents::Text);
    };
    let fail = |m: String| Error::file(path, m);
    // An export's error names the part of it at fault; the file is named here.
    let in_file = |e: Error| Error::file(path, e.to_string());
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the file is empty".into()));
    }
    if kind != Kind::Pdf && decode::looks_binary(bytes) {
        return Err(fail(format!(
            "this is a binary file, not {}",
            match kind {
                Kind::Page | Kind::Bookmarks | Kind::PocketHtml => "a web page",
                Kind::Feed => "a feed",
                Kind::Mail | Kind::Mbox => "e-mail",
                _ => "text",
            }
        )));
    }
    let drafts = match kind {
        Kind::Page => {
            let text = decode::decode_html(bytes, None);
            let mut page = html::extract(&text, None).map_err(fail)?.draft;
            page.raw = Some(text);
            vec![page]
        }
        Kind::Bookmarks => exports::netscape(&decode::decode_html(bytes, None)).map_err(in_file)?,
        Kind::PocketHtml => {
            exports::pocket_html(&decode::decode_html(bytes, None)).map_err(in_file)?
        }
        Kind::Feed => {
            // A root that is no feed's is another program's XML; a feed's root with a damaged
            // rest is a feed that failed.
            let root = xml_root(bytes).unwrap_or_default();
            let local = root.rsplit(':').next().unwrap_or_default();
            if generic_ending(path) && !matches!(local, "rss" | "feed" | "rdf") {
                return Ok(Contents::Foreign(format!(
                    "this XML is not a feed Cuttings can read (RSS, Atom or RDF){}",
                    if root.is_empty() {
                        String::new()
                    } else {
                        format!(": its root element is <{root}>")
                    }
                )));
            }
            feed_drafts(bytes).map_err(fail)?
        }
        Kind::Json => {
            let text = decode::decode_html(bytes, None);
            let v: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) if generic_ending(path) => {
                    return Ok(Contents::Foreign(format!("this is not valid JSON: {e}")))
                }
                Err(e) => return Err(fail(format!("this is not valid JSON: {e}"))),
            };
            if generic_ending(path) && !feed::is_json_feed(&v) && !exports::is_known_json(&v) {
                return Ok(Contents::Foreign(exports::json(&v).err().map_or_else(
                    || "this JSON is neither a feed nor an export Cuttings knows".into(),
                    |e| e.to_string(),
                )));
            }
            if feed::is_json_feed(&v) {
                feed_drafts(bytes).map_err(fail)?
            } else {
                exports::json(&v).map_err(in_file)?
            }
        }
        Kind::Mail => vec![mail::message(bytes).map_err(fail)?],
        Kind::Mbox => mail::mbox(bytes).map_err(fail)?,
        Kind::Pdf => vec![pdf::read(bytes).map_err(fail)?],
        Kind::Csv => exports::csv(&decode::decode_html(bytes, None)).map_err(in_file)?,
        Kind::Opml => {
            return Err(fail(
                "this is a list of feeds (OPML): use `cuttings feed import` to subscribe to them"
                    .into(),
            ))
        }
    };
    if drafts.is_empty() {
        return Err(fail("no clippings found in the file".into()));
    }
    let mut drafts = drafts;
    drafts.iter_mut().for_each(ensure_title);
    Ok(Contents::Clippings(drafts))
}

/// Gives a draft without a title one made from its first sentence, as the text reader does:
/// an untitled page or message is still worth keeping.
pub fn ensure_title(d: &mut ClippingDraft) {
    if d.title.trim().is_empty() {
        d.title = crate::title::made_up_title(&d.body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_ending_and_content() {
        let k = |name: &str, bytes: &[u8]| kind_of(Path::new(name), bytes);
        assert_eq!(k("a.html", b"<html><title>x</title>"), Some(Kind::Page));
        assert_eq!(
            k("b.html", b"<!DOCTYPE NETSCAPE-Bookmark-file-1>"),
            Some(Kind::Bookmarks)
        );
        assert_eq!(k("Bookmarks", b"{\"roots\":{}}"), Some(Kind::Json));
        assert_eq!(k("feed", b"<?xml version=\"1.0\"?><rss>"), Some(Kind::Feed));
        assert_eq!(k("x.pdf", b"%PDF-1.4"), Some(Kind::Pdf));
        assert_eq!(k("x.txt", b"<html>"), None);
        assert_eq!(k("notes", b"Just some text"), None);
    }

    #[test]
    fn a_page_without_a_title_gets_one_from_its_first_sentence() {
        let page = b"<html><body><article><p>Cut off in the middle. Of a sentence that goes on and on about the matter at hand for a good while longer.</p></article></body></html>";
        let d = read_bytes(Path::new("untitled.html"), page)
            .unwrap()
            .unwrap();
        assert_eq!(d[0].title, "Cut off in the middle");
        let mut long = ClippingDraft {
            body: "word ".repeat(100),
            ..ClippingDraft::default()
        };
        ensure_title(&mut long);
        assert!(long.title.ends_with('…') && long.title.chars().count() <= 120);
    }

    #[test]
    fn a_binary_file_named_html_is_refused_naming_it() {
        let e = read_bytes(
            Path::new("photo.html"),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
        )
        .unwrap_err();
        let m = e.to_string();
        assert!(m.contains("photo.html") && m.contains("binary"), "{m}");
    }
}
