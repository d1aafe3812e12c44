#!/usr/bin/env bash
# Installs what building and testing Cuttings needs on a fresh Debian/Ubuntu machine:
# WebKitGTK and friends for the Tauri window, Xvfb and WebKitWebDriver for headless tests,
# tauri-driver, epubcheck and poppler (pdftotext) to check exports, a font for PDF reports,
# and the UI's npm packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=(build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev xvfb webkit2gtk-driver xdotool imagemagick curl
  poppler-utils epubcheck fonts-dejavu-core)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${need_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian-like system; install WebKitGTK 4.1 (Linux) or use the OS webview (Windows, macOS)"
fi

# tauri-driver bridges WebDriver to the app's WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked --version '^2'
fi

if [ -f ui/package.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund)
  fi
fi
