//! `cuttings stories` over real copies of one article, and stories through the exports: the
//! lossless JSON keeps the user's splits and merges, CSV has a story column, the report says
//! who else carried a story.

mod common;

use std::path::{Path, PathBuf};

use common::Lib;

fn dev_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/analysis/stories-dev/files")
}

/// Seven copies of one BBC story (headline rewrites, cuts, OCR) and an unrelated article.
const COPIES: [&str; 7] = [
    "00009", "00047", "00107", "00146", "00182", "00238", "00339",
];
const OTHER: &str = "00000";

fn library() -> Option<Lib> {
    let dir = dev_set();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return None;
    }
    let lib = Lib::new();
    let files: Vec<String> = COPIES
        .iter()
        .chain(&[OTHER])
        .map(|f| dir.join(format!("{f}.txt")).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    lib.json(&args);
    Some(lib)
}

fn stories_of(lib: &Lib) -> Vec<Vec<i64>> {
    let out = lib.json(&["stories", "--limit", "100"]);
    let mut v: Vec<Vec<i64>> = out["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut ids: Vec<i64> = s["copies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    v.sort();
    v
}

#[test]
fn copies_form_one_story_that_splits_merges_and_survives_a_json_round_trip() {
    let Some(lib) = library() else { return };
    assert_eq!(stories_of(&lib), [vec![1, 2, 3, 4, 5, 6, 7], vec![8]]);
    let shown = lib.json(&["show", "3"]);
    let story = shown["story"].as_i64().unwrap();
    let listed = lib.json(&["list", "--group-copies"]);
    assert_eq!(listed["total"], 2);
    let row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["story"] == story)
        .unwrap();
    assert_eq!(row["copies"], 7);
    let search = lib.json(&["search", &format!("story:{story} is:pickup")]);
    assert_eq!(search["total"], 6);

    lib.json(&["stories", "split", "4"]);
    let other = lib.json(&["show", "8"])["story"].as_i64().unwrap();
    lib.json(&["stories", "merge", &other.to_string(), &story.to_string()]);
    lib.json(&["stories", "keep", "2"]);
    let decided = stories_of(&lib);
    assert_eq!(decided, [vec![1, 2, 3, 5, 6, 7, 8], vec![4]]);

    let (copy, file) = lib.through_json();
    assert_eq!(
        stories_of(&copy),
        decided,
        "the decisions travel with the file"
    );
    let kept = copy.json(&["stories", "show", &other.to_string()]);
    assert_eq!(
        kept["copies"][0]["id"], 2,
        "the kept copy still leads: {kept}"
    );
    assert_eq!(kept["copies"][0]["kept"], true);
    // Importing the file again changes nothing.
    copy.json(&["import", file.to_str().unwrap()]);
    assert_eq!(stories_of(&copy), decided);
    // Let go, the kept copy no longer leads.
    let out = copy.json(&["stories", "unkeep", "2"]);
    assert_eq!(out["kept"], false);
    let led = copy.json(&["stories", "show", &other.to_string()]);
    assert!(
        led["copies"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kept"] == false),
        "{led}"
    );
}

#[test]
fn csv_has_a_story_column_and_the_report_says_who_else_carried_it() {
    let Some(lib) = library() else { return };
    let story = lib.json(&["show", "1"])["story"].as_i64().unwrap();
    let csv = lib.dir.path().join("c.csv");
    lib.json(&[
        "export",
        "--format",
        "csv",
        "--output",
        csv.to_str().unwrap(),
    ]);
    let mut r = csv::Reader::from_path(&csv).unwrap();
    let at = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "story")
        .expect("a story column");
    let stories: Vec<String> = r.records().map(|x| x.unwrap()[at].to_string()).collect();
    assert_eq!(
        stories.iter().filter(|s| **s == story.to_string()).count(),
        7
    );

    let html = lib.dir.path().join("r.html");
    lib.json(&[
        "export",
        "--format",
        "html",
        "--group-copies",
        "--output",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        page.matches("<article class=\"clipping\"").count(),
        2,
        "a story once"
    );
    assert!(page.contains("Also carried by"));
}
