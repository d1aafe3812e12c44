//! Capture from the web: a link pasted into the window is fetched, read and stored.

use cuttings_core::{Inserted, Library};
use cuttings_read::capture::{ops, FetchOptions};
use tauri::{AppHandle, Manager};

use crate::error::{IpcError, Res};
use crate::state::AppState;

/// Fetches the page at `url` and stores it as a clipping with `tags`; an address already in the
/// library is not fetched again. Runs off the main thread, on a connection of its own, so the
/// window stays usable while the page loads.
#[tauri::command]
#[specta::specta]
pub async fn add_link(app: AppHandle, url: String, tags: Vec<String>) -> Res<Inserted> {
    let library = app.state::<AppState>().path()?;
    tauri::async_runtime::spawn_blocking(move || {
        let mut lib = Library::open(&library)?;
        Ok(ops::add_url(
            &mut lib,
            url.trim(),
            &tags,
            &FetchOptions::default(),
        )?)
    })
    .await
    .map_err(|e| IpcError::new("app", format!("the page could not be fetched: {e}")))?
}
