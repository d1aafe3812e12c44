//! The library file: one SQLite database holding clippings, outlets, tags, notes and searches.

mod archive;
mod arrival;
mod bulk;
mod bulk_read;
mod clippings;
pub mod feeds;
mod fts;
mod ids;
mod index_build;
pub(crate) use index_build::Goes;
use index_build::{data_version, IndexBuilder};
mod insert;
mod kept;
mod load;
mod notes;
mod print_staging;
mod related;
mod saved;
pub(crate) mod schema;
mod sources;
mod stats;
pub(crate) mod stories;
mod story_edit;
mod story_view;
mod suggest;
pub(crate) mod tags;

#[cfg(test)]
mod stories_tests;
#[cfg(test)]
pub(crate) mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

use crate::error::{Error, Result};

pub use bulk::{Before, BulkChange, BulkUndo};
pub use bulk_read::Extras;
pub use clippings::ClippingPatch;
pub(crate) use clippings::{authors_of_many, last_id as last_clipping_id};
pub use insert::{content_hash, Inserted};
pub use kept::{Kept, KeptNote};
pub use load::{Failure, ImportSummary, Progress, SourceDrafts};
pub use related::Related;
pub(crate) use saved::saved_search_name;
pub use schema::SCHEMA_VERSION;
pub(crate) use sources::find_all as sources_named;
pub(crate) use sources::names as source_names;
pub use stories::StoryId;
pub use story_edit::{MergeUndo, Merged, StoryBefore};
pub(crate) use story_view::stories_of_many;
pub use story_view::{Story, StoryCopy, StoryCounts};
pub use suggest::{Accepted, Suggestions, TopicModelStatus, TopicSuggestion};
pub use tags::normalize_path as normalize_tag_path;

/// The environment variable that names the library file, below `--library`.
pub const LIBRARY_ENV: &str = "CUTTINGS_LIBRARY";

pub(crate) const BULK_LOAD_KEY: &str = "bulk_load_started";
/// Set in a benchmark's library built without stories, so opening it does not place them.
const NO_STORIES_KEY: &str = "bench_without_stories";

/// Pages written to the log between checkpoints: SQLite's default, and ten times it (40 MB)
/// during a bulk load. Each checkpoint waits for the disk twice; at the default, the loader
/// spent about a seventh of a 100,000-clipping import waiting, and the import went from about
/// 3,100 to 3,900 clippings/s with the larger step.
const CHECKPOINT_PAGES: i64 = 1_000;
const LOAD_CHECKPOINT_PAGES: i64 = 10_000;

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    pub(crate) tuning: Tuning,
    /// The topic model, once loaded from the file (see `suggest`).
    topics: Option<suggest::Loaded>,
    /// What suggesting keeps between calls.
    suggesting: suggest::Kept,
}

/// Sizes at which the library chooses between two ways of doing a thing. Tests make them small,
/// so that both ways are taken with a few clippings; nothing else changes them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// How the index builder of a bulk load takes its clippings.
    pub index_goes: Goes,
    /// The most clippings in the trash that a ranked search leaves out after ranking (the
    /// first k + t ranked hold the first k outside a trash of t); past it, each match is tested
    /// against the trash.
    pub trash_left_out_after: usize,
    /// Place each new clipping in a story. Off only in the benchmark that measures what
    /// placing costs an import (see [`Library::bench_without_stories`]).
    pub place_stories: bool,
    /// The fewest sources for which a load stages its prints (see `load`, `print_staging`).
    pub stage_prints_from: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            index_goes: Goes::default(),
            trash_left_out_after: 1000,
            place_stories: true,
            stage_prints_from: 1000,
        }
    }
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) if it does not exist, and
    /// upgrading its schema if it was written by an older Cuttings.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        let fail = |message: String| Error::Library {
            path: path.clone(),
            message,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| fail(format!("its folder could not be created: {e}")))?;
        }
        if path.is_dir() {
            return Err(fail("that is a folder, not a library file".into()));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(e.to_string()))?;
        Self::setup(conn, path.clone()).map_err(|e| match e {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                fail("it is not a Cuttings library (not an SQLite database)".into())
            }
            other => other,
        })
    }

    /// A library that lives only in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Library> {
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Library> {
        // WAL lets the CLI read while the app writes; NORMAL sync is safe with WAL (a crash
        // loses at most the last transactions, never the file's consistency).
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Temporary data keeps SQLite's default place (a file, held in the cache until it
        // outgrows it), not `temp_store = MEMORY`: in memory, SQLite's sorter allocates every
        // row apart, and grouping 100,000 matches by date took 115 ms instead of 75.
        // 64 MiB of page cache and 256 MiB of memory map: the date-sorted list and ranked
        // search at a million clippings lean on both.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "mmap_size", 268_435_456i64)?;
        schema::migrate(&mut conn, &path)?;
        conn.set_prepared_statement_cache_capacity(64);
        crate::search::rank::register(&conn)?;
        let mut lib = Library {
            conn,
            path,
            tuning: Tuning::default(),
            topics: None,
            suggesting: Default::default(),
        };
        if lib.meta(BULK_LOAD_KEY)?.is_some() {
            // A bulk load stopped before it indexed its clippings: finish it now.
            lib.rebuild_index()?;
        }
        if print_staging::any_staged(&lib.conn)? {
            // A large load stopped before it put its clippings' prints in the print index.
            print_staging::unstage(&mut lib.conn)?;
        }
        // A library from before stories (or a load stopped halfway) has clippings in none.
        let unplaced: bool = lib.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM clipping WHERE story_id IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if unplaced && lib.meta(NO_STORIES_KEY)?.is_none_or(|v| v != "1") {
            lib.place_unplaced()?;
        }
        Ok(lib)
    }

    /// For the benchmark that measures what placing clippings in stories costs an import:
    /// from now on this library stores clippings without placing them, and says so in its
    /// file, so it is not placed when opened again. Never used by the app or the CLI.
    #[doc(hidden)]
    pub fn bench_without_stories(&mut self) -> Result<()> {
        self.tuning.place_stories = false;
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
            [NO_STORIES_KEY],
        )?;
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Clippings stored from now on are not indexed one by one; [`Library::end_bulk_load`]
    /// indexes them at once. Recorded in the file, so a crash in between is repaired on the
    /// next open. Into an empty library on disk, the index is built beside the load (see
    /// `index_build`): the loader reports each committed batch to the builder returned.
    fn begin_bulk_load(&self) -> Result<Option<IndexBuilder>> {
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM clipping)", [], |r| {
                    r.get(0)
                })?;
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            [BULK_LOAD_KEY, &ts(now())],
        )?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", LOAD_CHECKPOINT_PAGES)?;
        if !empty || self.path == Path::new(":memory:") {
            return Ok(None);
        }
        IndexBuilder::start(&self.conn, &self.path, self.tuning.index_goes).map(Some)
    }

    /// Ends a bulk load: puts the builder's index in place, or else rebuilds the index.
    fn end_bulk_load(&mut self, builder: Option<IndexBuilder>) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)?;
        if let Some(b) = builder {
            // Refused or failed, the builder's work is redone by the rebuild below.
            if let Ok(true) = b.finish(&self.conn, BULK_LOAD_KEY) {
                // This connection may hold the empty index's layout in its cache (FTS5 only
                // notices other connections' writes): start afresh.
                let tuning = self.tuning;
                *self = Library::open(&self.path)?;
                self.tuning = tuning;
                return Ok(());
            }
        }
        self.rebuild_index()
    }

    fn rebuild_index(&self) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        fts::rebuild(&tx)?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [BULK_LOAD_KEY])?;
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The library file a command should open: the one given, else `$CUTTINGS_LIBRARY`, else
    /// `library.cuttings` in the user's data folder.
    pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf> {
        if let Some(p) = explicit {
            return Ok(p.to_path_buf());
        }
        if let Some(p) = std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        Self::default_path()
    }

    /// `library.cuttings` in the OS's per-user data folder.
    pub fn default_path() -> Result<PathBuf> {
        let dirs =
            directories::ProjectDirs::from("org", "Cuttings", "Cuttings").ok_or_else(|| {
                Error::invalid("library", "no home folder found; pass --library PATH")
            })?;
        Ok(dirs.data_dir().join("library.cuttings"))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: it all happens, or (on an error) none of it does.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Checks the full-text index against the text it indexes; for tests and `cuttings check`.
    pub fn check_integrity(&self) -> Result<()> {
        let ok: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(Error::Conflict(format!(
                "the library file is damaged: {ok}"
            )));
        }
        fts::integrity_check(&self.conn)
    }
}

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Timestamps are stored as RFC 3339 in UTC with milliseconds: readable, and sortable as text.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Trims a user-given text field; empty means "not set".
pub(crate) fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `1,2,3` for a list of ids in SQL; ids are numbers, never user text.
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}
