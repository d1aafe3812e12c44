//! Markdown notes: one file per clipping with YAML front matter, the format `cuttings import`
//! reads back, in a folder or a zip.

use std::collections::HashSet;

use chrono::{Datelike, Timelike};
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::text::safe_file_stem;
use super::Item;
use cuttings_core::error::{Error, Result};
use cuttings_core::model::{Clipping, ClippingDraft};
use cuttings_read::parse::write_front_matter;

/// Longest file name stem, well inside Windows' 260-character paths once a folder is added.
const MAX_STEM: usize = 80;

/// The draft a clipping is written from, with every field the front matter carries.
pub(crate) fn draft_of(c: &Clipping) -> ClippingDraft {
    ClippingDraft {
        title: c.title.clone(),
        standfirst: c.standfirst.clone(),
        body: c.body.clone(),
        url: c.url.clone(),
        source: c.source.clone(),
        authors: c.authors.clone(),
        published: c.published,
        date_origin: c.date_origin,
        modified: c.modified,
        place: c.place.clone(),
        language: c.language.clone(),
        section: c.section.clone(),
        page: c.page.clone(),
        status: c.status,
        starred: c.starred,
        tags: c.tags.clone(),
        notes: c.notes.iter().map(|n| n.body.clone()).collect(),
        captured_at: Some(c.captured_at),
        ..ClippingDraft::default()
    }
}

/// File names from date and title, unique within the export (case-insensitively, for Windows
/// and macOS): `2015-04-07 Lavrov stresses commitment.md`, `undated Title (2).md`.
pub(crate) fn file_names(items: &[Item]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    items
        .iter()
        .map(|it| {
            let c = &it.clipping;
            let date = c
                .published
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let stem = safe_file_stem(&format!("{date} {}", c.title), MAX_STEM);
            let mut name = format!("{stem}.md");
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{stem} ({n}).md");
                n += 1;
            }
            name
        })
        .collect()
}

pub(crate) fn write_folder(
    dir: &Path,
    items: &[Item],
    cancel: &AtomicBool,
) -> Result<(usize, u64)> {
    let mut bytes = 0;
    for (it, name) in items.iter().zip(file_names(items)) {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let text = write_front_matter(&draft_of(&it.clipping));
        let path = dir.join(&name);
        std::fs::write(&path, &text).map_err(|e| Error::file(&path, e.to_string()))?;
        bytes += text.len() as u64;
    }
    Ok((items.len(), bytes))
}

/// A zip holding one folder named `folder` with the Markdown files.
pub(crate) fn zip(items: &[Item], folder: &str, cancel: &AtomicBool) -> Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(items.len() * 2500)));
    // A fast level: text still shrinks to about a third, and a 10,000-clipping zip stays quick.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .unix_permissions(0o644);
    let zerr = |e: zip::result::ZipError| Error::invalid("zip", e.to_string());
    for (it, name) in items.iter().zip(file_names(items)) {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        // Each file dated when its clipping was captured, rather than the zip format's 1980.
        let t = it.clipping.captured_at;
        let opts = match zip::DateTime::from_date_and_time(
            t.year().clamp(1980, 2107) as u16,
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        ) {
            Ok(dt) => opts.last_modified_time(dt),
            Err(_) => opts,
        };
        w.start_file(format!("{folder}/{name}"), opts)
            .map_err(zerr)?;
        w.write_all(write_front_matter(&draft_of(&it.clipping)).as_bytes())?;
    }
    Ok(w.finish().map_err(zerr)?.into_inner())
}
