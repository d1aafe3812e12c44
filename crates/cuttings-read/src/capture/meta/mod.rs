//! A page's metadata, read from what its publisher declared: JSON-LD (`NewsArticle`, `Article`
//! and kin), OpenGraph and `article:*`, Dublin Core and other `<meta>` tags, `<link
//! rel=canonical>`, `<time>`, and finally a date in the address itself.
//!
//! Declared metadata is preferred to anything guessed from the layout: a publisher's JSON-LD
//! names the headline and authors as the newsroom wrote them, where a page's `<title>` carries
//! the site name and the visible byline carries "By" and job titles.

mod headline;
mod json_ld;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::DateTime;
use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use super::urls;
use cuttings_core::date::{month_from_name, DateOrigin, PartialDate};
use headline::{headline_in, headline_of, is_site_name, whole_of};
use json_ld::{is_article, json_ld, names_of, str_of, types, url_of};

pub use headline::clean_title;

/// Everything read about a page apart from its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The raw `<title>`, before any cleaning.
    pub doc_title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PartialDate>,
    pub date_origin: Option<DateOrigin>,
    /// Where the date was read: `json-ld`, `meta:article:published_time`, `time`, `url`…
    pub date_source: Option<String>,
    pub modified: Option<PartialDate>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub section: Option<String>,
}

/// What a page declares about itself, gathered once for every field to read from.
struct Declared<'a> {
    doc: &'a Document,
    /// Where the page came from, if known.
    url: Option<&'a str>,
    /// `<meta>` contents by lower-case key; the first tag of a key wins.
    tags: HashMap<String, String>,
    /// Every JSON-LD object, `@graph`s and arrays flattened.
    ld: &'a [Value],
    /// The first JSON-LD object that is an article of some kind.
    article: Option<&'a Value>,
}

impl<'a> Declared<'a> {
    fn new(doc: &'a Document, url: Option<&'a str>, ld: &'a [Value]) -> Self {
        Declared {
            doc,
            url,
            tags: meta_tags(doc),
            ld,
            article: ld.iter().find(|v| is_article(v)),
        }
    }

    /// The first of `keys` a `<meta>` tag gives.
    fn tag(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.tags.get(*k).cloned())
    }

    /// A text field of the article's JSON-LD.
    fn ld(&self, key: &str) -> Option<String> {
        self.article.and_then(|a| str_of(a.get(key)))
    }
}

fn meta_tags(doc: &Document) -> HashMap<String, String> {
    let mut tags: HashMap<String, String> = HashMap::new();
    for m in doc.select("meta").iter() {
        let Some(content) = m.attr("content").and_then(|c| clean_text(&c)) else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = m.attr(key) {
                // "og:title twitter:title" in one attribute names both.
                for k in k.split_whitespace() {
                    tags.entry(k.to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
    }
    tags
}

/// Reads the declared metadata of a parsed page. `url` is where the page came from, if known.
pub fn read_meta(doc: &Document, url: Option<&str>) -> PageMeta {
    let ld = json_ld(doc);
    let page = Declared::new(doc, url, &ld);
    let doc_title = doc_title(doc);
    let site_name = site_name(&page);
    let canonical = canonical(&page);
    // A saved page's own address tells its site's name as well as the one it was read from.
    let site_url = url.or(canonical.as_deref());
    let title = title(&page, doc_title.as_deref(), site_name.as_deref(), site_url);
    let (published, date_origin, date_source) = match published(&page, canonical.as_deref()) {
        Some(p) => (Some(p.date), Some(p.origin), Some(p.source)),
        None => (None, None, None),
    };
    PageMeta {
        title,
        doc_title,
        authors: authors(&page),
        published,
        date_origin,
        date_source,
        modified: modified(&page),
        site_name,
        language: language(&page),
        canonical,
        description: description(&page),
        image: image(&page),
        section: section(&page),
    }
}

/// The tab title as written, from `<head>` or, in a page without one, anywhere.
fn doc_title(doc: &Document) -> Option<String> {
    let first = |selector: &str| {
        doc.select(selector)
            .iter()
            .next()
            .and_then(|t| clean_text(&t.text()))
    };
    first("head title").or_else(|| first("title"))
}

/// The publication's name. The publisher a newsroom declares names the publication (a Medium
/// blog's own name, not "Medium"); og:site_name is next, the app's name last.
fn site_name(page: &Declared) -> Option<String> {
    let webpage = page.ld.iter().find(|v| {
        types(v)
            .iter()
            .any(|t| t == "webpage" || t == "website" || t == "organization")
    });
    page.article
        .and_then(|a| a.get("publisher"))
        .and_then(|p| str_of(Some(p)))
        .or_else(|| page.tag(&["og:site_name"]))
        .or_else(|| {
            webpage
                .filter(|w| {
                    types(w)
                        .iter()
                        .any(|t| t == "website" || t == "organization")
                })
                .and_then(|w| str_of(w.get("name")))
        })
        .or_else(|| {
            page.tag(&[
                "application-name",
                "al:android:app_name",
                "al:ios:app_name",
                "dc.publisher",
                "dcterms.publisher",
                "publisher",
                "cre",
            ])
        })
}

/// The page's own address: `<link rel=canonical>`, og:url, or the article's JSON-LD `url`.
fn canonical(page: &Declared) -> Option<String> {
    page.doc
        .select("link[rel='canonical']")
        .iter()
        .find_map(|l| l.attr("href"))
        .and_then(|h| urls::absolute(page.url, &h))
        .or_else(|| {
            page.tag(&["og:url"])
                .and_then(|h| urls::absolute(page.url, &h))
        })
        .or_else(|| page.article.and_then(|a| url_of(a.get("url"))))
        .filter(|c| c.starts_with("http"))
}

/// The headline, with the site's name taken off: JSON-LD gives the newsroom's own; OpenGraph
/// often repeats the tab title, which is the last resort.
fn title(
    page: &Declared,
    doc_title: Option<&str>,
    site: Option<&str>,
    site_url: Option<&str>,
) -> Option<String> {
    let headings: Vec<String> = page
        .doc
        .select("h1")
        .iter()
        .map(|h| fold(&h.text()))
        .filter(|h| !h.is_empty())
        .collect();
    let clean = |t: &str| headline_of(t, &headings, site, site_url);
    let tagged = page.tag(&[
        "dc:title",
        "dcterm:title",
        "dcterms:title",
        "dc.title",
        "dcterms.title",
        "og:title",
        "twitter:title",
        "headline",
        "sailthru.title",
        "parsely-title",
        "title",
    ]);
    let declared = match (page.ld("headline"), tagged) {
        (Some(h), Some(t)) => Some(whole_of(&clean(&h), &clean(&t))),
        (h, t) => h.or(t).map(|t| clean(&t)),
    }
    .or_else(|| page.ld("name").map(|t| clean(&t)))
    // A site that puts its own name in og:title on every page says nothing of the article,
    // unless the page shows that very title as its heading.
    .filter(|t| headings.contains(&fold(t)) || !is_site_name(t, site, site_url));
    declared.or_else(|| {
        let t = clean(doc_title?);
        Some(headline_in(page.doc, &t).unwrap_or(t))
    })
}

/// The authors the article's JSON-LD names, else the first `<meta>` tag that names someone.
fn authors(page: &Declared) -> Vec<String> {
    let mut authors = ld_authors(page);
    if authors.is_empty() {
        authors = tagged_authors(page);
    }
    dedupe(&mut authors);
    authors
}

fn ld_authors(page: &Declared) -> Vec<String> {
    let Some(article) = page.article else {
        return Vec::new();
    };
    let mut authors = names_of(article.get("author"));
    if authors.is_empty() {
        authors = names_of(article.get("creator"));
    }
    authors.retain(|n| looks_like_name(n));
    authors
}

fn tagged_authors(page: &Declared) -> Vec<String> {
    [
        "dc:creator",
        "dcterm:creator",
        "dcterms:creator",
        "dc.creator",
        "dcterms.creator",
        "author",
        "article:author",
        "byl",
        "sailthru.author",
        "parsely-author",
        "citation_author",
    ]
    .iter()
    .filter_map(|key| page.tags.get(*key))
    .map(|a| {
        let mut authors = split_authors(a);
        authors.retain(|n| looks_like_name(n));
        authors
    })
    .find(|authors| !authors.is_empty())
    .unwrap_or_default()
}

/// A publication date, how it was known, and where it was read: `json-ld`,
/// `meta:article:published_time`, `time` or `url`.
struct Published {
    date: PartialDate,
    origin: DateOrigin,
    source: String,
}

/// When the page was published: as it declares, else as its address says.
fn published(page: &Declared, canonical: Option<&str>) -> Option<Published> {
    if let Some((date, source)) = declared_published(page) {
        return Some(Published {
            date,
            origin: DateOrigin::Metadata,
            source,
        });
    }
    let date = canonical
        .and_then(date_in_url)
        .or_else(|| page.url.and_then(date_in_url))?;
    Some(Published {
        date,
        // Read from the address, not declared: the weakest source, as if from the text.
        origin: DateOrigin::Parsed,
        source: "url".to_string(),
    })
}

/// The publication date the page declares, and where it was read.
fn declared_published(page: &Declared) -> Option<(PartialDate, String)> {
    let from_ld = |key: &str| page.ld(key).and_then(|s| parse_date(&s));
    from_ld("datePublished")
        .map(|d| (d, "json-ld".to_string()))
        .or_else(|| tagged_published(page))
        // dateCreated is when the record was made, often in UTC: weaker than a declared
        // publication time, so it comes after the meta tags.
        .or_else(|| from_ld("dateCreated").map(|d| (d, "json-ld".to_string())))
        .or_else(|| time_published(page.doc).map(|d| (d, "time".to_string())))
}

/// The first publication date a `<meta>` tag gives that reads as a date, and its tag.
fn tagged_published(page: &Declared) -> Option<(PartialDate, String)> {
    [
        "article:published_time",
        "og:article:published_time",
        "article:published",
        "datepublished",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "date",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
        "citation_date",
        "og:published_time",
        "article.published",
        "originalpublicationdate",
    ]
    .iter()
    .find_map(|key| {
        let date = page.tags.get(*key).and_then(|s| parse_date(s))?;
        Some((date, format!("meta:{key}")))
    })
}

/// The date of the page's `<time>` elements, the publication's marked ones first.
fn time_published(doc: &Document) -> Option<PartialDate> {
    doc.select(
        "time[pubdate], time[itemprop='datePublished'], article time[datetime], time[datetime]",
    )
    .iter()
    .find_map(|t| t.attr("datetime").and_then(|s| parse_date(&s)))
}

/// When the page says it was last changed.
fn modified(page: &Declared) -> Option<PartialDate> {
    page.ld("dateModified")
        .or_else(|| {
            page.tag(&[
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
                "datemodified",
                "last-modified",
            ])
        })
        .and_then(|s| parse_date(&s))
}

/// The page's language as a BCP 47 tag (`en-GB`, not `en_GB`).
fn language(page: &Declared) -> Option<String> {
    page.doc
        .select("html")
        .attr("lang")
        .and_then(|l| clean_text(&l))
        .or_else(|| page.tag(&["content-language", "og:locale", "dc.language", "language"]))
        .or_else(|| page.ld("inLanguage"))
        .map(|l| l.replace('_', "-"))
}

fn description(page: &Declared) -> Option<String> {
    page.tag(&[
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
        "dcterms.abstract",
    ])
    .or_else(|| page.ld("description"))
}

/// The article's lead image, as an absolute address.
fn image(page: &Declared) -> Option<String> {
    page.tag(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or_else(|| page.article.and_then(|a| url_of(a.get("image"))))
    .and_then(|i| urls::absolute(page.url, &i))
}

fn section(page: &Declared) -> Option<String> {
    page.tag(&["article:section", "section"])
        .or_else(|| page.ld("articleSection"))
}

/// Collapses whitespace, decodes nothing (the parser already has), drops empties.
pub fn clean_text(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A byline as names: "By Jane Roe and John Doe, Reuters" gives the two names. Job titles and
/// addresses are not names and are dropped.
// Not `parse::byline`: that takes a line of body text for a byline only if every part is a
// name, where a declared author field is known to name authors and is split liberally.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return Vec::new();
    }
    static BY: OnceLock<Regex> = OnceLock::new();
    let by = BY.get_or_init(|| Regex::new(r"(?i)^\s*(by|par|von|por|door|di)[:\s]+").unwrap());
    let s = by.replace(s, "");
    static LINK: OnceLock<Regex> = OnceLock::new();
    let link = LINK.get_or_init(|| Regex::new(r"\(?\s*https?://[^\s)]*\s*\)?").unwrap());
    let mut s = link.replace_all(&s, " ").into_owned();
    // "Ann Smith and Bo Li" is two people; "Mac & i" is one magazine.
    for joiner in [" and ", " & ", " und ", " et ", " y ", " e "] {
        let parts: Vec<&str> = s.split(joiner).collect();
        if parts.len() > 1 && parts.iter().all(|p| p.split_whitespace().count() >= 2) {
            s = parts.join(",");
        }
    }
    s.split([',', ';', '|', '\n'])
        .filter_map(clean_text)
        .filter(|n| n.chars().any(char::is_alphabetic) && n.chars().count() <= 80)
        .filter(|n| !n.contains('@') && !n.starts_with("http"))
        .collect()
}

/// A date as pages write it, to the precision it has.
// Not `PartialDate::parse_iso`: that reads only the forms Cuttings writes and says why it
// refuses the rest, where pages write dates in many forms and one that does not read is skipped.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(PartialDate::from_naive(t.date_naive()));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(PartialDate::from_naive(t.date_naive()));
    }
    static ISO: OnceLock<Regex> = OnceLock::new();
    let iso = ISO.get_or_init(|| {
        Regex::new(
            r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:$|[T\s])|^(\d{4})(\d{2})(\d{2})(?:$|T)",
        )
        .unwrap()
    });
    if let Some(c) = iso.captures(s) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if c.get(1).is_some() {
            (n(1)?, n(2)?, n(3))
        } else {
            (n(4)?, n(5)?, n(6))
        };
        return match d {
            Some(d) => PartialDate::day(y as i32, m, d).ok(),
            None => PartialDate::month(y as i32, m).ok(),
        };
    }
    static WORDS: OnceLock<Regex> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        Regex::new(r"(?i)(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-zéû]{3,9})\.?,?\s+(\d{4}))|(?:([a-zéû]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))")
            .unwrap()
    });
    if let Some(c) = words.captures(s) {
        let (d, m, y) = if c.get(1).is_some() {
            (&c[1], &c[2], &c[3])
        } else {
            (&c[5], &c[4], &c[6])
        };
        let m = month_from_name(m)?;
        return PartialDate::day(y.parse().ok()?, m, d.parse().ok()?).ok();
    }
    if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
        return PartialDate::year(s.parse().ok()?).ok();
    }
    None
}

/// A date written in an article's address: `/2019/01/03/`, `/2019-01-03-`, `-20220928-`, or
/// `/2019/01/` to the month.
pub fn date_in_url(url: &str) -> Option<PartialDate> {
    static DAY: OnceLock<Regex> = OnceLock::new();
    let day = DAY.get_or_init(|| {
        Regex::new(r"[/_-]((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)|[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
            .unwrap()
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if let Some(c) = day.captures(path) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if c.get(1).is_some() {
            (n(1)?, n(2)?, n(3)?)
        } else {
            (n(4)?, n(5)?, n(6)?)
        };
        return PartialDate::day(y as i32, m, d).ok();
    }
    static MONTH: OnceLock<Regex> = OnceLock::new();
    let month = MONTH.get_or_init(|| Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").unwrap());
    let c = month.captures(path)?;
    PartialDate::month(c[1].parse().ok()?, c[2].parse().ok()?).ok()
}

fn dedupe(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
}

/// A person's name rather than a user handle, a site or an address: "CC7567", "@jo" and
/// "folha" are not bylines.
pub fn looks_like_name(n: &str) -> bool {
    let n = n.trim();
    if n.is_empty() || n.starts_with('@') || n.contains("://") || n.contains('@') {
        return false;
    }
    if n.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let one_word = !n.contains(char::is_whitespace);
    !(one_word && n.chars().all(|c| !c.is_uppercase()) && n.chars().any(|c| c.is_lowercase()))
}

/// Lowercase letters and digits only, words single-spaced: for comparing names.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
