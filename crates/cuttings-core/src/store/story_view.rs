//! Reading stories: a story with its copies and what each changes, the stories matching a
//! filter, each row's story and copies, the sidebar's counts in stories, and the "Group
//! copies" choice each library remembers.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::stories::{story_of, StoryId};
use super::{id_list, Library};
use crate::date::PartialDate;
use crate::date_format::{date_label, DateStyle};
use crate::error::{Error, Result};
use crate::model::ClippingId;
use crate::stories::{article, difference};

/// One copy of a story, as the story view lists it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCopy {
    pub id: ClippingId,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<PartialDate>,
    pub date_label: String,
    pub word_count: i64,
    /// The copy that stands for the story (the one kept, else the earliest).
    pub lead: bool,
    /// The earliest-dated copy: who had it first.
    pub first: bool,
    /// Chosen by the user as the copy to keep.
    pub kept: bool,
    /// Split out or merged in by the user rather than grouped by Cuttings.
    pub by_user: bool,
    pub deleted: bool,
    /// Sentences this copy has that the lead does not, as the copy writes them.
    pub added: Vec<String>,
    /// Words of the lead this copy does not carry.
    pub words_left_out: i64,
}

/// The clippings that carry one article, the lead first, then by date.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub copies: Vec<StoryCopy>,
    /// Distinct sources among the copies outside the trash (copies without one not counted).
    pub sources: i64,
}

/// `(story, copies outside the trash, distinct sources among them)` for each clipping given.
pub(crate) fn stories_of_many(
    conn: &Connection,
    ids: &[ClippingId],
) -> Result<HashMap<ClippingId, (StoryId, i64, i64)>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT c.id, c.story_id,
                (SELECT count(*) FROM clipping d WHERE d.story_id = c.story_id AND d.deleted_at IS NULL),
                (SELECT count(DISTINCT d.outlet_id) FROM clipping d
                  WHERE d.story_id = c.story_id AND d.deleted_at IS NULL)
           FROM clipping c WHERE c.id IN ({}) AND c.story_id IS NOT NULL",
        id_list(ids)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, ClippingId>(0)?,
            (r.get(1)?, r.get(2)?, r.get(3)?),
        ))
    })?;
    for row in rows {
        let (id, v) = row?;
        out.insert(id, v);
    }
    Ok(out)
}

impl Library {
    /// The story a clipping belongs to, with every copy and what each changes.
    pub fn story_of_clipping(&self, id: ClippingId) -> Result<Story> {
        let story = story_of(self.conn(), id)?.ok_or_else(|| Error::not_found("clipping", id))?;
        self.story(story)
    }

    /// A story with its copies, the lead first; each copy with what it adds to the lead and
    /// how much of the lead it leaves out.
    pub fn story(&self, story: StoryId) -> Result<Story> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.title, o.name, c.published, c.word_count, c.story_pos = 0,
                    c.story_first, coalesce(c.id = s.kept_id, 0), c.story_by_user, c.deleted_at IS NOT NULL,
                    t.body
               FROM clipping c JOIN story s ON s.id = c.story_id
               JOIN clipping_text t ON t.clipping_id = c.id
               LEFT JOIN outlet o ON o.id = c.outlet_id
              WHERE c.story_id = ?1 ORDER BY c.story_pos",
        )?;
        let rows: Vec<(StoryCopy, String)> = stmt
            .query_map([story], |r| {
                let published: Option<String> = r.get(3)?;
                let published = published.and_then(|d| PartialDate::parse_iso(&d).ok());
                Ok((
                    StoryCopy {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        source: r.get(2)?,
                        date_label: date_label(published, DateStyle::Short),
                        published,
                        word_count: r.get(4)?,
                        lead: r.get(5)?,
                        first: r.get(6)?,
                        kept: r.get(7)?,
                        by_user: r.get(8)?,
                        deleted: r.get(9)?,
                        added: Vec::new(),
                        words_left_out: 0,
                    },
                    r.get(10)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(Error::not_found("story", story));
        }
        let lead = article(&rows[0].1);
        let mut sources = std::collections::HashSet::new();
        let copies = rows
            .into_iter()
            .enumerate()
            .map(|(i, (mut copy, body))| {
                if i > 0 {
                    let d = difference(&lead, &article(&body));
                    copy.added = d.added;
                    copy.words_left_out = d.words_left_out as i64;
                }
                if let (false, Some(source)) = (copy.deleted, &copy.source) {
                    sources.insert(source.clone());
                }
                copy
            })
            .collect();
        Ok(Story {
            id: story,
            copies,
            sources: sources.len() as i64,
        })
    }
}

/// The meta key of the "Group copies" choice, kept in the library file so each library
/// remembers its own.
const GROUP_KEY: &str = "group_copies";

/// How many stories (not clippings) the library and each of its views hold, and how many carry
/// each topic and each source outside the trash: the sidebar's counts while copies are grouped.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryCounts {
    pub stories: i64,
    /// The stories with a copy in the inbox, starred, archived and in the trash: what those
    /// views list when copies are grouped.
    pub inbox: i64,
    pub starred: i64,
    pub archived: i64,
    pub trash: i64,
    /// Tag id and the stories carrying it or one of its descendants.
    pub tags: Vec<(i64, i64)>,
    /// Source id and its stories.
    pub sources: Vec<(i64, i64)>,
}

impl Library {
    /// Whether lists in the window show one row per story.
    pub fn group_copies(&self) -> Result<bool> {
        Ok(self.meta(GROUP_KEY)?.as_deref() == Some("1"))
    }

    pub fn set_group_copies(&mut self, on: bool) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![GROUP_KEY, if on { "1" } else { "0" }],
        )?;
        Ok(())
    }

    pub fn story_counts(&self) -> Result<StoryCounts> {
        let conn = self.conn();
        let pairs = |sql: &str| -> Result<Vec<(i64, i64)>> {
            Ok(conn
                .prepare_cached(sql)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?)
        };
        // One pass over the clippings for the whole library and each view.
        let (stories, inbox, starred, archived, trash) = conn
            .prepare_cached(
                "SELECT count(DISTINCT CASE WHEN deleted_at IS NULL THEN story_id END),
                        count(DISTINCT CASE WHEN deleted_at IS NULL AND status = 'inbox'
                                            THEN story_id END),
                        count(DISTINCT CASE WHEN deleted_at IS NULL AND starred THEN story_id END),
                        count(DISTINCT CASE WHEN deleted_at IS NULL AND status = 'archived'
                                            THEN story_id END),
                        count(DISTINCT CASE WHEN deleted_at IS NOT NULL THEN story_id END)
                   FROM clipping",
            )?
            .query_row([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        Ok(StoryCounts {
            stories,
            inbox,
            starred,
            archived,
            trash,
            tags: tag_stories(conn)?,
            sources: pairs(
                "SELECT outlet_id, count(DISTINCT story_id) FROM clipping
                  WHERE deleted_at IS NULL AND outlet_id IS NOT NULL GROUP BY outlet_id",
            )?,
        })
    }
}

/// Tag id and the stories carrying it or one of its descendants, outside the trash. One pass
/// over the clippings in story order (the story index), each story adding itself once to every
/// ancestor of its copies' tags: a join of every clipping's tags against every tag's subtree
/// compared paths for each pair, which at a few thousand clippings was most of the sidebar's
/// time and grew with tags times clippings.
fn tag_stories(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut tally = super::tags::AncestorTally::new(super::tags::ancestors(conn)?);
    let mut stmt = conn.prepare_cached(
        "SELECT c.story_id, ct.tag_id
           FROM clipping c INDEXED BY clipping_story
           JOIN clipping_tag ct ON ct.clipping_id = c.id
          WHERE c.story_id IS NOT NULL AND c.deleted_at IS NULL
          ORDER BY c.story_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        tally.add(r.get(0)?, r.get(1)?);
    }
    let mut out: Vec<(i64, i64)> = tally.total.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

impl Library {
    /// The stories with a copy matching `filter`, in `sort` order of the first copy that
    /// matches, each in full; only those carried by at least `min_copies` clippings (outside
    /// the trash), skipping the first `offset` of them.
    pub fn stories(
        &self,
        filter: &crate::search::Filter,
        sort: crate::search::Sort,
        offset: usize,
        limit: usize,
        min_copies: i64,
    ) -> Result<Vec<Story>> {
        const PAGE: i64 = 200;
        let grouped = crate::search::Filter {
            group_copies: true,
            ..filter.clone()
        };
        let (mut out, mut skipped, mut at) = (Vec::new(), 0, 0);
        loop {
            let page = self.search(&grouped, sort, at, PAGE, false)?;
            for row in &page.items {
                if row.copies < min_copies {
                    continue;
                }
                if skipped < offset {
                    skipped += 1;
                    continue;
                }
                if out.len() == limit {
                    return Ok(out);
                }
                if let Some(s) = row.story {
                    out.push(self.story(s)?);
                }
            }
            if (page.items.len() as i64) < PAGE {
                return Ok(out);
            }
            at += PAGE;
        }
    }
}
