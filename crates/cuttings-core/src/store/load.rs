//! Storing a stream of drafts from many sources (the files of an import, a generator): grouped
//! into transactions of a few hundred sources with a savepoint per source, so a bad file costs
//! only itself, and a summary that names each failure and its reason.
//!
//! A load at least as large as the library defers the full-text index: into an empty library
//! on disk it is built beside the load on a second thread (see `index_build`), otherwise it is
//! rebuilt once at the end, which is about twice as fast as indexing clipping by clipping. A
//! flag in the library makes an interrupted load finish the index the next time it is opened.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::insert::{insert, savepoint, InsertOptions};
use super::print_staging::{unstage, Staging};
use super::{IndexBuilder, Inserted, Library};
use crate::error::{Error, Result};
use crate::model::{ClippingDraft, ClippingId};

/// Sources stored per transaction.
const BATCH: usize = 500;

/// A load stages its prints (see `print_staging`) when it brings at least `Tuning::stage_prints_from`
/// sources and at least one for every this many clippings already there: reading the stored
/// prints into the filter costs about as much as placing a fifteenth of them again.
const STAGE_PER_EXISTING: i64 = 8;
/// Prints a clipping gives, at most for nearly every clipping: the filter's room per clipping.
const PRINTS_PER_CLIPPING: usize = 12;

/// A source that could not be stored, and why.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// New clippings, in the order they were stored.
    pub imported: Vec<ClippingId>,
    /// Clippings that were already in the library (with their ids there).
    pub already_present: Vec<ClippingId>,
    pub failed: Vec<Failure>,
    /// Files in folders passed over because of their type.
    pub skipped: usize,
    pub cancelled: bool,
}

impl ImportSummary {
    pub fn record(&mut self, r: Inserted) {
        match r {
            Inserted::New(id) => self.imported.push(id),
            Inserted::Existing(id) => self.already_present.push(id),
        }
    }

    pub fn fail(&mut self, path: impl Into<String>, e: &Error) {
        self.failed.push(Failure {
            path: path.into(),
            reason: e.reason(),
        });
    }
}

/// How far a long job (an import, an export) has come.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub current: String,
}

/// What one source gave: its clippings, or why it could not be read. An empty list means the
/// source was passed over (a folder's file of a kind Cuttings does not know).
pub type SourceDrafts = (String, Result<Vec<ClippingDraft>>);

/// Stores drafts, grouped in transactions.
struct Loader<'a> {
    lib: &'a mut Library,
    defer_index: bool,
    /// Indexes each committed batch on another core, during a bulk load into an empty library.
    builder: Option<IndexBuilder>,
    pending: Vec<SourceDrafts>,
    tags: &'a [String],
    staging: Option<Staging>,
}

impl Loader<'_> {
    fn flush(&mut self, summary: &mut ImportSummary) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        if let Some(staging) = &self.staging {
            if staging.overtaken(self.lib.conn())? {
                self.staging = None;
                unstage(&mut self.lib.conn)?;
            }
        }
        let opts = InsertOptions {
            index: !self.defer_index,
            kept: None,
            extra_tags: self.tags,
            stories: self.lib.tuning.place_stories,
            staging: self.staging.as_ref(),
        };
        let written = self.lib.write(|tx| {
            for (source, drafts) in batch {
                let mut drafts = match drafts {
                    Ok(d) if d.is_empty() => {
                        summary.skipped += 1;
                        continue;
                    }
                    Ok(d) => d,
                    Err(e) => {
                        summary.fail(source, &e);
                        continue;
                    }
                };
                if drafts.len() == 1 {
                    // One clipping: the store checks a draft before writing any of it, so a
                    // refused draft wrote nothing. Any other error (the disk, the database)
                    // ends the batch, and its transaction rolls back whole.
                    let d = drafts.pop().expect("one draft");
                    match insert(tx, &d, opts) {
                        Ok(r) => summary.record(r),
                        Err(e @ Error::Invalid { .. }) => summary.fail(source, &e),
                        Err(e) => return Err(e),
                    }
                    continue;
                }
                // Several clippings from one source: all of them or none.
                let stored = savepoint(tx, || {
                    drafts
                        .iter()
                        .map(|d| insert(tx, d, opts))
                        .collect::<Result<Vec<_>>>()
                });
                match stored {
                    Ok(done) => done.into_iter().for_each(|r| summary.record(r)),
                    Err(e) => summary.fail(source, &e),
                }
            }
            Ok(())
        });
        if let (Ok(()), Some(b)) = (&written, &self.builder) {
            b.committed(self.lib.conn())?;
        }
        written
    }
}

impl Library {
    /// Stores what each source gave, in batches, with `tags` on every clipping. `total` is the
    /// number of sources expected (for progress, and to decide whether to defer the index);
    /// `cancel` stops between sources, keeping what was stored.
    pub fn load_drafts(
        &mut self,
        items: impl IntoIterator<Item = SourceDrafts>,
        total: usize,
        tags: &[String],
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&Progress),
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let arrived_from = summary.imported.len();
        let stats = self.stats()?;
        let existing = stats.total + stats.trash;
        // Rebuilding costs about one pass over the whole library; worth it when the load is at
        // least as large as what is there.
        let defer_index = total >= 1000 && total as i64 >= existing;
        let builder = if defer_index {
            self.begin_bulk_load()?
        } else {
            None
        };
        let staging = if self.tuning.place_stories
            && total >= self.tuning.stage_prints_from
            && total as i64 >= existing / STAGE_PER_EXISTING
        {
            let room = (existing as usize + total) * PRINTS_PER_CLIPPING;
            Some(Staging::begin(self.conn(), room)?)
        } else {
            None
        };
        let mut w = Loader {
            lib: self,
            defer_index,
            builder,
            pending: Vec::new(),
            tags,
            staging,
        };
        let mut done = 0;
        let mut result = Ok(());
        for (source, drafts) in items {
            if cancel.load(Ordering::Relaxed) {
                summary.cancelled = true;
                break;
            }
            done += 1;
            progress(&Progress {
                done,
                total,
                current: source.clone(),
            });
            w.pending.push((source, drafts));
            if w.pending.len() >= BATCH {
                if let Err(e) = w.flush(summary) {
                    result = Err(e);
                    break;
                }
            }
        }
        if cancel.load(Ordering::Relaxed) && done < total {
            summary.cancelled = true;
        }
        if result.is_ok() {
            result = w.flush(summary);
        }
        // Whatever ended the load, what it staged goes into the print index now (or, if this
        // fails too, when the library is next opened).
        if w.staging.take().is_some() {
            let moved = unstage(&mut w.lib.conn);
            result = result.and(moved.map(|_| ()));
        }
        if defer_index {
            let builder = w.builder.take();
            w.lib.end_bulk_load(builder)?;
        }
        // After the index is whole, since filing a clipping indexes it again.
        self.after_arrival(&summary.imported[arrived_from..]);
        result
    }
}
