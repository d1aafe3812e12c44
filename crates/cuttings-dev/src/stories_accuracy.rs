//! Scores story grouping: a folder of clippings (`files/`) is imported, one file at a time in
//! name order, into a fresh library, and the stories Cuttings formed are compared with a truth
//! file (`truth.json`, {file: story}): pairwise precision, recall and F1 over the pairs of
//! files that share a story, and B-cubed precision, recall and F1 over files.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context, Result};
use cuttings_core::Library;
use cuttings_read::import::{import_paths, ImportOptions};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Scores {
    pub files: usize,
    pub true_stories: usize,
    pub found_stories: usize,
    pub pair_precision: f64,
    pub pair_recall: f64,
    pub pair_f1: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
    /// Pairs put in one story that the truth keeps apart, and pairs the truth joins that
    /// were left apart (file names).
    pub wrong_merges: Vec<(String, String)>,
    pub missed: Vec<(String, String)>,
    pub import_seconds: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Pairwise and B-cubed scores of `found` against `truth`, both {item: cluster}.
pub fn score(truth: &HashMap<String, String>, found: &HashMap<String, i64>) -> Scores {
    let mut files: Vec<&String> = truth.keys().filter(|f| found.contains_key(*f)).collect();
    files.sort();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let (mut wrong_merges, mut missed) = (Vec::new(), Vec::new());
    for (i, a) in files.iter().enumerate() {
        for b in &files[i + 1..] {
            let same_truth = truth[*a] == truth[*b];
            let same_found = found[*a] == found[*b];
            match (same_truth, same_found) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    wrong_merges.push(((*a).clone(), (*b).clone()));
                }
                (true, false) => {
                    fneg += 1;
                    missed.push(((*a).clone(), (*b).clone()));
                }
                (false, false) => {}
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let pair_precision = ratio(tp, tp + fp);
    let pair_recall = ratio(tp, tp + fneg);
    let (mut bp, mut br) = (0.0, 0.0);
    for a in &files {
        let same_found: Vec<&&String> = files.iter().filter(|b| found[**b] == found[*a]).collect();
        let same_truth = files.iter().filter(|b| truth[**b] == truth[*a]).count();
        let both = same_found
            .iter()
            .filter(|b| truth[***b] == truth[*a])
            .count();
        bp += both as f64 / same_found.len() as f64;
        br += both as f64 / same_truth as f64;
    }
    let n = files.len().max(1) as f64;
    let (bp, br) = (bp / n, br / n);
    let count = |v: Vec<String>| {
        let mut v = v;
        v.sort();
        v.dedup();
        v.len()
    };
    Scores {
        files: files.len(),
        true_stories: count(files.iter().map(|f| truth[*f].clone()).collect()),
        found_stories: count(files.iter().map(|f| found[*f].to_string()).collect()),
        pair_precision,
        pair_recall,
        pair_f1: f1(pair_precision, pair_recall),
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
        wrong_merges,
        missed,
        import_seconds: 0.0,
    }
}

/// Imports one file into `lib` and gives the clipping it made (or found already there): how
/// the accuracy tools learn which clipping a file became.
pub fn import_one(lib: &mut Library, path: &Path, cancel: &AtomicBool) -> Result<i64> {
    let summary = import_paths(
        lib,
        std::slice::from_ref(&path.to_path_buf()),
        &ImportOptions::default(),
        cancel,
        &mut |_| {},
    )?;
    let Some(&id) = summary.imported.first().or(summary.already_present.first()) else {
        bail!("{}: not imported: {:?}", path.display(), summary.failed);
    };
    Ok(id)
}

pub fn measure(dir: &Path) -> Result<Scores> {
    let truth_path = dir.join("truth.json");
    let truth: HashMap<String, String> = serde_json::from_slice(
        &std::fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
    )
    .with_context(|| format!("{}: not a {{file: story}} object", truth_path.display()))?;
    let files_dir = dir.join("files");
    let mut names: Vec<String> = truth.keys().cloned().collect();
    names.sort();
    let tmp = tempfile::tempdir()?;
    let mut lib = Library::open(tmp.path().join("stories.cuttings"))?;
    let cancel = AtomicBool::new(false);
    let mut found = HashMap::new();
    let started = std::time::Instant::now();
    for name in &names {
        let path = files_dir.join(name);
        let id = import_one(&mut lib, &path, &cancel)?;
        let story = lib
            .clipping(id)?
            .story
            .context("a clipping without a story")?;
        found.insert(name.clone(), story);
    }
    let mut s = score(&truth, &found);
    s.import_seconds = started.elapsed().as_secs_f64();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_those_of_the_definitions() {
        let truth: HashMap<String, String> = [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .into();
        let found: HashMap<String, i64> = [("a", 1), ("b", 1), ("c", 1), ("d", 2)]
            .map(|(f, s)| (f.to_string(), s))
            .into();
        let s = score(&truth, &found);
        // Found pairs: ab, ac, bc; true pairs: ab, cd.
        assert!((s.pair_precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.pair_recall - 0.5).abs() < 1e-9);
        // B-cubed precision: a 2/3, b 2/3, c 1/3, d 1; recall: a 1, b 1, c 1/2, d 1/2.
        assert!(
            (s.bcubed_precision - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9
        );
        assert!((s.bcubed_recall - 0.75).abs() < 1e-9);
        assert_eq!(s.wrong_merges.len(), 2);
        assert_eq!(s.missed, [("c".to_string(), "d".to_string())]);
    }
}
