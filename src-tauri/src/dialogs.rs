//! Native file pickers, run from Rust so the web view needs no file-system permission at all:
//! it only ever learns the paths the user chose. The menu and the commands open them; each hands
//! what was chosen to the job that acts on it.

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use crate::events::AppError;
use crate::import_job::spawn_import;
use crate::library_switch::switch_library;

const LIBRARY_EXT: &[&str] = &["cuttings", "sqlite", "db"];

/// A failure in a picker's callback has no command to return to: it goes to the UI as an event.
fn report(app: &AppHandle, e: crate::error::IpcError) {
    let _ = AppError { error: e }.emit(app);
}

pub fn choose_library(app: &AppHandle, create: bool) {
    let handle = app.clone();
    let dialog = app
        .dialog()
        .file()
        .add_filter("Cuttings library", LIBRARY_EXT);
    let done = move |path: Option<tauri_plugin_dialog::FilePath>| {
        let Some(path) = path.and_then(|p| p.into_path().ok()) else {
            return;
        };
        if let Err(e) = switch_library(&handle, path) {
            report(&handle, e);
        }
    };
    if create {
        dialog.set_file_name("library.cuttings").save_file(done);
    } else {
        dialog.pick_file(done);
    }
}

pub fn choose_import(app: &AppHandle, folders: bool) {
    let handle = app.clone();
    let done = move |paths: Option<Vec<tauri_plugin_dialog::FilePath>>| {
        let paths: Vec<_> = paths
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect();
        if paths.is_empty() {
            return;
        }
        if let Err(e) = spawn_import(&handle, paths) {
            report(&handle, e);
        }
    };
    let dialog = app.dialog().file().set_title("Import clippings");
    if folders {
        dialog.pick_folders(done);
    } else {
        dialog
            .add_filter(
                "Articles, pages, mail, feeds and exports",
                cuttings_read::import::ENDINGS,
            )
            .add_filter("All files", &["*"])
            .pick_files(done);
    }
}
