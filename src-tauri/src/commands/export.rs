//! Exporting a collection from the window: the Export… dialog's destination picker, the export
//! itself on a background thread with progress and cancel, and "open the result".

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use cuttings_core::store::Progress;
use cuttings_core::Library;
use cuttings_export::{self as export, ExportRequest, ExportSummary, Format};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use crate::error::{IpcError, Res};
use crate::events::{ExportFinished, ExportProgress};
use crate::state::AppState;

const PROGRESS_EVERY: Duration = Duration::from_millis(80);

/// Starts an export; answers at once. Progress and the outcome arrive as `ExportProgress` and
/// `ExportFinished` events.
#[tauri::command]
#[specta::specta]
pub fn start_export(app: AppHandle, request: ExportRequest) -> Res<()> {
    // The app has no working folder a user could know about: a relative path would land
    // somewhere unexpected.
    if !request.output.is_absolute() {
        return Err(IpcError::new(
            "invalid",
            format!(
                "destination: '{}' is not a full path; choose a place with Choose…",
                request.output.display()
            ),
        ));
    }
    let state = app.state::<AppState>();
    let library = state.path()?;
    let cancel = state.export.begin("export")?;
    let app = app.clone();
    std::thread::spawn(move || {
        let result = run_export(&app, &library, &request, &cancel);
        let state = app.state::<AppState>();
        state.export.end();
        let finished = match result {
            Ok(summary) => {
                if let Ok(mut last) = state.last_export.lock() {
                    *last = Some(summary.path.clone());
                }
                ExportFinished {
                    summary: Some(summary),
                    error: None,
                }
            }
            Err(e) => ExportFinished {
                summary: None,
                error: Some(e),
            },
        };
        let _ = finished.emit(&app);
    });
    Ok(())
}

/// Asks the running export to stop; nothing is left at the destination.
#[tauri::command]
#[specta::specta]
pub fn cancel_export(state: State<'_, AppState>) {
    state.export.cancel();
}

/// Shows a save dialog for the export's destination, starting from a name made from the
/// collection's title; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_export_path(
    app: AppHandle,
    format: Format,
    zip: bool,
    title: String,
) -> Option<String> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Export clippings")
        .set_file_name(export::suggested_file_name(&title, format, zip));
    if let Some(ext) = format.extension(zip) {
        dialog = dialog.add_filter(format.label(), &[ext]);
    }
    if let Some(docs) = app.path().document_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(docs);
    }
    // A blocking dialog is fine here: async commands run off the main thread.
    let chosen = dialog.blocking_save_file()?.into_path().ok()?;
    Some(chosen.display().to_string())
}

/// Opens what the last export wrote with the system's default program, or shows it in its
/// folder. Only that path: the page never names a file for the app to open.
#[tauri::command]
#[specta::specta]
pub fn open_export(state: State<'_, AppState>, reveal: bool) -> Res<()> {
    let path = state
        .last_export
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| IpcError::new("not_found", "nothing has been exported yet"))?;
    let opened = if reveal {
        tauri_plugin_opener::reveal_item_in_dir(&path)
    } else {
        tauri_plugin_opener::open_path(&path, None::<&str>)
    };
    opened.map_err(|e| IpcError::new("io", format!("{} could not be opened: {e}", path.display())))
}

fn run_export(
    app: &AppHandle,
    library: &Path,
    request: &ExportRequest,
    cancel: &AtomicBool,
) -> Res<ExportSummary> {
    // A connection of its own, so browsing goes on while a large export runs.
    let lib = Library::open(library)?;
    let mut last = Instant::now() - PROGRESS_EVERY;
    let mut report = |p: &Progress| {
        if last.elapsed() >= PROGRESS_EVERY || p.done == p.total {
            last = Instant::now();
            let _ = ExportProgress(p.clone()).emit(app);
        }
    };
    Ok(export::export(&lib, request, cancel, &mut report)?)
}
