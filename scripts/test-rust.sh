#!/usr/bin/env bash
# Rust suite: runtime-rs unit tests, the Rust backend's snapshot tests, the
# geometry example built for all three Rust targets and exercised for real:
# wasm32-unknown-unknown through the module ABI from node (no JS glue),
# wasm32-wasip1 over stdio under node's WASI, native over stdio and in-process,
# all through the generated typed client; clippy -D warnings on generated code.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-rust]\033[0m %s\n' "$*"; }

log "runtime-rs unit tests"
cargo test --quiet -p kkrpc-runtime --lib

log "Rust backend tests (generator/tests/rust_*.rs)"
tests=()
for t in generator/tests/rust_*.rs; do tests+=(--test "$(basename "$t" .rs)"); done
cargo test --quiet -p kkgen "${tests[@]}"

log "geometry: wasm32-unknown-unknown + wasm32-wasip1 (wasm-release, wasm-bindgen, wasm-opt)"
bash scripts/build-wasm-rust.sh geometry-service

log "geometry: wasm32-unknown-unknown through the ABI from node"
node --test examples/geometry/host/abi-test.mjs

log "geometry: native + wasip1 (node WASI) over stdio, typed client"
KK_GEOMETRY_WASIP1="$PWD/dist/rust/geometry-service/wasip1/geometry-stdio.wasm" \
  cargo test --quiet -p geometry-service

log "clippy -D warnings on the generated code (native)"
cargo clippy --quiet -p geometry-service --all-targets --no-deps -- -D warnings
log "ok"
