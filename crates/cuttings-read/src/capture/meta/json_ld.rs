//! JSON-LD, the metadata a newsroom's templates write for search engines: the article's
//! object found among a page's scripts, and its fields read whatever shape they take.

use std::sync::OnceLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use super::{clean_text, split_authors};

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
pub(super) fn json_ld(doc: &Document) -> Vec<Value> {
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

pub(super) fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_ascii_lowercase))
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn is_article(v: &Value) -> bool {
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

pub(super) fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_text(&unescape(s)),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@value"))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn url_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_text(s),
        Value::Array(a) => a.iter().find_map(|x| url_of(Some(x))),
        Value::Object(o) => url_of(o.get("url")).or_else(|| url_of(o.get("@id"))),
        _ => None,
    }
}

pub(super) fn names_of(v: Option<&Value>) -> Vec<String> {
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
