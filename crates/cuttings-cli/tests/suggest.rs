//! `cuttings suggest` learns from real filed clippings (BBC sections in the development set)
//! and offers the right section for clippings it never saw, and `--accept` files them.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::Lib;

fn dev_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/analysis/suggest-dev")
}

#[test]
fn suggestions_are_learned_from_the_filing_and_accepted() {
    let dir = dev_set();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let truth: HashMap<String, Vec<String>> =
        serde_json::from_slice(&std::fs::read(dir.join("truth.json")).unwrap()).unwrap();
    let lib = Lib::new();
    lib.json(&["import", dir.join("train").to_str().unwrap()]);
    let mut names: Vec<&String> = truth.keys().collect();
    names.sort();
    let names = &names[..20];
    let mut by_id = HashMap::new();
    for n in names {
        let out = lib.json(&["import", dir.join("test").join(n).to_str().unwrap()]);
        by_id.insert(out["ids"][0].as_i64().unwrap(), *n);
    }
    let out = lib.json(&["suggest", "--untagged", "--limit", "100"]);
    let all = out.as_array().unwrap();
    assert_eq!(all.len(), 20);
    let mut right = 0;
    for s in all {
        let name = by_id[&s["id"].as_i64().unwrap()];
        let first = &s["suggestions"][0];
        assert!(first["score"].as_f64().unwrap() > 0.0);
        assert!(!first["why"].as_array().unwrap().is_empty());
        if truth[name].contains(&first["tag"].as_str().unwrap().to_string()) {
            right += 1;
        }
    }
    assert!(right >= 18, "first suggestion right for {right} of 20");

    let accepted = lib.json(&["suggest", "--untagged", "--limit", "100", "--accept"]);
    let filed = accepted["accepted"].as_array().unwrap();
    assert!(filed.len() >= 15, "{accepted}");
    let left = lib.json(&["suggest", "--untagged", "--limit", "100"]);
    assert_eq!(left.as_array().unwrap().len(), 20 - filed.len());
}

#[test]
fn on_arrival_clippings_are_filed_for_review_and_kept() {
    let dir = dev_set();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let lib = Lib::new();
    lib.json(&["import", dir.join("train").to_str().unwrap()]);
    // Off by default: learning and importing file nothing.
    lib.json(&["suggest", "--untagged"]);
    let on = lib.json(&["suggest", "--on-arrival", "on"]);
    assert_eq!(on["file_on_arrival"], true);
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("test"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut args = vec!["import".to_string()];
    args.extend(names[..10].iter().map(|p| p.to_string_lossy().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let imported = lib.json(&args);
    let ids: Vec<i64> = imported["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 10, "{imported}");
    let auto = lib.json(&["search", "is:auto-tagged", "--limit", "100"]);
    let found = auto["items"].as_array().unwrap();
    assert!(found.len() >= 8, "{auto}");
    let one = found[0]["id"].as_i64().unwrap();
    let shown = lib.json(&["show", &one.to_string()]);
    assert!(
        !shown["auto_tags"].as_array().unwrap().is_empty(),
        "{shown}"
    );
    assert_eq!(shown["auto_tags"], shown["tags"]);

    // The lossless JSON carries the mark: a library made from it has them to review too.
    let (copy, _) = lib.through_json();
    let again = copy.json(&["search", "is:auto-tagged", "--limit", "100"]);
    assert_eq!(again["total"], auto["total"], "{again}");
    let shown_again = copy.json(&["show", &one.to_string()]);
    assert_eq!(shown_again["auto_tags"], shown["auto_tags"]);

    let kept = lib.json(&[
        "suggest",
        "--search",
        "is:auto-tagged",
        "--limit",
        "100",
        "--keep",
    ]);
    assert!(kept["kept"].as_i64().unwrap() >= 8, "{kept}");
    let left = lib.json(&["search", "is:auto-tagged"]);
    assert!(left["items"].as_array().unwrap().is_empty(), "{left}");
    let off = lib.json(&["suggest", "--on-arrival", "off"]);
    assert_eq!(off["file_on_arrival"], false);
}
