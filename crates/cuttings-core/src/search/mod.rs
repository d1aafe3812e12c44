//! Listing and searching clippings: one filter model for the app's sidebar and search box, the
//! CLI's flags and saved searches, turned into one SQL query with bound parameters.

mod query;
pub(crate) mod rank;
mod snippet;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

pub use query::{filter_to_query, Query};

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{ClippingId, ClippingSummary, Status};
use crate::store::{tags::subtree_condition, Library};

/// Marks around a search hit inside a snippet. Control characters, so they can never collide
/// with article text and a front end can split on them before escaping.
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

/// Which part of the library a list shows.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Everything outside the trash.
    #[default]
    Live,
    Trash,
}

/// How several chosen tags combine.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    #[default]
    All,
    Any,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first when there are search words, else newest first.
    #[default]
    Relevance,
    /// Newest first; undated last.
    Date,
    /// Oldest first; undated first.
    DateAsc,
    Source,
    Title,
    /// Most recently captured first.
    Captured,
}

/// Everything a list can be narrowed by.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Search text in the search language (see [`Query`]); may carry inline filters.
    pub text: String,
    /// Each includes its descendants.
    pub tags: Vec<String>,
    pub tag_match: Match,
    /// Any of these (names or aliases).
    pub sources: Vec<String>,
    /// Any of these; part of a name is enough.
    pub authors: Vec<String>,
    pub places: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// With a date range, keep clippings whose date is unknown.
    pub include_undated: bool,
    pub status: Option<Status>,
    pub starred: Option<bool>,
    pub scope: Scope,
    /// Only these clippings (a hand-picked selection).
    pub ids: Option<Vec<ClippingId>>,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub items: Vec<ClippingSummary>,
    /// How many match in all, when asked for.
    pub total: Option<i64>,
}

/// A WHERE clause under construction, with its bound values.
struct Where {
    parts: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    fn bind(&mut self, v: impl Into<Value>) -> usize {
        self.values.push(v.into());
        self.values.len()
    }
}

/// The parts of a filter once its text has been parsed and merged with the explicit fields.
struct Plan {
    /// The MATCH expression: the words (in the text columns) and the filter words.
    fts: Option<String>,
    /// The words alone, for snippets.
    text_match: Option<String>,
    clause: Where,
    /// The filter words say exactly what the SQL conditions say (beyond the trash), so the
    /// index alone can find, count and rank the matches without reading a clipping's row.
    index_exact: bool,
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn plan(conn: &rusqlite::Connection, filter: &Filter) -> Result<Plan> {
    let q = Query::parse(&filter.text)?;
    let mut w = Where {
        parts: Vec::new(),
        values: Vec::new(),
    };
    w.parts.push(match filter.scope {
        Scope::Live => "c.deleted_at IS NULL".into(),
        Scope::Trash => "c.deleted_at IS NOT NULL".into(),
    });
    if let Some(x) = &q.exclude {
        let n = w.bind(x.clone());
        w.parts.push(format!(
            "c.id NOT IN (SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?{n})"
        ));
    }

    // When the index drives, only its matches are tested, and few of them before a page is
    // full: each is looked up on its own. Without words, the list of members drives instead.
    let index_first = q.fts.is_some();
    let tag_in = |w: &mut Where, paths: &[String]| -> Result<String> {
        let mut conds = Vec::new();
        for p in paths {
            let p = crate::store::tags::normalize_path(p)?;
            let n = w.bind(p);
            conds.push(subtree_condition("t.path", n));
        }
        Ok(if index_first {
            format!(
                "EXISTS (SELECT 1 FROM clipping_tag ct JOIN tag t ON t.id = ct.tag_id
                         WHERE ct.clipping_id = c.id AND ({}))",
                conds.join(" OR ")
            )
        } else {
            format!(
                "c.id IN (SELECT ct.clipping_id FROM tag t JOIN clipping_tag ct ON ct.tag_id = t.id WHERE {})",
                conds.join(" OR ")
            )
        })
    };
    // Conditions the filter words match exactly (see `facets`): tags, sources, whole years.
    let mut in_index = 0;
    let all_tags: Vec<String> = filter.tags.iter().chain(&q.tags).cloned().collect();
    if !all_tags.is_empty() {
        if filter.tag_match == Match::Any && q.tags.is_empty() {
            let c = tag_in(&mut w, &all_tags)?;
            w.parts.push(c);
            in_index += 1;
        } else {
            for t in &all_tags {
                let c = tag_in(&mut w, std::slice::from_ref(t))?;
                w.parts.push(c);
                in_index += 1;
            }
        }
    }
    let sources: Vec<&String> = filter.sources.iter().chain(&q.sources).collect();
    if !sources.is_empty() {
        let mut conds = Vec::new();
        for s in &sources {
            let n = w.bind(s.trim().to_string());
            conds.push(format!(
                "SELECT id FROM outlet WHERE name = ?{n} UNION ALL SELECT outlet_id FROM outlet_alias WHERE alias = ?{n}"
            ));
        }
        w.parts
            .push(format!("c.outlet_id IN ({})", conds.join(" UNION ALL ")));
        in_index += 1;
    }
    for a in filter.authors.iter().chain(&q.authors) {
        let n = w.bind(format!("%{}%", escape_like(a.trim())));
        w.parts.push(if index_first {
            format!(
                "EXISTS (SELECT 1 FROM clipping_author a WHERE a.clipping_id = c.id
                         AND a.name LIKE ?{n} ESCAPE '\\')"
            )
        } else {
            format!(
                "c.id IN (SELECT clipping_id FROM clipping_author WHERE name LIKE ?{n} ESCAPE '\\')"
            )
        });
    }
    let places: Vec<&String> = filter.places.iter().chain(&q.places).collect();
    if !places.is_empty() {
        let mut conds = Vec::new();
        for p in places {
            let n = w.bind(p.trim().to_string());
            conds.push(format!("c.place = ?{n} COLLATE NOCASE"));
        }
        w.parts.push(format!("({})", conds.join(" OR ")));
    }
    let from = q.from.or(filter.from);
    let to = q.to.or(filter.to);
    if from.is_some() || to.is_some() {
        // A clipping matches when its period (a day, a month or a year) overlaps the range.
        // Dates are stored as reduced ISO text, which sorts as the period's start; appending
        // '~' (above every digit) makes it sort as the period's end.
        let mut conds = vec!["c.published IS NOT NULL".to_string()];
        if let Some(f) = from {
            let n = w.bind(f.first_day().to_string());
            let y = w.bind(format!("{:04}", f.year_value()));
            conds.push(format!(
                "c.published >= ?{y} AND c.published || '~' >= ?{n}"
            ));
        }
        if let Some(t) = to {
            let n = w.bind(t.last_day().to_string());
            conds.push(format!("c.published <= ?{n}"));
        }
        let range = conds.join(" AND ");
        w.parts.push(if filter.include_undated {
            format!("(({range}) OR c.published IS NULL)")
        } else {
            range
        });
        if let (Some(f), Some(t), false) = (from, to, filter.include_undated) {
            if year_words(f, t).is_some()
                && f.first_day() == PartialDate::year(f.year_value())?.first_day()
                && t.last_day() == PartialDate::year(t.year_value())?.last_day()
            {
                in_index += 1;
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            if f.first_day() > t.last_day() {
                return Err(Error::Query(format!(
                    "the range {f} to {t} ends before it starts"
                )));
            }
        }
    }
    if let Some(s) = q.status.or(filter.status) {
        let n = w.bind(s.as_str().to_string());
        w.parts.push(format!("c.status = ?{n}"));
    }
    if let Some(s) = q.starred.or(filter.starred) {
        w.parts.push(format!("c.starred = {}", i32::from(s)));
    }
    if let Some(ids) = &filter.ids {
        w.parts
            .push(format!("c.id IN ({})", crate::store::id_list(ids)));
    }
    let text_match = q.fts.clone();
    let fts = match &text_match {
        Some(m) => {
            let facets = facets(conn, filter, &all_tags, &sources, from, to)?;
            Some(
                std::iter::once(m.clone())
                    .chain(facets)
                    .collect::<Vec<_>>()
                    .join(" AND "),
            )
        }
        None => None,
    };
    Ok(Plan {
        index_exact: fts.is_some() && w.parts.len() == 1 + in_index,
        fts,
        text_match,
        clause: w,
    })
}

/// Filter words for the index, so that tags, sources and years narrow a search before anything
/// is ranked. They only ever admit a superset: the SQL conditions still decide exactly.
fn facets(
    conn: &rusqlite::Connection,
    filter: &Filter,
    tags: &[String],
    sources: &[&String],
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Result<Vec<String>> {
    let years = match (from, to, filter.include_undated) {
        (Some(f), Some(t), false) => year_words(f, t),
        _ => None,
    };
    // Any of `words` will do. With a range of years, each tag or source word is paired with
    // each year (`_t12y2016`, see the index's source view): a topic's clippings of a few
    // years are a short list, where intersecting the topic's list with the years' long ones
    // cost 5 ms at a million clippings whatever the search words.
    let mut paired = false;
    let mut any = |words: &[String]| -> String {
        let words: Vec<String> = match &years {
            Some(ys) if words.len() * ys.len() <= MAX_PAIRED_WORDS => {
                paired = true;
                words
                    .iter()
                    .flat_map(|w| ys.iter().map(move |y| format!("\"{w}y{y}\"")))
                    .collect()
            }
            _ => words.iter().map(|w| format!("\"{w}\"")).collect(),
        };
        format!("facets : ({})", words.join(" OR "))
    };
    let tag_word = |path: &String| -> Result<String> {
        let path = crate::store::tags::normalize_path(path)?;
        // A tag that does not exist matches nothing: _t0 is never written.
        let id = crate::store::tags::find(conn, &path)?.unwrap_or(0);
        Ok(format!("_t{id}"))
    };
    let mut out = Vec::new();
    if !tags.is_empty() {
        let words = tags.iter().map(tag_word).collect::<Result<Vec<_>>>()?;
        if filter.tag_match == Match::Any && words.len() > 1 && tags.len() == filter.tags.len() {
            out.push(any(&words));
        } else {
            out.extend(words.iter().map(|w| any(std::slice::from_ref(w))));
        }
    }
    if !sources.is_empty() {
        // Every outlet the name or alias stands for, as the SQL condition takes them all.
        let mut words = Vec::new();
        for s in sources {
            let ids = crate::store::outlets_named(conn, s.trim())?;
            words.extend(ids.iter().map(|id| format!("_s{id}")));
        }
        if words.is_empty() {
            // An unknown source matches nothing: _s0 is never written.
            words.push("_s0".into());
        }
        out.push(any(&words));
    }
    if let (Some(ys), false) = (&years, paired) {
        let words: Vec<String> = ys.iter().map(|y| format!("\"_y{y}\"")).collect();
        out.push(format!("facets : ({})", words.join(" OR ")));
    }
    Ok(out)
}

/// The most words one group of paired filter words may hold; more narrow no better than the
/// tag or source word and the years apart.
const MAX_PAIRED_WORDS: usize = 100;

/// The years of a range, for filter words; none for a long range, which narrows little and
/// makes a long expression (the SQL condition suffices).
fn year_words(from: PartialDate, to: PartialDate) -> Option<Vec<i32>> {
    let years: Vec<i32> = (from.year_value()..=to.year_value()).collect();
    (!years.is_empty() && years.len() <= 30).then_some(years)
}

/// Clippings and their outlets, for queries without words.
const FROM_PLAIN: &str = "clipping c LEFT JOIN outlet o ON o.id = c.outlet_id";
/// The index drives: every match of the words, then the filters.
const FROM_INDEX_FIRST: &str =
    "clipping_fts JOIN clipping c ON c.id = clipping_fts.rowid LEFT JOIN outlet o ON o.id = c.outlet_id";
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
        published,
        place: r.get(4)?,
        tags: Vec::new(),
        status: status.parse().unwrap_or_default(),
        starred: r.get(6)?,
        word_count: r.get(7)?,
        captured_at: crate::store::parse_ts(&r.get::<_, String>(8)?)?,
        deleted: r.get(9)?,
        snippet: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
    })
}

/// The same without the outlet, for counts and ids. No filter reads the outlet's row (sources
/// are matched on `c.outlet_id`), and SQLite does not drop the unused join by itself: with it,
/// counting 100,000 clippings visits every row (about 190 ms), without it only an index (6 ms).
const FROM_PLAIN_BARE: &str = "clipping c";
const FROM_INDEX_FIRST_BARE: &str = "clipping_fts JOIN clipping c ON c.id = clipping_fts.rowid";

impl Plan {
    /// The FROM clause; `outlet` when the query reads the outlet's name (to show or sort by).
    fn from(&self, outlet: bool) -> &'static str {
        match (self.fts.is_some(), outlet) {
            (true, true) => FROM_INDEX_FIRST,
            (true, false) => FROM_INDEX_FIRST_BARE,
            (false, true) => FROM_PLAIN,
            (false, false) => FROM_PLAIN_BARE,
        }
    }

    fn clause(&self) -> String {
        self.clause.parts.join(" AND ")
    }

    /// The filter clause with the words' MATCH added, and the values to bind.
    fn with_match(&self) -> (String, Vec<Value>) {
        let mut values = self.clause.values.clone();
        let mut clause = self.clause();
        if let Some(f) = &self.fts {
            values.push(Value::Text(f.clone()));
            clause = format!("clipping_fts MATCH ?{} AND {clause}", values.len());
        }
        (clause, values)
    }
}

/// The ORDER BY terms; `top`, for a query with a LIMIT, is the limit plus the offset, which
/// lets the ranking skip exact scores for rows that cannot be among them (see `rank`).
fn order_by(sort: Sort, has_fts: bool, top: Option<i64>) -> std::borrow::Cow<'static, str> {
    std::borrow::Cow::Borrowed(match sort {
        Sort::Relevance if has_fts => {
            return match top {
                Some(k) => format!("cuttings_rank(clipping_fts, {k})").into(),
                None => "cuttings_rank(clipping_fts)".into(),
            }
        }
        Sort::Relevance | Sort::Date => "c.published DESC, c.id DESC",
        Sort::DateAsc => "c.published ASC, c.id ASC",
        Sort::Source => "o.name COLLATE NOCASE, c.published DESC, c.id DESC",
        Sort::Title => "c.title COLLATE NOCASE, c.id",
        Sort::Captured => "c.captured_at DESC, c.id DESC",
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
            // query, every row skipped by the offset was looked up in the table too (for the
            // outlet's join), so row 90,000 of a list took 160 ms instead of 5.
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
        for item in &mut items {
            item.tags = tags.remove(&item.id).unwrap_or_default();
            item.authors = authors.remove(&item.id).unwrap_or_default();
        }
        let total = if with_total {
            Some(self.count(filter)?)
        } else {
            None
        };
        Ok(SearchPage { items, total })
    }

    /// Clippings per stored date for a filter the index decides alone and that matches more
    /// than one clipping in eight: counted along the date index, keeping the ids the index
    /// matched. Looking up each match's row instead took 90-120 ms for a word in every one of
    /// 100,000 clippings. None when the filter is not such a filter.
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
                rusqlite::types::ValueRef::Text(t) => Some(t),
                _ => None,
            };
            match days.last_mut() {
                Some((d, n)) if d.as_deref().map(str::as_bytes) == date => *n += 1,
                _ => days.push((date.map(|t| String::from_utf8_lossy(t).into_owned()), 1)),
            }
        }
        Ok(Some(days))
    }

    /// One page of a search that the index decides alone (see `Plan::index_exact`), ranked
    /// there. Joined to the clippings, every match's row was read first: 22,000 rows for a
    /// common word, a topic and three years in a library of a million, 200 ms.
    fn ranked_in_index(
        &self,
        p: &Plan,
        scope: Scope,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ClippingId>> {
        let conn = self.conn();
        let words = [Value::Text(p.fts.clone().unwrap_or_default())];
        let trash = "SELECT id FROM clipping WHERE deleted_at IS NOT NULL";
        if scope == Scope::Live {
            // A small trash (read from its own index) is left out afterwards: the first
            // k + t ranked rows hold the first k outside a trash of t. Testing each match
            // against the trash instead cost 10-20 ms for a word in 100,000 clippings.
            let trashed: std::collections::HashSet<ClippingId> = ids_of(
                conn,
                &format!("{trash} LIMIT {}", TRASH_LEFT_OUT_AFTER + 1),
                &[],
            )?
            .into_iter()
            .collect();
            if trashed.len() <= TRASH_LEFT_OUT_AFTER {
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
    ) -> Result<std::collections::HashMap<ClippingId, ClippingSummary>> {
        let conn = self.conn();
        let terms = snippet::Terms::of_expression(text_match.unwrap_or_default());
        let sql = format!(
            "SELECT {SUMMARY_COLS}, c.excerpt, t.body, c.standfirst
             FROM {FROM_PLAIN} JOIN clipping_text t ON t.clipping_id = c.id
             WHERE c.id IN ({})",
            crate::store::id_list(ids)
        );
        let mut found = std::collections::HashMap::new();
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
    /// row (22,000 in 1.5 ms, against 18 ms joined to the clippings), and the matches in the
    /// trash, looked up one by one, are taken off. None when another filter applies or the
    /// trash is too full for that to pay.
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

    /// Clippings per month (`YYYY-MM`) among those matching `filter`, ignoring its date range;
    /// clippings dated only to the year are counted apart, as are undated ones.
    pub fn timeline(&self, filter: &Filter) -> Result<Timeline> {
        let mut f = filter.clone();
        f.from = None;
        f.to = None;
        let p = plan(self.conn(), &f)?;
        let days = match self.days_of_many_matches(&p, f.scope)? {
            Some(days) => days,
            None => {
                let (clause, values) = p.with_match();
                // Grouped by the stored date itself (a few thousand days in ten years), then
                // by month here: without words, the date index gives the rows in that order
                // and nothing is sorted, where grouping by month sorted every clipping (35 ms
                // at 100,000, 12 ms now).
                let sql = format!(
                    "SELECT c.published, count(*) FROM {} WHERE {clause} GROUP BY c.published",
                    p.from(false)
                );
                let mut stmt = self.conn().prepare_cached(&sql)?;
                let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
                });
                rows.and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(fts_error)?
            }
        };
        let mut t = Timeline::default();
        let mut months = std::collections::BTreeMap::<String, i64>::new();
        for (date, n) in days {
            match date.as_deref() {
                None => t.undated += n,
                Some(d) if d.len() == 4 => t.year_only += n,
                Some(d) => *months.entry(d.chars().take(7).collect()).or_default() += n,
            }
        }
        t.months = months
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect();
        Ok(t)
    }
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    pub month: String,
    pub count: i64,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub months: Vec<MonthCount>,
    pub year_only: i64,
    pub undated: i64,
}

/// Clippings per stored date (None: undated), in date order.
type DayCounts = Vec<(Option<String>, i64)>;

/// The most clippings in the trash that a ranked search leaves out after ranking (see
/// `ranked_in_index`); past it, each match is tested against the trash.
#[cfg(not(test))]
const TRASH_LEFT_OUT_AFTER: usize = 1000;
/// Small under test, so that the tests' trash takes both ways.
#[cfg(test)]
const TRASH_LEFT_OUT_AFTER: usize = 4;

/// The ids a query of one column gives.
fn ids_of(conn: &rusqlite::Connection, sql: &str, values: &[Value]) -> Result<Vec<ClippingId>> {
    conn.prepare_cached(sql)?
        .query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(0))
        .and_then(|r| r.collect())
        .map_err(fts_error)
}

/// The query is built so FTS5 cannot reject it; should it ever, say so in words.
fn fts_error(e: rusqlite::Error) -> Error {
    let msg = e.to_string();
    if msg.contains("fts5") {
        Error::Query(format!("the search could not be run ({msg})"))
    } else {
        Error::Sqlite(e)
    }
}
