//! Markdown or text files that open with a YAML front matter block, as written by note-taking
//! apps, static site generators and Cuttings' own Markdown export.
//!
//! The YAML is read as a loose `Value` rather than straight into a struct, so that one key may
//! take several shapes (a list or a comma-separated string, a number or a string) and several
//! names (`source`, `outlet`, `publication`, `site`), as such files do in the wild.

use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_norway::{Mapping, Value};

use cuttings_core::date::{DateOrigin, DatePrecision, PartialDate};
use cuttings_core::error::{Error, Result};
use cuttings_core::model::{ClippingDraft, Status};

/// Reads a document with YAML front matter. `Ok(None)` when the text does not open with a
/// `---` line closed by a `---` or `...` line; an error when the YAML or one of its values is bad.
pub fn parse_front_matter(text: &str) -> Result<Option<ClippingDraft>> {
    let Some((yaml, body)) = split_front_matter(text) else {
        return Ok(None);
    };
    let fields = Fields(read_mapping(yaml)?);

    let mut draft = ClippingDraft {
        title: fields.text(&["title"])?.unwrap_or_default(),
        standfirst: fields.text(&["standfirst", "description", "subtitle"])?,
        source: fields.text(&["source", "outlet", "publication", "site"])?,
        authors: match fields.get(&["authors"]) {
            Some(v) => list("authors", v, split_authors)?,
            None => fields
                .get(&["author"])
                .map_or(Ok(Vec::new()), |v| list("author", v, split_authors))?,
        },
        place: fields.text(&["place"])?,
        url: fields.text(&["url"])?,
        language: fields.text(&["language", "lang"])?,
        section: fields.text(&["section"])?,
        page: fields.text(&["page"])?,
        tags: fields
            .get(&["tags"])
            .map_or(Ok(Vec::new()), |v| list("tags", v, split_tags))?,
        notes: fields
            .get(&["notes"])
            .map_or(Ok(Vec::new()), |v| list("notes", v, |s| vec![s.to_owned()]))?,
        raw: Some(text.to_owned()),
        ..ClippingDraft::default()
    };

    let precision = fields
        .text(&["date_precision"])?
        .map(|p| DatePrecision::from_str(&p))
        .transpose()?;
    if let Some(date) = fields.text(&["date"])? {
        let date = PartialDate::parse_iso(&date)?;
        draft.published = match precision {
            Some(p) => truncate(date, p),
            None => Some(date),
        };
        draft.date_origin = draft.published.map(|_| DateOrigin::Metadata);
    }
    if let Some(modified) = fields.text(&["modified"])? {
        draft.modified = Some(PartialDate::parse_iso(&modified)?);
    }
    if let Some(status) = fields.text(&["status"])? {
        draft.status = Status::from_str(&status)?;
    }
    if let Some(v) = fields.get(&["starred"]) {
        draft.starred = boolean("starred", v)?;
    }
    if let Some(at) = fields.text(&["captured_at"])? {
        draft.captured_at = Some(timestamp(&at)?);
    }

    let body = match split_heading(body) {
        // A heading that differs from the front matter's title is part of the text.
        Some((heading, rest)) if draft.title.is_empty() || draft.title == heading => {
            draft.title = heading;
            rest
        }
        _ => body,
    };
    draft.body = tidy_body(body);
    Ok(Some(draft))
}

/// Writes a draft as Markdown with YAML front matter that [`parse_front_matter`] reads back to the
/// same fields. Keys come in a fixed order and empty ones are left out.
pub fn write_front_matter(draft: &ClippingDraft) -> String {
    let out = Out {
        title: Some(draft.title.trim()).filter(|s| !s.is_empty()),
        standfirst: non_empty(&draft.standfirst),
        source: non_empty(&draft.source),
        date: draft.published.map(|d| d.to_string()),
        date_precision: draft.published.map(|d| d.precision().as_str()),
        modified: draft.modified.map(|d| d.to_string()),
        authors: &draft.authors,
        place: non_empty(&draft.place),
        url: non_empty(&draft.url),
        language: non_empty(&draft.language),
        section: non_empty(&draft.section),
        page: non_empty(&draft.page),
        status: draft.status.as_str(),
        starred: draft.starred,
        tags: &draft.tags,
        notes: &draft.notes,
        captured_at: draft
            .captured_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
    };
    let yaml = serde_norway::to_string(&out).expect("strings, lists and bools always serialise");
    let body = draft.body.trim();
    if body.is_empty() {
        format!("---\n{yaml}---\n")
    } else {
        format!("---\n{yaml}---\n\n{body}\n")
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The written form; field order is the key order in the file.
#[derive(Serialize)]
struct Out<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standfirst: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_precision: Option<&'static str>,
    /// When the publisher last changed the article, where the page said.
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    starred: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    captured_at: Option<String>,
}

/// Splits off the YAML between an opening `---` line and the next `---` or `...` line.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let (first, rest) = text.split_once('\n')?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut start = 0;
    for line in rest.split_inclusive('\n') {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            return Some((&rest[..start], &rest[start + line.len()..]));
        }
        start += line.len();
    }
    None
}

fn read_mapping(yaml: &str) -> Result<Mapping> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    // The leading newline stands for the opening `---`, so that the line numbers in the
    // parser's messages are the file's own.
    let value: Value = serde_norway::from_str(&format!("\n{yaml}"))
        .map_err(|e| Error::invalid("front matter", e.to_string()))?;
    match value {
        Value::Mapping(m) => Ok(m),
        Value::Null => Ok(Mapping::new()),
        other => Err(Error::invalid(
            "front matter",
            format!("expected `key: value` lines, found {}", kind(&other)),
        )),
    }
}

/// The front matter's keys, looked up case-insensitively under any of their names.
struct Fields(Mapping);

impl Fields {
    fn get(&self, names: &[&str]) -> Option<&Value> {
        names.iter().find_map(|name| {
            self.0.iter().find_map(|(k, v)| {
                let key = k.as_str()?;
                (key.eq_ignore_ascii_case(name) && !v.is_null()).then_some(v)
            })
        })
    }

    fn text(&self, names: &[&str]) -> Result<Option<String>> {
        self.get(names).map_or(Ok(None), |v| scalar(names[0], v))
    }
}

fn scalar(field: &str, value: &Value) -> Result<Option<String>> {
    let s = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => return scalar(field, &t.value),
        other => {
            return Err(Error::invalid(
                field,
                format!("expected a single value, found {}", kind(other)),
            ))
        }
    };
    Ok(Some(s).filter(|s| !s.is_empty()))
}

fn list(field: &str, value: &Value, split: fn(&str) -> Vec<String>) -> Result<Vec<String>> {
    let items = match value {
        Value::Sequence(items) => items
            .iter()
            .map(|v| scalar(field, v))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect(),
        other => scalar(field, other)?.map_or_else(Vec::new, |s| split(&s)),
    };
    Ok(items)
}

fn split_authors(s: &str) -> Vec<String> {
    s.split(';')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn boolean(field: &str, value: &Value) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if matches!(s.trim(), "true" | "yes") => Ok(true),
        Value::String(s) if matches!(s.trim(), "false" | "no" | "") => Ok(false),
        Value::Tagged(t) => boolean(field, &t.value),
        _ => Err(Error::invalid(field, "expected true or false")),
    }
}

fn timestamp(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Error::invalid(
                "captured_at",
                format!("'{s}' is not an RFC 3339 timestamp like 2015-04-07T10:00:00Z ({e})"),
            )
        })
}

/// A stated precision coarser than the date wins: the date was written more exactly than it is
/// known. A finer one cannot add what the date does not say, so it is ignored.
fn truncate(date: PartialDate, precision: DatePrecision) -> Option<PartialDate> {
    let year = date.year_value();
    match (precision, date.month_value()) {
        (DatePrecision::Unknown, _) => None,
        (DatePrecision::Year, _) => PartialDate::year(year).ok(),
        (DatePrecision::Month, Some(month)) => PartialDate::month(year, month).ok(),
        _ => Some(date),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "plain text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a set of keys",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Separates a leading `# Heading` line from the Markdown body.
fn split_heading(body: &str) -> Option<(String, &str)> {
    let body = body.trim_start();
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let heading = first
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    (!heading.is_empty()).then(|| (heading.to_owned(), rest))
}

/// Trims the body and leaves exactly one blank line between paragraphs, keeping single line
/// breaks, which mean something in Markdown lists and verse.
fn tidy_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank_run = false;
    for line in body.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run { "\n\n" } else { "\n" });
        }
        blank_run = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests;
