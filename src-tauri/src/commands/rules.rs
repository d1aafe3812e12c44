//! Commands that ask the core for one of its rules rather than for data: undoable bulk changes
//! (the core records what it replaced), a filter written in the search language (for "Save
//! search"), and notes' Markdown rendered as the reader and the reports show it.

use cuttings_core::store::{BulkChange, BulkUndo};
use cuttings_core::{ClippingId, Filter, SavedSearch};
use tauri::State;

use crate::error::Res;
use crate::state::AppState;

/// Applies one change to the clippings given (all or none); what it returns undoes it.
#[tauri::command]
#[specta::specta]
pub fn apply_bulk(
    state: State<'_, AppState>,
    ids: Vec<ClippingId>,
    change: BulkChange,
) -> Res<BulkUndo> {
    state.with(|l| l.apply_bulk(&ids, &change))
}

#[tauri::command]
#[specta::specta]
pub fn undo_bulk(state: State<'_, AppState>, undo: BulkUndo) -> Res<()> {
    state.with(|l| l.undo_bulk(&undo))
}

/// The filter as one query in the search language.
#[tauri::command]
#[specta::specta]
pub fn filter_query(filter: Filter) -> String {
    cuttings_core::search::filter_to_query(&filter)
}

/// Saves the window's filters as a search (the core writes them in the search language).
#[tauri::command]
#[specta::specta]
pub fn save_filter(state: State<'_, AppState>, name: String, filter: Filter) -> Res<SavedSearch> {
    state.with(|l| l.save_filter(&name, &filter))
}

/// A note's Markdown as the reader shows it (for the preview while it is written).
#[tauri::command]
#[specta::specta]
pub fn render_note(markdown: String) -> String {
    cuttings_core::markdown::note_html(&markdown)
}

/// A date typed by the user as the list will show it, or why it is not a date.
#[tauri::command]
#[specta::specta]
pub fn date_label(text: String) -> String {
    cuttings_core::date_format::typed_date_label(&text)
}
