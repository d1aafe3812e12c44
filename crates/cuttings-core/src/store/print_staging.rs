//! The print index during a large load. Putting each new clipping's prints into `story_print`
//! as it is stored scattered a dozen inserts over the whole index: every batch's commit wrote
//! most of the index's pages again, so each clipping cost more as the library grew (at
//! 100,000 clippings the import took half as long again with stories as without). A large load
//! instead appends each clipping's prints as one row of `story_print_staged`, in the same
//! transaction as the clipping (so a crash loses none of them), finds copies among its own
//! clippings in memory and among the others through the index (asked only about prints the
//! Bloom filter of `stories::seen` may hold), and at its end moves the staged prints into the
//! index in print order, which writes each page of the index once.
//!
//! What stays true: a clipping's prints are always in the index or staged; staged ones are
//! moved at the end of the load, when another connection is seen to write (it would not see
//! them), and on opening a library whose load was stopped. A staged row outliving its clipping
//! (a source whose savepoint rolled back writes none) is no harm: a print can outlive its
//! clipping, the text decides.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use super::data_version;
use crate::error::Result;
use crate::model::ClippingId;
use crate::stories::SeenPrints;

#[derive(Debug)]
pub(crate) struct Staging {
    /// The prints in the index when the load began.
    stored: SeenPrints,
    /// The prints this load staged, committed or in the batch being written, and whose they
    /// are. An entry of a source rolled back stays until the end: it only names a candidate
    /// whose text is then read (and not found, or found different).
    fresh: RefCell<HashMap<i64, Vec<ClippingId>>>,
    /// `PRAGMA data_version` when the load began: it changes only when another connection
    /// commits (the index builder writes a file of its own).
    version: i64,
}

impl Staging {
    /// Reads the prints the index holds into a filter with room for `room` prints.
    pub(crate) fn begin(conn: &Connection, room: usize) -> Result<Staging> {
        let mut stored = SeenPrints::with_room_for(room);
        let mut stmt = conn.prepare("SELECT print FROM story_print")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            stored.add(r.get(0)?);
        }
        Ok(Staging {
            stored,
            fresh: RefCell::new(HashMap::new()),
            version: data_version(conn)?,
        })
    }

    /// Whether another connection wrote to the library since the load began: then the
    /// staged prints go into the index now (for it to see them) and the load goes on without
    /// staging, since the filter would not hold what the other connection stored.
    pub(crate) fn overtaken(&self, conn: &Connection) -> Result<bool> {
        Ok(data_version(conn)? != self.version)
    }

    /// Of `prints`, those the index may hold (the rest are certainly not there).
    pub(crate) fn maybe_stored(&self, prints: &[i64]) -> Vec<i64> {
        prints
            .iter()
            .copied()
            .filter(|&p| self.stored.may_hold(p))
            .collect()
    }

    /// The clippings of this load with each of `prints`.
    pub(crate) fn staged_with(&self, prints: &[i64]) -> Vec<(i64, ClippingId)> {
        let fresh = self.fresh.borrow();
        prints
            .iter()
            .filter_map(|p| fresh.get(p).map(|ids| (p, ids)))
            .flat_map(|(&p, ids)| ids.iter().map(move |&id| (p, id)))
            .collect()
    }

    /// Stages a stored clipping's prints, in its transaction.
    pub(crate) fn stage(&self, tx: &Transaction<'_>, id: ClippingId, prints: &[i64]) -> Result<()> {
        if prints.is_empty() {
            return Ok(());
        }
        let blob: Vec<u8> = prints.iter().flat_map(|p| p.to_le_bytes()).collect();
        tx.prepare_cached(
            "INSERT OR REPLACE INTO story_print_staged (clipping_id, prints) VALUES (?1, ?2)",
        )?
        .execute(params![id, blob])?;
        let mut fresh = self.fresh.borrow_mut();
        for &p in prints {
            fresh.entry(p).or_default().push(id);
        }
        Ok(())
    }
}

/// Moves every staged print into the index, in print order, in one transaction.
pub(crate) fn unstage(conn: &mut Connection) -> Result<usize> {
    let tx = conn.transaction()?;
    let mut all: Vec<(i64, ClippingId)> = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT clipping_id, prints FROM story_print_staged")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: ClippingId = r.get(0)?;
            let blob: Vec<u8> = r.get(1)?;
            all.extend(
                blob.chunks_exact(8)
                    .map(|b| (i64::from_le_bytes(b.try_into().expect("eight bytes")), id)),
            );
        }
    }
    if all.is_empty() {
        return Ok(0);
    }
    all.sort_unstable();
    {
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO story_print (print, clipping_id) VALUES (?1, ?2)",
        )?;
        for (print, id) in &all {
            add.execute(params![print, id])?;
        }
        tx.execute("DELETE FROM story_print_staged", [])?;
    }
    tx.commit()?;
    Ok(all.len())
}

/// Whether prints are staged (a load was stopped before it moved them).
pub(crate) fn any_staged(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM story_print_staged)",
        [],
        |r| r.get(0),
    )?)
}
