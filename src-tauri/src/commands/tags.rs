//! The topic tree: filing clippings under tags, and renaming, merging, recolouring, deleting.

use cuttings_core::{ClippingId, Tag};
use tauri::State;

use crate::error::Res;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn tags(state: State<'_, AppState>) -> Res<Vec<Tag>> {
    state.with(|l| l.tags())
}

/// Files clippings under a tag, creating it (and its parents) if it is new.
#[tauri::command]
#[specta::specta]
pub fn tag_clippings(state: State<'_, AppState>, ids: Vec<ClippingId>, path: String) -> Res<usize> {
    state.with(|l| l.tag_clippings(&ids, &path))
}

#[tauri::command]
#[specta::specta]
pub fn untag_clippings(
    state: State<'_, AppState>,
    ids: Vec<ClippingId>,
    path: String,
) -> Res<usize> {
    state.with(|l| l.untag_clippings(&ids, &path))
}

#[tauri::command]
#[specta::specta]
pub fn rename_tag(state: State<'_, AppState>, from: String, to: String) -> Res<()> {
    state.with(|l| l.rename_tag(&from, &to))
}

#[tauri::command]
#[specta::specta]
pub fn merge_tags(state: State<'_, AppState>, from: String, into: String) -> Res<usize> {
    state.with(|l| l.merge_tags(&from, &into))
}

#[tauri::command]
#[specta::specta]
pub fn delete_tag(state: State<'_, AppState>, path: String) -> Res<()> {
    state.with(|l| l.delete_tag(&path))
}

#[tauri::command]
#[specta::specta]
pub fn set_tag_colour(state: State<'_, AppState>, path: String, colour: Option<String>) -> Res<()> {
    state.with(|l| l.set_tag_colour(&path, colour.as_deref()))
}
