//! The lossless JSON file, the library's own form on disk: every field of every clipping chosen,
//! with the outlets (aliases, domains) and tags (hierarchy, colours) they use, so another
//! Cuttings imports it as it was. Its shape and its reading back live here, beside the store
//! that restores it; `cuttings-export` writes it.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::date::{DateOrigin, DatePrecision, PartialDate};
use crate::error::{Error, Result};
use crate::model::{ClippingDraft, ClippingId, Status};
use crate::store::{Inserted, Kept, KeptNote, Library};

/// The value of the `format` key that marks a Cuttings export.
pub const FORMAT_MARKER: &str = "cuttings-export";
/// The version this build writes; it reads this one and older.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    /// The collection's name, if it was given one.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    /// Written `outlets`, the key the file has carried since its first version.
    #[serde(rename = "outlets", alias = "sources")]
    pub sources: Vec<ExportedSource>,
    /// Every tag the clippings carry, with its ancestors, in path order.
    #[serde(default)]
    pub tags: Vec<ExportedTag>,
    pub clippings: Vec<ExportedClipping>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedSource {
    /// Kept on import when free, as clipping ids are.
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedTag {
    #[serde(default)]
    pub id: Option<i64>,
    pub path: String,
    #[serde(default)]
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedNote {
    #[serde(default)]
    pub id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One clipping, every stored field. Derived values (word count, content hash, the list
/// excerpt) are recomputed on import and so not written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedClipping {
    /// Kept on import when the id is free in the library (always, into an empty one).
    #[serde(default)]
    pub id: Option<ClippingId>,
    pub title: String,
    #[serde(default)]
    pub standfirst: Option<String>,
    pub body: String,
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub canonical_url: Option<String>,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// Redundant with `published`, written for readers of the file.
    #[serde(default = "unknown")]
    pub date_precision: DatePrecision,
    #[serde(default)]
    pub date_origin: Option<DateOrigin>,
    /// When the publisher last changed the article. Files from before it was kept have none.
    #[serde(default)]
    pub modified: Option<PartialDate>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Those of `tags` put on by the model as the clipping arrived and not yet kept by the
    /// user (`is:auto-tagged`); files from before filing on arrival have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auto_tags: Vec<String>,
    #[serde(default)]
    pub notes: Vec<ExportedNote>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub starred: bool,
    pub captured_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub origin: Option<String>,
    /// The source text as it was first read.
    #[serde(default)]
    pub raw: Option<String>,
    /// The story: the same number for every copy of one article in the file. On import the
    /// copies that share it are put in one story, as they were (the user's splits and merges
    /// included); files from before stories have none, and their clippings are grouped anew.
    #[serde(default)]
    pub story: Option<i64>,
    /// The copy the user chose to stand for its story.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub story_kept: bool,
    /// Put in its story (split out or merged in) by the user.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub story_by_user: bool,
}

fn unknown() -> DatePrecision {
    DatePrecision::Unknown
}

impl ExportedClipping {
    /// The draft and the kept values the store's one insert takes for this clipping.
    pub fn to_draft(&self) -> (ClippingDraft, Kept) {
        let draft = ClippingDraft {
            title: self.title.clone(),
            standfirst: self.standfirst.clone(),
            body: self.body.clone(),
            html: self.html.clone(),
            url: self.url.clone(),
            canonical_url: self.canonical_url.clone(),
            image_url: self.image_url.clone(),
            source: self.source.clone(),
            authors: self.authors.clone(),
            published: self.published,
            date_origin: self.date_origin,
            modified: self.modified,
            place: self.place.clone(),
            language: self.language.clone(),
            section: self.section.clone(),
            page: self.page.clone(),
            status: self.status,
            starred: self.starred,
            tags: self.tags.clone(),
            notes: Vec::new(),
            origin: self.origin.clone(),
            raw: self.raw.clone(),
            captured_at: Some(self.captured_at),
            pending_fetch: false,
        };
        let kept = Kept {
            auto_tags: self.auto_tags.clone(),
            id: self.id,
            updated_at: self.updated_at,
            deleted_at: self.deleted_at,
            notes: self
                .notes
                .iter()
                .map(|n| KeptNote {
                    id: n.id,
                    body: n.body.clone(),
                    created_at: n.created_at,
                    updated_at: n.updated_at,
                })
                .collect(),
        };
        (draft, kept)
    }
}

/// Whether these bytes look like a Cuttings JSON export, judged from the start of the file so a
/// large one is not parsed twice.
pub fn is_export(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('{') && text.contains(&format!("\"{FORMAT_MARKER}\""))
}

/// Whether the file at `path` is a Cuttings JSON export.
pub fn is_export_file(path: &Path) -> bool {
    use std::io::Read;
    if !path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return false;
    }
    let mut head = [0u8; 512];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    is_export(&head[..n])
}

/// Reads and checks an export file.
pub fn read(path: &Path) -> Result<ExportFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, e.to_string()))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let file: ExportFile = serde_json::from_slice(bytes)
        .map_err(|e| Error::file(path, format!("not a readable Cuttings export: {e}")))?;
    if file.format != FORMAT_MARKER {
        return Err(Error::file(
            path,
            format!("the format is '{}', not '{FORMAT_MARKER}'", file.format),
        ));
    }
    if file.version > FORMAT_VERSION {
        return Err(Error::file(
            path,
            format!(
                "it was written by a newer Cuttings (export version {}, this one reads up to {FORMAT_VERSION}); update Cuttings to import it",
                file.version
            ),
        ));
    }
    Ok(file)
}

/// Imports an export file whole: every clipping, or none if one is bad.
pub fn import_file(lib: &mut Library, path: &Path, extra_tags: &[String]) -> Result<Vec<Inserted>> {
    let file = read(path)?;
    lib.store_export_file(&file, extra_tags)
        .map_err(|e| Error::file(path, e.to_string()))
}
