//! The user's decisions on stories: a copy split out, stories merged, the copy to keep; and
//! placing the clippings of a library from before stories.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::stories::{join_all, members, new_story, place, restack, set_story, story_of, StoryId};
use super::Library;
use crate::error::{Error, Result};
use crate::model::ClippingId;

/// The stories a merge joined to the first, as they were: what [`Library::undo_merge`] puts
/// back.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeUndo {
    pub stories: Vec<StoryBefore>,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryBefore {
    pub copies: Vec<ClippingId>,
    /// The copy the user had chosen to stand for it.
    pub kept: Option<ClippingId>,
}

/// A merge done, and how to undo it.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged {
    pub story: StoryId,
    pub undo: MergeUndo,
}

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

    /// [`Library::merge_stories_of`], with what undoes it.
    pub fn merge_stories_undoably(&mut self, ids: &[ClippingId]) -> Result<Merged> {
        let mut stories = Vec::new();
        for &id in ids {
            let s = story_of(self.conn(), id)?.ok_or_else(|| Error::not_found("clipping", id))?;
            if !stories.contains(&s) {
                stories.push(s);
            }
        }
        let mut before = Vec::new();
        for &s in stories.iter().skip(1) {
            let kept = self
                .conn()
                .query_row("SELECT kept_id FROM story WHERE id = ?1", [s], |r| r.get(0))
                .optional()?
                .flatten();
            before.push(StoryBefore {
                copies: members(self.conn(), s)?,
                kept,
            });
        }
        let story = self.merge_stories(&stories)?;
        Ok(Merged {
            story,
            undo: MergeUndo { stories: before },
        })
    }

    /// Puts back the stories a merge joined: each copy taken out on its own (a merge moves
    /// whole stories, so they come out one by one), then each story's copies made one again,
    /// with the copy it kept. Remembered as the user's decisions, as the merge was.
    pub fn undo_merge(&mut self, undo: &MergeUndo) -> Result<()> {
        for s in &undo.stories {
            for &c in &s.copies {
                self.split_copy(c)?;
            }
            if s.copies.len() > 1 {
                self.merge_stories_of(&s.copies)?;
            }
            if let Some(k) = s.kept {
                self.keep_copy(k)?;
            }
        }
        Ok(())
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
