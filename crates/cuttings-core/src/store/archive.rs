//! Restoring a lossless JSON export ([`crate::archive`]): its outlets and tags with their ids,
//! aliases, domains and colours, then each clipping through the one insert, keeping its id and
//! times.

use rusqlite::{params, Transaction};

use super::ids::free_id;
use super::insert::{insert, InsertOptions};
use super::{clean, sources, tags, ts, Inserted, Library};
use crate::archive::ExportFile;
use crate::error::{Error, Result};
use crate::model::ClippingId;

/// The outlet of this name (or alias), created with the given id when that id is free.
fn outlet_with_id(tx: &Transaction<'_>, name: &str, id: Option<i64>) -> Result<i64> {
    if let Some(found) = sources::find(tx, name)? {
        return Ok(found);
    }
    let keep = free_id(tx, "outlet", id)?;
    tx.execute(
        "INSERT INTO outlet (id, name, created_at) VALUES (?1, ?2, ?3)",
        params![keep, name, ts(super::now())],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The tag at `path`, created (after any missing parents) with the given id when it is free.
fn tag_with_id(tx: &Transaction<'_>, path: &str, id: Option<i64>) -> Result<i64> {
    let path = tags::normalize_path(path)?;
    if let Some(found) = tags::find(tx, &path)? {
        return Ok(found);
    }
    let (parent, name) = match path.rsplit_once('/') {
        Some((p, n)) => (Some(tags::ensure(tx, p)?), n),
        None => (None, path.as_str()),
    };
    let keep = free_id(tx, "tag", id)?;
    tx.execute(
        "INSERT INTO tag (id, parent_id, name, path) VALUES (?1, ?2, ?3, ?4)",
        params![keep, parent, name, path],
    )?;
    let new = tx.last_insert_rowid();
    tags::write_ancestry(tx, parent, new)?;
    Ok(new)
}

impl Library {
    /// Stores a lossless JSON export, all of it or (on an error) none of it. Outlets bring their
    /// aliases and domains, tags their colours (a colour already set here is kept); a clipping
    /// already in the library (same title and text) is reported, not stored twice.
    pub(crate) fn store_export_file(
        &mut self,
        file: &ExportFile,
        extra_tags: &[String],
    ) -> Result<Vec<Inserted>> {
        self.write(|tx| {
            for o in &file.sources {
                let Some(name) = clean(Some(&o.name)) else {
                    continue;
                };
                let id = outlet_with_id(tx, &name, o.id)?;
                for alias in o.aliases.iter().filter_map(|a| clean(Some(a))) {
                    tx.execute(
                        "INSERT OR IGNORE INTO outlet_alias (alias, outlet_id) VALUES (?1, ?2)",
                        params![alias, id],
                    )?;
                }
                for domain in o.domains.iter().filter_map(|d| clean(Some(d))) {
                    tx.execute(
                        "INSERT OR IGNORE INTO outlet_domain (domain, outlet_id) VALUES (?1, ?2)",
                        params![domain.to_ascii_lowercase(), id],
                    )?;
                }
            }
            // Parents sort before their children, so each gets its own id first.
            let mut file_tags: Vec<_> = file.tags.iter().collect();
            file_tags.sort_by(|a, b| a.path.cmp(&b.path));
            for t in file_tags {
                let id = tag_with_id(tx, &t.path, t.id)?;
                if let Some(colour) = clean(t.colour.as_deref()) {
                    tx.execute(
                        "UPDATE tag SET colour = coalesce(colour, ?1) WHERE id = ?2",
                        params![colour, id],
                    )?;
                }
            }
            let mut out = Vec::with_capacity(file.clippings.len());
            let mut stories: Vec<(i64, ClippingId, bool, bool)> = Vec::new();
            // The stories Cuttings forms as the clippings go in take numbers above the file's,
            // so the file's numbers are free for `restore` (into an empty library, always).
            let top = file.clippings.iter().filter_map(|c| c.story).max();
            let placeholder = match top {
                Some(top) if free_id(tx, "story", Some(top))?.is_some() => {
                    tx.execute("INSERT INTO story (id) VALUES (?1)", [top])?;
                    Some(top)
                }
                _ => None,
            };
            for (i, c) in file.clippings.iter().enumerate() {
                let (draft, kept) = c.to_draft();
                let opts = InsertOptions {
                    index: true,
                    kept: Some(&kept),
                    extra_tags,
                    stories: true,
                    staging: None,
                };
                let r = insert(tx, &draft, opts).map_err(|e| {
                    Error::invalid(
                        format!("clipping {} ('{}')", i + 1, c.title.trim()),
                        e.to_string(),
                    )
                })?;
                if let (Inserted::New(id), Some(s)) = (r, c.story) {
                    stories.push((s, id, c.story_kept, c.story_by_user));
                }
                out.push(r);
            }
            if let Some(p) = placeholder {
                tx.execute("DELETE FROM story WHERE id = ?1", [p])?;
            }
            super::stories::restore(tx, &stories)?;
            Ok(out)
        })
    }
}
