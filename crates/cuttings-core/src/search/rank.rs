//! Relevance: `cuttings_rank(clipping_fts)`, the BM25 score FTS5's own `bm25()` gives, without
//! the work that does not change the order of the results.
//!
//! `bm25()` weighs every phrase of the query by how rare it is, which it learns by reading the
//! phrase's whole list of matching rows once per query. Our queries carry filter words (`_t3`,
//! `_y2015`, see `filter_words`) in a column of weight 0, so their rarity never counts, yet
//! their lists are long (three years of dates are 300,000 rows at a million clippings) and
//! reading them was most of a search. This function:
//! - leaves the filter words out of the score altogether;
//! - skips the rarity of the one remaining phrase when there is only one (a constant factor,
//!   which cannot change the order);
//! - stops counting a phrase's rows at half the library, where BM25's rarity bottoms out;
//! - reads each phrase's hits on its own instead of merging the hits of every phrase;
//! - reads a clipping's length in tokens through one blob handle moved from row to row, where
//!   FTS5 runs a statement per row.
//!
//! Scores equal `bm25()`'s for a query of several words and no filters (tested); it is
//! negative like `bm25()`, so `ORDER BY` it ascending puts the best first.
//!
//! `cuttings_rank(clipping_fts, k)` is for `ORDER BY … LIMIT` with k the limit plus the offset.
//! Once it has scored k rows, a row whose score cannot reach the k-th best so far is not
//! scored exactly: the positions of its hits already give a floor for its length (a column
//! is at least as long as its last hit), hence a ceiling for its score, and when that ceiling
//! is below the k-th best the row cannot be among the first k. Its length is then never read,
//! and the ceiling is what it gets, so it still sorts below the k best.
//!
//! FTS5's interface for such functions is C only (rusqlite wraps none of it), hence the one
//! module of this crate with `unsafe`. Every pointer comes from SQLite for the duration of a
//! call: [`Row`] holds those of one call of the function and is the only way the ranking
//! reaches FTS5, and nothing here can panic across the boundary.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ffi::{c_int, c_void};
use std::ptr;

use rusqlite::ffi;

use super::filter_words;
use crate::error::{Error, Result};

/// Column weights, in the index's column order: title, standfirst, body, authors, outlet,
/// place, notes, facets (filter words: never scored).
const WEIGHTS: [f64; 8] = [10.0, 4.0, 1.0, 3.0, 2.0, 2.0, 1.0, 0.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Makes `cuttings_rank` available on `conn`; called on every connection the library opens.
pub(crate) fn register(conn: &rusqlite::Connection) -> Result<()> {
    let fail = |what: &str| Error::Conflict(format!("cannot set up search ranking: {what}"));
    let api = fts5_api(conn).ok_or_else(|| fail("FTS5 is missing"))?;
    if api.is_null() {
        return Err(fail("FTS5 is too old"));
    }
    // SAFETY: a table FTS5 gave out is its global one, which lives as long as the connection
    // (open while `conn` is borrowed); both fields exist in every version of it.
    let (version, create) = unsafe { ((*api).iVersion, (*api).xCreateFunction) };
    let (true, Some(create)) = (version >= 2, create) else {
        return Err(fail("FTS5 is too old"));
    };
    // SAFETY: `create` is the table's own function, given its own table, as FTS5 requires;
    // the name is a C string read during the call. `rank` has the signature FTS5 calls an
    // auxiliary function with, and takes no user data, so none is given nor freed.
    let rc = unsafe {
        create(
            api,
            c"cuttings_rank".as_ptr(),
            ptr::null_mut(),
            Some(rank),
            None,
        )
    };
    if rc != ffi::SQLITE_OK {
        return Err(fail("FTS5 refused the function"));
    }
    Ok(())
}

/// FTS5's table of functions for `conn`, got the way its documentation gives: `SELECT
/// fts5(?1)` with a pointer to the table's pointer bound. None when the statement does not
/// compile (no FTS5); null when FTS5 gave no table.
fn fts5_api(conn: &rusqlite::Connection) -> Option<*mut ffi::fts5_api> {
    // SAFETY: the handle is only used in this function, while `conn` is borrowed and so open,
    // and nothing here closes it.
    let db = unsafe { conn.handle() };
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is open; the SQL is a C string read during the call, and `stmt` a place
    // for the statement, written before the call returns.
    let rc = unsafe {
        ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        )
    };
    if rc != ffi::SQLITE_OK {
        return None;
    }
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    // SAFETY: `stmt` compiled and is finalized here, after one step, and never used again.
    // The pointer bound is to `api`, which outlives the statement; FTS5 writes a table's
    // pointer through it during the step, as it documents for a pointer of type
    // "fts5_api_ptr". The type's name is a static string, as SQLite requires.
    unsafe {
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
    }
    Some(api)
}

/// What a query's scores share, worked out on its first row and kept for the rest.
struct QueryData {
    /// The phrases that count (all but the filter words), with their rarity.
    phrases: Vec<(c_int, f64)>,
    /// Average length of a clipping in tokens, all columns.
    avg_len: f64,
    /// The index's table of lengths, opened once per query.
    sizes: DocSizes,
    /// With a `k`: the best k exact scores so far, the lowest on top.
    best: Option<RefCell<Best>>,
    /// Each scored phrase's weighted hits in the current row (kept to spare an allocation).
    freqs: RefCell<Vec<f64>>,
}

/// The k best scores a query has given so far.
struct Best {
    k: usize,
    scores: BinaryHeap<Reverse<Score>>,
}

impl Best {
    /// The score a row must beat to be among the k best, once there are k.
    fn bar(&self) -> Option<f64> {
        (self.scores.len() >= self.k)
            .then(|| self.scores.peek().map(|s| s.0 .0))
            .flatten()
    }

    fn offer(&mut self, s: f64) {
        if self.scores.len() < self.k {
            self.scores.push(Reverse(Score(s)));
        } else if self.bar().is_some_and(|bar| s > bar) {
            self.scores.pop();
            self.scores.push(Reverse(Score(s)));
        }
    }
}

/// A score, ordered as `f64::total_cmp` orders them.
#[derive(PartialEq)]
struct Score(f64);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The function FTS5 calls for each row: `cuttings_rank(clipping_fts[, k])`.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 passes the function's `n` arguments (after the table) at `args`, valid
    // until it returns; the first is read only when there is one.
    let k = (n >= 1 && !args.is_null())
        .then(|| unsafe { ffi::sqlite3_value_int64(*args) })
        .and_then(|k| usize::try_from(k).ok())
        .filter(|&k| k > 0);
    // SAFETY: these are the pointers FTS5 calls an auxiliary function with, and the `Row`
    // is used only within this call.
    let row = unsafe { Row::new(api, fts, ctx) };
    let score = row.ok_or(ffi::SQLITE_MISUSE).and_then(|row| score(row, k));
    // SAFETY: `ctx` is this call's context, which takes the function's result.
    unsafe {
        match score {
            Ok(s) => ffi::sqlite3_result_double(ctx, -s),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

/// The FTS5 functions a ranking uses, on the row FTS5 is ranking: the pointers one call of
/// `rank` was given, for that call alone (`'a`).
#[derive(Clone, Copy)]
struct Row<'a> {
    api: &'a ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    /// The connection running the query.
    db: *mut ffi::sqlite3,
}

impl<'a> Row<'a> {
    /// The row of the call being made; None when FTS5 gave no API table.
    ///
    /// # Safety
    ///
    /// `api`, `fts` and `ctx` are the pointers FTS5 passed to the auxiliary function now
    /// running, and the `Row` does not outlive that call.
    unsafe fn new(
        api: *const ffi::Fts5ExtensionApi,
        fts: *mut ffi::Fts5Context,
        ctx: *mut ffi::sqlite3_context,
    ) -> Option<Row<'a>> {
        // SAFETY: FTS5's API table is a static of the SQLite compiled with these bindings, so
        // it holds every field of `Fts5ExtensionApi`; `ctx` is the call's context (the
        // caller's promise), whose connection is the one running the query.
        unsafe {
            Some(Row {
                api: api.as_ref()?,
                fts,
                db: ffi::sqlite3_context_db_handle(ctx),
            })
        }
    }

    fn rowid(self) -> Result<i64, c_int> {
        let rowid = self.api.xRowid.ok_or(ffi::SQLITE_ERROR)?;
        // SAFETY: `fts` is the context of the row being ranked (see `Row`).
        Ok(unsafe { rowid(self.fts) })
    }

    /// The row's length in tokens, all columns, as FTS5 reads it (a statement of its own).
    fn length(self) -> Result<i64, c_int> {
        let column_size = self.api.xColumnSize.ok_or(ffi::SQLITE_ERROR)?;
        let mut n: c_int = 0;
        // SAFETY: `fts` is the current row's context (see `Row`); -1 asks for all columns,
        // and `n` is a place for the result.
        ok(unsafe { column_size(self.fts, -1, &mut n) })?;
        Ok(i64::from(n))
    }

    /// Calls `each(column, offset)` for each hit of phrase `p` in the row.
    fn hits(self, p: c_int, mut each: impl FnMut(c_int, c_int)) -> Result<(), c_int> {
        let (Some(first), Some(next)) = (self.api.xPhraseFirst, self.api.xPhraseNext) else {
            return Err(ffi::SQLITE_ERROR);
        };
        let mut iter = ffi::Fts5PhraseIter {
            a: ptr::null(),
            b: ptr::null(),
        };
        let (mut col, mut off): (c_int, c_int) = (0, 0);
        // SAFETY: `fts` is the current row's context (see `Row`); `iter`, `col` and `off` are
        // places FTS5 fills. The iterator stays on this row, within this call, as FTS5
        // requires, and ends when `col` is negative.
        ok(unsafe { first(self.fts, p, &mut iter, &mut col, &mut off) })?;
        while col >= 0 {
            each(col, off);
            // SAFETY: as for `first`, with the iterator `first` began.
            unsafe { next(self.fts, &mut iter, &mut col, &mut off) };
        }
        Ok(())
    }

    /// The data kept for this query by an earlier row (see `query_data`); null before.
    fn kept(self) -> Result<*mut QueryData, c_int> {
        let get = self.api.xGetAuxdata.ok_or(ffi::SQLITE_ERROR)?;
        // SAFETY: `fts` is the current row's context (see `Row`); 0 leaves the data in place.
        Ok(unsafe { get(self.fts, 0) }.cast::<QueryData>())
    }

    /// Keeps `data` for the rest of the query; FTS5 frees it with `free_data` when the query
    /// ends, or at once if it cannot keep it.
    fn keep(self, data: Box<QueryData>) -> Result<&'a QueryData, c_int> {
        let set = self.api.xSetAuxdata.ok_or(ffi::SQLITE_ERROR)?;
        let data = Box::into_raw(data);
        // SAFETY: `fts` is the current row's context (see `Row`). `free_data` takes back the
        // Box made here, once, as FTS5 calls it exactly once for the pointer.
        ok(unsafe { set(self.fts, data.cast::<c_void>(), Some(free_data)) })?;
        // SAFETY: FTS5 kept the data, which lives until the query ends: after this call, and
        // so after `'a`. Nothing writes to it but through its cells.
        Ok(unsafe { &*data })
    }

    fn phrase_count(self) -> Result<c_int, c_int> {
        let count = self.api.xPhraseCount.ok_or(ffi::SQLITE_ERROR)?;
        // SAFETY: `fts` is the current row's context (see `Row`).
        Ok(unsafe { count(self.fts) })
    }

    /// How many rows the index holds, and how many tokens, all columns.
    fn totals(self) -> Result<(i64, i64), c_int> {
        let (Some(row_count), Some(total_size)) = (self.api.xRowCount, self.api.xColumnTotalSize)
        else {
            return Err(ffi::SQLITE_ERROR);
        };
        let (mut rows, mut tokens): (i64, i64) = (0, 0);
        // SAFETY: `fts` is the current row's context (see `Row`), and `rows` a place for the
        // count.
        ok(unsafe { row_count(self.fts, &mut rows) })?;
        // SAFETY: as above; -1 asks for all columns.
        ok(unsafe { total_size(self.fts, -1, &mut tokens) })?;
        Ok((rows, tokens))
    }

    /// The text of phrase `p` when it is one token; None for a longer phrase, or from an FTS5
    /// too old to tell.
    fn lone_token(self, p: c_int) -> Option<&'a [u8]> {
        let size = self.api.xPhraseSize?;
        if self.api.iVersion < 3 {
            return None;
        }
        // SAFETY: `fts` is the current row's context (see `Row`).
        if unsafe { size(self.fts, p) } != 1 {
            return None;
        }
        let token = self.api.xQueryToken?;
        let (mut text, mut n): (*const std::ffi::c_char, c_int) = (ptr::null(), 0);
        // SAFETY: `fts` is the current row's context (see `Row`); the table is of version 3
        // or later, which has `xQueryToken`; `text` and `n` are places FTS5 fills.
        if unsafe { token(self.fts, p, 0, &mut text, &mut n) } != ffi::SQLITE_OK || text.is_null() {
            return None;
        }
        let n = usize::try_from(n).ok()?;
        // SAFETY: FTS5 gave `n` bytes at `text`: the query's own token, which lives as long as
        // the query, so for all of `'a`.
        Some(unsafe { std::slice::from_raw_parts(text.cast::<u8>(), n) })
    }

    /// How many rows phrase `p` matches, counting no further than `cap`.
    fn count_rows(self, p: c_int, cap: i64) -> Result<i64, c_int> {
        let query = self.api.xQueryPhrase.ok_or(ffi::SQLITE_ERROR)?;
        let mut state = (0i64, cap);
        // SAFETY: `fts` is the current row's context (see `Row`). FTS5 calls `count_one` for
        // each row before `query` returns, with the pointer to `state` given here, which
        // lives past that.
        ok(unsafe {
            query(
                self.fts,
                p,
                (&mut state as *mut (i64, i64)).cast::<c_void>(),
                Some(count_one),
            )
        })?;
        Ok(state.0)
    }
}

/// The row's BM25 score (positive, higher is better), or with a `k` a ceiling of it when that
/// is below the k-th best score so far (see the module's comment).
fn score(row: Row<'_>, k: Option<usize>) -> Result<f64, c_int> {
    let data = query_data(row, k)?;
    // Each phrase's weighted hits, and the least length the hits' positions allow: in every
    // column with a hit, one more token than the offset of the last hit.
    let mut freqs = data
        .freqs
        .try_borrow_mut()
        .map_err(|_| ffi::SQLITE_MISUSE)?;
    freqs.clear();
    let mut ends = [0i64; WEIGHTS.len()];
    for &(phrase, _) in &data.phrases {
        let mut freq = 0.0;
        row.hits(phrase, |col, off| {
            let c = usize::try_from(col).ok();
            freq += c.and_then(|c| WEIGHTS.get(c)).copied().unwrap_or(1.0);
            if let Some(end) = c.and_then(|c| ends.get_mut(c)) {
                *end = (*end).max(i64::from(off) + 1);
            }
        })?;
        freqs.push(freq);
    }
    let bm25 = |len: i64| -> f64 {
        let norm = K1 * (1.0 - B + B * len as f64 / data.avg_len);
        data.phrases
            .iter()
            .zip(freqs.iter())
            .map(|(&(_, idf), &freq)| idf * freq * (K1 + 1.0) / (freq + norm))
            .sum()
    };
    let least_len: i64 = ends.iter().sum();
    let bar = match &data.best {
        Some(b) => b.try_borrow().map_err(|_| ffi::SQLITE_MISUSE)?.bar(),
        None => None,
    };
    if let Some(bar) = bar {
        let ceiling = bm25(least_len);
        if ceiling < bar {
            return Ok(ceiling);
        }
    }
    let rowid = row.rowid()?;
    let len = match data.sizes.length(rowid) {
        Some(n) => {
            // Tests run with debug assertions: every length read here is checked against FTS5's.
            debug_assert_eq!(Ok(n), row.length(), "length of row {rowid}");
            n
        }
        None => row.length()?,
    };
    debug_assert!(least_len <= len, "least length {least_len} above {len}");
    let total = bm25(len);
    if let Some(best) = &data.best {
        best.try_borrow_mut()
            .map_err(|_| ffi::SQLITE_MISUSE)?
            .offer(total);
    }
    Ok(total)
}

/// The query's shared data: made on its first row, then kept by FTS5 until the query ends.
fn query_data<'a>(row: Row<'a>, k: Option<usize>) -> Result<&'a QueryData, c_int> {
    let kept = row.kept()?;
    if !kept.is_null() {
        // SAFETY: only `Row::keep` sets the query's data, to a QueryData that lives until the
        // query ends, after this call.
        return Ok(unsafe { &*kept });
    }
    let (rows, tokens) = row.totals()?;
    let rows = rows.max(1);
    let avg_len = (tokens as f64 / rows as f64).max(1.0);
    let scored: Vec<c_int> = (0..row.phrase_count()?)
        .filter(|&p| !row.lone_token(p).is_some_and(filter_words::is_filter_word))
        .collect();
    let mut phrases = Vec::with_capacity(scored.len());
    for &p in &scored {
        let idf = if scored.len() == 1 {
            1.0
        } else {
            let hits = row.count_rows(p, (rows + 1) / 2)?;
            // FTS5's formula, floor included: a phrase in half the rows or more weighs 1e-6.
            let idf = ((rows - hits) as f64 + 0.5).ln() - (hits as f64 + 0.5).ln();
            if idf <= 0.0 {
                1e-6
            } else {
                idf
            }
        };
        phrases.push((p, idf));
    }
    let sizes = match row.rowid() {
        // SAFETY: `row.db` is the connection running this query (see `Row`), and the handle
        // is closed with the query's data, when FTS5 frees it at the query's end.
        Ok(rowid) => unsafe { DocSizes::open(row.db, rowid) },
        Err(_) => DocSizes(ptr::null_mut()),
    };
    row.keep(Box::new(QueryData {
        freqs: RefCell::new(Vec::with_capacity(phrases.len())),
        phrases,
        avg_len,
        sizes,
        best: k.map(|k| {
            RefCell::new(Best {
                k,
                scores: BinaryHeap::with_capacity(k.min(10_000) + 1),
            })
        }),
    }))
}

/// Frees a query's data (FTS5 calls it once the query ends).
unsafe extern "C" fn free_data(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: FTS5 hands back, once, the pointer `Row::keep` gave it: a Box of QueryData.
        drop(unsafe { Box::from_raw(p.cast::<QueryData>()) });
    }
}

/// A handle on the index's table of lengths (`clipping_fts_docsize.sz`), moved from row to
/// row; null when it could not be opened, and then FTS5 reads the lengths.
struct DocSizes(*mut ffi::sqlite3_blob);

impl DocSizes {
    /// # Safety
    ///
    /// `db` is an open connection, and the handle is dropped before it closes.
    unsafe fn open(db: *mut ffi::sqlite3, rowid: i64) -> DocSizes {
        let mut blob: *mut ffi::sqlite3_blob = ptr::null_mut();
        // SAFETY: `db` is open (the caller's promise); the names are C strings read during
        // the call, and `blob` a place for the handle. A failure leaves no handle open: the
        // close is a no-op on the null SQLite leaves.
        unsafe {
            let rc = ffi::sqlite3_blob_open(
                db,
                c"main".as_ptr(),
                c"clipping_fts_docsize".as_ptr(),
                c"sz".as_ptr(),
                rowid,
                0,
                &mut blob,
            );
            if rc != ffi::SQLITE_OK {
                ffi::sqlite3_blob_close(blob);
                blob = ptr::null_mut();
            }
        }
        DocSizes(blob)
    }

    /// A clipping's length in tokens, all columns: the sum of the varints FTS5 keeps for it,
    /// one per column. None when the handle cannot read the row; the caller asks FTS5 instead.
    fn length(&self, rowid: i64) -> Option<i64> {
        if self.0.is_null() {
            return None;
        }
        let mut buf = [0u8; 128];
        // SAFETY: a non-null handle is open, on a connection that outlives it (see `open`);
        // moved to another row, it reads that row's blob.
        let n = unsafe {
            if ffi::sqlite3_blob_reopen(self.0, rowid) != ffi::SQLITE_OK {
                return None;
            }
            ffi::sqlite3_blob_bytes(self.0)
        };
        let len = usize::try_from(n).ok().filter(|&l| l <= buf.len())?;
        // SAFETY: the handle is open, as above, and `buf` holds at least the `n` bytes read.
        if unsafe { ffi::sqlite3_blob_read(self.0, buf.as_mut_ptr().cast(), n, 0) }
            != ffi::SQLITE_OK
        {
            return None;
        }
        let mut rest = buf.get(..len)?;
        let mut total = 0i64;
        while !rest.is_empty() {
            let (v, used) = varint(rest)?;
            total += v;
            rest = rest.get(used..)?;
        }
        Some(total)
    }
}

impl Drop for DocSizes {
    fn drop(&mut self) {
        // SAFETY: the handle is null, which SQLite takes as a no-op, or open on a connection
        // that outlives it (see `open`); it is not used again.
        unsafe { ffi::sqlite3_blob_close(self.0) };
    }
}

/// SQLite's variable-length integer: big-endian groups of 7 bits, the high bit saying another
/// byte follows; a ninth byte gives all 8 of its bits.
fn varint(b: &[u8]) -> Option<(i64, usize)> {
    let mut v: u64 = 0;
    for (i, &byte) in b.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((v << 8 | u64::from(byte)) as i64, 9));
        }
        v = v << 7 | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((v as i64, i + 1));
        }
    }
    None
}

/// `Row::count_rows`'s callback, once for each row the phrase matches.
unsafe extern "C" fn count_one(
    _api: *const ffi::Fts5ExtensionApi,
    _fts: *mut ffi::Fts5Context,
    state: *mut c_void,
) -> c_int {
    // SAFETY: the (count, cap) pair `count_rows` passed, alive until its query returns, and
    // reached through no other pointer meanwhile.
    let state = unsafe { &mut *state.cast::<(i64, i64)>() };
    state.0 += 1;
    // SQLITE_DONE ends the scan without an error.
    if state.0 >= state.1 {
        ffi::SQLITE_DONE
    } else {
        ffi::SQLITE_OK
    }
}

fn ok(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ClippingDraft;
    use crate::search::{Filter, Match, Scope, Sort};
    use crate::store::Library;
    use crate::PartialDate;

    /// Clippings where "grain" and "port" occur in different columns and numbers, with tags
    /// and years so that searches carry filter words.
    fn library() -> (Library, Vec<i64>) {
        let mut lib = Library::open_in_memory().unwrap();
        let texts = [
            ("Grain port reopens", "The port is open again.", 2015),
            ("Talks on grain", "Grain grain grain, said the minister of the port.", 2016),
            ("Weather", "Rain in the port, no grain ships today.", 2015),
            ("Port strike", "Dockers at the port walked out over pay.", 2017),
            ("Harvest", "A long article about grain, the grain trade and grain prices; ports are far away and the text goes on for a while to be longer than the others.", 2015),
            ("Nothing here", "An unrelated article about football.", 2016),
        ];
        let mut ids = Vec::new();
        for (title, body, year) in texts {
            let d = ClippingDraft {
                title: title.into(),
                body: body.into(),
                published: Some(PartialDate::year(year).unwrap()),
                authors: vec!["Port Reporter".into()],
                ..Default::default()
            };
            ids.push(lib.insert_clipping(&d).unwrap().id());
        }
        lib.tag_clippings(&ids[..5], "Trade/Black Sea").unwrap();
        (lib, ids)
    }

    fn scores(lib: &Library, sql: &str, m: &str) -> Vec<(i64, f64)> {
        let mut stmt = lib.conn().prepare(sql).unwrap();
        let rows = stmt.query_map([m], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn scores_equal_fts5_bm25_for_several_words() {
        let (lib, _) = library();
        for m in [
            "grain OR port",
            "grain AND port",
            "\"grain port\" OR minister",
        ] {
            let ours = scores(
                &lib,
                "SELECT rowid, cuttings_rank(clipping_fts) FROM clipping_fts
                 WHERE clipping_fts MATCH ?1 ORDER BY rowid",
                m,
            );
            let theirs = scores(
                &lib,
                "SELECT rowid, bm25(clipping_fts, 10.0, 4.0, 1.0, 3.0, 2.0, 2.0, 1.0, 0.0)
                 FROM clipping_fts WHERE clipping_fts MATCH ?1 ORDER BY rowid",
                m,
            );
            assert!(ours.len() >= 2, "{m}: {ours:?}");
            assert_eq!(ours.len(), theirs.len());
            for ((a, x), (b, y)) in ours.iter().zip(&theirs) {
                assert_eq!(a, b);
                assert!((x - y).abs() < 1e-9, "{m}: row {a}: {x} vs bm25 {y}");
            }
        }
    }

    #[test]
    fn filter_words_do_not_change_the_order() {
        let (lib, ids) = library();
        // Ranked by bm25 on the words alone, then kept to the filter's rows: the order a
        // search with the filter must give.
        let want: Vec<i64> = scores(
            &lib,
            "SELECT rowid, bm25(clipping_fts, 10.0, 4.0, 1.0, 3.0, 2.0, 2.0, 1.0, 0.0)
             FROM clipping_fts WHERE clipping_fts MATCH ?1 ORDER BY 2, rowid",
            "grain",
        )
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| ids[..5].contains(id))
        .collect();
        let f = Filter {
            text: "grain".into(),
            tags: vec!["Trade".into()],
            from: PartialDate::year(2014).ok(),
            to: PartialDate::year(2018).ok(),
            ..Default::default()
        };
        let got: Vec<i64> = lib
            .search(&f, Sort::Relevance, 0, 10, false)
            .unwrap()
            .items
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got, want);
        // The two headlines with the word outrank the long body with it three times.
        assert!(
            got[..2].contains(&ids[0]) && got[..2].contains(&ids[1]),
            "{got:?}"
        );
    }

    /// Generated clippings: long bodies with Zipf-distributed words, so that common words
    /// have many hits in many rows and the ranking has a long tail to cut.
    fn generated(n: usize) -> Library {
        let mut lib = Library::open_in_memory().unwrap();
        lib.tuning.trash_left_out_after = MOST_LEFT_OUT;
        let mut g = crate::synthetic::Generator::new(7);
        for i in 0..n {
            lib.insert_clipping(&g.clipping(i)).unwrap();
        }
        lib
    }

    /// Every matching row's exact score, by id.
    fn exact(lib: &Library, m: &str) -> std::collections::HashMap<i64, f64> {
        scores(
            lib,
            "SELECT rowid, cuttings_rank(clipping_fts) FROM clipping_fts WHERE clipping_fts MATCH ?1",
            m,
        )
        .into_iter()
        .collect()
    }

    /// The most clippings in the trash a ranked search leaves out after ranking, here: small,
    /// so that the tests' trash takes both ways.
    const MOST_LEFT_OUT: usize = 4;

    /// Each page of a ranked search for `f` holds the best exact scores of the clippings `f`
    /// matches, in order (scores, not ids: equal scores may come in either order).
    fn assert_pages_hold_the_best(
        lib: &Library,
        f: &Filter,
        exact: &std::collections::HashMap<i64, f64>,
        pages: &[(i64, i64)],
    ) {
        let all = lib.matching_ids(f, Sort::Relevance).unwrap();
        let mut want: Vec<f64> = all.iter().map(|id| exact[id]).collect();
        want.sort_by(f64::total_cmp);
        for &(offset, limit) in pages {
            let page = lib
                .search(f, Sort::Relevance, offset, limit, false)
                .unwrap();
            let got: Vec<f64> = page.items.iter().map(|i| exact[&i.id]).collect();
            let a = (offset as usize).min(want.len());
            let b = ((offset + limit) as usize).min(want.len());
            assert_eq!(got, want[a..b], "{f:?} at {offset}");
            assert!(
                page.items
                    .iter()
                    .all(|i| i.deleted == (f.scope == Scope::Trash)),
                "{f:?}"
            );
        }
    }

    #[test]
    fn a_ranking_told_its_limit_still_gives_the_exact_first_rows() {
        let lib = generated(400);
        let mut g = crate::synthetic::Generator::new(7);
        let mut queries: Vec<String> = [(0, 3), (3, 50), (50, 500), (500, 3000)]
            .iter()
            .map(|&(lo, hi)| g.word_in_band(lo, hi))
            .collect();
        queries.push(format!(
            "{} OR {}",
            g.word_in_band(0, 50),
            g.word_in_band(50, 500)
        ));
        let mut ceilings = 0;
        for m in &queries {
            let exact = exact(&lib, m);
            let mut want: Vec<f64> = exact.values().copied().collect();
            want.sort_by(f64::total_cmp);
            for k in [1usize, 7, 40] {
                // The first k rows, as the limited ranking orders them, have the k best exact
                // scores: a row given a ceiling never displaces one of them.
                let got = scores(
                    &lib,
                    &format!(
                        "SELECT rowid, cuttings_rank(clipping_fts, {k}) FROM clipping_fts
                         WHERE clipping_fts MATCH ?1 ORDER BY 2 LIMIT {k}"
                    ),
                    m,
                );
                let got_exact: Vec<f64> = got.iter().map(|(id, _)| exact[id]).collect();
                assert_eq!(got_exact, want[..k.min(want.len())], "{m}, k {k}");
                for (id, x) in &got {
                    assert_eq!(*x, exact[id], "{m}, k {k}: row {id}");
                }
                // Every row, in the order the index gives them: some rows are cut short, and a
                // ceiling is never below the row's exact score (never above, negated).
                for (id, x) in scores(
                    &lib,
                    &format!(
                        "SELECT rowid, cuttings_rank(clipping_fts, {k}) FROM clipping_fts
                         WHERE clipping_fts MATCH ?1"
                    ),
                    m,
                ) {
                    assert!(
                        x <= exact[&id],
                        "{m}, k {k}: row {id}: {x} above {}",
                        exact[&id]
                    );
                    if x < exact[&id] {
                        ceilings += 1;
                    }
                }
            }
        }
        assert!(ceilings > 100, "only {ceilings} rows were cut short");
    }

    #[test]
    fn the_least_length_is_the_length_when_the_hits_end_the_columns() {
        let mut lib = Library::open_in_memory().unwrap();
        for (title, body) in [
            ("grain grain grain", "grain grain grain grain"),
            ("grain", "the port and grain"),
            ("Odesa grain", "grain in the port of Odesa, grain"),
        ] {
            let d = ClippingDraft {
                title: title.into(),
                body: body.into(),
                ..Default::default()
            };
            lib.insert_clipping(&d).unwrap();
        }
        // With k = 1 the first row sets the bar and the others are cut short. Their last
        // hits are their columns' last tokens, so their ceilings are their exact scores: a
        // floor for the length one token too long would put them below.
        let exact = exact(&lib, "grain");
        let cut = scores(
            &lib,
            "SELECT rowid, cuttings_rank(clipping_fts, 1) FROM clipping_fts WHERE clipping_fts MATCH ?1",
            "grain",
        );
        assert_eq!(cut.len(), 3);
        for (id, x) in cut {
            assert_eq!(x, exact[&id], "row {id}");
        }
    }

    #[test]
    fn every_page_of_a_ranked_search_holds_the_right_scores() {
        let lib = generated(300);
        let mut g = crate::synthetic::Generator::new(7);
        let word = g.word_in_band(0, 10);
        let exact = exact(&lib, &word);
        // Eight topics of the 25, any of them.
        let topics: Vec<String> = (0..8).map(|i| g.tags[i * 20].clone()).collect();
        for f in [
            Filter {
                text: word.clone(),
                ..Default::default()
            },
            // Filter words in the index (a topic and whole years): ranked in the index alone.
            Filter {
                text: word.clone(),
                tags: topics.clone(),
                tag_match: Match::Any,
                from: PartialDate::year(2016).ok(),
                to: PartialDate::year(2023).ok(),
                ..Default::default()
            },
            // A range of months: the clippings' rows decide, joined to the index.
            Filter {
                text: word.clone(),
                from: PartialDate::month(2017, 3).ok(),
                to: PartialDate::month(2023, 8).ok(),
                ..Default::default()
            },
        ] {
            let all = lib.matching_ids(&f, Sort::Relevance).unwrap().len();
            assert!(all > 60, "{f:?}: {all}");
            assert_pages_hold_the_best(&lib, &f, &exact, &[(0, 10), (10, 25), (35, 50)]);
        }
    }

    #[test]
    fn a_ranked_search_leaves_out_the_trash_however_large() {
        let mut lib = generated(200);
        let mut g = crate::synthetic::Generator::new(7);
        let word = g.word_in_band(0, 10);
        let exact = exact(&lib, &word);
        let live = Filter {
            text: word.clone(),
            ..Default::default()
        };
        let trash = Filter {
            scope: Scope::Trash,
            ..live.clone()
        };
        let best = lib.matching_ids(&live, Sort::Relevance).unwrap();
        // First three of the best ten (left out after ranking), then nine (each match tested
        // against the trash: more than the tests' threshold of four).
        for n in [3, 9] {
            lib.trash(&best[..n]).unwrap();
            for (f, want_len) in [(&live, best.len() - n), (&trash, n)] {
                let all = lib.matching_ids(f, Sort::Relevance).unwrap();
                assert_eq!(all.len(), want_len, "{n} in the trash");
                assert_pages_hold_the_best(&lib, f, &exact, &[(0, 5), (2, 10), (5, 30)]);
            }
        }
    }

    #[test]
    fn varints_read_as_sqlite_writes_them() {
        assert_eq!(super::varint(&[0x05]), Some((5, 1)));
        assert_eq!(super::varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(
            super::varint(&[0x83, 0xe8, 0x07]),
            Some((3 << 14 | 0x68 << 7 | 7, 3))
        );
        assert_eq!(super::varint(&[0xff; 9]), Some((-1, 9)));
        assert_eq!(super::varint(&[0x81]), None);
        assert_eq!(super::varint(&[]), None);
    }

    #[test]
    fn a_filter_word_is_only_a_whole_underscore_token() {
        let (lib, _) = library();
        // A user's word that merely starts like one still counts.
        let s = scores(
            &lib,
            "SELECT rowid, cuttings_rank(clipping_fts) FROM clipping_fts WHERE clipping_fts MATCH ?1",
            "grain OR _ty",
        );
        assert!(s.iter().all(|(_, x)| *x < 0.0), "{s:?}");
    }
}
