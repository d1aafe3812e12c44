//! Keeping ids on a lossless import: an id from the file is taken when it is free here.

use rusqlite::Transaction;

use crate::error::Result;

/// Whether a row with this id exists in `table`, one of the fixed table names below.
pub(crate) fn id_taken(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool> {
    debug_assert!(matches!(
        table,
        "clipping" | "note" | "tag" | "outlet" | "story"
    ));
    // `table` is one of five fixed names, never user text.
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?)
}

/// An id to keep when it is positive and free here, else none (SQLite gives the next one).
pub(crate) fn free_id(tx: &Transaction<'_>, table: &str, id: Option<i64>) -> Result<Option<i64>> {
    match id {
        Some(id) if id > 0 && !id_taken(tx, table, id)? => Ok(Some(id)),
        _ => Ok(None),
    }
}
