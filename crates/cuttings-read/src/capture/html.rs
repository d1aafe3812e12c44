//! A web page to a clipping: the article's text found by `dom_smoothie` (a port of Mozilla's
//! Readability, which drops navigation, comments, share bars and "related" blocks), its
//! metadata from [`super::meta`], and the article's HTML kept, sanitised by `ammonia`, with
//! links made absolute.

use std::collections::HashSet;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::meta::{self, clean_text, PageMeta};
use super::urls;
use cuttings_core::model::ClippingDraft;

/// Pages with more elements than this are cut short rather than read for minutes.
const MAX_ELEMENTS: usize = 200_000;

/// A page read: the clipping, and what else was learnt that a clipping has no field for.
#[derive(Debug, Clone)]
pub struct Page {
    pub draft: ClippingDraft,
    pub meta: PageMeta,
}

/// Reads an article out of a page's HTML. `url` is the page's address, if known: relative
/// links and images are made absolute against it, and a date in it is a last resort. The error
/// is a reason for a person, without the file name.
pub fn extract(html: &str, url: Option<&str>) -> Result<Page, String> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut reader = Readability::new(html, url, Some(cfg))
        .map_err(|e| format!("the page could not be read: {e}"))?;
    let meta = meta::read_meta(&reader.doc, url);
    let article = reader.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => "no article text found in the page".into(),
        other => format!("the page could not be read: {other}"),
    })?;

    let base = meta.canonical.as_deref().or(url);
    let body = paragraphs(&article.text_content);
    if body.split_whitespace().count() < 3 {
        return Err("no article text found in the page".into());
    }
    let html = sanitise(&article.content, base);

    // The metadata's title is already the headline, chosen against the page's heading; only
    // the reader's own guess still needs the site's name taken off.
    let title = meta
        .title
        .clone()
        .or_else(|| {
            clean_text(&article.title)
                .map(|t| meta::clean_title(&t, meta.site_name.as_deref(), base))
        })
        .unwrap_or_default();
    let mut authors = meta.authors.clone();
    if authors.is_empty() {
        if let Some(b) = &article.byline {
            authors = meta::split_authors(b);
            authors.retain(|n| meta::looks_like_name(n));
        }
    }
    // A page's byline often sits in the article as its first line ("By Ann Smith and Bo
    // Li"); the authors are fields of their own, so the line leaves the text when it names
    // exactly them.
    let body = drop_byline_paragraph(body, &authors);
    let outlet = meta
        .site_name
        .clone()
        .or_else(|| article.site_name.clone().and_then(|s| clean_text(&s)))
        .or_else(|| base.and_then(urls::host));
    let published = meta
        .published
        .or_else(|| article.published_time.as_deref().and_then(meta::parse_date));
    let date_origin = meta
        .date_origin
        .or(published.map(|_| cuttings_core::DateOrigin::Metadata));
    let standfirst = meta
        .description
        .clone()
        .or_else(|| article.excerpt.clone())
        .and_then(|s| clean_text(&s))
        .filter(|s| !body.starts_with(s.trim_end_matches('…')));
    let canonical = meta.canonical.as_deref().or(url).and_then(urls::normalise);
    let draft = ClippingDraft {
        title,
        standfirst,
        body,
        html: Some(html),
        url: url.map(str::to_string).or_else(|| meta.canonical.clone()),
        canonical_url: canonical,
        image_url: meta.image.clone(),
        source: outlet,
        authors,
        published,
        date_origin,
        modified: meta.modified,
        language: meta.language.clone().or(article.lang.clone()),
        section: meta.section.clone(),
        ..ClippingDraft::default()
    };
    Ok(Page { draft, meta })
}

fn drop_byline_paragraph(body: String, authors: &[String]) -> String {
    let Some((first, rest)) = body.split_once("\n\n") else {
        return body;
    };
    let named = crate::parse::byline::by_line(first.trim());
    let same = named.is_some_and(|n| {
        !n.is_empty()
            && n.len() == authors.len()
            && n.iter()
                .all(|a| authors.iter().any(|b| a.eq_ignore_ascii_case(b)))
    });
    if same && rest.split_whitespace().count() >= 3 {
        rest.to_string()
    } else {
        body
    }
}

/// Text as paragraphs: each non-blank line one paragraph, separated by a blank line.
pub fn paragraphs(text: &str) -> String {
    text.lines()
        .filter_map(clean_text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Plain text as paragraphs: blank lines separate paragraphs, lines inside one are joined.
pub fn paragraphs_keeping_lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .filter_map(clean_text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// HTML a reader can be shown safely: no scripts, styles, frames, forms or event handlers;
/// links and images absolute against `base`.
pub fn sanitise(html: &str, base: Option<&str>) -> String {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(&["lang", "dir"]);
    b.link_rel(Some("noopener noreferrer nofollow"));
    let base_url = base.and_then(|u| url::Url::parse(u).ok());
    if let Some(base) = base_url {
        b.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    } else {
        b.url_relative(ammonia::UrlRelative::PassThrough);
    }
    let rm: HashSet<&str> = ["script", "style"].into_iter().collect();
    b.clean_content_tags(rm);
    b.clean(html).to_string()
}

/// An HTML fragment (a feed item, a saved article from an export) to text and safe HTML.
pub fn fragment(html: &str, base: Option<&str>) -> (String, String) {
    let safe = sanitise(html, base);
    let doc = Document::fragment(safe.as_str());
    (paragraphs(&doc.formatted_text()), safe)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
        <title>Ceasefire holds in the north - The Courier</title>
        <meta property="og:site_name" content="The Courier">
        <meta name="author" content="Ann Smith, Bo Li">
        <meta property="article:published_time" content="2024-02-10T08:00:00Z">
        <link rel="canonical" href="https://courier.example/world/ceasefire-holds?utm_source=rss">
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
        <div class="sponsor">Buy now! Great offers on everything.</div>
        <article><h1>Ceasefire holds in the north</h1>
        <p>The ceasefire agreed on Friday held through the weekend, according to observers on both sides of the line, who reported no shelling.</p>
        <script>document.write("tracking pixel")</script>
        <p>Aid convoys reached three towns for the first time in a month, carrying food, water and medicine for some twenty thousand people.</p>
        <p>See the <a href="/maps/north.html">map of the area</a> and <img src="img/convoy.jpg" alt="convoy">.</p>
        <p>Talks on a lasting settlement are due to resume in Geneva next week, the mediators said in a statement on Sunday evening.</p>
        <p>Both delegations have named their negotiators, and the agenda, which runs to eleven points, was circulated to the parties on Saturday.</p>
        <p>Residents who fled the fighting in the autumn said they would wait for the talks before deciding whether to return to their homes.</p>
        </article>
        <aside class="related"><h2>Related</h2><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
        <section id="comments"><p>Comment: first!</p></section>
        <footer>Copyright The Courier</footer></body></html>"#;

    #[test]
    fn an_article_page_gives_text_metadata_and_clean_html() {
        let p = extract(
            PAGE,
            Some("https://courier.example/world/ceasefire-holds?utm_source=rss"),
        )
        .unwrap();
        let d = p.draft;
        assert_eq!(d.title, "Ceasefire holds in the north");
        assert_eq!(d.source.as_deref(), Some("The Courier"));
        assert_eq!(d.authors, ["Ann Smith", "Bo Li"]);
        assert_eq!(d.published.unwrap().to_string(), "2024-02-10");
        assert_eq!(d.date_origin, Some(cuttings_core::DateOrigin::Metadata));
        assert_eq!(d.language.as_deref(), Some("en"));
        assert_eq!(
            d.canonical_url.as_deref(),
            Some("https://courier.example/world/ceasefire-holds")
        );
        assert!(d.body.starts_with("The ceasefire agreed"), "{}", d.body);
        assert!(d.body.contains("\n\nAid convoys"), "{}", d.body);
        for junk in [
            "tracking pixel",
            "Buy now",
            "Other story",
            "first!",
            "Copyright",
            "Home",
        ] {
            assert!(!d.body.contains(junk), "{junk} in {}", d.body);
        }
        let html = d.html.unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("https://courier.example/maps/north.html"),
            "{html}"
        );
        assert!(
            html.contains("https://courier.example/world/img/convoy.jpg"),
            "{html}"
        );
    }

    #[test]
    fn a_byline_line_naming_the_authors_leaves_the_text() {
        let page = PAGE.replace(
            "<article><h1>Ceasefire holds in the north</h1>",
            "<article><h1>Ceasefire holds in the north</h1><p class=\"byline\">By Ann Smith and Bo Li</p>",
        );
        let d = extract(&page, Some("https://courier.example/x"))
            .unwrap()
            .draft;
        assert_eq!(d.authors, ["Ann Smith", "Bo Li"]);
        assert!(d.body.starts_with("The ceasefire agreed"), "{}", d.body);
        // A line naming someone else is the article's own text and stays.
        let other = PAGE.replace(
            "<article><h1>Ceasefire holds in the north</h1>",
            "<article><h1>Ceasefire holds in the north</h1><p>By Carla Jones</p>",
        );
        let d = extract(&other, Some("https://courier.example/x"))
            .unwrap()
            .draft;
        assert!(d.body.contains("By Carla Jones"), "{}", d.body);
    }

    #[test]
    fn a_page_without_a_title_still_gives_a_clipping() {
        let page = "<html><body><article><p>Only text here, a paragraph of some length that says what happened in the town hall meeting yesterday evening.</p></article></body></html>";
        let d = extract(page, None).unwrap().draft;
        assert!(d.body.starts_with("Only text here"));
        assert_eq!(d.published, None);
    }

    #[test]
    fn a_page_with_no_text_is_refused_with_a_reason() {
        let e = extract(
            "<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
            None,
        )
        .unwrap_err();
        assert!(e.contains("no article text"), "{e}");
    }

    #[test]
    fn truncated_html_is_read_as_far_as_it_goes() {
        let cut = &PAGE[..PAGE.find("Talks on").unwrap()];
        let d = extract(cut, None).unwrap().draft;
        assert!(d.body.contains("Aid convoys"));
    }

    #[test]
    fn fragments_lose_their_scripts() {
        let (text, html) = fragment(
            "<p>Hello <b>world</b></p><script>alert(1)</script><p>Two</p>",
            Some("https://x.example/"),
        );
        assert_eq!(text, "Hello world\n\nTwo");
        assert!(!html.contains("script"));
    }
}
