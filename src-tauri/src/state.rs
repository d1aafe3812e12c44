//! What the app holds between commands: the open library and the running import, if any.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use cuttings_core::Library;

use crate::error::{IpcError, Res};

pub struct AppState {
    /// One connection for the commands; an import opens its own, so that browsing stays quick
    /// while it runs (the library is in WAL mode, so readers do not wait for the writer).
    library: Mutex<Library>,
    /// The cancel flag of the import running now.
    pub import_cancel: Mutex<Option<Arc<AtomicBool>>>,
}

impl AppState {
    pub fn new(library: Library) -> Self {
        AppState {
            library: Mutex::new(library),
            import_cancel: Mutex::new(None),
        }
    }

    /// Runs `f` on the open library, turning a core error into its IPC form.
    pub fn with<T>(&self, f: impl FnOnce(&mut Library) -> cuttings_core::Result<T>) -> Res<T> {
        let mut lib = self.library.lock().map_err(|_| {
            IpcError::new(
                "app",
                "the library is unavailable after an earlier failure; restart Cuttings",
            )
        })?;
        Ok(f(&mut lib)?)
    }

    pub fn path(&self) -> Res<PathBuf> {
        self.with(|l| Ok(l.path().to_path_buf()))
    }

    /// Swaps in another library (File > Open / New Library).
    pub fn replace(&self, library: Library) -> Res<()> {
        self.with(|l| {
            *l = library;
            Ok(())
        })
    }
}
