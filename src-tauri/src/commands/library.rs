//! The library as a whole: which file is open, the sidebar's counts, sources, saved searches,
//! and the timeline.

use cuttings_core::search::Timeline;
use cuttings_core::{Filter, SavedSearch, Source, Stats};
use tauri::{AppHandle, State};

use crate::error::Res;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn library_path(state: State<'_, AppState>) -> Res<String> {
    Ok(state.path()?.display().to_string())
}

#[tauri::command]
#[specta::specta]
pub fn stats(state: State<'_, AppState>) -> Res<Stats> {
    state.with(|l| l.stats())
}

#[tauri::command]
#[specta::specta]
pub fn sources(state: State<'_, AppState>) -> Res<Vec<Source>> {
    state.with(|l| l.sources())
}

#[tauri::command]
#[specta::specta]
pub fn saved_searches(state: State<'_, AppState>) -> Res<Vec<SavedSearch>> {
    state.with(|l| l.saved_searches())
}

#[tauri::command]
#[specta::specta]
pub fn save_search(state: State<'_, AppState>, name: String, query: String) -> Res<SavedSearch> {
    state.with(|l| l.save_search(&name, &query))
}

#[tauri::command]
#[specta::specta]
pub fn delete_saved_search(state: State<'_, AppState>, name: String) -> Res<()> {
    state.with(|l| l.delete_saved_search(&name))
}

/// Clippings per month for the filter (its date range ignored), for the timeline chart.
#[tauri::command]
#[specta::specta]
pub fn timeline(state: State<'_, AppState>, filter: Filter) -> Res<Timeline> {
    // Every month between the first and the last, so the bars are evenly spaced in time.
    state.with(|l| l.timeline(&filter).map(Timeline::with_empty_months))
}

/// Shows the file picker for File > Open Library (or a save dialog for New Library) and
/// switches to the file chosen. Answers at once; the switch is announced by `LibraryChanged`.
#[tauri::command]
#[specta::specta]
pub fn choose_library(app: AppHandle, create: bool) {
    crate::dialogs::choose_library(&app, create);
}
