//! `cuttings import`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::Result;
use cuttings_core::import::{import_paths, ImportOptions};
use cuttings_core::Library;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::output::print_json;

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
    // The bar only appears when the import takes more than a moment, and never in JSON mode
    // or when output is not a terminal.
    let bar = if !json && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{spinner} importing {bar:30} {pos}/{len} {wide_msg}")
                .expect("the template is valid"),
        );
        b.enable_steady_tick(Duration::from_millis(120));
        Some(b)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let cancel = AtomicBool::new(false);
    let summary = import_paths(lib, paths, &opts, &cancel, &mut |p| {
        if let Some(b) = &bar {
            if started.elapsed() > Duration::from_millis(300) {
                b.set_length(p.total as u64);
                b.set_position(p.done as u64);
                b.set_message(p.current.clone());
            }
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if json {
        print_json(&json!({
            "imported": summary.imported.len(),
            "already_present": summary.already_present.len(),
            "failed": summary.failed,
            "skipped": summary.skipped,
            "ids": summary.imported,
        }));
    } else {
        println!(
            "imported {}, already present {}, failed {}{}",
            summary.imported.len(),
            summary.already_present.len(),
            summary.failed.len(),
            if summary.skipped > 0 {
                format!(", skipped {} (not text files)", summary.skipped)
            } else {
                String::new()
            }
        );
        for f in &summary.failed {
            println!("  failed: {}: {}", f.path, f.reason);
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
