#!/usr/bin/env bash
# Builds and runs the desktop app on this machine: installs what is missing, builds the UI,
# then the app in release mode (a debug build works too, but the library list is much faster
# optimised). Arguments go to the app, e.g. `bash scripts/app.sh --library ~/press.cuttings`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run build)
cargo run --release --locked -p cuttings-app -- "$@"
