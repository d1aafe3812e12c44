//! Bringing files into a library: folders walked, each file read, decoded and parsed on a
//! second thread while the store writes what the first gave (`Library::load_drafts`: batches,
//! a savepoint per file, the deferred index), and a summary that names each failure and its
//! reason.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use cuttings_core::error::{Error, Result};
use cuttings_core::model::ClippingDraft;
use cuttings_core::store::{Library, SourceDrafts};

pub use cuttings_core::store::{Failure, ImportSummary, Progress};

use crate::capture::Contents;
use crate::parse;

/// Files larger than this are refused: no article is 20 MB of text, and reading one whole
/// would only slow the batch.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Every file ending the importer reads: what a folder walk picks up and a file picker offers.
/// A file named explicitly is always tried. Text and Markdown go to [`crate::parse`]; web pages,
/// e-mail, feeds, PDFs and exports to [`crate::capture`].
pub const ENDINGS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "eml", "mbox", "mbx", "xml",
    "rss", "atom", "json", "pdf", "csv", "opml",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportOptions {
    pub max_file_bytes: u64,
    /// Tags put on every clipping imported.
    pub tags: Vec<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            tags: Vec::new(),
        }
    }
}

/// A file to read, and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Met while walking a folder rather than named: a file of a kind Cuttings does not know is
    /// then passed over, where a file the user named fails with the reason.
    pub in_folder: bool,
}

/// Every file to read under `paths`: files as given, folders walked in name order (hidden files
/// and unknown types passed over and counted).
pub fn collect_files(paths: &[PathBuf], summary: &mut ImportSummary) -> Vec<PathBuf> {
    collect(paths, summary)
        .into_iter()
        .map(|f| f.path)
        .collect()
}

fn collect(paths: &[PathBuf], summary: &mut ImportSummary) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => summary.failed.push(Failure {
                path: p.display().to_string(),
                reason: io_reason(&e),
            }),
            Ok(m) if m.is_dir() => walk(p, &mut out, summary),
            Ok(_) => out.push(Found {
                path: p.clone(),
                in_folder: false,
            }),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Found>, summary: &mut ImportSummary) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            summary.failed.push(Failure {
                path: dir.display().to_string(),
                reason: io_reason(&e),
            });
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, summary);
        } else if is_importable(&p) {
            out.push(Found {
                path: p,
                in_folder: true,
            });
        } else {
            summary.skipped += 1;
        }
    }
}

fn is_importable(p: &Path) -> bool {
    match p.extension().and_then(|e| e.to_str()) {
        Some(ext) => {
            let ext = ext.to_ascii_lowercase();
            ENDINGS.contains(&ext.as_str())
        }
        None => true,
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads one file into the clippings it holds.
pub fn read_file(path: &Path, opts: &ImportOptions) -> Result<Vec<ClippingDraft>> {
    read_found(path, false, opts)
}

/// Reads one file; one met in a folder that is of no kind Cuttings knows gives no clippings
/// (passed over) rather than an error.
fn read_found(path: &Path, in_folder: bool, opts: &ImportOptions) -> Result<Vec<ClippingDraft>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::file(path, io_reason(&e)))?;
    if meta.len() > opts.max_file_bytes {
        return Err(Error::file(
            path,
            format!(
                "the file is {:.1} MB, over the {:.0} MB limit for one clipping",
                meta.len() as f64 / 1e6,
                opts.max_file_bytes as f64 / 1e6
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, io_reason(&e)))?;
    match crate::capture::read_contents(path, &bytes)? {
        Contents::Clippings(mut drafts) => {
            for d in &mut drafts {
                d.origin = Some(path.display().to_string());
            }
            return Ok(drafts);
        }
        Contents::Foreign(_) if in_folder => return Ok(Vec::new()),
        Contents::Foreign(reason) => return Err(Error::file(path, reason)),
        Contents::Text => {}
    }
    let text = crate::decode::decode_text(&bytes, path)?;
    let mut draft = parse::parse_document(&text).map_err(|e| Error::file(path, e.to_string()))?;
    draft.origin = Some(path.display().to_string());
    if draft.raw.is_none() {
        draft.raw = Some(text);
    }
    Ok(vec![draft])
}

/// Imports files and folders. Each file is stored whole or not at all; a failure is recorded
/// with its reason and the rest goes on. `cancel` stops between files, keeping what was stored.
pub fn import_paths(
    lib: &mut Library,
    paths: &[PathBuf],
    opts: &ImportOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    // Cuttings' own JSON exports carry what a draft cannot (ids, times, colours, aliases), so
    // the store restores them whole, whether named or met in a folder.
    let (exports, files): (Vec<Found>, Vec<Found>) = collect(paths, &mut summary)
        .into_iter()
        .partition(|f| cuttings_core::archive::is_export_file(&f.path));
    for p in exports.iter().map(|f| &f.path) {
        match cuttings_core::archive::import_file(lib, p, &opts.tags) {
            Ok(stored) => stored.into_iter().for_each(|r| summary.record(r)),
            Err(e) => summary.fail(p.display().to_string(), &e),
        }
    }
    let total = files.len();
    let (tx, rx) = mpsc::sync_channel::<SourceDrafts>(256);
    std::thread::scope(|s| {
        s.spawn(move || {
            for file in &files {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let name = file.path.display().to_string();
                if tx
                    .send((name, read_found(&file.path, file.in_folder, opts)))
                    .is_err()
                {
                    break;
                }
            }
        });
        lib.load_drafts(rx, total, &opts.tags, cancel, progress, &mut summary)
    })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(lib: &mut Library, paths: &[PathBuf]) -> ImportSummary {
        let opts = ImportOptions::default();
        import_paths(lib, paths, &opts, &AtomicBool::new(false), &mut |_| {}).unwrap()
    }

    #[test]
    fn foreign_json_and_xml_in_a_folder_are_skipped_but_fail_when_named() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let package = write("package.json", r#"{"name": "site", "version": "1.0.0"}"#);
        let sitemap = write(
            "sitemap.xml",
            "<?xml version=\"1.0\"?>\n<!-- generated -->\n<urlset><url><loc>https://a.example/</loc></url></urlset>",
        );
        write("broken.json", "{\"not\": json");
        write("numbers.json", "[1, 2, 3]");
        write(
            "wire.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title><item><title>Wire one</title><description>Wire text.</description></item></channel></rss>",
        );
        // A feed's root with a damaged rest is a feed that failed, not a foreign file.
        write(
            "cut.xml",
            "<rss version=\"2.0\"><channel><item><title>never closed",
        );
        write("note.txt", "A headline\n\nSome text of the note.");

        let mut lib = Library::open_in_memory().unwrap();
        let s = import(&mut lib, &[dir.path().to_path_buf()]);
        assert_eq!(s.imported.len(), 2, "{s:?}");
        assert_eq!(s.skipped, 4, "{s:?}");
        assert_eq!(s.failed.len(), 1, "{s:?}");
        assert!(s.failed[0].path.ends_with("cut.xml"), "{s:?}");

        let s = import(&mut lib, &[package.clone(), sitemap.clone()]);
        assert_eq!(s.skipped, 0);
        let reasons: Vec<(&str, &str)> = s
            .failed
            .iter()
            .map(|f| (f.path.as_str(), f.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].0.ends_with("package.json"), "{reasons:?}");
        assert!(reasons[0].1.contains("not an export"), "{reasons:?}");
        assert!(reasons[1].0.ends_with("sitemap.xml"), "{reasons:?}");
        assert!(reasons[1].1.contains("<urlset>"), "{reasons:?}");
        let e = read_file(&package, &ImportOptions::default()).unwrap_err();
        assert!(e.to_string().contains("package.json"), "{e}");
    }

    #[test]
    fn a_cuttings_export_met_in_a_folder_is_stored_whole() {
        let mut from = Library::open_in_memory().unwrap();
        from.insert_clipping(&ClippingDraft {
            title: "Exported".into(),
            body: "Exported text.".into(),
            ..Default::default()
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        // The file as `cuttings export --format json` writes it.
        let mut file = cuttings_core::archive::ExportFile {
            format: cuttings_core::archive::FORMAT_MARKER.into(),
            version: cuttings_core::archive::FORMAT_VERSION,
            title: None,
            sources: Vec::new(),
            tags: Vec::new(),
            clippings: Vec::new(),
        };
        let c = from.clipping(1).unwrap();
        file.clippings
            .push(cuttings_core::archive::ExportedClipping {
                id: Some(c.id),
                title: c.title,
                standfirst: None,
                body: c.body,
                html: None,
                url: None,
                canonical_url: None,
                image_url: None,
                source: None,
                authors: Vec::new(),
                published: None,
                date_precision: cuttings_core::DatePrecision::Unknown,
                date_origin: None,
                modified: None,
                place: None,
                language: None,
                section: None,
                page: None,
                tags: Vec::new(),
                auto_tags: Vec::new(),
                notes: Vec::new(),
                status: c.status,
                starred: false,
                captured_at: c.captured_at,
                updated_at: c.updated_at,
                deleted_at: None,
                origin: None,
                raw: None,
                story: None,
                story_kept: false,
                story_by_user: false,
            });
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(
            dir.path().join("sub").join("all.json"),
            serde_json::to_vec(&file).unwrap(),
        )
        .unwrap();
        let mut lib = Library::open_in_memory().unwrap();
        let s = import(&mut lib, &[dir.path().to_path_buf()]);
        assert_eq!(
            (s.imported.len(), s.skipped, s.failed.len()),
            (1, 0, 0),
            "{s:?}"
        );
    }
}
