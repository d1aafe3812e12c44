//! The Analysis view's figures: coverage series and the story spread from the core, each
//! worked out on a connection of its own off the main thread so the window stays responsive
//! while a large library is counted; and saving a chart or its data where the user chooses.

use cuttings_core::coverage::{CoverageAsk, Series, Spread};
use cuttings_core::{Filter, Library};
use cuttings_export::coverage::{save_chart_file, series_csv, Measure};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{IpcError, Res};
use crate::state::AppState;

/// Runs `f` on a fresh connection to the open library, on a blocking worker.
async fn off_main<T: Send + 'static>(
    state: State<'_, AppState>,
    f: impl FnOnce(&Library) -> cuttings_core::Result<T> + Send + 'static,
) -> Res<T> {
    let path = state.path()?;
    tauri::async_runtime::spawn_blocking(move || -> Res<T> { Ok(f(&Library::open(&path)?)?) })
        .await
        .map_err(|e| IpcError::new("app", e.to_string()))?
}

#[tauri::command]
#[specta::specta]
pub async fn coverage(state: State<'_, AppState>, ask: CoverageAsk) -> Res<Series> {
    off_main(state, move |l| l.coverage(&ask)).await
}

/// The series as the CSV a chart saves: counts, or each line's share when `shares`.
#[tauri::command]
#[specta::specta]
pub async fn coverage_csv(
    state: State<'_, AppState>,
    ask: CoverageAsk,
    shares: bool,
) -> Res<String> {
    let measure = if shares {
        Measure::Share
    } else {
        Measure::Count
    };
    off_main(state, move |l| series_csv(&l.coverage(&ask)?, measure)).await
}

#[tauri::command]
#[specta::specta]
pub async fn spread(state: State<'_, AppState>, filter: Filter, top: u32) -> Res<Spread> {
    off_main(state, move |l| l.spread(&filter, top as usize)).await
}

/// Shows a save dialog for a chart (`png`, `svg`) or its data (`csv`) named `name`, and writes
/// `bytes` there; the path written, or None when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_chart(
    app: AppHandle,
    name: String,
    kind: String,
    bytes: Vec<u8>,
) -> Res<Option<String>> {
    let label = match kind.as_str() {
        "png" => "PNG image",
        "svg" => "SVG image",
        "csv" => "CSV spreadsheet",
        _ => {
            return Err(IpcError::new(
                "invalid",
                format!("cannot save a chart as {kind}"),
            ))
        }
    };
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Save chart")
        .set_file_name(format!("{name}.{kind}"))
        .add_filter(label, &[kind.as_str()]);
    if let Some(docs) = app.path().document_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(docs);
    }
    let Some(chosen) = dialog.blocking_save_file().and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    save_chart_file(&chosen, &bytes)?;
    Ok(Some(chosen.display().to_string()))
}
