//! Counting a list's rows by their stored date, and by date and source or topic: what the
//! timeline and the coverage charts are made of. Every count here is a tally of the rows the
//! list itself would show for the same filter (one a story when copies are grouped), so a
//! chart never says more or less than the list it stands for.

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
    /// Rows per stored date of the list for `filter` narrowed by `parts` and `condition` (see
    /// `plan_narrowed`).
    pub(crate) fn days_matching(
        &self,
        filter: &Filter,
        parts: &[Filter],
        condition: Option<String>,
    ) -> Result<DayCounts> {
        let narrowed = !parts.is_empty() || condition.is_some();
        let p = plan_narrowed(self.conn(), filter, parts, condition)?;
        if !narrowed {
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

    /// Rows per stored date and source of the list for `filter`.
    pub(crate) fn days_by_outlet(&self, filter: &Filter) -> Result<KeyedDayCounts> {
        let p = plan_narrowed(self.conn(), filter, &[], None)?;
        let (clause, values) = p.with_match();
        let sql = format!(
            "SELECT c.published, c.outlet_id, count(*) FROM {} WHERE {clause}
              GROUP BY c.published, c.outlet_id",
            p.from(false)
        );
        self.keyed_days(&sql, &values)
    }

    /// Rows per stored date and line of the list for `filter`, where `lines` gives each tag's
    /// line (a tag and its descendants share their ancestor's); a row under two tags of one
    /// line counts once in it, a row under two lines in each. Rows without a tag come with no
    /// key when `untagged`.
    pub(crate) fn days_by_tag_line(
        &self,
        filter: &Filter,
        lines: &[(i64, i64)],
        untagged: bool,
    ) -> Result<KeyedDayCounts> {
        let p = plan_narrowed(self.conn(), filter, &[], None)?;
        let (clause, values) = p.with_match();
        let mut out = KeyedDayCounts::new();
        if !lines.is_empty() {
            // Ids only, written into the statement: the map is the tag tree, hundreds of rows.
            let map: Vec<String> = lines.iter().map(|(t, l)| format!("({t},{l})")).collect();
            let sql = format!(
                "WITH m(tag_id, line) AS (VALUES {})
                 SELECT c.published, m.line, count(DISTINCT c.id)
                   FROM {} JOIN clipping_tag ct ON ct.clipping_id = c.id
                   JOIN m ON m.tag_id = ct.tag_id
                  WHERE {clause} GROUP BY c.published, m.line",
                map.join(","),
                p.from(false)
            );
            out = self.keyed_days(&sql, &values)?;
        }
        if untagged {
            let sql = format!(
                "SELECT c.published, NULL, count(*) FROM {} WHERE {clause}
                    AND NOT EXISTS (SELECT 1 FROM clipping_tag ct WHERE ct.clipping_id = c.id)
                  GROUP BY c.published",
                p.from(false)
            );
            out.extend(self.keyed_days(&sql, &values)?);
        }
        Ok(out)
    }

    /// Every copy, in the filter's scope, of the stories the list for `filter` shows (copies
    /// grouped): `(story, clipping, headline, stored date, source)`, by story then date.
    pub(crate) fn copies_of_listed_stories(&self, filter: &Filter) -> Result<Vec<ListedCopy>> {
        let grouped = Filter {
            group_copies: true,
            ..filter.clone()
        };
        let p = plan_narrowed(self.conn(), &grouped, &[], None)?;
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

    fn keyed_days(&self, sql: &str, values: &[Value]) -> Result<KeyedDayCounts> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
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
