//! `cuttings import`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Result;
use cuttings_core::Library;
use cuttings_read::import::{import_paths, ImportOptions};
use serde_json::json;

use crate::output::{print_json, Bar};

pub fn run(
    lib: &mut Library,
    paths: &[PathBuf],
    tags: Vec<String>,
    max_mb: u64,
    json: bool,
) -> Result<ExitCode> {
    let opts = ImportOptions {
        max_file_bytes: max_mb.saturating_mul(1024 * 1024),
        tags,
    };
    let bar = Bar::new("importing", json);
    let cancel = AtomicBool::new(false);
    let summary = import_paths(lib, paths, &opts, &cancel, &mut |p| {
        bar.show(p.done, p.total, &p.current)
    })?;
    bar.finish();
    if json {
        print_json(&json!({
            "imported": summary.imported.len(),
            "already_present": summary.already_present.len(),
            "failed": summary.failed,
            "skipped": summary.skipped,
            "ids": summary.imported,
        }));
    } else {
        say!(
            "imported {}, already present {}, failed {}{}",
            summary.imported.len(),
            summary.already_present.len(),
            summary.failed.len(),
            if summary.skipped > 0 {
                format!(", skipped {} (of no kind Cuttings reads)", summary.skipped)
            } else {
                String::new()
            }
        );
        for f in &summary.failed {
            say!("  failed: {}: {}", f.path, f.reason);
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
