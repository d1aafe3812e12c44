//! Writing the lossless JSON export (its shape and its reading back are the core's
//! `archive`). No export time is written, so exporting the same library twice gives the same
//! bytes.

use std::collections::{BTreeMap, BTreeSet};

use cuttings_core::archive::{
    ExportFile, ExportedClipping, ExportedNote, ExportedSource, ExportedTag, FORMAT_MARKER,
    FORMAT_VERSION,
};
use cuttings_core::error::Result;
use cuttings_core::Library;

use super::Item;

fn exported(item: &Item) -> ExportedClipping {
    let c = &item.clipping;
    ExportedClipping {
        id: Some(c.id),
        title: c.title.clone(),
        standfirst: c.standfirst.clone(),
        body: c.body.clone(),
        html: c.html.clone(),
        url: c.url.clone(),
        canonical_url: item.extras.canonical_url.clone(),
        image_url: item.extras.image_url.clone(),
        source: c.source.clone(),
        authors: c.authors.clone(),
        published: c.published,
        date_precision: c.date_precision,
        date_origin: c.date_origin,
        modified: c.modified,
        place: c.place.clone(),
        language: c.language.clone(),
        section: c.section.clone(),
        page: c.page.clone(),
        tags: c.tags.clone(),
        auto_tags: c.auto_tags.clone(),
        notes: c
            .notes
            .iter()
            .map(|n| ExportedNote {
                id: Some(n.id),
                body: n.body.clone(),
                created_at: n.created_at,
                updated_at: n.updated_at,
            })
            .collect(),
        status: c.status,
        starred: c.starred,
        captured_at: c.captured_at,
        updated_at: c.updated_at,
        deleted_at: c.deleted_at,
        origin: c.origin.clone(),
        raw: item.extras.raw.clone(),
        story: c.story,
        story_kept: item.extras.story_kept,
        story_by_user: item.extras.story_by_user,
    }
}

/// Builds the file's contents for the chosen clippings.
pub(crate) fn build(lib: &Library, title: Option<&str>, items: &[Item]) -> Result<ExportFile> {
    let sources: BTreeSet<String> = items
        .iter()
        .filter_map(|i| i.clipping.source.clone())
        .collect();
    let mut sources: Vec<ExportedSource> = lib
        .sources()?
        .into_iter()
        .filter(|o| sources.contains(&o.name))
        .map(|o| ExportedSource {
            id: Some(o.id),
            name: o.name,
            aliases: o.aliases,
            domains: o.domains,
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));

    // Each tag used, with its ancestors, so the hierarchy and every colour on it travel.
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for i in items {
        for t in &i.clipping.tags {
            let mut so_far = String::new();
            for part in t.split('/') {
                if !so_far.is_empty() {
                    so_far.push('/');
                }
                so_far.push_str(part);
                wanted.insert(so_far.to_lowercase());
            }
        }
    }
    let colours: BTreeMap<String, ExportedTag> = lib
        .tags()?
        .into_iter()
        .filter(|t| wanted.contains(&t.path.to_lowercase()))
        .map(|t| {
            (
                t.path.clone(),
                ExportedTag {
                    id: Some(t.id),
                    path: t.path,
                    colour: t.colour,
                },
            )
        })
        .collect();

    Ok(ExportFile {
        format: FORMAT_MARKER.into(),
        version: FORMAT_VERSION,
        title: title.map(str::to_string),
        sources,
        tags: colours.into_values().collect(),
        clippings: items.iter().map(exported).collect(),
    })
}

pub(crate) fn render(file: &ExportFile) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(file).expect("plain data always serialises");
    out.push(b'\n');
    out
}
