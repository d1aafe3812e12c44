//! Citations for reference managers: CSL-JSON (`article-newspaper`) and RIS (`NEWS`).

use serde_json::{json, Map, Value};

use super::text::{split_name, Name};
use super::Item;
use cuttings_core::date::PartialDate;
use cuttings_core::model::Clipping;

fn csl_name(name: &str) -> Value {
    match split_name(name) {
        Name::Literal(l) => json!({ "literal": l }),
        Name::Parts {
            family,
            given,
            particle,
        } => {
            let mut m = Map::new();
            m.insert("family".into(), family.into());
            m.insert("given".into(), given.into());
            if let Some(p) = particle {
                m.insert("non-dropping-particle".into(), p.into());
            }
            Value::Object(m)
        }
    }
}

/// `[[2015, 4, 7]]`, `[[2015, 4]]` or `[[2015]]`: only the parts that are known.
fn date_parts(d: PartialDate) -> Value {
    let mut parts = vec![json!(d.year_value())];
    if let Some(m) = d.month_value() {
        parts.push(json!(m));
        if let Some(day) = d.day_value() {
            parts.push(json!(day));
        }
    }
    json!({ "date-parts": [parts] })
}

fn notes_text(c: &Clipping) -> Option<String> {
    let notes: Vec<&str> = c.notes.iter().map(|n| n.body.trim()).collect();
    (!notes.is_empty()).then(|| notes.join("\n\n"))
}

fn csl_item(c: &Clipping) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), format!("cuttings-{}", c.id).into());
    m.insert("type".into(), "article-newspaper".into());
    m.insert("title".into(), c.title.clone().into());
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            m.insert(k.into(), v.into());
        }
    };
    put("container-title", &c.source);
    put("abstract", &c.standfirst);
    put("URL", &c.url);
    put("publisher-place", &c.place);
    put("language", &c.language);
    put("section", &c.section);
    put("page", &c.page);
    put("note", &notes_text(c));
    if !c.tags.is_empty() {
        m.insert("keyword".into(), c.tags.join(", ").into());
    }
    if !c.authors.is_empty() {
        m.insert(
            "author".into(),
            c.authors.iter().map(|a| csl_name(a)).collect(),
        );
    }
    if let Some(d) = c.published {
        m.insert("issued".into(), date_parts(d));
    }
    m.insert(
        "accessed".into(),
        date_parts(PartialDate::from_naive(c.captured_at.date_naive())),
    );
    Value::Object(m)
}

/// A CSL-JSON array, one `article-newspaper` item per clipping.
pub(crate) fn csl_json(items: &[Item]) -> Vec<u8> {
    let all: Vec<Value> = items.iter().map(|i| csl_item(&i.clipping)).collect();
    let mut out = serde_json::to_vec_pretty(&all).expect("JSON values always serialise");
    out.push(b'\n');
    out
}

/// One RIS value: line breaks would end the field, so they become spaces.
fn ris_value(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ris_name(name: &str) -> String {
    match split_name(name) {
        Name::Literal(l) => l,
        Name::Parts {
            family,
            given,
            particle,
        } => match particle {
            Some(p) => format!("{p} {family}, {given}"),
            None => format!("{family}, {given}"),
        },
    }
}

/// RIS records (`TY  - NEWS` … `ER  - `), CRLF line ends as the format asks.
pub(crate) fn ris(items: &[Item]) -> String {
    let mut out = String::with_capacity(items.len() * 600);
    for it in items {
        let c = &it.clipping;
        let mut tag = |t: &str, v: &str| {
            let v = ris_value(v);
            if !v.is_empty() {
                out.push_str(t);
                out.push_str("  - ");
                out.push_str(&v);
                out.push_str("\r\n");
            }
        };
        tag("TY", "NEWS");
        tag("ID", &format!("cuttings-{}", c.id));
        tag("TI", &c.title);
        if let Some(s) = &c.source {
            tag("T2", s);
            tag("JO", s);
        }
        for a in &c.authors {
            tag("AU", &ris_name(a));
        }
        if let Some(d) = c.published {
            tag("PY", &format!("{:04}", d.year_value()));
            // DA is YYYY/MM/DD/ with the unknown parts left empty.
            let m = d.month_value().map_or(String::new(), |m| format!("{m:02}"));
            let day = d.day_value().map_or(String::new(), |x| format!("{x:02}"));
            tag("DA", &format!("{:04}/{m}/{day}/", d.year_value()));
        }
        for (t, v) in [
            ("AB", &c.standfirst),
            ("UR", &c.url),
            ("CY", &c.place),
            ("LA", &c.language),
            ("SE", &c.section),
            ("SP", &c.page),
        ] {
            if let Some(v) = v {
                tag(t, v);
            }
        }
        for t in &c.tags {
            tag("KW", t);
        }
        for n in &c.notes {
            tag("N1", &n.body);
        }
        tag("Y2", &c.captured_at.format("%Y/%m/%d/").to_string());
        out.push_str("ER  - \r\n\r\n");
    }
    out
}
