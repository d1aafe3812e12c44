//! Building the full-text index of a bulk load into a fresh library on a second core, while
//! the load is still writing clippings.
//!
//! A bulk load leaves the index aside and rebuilds it at the end: much of an import was that
//! rebuild, on one core while the other sat idle. Here a thread indexes each committed batch
//! into a scratch copy of the index (a contentless FTS5 table of the same columns and
//! tokenizer, in a file of its own: SQLite allows one writer per file), reading the text
//! through the same view the library's index reads. At the end the scratch index's tables
//! replace the library's in one transaction.
//!
//! Only for a library that was empty when the load began, and only when no other connection
//! wrote to it meanwhile (an edit in the app during an import): otherwise the end of the load
//! falls back to the rebuild. Until the swap commits, the bulk-load mark stays in the file, so a
//! crash at any point is repaired by a rebuild on the next open.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

use super::fts::{COLS, TOKENIZE};
use crate::error::{Error, Result};

/// Clippings read and indexed in one go: whatever the loader has committed since the last
/// go, at least the first number (so that the first go starts early and the last, which the
/// whole load waits for, is short) and at most the second (about 70 MB of text).
/// How many committed clippings the builder takes at once: at least enough to be worth a
/// segment, at most what one transaction of the scratch file should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Goes {
    pub at_least: i64,
    pub at_most: i64,
}

impl Default for Goes {
    fn default() -> Self {
        Goes {
            at_least: 5_000,
            at_most: 20_000,
        }
    }
}

/// The index's own tables, copied whole: segments, their term index, the clippings' lengths.
const SHADOW: [&str; 3] = [
    "clipping_fts_data",
    "clipping_fts_idx",
    "clipping_fts_docsize",
];

pub(crate) struct IndexBuilder {
    scratch: PathBuf,
    batches: Option<mpsc::Sender<i64>>,
    thread: Option<JoinHandle<Result<()>>>,
    /// `PRAGMA data_version` of the loading connection when the load began: it changes when
    /// another connection commits to the library.
    version: i64,
}

impl IndexBuilder {
    /// Starts the builder for a load into the (empty) library at `path`, read through `conn`.
    pub(crate) fn start(conn: &Connection, path: &Path, goes: Goes) -> Result<IndexBuilder> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let scratch = path.with_file_name(format!(".{name}-index-build"));
        remove(&scratch);
        let version = data_version(conn)?;
        let (tx, rx) = mpsc::channel::<i64>();
        let (library, file) = (path.to_path_buf(), scratch.clone());
        let thread = std::thread::Builder::new()
            .name("index-build".into())
            .spawn(move || build(&library, &file, rx, goes))
            .map_err(|e| Error::Conflict(format!("cannot start the index builder: {e}")))?;
        Ok(IndexBuilder {
            scratch,
            batches: Some(tx),
            thread: Some(thread),
            version,
        })
    }

    /// The loader committed a batch on `conn`: index the clippings up to the last one.
    pub(crate) fn committed(&self, conn: &Connection) -> Result<()> {
        if let (Some(tx), Some(id)) = (&self.batches, super::last_clipping_id(conn)?) {
            // A send fails only when the thread has stopped on an error; `finish` sees it.
            let _ = tx.send(id);
        }
        Ok(())
    }

    /// Waits for the builder and puts its index in place of the library's. Ok(false) when it
    /// cannot be used (it failed, or the library changed under it): the caller rebuilds.
    pub(crate) fn finish(mut self, conn: &Connection, mark: &str) -> Result<bool> {
        drop(self.batches.take());
        let built = match self.thread.take().map(JoinHandle::join) {
            Some(Ok(Ok(()))) => true,
            // The rebuild that follows does the same work; the builder's own error says
            // nothing the user can act on.
            _ => false,
        };
        if !built || data_version(conn)? != self.version {
            return Ok(false);
        }
        conn.execute(
            "ATTACH DATABASE ?1 AS build",
            [self.scratch.to_string_lossy()],
        )?;
        let swapped = swap(conn, mark, self.version);
        conn.execute("DETACH DATABASE build", [])?;
        swapped
    }
}

impl Drop for IndexBuilder {
    fn drop(&mut self) {
        drop(self.batches.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        remove(&self.scratch);
    }
}

fn remove(scratch: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut p = scratch.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

pub(crate) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA main.data_version", [], |r| r.get(0))?)
}

/// The builder's thread: indexes the clippings up to each id it is sent, then stops.
fn build(library: &Path, scratch: &Path, batches: mpsc::Receiver<i64>, goes: Goes) -> Result<()> {
    let conn = Connection::open_with_flags(
        library,
        // Read-write and create only so that the scratch file can be made and written: the
        // library itself is only read here.
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute("ATTACH DATABASE ?1 AS build", [scratch.to_string_lossy()])?;
    // A scratch file: if anything stops midway it is thrown away, so no journal is needed.
    conn.execute_batch(&format!(
        "PRAGMA build.journal_mode = OFF;
         PRAGMA build.synchronous = OFF;
         CREATE VIRTUAL TABLE build.clipping_fts USING fts5({COLS}, content = '', tokenize = {TOKENIZE});
         INSERT INTO build.clipping_fts(clipping_fts, rank) VALUES ('hashsize', 67108864);"
    ))?;
    let mut done = 0i64;
    let mut read = conn.prepare(&format!(
        "SELECT id, {COLS} FROM main.clipping_fts_source WHERE id > ?1 AND id <= ?2 ORDER BY id"
    ))?;
    let mut write = conn.prepare(&format!(
        "INSERT INTO build.clipping_fts(rowid, {COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?;
    // Each transaction below ends in a segment that later has to be merged: with one per
    // loader batch the merging made this thread the slow one. The rows are read first and
    // indexed after: a read of the library held open while the text is tokenized kept the
    // loader's checkpoints from ever emptying its log, which grew larger than the library.
    let (mut upto, mut open) = (0i64, true);
    loop {
        while open && upto - done < goes.at_least {
            match batches.recv() {
                Ok(id) => upto = upto.max(id),
                Err(_) => open = false,
            }
        }
        upto = batches.try_iter().fold(upto, i64::max);
        if done >= upto {
            break;
        }
        let end = upto.min(done + goes.at_most);
        let rows = read
            .query_map([done, end], |r| {
                (0..9)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        conn.execute_batch("BEGIN")?;
        for row in &rows {
            write.execute(rusqlite::params_from_iter(row))?;
        }
        conn.execute_batch("COMMIT")?;
        done = end;
    }
    // Each transaction above left a segment of its own, and a search reads a word's list in
    // every segment: they are merged into one.
    conn.execute(
        "INSERT INTO build.clipping_fts(clipping_fts) VALUES ('optimize')",
        [],
    )?;
    Ok(())
}

/// Replaces the library's index with the builder's, in one transaction that also clears the
/// bulk-load mark; refused (Ok(false)) if another connection wrote in the meantime.
fn swap(conn: &Connection, mark: &str, version: i64) -> Result<bool> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let run = || -> Result<bool> {
        if data_version(conn)? != version {
            return Ok(false);
        }
        for t in SHADOW {
            conn.execute(&format!("DELETE FROM main.{t}"), [])?;
            conn.execute(&format!("INSERT INTO main.{t} SELECT * FROM build.{t}"), [])?;
        }
        conn.execute("DELETE FROM main.meta WHERE key = ?1", [mark])?;
        Ok(true)
    };
    let outcome = run();
    let end = if matches!(outcome, Ok(true)) {
        "COMMIT"
    } else {
        "ROLLBACK"
    };
    if let Err(e) = conn.execute_batch(end) {
        // Leave no transaction open: the caller rebuilds the index next.
        if !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        return Err(e.into());
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClippingDraft;
    use crate::search::{Filter, Sort};
    use crate::store::insert::{insert, InsertOptions};
    use crate::store::{Library, BULK_LOAD_KEY};
    use crate::PartialDate;

    fn draft(i: usize) -> ClippingDraft {
        ClippingDraft {
            title: format!("Harbour report {i}"),
            body: format!(
                "Ships number {i} came in. {} The café reopened.",
                if i.is_multiple_of(3) {
                    "Grain prices rose."
                } else {
                    "Fog."
                }
            ),
            source: Some(["SANA", "Reuters"][i % 2].into()),
            authors: vec![format!("Writer {}", i % 7)],
            published: PartialDate::year(2010 + (i % 10) as i32).ok(),
            tags: vec![["Trade/Grain", "Ports"][i % 2].into()],
            ..Default::default()
        }
    }

    /// A new library at `path` with a bulk load begun, and its builder.
    fn start_load(path: &Path) -> (Library, IndexBuilder) {
        let mut lib = Library::open(path).unwrap();
        // Small goes, so that a load of a thousand clippings is indexed in several.
        lib.tuning.index_goes = Goes {
            at_least: 300,
            at_most: 700,
        };
        let b = lib
            .begin_bulk_load()
            .unwrap()
            .expect("an empty library on disk");
        (lib, b)
    }

    /// Loads `n` drafts in batches the way an import does, reporting them to the builder.
    fn load(lib: &mut Library, b: &IndexBuilder, range: std::ops::Range<usize>) {
        for chunk in range.collect::<Vec<_>>().chunks(400) {
            lib.write(|tx| {
                for &i in chunk {
                    insert(
                        tx,
                        &draft(i),
                        InsertOptions {
                            index: false,
                            ..InsertOptions::default()
                        },
                    )?;
                }
                Ok(())
            })
            .unwrap();
            b.committed(lib.conn()).unwrap();
        }
    }

    fn searches(lib: &Library) -> Vec<i64> {
        let f = |text: &str, tag: &str| Filter {
            text: text.into(),
            tags: vec![tag.into()],
            ..Default::default()
        };
        [
            f("grain", "Trade"),
            f("harbour", "Ports"),
            f("cafe", "Trade/Grain"),
            f("\"writer 3\"", "Ports"),
            Filter {
                text: "ships".into(),
                sources: vec!["SANA".into()],
                from: PartialDate::year(2012).ok(),
                to: PartialDate::year(2014).ok(),
                ..Default::default()
            },
        ]
        .iter()
        .map(|f| lib.count(f).unwrap())
        .collect()
    }

    #[test]
    fn an_index_built_beside_a_load_is_the_index_a_rebuild_makes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.cuttings");
        let (mut lib, b) = start_load(&path);
        load(&mut lib, &b, 0..1500);
        assert!(
            b.finish(lib.conn(), BULK_LOAD_KEY).unwrap(),
            "the swap was refused"
        );
        let lib = Library::open(&path).unwrap();
        lib.check_integrity().unwrap();
        let found = searches(&lib);
        assert_eq!(found, vec![250, 750, 750, 107, 300]);
        // The same library, its index rebuilt from the text, finds the same.
        lib.rebuild_index().unwrap();
        lib.check_integrity().unwrap();
        assert_eq!(searches(&lib), found);
        let mark = lib.meta(BULK_LOAD_KEY).unwrap();
        assert_eq!(mark, None);
        // No scratch file is left beside the library.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().contains("index-build"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        let top = lib
            .search(
                &Filter {
                    text: "grain".into(),
                    ..Default::default()
                },
                Sort::Relevance,
                0,
                1,
                false,
            )
            .unwrap();
        assert_eq!(top.items.len(), 1);
    }

    #[test]
    fn a_write_from_elsewhere_during_the_load_falls_back_to_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.cuttings");
        let (mut lib, b) = start_load(&path);
        load(&mut lib, &b, 0..1000);
        // The app edits a clipping the builder has already indexed.
        let mut other = Library::open(&path).unwrap();
        let patch = crate::store::ClippingPatch {
            title: Some("Renamed headline about lighthouses".into()),
            ..Default::default()
        };
        other.update_clipping(1, &patch).unwrap();
        load(&mut lib, &b, 1000..1200);
        lib.end_bulk_load(Some(b)).unwrap();
        lib.check_integrity().unwrap();
        // The load's longer steps between checkpoints end with it.
        let step: i64 = lib
            .conn()
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(step, 1000);
        let hits = lib
            .count(&Filter {
                text: "lighthouses".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(hits, 1);
    }
}
