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

use crate::date::{DateOrigin, PartialDate};
use crate::error::Result;
use crate::import::{import_drafts, ImportOptions};
use crate::model::ClippingDraft;
use crate::search::{Filter, Sort};
use crate::store::Library;

/// A small, seeded generator (xorshift64*): enough for synthetic text, and no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "sa", "te", "lu", "na", "vi", "do", "re", "sha", "tor", "en", "al", "is",
    "ber", "gan", "mon", "pel", "qui", "zar", "dem", "fos", "hil", "jun", "kes", "lom", "nur",
    "pra", "sul",
];

/// The vocabulary and the other pools the clippings are drawn from.
pub struct Generator {
    rng: Rng,
    words: Vec<String>,
    /// Cumulative Zipf weights over `words`.
    cumulative: Vec<f64>,
    pub outlets: Vec<String>,
    pub tags: Vec<String>,
    authors: Vec<String>,
    places: Vec<String>,
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let mut rng = Rng::new(seed);
        let word = |rng: &mut Rng, parts: usize| -> String {
            (0..parts)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        };
        let mut words: Vec<String> = Vec::with_capacity(30_000);
        let mut seen = std::collections::HashSet::new();
        while words.len() < 30_000 {
            let n = 1 + rng.below(4);
            let w = word(&mut rng, n);
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        let outlets = (0..200)
            .map(|i| {
                format!(
                    "{} {}",
                    capitalise(&word(&mut rng, 2)),
                    ["Times", "Post", "News", "Herald", "Agency"][i % 5]
                )
            })
            .collect();
        let tops: Vec<String> = (0..25).map(|_| capitalise(&word(&mut rng, 3))).collect();
        let mut tags = Vec::new();
        for t in &tops {
            tags.push(t.clone());
            for _ in 0..19 {
                tags.push(format!("{t}/{}", capitalise(&word(&mut rng, 2))));
            }
        }
        let authors = (0..2000)
            .map(|_| {
                format!(
                    "{} {}",
                    capitalise(&word(&mut rng, 2)),
                    capitalise(&word(&mut rng, 3))
                )
            })
            .collect();
        let places = (0..300).map(|_| capitalise(&word(&mut rng, 3))).collect();
        Generator {
            rng,
            words,
            cumulative,
            outlets,
            tags,
            authors,
            places,
        }
    }

    /// A word drawn with Zipf frequencies: a few very common, most rare, as in real text.
    pub fn word(&mut self) -> &str {
        let max = *self.cumulative.last().expect("vocabulary is not empty");
        let x = self.rng.unit() * max;
        let i = self
            .cumulative
            .partition_point(|c| *c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    /// A word from a frequency band: rank between `lo` and `hi`.
    pub fn word_in_band(&mut self, lo: usize, hi: usize) -> String {
        self.words[lo + self.rng.below(hi - lo)].clone()
    }

    pub fn clipping(&mut self, n: usize) -> ClippingDraft {
        let title_len = 6 + self.rng.below(7);
        let mut title: Vec<String> = (0..title_len).map(|_| self.word().to_string()).collect();
        title[0] = capitalise(&title[0]);
        // A serial keeps titles distinct, as real headlines mostly are.
        title.push(format!("({n})"));
        let mut body = String::with_capacity(4000);
        let words = 420 + self.rng.below(160);
        for i in 0..words {
            if i > 0 {
                body.push_str(if i % 60 == 0 {
                    ".\n\n"
                } else if i % 12 == 0 {
                    ". "
                } else {
                    " "
                });
            }
            body.push_str(self.word());
        }
        body.push('.');
        let days = self.rng.below(3653) as i64;
        let day = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("valid")
            + chrono::Duration::days(days);
        let published = match self.rng.below(20) {
            0 => None,
            1 | 2 => {
                PartialDate::month(chrono::Datelike::year(&day), chrono::Datelike::month(&day)).ok()
            }
            _ => Some(PartialDate::from_naive(day)),
        };
        let tags = (0..1 + self.rng.below(3))
            .map(|_| self.tags[self.rng.below(self.tags.len())].clone())
            .collect();
        let authors = (0..1 + self.rng.below(2))
            .map(|_| self.authors[self.rng.below(self.authors.len())].clone())
            .collect();
        ClippingDraft {
            title: title.join(" "),
            body,
            outlet: Some(self.outlets[self.rng.below(self.outlets.len())].clone()),
            authors,
            date_origin: published.map(|_| DateOrigin::Metadata),
            published,
            place: Some(self.places[self.rng.below(self.places.len())].clone()),
            tags,
            ..Default::default()
        }
    }
}

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
    fn of(mut ms: Vec<f64>) -> Timing {
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
        let t = |f: &mut fmt::Formatter<'_>, name: &str, t: &Timing| {
            writeln!(f, "{name:<44} p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ({} runs)", t.p50_ms, t.p95_ms, t.p99_ms, t.max_ms, t.runs)
        };
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
    let (tags, outlets) = (q.tags.clone(), q.outlets.clone());
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
            sources: vec![outlets[q.rng.below(outlets.len())].clone()],
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
    lib.outlets()?;
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
        import_drafts(
            &mut lib,
            rx,
            n,
            &ImportOptions::default(),
            &cancel,
            &mut |_| {},
        )
    })?;
    let import_seconds = started.elapsed().as_secs_f64();
    if !summary.failed.is_empty() {
        return Err(crate::Error::Conflict(format!(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_repeatable_and_realistic_in_size() {
        let mut a = Generator::new(42);
        let mut b = Generator::new(42);
        let (x, y) = (a.clipping(1), b.clipping(1));
        assert_eq!(x, y);
        let words = crate::model::word_count(&x.body);
        assert!((400..=600).contains(&words), "{words} words");
        assert_eq!(a.outlets.len(), 200);
        assert_eq!(a.tags.len(), 500);
    }

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
