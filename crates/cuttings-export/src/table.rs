//! The spreadsheet: one row per clipping, RFC 4180 CSV in UTF-8, lists joined with "; ".

use super::Item;
use cuttings_core::error::{Error, Result};

const HEADER: [&str; 19] = [
    "id",
    "title",
    "source",
    "date",
    "date_precision",
    "authors",
    "place",
    "url",
    "tags",
    "status",
    "starred",
    "language",
    "section",
    "page",
    "word_count",
    "captured_at",
    "standfirst",
    "notes",
    // The same number for every copy of one article.
    "story",
];

/// The CSV file; with `bom`, it opens with a byte order mark so Excel reads it as UTF-8. The
/// article text comes last, in the column spreadsheet users most often hide.
pub(crate) fn csv(items: &[Item], bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(items.len() * 4500);
    if bom {
        out.extend_from_slice(b"\xef\xbb\xbf");
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let err = |e: csv::Error| Error::invalid("csv", e.to_string());
    w.write_record(HEADER.iter().chain(&["text"]))
        .map_err(err)?;
    for it in items {
        let c = &it.clipping;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        w.write_record([
            c.id.to_string(),
            c.title.clone(),
            opt(&c.source),
            c.published.map(|d| d.to_string()).unwrap_or_default(),
            c.date_precision.as_str().to_string(),
            c.authors.join("; "),
            opt(&c.place),
            opt(&c.url),
            c.tags.join("; "),
            c.status.as_str().to_string(),
            c.starred.to_string(),
            opt(&c.language),
            opt(&c.section),
            opt(&c.page),
            c.word_count.to_string(),
            c.captured_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            opt(&c.standfirst),
            c.notes
                .iter()
                .map(|n| n.body.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
            c.story.map(|s| s.to_string()).unwrap_or_default(),
            c.body.clone(),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::invalid("csv", e.to_string()))
}
