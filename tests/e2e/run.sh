#!/usr/bin/env bash
# Runs the end-to-end tests against a built Cuttings binary under a private Xvfb display.
# Builds nothing. Usage: tests/e2e/run.sh [PATH_TO_cuttings-app]
# (default: $CUTTINGS_APP, else target/debug/cuttings-app). Needs Xvfb, tauri-driver,
# WebKitWebDriver and node on PATH. Screenshots go to target/e2e/.
# E2E_SCRIPT runs another script the same way (tests/perf/window.mjs measures the window), and
# E2E_LIBRARY opens that library file instead of a fresh one.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${1:-${CUTTINGS_APP:-$root/target/debug/cuttings-app}}
out=${E2E_OUT:-$root/target/e2e}

fail() {
  echo "e2e: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[ -x "$app" ] || fail "no app binary at $app (build it with: cargo build -p cuttings-app)"
for tool in Xvfb tauri-driver WebKitWebDriver node; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done

xvfb_pid=
driver_pid=
tmp=$(mktemp -d)
cleanup() {
  # Only what this script started, by PID.
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null && wait "$driver_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# A display number nobody holds: no lock file and no socket.
display=
for n in $(seq 90 160); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display=$n
    break
  fi
done
[ -n "$display" ] || fail "no free X display between :90 and :160"
Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
# Xvfb exits quietly if the display is taken after all: check it is really running.
kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start on :$display: $(cat "$tmp/xvfb.log")"

free_port() { node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
native_port=$(free_port)

# The app inherits this environment through tauri-driver and WebKitWebDriver: a fresh library
# and config folder, so the run never touches the user's own.
export DISPLAY=":$display"
export CUTTINGS_LIBRARY="${E2E_LIBRARY:-$tmp/library.cuttings}"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
tauri-driver --port "$port" --native-port "$native_port" >"$tmp/driver.log" 2>&1 &
driver_pid=$!

up=
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/status" >/dev/null 2>&1; then
    up=1
    break
  fi
  kill -0 "$driver_pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$up" ] || fail "tauri-driver did not answer on port $port: $(cat "$tmp/driver.log")"

mkdir -p "$out"
script=${E2E_SCRIPT:-$here/app.test.mjs}
node "$script" --app "$app" --driver "http://127.0.0.1:$port" --out "$out" --result "$tmp/result" | grep -v ' passed, .* failed$'
if [ -s "$tmp/result" ]; then
  read -r passed failed <"$tmp/result"
else
  passed=0
  failed=1
  echo "e2e: the test script ended without a result; driver log:" >&2
  tail -20 "$tmp/driver.log" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
