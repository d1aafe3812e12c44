//! Events the Rust side sends to the UI, typed like the commands.

use cuttings_core::store::{ImportSummary, Progress};
use cuttings_export::ExportSummary;
use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// How far the running import has got.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgress(pub Progress);

/// The import ended: what it stored and what failed, or why it could not run at all.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct ImportFinished {
    pub summary: Option<ImportSummary>,
    pub error: Option<IpcError>,
}

/// Another library file is now open.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct LibraryChanged {
    pub path: String,
}

/// A native menu item the UI acts on (the ones Rust handles itself are not sent).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct MenuAction {
    pub id: String,
}

/// Something failed away from any command (in a file picker's callback): shown to the user.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct AppError {
    pub error: IpcError,
}

/// How far the running export has got.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ExportProgress(pub Progress);

/// The export ended: what it wrote, or why it did not (a cancel is an error of kind
/// `cancelled`, and leaves nothing behind).
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct ExportFinished {
    pub summary: Option<ExportSummary>,
    pub error: Option<IpcError>,
}
