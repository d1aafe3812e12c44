//! Where the sample clippings are: bundled as a resource in an installed app, the repository's
//! `seeds/` folder when run from a checkout.

use std::path::PathBuf;

use tauri::path::BaseDirectory;
use tauri::{AppHandle, Manager};

use crate::error::{IpcError, Res};

pub fn seeds_dir(app: &AppHandle) -> Res<PathBuf> {
    if let Ok(dir) = app.path().resolve("seeds", BaseDirectory::Resource) {
        if dir.is_dir() {
            return Ok(dir);
        }
    }
    let checkout = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    if checkout.is_dir() {
        return Ok(checkout);
    }
    Err(IpcError::new(
        "not_found",
        "the sample clippings are not installed with this copy of Cuttings",
    ))
}
