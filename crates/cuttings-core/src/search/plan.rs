//! Turning a [`Filter`] into SQL: the conditions on a clipping's row with their bound values,
//! and, when there are search words, the FTS5 expression with the filter words that narrow it.

use std::borrow::Cow;

use rusqlite::types::Value;
use rusqlite::Connection;

use super::filter::{Filter, Match, Scope, Sort};
use super::filter_words::{self, FilterWord};
use super::Query;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::store::tags::{self, subtree_condition};

/// A WHERE clause under construction, with its bound values.
pub(super) struct Where {
    parts: Vec<String>,
    pub(super) values: Vec<Value>,
    /// How many of the parts, beyond the scope, the filter words do not say (see
    /// `Plan::index_exact`).
    beyond_index: usize,
}

impl Where {
    /// A clause holding the scope alone.
    fn new(scope: Scope) -> Where {
        Where {
            parts: vec![match scope {
                Scope::Live => "c.deleted_at IS NULL".into(),
                Scope::Trash => "c.deleted_at IS NOT NULL".into(),
            }],
            values: Vec::new(),
            beyond_index: 0,
        }
    }

    fn bind(&mut self, v: impl Into<Value>) -> usize {
        self.values.push(v.into());
        self.values.len()
    }

    /// A condition the filter words say exactly too.
    fn push_in_index(&mut self, condition: String) {
        self.parts.push(condition);
    }

    /// A condition only a clipping's row can decide.
    fn push(&mut self, condition: String) {
        self.parts.push(condition);
        self.beyond_index += 1;
    }
}

/// The parts of a filter once its text has been parsed and merged with the explicit fields.
pub(super) struct Plan {
    /// The MATCH expression: the words (in the text columns) and the filter words.
    pub(super) fts: Option<String>,
    /// The words alone, for snippets.
    pub(super) text_match: Option<String>,
    pub(super) clause: Where,
    /// The filter words say exactly what the SQL conditions say (beyond the trash), so the
    /// index alone can find, count and rank the matches without reading a clipping's row.
    pub(super) index_exact: bool,
}

pub(super) fn plan(conn: &Connection, filter: &Filter) -> Result<Plan> {
    plan_narrowed(conn, filter, &[])
}

/// The plan of `filter` narrowed by every filter in `parts` (their conditions and words all
/// apply; their scope and grouping are the first filter's). A chart's line for a saved search
/// is its list narrowed so; grouping copies then keeps the first copy matching all of it, as
/// the list narrowed by hand would.
pub(super) fn plan_narrowed(conn: &Connection, filter: &Filter, parts: &[Filter]) -> Result<Plan> {
    let all: Vec<&Filter> = std::iter::once(filter).chain(parts).collect();
    let queries = all
        .iter()
        .map(|f| Query::parse(&f.text))
        .collect::<Result<Vec<_>>>()?;
    // When the index drives, only its matches are tested, and few of them before a page is
    // full: each is looked up on its own. Without words, the list of members drives instead.
    let index_first = queries.iter().any(|q| q.fts.is_some());
    let mut w = Where::new(filter.scope);
    let mut fts = Vec::new();
    let mut words = Vec::new();
    for (f, q) in all.iter().zip(&queries) {
        fts.extend(conditions(conn, &mut w, f, q, index_first)?);
        words.extend(q.fts.clone());
    }
    if filter.group_copies {
        group_copies(&mut w, filter.scope);
    }
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join(" AND "));
    let fts = if index_first { join(fts) } else { None };
    Ok(Plan {
        index_exact: fts.is_some() && w.beyond_index == 0,
        fts,
        text_match: join(words),
        clause: w,
    })
}

/// Adds one filter's conditions to `w`; returns the parts of the MATCH expression they call
/// for when the index drives (the words, then the filter words that narrow them).
fn conditions(
    conn: &Connection,
    w: &mut Where,
    filter: &Filter,
    q: &Query,
    index_first: bool,
) -> Result<Vec<String>> {
    if let Some(x) = &q.exclude {
        let n = w.bind(x.clone());
        w.push(format!(
            "c.id NOT IN (SELECT rowid FROM clipping_fts WHERE clipping_fts MATCH ?{n})"
        ));
    }
    let all_tags: Vec<String> = filter.tags.iter().chain(&q.tags).cloned().collect();
    let any_tag = tags_any(filter, q);
    tag_conditions(w, &all_tags, any_tag, index_first)?;
    let sources: Vec<&String> = filter.sources.iter().chain(&q.sources).collect();
    source_condition(w, &sources);
    author_conditions(w, filter.authors.iter().chain(&q.authors), index_first);
    place_condition(w, filter.places.iter().chain(&q.places));
    let from = q.from.or(filter.from);
    let to = q.to.or(filter.to);
    date_condition(w, from, to, filter.include_undated)?;
    if let Some(s) = q.status.or(filter.status) {
        let n = w.bind(s.as_str().to_string());
        w.push(format!("c.status = ?{n}"));
    }
    if let Some(s) = q.starred.or(filter.starred) {
        w.push(format!("c.starred = {}", i32::from(s)));
    }
    if let Some(ids) = &filter.ids {
        w.push(format!("c.id IN ({})", crate::store::id_list(ids)));
    }
    if let Some(story) = q.story {
        let n = w.bind(story);
        w.push(format!("c.story_id = ?{n}"));
    }
    if let Some(original) = q.original {
        w.push(format!("c.story_first = {}", i32::from(original)));
    }
    if q.suggested {
        w.push("c.id IN (SELECT clipping_id FROM clipping_offer)".into());
    }
    if q.auto_tagged {
        w.push("c.id IN (SELECT clipping_id FROM clipping_tag WHERE auto = 1)".into());
    }
    if !index_first {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = q.fts.iter().cloned().collect();
    out.extend(facets(
        conn, filter, any_tag, &all_tags, &sources, from, to,
    )?);
    Ok(out)
}

/// One row per story: a clipping is left out when a copy ahead of it in its story (see
/// `store::stories`) matches the same conditions. The conditions are written again inside,
/// where `c` names that copy; numbered parameters bind the same values twice. A story's lead
/// (nearly every clipping) is decided without the inner query. The search words are not in
/// the conditions: a pickup is left out for a copy ahead that matches the filters, whose
/// text is nearly its own.
fn group_copies(w: &mut Where, scope: Scope) {
    if scope == Scope::Live && w.parts.len() == 1 {
        // Nothing but "outside the trash": each story's copy at 0 is outside it whenever any
        // is (see `store::stories::restack`), so that copy alone stands for it, read from an
        // index of those copies by date.
        w.push("c.story_pos = 0".into());
        return;
    }
    let inner = w.parts.join(" AND ");
    w.push(format!(
        "(c.story_pos = 0 OR NOT EXISTS (SELECT 1 FROM clipping i
            WHERE i.story_id = c.story_id AND i.story_pos < c.story_pos
              AND EXISTS (SELECT 1 FROM clipping c WHERE c.id = i.id AND {inner})))"
    ));
}

/// Each tag includes its descendants; with `any`, one condition for all of them, else one
/// each.
/// Whether the chosen tags ask for any of them: chosen in the window as "any of", or typed as
/// `tag:A OR tag:B`. Tags from both places at once must all match.
fn tags_any(filter: &Filter, q: &Query) -> bool {
    (filter.tag_match == Match::Any && q.tags.is_empty())
        || (q.tag_match == Match::Any && filter.tags.is_empty())
}

fn tag_conditions(w: &mut Where, all_tags: &[String], any: bool, index_first: bool) -> Result<()> {
    if all_tags.is_empty() {
        return Ok(());
    }
    let mut tag_in = |paths: &[String]| -> Result<()> {
        let mut conds = Vec::new();
        for p in paths {
            let p = tags::normalize_path(p)?;
            let n = w.bind(p);
            conds.push(subtree_condition("t.path", n));
        }
        w.push_in_index(if index_first {
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
        });
        Ok(())
    };
    if any {
        tag_in(all_tags)
    } else {
        all_tags
            .iter()
            .try_for_each(|t| tag_in(std::slice::from_ref(t)))
    }
}

/// Any of the sources, each by its name or an alias.
fn source_condition(w: &mut Where, sources: &[&String]) {
    if sources.is_empty() {
        return;
    }
    let mut conds = Vec::new();
    for s in sources {
        let n = w.bind(s.trim().to_string());
        conds.push(format!(
            "SELECT id FROM outlet WHERE name = ?{n} UNION ALL SELECT outlet_id FROM outlet_alias WHERE alias = ?{n}"
        ));
    }
    w.push_in_index(format!("c.outlet_id IN ({})", conds.join(" UNION ALL ")));
}

/// Each author, part of a name being enough.
fn author_conditions<'a>(
    w: &mut Where,
    authors: impl Iterator<Item = &'a String>,
    index_first: bool,
) {
    for a in authors {
        let n = w.bind(format!("%{}%", escape_like(a.trim())));
        w.push(if index_first {
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
}

/// Any of the places.
fn place_condition<'a>(w: &mut Where, places: impl Iterator<Item = &'a String>) {
    let mut conds = Vec::new();
    for p in places {
        let n = w.bind(p.trim().to_string());
        conds.push(format!("c.place = ?{n} COLLATE NOCASE"));
    }
    if !conds.is_empty() {
        w.push(format!("({})", conds.join(" OR ")));
    }
}

/// A clipping matches when its period (a day, a month or a year) overlaps the range. Dates
/// are stored as reduced ISO text, which sorts as the period's start; appending '~' (above
/// every digit) makes it sort as the period's end.
fn date_condition(
    w: &mut Where,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    include_undated: bool,
) -> Result<()> {
    if from.is_none() && to.is_none() {
        return Ok(());
    }
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
    let condition = if include_undated {
        format!("(({range}) OR c.published IS NULL)")
    } else {
        range
    };
    // Whole years without the undated: the year words say exactly that.
    let whole_years = match (from, to, include_undated) {
        (Some(f), Some(t), false) => {
            year_words(f, t).is_some()
                && f.first_day() == PartialDate::year(f.year_value())?.first_day()
                && t.last_day() == PartialDate::year(t.year_value())?.last_day()
        }
        _ => false,
    };
    if whole_years {
        w.push_in_index(condition);
    } else {
        w.push(condition);
    }
    if let (Some(f), Some(t)) = (from, to) {
        if f.first_day() > t.last_day() {
            return Err(Error::Query(format!(
                "the range {f} to {t} ends before it starts"
            )));
        }
    }
    Ok(())
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Filter words for the index, so that tags, sources and years narrow a search before anything
/// is ranked. They only ever admit a superset: the SQL conditions still decide exactly.
fn facets(
    conn: &Connection,
    filter: &Filter,
    any_tag: bool,
    tags: &[String],
    sources: &[&String],
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Result<Vec<String>> {
    let years = match (from, to, filter.include_undated) {
        (Some(f), Some(t), false) => year_words(f, t),
        _ => None,
    };
    let quoted = |w: FilterWord| format!("\"{w}\"");
    // Any of `words` will do. With a range of years, each tag or source word is paired with
    // each year (`_t12y2016`): a topic's clippings of a few years are a short list of their
    // own, where the years' lists are long whatever the topic.
    let mut paired = false;
    let mut any = |words: &[FilterWord]| -> String {
        let words: Vec<String> = match &years {
            Some(ys) if words.len() * ys.len() <= MAX_PAIRED_WORDS => {
                paired = true;
                words
                    .iter()
                    .flat_map(|&w| ys.iter().map(move |&y| quoted(w.in_year(y))))
                    .collect()
            }
            _ => words.iter().map(|&w| quoted(w)).collect(),
        };
        format!("facets : ({})", words.join(" OR "))
    };
    let tag_word = |path: &String| -> Result<FilterWord> {
        let path = tags::normalize_path(path)?;
        let id = tags::find(conn, &path)?.unwrap_or(filter_words::NO_ID);
        Ok(FilterWord::Tag(id))
    };
    let mut out = Vec::new();
    if !tags.is_empty() {
        let words = tags.iter().map(tag_word).collect::<Result<Vec<_>>>()?;
        if any_tag && words.len() > 1 {
            out.push(any(&words));
        } else {
            out.extend(words.iter().map(|w| any(std::slice::from_ref(w))));
        }
    }
    if !sources.is_empty() {
        // Every outlet the name or alias stands for, as the SQL condition takes them all.
        let mut words = Vec::new();
        for s in sources {
            let ids = crate::store::sources_named(conn, s.trim())?;
            words.extend(ids.into_iter().map(FilterWord::Source));
        }
        if words.is_empty() {
            words.push(FilterWord::Source(filter_words::NO_ID));
        }
        out.push(any(&words));
    }
    if let (Some(ys), false) = (&years, paired) {
        let words: Vec<String> = ys.iter().map(|&y| quoted(FilterWord::Year(y))).collect();
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
pub(super) const FROM_PLAIN: &str = "clipping c LEFT JOIN outlet o ON o.id = c.outlet_id";
/// The index drives: every match of the words, then the filters.
const FROM_INDEX_FIRST: &str =
    "clipping_fts JOIN clipping c ON c.id = clipping_fts.rowid LEFT JOIN outlet o ON o.id = c.outlet_id";
/// The same without the outlet, for counts and ids. No filter reads the outlet's row (sources
/// are matched on `c.outlet_id`), and SQLite does not drop the unused join by itself: with it,
/// a count visits every clipping's row, without it only an index.
const FROM_PLAIN_BARE: &str = "clipping c";
const FROM_INDEX_FIRST_BARE: &str = "clipping_fts JOIN clipping c ON c.id = clipping_fts.rowid";

impl Plan {
    /// The FROM clause; `source` when the query reads the outlet's name (to show or sort by).
    pub(super) fn from(&self, source: bool) -> &'static str {
        match (self.fts.is_some(), source) {
            (true, true) => FROM_INDEX_FIRST,
            (true, false) => FROM_INDEX_FIRST_BARE,
            (false, true) => FROM_PLAIN,
            (false, false) => FROM_PLAIN_BARE,
        }
    }

    /// Whether the plan is every clipping outside the trash, nothing else: the case an
    /// index made for one query can serve alone.
    pub(super) fn whole_library(&self) -> bool {
        self.fts.is_none() && self.clause.parts == ["c.deleted_at IS NULL"]
    }

    pub(super) fn clause(&self) -> String {
        self.clause.parts.join(" AND ")
    }

    /// The filter clause with the words' MATCH added, and the values to bind.
    pub(super) fn with_match(&self) -> (String, Vec<Value>) {
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
pub(super) fn order_by(sort: Sort, has_fts: bool, top: Option<i64>) -> Cow<'static, str> {
    Cow::Borrowed(match sort {
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
