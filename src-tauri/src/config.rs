//! Which library file to open: `--library PATH`, else `$CUTTINGS_LIBRARY`, else the library
//! opened last (remembered in the app's config folder), else the default location.

use std::path::{Path, PathBuf};

use cuttings_core::{Library, Result};

const LAST_LIBRARY_FILE: &str = "last-library.txt";

/// The value of `--library PATH` or `--library=PATH` among the process arguments.
pub fn library_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--library" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--library=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// The library to open at start. An explicit choice (argument or environment) wins over the
/// remembered one, so scripts and tests always get the file they name.
pub fn startup_library(explicit: Option<&Path>, config_dir: Option<&Path>) -> Result<PathBuf> {
    let env_set =
        std::env::var_os(cuttings_core::store::LIBRARY_ENV).is_some_and(|v| !v.is_empty());
    if explicit.is_none() && !env_set {
        if let Some(last) = config_dir.and_then(load_last) {
            return Ok(last);
        }
    }
    Library::resolve_path(explicit)
}

pub fn load_last(config_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_dir.join(LAST_LIBRARY_FILE)).ok()?;
    let p = PathBuf::from(text.trim());
    (!p.as_os_str().is_empty()).then_some(p)
}

pub fn save_last(config_dir: &Path, library: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(config_dir)?;
    std::fs::write(
        config_dir.join(LAST_LIBRARY_FILE),
        library.to_string_lossy().as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_arg_is_read_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            library_arg(args(&["app", "--library", "/a.cuttings"])),
            Some("/a.cuttings".into())
        );
        assert_eq!(
            library_arg(args(&["app", "--library=/b.cuttings"])),
            Some("/b.cuttings".into())
        );
        assert_eq!(library_arg(args(&["app"])), None);
    }

    #[test]
    fn the_last_library_is_remembered_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_last(dir.path()), None);
        save_last(dir.path(), Path::new("/x/y.cuttings")).unwrap();
        assert_eq!(load_last(dir.path()), Some(PathBuf::from("/x/y.cuttings")));
    }
}
