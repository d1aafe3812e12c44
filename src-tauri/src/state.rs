//! What the app holds between commands: the open library, the running import and export, and
//! where the last export went.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use cuttings_core::Library;

use crate::error::{IpcError, Res};

/// One kind of background job (an import, an export): at most one runs at a time, and it can
/// be asked to stop.
#[derive(Default)]
pub struct JobSlot {
    cancel: Mutex<Option<Arc<AtomicBool>>>,
}

impl JobSlot {
    /// Claims the slot for a new job and hands back its cancel flag; `what` names the job in
    /// the message when one is already running.
    pub fn begin(&self, what: &str) -> Res<Arc<AtomicBool>> {
        let mut running = self.cancel.lock().map_err(|_| {
            IpcError::new(
                "app",
                format!("the {what} state is unavailable; restart Cuttings"),
            )
        })?;
        if running.is_some() {
            return Err(IpcError::new(
                "conflict",
                format!("an {what} is already running; wait for it or cancel it"),
            ));
        }
        let flag = Arc::new(AtomicBool::new(false));
        *running = Some(flag.clone());
        Ok(flag)
    }

    /// Frees the slot when the job has ended, however it ended.
    pub fn end(&self) {
        if let Ok(mut running) = self.cancel.lock() {
            *running = None;
        }
    }

    /// Asks the running job, if any, to stop; what it finished stays.
    pub fn cancel(&self) {
        if let Ok(Some(flag)) = self.cancel.lock().as_deref() {
            flag.store(true, Ordering::Relaxed);
        }
    }
}

pub struct AppState {
    /// One connection for the commands; imports and exports open their own, so that browsing
    /// stays quick while they run (the library is in WAL mode: readers do not wait for writers).
    library: Mutex<Library>,
    pub import: JobSlot,
    pub export: JobSlot,
    /// Learning the topics (see `commands::suggest`).
    pub learning: JobSlot,
    /// The file or folder the last export wrote: the only path "open the result" may open, so
    /// the page cannot ask the app to open anything else.
    pub last_export: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(library: Library) -> Self {
        AppState {
            library: Mutex::new(library),
            import: JobSlot::default(),
            export: JobSlot::default(),
            learning: JobSlot::default(),
            last_export: Mutex::new(None),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_slot_holds_one_job_at_a_time_and_passes_on_a_cancel() {
        let slot = JobSlot::default();
        let flag = slot.begin("export").unwrap();
        let second = slot.begin("export").unwrap_err();
        assert_eq!(second.kind, "conflict");
        assert!(second.message.contains("export is already running"));
        slot.cancel();
        assert!(flag.load(Ordering::Relaxed));
        slot.end();
        let again = slot.begin("export").unwrap();
        assert!(!again.load(Ordering::Relaxed));
    }
}
