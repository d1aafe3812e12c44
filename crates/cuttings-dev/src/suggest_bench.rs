//! What topic suggestions cost (`cuttings-dev bench-suggest`): generated clippings, each
//! filed under one to three of the generator's topics, are imported; then the topics are
//! learned from all of them (and the inbox's offers worked out), suggestions are timed for
//! random clippings, and the model's size in the file is read.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use cuttings_core::error::Result;
use cuttings_core::store::Library;
use cuttings_core::synthetic::Generator;

use crate::bench::Timing;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub clippings: usize,
    pub import_s: f64,
    /// Learning the model from every filed clipping, storing it, and working out the
    /// inbox's offers (as `learn_topics` does).
    pub learn_s: f64,
    /// Of which the offers: worked out again on their own.
    pub refresh_offers_s: f64,
    pub topics: i64,
    pub model_bytes: i64,
    pub suggest_one: Timing,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} clippings, filed under {} topics",
            self.clippings, self.topics
        )?;
        writeln!(f, "{:<44} {:.1} s", "import", self.import_s)?;
        writeln!(
            f,
            "{:<44} {:.1} s",
            "learn the topics, with the inbox's offers", self.learn_s
        )?;
        writeln!(
            f,
            "{:<44} {:.1} s",
            "  of which the offers for the inbox", self.refresh_offers_s
        )?;
        writeln!(
            f,
            "{:<44} {:.1} MB",
            "model in the library file",
            self.model_bytes as f64 / 1e6
        )?;
        self.suggest_one.line(f, "suggestions for one clipping")
    }
}

pub fn run(
    n: usize,
    queries: usize,
    dir: Option<&Path>,
    say: &mut dyn FnMut(&str),
) -> Result<Report> {
    let tmp = tempfile::Builder::new()
        .prefix("cuttings-bench-suggest")
        .tempdir_in(dir.unwrap_or(&std::env::temp_dir()))?;
    let path = tmp.path().join("suggest.cuttings");
    say(&format!("importing {n} filed clippings"));
    let (import_s, _, _) = crate::stories_bench::import(&path, n, true)?;
    let mut lib = Library::open(&path)?;
    say("learning the topics");
    let t = Instant::now();
    let status = lib.learn_topics()?;
    let with_offers = t.elapsed().as_secs_f64();
    let t = Instant::now();
    lib.refresh_offers()?;
    let refresh_offers_s = t.elapsed().as_secs_f64();
    let model_bytes = lib.topic_model_bytes()?;
    say("timing suggestions");
    let mut g = Generator::new(9);
    let mut one = Vec::new();
    for _ in 0..queries {
        let id = 1 + g.rng.below(n) as i64;
        let t = Instant::now();
        lib.suggest_topics(&[id])?;
        one.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(Report {
        clippings: n,
        import_s,
        learn_s: with_offers,
        refresh_offers_s,
        topics: status.topics,
        model_bytes,
        suggest_one: Timing::of(one),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_suggest_bench_learns_and_suggests() {
        let r = run(300, 5, None, &mut |_| {}).unwrap();
        assert!(r.topics > 0);
        assert!(r.model_bytes > 0);
        assert_eq!(r.suggest_one.runs, 5);
    }
}
