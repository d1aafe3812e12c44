//! Topic suggestions: the topics offered for clippings, accepting them, and learning the
//! topics again in the background when the filing changed.

use cuttings_core::store::{Accepted, Suggestions, TopicModelStatus};
use cuttings_core::{ClippingId, Library};
use tauri::{AppHandle, Manager, State};

use crate::error::{IpcError, Res};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn suggest_topics(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<Vec<Suggestions>> {
    state.with(|l| l.suggest_topics(&ids))
}

/// Files the clippings under their topics offered ticked; the answer's `undo` puts them back.
#[tauri::command]
#[specta::specta]
pub fn accept_suggestions(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<Accepted> {
    state.with(|l| l.accept_suggestions(&ids))
}

/// Whether the library files clippings as they arrive under the topics offered ticked.
#[tauri::command]
#[specta::specta]
pub fn files_on_arrival(state: State<'_, AppState>) -> Res<bool> {
    state.with(|l| l.files_on_arrival())
}

#[tauri::command]
#[specta::specta]
pub fn set_files_on_arrival(state: State<'_, AppState>, on: bool) -> Res<()> {
    state.with(|l| l.set_files_on_arrival(on))
}

/// Keeps the topics put on these clippings as they arrived; returns how many.
#[tauri::command]
#[specta::specta]
pub fn keep_auto_tags(state: State<'_, AppState>, ids: Vec<ClippingId>) -> Res<usize> {
    state.with(|l| l.keep_auto_tags(&ids))
}

#[tauri::command]
#[specta::specta]
pub fn topic_model_status(state: State<'_, AppState>) -> Res<TopicModelStatus> {
    state.with(|l| l.topic_model_status())
}

/// Learns the topics again when the filing changed since (else only works out the inbox's
/// offers again, after an import): on a connection of its own, off the main thread, so the
/// window is never kept waiting; one at a time.
#[tauri::command]
#[specta::specta]
pub async fn learn_topics(app: AppHandle) -> Res<TopicModelStatus> {
    let state = app.state::<AppState>();
    let library = state.path()?;
    let _running = state.learning.begin("learning of topics")?;
    let done = tauri::async_runtime::spawn_blocking(move || {
        let mut lib = Library::open(&library)?;
        if lib.topic_model_stale()? {
            lib.learn_topics()
        } else {
            lib.refresh_offers()?;
            lib.topic_model_status()
        }
    })
    .await;
    state.learning.end();
    done.map_err(|e| IpcError::new("app", format!("the topics could not be learned: {e}")))?
        .map_err(Into::into)
}
