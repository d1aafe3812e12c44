//! A page's metadata, read from what its publisher declared: JSON-LD (`NewsArticle`, `Article`
//! and kin), OpenGraph and `article:*`, Dublin Core and other `<meta>` tags, `<link
//! rel=canonical>`, `<time>`, and finally a date in the address itself.
//!
//! Declared metadata is preferred to anything guessed from the layout: a publisher's JSON-LD
//! names the headline and authors as the newsroom wrote them, where a page's `<title>` carries
//! the site name and the visible byline carries "By" and job titles.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::DateTime;
use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use super::urls;
use cuttings_core::date::{month_from_name, DateOrigin, PartialDate};

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

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "livebloggosting",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "report",
    "posting",
];

/// The JSON-LD objects of a page, `@graph`s and arrays flattened.
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for s in doc.select("script[type='application/ld+json']").iter() {
        let text = s.text();
        let mut text = text.trim();
        for open in ["//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            text = text.strip_prefix(open).unwrap_or(text).trim();
        }
        for close in ["//]]>", "/*]]>*/", "]]>"] {
            text = text.strip_suffix(close).unwrap_or(text).trim();
        }
        let parsed = serde_json::from_str::<Value>(text).or_else(|_| {
            // Hand-written JSON-LD often has trailing commas or raw line breaks in strings.
            let re = trailing_commas();
            let fixed = re.replace_all(text, "$1").replace(['\n', '\r', '\t'], " ");
            serde_json::from_str::<Value>(&fixed)
        });
        if let Ok(v) = parsed {
            flatten(v, &mut out, 0);
        }
    }
    out
}

fn trailing_commas() -> &'static Regex {
    static TRAILING: OnceLock<Regex> = OnceLock::new();
    TRAILING.get_or_init(|| Regex::new(r",(\s*[}\]])").unwrap())
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut m) => {
            if let Some(g) = m.remove("@graph") {
                flatten(g, out, depth + 1);
            }
            out.push(Value::Object(m));
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_ascii_lowercase))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article(v: &Value) -> bool {
    types(v).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()))
}

/// JSON-LD is written into pages by templates that often escape it as HTML: "Oil &amp; gas".
fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('&') && s.contains(';') && !s.contains('<') {
        Document::fragment(format!("<p>{s}</p>"))
            .text()
            .to_string()
            .into()
    } else {
        s.into()
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_text(&unescape(s)),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@value"))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn url_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_text(s),
        Value::Array(a) => a.iter().find_map(|x| url_of(Some(x))),
        Value::Object(o) => url_of(o.get("url")).or_else(|| url_of(o.get("@id"))),
        _ => None,
    }
}

fn names_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => split_authors(s),
        Some(Value::Array(a)) => a.iter().flat_map(|x| names_of(Some(x))).collect(),
        Some(Value::Object(o)) => {
            let is_org = o
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("organization"));
            match str_of(o.get("name")) {
                Some(n) if !is_org => split_authors(&n),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Collapses whitespace, decodes nothing (the parser already has), drops empties.
pub fn clean_text(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A byline as names: "By Jane Roe and John Doe, Reuters" gives the two names. Job titles and
/// addresses are not names and are dropped.
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

/// Reads the declared metadata of a parsed page. `url` is where the page came from, if known.
pub fn read_meta(doc: &Document, url: Option<&str>) -> PageMeta {
    let mut meta: HashMap<String, String> = HashMap::new();
    for m in doc.select("meta").iter() {
        let Some(content) = m.attr("content").and_then(|c| clean_text(&c)) else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = m.attr(key) {
                // "og:title twitter:title" in one attribute names both.
                for k in k.split_whitespace() {
                    meta.entry(k.to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
    }
    let get = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());

    let ld = json_ld(doc);
    let article = ld.iter().find(|v| is_article(v));
    let webpage = ld.iter().find(|v| {
        types(v)
            .iter()
            .any(|t| t == "webpage" || t == "website" || t == "organization")
    });
    let from_ld = |key: &str| article.and_then(|a| str_of(a.get(key)));

    let doc_title = doc
        .select("head title")
        .iter()
        .next()
        .and_then(|t| clean_text(&t.text()))
        .or_else(|| {
            doc.select("title")
                .iter()
                .next()
                .and_then(|t| clean_text(&t.text()))
        });

    // The publisher a newsroom declares names the publication (a Medium blog's own name, not
    // "Medium"); og:site_name is next, the app's name last.
    let site_name = article
        .and_then(|a| a.get("publisher"))
        .and_then(|p| str_of(Some(p)))
        .or_else(|| get(&["og:site_name"]))
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
            get(&[
                "application-name",
                "al:android:app_name",
                "al:ios:app_name",
                "dc.publisher",
                "dcterms.publisher",
                "publisher",
                "cre",
            ])
        });

    let canonical = doc
        .select("link[rel='canonical']")
        .iter()
        .find_map(|l| l.attr("href"))
        .and_then(|h| urls::absolute(url, &h))
        .or_else(|| get(&["og:url"]).and_then(|h| urls::absolute(url, &h)))
        .or_else(|| article.and_then(|a| url_of(a.get("url"))))
        .filter(|c| c.starts_with("http"));

    // A saved page's own address tells its site's name as well as the one it was read from.
    let site_url = url.or(canonical.as_deref());
    // The headline: JSON-LD gives the newsroom's own; OpenGraph often repeats the tab title.
    let headings: Vec<String> = doc
        .select("h1")
        .iter()
        .map(|h| fold(&h.text()))
        .filter(|h| !h.is_empty())
        .collect();
    let clean = |t: &str| headline_of(t, &headings, site_name.as_deref(), site_url);
    let tagged = get(&[
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
    let declared = match (from_ld("headline"), tagged) {
        (Some(h), Some(t)) => Some(whole_of(&clean(&h), &clean(&t))),
        (h, t) => h.or(t).map(|t| clean(&t)),
    }
    .or_else(|| from_ld("name").map(|t| clean(&t)))
    // A site that puts its own name in og:title on every page says nothing of the article,
    // unless the page shows that very title as its heading.
    .filter(|t| headings.contains(&fold(t)) || !is_site_name(t, site_name.as_deref(), site_url));
    let title = declared.or_else(|| {
        let t = clean(doc_title.as_deref()?);
        Some(headline_in(doc, &t).unwrap_or(t))
    });

    let mut authors = article
        .map(|a| names_of(a.get("author")))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = article
            .map(|a| names_of(a.get("creator")))
            .unwrap_or_default();
    }
    authors.retain(|n| looks_like_name(n));
    if authors.is_empty() {
        for key in [
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
        ] {
            if let Some(a) = meta.get(key) {
                authors = split_authors(a);
                authors.retain(|n| looks_like_name(n));
                if !authors.is_empty() {
                    break;
                }
            }
        }
    }
    dedupe(&mut authors);

    let mut date_source = None;
    let mut published = None;
    // dateCreated is when the record was made, often in UTC: weaker than a declared
    // publication time, so it comes after the meta tags.
    if let Some(d) = from_ld("datePublished").and_then(|s| parse_date(&s)) {
        published = Some(d);
        date_source = Some("json-ld".to_string());
    }
    if published.is_none() {
        for key in [
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
        ] {
            if let Some(d) = meta.get(key).and_then(|s| parse_date(s)) {
                published = Some(d);
                date_source = Some(format!("meta:{key}"));
                break;
            }
        }
    }
    if published.is_none() {
        if let Some(d) = from_ld("dateCreated").and_then(|s| parse_date(&s)) {
            published = Some(d);
            date_source = Some("json-ld".to_string());
        }
    }
    if published.is_none() {
        let times = doc.select(
            "time[pubdate], time[itemprop='datePublished'], article time[datetime], time[datetime]",
        );
        if let Some(d) = times
            .iter()
            .find_map(|t| t.attr("datetime").and_then(|s| parse_date(&s)))
        {
            published = Some(d);
            date_source = Some("time".to_string());
        }
    }
    let mut date_origin = published.map(|_| DateOrigin::Metadata);

    if published.is_none() {
        let from_address = canonical
            .as_deref()
            .and_then(date_in_url)
            .or_else(|| url.and_then(date_in_url));
        if let Some(d) = from_address {
            published = Some(d);
            // Read from the address, not declared: the weakest source, as if from the text.
            date_origin = Some(DateOrigin::Parsed);
            date_source = Some("url".to_string());
        }
    }

    let modified = from_ld("dateModified")
        .or_else(|| {
            get(&[
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
                "datemodified",
                "last-modified",
            ])
        })
        .and_then(|s| parse_date(&s));

    let language = doc
        .select("html")
        .attr("lang")
        .and_then(|l| clean_text(&l))
        .or_else(|| get(&["content-language", "og:locale", "dc.language", "language"]))
        .or_else(|| from_ld("inLanguage"))
        .map(|l| l.replace('_', "-"));

    let description = get(&[
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
        "dcterms.abstract",
    ])
    .or_else(|| from_ld("description"));

    let image = get(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or_else(|| article.and_then(|a| url_of(a.get("image"))))
    .and_then(|i| urls::absolute(url, &i));

    let section = get(&["article:section", "section"]).or_else(|| from_ld("articleSection"));

    PageMeta {
        title,
        doc_title,
        authors,
        published,
        date_origin,
        date_source,
        modified,
        site_name,
        language,
        canonical,
        description,
        image,
        section,
    }
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

/// The page's own heading when the tab title is that heading plus something (a site name the
/// page never declared): "Outside the web · V8" with `<h1>Outside the web</h1>`.
fn headline_in(doc: &Document, tab_title: &str) -> Option<String> {
    let tab = fold(tab_title);
    doc.select("h1, h2")
        .iter()
        .filter_map(|h| clean_text(&h.text()))
        .find(|h| {
            // Only a short rest, like a site's name: a longer one is part of the title.
            let f = fold(h);
            let rest = tab.get(f.len()..).unwrap_or_default();
            f.split(' ').count() >= 3
                && tab.starts_with(&f)
                && (1..=3).contains(&rest.split_whitespace().count())
        })
}

/// A declared or tab title as the article's headline: the site's name taken off, unless the
/// page's own heading is the whole title, separator and all ("Left - right divide deepens"
/// on a site called "Right"): what the page shows as its headline is the headline.
fn headline_of(title: &str, headings: &[String], site: Option<&str>, url: Option<&str>) -> String {
    let whole = clean_text(title).unwrap_or_default();
    let f = fold(&whole);
    if !f.is_empty() && headings.contains(&f) {
        return whole;
    }
    clean_title(&whole, site, url)
}

/// The JSON-LD headline, unless it is the other declared title cut short ("Talks resume in
/// Geneva as…"): some templates cut the headline to a search engine's old length limit.
fn whole_of(headline: &str, other: &str) -> String {
    let cut = headline
        .trim_end_matches(['…', '.'])
        .trim_end_matches(|c: char| c.is_whitespace());
    let shortened = cut.len() < headline.len();
    let (h, o) = (fold(cut), fold(other));
    if shortened && !h.is_empty() && o.len() > h.len() && o.starts_with(&h) {
        other.to_string()
    } else {
        headline.to_string()
    }
}

/// True when `part` is the site's name (declared, or read from the address).
fn is_site_name(part: &str, site: Option<&str>, url: Option<&str>) -> bool {
    let host = url.and_then(urls::host);
    let p = fold(part);
    if p.is_empty() {
        return false;
    }
    // A declared name with a tagline ("Yahoo News - Latest News & Headlines") is named by
    // its first part too.
    let named = |s: &str| {
        let short = SEPARATORS
            .iter()
            .find_map(|sep| s.split_once(sep).map(|(a, _)| a));
        names_the_site(&p, &fold(s)) || short.is_some_and(|a| names_the_site(&p, &fold(a)))
    };
    if site.is_some_and(named) {
        return true;
    }
    host.as_deref().is_some_and(|h| {
        let h = fold(h);
        let stem = h.split(' ').next().unwrap_or_default().to_string();
        let first = p.split(' ').next().unwrap_or_default();
        // "BBC News" on bbc.co.uk; "Apple unveils a new phone" on apple.com is a headline.
        let short = p.split(' ').count() <= 3;
        h == p
            || p.replace(' ', "") == stem
            || (short
                && stem.len() >= 3
                && (first == stem || p.replace(' ', "").starts_with(&stem)))
    })
}

/// True when `part` (folded) is the site's name `site` (folded), or nearly: "Washington Post"
/// for "The Washington Post", "BBC News" for "BBC". Whole words only, and only a word or two
/// more than the name, so "How we designed Dropbox's ATF" is not the site "Dropbox".
fn names_the_site(part: &str, site: &str) -> bool {
    if part.is_empty() || site.is_empty() {
        return false;
    }
    if part == site {
        return true;
    }
    let (pw, sw): (Vec<&str>, Vec<&str>) = (part.split(' ').collect(), site.split(' ').collect());
    let within = |long: &[&str], short: &[&str]| {
        long.len() <= short.len() + 2 && long.windows(short.len()).any(|w| w == short)
    };
    within(&pw, &sw) || within(&sw, &pw)
}

/// Separators between a headline and the site's name in a tab title.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " ‹ ", " / ", "｜",
];

/// A headline without the site's name: "Oil falls - Reuters" gives "Oil falls". The suffix (or
/// prefix) goes only when it is the site's name or address, so a headline with a dash of its
/// own keeps it.
pub fn clean_title(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = clean_text(title).unwrap_or_default();
    let is_site = |part: &str| is_site_name(part, site, url);
    for sep in SEPARATORS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            // "Yahoo News - Latest News": the whole is the site's name, not a headline.
            if is_site(tail) && !head.trim().is_empty() && !is_site(head) {
                return clean_title(head, site, url);
            }
        }
        if let Some(i) = title.find(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if is_site(head) && tail.split_whitespace().count() >= 2 && !is_site(tail) {
                return clean_title(tail, site, url);
            }
        }
    }
    title
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
mod tests {
    use super::*;

    fn meta(html: &str, url: Option<&str>) -> PageMeta {
        read_meta(&Document::from(html), url)
    }

    #[test]
    fn json_ld_gives_headline_authors_dates_and_publisher() {
        let m = meta(
            r#"<html lang="en-GB"><head><title>Oil falls | Daily Planet</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Daily Planet"},
              {"@type":"NewsArticle","headline":"Oil falls on Gulf supply","datePublished":"2019-01-03T07:00:02Z",
               "dateModified":"2019-01-04","author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
               "publisher":{"@type":"Organization","name":"Daily Planet"},"image":{"url":"/img/oil.jpg"}}]}
            </script></head><body></body></html>"#,
            Some("https://dailyplanet.example/news/oil"),
        );
        assert_eq!(m.title.as_deref(), Some("Oil falls on Gulf supply"));
        assert_eq!(m.authors, ["Lois Lane", "Clark Kent"]);
        assert_eq!(m.published.unwrap().to_string(), "2019-01-03");
        assert_eq!(m.date_origin, Some(DateOrigin::Metadata));
        assert_eq!(m.date_source.as_deref(), Some("json-ld"));
        assert_eq!(m.modified.unwrap().to_string(), "2019-01-04");
        assert_eq!(m.site_name.as_deref(), Some("Daily Planet"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(
            m.image.as_deref(),
            Some("https://dailyplanet.example/img/oil.jpg")
        );
    }

    #[test]
    fn html_entities_in_json_ld_are_decoded() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Oil &amp; gas &#8211; a &quot;test&quot;"}</script>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Oil & gas – a \"test\""));
    }

    #[test]
    fn opengraph_and_article_meta_are_read() {
        let m = meta(
            r#"<head><meta property="og:title" content="Talks resume in Geneva - The Courier">
            <meta property="og:site_name" content="The Courier">
            <meta property="article:published_time" content="2020-05-06T10:00:00+02:00">
            <meta name="author" content="By Ann Smith and Bo Li">
            <meta name="description" content="Delegations met again.">
            <link rel="canonical" href="/world/talks"></head>"#,
            Some("https://courier.example/world/talks?utm_source=x"),
        );
        assert_eq!(m.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(m.authors, ["Ann Smith", "Bo Li"]);
        assert_eq!(m.published.unwrap().to_string(), "2020-05-06");
        assert_eq!(
            m.date_source.as_deref(),
            Some("meta:article:published_time")
        );
        assert_eq!(
            m.canonical.as_deref(),
            Some("https://courier.example/world/talks")
        );
        assert_eq!(m.description.as_deref(), Some("Delegations met again."));
    }

    #[test]
    fn a_date_only_in_the_address_is_read_from_it() {
        let m = meta(
            "<title>x</title>",
            Some("https://ex.example/2021/03/09/story-slug/"),
        );
        assert_eq!(m.published.unwrap().to_string(), "2021-03-09");
        assert_eq!(m.date_origin, Some(DateOrigin::Parsed));
        assert_eq!(m.date_source.as_deref(), Some("url"));
        assert_eq!(
            date_in_url("https://www.20minutes.fr/sport/4002755-20220928-tarn-lapins")
                .unwrap()
                .to_string(),
            "2022-09-28"
        );
        assert_eq!(
            date_in_url("https://ex.example/2021/03/story")
                .unwrap()
                .to_string(),
            "2021-03"
        );
        assert_eq!(date_in_url("https://ex.example/id/12345678901"), None);
    }

    #[test]
    fn a_time_element_dates_a_page_without_meta() {
        let m = meta(
            r#"<article><time datetime="2018-11-30">30 Nov</time></article>"#,
            None,
        );
        assert_eq!(m.published.unwrap().to_string(), "2018-11-30");
        assert_eq!(m.date_source.as_deref(), Some("time"));
    }

    #[test]
    fn site_suffixes_and_prefixes_leave_the_headline() {
        let t = |s, site| clean_title(s, site, Some("https://www.bbc.co.uk/news/x"));
        assert_eq!(t("Oil falls - BBC News", None), "Oil falls");
        assert_eq!(
            t("Oil falls | The Courier", Some("The Courier")),
            "Oil falls"
        );
        assert_eq!(
            t("The Courier: Oil falls", Some("The Courier")),
            "The Courier: Oil falls"
        );
        assert_eq!(
            t("Courier — Oil falls again", Some("Courier")),
            "Oil falls again"
        );
        assert_eq!(
            t("Left - right divide deepens", None),
            "Left - right divide deepens"
        );
    }

    #[test]
    fn a_site_name_inside_a_headline_is_not_taken_for_the_site() {
        let t = "How we designed Dropbox’s ATF - an async task framework";
        assert_eq!(clean_title(t, Some("Dropbox"), None), t);
        assert_eq!(
            clean_title(
                "Oil falls | Washington Post",
                Some("The Washington Post"),
                None
            ),
            "Oil falls"
        );
        assert_eq!(
            clean_title("Oil falls - BBC News", Some("BBC"), None),
            "Oil falls"
        );
        // The address's name starts a headline without being the site.
        let apple = "Apple unveils a phone - Specs and prices";
        assert_eq!(
            clean_title(apple, None, Some("https://www.apple.com/x")),
            apple
        );
        assert_eq!(
            clean_title(
                "Apple Newsroom - Specs and prices",
                None,
                Some("https://www.apple.com/x")
            ),
            "Specs and prices"
        );
    }

    #[test]
    fn a_site_name_with_a_tagline_is_known_by_its_first_part() {
        let m = meta(
            r#"<title>Space ship breaks up over Siberia</title>
            <meta property="og:title" content="Yahoo News - Latest News &amp; Headlines">
            <meta property="og:site_name" content="Yahoo News - Latest News &amp; Headlines">"#,
            None,
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Space ship breaks up over Siberia")
        );
        assert_eq!(
            clean_title(
                "Oil falls | Yahoo News",
                Some("Yahoo News - Latest News"),
                None
            ),
            "Oil falls"
        );
    }

    #[test]
    fn full_width_and_angle_quote_separators_part_a_site_name() {
        assert_eq!(
            clean_title("原油が下落｜日経新聞", Some("日経新聞"), None),
            "原油が下落"
        );
        assert_eq!(
            clean_title("Le pétrole baisse « Le Courrier", Some("Le Courrier"), None),
            "Le pétrole baisse"
        );
        assert_eq!(
            clean_title("Oil falls ‹ The Courier", Some("The Courier"), None),
            "Oil falls"
        );
    }

    #[test]
    fn a_title_that_is_the_page_heading_keeps_its_separator() {
        let head = r#"<head><title>Left - Right Now</title>
            <meta property="og:site_name" content="Right Now"></head>"#;
        let m = meta(
            &format!("{head}<body><h1>Left - Right Now</h1></body>"),
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Left - Right Now"));
        let m = meta(&format!("{head}<body><h1>Left</h1></body>"), None);
        assert_eq!(m.title.as_deref(), Some("Left"));
        let m = meta(
            r#"<meta property="og:title" content="Left - Right Now"><meta property="og:site_name" content="Right Now">
            <h1>Left - Right Now</h1>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Left - Right Now"));
    }

    #[test]
    fn a_json_ld_headline_cut_short_gives_way_to_the_whole_one() {
        let m = meta(
            r#"<meta property="og:title" content="Talks resume in Geneva as delegations return - The Courier">
            <meta property="og:site_name" content="The Courier">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume in Geneva as…"}</script>"#,
            None,
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Talks resume in Geneva as delegations return")
        );
        // A shorter headline that is not cut (no ellipsis) is the newsroom's choice.
        let m = meta(
            r#"<meta property="og:title" content="Talks resume in Geneva as delegations return">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume"}</script>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Talks resume"));
    }

    #[test]
    fn a_saved_page_without_its_address_is_named_by_its_canonical_link() {
        let m = meta(
            r#"<title>Oil falls - Courier</title><link rel="canonical" href="https://www.courier.example/oil">"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Oil falls"));
    }

    #[test]
    fn dates_are_read_in_the_forms_pages_use() {
        for (s, want) in [
            ("2019-01-03T07:00:02.000Z", "2019-01-03"),
            ("Thu, 03 Jan 2019 07:00:02 GMT", "2019-01-03"),
            ("2019/01/03", "2019-01-03"),
            ("20190103", "2019-01-03"),
            ("January 3, 2019", "2019-01-03"),
            ("3 January 2019", "2019-01-03"),
            ("2019-01", "2019-01"),
            ("2019", "2019"),
        ] {
            assert_eq!(
                parse_date(s).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{s}"
            );
        }
        assert_eq!(parse_date("soon"), None);
    }
}
