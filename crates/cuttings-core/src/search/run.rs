//! Running a plan: a page of clippings, a count, every matching id. Which way a query goes
//! depends on the plan: a list without words reads the page's ids from the filter's indexes;
//! a search the filter words decide alone is ranked and counted in the index; any other
//! search joins the index's matches to the clippings.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::Connection;

use super::filter::{Filter, Scope, SearchPage, Sort};
use super::plan::{order_by, plan, Plan, FROM_PLAIN};
use super::{snippet, HIT_END, HIT_START};
use crate::date::PartialDate;
use crate::date_format::{date_label, DateStyle};
use crate::error::{Error, Result};
use crate::model::{ClippingId, ClippingSummary};
use crate::store::Library;

const SUMMARY_COLS: &str = "c.id, c.title, o.name, c.published, c.place, c.status, c.starred,
    c.word_count, c.captured_at, c.deleted_at IS NOT NULL";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClippingSummary> {
    let published: Option<String> = r.get(3)?;
    let published = published.and_then(|d| PartialDate::parse_iso(&d).ok());
    let status: String = r.get(5)?;
    Ok(ClippingSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        authors: Vec::new(),
        date_precision: published.map_or(crate::DatePrecision::Unknown, |d| d.precision()),
        date_label: date_label(published, DateStyle::Short),
        published,
        place: r.get(4)?,
        tags: Vec::new(),
        status: status.parse().unwrap_or_default(),
        starred: r.get(6)?,
        word_count: r.get(7)?,
        captured_at: crate::store::parse_ts(&r.get::<_, String>(8)?)?,
        deleted: r.get(9)?,
        snippet: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
        story: None,
        copies: 1,
        story_sources: 1,
    })
}

impl Library {
    /// One page of the clippings that match `filter`, in `sort` order; with `with_total`, also
    /// how many match in all.
    pub fn search(
        &self,
        filter: &Filter,
        sort: Sort,
        offset: i64,
        limit: i64,
        with_total: bool,
    ) -> Result<SearchPage> {
        let p = plan(self.conn(), filter)?;
        let conn = self.conn();
        let (limit, offset) = (limit.clamp(0, 10_000), offset.max(0));
        let order = order_by(sort, p.fts.is_some(), Some(limit.saturating_add(offset)));
        let mut items: Vec<ClippingSummary> = if p.fts.is_none() {
            // The page's ids first, from the filter's index alone, then their rows: read in one
            // query, every row skipped by the offset is looked up in the table too (for the
            // outlet's join).
            let sql = format!(
                "SELECT {SUMMARY_COLS}, c.excerpt FROM {FROM_PLAIN}
                 WHERE c.id IN (SELECT c.id FROM {} WHERE {} ORDER BY {order} LIMIT {limit} OFFSET {offset})
                 ORDER BY {order}",
                p.from(sort == Sort::Source),
                p.clause()
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                rusqlite::params_from_iter(p.clause.values.iter()),
                summary_row,
            );
            rows.and_then(|r| r.collect()).map_err(fts_error)?
        } else {
            // First the page's ids, then snippets for those alone: SQLite would otherwise build
            // a snippet for every match before sorting them.
            let ids = if sort == Sort::Relevance && p.index_exact {
                self.ranked_in_index(&p, filter.scope, limit, offset)?
            } else {
                let (clause, values) = p.with_match();
                let sql = format!(
                    "SELECT c.id FROM {} WHERE {clause} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
                    p.from(sort == Sort::Source)
                );
                ids_of(conn, &sql, &values)?
            };
            let mut found = self.with_snippets(&ids, p.text_match.as_deref())?;
            ids.iter().filter_map(|id| found.remove(id)).collect()
        };
        let ids: Vec<ClippingId> = items.iter().map(|i| i.id).collect();
        let mut tags = crate::store::tags::of_clippings(conn, &ids)?;
        let mut authors = crate::store::authors_of_many(conn, &ids)?;
        let mut stories = crate::store::stories_of_many(conn, &ids)?;
        for item in &mut items {
            item.tags = tags.remove(&item.id).unwrap_or_default();
            item.authors = authors.remove(&item.id).unwrap_or_default();
            if let Some((story, copies, sources)) = stories.remove(&item.id) {
                (item.story, item.copies, item.story_sources) = (Some(story), copies, sources);
            }
        }
        let total = if with_total {
            Some(self.count(filter)?)
        } else {
            None
        };
        Ok(SearchPage { items, total })
    }

    /// One page of a search that the index decides alone (see `Plan::index_exact`), ranked
    /// there: joined to the clippings, every match's row would be read before the ranking.
    fn ranked_in_index(
        &self,
        p: &Plan,
        scope: Scope,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ClippingId>> {
        let conn = self.conn();
        let most_left_out = self.tuning.trash_left_out_after;
        let words = [Value::Text(p.fts.clone().unwrap_or_default())];
        let trash = "SELECT id FROM clipping WHERE deleted_at IS NOT NULL";
        if scope == Scope::Live {
            // A small trash (read from its own index) is left out afterwards: the first
            // k + t ranked rows hold the first k outside a trash of t. That is cheaper than
            // testing each match against the trash.
            let trashed: HashSet<ClippingId> =
                ids_of(conn, &format!("{trash} LIMIT {}", most_left_out + 1), &[])?
                    .into_iter()
                    .collect();
            if trashed.len() <= most_left_out {
                let k = limit
                    .saturating_add(offset)
                    .saturating_add(trashed.len() as i64);
                let sql = format!(
                    "SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?1 ORDER BY {} LIMIT {k}",
                    order_by(Sort::Relevance, true, Some(k))
                );
                return Ok(ids_of(conn, &sql, &words)?
                    .into_iter()
                    .filter(|id| !trashed.contains(id))
                    .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(limit).unwrap_or(0))
                    .collect());
            }
        }
        let within = match scope {
            Scope::Live => "NOT IN",
            Scope::Trash => "IN",
        };
        let sql = format!(
            "SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?1 AND rowid {within} ({trash})
             ORDER BY {} LIMIT {limit} OFFSET {offset}",
            order_by(Sort::Relevance, true, Some(limit.saturating_add(offset)))
        );
        ids_of(conn, &sql, &words)
    }

    /// The rows of `ids` with a snippet of their text around the words of `text_match`.
    fn with_snippets(
        &self,
        ids: &[ClippingId],
        text_match: Option<&str>,
    ) -> Result<HashMap<ClippingId, ClippingSummary>> {
        let conn = self.conn();
        let terms = snippet::Terms::of_expression(text_match.unwrap_or_default());
        let sql = format!(
            "SELECT {SUMMARY_COLS}, c.excerpt, t.body, c.standfirst
             FROM {FROM_PLAIN} JOIN clipping_text t ON t.clipping_id = c.id
             WHERE c.id IN ({})",
            crate::store::id_list(ids)
        );
        let mut found = HashMap::new();
        let mut without = Vec::new();
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut item = summary_row(r)?;
            let text = |i: usize| r.get_ref(i).ok().and_then(|v| v.as_str().ok());
            match [text(11), text(12)]
                .into_iter()
                .flatten()
                .find_map(|t| terms.snippet(t))
            {
                Some(s) => item.snippet = s,
                // The words are in the headline, which the row shows above the snippet: the
                // opening lines (the excerpt already read) say more than the headline again.
                None if terms.snippet(&item.title).is_some() => {}
                None => without.push(item.id),
            }
            found.insert(item.id, item);
        }
        if !without.is_empty() {
            // The words are elsewhere (a byline, a note) or read differently: FTS5 finds them.
            let sql = format!(
                "SELECT rowid, snippet(clipping_fts, -1, '{HIT_START}', '{HIT_END}', '…', 24)
                 FROM clipping_fts WHERE clipping_fts MATCH ?1 AND rowid IN ({})",
                crate::store::id_list(&without)
            );
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt
                .query_map([text_match], |r| {
                    Ok((r.get::<_, ClippingId>(0)?, r.get(1)?))
                })
                .and_then(|r| r.collect::<rusqlite::Result<Vec<(ClippingId, String)>>>())
                .map_err(fts_error)?;
            for (id, s) in rows {
                if let Some(item) = found.get_mut(&id) {
                    item.snippet = s;
                }
            }
        }
        Ok(found)
    }

    /// How many clippings match `filter`.
    pub fn count(&self, filter: &Filter) -> Result<i64> {
        let p = plan(self.conn(), filter)?;
        if let Some(n) = self.count_words_alone(&p, filter)? {
            return Ok(n);
        }
        let (clause, values) = p.with_match();
        let sql = format!("SELECT count(*) FROM {} WHERE {clause}", p.from(false));
        self.conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(values.iter()), |r| r.get(0))
            .map_err(fts_error)
    }

    /// Words and filters the index holds exactly: FTS5 counts its matches without reading a
    /// row, and the matches in the trash, looked up one by one, are taken off. None when
    /// another filter applies or the trash is too full for that to pay.
    fn count_words_alone(&self, p: &Plan, filter: &Filter) -> Result<Option<i64>> {
        const MOST_TRASHED: i64 = 2_000;
        let Some(words) = &p.fts else {
            return Ok(None);
        };
        if filter.scope != Scope::Live || !p.index_exact {
            return Ok(None);
        }
        let conn = self.conn();
        let trashed: i64 = conn
            .prepare_cached("SELECT count(*) FROM clipping WHERE deleted_at IS NOT NULL")?
            .query_row([], |r| r.get(0))?;
        if trashed > MOST_TRASHED {
            return Ok(None);
        }
        let count = |sql: &str| -> Result<i64> {
            conn.prepare_cached(sql)?
                .query_row([words], |r| r.get(0))
                .map_err(fts_error)
        };
        let all = count("SELECT count(*) FROM clipping_fts WHERE clipping_fts MATCH ?1")?;
        let in_trash = if trashed == 0 {
            0
        } else {
            // CROSS JOIN keeps the trash outside: a seek in the index per trashed clipping.
            count(
                "SELECT count(*) FROM clipping c INDEXED BY clipping_deleted
                 CROSS JOIN clipping_fts ON clipping_fts.rowid = c.id
                 WHERE c.deleted_at IS NOT NULL AND clipping_fts MATCH ?1",
            )?
        };
        Ok(Some(all - in_trash))
    }

    /// The ids of every clipping matching `filter`, in `sort` order (for bulk actions and
    /// exports of a whole filter).
    pub fn matching_ids(&self, filter: &Filter, sort: Sort) -> Result<Vec<ClippingId>> {
        let p = plan(self.conn(), filter)?;
        let (clause, values) = p.with_match();
        let sql = format!(
            "SELECT c.id FROM {} WHERE {clause} ORDER BY {}",
            p.from(sort == Sort::Source),
            order_by(sort, p.fts.is_some(), None)
        );
        ids_of(self.conn(), &sql, &values)
    }
}

/// The ids a query of one column gives.
pub(super) fn ids_of(conn: &Connection, sql: &str, values: &[Value]) -> Result<Vec<ClippingId>> {
    conn.prepare_cached(sql)?
        .query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(0))
        .and_then(|r| r.collect())
        .map_err(fts_error)
}

/// The query is built so FTS5 cannot reject it; should it ever, say so in words.
pub(super) fn fts_error(e: rusqlite::Error) -> Error {
    let msg = e.to_string();
    if msg.contains("fts5") {
        Error::Query(format!("the search could not be run ({msg})"))
    } else {
        Error::Sqlite(e)
    }
}
