#!/usr/bin/env bash
# Rust suite: runtime-rs unit tests, the Rust backend's snapshot tests, the
# geometry example built for all three Rust targets and exercised for real:
# wasm32-unknown-unknown through the module ABI from node (no JS glue; the
# wasip1 reactor likewise under node's WASI) and
# through its typed #[wasm_bindgen] per-op exports with wasm-bindgen's glue
# (and the bindgen_kinds fixture: every JS mapping of those exports),
# wasm32-wasip1 over stdio under node's WASI and wasmtime, native over stdio and
# in-process, all through the generated typed client; the size goal; the
# generated code clippy -D warnings clean on every target.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-rust]\033[0m %s\n' "$*"; }

log "runtime-rs unit tests"
cargo test --quiet -p kkrpc-runtime --lib

log "Rust backend tests (generator/tests/rust_*.rs)"
tests=()
for t in generator/tests/rust_*.rs; do tests+=(--test "$(basename "$t" .rs)"); done
cargo test --quiet -p kkgen "${tests[@]}"

log "geometry: wasm32-unknown-unknown + wasm32-wasip1 (wasm-release, wasm-bindgen, wasm-opt), size goal"
KK_SIZE_GOAL=check bash scripts/build-wasm-rust.sh geometry-service

log "geometry: the module ABI from node (wasm32-unknown-unknown with stubbed imports, wasm32-wasip1 reactor under node WASI)"
node --test examples/geometry/host/abi-test.mjs

log "geometry: wasm32-unknown-unknown through the typed #[wasm_bindgen] exports (wasm-bindgen glue, node)"
node --test examples/geometry/host/bindgen-test.mjs

log "bindgen_kinds fixture: every JS mapping of the typed exports (wasm32-unknown-unknown, wasm-bindgen glue, node)"
CARGO_PROFILE_WASM_RELEASE_STRIP=false cargo build --quiet -p geometry-service --example bindgen_kinds \
  --target wasm32-unknown-unknown --profile wasm-release --target-dir target/wasm
wasm-bindgen --target experimental-nodejs-module --out-dir dist/rust/bindgen-kinds/node \
  target/wasm/wasm32-unknown-unknown/wasm-release/examples/bindgen_kinds.wasm
KK_KINDS_GLUE=dist/rust/bindgen-kinds/node/bindgen_kinds.js node --test examples/geometry/host/kinds-test.mjs

log "geometry: native + wasip1 (node WASI, wasmtime) over stdio, typed client; zero-copy arguments"
bash scripts/setup-rust.sh   # wasmtime's Python package, rustfmt, clippy (normally done by scripts/setup.sh)
KK_GEOMETRY_WASIP1="$PWD/dist/rust/geometry-service/wasip1/geometry-stdio.wasm" KK_REQUIRE_WASMTIME=1 \
  cargo test --quiet -p geometry-service

log "clippy -D warnings: the generated code and runtime-rs (native, wasm32-unknown-unknown, wasm32-wasip1)"
cargo clippy --quiet -p kkrpc-runtime -p kkgen --all-targets --no-deps -- -D warnings
for target in "" wasm32-unknown-unknown wasm32-wasip1; do
  cargo clippy --quiet -p geometry-service -p size-trivial --all-targets --no-deps ${target:+--target "$target"} -- -D warnings
  [ -z "$target" ] || cargo clippy --quiet -p kkrpc-runtime --lib --no-deps --target "$target" -- -D warnings
done
log "ok"
