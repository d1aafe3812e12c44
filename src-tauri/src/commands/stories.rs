//! Stories: the copies of one article, splitting and merging them, the copy to keep, related
//! reporting, and the "Group copies" choice each library remembers.

use cuttings_core::store::{MergeUndo, Merged, Related, Story, StoryCounts, StoryId};
use cuttings_core::ClippingId;
use tauri::State;

use crate::error::Res;
use crate::state::AppState;

/// The story a clipping belongs to, every copy with what it changes.
#[tauri::command]
#[specta::specta]
pub fn story_of(state: State<'_, AppState>, id: ClippingId) -> Res<Story> {
    state.with(|l| l.story_of_clipping(id))
}

#[tauri::command]
#[specta::specta]
pub fn split_copy(state: State<'_, AppState>, id: ClippingId) -> Res<StoryId> {
    state.with(|l| l.split_copy(id))
}

/// Merges the stories of these clippings into the first one's; the answer's `undo` puts them
/// back (`undo_merge`).
#[tauri::command]
#[specta::specta]
pub fn merge_stories(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<Merged> {
    state.with(|l| l.merge_stories_undoably(&ids))
}

#[tauri::command]
#[specta::specta]
pub fn undo_merge(state: State<'_, AppState>, undo: MergeUndo) -> Res<()> {
    state.with(|l| l.undo_merge(&undo))
}

#[tauri::command]
#[specta::specta]
pub fn keep_copy(state: State<'_, AppState>, id: ClippingId) -> Res<()> {
    state.with(|l| l.keep_copy(id))
}

/// No copy chosen for the story of this clipping: the earliest stands for it again.
#[tauri::command]
#[specta::specta]
pub fn unkeep_copy(state: State<'_, AppState>, id: ClippingId) -> Res<()> {
    state.with(|l| l.unkeep_copy(id))
}

#[tauri::command]
#[specta::specta]
pub fn related(state: State<'_, AppState>, id: ClippingId, limit: usize) -> Res<Vec<Related>> {
    state.with(|l| l.related(id, limit))
}

#[tauri::command]
#[specta::specta]
pub fn group_copies(state: State<'_, AppState>) -> Res<bool> {
    state.with(|l| l.group_copies())
}

#[tauri::command]
#[specta::specta]
pub fn set_group_copies(state: State<'_, AppState>, on: bool) -> Res<()> {
    state.with(|l| l.set_group_copies(on))
}

/// The sidebar's counts in stories, for while copies are grouped.
#[tauri::command]
#[specta::specta]
pub fn story_counts(state: State<'_, AppState>) -> Res<StoryCounts> {
    state.with(|l| l.story_counts())
}
