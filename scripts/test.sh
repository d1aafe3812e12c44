#!/usr/bin/env bash
# Every check and test of the project, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ui: type check, unit tests, build (the app embeds ui/dist)"
(cd ui && npm run check && npm test && npm run build)

echo "== format"
cargo fmt --all --check

echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== rust tests"
cargo test --workspace --locked

echo "== end-to-end: the real app window under Xvfb, through tauri-driver"
cargo build -p cuttings-app --locked
bash tests/e2e/run.sh target/debug/cuttings-app
