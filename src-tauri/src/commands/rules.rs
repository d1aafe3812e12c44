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

/// Saves the window's filters as a search, written by the core in the search language.
#[tauri::command]
#[specta::specta]
pub fn save_filter(state: State<'_, AppState>, name: String, filter: Filter) -> Res<SavedSearch> {
    let query = cuttings_core::search::filter_to_query(&filter);
    state.with(|l| l.save_search(&name, &query))
}

/// A note's Markdown as the reader shows it (for the preview while it is written).
#[tauri::command]
#[specta::specta]
pub fn render_note(markdown: String) -> String {
    cuttings_core::markdown::note_html(&markdown)
}

/// A date typed by the user (`2015-04-07`, `2015-04`, `2015`, or nothing) as the list will
/// show it, or why it is not a date.
#[tauri::command]
#[specta::specta]
pub fn date_label(text: String) -> String {
    use cuttings_core::date_format::{date_label, DateStyle};
    let text = text.trim();
    if text.is_empty() {
        return date_label(None, DateStyle::Short);
    }
    match cuttings_core::PartialDate::parse_iso(text) {
        Ok(d) => date_label(Some(d), DateStyle::Short),
        Err(_) => "not a date: use YYYY-MM-DD, YYYY-MM or YYYY".into(),
    }
}
