//! The development binary as a black box.

use std::path::Path;

use assert_cmd::Command;

fn dev() -> Command {
    Command::cargo_bin("cuttings-dev").unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = dev().arg("--json").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn accuracy_prints_figures_for_the_shared_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/readability");
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let v = json(&["accuracy", dir.to_str().unwrap()]);
    assert_eq!(v["pages"].as_array().unwrap().len(), 40);
    assert!(v["title"]["of"].as_u64().unwrap() == 40);
}

#[test]
fn a_small_bench_prints_its_figures() {
    let v = json(&["bench", "--clippings", "200", "--queries", "5"]);
    assert_eq!(v["clippings"], 200);
    assert_eq!(v["search"]["runs"], 5);
}
