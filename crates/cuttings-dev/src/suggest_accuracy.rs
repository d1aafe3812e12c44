//! Scores topic suggestions: a folder's `train/` files (tagged, in their front matter) are
//! imported into a fresh library, the topics learned, then each `test/` file is imported
//! untagged and its suggestions compared with `truth.json` ({file: [topics]}): the share of
//! clippings whose first suggestion is right, and micro-averaged precision, recall and F1 of
//! the suggestions offered ticked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context, Result};
use cuttings_core::Library;
use cuttings_read::import::{import_paths, ImportOptions};
use serde::Serialize;

#[derive(Debug, Default, Serialize)]
pub struct Scores {
    pub trained_on: usize,
    pub topics: i64,
    pub tested: usize,
    /// Test clippings that got no suggestion at all.
    pub without_suggestion: usize,
    /// First suggestion right, over every test clipping (one without any counts as wrong).
    pub first_right: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub learn_seconds: f64,
    /// Suggestion time per clipping, in milliseconds.
    pub suggest_ms: f64,
    /// (file, offered ticked, truth) where they differ.
    pub wrong: Vec<(String, Vec<String>, Vec<String>)>,
}

fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    Ok(v)
}

/// Micro-averaged precision, recall and F1 of `found` against `truth`, and the share whose
/// first found topic is in the truth.
pub fn score(
    truth: &HashMap<String, Vec<String>>,
    ticked: &HashMap<String, Vec<String>>,
    first: &HashMap<String, Option<String>>,
) -> Scores {
    let (mut tp, mut fp, mut fneg, mut right) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    let mut names: Vec<&String> = truth.keys().filter(|k| ticked.contains_key(*k)).collect();
    names.sort();
    for name in &names {
        let want = &truth[*name];
        let got = &ticked[*name];
        let hits = got.iter().filter(|t| want.contains(t)).count();
        tp += hits;
        fp += got.len() - hits;
        fneg += want.len() - hits;
        if first[*name].as_ref().is_some_and(|f| want.contains(f)) {
            right += 1;
        }
        let (mut g, mut w) = (got.clone(), want.clone());
        g.sort();
        w.sort();
        if g != w {
            wrong.push(((*name).clone(), g, w));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fneg));
    Scores {
        tested: names.len(),
        first_right: ratio(right, names.len()),
        precision,
        recall,
        f1: if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        },
        wrong,
        ..Scores::default()
    }
}

pub fn measure(dir: &Path) -> Result<Scores> {
    let truth_path = dir.join("truth.json");
    let truth: HashMap<String, Vec<String>> = serde_json::from_slice(
        &std::fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
    )
    .with_context(|| format!("{}: not a {{file: [topics]}} object", truth_path.display()))?;
    let tmp = tempfile::tempdir()?;
    let mut lib = Library::open(tmp.path().join("suggest.cuttings"))?;
    let cancel = AtomicBool::new(false);
    let train = files(&dir.join("train"))?;
    let summary = import_paths(
        &mut lib,
        &train,
        &ImportOptions::default(),
        &cancel,
        &mut |_| {},
    )?;
    if !summary.failed.is_empty() {
        bail!("training files not imported: {:?}", summary.failed);
    }
    let started = std::time::Instant::now();
    let status = lib.learn_topics()?;
    let learn_seconds = started.elapsed().as_secs_f64();
    let mut ids = Vec::new();
    for path in files(&dir.join("test"))? {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let id = crate::stories_accuracy::import_one(&mut lib, &path, &cancel)?;
        ids.push((name, id));
    }
    let started = std::time::Instant::now();
    let all: Vec<i64> = ids.iter().map(|(_, id)| *id).collect();
    let mut suggested = HashMap::new();
    for chunk in all.chunks(1) {
        for s in lib.suggest_topics(chunk)? {
            suggested.insert(s.id, s.topics);
        }
    }
    let suggest_ms = started.elapsed().as_secs_f64() * 1000.0 / all.len().max(1) as f64;
    let (mut ticked, mut first) = (HashMap::new(), HashMap::new());
    let mut without = 0;
    for (name, id) in &ids {
        let topics = &suggested[id];
        if topics.is_empty() {
            without += 1;
        }
        first.insert(name.clone(), topics.first().map(|t| t.tag.clone()));
        ticked.insert(
            name.clone(),
            topics
                .iter()
                .filter(|t| t.suggested)
                .map(|t| t.tag.clone())
                .collect(),
        );
    }
    let mut s = score(&truth, &ticked, &first);
    s.trained_on = status.examples as usize;
    s.topics = status.topics;
    s.without_suggestion = without;
    s.learn_seconds = learn_seconds;
    s.suggest_ms = suggest_ms;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_those_of_the_definitions() {
        let map = |v: &[(&str, &[&str])]| -> HashMap<String, Vec<String>> {
            v.iter()
                .map(|(k, t)| (k.to_string(), t.iter().map(|s| s.to_string()).collect()))
                .collect()
        };
        let truth = map(&[("a", &["x"]), ("b", &["y", "z"]), ("c", &["x"])]);
        let ticked = map(&[("a", &["x"]), ("b", &["y", "x"]), ("c", &[])]);
        let first: HashMap<String, Option<String>> =
            [("a", Some("x")), ("b", Some("x")), ("c", None)]
                .map(|(k, f)| (k.to_string(), f.map(str::to_string)))
                .into();
        let s = score(&truth, &ticked, &first);
        // tp: a.x, b.y = 2; fp: b.x = 1; fn: b.z, c.x = 2.
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
        assert!((s.first_right - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.wrong.len(), 2);
    }
}
