#!/usr/bin/env bash
# Geometry example: builds the Rust service for wasm32-unknown-unknown,
# wasm32-wasip1 and native, prints the wasm sizes and the size goal, then runs
# real calls (create, tessellate ~1M floats, bounds, release, typed errors)
# through the module ABI from node, through the typed #[wasm_bindgen] exports
# with wasm-bindgen's glue, and over stdio (native and wasip1 under node's WASI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm-rust.sh geometry-service
node --test examples/geometry/host/abi-test.mjs
node --test examples/geometry/host/bindgen-test.mjs
KK_GEOMETRY_WASIP1="$PWD/dist/rust/geometry-service/wasip1/geometry-stdio.wasm" \
  cargo test --quiet -p geometry-service --test stdio -- --nocapture
