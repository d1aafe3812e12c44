//! The `cuttings` binary as a user runs it, on a temporary library.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::Lib;

impl Lib {
    fn ids(&self, args: &[&str]) -> Vec<i64> {
        self.json(args)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    repo().join("seeds/000_73811806d1c1e07a.txt")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn importing_the_seed_reads_every_field() {
    let lib = Lib::new();
    let out = lib.json(&["import", seed().to_str().unwrap()]);
    assert_eq!(out["imported"], 1);
    let id = out["ids"][0].as_i64().unwrap();
    let c = lib.json(&["show", &id.to_string()]);
    assert_eq!(
        c["title"],
        "Lavrov stresses commitment to make inter-Syrian dialogue succeed"
    );
    assert_eq!(c["source"], "SANA");
    assert_eq!(c["place"], "Moscow");
    assert_eq!(
        c["authors"],
        serde_json::json!(["Manar al-Frieh", "Haifa Said"])
    );
    assert_eq!(c["published"], Value::Null);
    assert_eq!(c["date_precision"], "unknown");
    assert_eq!(c["status"], "inbox");
    assert_eq!(c["starred"], false);
    let body = c["body"].as_str().unwrap();
    assert!(
        body.starts_with("Russian Foreign Minister Sergei Lavrov said"),
        "{body:.80}"
    );
    assert!(
        !body.contains("Check Also")
            && !body.contains("Deir al-Balah")
            && !body.contains("Manar al-Frieh")
    );
    assert!(c["word_count"].as_i64().unwrap() > 400);
    for key in [
        "id",
        "standfirst",
        "language",
        "url",
        "tags",
        "notes",
        "captured_at",
    ] {
        assert!(c.get(key).is_some(), "the JSON has {key}");
    }
}

#[test]
fn importing_twice_stores_once() {
    let lib = Lib::new();
    lib.json(&["import", seed().to_str().unwrap()]);
    let again = lib.json(&["import", seed().to_str().unwrap()]);
    assert_eq!(again["imported"], 0);
    assert_eq!(again["already_present"], 1);
    assert_eq!(lib.json(&["stats"])["total"], 1);
}

#[test]
fn tag_note_search_and_filter_the_seed() {
    let lib = Lib::new();
    lib.json(&["import", seed().to_str().unwrap()]);
    lib.json(&["tag", "add", "1", "Syria/Diplomacy"]);
    lib.json(&["note", "add", "1", "Compare with the **Geneva** text"]);
    assert_eq!(lib.ids(&["search", "Lavrov"]), vec![1]);
    assert_eq!(
        lib.ids(&["search", "communique"]),
        vec![1],
        "diacritics are folded"
    );
    assert_eq!(
        lib.ids(&["search", "geneva", "--tag", "Syria"]),
        vec![1],
        "a parent tag includes its children"
    );
    assert_eq!(lib.ids(&["list", "--source", "SANA"]), vec![1]);
    assert_eq!(lib.ids(&["list", "--author", "al-frieh"]), vec![1]);
    assert_eq!(lib.ids(&["list", "--place", "moscow"]), vec![1]);
    assert!(lib.ids(&["list", "--source", "Reuters"]).is_empty());
    assert!(
        lib.ids(&["list", "--from", "2015-01-01", "--to", "2015-12-31"])
            .is_empty(),
        "an unknown date is outside any range"
    );
    assert_eq!(
        lib.ids(&["list", "--from", "2015", "--include-undated"]),
        vec![1]
    );
    assert_eq!(
        lib.ids(&["search", "tag:Syria/Diplomacy source:SANA"]),
        vec![1]
    );
    assert!(lib.ids(&["search", "lavrov -geneva"]).is_empty());
    let c = lib.json(&["show", "1"]);
    assert_eq!(c["tags"], serde_json::json!(["Syria/Diplomacy"]));
    assert_eq!(c["notes"][0]["body"], "Compare with the **Geneva** text");
    let tags = lib.json(&["tag", "list"]);
    assert_eq!(tags.as_array().unwrap().len(), 2);
}

#[test]
fn any_text_is_a_safe_search() {
    let lib = Lib::new();
    lib.json(&["import", seed().to_str().unwrap()]);
    for q in [
        "\"",
        "NEAR(",
        "title:",
        "a AND",
        "(",
        "*",
        "-",
        "OR",
        "\"Moscow process",
    ] {
        lib.json(&["search", q]);
    }
    let out = lib.cmd().args(["search", "from:someday"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("from:someday") && !err.contains("fts5"),
        "{err}"
    );
}

#[test]
fn edit_trash_and_restore() {
    let lib = Lib::new();
    lib.json(&["import", seed().to_str().unwrap()]);
    let out = lib.json(&[
        "edit",
        "1",
        "--date",
        "2015-04",
        "--status",
        "filed",
        "--star",
        "--author",
        "Haifa Said",
    ]);
    assert_eq!(out["items"][0]["published"], "2015-04");
    assert_eq!(out["items"][0]["date_precision"], "month");
    assert_eq!(out["items"][0]["starred"], true);
    assert_eq!(
        out["items"][0]["authors"],
        serde_json::json!(["Haifa Said"])
    );
    assert_eq!(
        lib.ids(&["list", "--from", "2015-04-10", "--to", "2015-04-20"]),
        vec![1],
        "a month overlaps days inside it"
    );
    lib.json(&["delete", "1"]);
    assert!(lib.ids(&["list"]).is_empty());
    assert_eq!(lib.ids(&["list", "--trash"]), vec![1]);
    lib.json(&["restore", "1"]);
    assert_eq!(lib.ids(&["search", "lavrov"]), vec![1]);
    let bad = lib
        .cmd()
        .args(["edit", "1", "--date", "2015-02-30"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a calendar date"));
}

#[test]
fn sources_merge_and_alias() {
    let lib = Lib::new();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Headline one\n\nLONDON (Reuters) - Something happened in London today.\n".as_bytes(),
    );
    write(
        dir.path(),
        "b.txt",
        "Headline two\n\nPARIS (AFP) - Something else happened in Paris today.\n".as_bytes(),
    );
    lib.json(&["import", dir.path().to_str().unwrap()]);
    lib.json(&["sources", "merge", "AFP", "Reuters"]);
    assert_eq!(lib.ids(&["list", "--source", "AFP"]).len(), 2);
    lib.json(&["sources", "alias", "Reuters", "Thomson Reuters"]);
    let s = lib.json(&["sources"]);
    assert_eq!(s[0]["name"], "Reuters");
    assert_eq!(s[0]["count"], 2);
}

#[test]
fn bad_files_are_named_and_the_rest_goes_on() {
    let lib = Lib::new();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3]);
    write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 society returns\n\nThe caf\xe9s of Paris reopened on Monday.\n",
    );
    write(dir.path(), "big.txt", &vec![b'a'; 2 * 1024 * 1024]);
    let good = write(dir.path(), "good.md", "---\ntitle: Front matter works\nsource: Le Monde\ndate: 2015-04-07\ntags: [France]\n---\n\nBody text here.\n".as_bytes());
    let out = lib
        .cmd()
        .args(["--json", "import", "--max-mb", "1"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "failures give exit code 2");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"], 2);
    let failed = v["failed"].as_array().unwrap();
    let reason = |name: &str| {
        failed
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| f["reason"].as_str().unwrap().to_string())
    };
    assert!(reason("empty.txt").unwrap().contains("empty"));
    assert!(reason("binary.txt").unwrap().contains("binary"));
    assert!(reason("big.txt").unwrap().contains("limit"));
    let titles: Vec<String> = lib.json(&["list"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.contains(&"Café society returns".to_string()),
        "{titles:?}"
    );
    let fm = lib.json(&["search", "front matter works"]);
    assert_eq!(fm["items"][0]["published"], "2015-04-07");
    assert_eq!(fm["items"][0]["source"], "Le Monde");
    assert_eq!(fm["items"][0]["tags"], serde_json::json!(["France"]));
    // Text output names the file and the reason.
    let lib2 = Lib::new();
    let out = lib2
        .cmd()
        .arg("import")
        .arg(dir.path().join("empty.txt"))
        .arg(&good)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("imported 1") && text.contains("empty.txt: the file is empty"),
        "{text}"
    );
    lib.cmd().arg("check").assert().success();
}

#[test]
fn a_missing_path_is_a_failure_not_a_crash() {
    let lib = Lib::new();
    let out = lib
        .cmd()
        .args(["import", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("/no/such/folder: no such file or folder")
    );
}

#[test]
fn the_library_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("env.cuttings");
    Command::cargo_bin("cuttings")
        .unwrap()
        .env("CUTTINGS_LIBRARY", &path)
        .arg("import")
        .arg(seed())
        .assert()
        .success();
    assert!(path.exists());
}

/// The BBC corpus (500 articles, some byte-identical), read by path where the shared corpora
/// are present.
#[test]
fn the_bbc_corpus_imports_with_its_titles_and_duplicates_reported() {
    let corpus = std::env::var_os("CUTTINGS_BBC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpora/bbc"));
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let lib = Lib::new();
    let v = lib.json(&["import", corpus.to_str().unwrap()]);
    let files: Vec<PathBuf> = ["business", "entertainment", "politics", "sport", "tech"]
        .iter()
        .flat_map(|c| {
            std::fs::read_dir(corpus.join(c))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .collect();
    assert_eq!(files.len(), 500);
    let mut distinct: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(v["failed"].as_array().unwrap().len(), 0, "{}", v["failed"]);
    assert_eq!(v["imported"].as_u64().unwrap() as usize, distinct.len());
    assert_eq!(
        v["already_present"].as_u64().unwrap() as usize,
        500 - distinct.len()
    );
    // Every title is the file's first line.
    let all = lib.json(&["list", "--limit", "1000"]);
    let titles: std::collections::HashSet<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let text: String = match String::from_utf8(bytes.clone()) {
            Ok(s) => s,
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        };
        let first = text.lines().next().unwrap().trim().to_string();
        assert!(
            titles.contains(&first),
            "{}: title '{first}' not found",
            f.display()
        );
    }
}
