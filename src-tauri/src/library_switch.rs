//! Changing which library file is open, for the Open and New Library pickers.

use std::path::PathBuf;

use cuttings_core::Library;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::error::{IpcError, Res};
use crate::events::LibraryChanged;
use crate::state::AppState;

/// Opens (creating if need be) the library at `path`, makes it the open one and remembers it.
pub fn switch_library(app: &AppHandle, path: PathBuf) -> Res<String> {
    let library = Library::open(&path)?;
    app.state::<AppState>().replace(library)?;
    if let Ok(dir) = app.path().app_config_dir() {
        crate::config::save_last(&dir, &path)
            .map_err(|e| IpcError::new("io", format!("could not remember the library: {e}")))?;
    }
    let shown = path.display().to_string();
    LibraryChanged {
        path: shown.clone(),
    }
    .emit(app)?;
    Ok(shown)
}
