//! Writing an export where the user asked, whole or not at all.
//!
//! Everything is written to a temporary file or folder in the destination's own folder (so the
//! final rename stays on one file system and is atomic), then renamed into place. An error or a
//! cancel drops the temporary, which removes it.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use cuttings_core::error::{Error, Result};

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn describe(e: &std::io::Error, dir: &Path) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => {
            format!(
                "permission denied: cannot write in the folder {}",
                dir.display()
            )
        }
        ErrorKind::NotFound => format!("the folder {} does not exist", dir.display()),
        _ => format!("cannot write in the folder {}: {e}", dir.display()),
    }
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

/// Fails early, before any work, when the destination is plainly unusable.
pub(crate) fn check(path: &Path, overwrite: bool) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("output", "no destination was given"));
    }
    let dir = parent_of(path);
    if !dir.is_dir() {
        return Err(Error::file(
            path,
            format!("the folder {} does not exist", dir.display()),
        ));
    }
    if path.exists() && !overwrite && !is_empty_dir(path) {
        return Err(Error::Exists(path.to_path_buf()));
    }
    Ok(())
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    format!(".{name}.")
}

/// Writes `bytes` to `path` through a temporary file beside it.
pub(crate) fn write_file(path: &Path, overwrite: bool, bytes: &[u8]) -> Result<()> {
    check(path, overwrite)?;
    if path.is_dir() {
        return Err(Error::file(path, "is a folder; give a file name"));
    }
    let dir = parent_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(|e| Error::file(path, describe(&e, &dir)))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .map_err(|e| Error::file(path, format!("could not be written: {e}")))?;
    let persisted = if overwrite {
        tmp.persist(path).map(|_| ())
    } else {
        // Refuses to replace a file that appeared meanwhile.
        tmp.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        // `e.file` is dropped here, which removes the temporary file.
        if e.error.kind() == ErrorKind::AlreadyExists {
            Error::Exists(path.to_path_buf())
        } else {
            Error::file(path, format!("could not be put in place: {}", e.error))
        }
    })
}

/// Builds a folder through `fill` in a temporary folder beside `path`, then renames it into
/// place. Returns how many files and bytes it holds.
pub(crate) fn write_folder(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&Path) -> Result<(usize, u64)>,
) -> Result<(usize, u64)> {
    check(path, overwrite)?;
    if path.is_file() && !overwrite {
        return Err(Error::file(path, "is a file; give a folder name"));
    }
    let dir = parent_of(path);
    let tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".part")
        .tempdir_in(&dir)
        .map_err(|e| Error::file(path, describe(&e, &dir)))?;
    let counts = fill(tmp.path())?;
    // What was there is moved aside first and removed only once the new folder is in place.
    let mut old: Option<tempfile::TempDir> = None;
    if path.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&temp_prefix(path))
            .suffix(".old")
            .tempdir_in(&dir)
            .map_err(|e| Error::file(path, describe(&e, &dir)))?;
        let target = aside.path().join("previous");
        std::fs::rename(path, &target)
            .map_err(|e| Error::file(path, format!("could not be replaced: {e}")))?;
        old = Some(aside);
    }
    if let Err(e) = std::fs::rename(tmp.path(), path) {
        if let Some(aside) = &old {
            // Put back what was there.
            let _ = std::fs::rename(aside.path().join("previous"), path);
        }
        return Err(Error::file(path, format!("could not be put in place: {e}")));
    }
    drop(old);
    Ok(counts)
}
