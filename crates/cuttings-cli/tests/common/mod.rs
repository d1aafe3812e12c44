//! What every CLI test file needs: a temporary library and the `cuttings` binary pointed at it.
#![allow(dead_code)] // each test binary uses its own part of this

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub struct Lib {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Lib {
    pub fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.cuttings");
        Lib { dir, path }
    }

    /// `cuttings --library <this library>`, whatever the environment says.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("cuttings").unwrap();
        c.env_remove("CUTTINGS_LIBRARY")
            .arg("--library")
            .arg(&self.path);
        c
    }

    /// Runs with --json, expects success, returns the parsed output.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "cuttings {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "cuttings {args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// This library exported as lossless JSON (the file kept beside it) and imported into a
    /// new one.
    pub fn through_json(&self) -> (Lib, PathBuf) {
        let file = self.dir.path().join("all.json");
        self.json(&[
            "export",
            "--format",
            "json",
            "--output",
            file.to_str().unwrap(),
        ]);
        let copy = Lib::new();
        copy.json(&["import", file.to_str().unwrap()]);
        (copy, file)
    }
}
