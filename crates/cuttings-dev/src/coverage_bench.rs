//! What coverage costs (`cuttings-dev bench-coverage`): the generated library with pickups
//! (see `stories_bench`), then every kind of series the Analysis view asks for, each for
//! several filters: the whole library, a word, a topic, a source and a two-year range, in
//! clippings and in stories; share of voice between five saved searches; and the story
//! spread.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use cuttings_core::coverage::{CoverageAsk, Every, Split};
use cuttings_core::date::PartialDate;
use cuttings_core::error::Result;
use cuttings_core::search::Filter;
use cuttings_core::store::Library;
use cuttings_core::synthetic::Generator;

use crate::bench::Timing;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub clippings: usize,
    /// None when an earlier run's library was timed again.
    pub import_seconds: Option<f64>,
    /// One timing a kind of series, over every filter and interval.
    pub series: Vec<(String, Timing)>,
    /// The slowest series of all, in milliseconds.
    pub slowest_series_ms: f64,
    pub share_of_voice_5_saved: Timing,
    pub spread: Timing,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} clippings", self.clippings)?;
        if let Some(s) = self.import_seconds {
            writeln!(f, "{:<44} {s:.1} s", "import (with stories)")?;
        }
        for (name, t) in &self.series {
            t.line(f, name)?;
        }
        writeln!(
            f,
            "{:<44} {:.1} ms",
            "slowest series of all", self.slowest_series_ms
        )?;
        self.share_of_voice_5_saved
            .line(f, "share of voice: 5 saved searches, by month")?;
        self.spread.line(f, "story spread: first outlets, delays")
    }
}

/// The filters each series is timed for: the whole library, a common word, a topic, a
/// source, two years, each in clippings and in stories.
fn filters(g: &mut Generator) -> Vec<Filter> {
    let base = [
        Filter::default(),
        Filter {
            text: g.word_in_band(50, 500),
            ..Default::default()
        },
        Filter {
            tags: vec![g.tags[g.rng.below(25) * 20].clone()],
            ..Default::default()
        },
        Filter {
            sources: vec![g.sources[g.rng.below(g.sources.len())].clone()],
            ..Default::default()
        },
        Filter {
            from: PartialDate::year(2018).ok(),
            to: PartialDate::year(2019).ok(),
            ..Default::default()
        },
    ];
    base.iter()
        .flat_map(|f| {
            [false, true].map(|group_copies| Filter {
                group_copies,
                ..f.clone()
            })
        })
        .collect()
}

fn timed<T>(out: &mut Vec<f64>, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let t = Instant::now();
    let r = f()?;
    out.push(t.elapsed().as_secs_f64() * 1000.0);
    Ok(r)
}

pub fn run(
    n: usize,
    rounds: usize,
    dir: Option<&Path>,
    reuse: bool,
    say: &mut dyn FnMut(&str),
) -> Result<Report> {
    let tmp = match dir {
        Some(d) => d.to_path_buf(),
        None => {
            std::env::temp_dir().join(format!("cuttings-bench-coverage-{}", std::process::id()))
        }
    };
    std::fs::create_dir_all(&tmp)?;
    let path = tmp.join("coverage.cuttings");
    let reused = reuse && path.exists() && Library::open(&path)?.stats()?.total == n as i64;
    let import_seconds = if reused {
        say(&format!("reusing the {n} clippings in {}", path.display()));
        None
    } else {
        say(&format!(
            "importing {n} clippings with stories into {}",
            path.display()
        ));
        Some(crate::stories_bench::import(&path, n, true)?.0)
    };
    let mut lib = Library::open(&path)?;
    let mut g = Generator::new(42);
    let filters = filters(&mut g);
    let saved: Vec<String> = (0..5)
        .map(|i| {
            let name = format!("bench {i}");
            let (lo, hi) = [(0, 50), (50, 500), (500, 3000), (50, 500), (0, 50)][i];
            let query = format!("{} {}", g.word_in_band(lo, hi), g.word_in_band(0, 50));
            lib.save_search(&name, &query).map(|_| name)
        })
        .collect::<Result<_>>()?;
    say("timing series");
    let kinds: [(&str, Split, u32, Every); 6] = [
        ("series: whole list by month", Split::None, 1, Every::Month),
        (
            "series: whole list by day (ten years)",
            Split::None,
            1,
            Every::Day,
        ),
        (
            "series: by source, top 8, by week",
            Split::Source,
            1,
            Every::Week,
        ),
        (
            "series: by source, top 8, by month",
            Split::Source,
            1,
            Every::Month,
        ),
        (
            "series: by topic, top level, by month",
            Split::Topic,
            1,
            Every::Month,
        ),
        (
            "series: by topic at depth 2, by year",
            Split::Topic,
            2,
            Every::Year,
        ),
    ];
    let mut series = Vec::new();
    let mut slowest: f64 = 0.0;
    for (name, by, depth, every) in kinds {
        let mut ms = Vec::new();
        for _ in 0..rounds {
            for f in &filters {
                let ask = CoverageAsk {
                    filter: f.clone(),
                    every,
                    by,
                    depth,
                    ..CoverageAsk::default()
                };
                timed(&mut ms, || lib.coverage(&ask))?;
            }
        }
        let t = Timing::of(ms);
        slowest = slowest.max(t.max_ms);
        series.push((name.to_string(), t));
    }
    say("timing share of voice and the spread");
    let (mut sov, mut spread) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for f in filters.iter().take(2) {
            let ask = CoverageAsk {
                filter: f.clone(),
                by: Split::Saved,
                only: saved.clone(),
                ..CoverageAsk::default()
            };
            timed(&mut sov, || lib.coverage(&ask))?;
        }
        for f in filters.iter().skip(1).take(4) {
            timed(&mut spread, || lib.spread(f, 10))?;
        }
    }
    for name in &saved {
        lib.delete_saved_search(name)?;
    }
    drop(lib);
    if dir.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(Report {
        clippings: n,
        import_seconds,
        series,
        slowest_series_ms: slowest,
        share_of_voice_5_saved: Timing::of(sov),
        spread: Timing::of(spread),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_coverage_bench_times_every_kind_of_series() {
        let dir = tempfile::tempdir().unwrap();
        let r = run(300, 1, Some(dir.path()), false, &mut |_| {}).unwrap();
        assert_eq!(r.series.len(), 6);
        assert!(r.series.iter().all(|(_, t)| t.runs == 10));
        assert_eq!(r.share_of_voice_5_saved.runs, 2);
        let again = run(300, 1, Some(dir.path()), true, &mut |_| {}).unwrap();
        assert_eq!(again.import_seconds, None);
        // The bench's saved searches are not left in the library.
        let lib = Library::open(dir.path().join("coverage.cuttings")).unwrap();
        assert!(lib.saved_searches().unwrap().is_empty());
    }
}
