//! How well the page reader finds a page's metadata, measured on a folder of saved pages that
//! each carry an `expected-metadata.json` (Mozilla Readability's test pages: `title`, `byline`,
//! `siteName`, `publishedTime`). This prints figures; it is not a pass/fail test.
//!
//! Matching is lenient where a reader would be: case, spacing and end punctuation are folded,
//! dates are compared to the day, and a byline matches when most of its words are among the
//! authors found.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use cuttings_core::error::{Error, Result};
use cuttings_read::capture::{html, meta};
use cuttings_read::decode;

#[derive(Debug, Clone, Serialize)]
pub struct PageResult {
    pub page: String,
    pub title: (Option<String>, String),
    pub title_ok: bool,
    /// The title matches once the reference's own site-name suffix is taken off too.
    pub title_ok_without_site: bool,
    pub byline: (Option<String>, String),
    pub byline_ok: Option<bool>,
    pub site: (Option<String>, String),
    pub site_ok: Option<bool>,
    pub date: (Option<String>, String),
    pub date_ok: Option<bool>,
    pub error: Option<String>,
}

/// A share: how many of how many.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Share {
    pub ok: usize,
    pub of: usize,
}

impl Share {
    fn add(&mut self, ok: Option<bool>) {
        if let Some(ok) = ok {
            self.of += 1;
            self.ok += usize::from(ok);
        }
    }
    pub fn percent(&self) -> f64 {
        if self.of == 0 {
            return 0.0;
        }
        100.0 * self.ok as f64 / self.of as f64
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Accuracy {
    pub pages: Vec<PageResult>,
    pub title: Share,
    /// Titles compared with the site's name taken off the reference as well: the reference
    /// (Readability's output) keeps "| IAB" or "- Yahoo!ニュース" where Cuttings files the
    /// headline alone, on purpose.
    pub title_without_site: Share,
    pub byline: Share,
    pub site: Share,
    pub date: Share,
}

/// Case, spacing and end punctuation folded.
fn norm(s: &str) -> String {
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    s.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
}

fn words(s: &str) -> Vec<String> {
    meta::fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Most of the expected byline's words are among the authors' words.
pub fn byline_matches(expected: &str, authors: &[String]) -> bool {
    // An address in a byline is not part of the name.
    let expected: String = expected
        .split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ");
    let want: Vec<String> = words(&expected)
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "by" | "and" | "the"))
        .collect();
    if want.is_empty() {
        return authors.is_empty();
    }
    let have: Vec<String> = authors.iter().flat_map(|a| words(a)).collect();
    let found = want.iter().filter(|w| have.contains(w)).count();
    found * 2 > want.len()
}

/// Runs the reader over every page folder under `dir`.
pub fn measure(dir: &Path) -> Result<Accuracy> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::file(dir, e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected-metadata.json").exists() && p.join("source.html").exists())
        .collect();
    names.sort();
    let mut acc = Accuracy::default();
    for page in names {
        let name = page
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let expected: Value =
            serde_json::from_slice(&std::fs::read(page.join("expected-metadata.json"))?)
                .map_err(|e| Error::file(page.join("expected-metadata.json"), e.to_string()))?;
        let want = |k: &str| {
            expected
                .get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        let bytes = std::fs::read(page.join("source.html"))?;
        let text = decode::decode_html(&bytes, None);
        // The pages were saved from these addresses; Readability's tests use this one.
        let got = html::extract(&text, Some("http://fakehost/test/page.html"));
        let (d, error) = match got {
            Ok(p) => (p.draft, None),
            Err(e) => (Default::default(), Some(e)),
        };
        let d: cuttings_core::model::ClippingDraft = d;
        let title_want = want("title").unwrap_or_default();
        let title_ok = norm(&d.title) == norm(&title_want);
        let site_want = want("siteName").or(d.source.clone());
        let title_ok_without_site = title_ok
            || norm(&d.title) == norm(&meta::clean_title(&title_want, site_want.as_deref(), None));
        let byline_ok = want("byline").map(|b| byline_matches(&b, &d.authors));
        let site_ok =
            want("siteName").map(|s| d.source.as_deref().is_some_and(|o| norm(o) == norm(&s)));
        let date_want = want("publishedTime").and_then(|t| meta::parse_date(&t));
        let date_ok = date_want.map(|w| d.published == Some(w));
        let r = PageResult {
            page: name,
            title: (Some(d.title.clone()), title_want),
            title_ok,
            title_ok_without_site,
            byline: (
                Some(d.authors.join("; ")),
                want("byline").unwrap_or_default(),
            ),
            byline_ok,
            site: (d.source.clone(), want("siteName").unwrap_or_default()),
            site_ok,
            date: (
                d.published.map(|p| p.to_string()),
                date_want.map(|p| p.to_string()).unwrap_or_default(),
            ),
            date_ok,
            error,
        };
        acc.title.add(Some(r.title_ok));
        acc.title_without_site.add(Some(r.title_ok_without_site));
        acc.byline.add(r.byline_ok);
        acc.site.add(r.site_ok);
        acc.date.add(r.date_ok);
        acc.pages.push(r);
    }
    if acc.pages.is_empty() {
        return Err(Error::file(
            dir,
            "no pages with expected-metadata.json found here",
        ));
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_matches_when_most_of_its_words_are_found() {
        assert!(byline_matches(
            "By Eleanor Ainge Roy",
            &["Eleanor Ainge Roy".into()]
        ));
        assert!(byline_matches(
            "Nicolas Perriault and Dan Smith",
            &["Nicolas Perriault".into(), "Dan Smith".into()]
        ));
        assert!(!byline_matches(
            "Nicolas Perriault",
            &["Someone Else".into()]
        ));
        assert!(!byline_matches("Jane Roe", &[]));
        assert!(byline_matches(
            "Bradley M. Kuhn (http://ebb.org/bkuhn/)",
            &["Bradley M. Kuhn".into()]
        ));
    }

    #[test]
    fn titles_compare_without_case_space_or_end_punctuation() {
        assert_eq!(norm("  Hello   World. "), norm("hello world"));
        assert_ne!(norm("Hello World"), norm("Hello Word"));
    }

    /// The shared Readability pages, when they are there: every page is read without a
    /// panic, nearly all give text, none keeps a script or comes out as mojibake.
    #[test]
    fn the_shared_pages_are_read_cleanly() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/readability");
        if !dir.exists() {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        }
        let a = measure(&dir).unwrap();
        let failed: Vec<&str> = a
            .pages
            .iter()
            .filter(|p| p.error.is_some())
            .map(|p| p.page.as_str())
            .collect();
        // 005 is an empty test page by design.
        assert!(failed.len() <= 1, "{failed:?}");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path().join("source.html");
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let text = decode::decode_html(&bytes, None);
            if let Ok(page) = html::extract(&text, Some("http://fakehost/test/page.html")) {
                let h = page.draft.html.unwrap_or_default();
                assert!(!h.contains("<script"), "{}", p.display());
                assert!(!page.draft.body.contains("Ã©"), "{}", p.display());
            }
        }
    }
}
