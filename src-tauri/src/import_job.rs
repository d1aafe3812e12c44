//! The import job: files and folders read and stored on a thread of its own, with its own
//! connection, telling the UI how far it has got and what it stored through events. Started by
//! the import commands and by the import picker alike.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use cuttings_core::store::{ImportSummary, Progress};
use cuttings_core::Library;
use cuttings_read::import::{import_paths, ImportOptions};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::error::Res;
use crate::events::{ImportFinished, ImportProgress};
use crate::state::AppState;

/// Progress events are spaced out: a folder of small files would otherwise flood the UI.
const PROGRESS_EVERY: Duration = Duration::from_millis(80);

/// Starts importing `paths` into the open library; answers at once. Progress and the summary
/// arrive as `ImportProgress` and `ImportFinished` events.
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
    library: &Path,
    paths: &[PathBuf],
    cancel: &AtomicBool,
) -> Res<ImportSummary> {
    // A connection of its own, so the UI's commands are not queued behind the import.
    let mut lib = Library::open(library)?;
    let mut last = Instant::now() - PROGRESS_EVERY;
    let mut report = |p: &Progress| {
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
