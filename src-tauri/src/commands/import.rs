//! Bringing clippings in: files and folders on a background thread with progress and cancel,
//! pasted text parsed for review, and the sample clippings for an empty library.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use cuttings_core::{ClippingDraft, Inserted, Library};
use cuttings_read::import::{import_paths, ImportOptions};
use cuttings_read::parse;
use tauri::{AppHandle, Manager, State};
use tauri_specta::Event;

use crate::error::Res;
use crate::events::{ImportFinished, ImportProgress};
use crate::state::AppState;

/// Progress events are spaced out: a folder of small files would otherwise flood the UI.
const PROGRESS_EVERY: Duration = Duration::from_millis(80);

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

pub fn spawn_import(app: &AppHandle, paths: Vec<PathBuf>) -> Res<()> {
    let state = app.state::<AppState>();
    let path = state.path()?;
    let cancel = state.import.begin("import")?;
    let app = app.clone();
    std::thread::spawn(move || {
        let result = run_import(&app, &path, &paths, &cancel);
        app.state::<AppState>().import.end();
        let finished = match result {
            Ok(summary) => ImportFinished {
                summary: Some(summary),
                error: None,
            },
            Err(e) => ImportFinished {
                summary: None,
                error: Some(e),
            },
        };
        // The window may be gone if the app is closing; nothing is left to tell then.
        let _ = finished.emit(&app);
    });
    Ok(())
}

fn run_import(
    app: &AppHandle,
    library: &std::path::Path,
    paths: &[PathBuf],
    cancel: &AtomicBool,
) -> Res<cuttings_core::store::ImportSummary> {
    // A connection of its own, so the UI's commands are not queued behind the import.
    let mut lib = Library::open(library)?;
    let mut last = Instant::now() - PROGRESS_EVERY;
    let mut report = |p: &cuttings_core::store::Progress| {
        if last.elapsed() >= PROGRESS_EVERY || p.done == p.total {
            last = Instant::now();
            let _ = ImportProgress(p.clone()).emit(app);
        }
    };
    Ok(import_paths(
        &mut lib,
        paths,
        &ImportOptions::default(),
        cancel,
        &mut report,
    )?)
}
