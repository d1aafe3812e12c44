//! How long exports take on a generated library (`cuttings bench-export`): the figure that
//! matters is a 10,000-clipping report or Markdown zip in at most about 3 seconds.

use std::fmt;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;

use cuttings_core::error::{Error, Result};
use cuttings_core::search::{Filter, Sort};
use cuttings_core::store::ImportSummary;
use cuttings_core::store::Library;
use cuttings_core::synthetic::Generator;
use cuttings_export::{export, ExportRequest, Format, GroupBy};

#[derive(Debug, Clone, Serialize)]
pub struct ExportTiming {
    pub format: Format,
    pub detail: String,
    pub clippings: usize,
    pub seconds: f64,
    /// Of which reading the clippings from the library.
    pub reading_seconds: f64,
    pub megabytes: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportBench {
    pub clippings: usize,
    pub import_seconds: f64,
    pub timings: Vec<ExportTiming>,
}

impl fmt::Display for ExportBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} generated clippings (imported in {:.1} s)",
            self.clippings, self.import_seconds
        )?;
        for t in &self.timings {
            writeln!(
                f,
                "  {:<9} {:<26} {:>6.2} s  (reading {:.2} s)  {:>7.1} MB",
                t.format.as_str(),
                t.detail,
                t.seconds,
                t.reading_seconds,
                t.megabytes
            )?;
        }
        Ok(())
    }
}

/// Builds a library of `n` generated clippings in `dir` (a temporary folder if none) and times
/// exporting all of them in the formats people hand on in bulk.
pub fn run(n: usize, dir: Option<&Path>, say: &mut dyn FnMut(&str)) -> Result<ExportBench> {
    let tmp = match dir {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            tempfile::Builder::new()
                .prefix("bench-export.")
                .tempdir_in(d)?
        }
        None => tempfile::tempdir()?,
    };
    let mut lib = Library::open(tmp.path().join("bench.cuttings"))?;
    say(&format!("generating and importing {n} clippings"));
    let mut generator = Generator::new(42);
    let drafts = (0..n).map(|i| (format!("generated #{i}"), Ok(vec![generator.clipping(i)])));
    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let summary = {
        let mut summary = ImportSummary::default();
        lib.load_drafts(drafts, n, &[], &cancel, &mut |_| {}, &mut summary)
            .map(|()| summary)
    }?;
    let import_seconds = started.elapsed().as_secs_f64();
    if let Some(f) = summary.failed.first() {
        return Err(Error::Conflict(format!(
            "bench import failed: {}: {}",
            f.path, f.reason
        )));
    }
    let cases: [(Format, GroupBy, bool, &str, &str); 6] = [
        (
            Format::Html,
            GroupBy::Topic,
            false,
            "report.html",
            "report, grouped by topic",
        ),
        (
            Format::Markdown,
            GroupBy::None,
            true,
            "notes.zip",
            "Markdown zip",
        ),
        (
            Format::Markdown,
            GroupBy::None,
            false,
            "notes",
            "Markdown folder",
        ),
        (
            Format::Epub,
            GroupBy::Month,
            false,
            "book.epub",
            "e-book, grouped by month",
        ),
        (
            Format::Csv,
            GroupBy::None,
            false,
            "table.csv",
            "spreadsheet",
        ),
        (
            Format::Json,
            GroupBy::None,
            false,
            "all.json",
            "lossless JSON",
        ),
    ];
    let mut timings = Vec::new();
    for (format, group_by, zip, name, detail) in cases {
        say(&format!("exporting {detail}"));
        let mut req = ExportRequest::new(format, Filter::default(), tmp.path().join(name));
        req.sort = Sort::Date;
        req.group_by = group_by;
        req.zip = zip;
        req.title = Some("Bench".into());
        let started = Instant::now();
        let mut read = None;
        let s = export(&lib, &req, &cancel, &mut |p| {
            if p.done == p.total {
                read = Some(started.elapsed().as_secs_f64());
            }
        })?;
        timings.push(ExportTiming {
            format,
            detail: detail.into(),
            clippings: s.clippings,
            seconds: started.elapsed().as_secs_f64(),
            reading_seconds: read.unwrap_or(0.0),
            megabytes: s.bytes as f64 / 1e6,
        });
    }
    Ok(ExportBench {
        clippings: n,
        import_seconds,
        timings,
    })
}
