//! A page's headline told from its site's name: "Oil falls - Reuters" is the headline "Oil
//! falls", but "Left - right divide deepens" is a headline with a dash of its own.

use dom_query::Document;

use super::super::urls;
use super::{clean_text, fold};

/// The page's own heading when the tab title is that heading plus something (a site name the
/// page never declared): "Outside the web · V8" with `<h1>Outside the web</h1>`.
pub(super) fn headline_in(doc: &Document, tab_title: &str) -> Option<String> {
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
pub(super) fn headline_of(
    title: &str,
    headings: &[String],
    site: Option<&str>,
    url: Option<&str>,
) -> String {
    let whole = clean_text(title).unwrap_or_default();
    let f = fold(&whole);
    if !f.is_empty() && headings.contains(&f) {
        return whole;
    }
    clean_title(&whole, site, url)
}

/// The JSON-LD headline, unless it is the other declared title cut short ("Talks resume in
/// Geneva as…"): some templates cut the headline to a search engine's old length limit.
pub(super) fn whole_of(headline: &str, other: &str) -> String {
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
pub(super) fn is_site_name(part: &str, site: Option<&str>, url: Option<&str>) -> bool {
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
