//! Listing, reading, changing, trashing and annotating clippings.

use cuttings_core::{Clipping, ClippingId, ClippingPatch, Filter, Note, SearchPage, Sort};
use tauri::State;

use crate::error::Res;
use crate::state::AppState;

/// One page of the list; the UI pages through it as the list scrolls.
#[tauri::command]
#[specta::specta]
pub fn search(
    state: State<'_, AppState>,
    filter: Filter,
    sort: Sort,
    offset: i64,
    limit: i64,
    with_total: bool,
) -> Res<SearchPage> {
    state.with(|l| l.search(&filter, sort, offset, limit, with_total))
}

/// Every id matching a filter, for "select all" over more rows than are loaded.
#[tauri::command]
#[specta::specta]
pub fn matching_ids(
    state: State<'_, AppState>,
    filter: Filter,
    sort: Sort,
) -> Res<Vec<ClippingId>> {
    state.with(|l| l.matching_ids(&filter, sort))
}

#[tauri::command]
#[specta::specta]
pub fn clipping(state: State<'_, AppState>, id: ClippingId) -> Res<Clipping> {
    state.with(|l| l.clipping(id))
}

#[tauri::command]
#[specta::specta]
pub fn update_clipping(
    state: State<'_, AppState>,
    id: ClippingId,
    patch: ClippingPatch,
) -> Res<Clipping> {
    state.with(|l| l.update_clipping(id, &patch))
}

#[tauri::command]
#[specta::specta]
pub fn update_clippings(
    state: State<'_, AppState>,
    ids: Vec<ClippingId>,
    patch: ClippingPatch,
) -> Res<usize> {
    state.with(|l| l.update_clippings(&ids, &patch))
}

#[tauri::command]
#[specta::specta]
pub fn trash(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<usize> {
    state.with(|l| l.trash(&ids))
}

#[tauri::command]
#[specta::specta]
pub fn restore(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<usize> {
    state.with(|l| l.restore(&ids))
}

#[tauri::command]
#[specta::specta]
pub fn add_note(state: State<'_, AppState>, clipping: ClippingId, body: String) -> Res<Note> {
    state.with(|l| l.add_note(clipping, &body))
}

#[tauri::command]
#[specta::specta]
pub fn edit_note(state: State<'_, AppState>, id: i64, body: String) -> Res<Note> {
    state.with(|l| l.edit_note(id, &body))
}

#[tauri::command]
#[specta::specta]
pub fn delete_note(state: State<'_, AppState>, id: i64) -> Res<()> {
    state.with(|l| l.delete_note(id))
}
