//! A generated library and the speed figures measured on it (`cuttings bench`).
//!
//! The clippings look real in size: about 500 words of Zipf-distributed vocabulary, titles of
//! 6-12 words, 200 outlets, 500 topics two levels deep, one or two authors, dates over ten
//! years (most to the day, some to the month, a few unknown). The generator is seeded, so two
//! runs build the same library.

use std::fmt;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;

use cuttings_core::date::PartialDate;
use cuttings_core::error::Result;
use cuttings_core::search::{Filter, Sort};
use cuttings_core::store::{ImportSummary, Library};
use cuttings_core::synthetic::Generator;

/// Percentiles of a set of timings, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Timing {
    /// One line of a report: the name, then the percentiles.
    pub fn line(&self, f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        writeln!(
            f,
            "{name:<44} p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ({} runs)",
            self.p50_ms, self.p95_ms, self.p99_ms, self.max_ms, self.runs
        )
    }

    pub fn of(mut ms: Vec<f64>) -> Timing {
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
        Timing {
            runs: ms.len(),
            p50_ms: at(0.5),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: at(1.0),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub clippings: usize,
    /// None when an existing library was reused and nothing was imported.
    pub import_seconds: Option<f64>,
    pub import_per_second: Option<f64>,
    pub file_mb: f64,
    /// A word + a tag + a date range, top 50 with snippets.
    pub search: Timing,
    /// A word alone, top 50 with snippets, by relevance.
    pub search_word_only: Timing,
    /// 100 clippings of one source in a date range, newest first.
    pub list_page: Timing,
    /// Sidebar counts: stats, tags with totals, sources.
    pub sidebar_ms: f64,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = |f: &mut fmt::Formatter<'_>, name: &str, t: &Timing| t.line(f, name);
        writeln!(
            f,
            "library of {} clippings, {:.0} MB",
            self.clippings, self.file_mb
        )?;
        match (self.import_seconds, self.import_per_second) {
            (Some(s), Some(r)) => writeln!(
                f,
                "{:<44} {s:.1} s, {r:.0} clippings/s",
                "import (fresh library, with full-text index)",
            )?,
            _ => writeln!(f, "{:<44} not measured (library reused)", "import")?,
        }
        t(f, "search: word + tag + date range, top 50", &self.search)?;
        t(f, "search: word alone, top 50", &self.search_word_only)?;
        t(
            f,
            "list: 100 of a source in a date range by date",
            &self.list_page,
        )?;
        writeln!(
            f,
            "{:<44} {:.1} ms",
            "sidebar counts (stats, tags, sources)", self.sidebar_ms
        )
    }
}

/// Builds a library of `n` generated clippings in `dir` (or a temporary folder), then times
/// `queries` searches and list pages on it. `say` hears progress. With `reuse`, a library that
/// an earlier run left in `dir` with the same number of clippings is timed again as it is, so
/// the search figures can be taken again (after a change to a query, or on a quieter machine)
/// without the import.
pub fn run(
    n: usize,
    queries: usize,
    dir: Option<&Path>,
    reuse: bool,
    say: &mut dyn FnMut(&str),
) -> Result<Report> {
    let tmp = tempdir_in(dir)?;
    let path = tmp.join("bench.cuttings");
    let import_seconds = if reuse && dir.is_some() && holds(&path, n)? {
        say(&format!("reusing the {n} clippings in {}", path.display()));
        None
    } else {
        Some(build(&path, n, say)?)
    };
    // Reopen, as a user would, so caches start cold-ish and the timings include statement preparation.
    let lib = Library::open(&path)?;
    let file_mb = std::fs::metadata(&path)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    say("timing searches and list pages");

    // The same seed gives the same vocabulary, so the words searched for are in the library.
    let mut q = Generator::new(42);
    let (tags, sources) = (q.tags.clone(), q.sources.clone());
    let bands = [
        (0, 50),
        (50, 500),
        (500, 3000),
        (3000, 10_000),
        (10_000, 30_000),
    ];
    let mut search = Vec::new();
    let mut word_only = Vec::new();
    let mut list = Vec::new();
    for i in 0..queries {
        let (lo, hi) = bands[i % bands.len()];
        let word = q.word_in_band(lo, hi);
        let from_year = 2016 + q.rng.below(8) as i32;
        let f = Filter {
            text: word.clone(),
            tags: vec![tags[q.rng.below(25) * 20].clone()],
            from: PartialDate::year(from_year).ok(),
            to: PartialDate::year(from_year + 2).ok(),
            ..Default::default()
        };
        let t = Instant::now();
        lib.search(&f, Sort::Relevance, 0, 50, false)?;
        search.push(t.elapsed().as_secs_f64() * 1000.0);

        let t = Instant::now();
        lib.search(
            &Filter {
                text: word,
                ..Default::default()
            },
            Sort::Relevance,
            0,
            50,
            false,
        )?;
        word_only.push(t.elapsed().as_secs_f64() * 1000.0);

        let f = Filter {
            sources: vec![sources[q.rng.below(sources.len())].clone()],
            from: PartialDate::year(from_year).ok(),
            to: PartialDate::year(from_year + 1).ok(),
            ..Default::default()
        };
        let t = Instant::now();
        lib.search(&f, Sort::Date, 0, 100, false)?;
        list.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let t = Instant::now();
    lib.stats()?;
    lib.tags()?;
    lib.sources()?;
    let sidebar_ms = t.elapsed().as_secs_f64() * 1000.0;
    let report = Report {
        clippings: n,
        import_seconds,
        import_per_second: import_seconds.map(|s| n as f64 / s),
        file_mb,
        search: Timing::of(search),
        search_word_only: Timing::of(word_only),
        list_page: Timing::of(list),
        sidebar_ms,
    };
    drop(lib);
    if dir.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(report)
}

/// Whether `path` is a library holding exactly `n` clippings (one an earlier run built).
fn holds(path: &Path, n: usize) -> Result<bool> {
    if !path.exists() {
        return Ok(false);
    }
    let lib = Library::open(path)?;
    Ok(lib.stats()?.total == n as i64)
}

/// Imports `n` generated clippings into a new library at `path`; returns the seconds taken.
fn build(path: &Path, n: usize, say: &mut dyn FnMut(&str)) -> Result<f64> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut lib = Library::open(path)?;
    let mut generator = Generator::new(42);
    say(&format!(
        "generating and importing {n} clippings into {}",
        path.display()
    ));
    // Generated on a second thread, as files are read and parsed on one during a real import,
    // so the figure is the store's.
    let (tx, rx) = std::sync::mpsc::sync_channel(256);
    let started = Instant::now();
    let cancel = AtomicBool::new(false);
    let summary = std::thread::scope(|s| {
        s.spawn(move || {
            for i in 0..n {
                if tx
                    .send((format!("generated #{i}"), Ok(vec![generator.clipping(i)])))
                    .is_err()
                {
                    break;
                }
            }
        });
        {
            let mut summary = ImportSummary::default();
            lib.load_drafts(rx, n, &[], &cancel, &mut |_| {}, &mut summary)
                .map(|()| summary)
        }
    })?;
    let import_seconds = started.elapsed().as_secs_f64();
    if !summary.failed.is_empty() {
        return Err(cuttings_core::Error::Conflict(format!(
            "bench import failed: {:?}",
            summary.failed.first()
        )));
    }
    Ok(import_seconds)
}

fn tempdir_in(dir: Option<&Path>) -> Result<std::path::PathBuf> {
    let d = match dir {
        Some(d) => d.to_path_buf(),
        None => std::env::temp_dir().join(format!("cuttings-bench-{}", std::process::id())),
    };
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

/// The CPU time this process has used so far, all its threads, in seconds: on a shared
/// two-core machine a run's wall time drifts with what else runs, its CPU time much less, so
/// an overhead is also given in CPU time. From `/proc/self/stat` (user and system time, in
/// the kernel's fixed 100 ticks a second); None where there is no such file.
pub(crate) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, in parentheses, may hold spaces: the fields are counted after it.
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of the line (utime, stime) are the 12th and 13th after the name.
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_bench_runs_and_finds_what_it_searches_for() {
        let dir = tempfile::tempdir().unwrap();
        let r = run(300, 10, Some(dir.path()), false, &mut |_| {}).unwrap();
        assert_eq!(r.clippings, 300);
        assert_eq!(r.search.runs, 10);
        assert!(r.import_per_second.is_some());
        // A second run with `reuse` times the same library without importing it again.
        let again = run(300, 5, Some(dir.path()), true, &mut |_| {}).unwrap();
        assert_eq!(again.import_seconds, None);
        assert_eq!(again.search.runs, 5);
        // A different size is not the library asked for: it is built anew.
        let other = run(200, 5, Some(dir.path()), true, &mut |_| {}).unwrap();
        assert!(other.import_seconds.is_some());
        assert_eq!(other.clippings, 200);
        let lib = Library::open(dir.path().join("bench.cuttings")).unwrap();
        let mut g = Generator::new(42);
        let common = g.word_in_band(0, 50);
        assert!(
            lib.count(&Filter {
                text: common,
                ..Default::default()
            })
            .unwrap()
                > 0
        );
    }
}
