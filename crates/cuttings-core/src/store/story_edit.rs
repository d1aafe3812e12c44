//! The user's decisions on stories: a copy split out, stories merged, the copy to keep; and
//! placing the clippings of a library from before stories.

use rusqlite::params;

use super::stories::{join_all, members, new_story, place, restack, set_story, story_of, StoryId};
use super::Library;
use crate::error::{Error, Result};
use crate::model::ClippingId;

impl Library {
    /// Takes a copy out of its story into one of its own; remembered, since Cuttings never
    /// moves a clipping it has placed.
    pub fn split_copy(&mut self, id: ClippingId) -> Result<StoryId> {
        self.write(|tx| {
            let old = story_of(tx, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            if members(tx, old)?.len() < 2 {
                return Err(Error::Conflict(format!(
                    "clipping {id} is the only copy of its story: there is nothing to split it from"
                )));
            }
            let story = new_story(tx)?;
            set_story(tx, id, story, true)?;
            tx.prepare_cached("UPDATE story SET kept_id = NULL WHERE id = ?1 AND kept_id = ?2")?
                .execute(params![old, id])?;
            restack(tx, old)?;
            Ok(story)
        })
    }

    /// Merges stories into the first: every copy of the others joins it.
    pub fn merge_stories(&mut self, stories: &[StoryId]) -> Result<StoryId> {
        let Some(&into) = stories.first() else {
            return Err(Error::invalid(
                "stories",
                "name at least two stories to merge",
            ));
        };
        self.write(|tx| {
            let mut ids = Vec::new();
            for &s in stories {
                let m = members(tx, s)?;
                if m.is_empty() {
                    return Err(Error::not_found("story", s));
                }
                ids.extend(m);
            }
            if stories.iter().all(|&s| s == into) {
                return Err(Error::invalid(
                    "stories",
                    "name two different stories to merge",
                ));
            }
            join_all(tx, &ids)?;
            Ok(into)
        })
    }

    /// The stories of these clippings merged into the first one's.
    pub fn merge_stories_of(&mut self, ids: &[ClippingId]) -> Result<StoryId> {
        let mut stories = Vec::new();
        for &id in ids {
            let s = story_of(self.conn(), id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            if !stories.contains(&s) {
                stories.push(s);
            }
        }
        self.merge_stories(&stories)
    }

    /// Marks the copy that stands for its story in grouped lists and reports.
    pub fn keep_copy(&mut self, id: ClippingId) -> Result<()> {
        self.write(|tx| {
            let story = story_of(tx, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            tx.prepare_cached("UPDATE story SET kept_id = ?1 WHERE id = ?2")?
                .execute(params![id, story])?;
            restack(tx, story)
        })
    }

    /// No copy chosen for this clipping's story any more: the earliest stands for it again
    /// (what undoes [`Library::keep_copy`] when none was chosen before).
    pub fn unkeep_copy(&mut self, id: ClippingId) -> Result<()> {
        self.write(|tx| {
            let story = story_of(tx, id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            tx.prepare_cached("UPDATE story SET kept_id = NULL WHERE id = ?1")?
                .execute(params![story])?;
            restack(tx, story)
        })
    }

    /// Places every clipping that has no story yet (a library from before stories), oldest
    /// first, so each story's first copy is found before its pickups. Returns how many.
    pub fn place_unplaced(&mut self) -> Result<usize> {
        let mut done = 0;
        loop {
            let batch: Vec<(ClippingId, String)> = self
                .conn()
                .prepare_cached(
                    "SELECT c.id, t.body FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id
                      WHERE c.story_id IS NULL
                      ORDER BY c.published IS NULL, c.published, c.id LIMIT 1000",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if batch.is_empty() {
                return Ok(done);
            }
            self.write(|tx| {
                for (id, body) in &batch {
                    place(tx, *id, body)?;
                }
                Ok(())
            })?;
            done += batch.len();
        }
    }
}
