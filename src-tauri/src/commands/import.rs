//! Bringing clippings in: files and folders on a background thread with progress and cancel,
//! pasted text parsed for review, and the sample clippings for an empty library.

use std::path::PathBuf;

use cuttings_core::{ClippingDraft, Inserted};
use cuttings_read::parse;
use tauri::{AppHandle, State};

use crate::error::Res;
use crate::import_job::spawn_import;
use crate::state::AppState;

/// Starts importing files and folders; answers at once. Progress and the summary arrive as
/// `ImportProgress` and `ImportFinished` events.
#[tauri::command]
#[specta::specta]
pub fn start_import(app: AppHandle, paths: Vec<String>) -> Res<()> {
    spawn_import(&app, paths.into_iter().map(PathBuf::from).collect())
}

/// Asks the running import to stop after the file it is on; what was stored stays.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(state: State<'_, AppState>) {
    state.import.cancel();
}

/// Shows the File > Import… picker and imports what is chosen.
#[tauri::command]
#[specta::specta]
pub fn choose_import(app: AppHandle, folders: bool) {
    crate::dialogs::choose_import(&app, folders);
}

/// Imports the sample clippings shipped with the app (for an empty library).
#[tauri::command]
#[specta::specta]
pub fn import_samples(app: AppHandle) -> Res<()> {
    let dir = crate::seeds::seeds_dir(&app)?;
    spawn_import(&app, vec![dir])
}

/// Reads pasted article text into a draft for the user to review before it is stored.
#[tauri::command]
#[specta::specta]
pub fn parse_text(text: String) -> Res<ClippingDraft> {
    Ok(parse::parse_document(&text)?)
}

#[tauri::command]
#[specta::specta]
pub fn insert_clipping(state: State<'_, AppState>, draft: ClippingDraft) -> Res<Inserted> {
    state.with(|l| l.insert_clipping(&draft))
}
