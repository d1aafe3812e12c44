//! Counting a list's rows by their stored date, and by date and source or topic: what the
//! timeline and the coverage charts are made of. Every count here is a tally of the rows the
//! list itself would show for the same filter (one a story when copies are grouped), so a
//! chart never says more or less than the list it stands for.

use std::collections::HashMap;

use rusqlite::types::{Value, ValueRef};

use super::filter::{Filter, Scope};
use super::plan::{plan_narrowed, Plan};
use super::run::{fts_error, ids_of};
use crate::error::Result;
use crate::store::Library;

/// Rows per stored date (None: undated), in date order.
pub(crate) type DayCounts = Vec<(Option<String>, i64)>;

/// Rows per stored date and key (a source or a topic's line; None: the row has none).
pub(crate) type KeyedDayCounts = Vec<(Option<String>, Option<i64>, i64)>;

/// Rows per stored date, set of lines and whether they carry a tag (see
/// `Library::days_by_line_set`).
pub(crate) type LineSets = Vec<((Option<String>, Vec<i64>, bool), i64)>;

/// The stored dates met while streaming rows, each kept once: a library has a few thousand
/// distinct days however many rows it has.
#[derive(Default)]
struct Dates {
    index: HashMap<Vec<u8>, u32>,
    texts: Vec<Option<String>>,
}

impl Dates {
    /// The number standing for this stored date (0 for none).
    fn of(&mut self, v: ValueRef<'_>) -> u32 {
        if self.texts.is_empty() {
            self.texts.push(None);
        }
        let ValueRef::Text(t) = v else {
            return 0;
        };
        if let Some(&i) = self.index.get(t) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.texts
            .push(Some(String::from_utf8_lossy(t).into_owned()));
        self.index.insert(t.to_vec(), i);
        i
    }

    fn text(&self, i: u32) -> Option<String> {
        self.texts.get(i as usize).cloned().flatten()
    }
}

/// One copy of a story the list shows (see `Library::copies_of_listed_stories`).
pub(crate) struct ListedCopy {
    pub story: i64,
    pub id: i64,
    pub title: String,
    /// The stored date, reduced ISO text.
    pub published: Option<String>,
    pub outlet: Option<i64>,
}

impl Library {
    /// Rows per stored date of the list for `filter` narrowed by `parts` (see
    /// `plan_narrowed`).
    pub(crate) fn days_matching(&self, filter: &Filter, parts: &[Filter]) -> Result<DayCounts> {
        let p = plan_narrowed(self.conn(), filter, parts)?;
        if parts.is_empty() {
            if let Some(days) = self.days_of_many_matches(&p, filter.scope)? {
                return Ok(days);
            }
        }
        let (clause, values) = p.with_match();
        // Grouped by the stored date itself (a few thousand days in ten years), then by
        // bucket by the caller: without words, the date index gives the rows in that order
        // and nothing is sorted, where grouping by month sorts every clipping.
        let sql = format!(
            "SELECT c.published, count(*) FROM {} WHERE {clause} GROUP BY c.published",
            p.from(false)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
        });
        rows.and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(fts_error)
    }

    /// Rows per stored date and source of the list for `filter`. The rows are streamed and
    /// counted here rather than grouped by SQLite, which would sort every row first.
    pub(crate) fn days_by_outlet(&self, filter: &Filter) -> Result<KeyedDayCounts> {
        let p = plan_narrowed(self.conn(), filter, &[])?;
        let (clause, values) = p.with_match();
        // The whole library is read from the index of live clippings by source and date, which
        // holds both columns: SQLite's own choice (the status index) reads every row, bodies
        // and all, about twenty times slower.
        let from = if p.whole_library() {
            "clipping c INDEXED BY clipping_outlet_date"
        } else {
            p.from(false)
        };
        let sql = format!("SELECT c.published, c.outlet_id FROM {from} WHERE {clause}");
        let mut dates = Dates::default();
        let mut counts: HashMap<(u32, Option<i64>), i64> = HashMap::new();
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(fts_error)?;
        while let Some(r) = rows.next().map_err(fts_error)? {
            let day = dates.of(r.get_ref(0)?);
            *counts.entry((day, r.get(1)?)).or_default() += 1;
        }
        Ok(counts
            .into_iter()
            .map(|((day, outlet), n)| (dates.text(day), outlet, n))
            .collect())
    }

    /// Rows of the list for `filter` per stored date and set of lines, where `line_of` gives
    /// each tag's line (a tag and its descendants share their ancestor's): a row under two
    /// tags of one line has it once in its set. A row with no tag has an empty set and is
    /// not `tagged`; one whose tags have no line, an empty set and `tagged`.
    pub(crate) fn days_by_line_set(
        &self,
        filter: &Filter,
        line_of: &HashMap<i64, i64>,
    ) -> Result<LineSets> {
        let p = plan_narrowed(self.conn(), filter, &[])?;
        let (clause, values) = p.with_match();
        // One row a tag (or one with none), a clipping's rows together.
        let sql = format!(
            "SELECT c.id, c.published, ct.tag_id FROM {}
               LEFT JOIN clipping_tag ct ON ct.clipping_id = c.id
              WHERE {clause} ORDER BY c.id",
            p.from(false)
        );
        let mut dates = Dates::default();
        let mut counts: HashMap<(u32, Vec<i64>, bool), i64> = HashMap::new();
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(fts_error)?;
        let mut at: Option<(i64, u32, Vec<i64>, bool)> = None;
        let mut flush = |row: Option<(i64, u32, Vec<i64>, bool)>| {
            if let Some((_, day, mut set, tagged)) = row {
                set.sort_unstable();
                set.dedup();
                *counts.entry((day, set, tagged)).or_default() += 1;
            }
        };
        while let Some(r) = rows.next().map_err(fts_error)? {
            let id: i64 = r.get(0)?;
            if at.as_ref().is_none_or(|(was, ..)| *was != id) {
                flush(at.take());
                at = Some((id, dates.of(r.get_ref(1)?), Vec::new(), false));
            }
            if let (Some(tag), Some((_, _, set, tagged))) =
                (r.get::<_, Option<i64>>(2)?, at.as_mut())
            {
                *tagged = true;
                set.extend(line_of.get(&tag).copied());
            }
        }
        flush(at.take());
        Ok(counts
            .into_iter()
            .map(|((day, set, tagged), n)| ((dates.text(day), set, tagged), n))
            .collect())
    }

    /// Every copy, in the filter's scope, of the stories the list for `filter` shows (copies
    /// grouped): `(story, clipping, headline, stored date, source)`, by story then date.
    pub(crate) fn copies_of_listed_stories(&self, filter: &Filter) -> Result<Vec<ListedCopy>> {
        let grouped = Filter {
            group_copies: true,
            ..filter.clone()
        };
        let p = plan_narrowed(self.conn(), &grouped, &[])?;
        let (clause, values) = p.with_match();
        let deleted = match filter.scope {
            Scope::Live => "IS NULL",
            Scope::Trash => "IS NOT NULL",
        };
        let sql = format!(
            "WITH s(id) AS (SELECT DISTINCT c.story_id FROM {} WHERE {clause})
             SELECT c.story_id, c.id, c.title, c.published, c.outlet_id
               FROM s JOIN clipping c ON c.story_id = s.id
              WHERE c.deleted_at {deleted}
              ORDER BY c.story_id, c.published IS NULL, c.published, c.id",
            p.from(false)
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
            Ok(ListedCopy {
                story: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                outlet: r.get(4)?,
            })
        });
        rows.and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(fts_error)
    }

    /// Clippings per stored date for a filter the index decides alone and that matches more
    /// than one clipping in eight: counted along the date index, keeping the ids the index
    /// matched, which is cheaper than looking up so many matches' rows. None when the filter
    /// is not such a filter.
    fn days_of_many_matches(&self, p: &Plan, scope: Scope) -> Result<Option<DayCounts>> {
        let (true, Scope::Live, Some(words)) = (p.index_exact, scope, &p.fts) else {
            return Ok(None);
        };
        let conn = self.conn();
        let last = crate::store::last_clipping_id(conn)?;
        let Some(last) = last.and_then(|l| usize::try_from(l).ok()) else {
            return Ok(None);
        };
        let matched = ids_of(
            conn,
            "SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?1",
            &[Value::Text(words.clone())],
        )?;
        if matched.len() * 8 <= last {
            return Ok(None);
        }
        let mut bits = vec![0u64; last / 64 + 1];
        for id in matched {
            if let Some(w) = usize::try_from(id).ok().and_then(|i| bits.get_mut(i / 64)) {
                *w |= 1 << (id % 64);
            }
        }
        let has = |id: i64| {
            usize::try_from(id)
                .ok()
                .and_then(|i| bits.get(i / 64))
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        // The live clippings' date index, in date order: each day's matches are consecutive.
        let mut stmt = conn.prepare_cached(
            "SELECT published, id FROM clipping INDEXED BY clipping_date WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut days = DayCounts::new();
        while let Some(r) = rows.next()? {
            if !has(r.get(1)?) {
                continue;
            }
            let date = match r.get_ref(0)? {
                ValueRef::Text(t) => Some(t),
                _ => None,
            };
            match days.last_mut() {
                Some((d, n)) if d.as_deref().map(str::as_bytes) == date => *n += 1,
                _ => days.push((date.map(|t| String::from_utf8_lossy(t).into_owned()), 1)),
            }
        }
        Ok(Some(days))
    }
}
