//! Keeping the full-text index in step with the text it indexes.
//!
//! The index is external-content (it stores no copy of the articles), so removing an entry
//! needs the values it was built from. Every change to indexed text therefore goes: note the
//! clippings affected, [`unindex`] them (reading the old values), change the rows, [`index`] them
//! again, all in one transaction. `integrity_check` proves the two never drift.

use rusqlite::Connection;

use crate::error::{Error, Result};

pub(crate) const COLS: &str = "title, standfirst, body, authors, outlet, place, notes, facets";
/// The index's tokenizer, as the first schema version created it.
pub(crate) const TOKENIZE: &str = "'porter unicode61 remove_diacritics 2 tokenchars ''_'''";

/// Marks clippings whose indexed text is about to change.
pub(crate) fn mark(conn: &Connection, ids_sql: &str, params: impl rusqlite::Params) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS fts_pending(id INTEGER PRIMARY KEY)")?;
    conn.execute(
        &format!("INSERT OR IGNORE INTO temp.fts_pending(id) {ids_sql}"),
        params,
    )?;
    Ok(())
}

/// Removes the marked clippings from the index, using their current (old) text.
pub(crate) fn unindex(conn: &Connection) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO clipping_fts(clipping_fts, rowid, {COLS})
             SELECT 'delete', id, {COLS} FROM clipping_fts_source
             WHERE id IN (SELECT id FROM temp.fts_pending)"
        ),
        [],
    )?;
    Ok(())
}

/// Adds the marked clippings to the index with their current (new) text, and clears the marks.
pub(crate) fn index(conn: &Connection) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO clipping_fts(rowid, {COLS})
             SELECT id, {COLS} FROM clipping_fts_source
             WHERE id IN (SELECT id FROM temp.fts_pending)"
        ),
        [],
    )?;
    conn.execute("DELETE FROM temp.fts_pending", [])?;
    Ok(())
}

/// Changes indexed text of the clippings chosen by `ids_sql`, keeping the index in step.
pub(crate) fn reindexing<T>(
    conn: &Connection,
    ids_sql: &str,
    params: impl rusqlite::Params,
    change: impl FnOnce() -> Result<T>,
) -> Result<T> {
    mark(conn, ids_sql, params)?;
    unindex(conn)?;
    let out = change()?;
    index(conn)?;
    Ok(out)
}

/// Adds one newly inserted clipping to the index.
pub(crate) fn index_new(conn: &Connection, id: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO clipping_fts(rowid, {COLS}) SELECT id, {COLS} FROM clipping_fts_source WHERE id = ?1"
    ))?;
    stmt.execute([id])?;
    Ok(())
}

/// Builds the whole index again from the text; used after bulk loads, where it is faster than
/// adding rows one by one. The rebuild writes a segment each time its 64 MiB of memory fill,
/// and a search reads a word's list in every segment: they are merged into one.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT INTO clipping_fts(clipping_fts) VALUES ('rebuild');
         INSERT INTO clipping_fts(clipping_fts) VALUES ('optimize');",
    )?;
    Ok(())
}

pub(crate) fn integrity_check(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO clipping_fts(clipping_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .map_err(|e| {
        Error::Conflict(format!(
            "the search index is out of step with the text: {e}"
        ))
    })?;
    Ok(())
}
