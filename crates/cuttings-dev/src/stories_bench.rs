//! What stories cost (`cuttings-dev bench-stories`): the same generated clippings, one in
//! twenty a pickup of a recent one (another outlet's copy, cut, credited, with a local
//! sentence), imported into a library that places each in a story and into one that does not;
//! then, on the first, the grouped list against the ungrouped one, and a story's copies and
//! "Related" for random clippings.

use std::fmt;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;

use cuttings_core::error::Result;
use cuttings_core::search::{Filter, Sort};
use cuttings_core::store::{ImportSummary, Library};
use cuttings_core::synthetic::Generator;

use crate::bench::{cpu_seconds, Timing};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub clippings: usize,
    pub pickups: usize,
    /// None when the baseline was not asked for.
    pub import_without_stories_s: Option<f64>,
    pub import_with_stories_s: f64,
    /// How much longer the import took with stories, in per cent of the baseline.
    pub overhead_percent: Option<f64>,
    /// The same in CPU time (all threads), which drifts less with the machine's other work;
    /// None where the process's CPU time cannot be read.
    pub import_without_stories_cpu_s: Option<f64>,
    pub import_with_stories_cpu_s: Option<f64>,
    pub cpu_overhead_percent: Option<f64>,
    pub stories: i64,
    pub list_page: Timing,
    pub grouped_list_page: Timing,
    pub grouped_list_of_source: Timing,
    pub story_copies: Timing,
    pub related: Timing,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = |f: &mut fmt::Formatter<'_>, name: &str, t: &Timing| t.line(f, name);
        writeln!(
            f,
            "{} clippings, {} of them pickups, in {} stories",
            self.clippings, self.pickups, self.stories
        )?;
        if let (Some(b), Some(o)) = (self.import_without_stories_s, self.overhead_percent) {
            let cpu = |s: Option<f64>| s.map_or(String::new(), |s| format!(", {s:.1} s CPU"));
            writeln!(
                f,
                "{:<44} {b:.1} s{}",
                "import without stories",
                cpu(self.import_without_stories_cpu_s)
            )?;
            writeln!(
                f,
                "{:<44} {:.1} s (+{o:.1}%){}{}",
                "import with stories",
                self.import_with_stories_s,
                cpu(self.import_with_stories_cpu_s),
                self.cpu_overhead_percent
                    .map_or(String::new(), |o| format!(" (+{o:.1}%)"))
            )?;
        } else {
            writeln!(
                f,
                "{:<44} {:.1} s",
                "import with stories", self.import_with_stories_s
            )?;
        }
        t(f, "list: 50 newest, at a random page", &self.list_page)?;
        t(
            f,
            "grouped list: 50 newest, at a random page",
            &self.grouped_list_page,
        )?;
        t(
            f,
            "grouped list: 50 of a source, by date",
            &self.grouped_list_of_source,
        )?;
        t(f, "a story's copies, with what differs", &self.story_copies)?;
        t(f, "related: 10 closest other stories", &self.related)
    }
}

/// One in this many clippings is a pickup.
const PICKUP_EVERY: usize = 20;

/// Imports `n` generated clippings into a new library at `path`: the wall time, the CPU time
/// (see [`cpu_seconds`]) and how many of them were pickups.
pub(crate) fn import(path: &Path, n: usize, stories: bool) -> Result<(f64, Option<f64>, usize)> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut lib = Library::open(path)?;
    if !stories {
        lib.bench_without_stories()?;
    }
    let mut g = Generator::new(42);
    let (tx, rx) = std::sync::mpsc::sync_channel(256);
    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let cpu_at_start = cpu_seconds();
    let pickups = n / PICKUP_EVERY;
    let mut summary = ImportSummary::default();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut recent = Vec::with_capacity(64);
            for i in 0..n {
                let d = if i % PICKUP_EVERY == PICKUP_EVERY - 1 && !recent.is_empty() {
                    let of = g.rng.below(recent.len());
                    g.pickup(&recent[of], i)
                } else {
                    let d = g.clipping(i);
                    if recent.len() == 64 {
                        recent.remove(0);
                    }
                    recent.push(d.clone());
                    d
                };
                if tx.send((format!("generated #{i}"), Ok(vec![d]))).is_err() {
                    break;
                }
            }
        });
        lib.load_drafts(rx, n, &[], &cancel, &mut |_| {}, &mut summary)
    })?;
    let cpu = cpu_seconds()
        .zip(cpu_at_start)
        .map(|(end, start)| end - start);
    Ok((started.elapsed().as_secs_f64(), cpu, pickups))
}

pub fn run(
    n: usize,
    queries: usize,
    dir: Option<&Path>,
    baseline: bool,
    say: &mut dyn FnMut(&str),
) -> Result<Report> {
    let tmp = tempfile::Builder::new()
        .prefix("cuttings-bench-stories")
        .tempdir_in(dir.unwrap_or(&std::env::temp_dir()))?;
    let without = if baseline {
        say(&format!("importing {n} clippings without stories"));
        let (s, cpu, _) = import(&tmp.path().join("plain.cuttings"), n, false)?;
        let _ = std::fs::remove_file(tmp.path().join("plain.cuttings"));
        Some((s, cpu))
    } else {
        None
    };
    say(&format!("importing {n} clippings with stories"));
    let path = tmp.path().join("stories.cuttings");
    let (with, with_cpu, pickups) = import(&path, n, true)?;
    let lib = Library::open(&path)?;
    if std::env::var_os("KEEP_BENCH").is_some() {
        let _ = std::fs::copy(&path, "/tmp/kept.cuttings");
    }
    say("timing lists, stories and related");
    // The library's sources are those of its generator's seed; the rest of the draws differ.
    let sources = Generator::new(42).sources;
    let mut g = Generator::new(7);
    let (mut plain, mut grouped, mut of_source, mut copies, mut related) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let all = Filter::default();
    let all_grouped = Filter {
        group_copies: true,
        ..Default::default()
    };
    let pages = (n / 50).clamp(1, 200) as i64;
    for _ in 0..queries {
        let offset = g.rng.below(pages as usize) as i64 * 50;
        let t = Instant::now();
        lib.search(&all, Sort::Date, offset, 50, false)?;
        plain.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let page = lib.search(&all_grouped, Sort::Date, offset, 50, false)?;
        grouped.push(t.elapsed().as_secs_f64() * 1000.0);
        let f = Filter {
            sources: vec![sources[g.rng.below(sources.len())].clone()],
            group_copies: true,
            ..Default::default()
        };
        let t = Instant::now();
        lib.search(&f, Sort::Date, 0, 50, false)?;
        of_source.push(t.elapsed().as_secs_f64() * 1000.0);
        let id = 1 + g.rng.below(n) as i64;
        let t = Instant::now();
        lib.story_of_clipping(id)?;
        copies.push(t.elapsed().as_secs_f64() * 1000.0);
        let id = page.items.first().map_or(id, |r| r.id);
        let t = Instant::now();
        lib.related(id, 10)?;
        related.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let stories = lib.story_counts()?.stories;
    Ok(Report {
        clippings: n,
        pickups,
        import_without_stories_s: without.map(|w| w.0),
        import_with_stories_s: with,
        overhead_percent: without.map(|(b, _)| (with - b) / b * 100.0),
        import_without_stories_cpu_s: without.and_then(|w| w.1),
        import_with_stories_cpu_s: with_cpu,
        cpu_overhead_percent: without
            .and_then(|w| w.1)
            .zip(with_cpu)
            .map(|(b, w)| (w - b) / b * 100.0),
        stories,
        list_page: Timing::of(plain),
        grouped_list_page: Timing::of(grouped),
        grouped_list_of_source: Timing::of(of_source),
        story_copies: Timing::of(copies),
        related: Timing::of(related),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_stories_bench_groups_the_pickups() {
        let r = run(400, 5, None, true, &mut |_| {}).unwrap();
        assert_eq!(r.pickups, 20);
        // Every pickup joins its original's story.
        assert_eq!(r.stories, 380);
        assert!(r.overhead_percent.is_some());
        assert_eq!(r.related.runs, 5);
    }
}
