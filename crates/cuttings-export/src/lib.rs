//! Handing a collection on: the clippings a filter chooses (a tag, a saved search, a hand-picked
//! selection), written as a clipping report (HTML or PDF), an e-book (EPUB 3), Markdown notes,
//! a spreadsheet (CSV), citations (CSL-JSON, RIS) or a lossless JSON another Cuttings imports.
//!
//! One entry point, [`export`], for the CLI and the app alike: it takes a cancel flag and reports
//! progress, and it never leaves a half-written file: everything goes to a temporary file (or
//! folder) beside the destination, renamed into place only when complete.

mod citations;
pub mod coverage;
mod dest;
mod epub;
pub mod json;
mod markdown;
mod pdf;
mod report;
mod table;
pub mod text;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use cuttings_core::error::{Error, Result};
use cuttings_core::model::Clipping;
use cuttings_core::search::{Filter, Sort};
use cuttings_core::store::{Extras, Library, Progress};

pub use cuttings_core::store::Progress as ExportProgress;
pub use pdf::{find_fonts, Fonts};

/// The formats a collection can be written in.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A self-contained clipping report.
    Html,
    /// The same report as a PDF.
    Pdf,
    /// An EPUB 3 e-book, one chapter per clipping.
    Epub,
    /// One Markdown file per clipping with YAML front matter, in a folder or a zip.
    Markdown,
    /// A spreadsheet, one row per clipping.
    Csv,
    /// Everything, for another Cuttings.
    Json,
    /// Citations for Zotero, Mendeley and other CSL tools.
    CslJson,
    /// Citations for EndNote, Zotero and others.
    Ris,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Html,
        Format::Pdf,
        Format::Epub,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::CslJson,
        Format::Ris,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::CslJson => "csl-json",
            Format::Ris => "ris",
        }
    }

    /// The format's name as a person would say it, for pickers and menus.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML report",
            Format::Pdf => "PDF report",
            Format::Epub => "EPUB e-book",
            Format::Markdown => "Markdown notes",
            Format::Csv => "CSV spreadsheet",
            Format::Json => "Cuttings JSON",
            Format::CslJson => "CSL-JSON citations",
            Format::Ris => "RIS citations",
        }
    }

    /// The usual file ending; Markdown is a folder unless zipped.
    pub fn extension(self, zipped: bool) -> Option<&'static str> {
        Some(match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
            Format::Markdown if zipped => "zip",
            Format::Markdown => return None,
            Format::Csv => "csv",
            Format::Json | Format::CslJson => "json",
            Format::Ris => "ris",
        })
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .or(match s.as_str() {
                "md" => Some(Format::Markdown),
                "csl" => Some(Format::CslJson),
                _ => None,
            })
            .ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!(
                        "'{s}' is not one of {}",
                        Format::ALL.map(Format::as_str).join(", ")
                    ),
                )
            })
    }
}

/// How a report, e-book or PDF arranges its clippings.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Under each clipping's first topic (tag).
    Topic,
    Source,
    Month,
    /// One run in the chosen order.
    #[default]
    None,
}

/// What to export, how, and where.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    pub format: Format,
    /// Which clippings: any filter, a saved search's text, or `ids` for a selection.
    pub filter: Filter,
    pub sort: Sort,
    #[serde(default)]
    pub group_by: GroupBy,
    /// The collection's name, for the cover and the book's title.
    #[serde(default)]
    pub title: Option<String>,
    pub output: PathBuf,
    /// CSV: open with a byte order mark, so that Excel reads the file as UTF-8.
    #[serde(default)]
    pub bom: bool,
    /// Markdown: one `.zip` file instead of a folder.
    #[serde(default)]
    pub zip: bool,
    /// Replace what is at `output`.
    #[serde(default)]
    pub overwrite: bool,
    /// HTML and PDF reports: a coverage section (the clippings over time by source, and the
    /// top sources), with the figures the Analysis view shows for the same filter.
    #[serde(default)]
    pub coverage: bool,
}

impl ExportRequest {
    pub fn new(format: Format, filter: Filter, output: impl Into<PathBuf>) -> ExportRequest {
        ExportRequest {
            format,
            filter,
            sort: Sort::Date,
            group_by: GroupBy::None,
            title: None,
            output: output.into(),
            bom: false,
            zip: false,
            overwrite: false,
            coverage: false,
        }
    }
}

/// What an export wrote.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSummary {
    pub format: Format,
    pub path: PathBuf,
    pub clippings: usize,
    /// Files written (more than one for a Markdown folder).
    pub files: usize,
    pub bytes: u64,
}

/// A clipping with everything an export may write.
pub(crate) struct Item {
    pub clipping: Clipping,
    pub extras: Extras,
    /// With copies grouped, the story's other copies outside the trash ("Reuters, 2 Dec
    /// 2004"), for the report's "Also carried by".
    pub also: Vec<String>,
}

/// The other copies of a clipping's story, as the report names them: source and date.
fn also_carried(lib: &Library, c: &Clipping) -> Result<Vec<String>> {
    let Some(story) = c.story else {
        return Ok(Vec::new());
    };
    Ok(lib
        .story(story)?
        .copies
        .into_iter()
        .filter(|o| o.id != c.id && !o.deleted)
        .map(|o| {
            format!(
                "{}, {}",
                o.source.as_deref().unwrap_or("no source"),
                text::human_date(o.published)
            )
        })
        .collect())
}

/// The collection's name: the one given, else the tags or search it was chosen by.
pub(crate) fn collection_title(req: &ExportRequest) -> String {
    if let Some(t) = req
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return t.to_string();
    }
    if !req.filter.tags.is_empty() {
        return req.filter.tags.join(", ");
    }
    if !req.filter.text.trim().is_empty() {
        return format!("Clippings: {}", req.filter.text.trim());
    }
    "Clippings".into()
}

/// Reads the chosen clippings in order, reporting progress and stopping when asked.
fn load(
    lib: &Library,
    req: &ExportRequest,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<Item>> {
    let ids = lib.matching_ids(&req.filter, req.sort)?;
    let total = ids.len();
    let mut items = Vec::with_capacity(total);
    // A few hundred at a time: a handful of queries per batch, and a cancel is seen quickly.
    for chunk in ids.chunks(256) {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        for clipping in lib.clippings_full(chunk)? {
            let extras = if req.format == Format::Json {
                lib.clipping_extras(clipping.id)?
            } else {
                Extras::default()
            };
            let also = if req.filter.group_copies {
                also_carried(lib, &clipping)?
            } else {
                Vec::new()
            };
            items.push(Item {
                clipping,
                extras,
                also,
            });
        }
        progress(&Progress {
            done: items.len(),
            total,
            current: items
                .last()
                .map(|i| i.clipping.title.clone())
                .unwrap_or_default(),
        });
    }
    if total == 0 {
        progress(&Progress {
            done: 0,
            total: 0,
            current: String::new(),
        });
    }
    Ok(items)
}

/// Exports the clippings `req.filter` chooses. Fails before reading anything when the
/// destination cannot be written (a missing folder, an existing file without `overwrite`);
/// on any error or on cancel, nothing is left at the destination or beside it.
/// The report with its coverage section when the request asks for one.
fn with_coverage<'a>(
    lib: &Library,
    req: &ExportRequest,
    r: report::Report<'a>,
) -> Result<report::Report<'a>> {
    Ok(if req.coverage {
        let ask = coverage::report_ask(&req.filter, r.earliest, r.latest);
        r.with_coverage(lib.coverage(&ask)?)
    } else {
        r
    })
}

pub fn export(
    lib: &Library,
    req: &ExportRequest,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<ExportSummary> {
    // A Markdown export to a name ending in .zip is zipped even without the option.
    let zipped = req.zip
        || req
            .output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let folder = req.format == Format::Markdown && !zipped;
    dest::check(&req.output, req.overwrite)?;
    // Fonts are looked for before the clippings are read, so a missing font fails fast.
    let fonts = if req.format == Format::Pdf {
        Some(find_fonts()?)
    } else {
        None
    };
    let items = load(lib, req, cancel, progress)?;
    let title = collection_title(req);
    let with_coverage = |r| with_coverage(lib, req, r);
    let (files, bytes) = if folder {
        dest::write_folder(&req.output, req.overwrite, |dir| {
            markdown::write_folder(dir, &items, cancel)
        })?
    } else {
        let body: Vec<u8> = match req.format {
            Format::Html => with_coverage(report::Report::new(&title, &items, req.group_by))?
                .html()
                .into_bytes(),
            Format::Pdf => pdf::render(
                &with_coverage(report::Report::new(&title, &items, req.group_by))?,
                fonts.as_ref().expect("found above"),
            )?,
            Format::Epub => epub::render(&report::Report::new(&title, &items, req.group_by))?,
            Format::Markdown => markdown::zip(&items, &zip_folder_name(&req.output), cancel)?,
            Format::Csv => table::csv(&items, req.bom)?,
            Format::Json => json::render(&json::build(lib, req.title.as_deref(), &items)?),
            Format::CslJson => citations::csl_json(&items),
            Format::Ris => citations::ris(&items).into_bytes(),
        };
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        dest::write_file(&req.output, req.overwrite, &body)?;
        (1, body.len() as u64)
    };
    Ok(ExportSummary {
        format: req.format,
        path: req.output.clone(),
        clippings: items.len(),
        files,
        bytes,
    })
}

/// A file (or folder) name for an export of the collection called `title`: the title made safe
/// for every file system, with the format's ending.
pub fn suggested_file_name(title: &str, format: Format, zip: bool) -> String {
    let title = title.trim();
    let stem = text::safe_file_stem(if title.is_empty() { "Clippings" } else { title }, 80);
    match format.extension(zip) {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

/// The folder inside a Markdown zip: the zip's own name, so that unpacking it makes one folder.
fn zip_folder_name(output: &Path) -> String {
    let stem = output
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("clippings");
    text::safe_file_stem(stem, 80)
}

#[cfg(test)]
mod tests;
