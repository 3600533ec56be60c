#!/usr/bin/env bash
# TS codec benchmark: generated kkrpc codecs vs JSON.stringify/parse vs
# protobuf-es, for a 10-scalar struct and a 1M-element f32 buffer, in one node
# run (tests/conformance/ts/bench/wire-bench.ts). Prints figures and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ts-wire
rm -rf "$out/bench-gen" "$out/bench-build"
cargo build -q -p kkgen
./target/debug/kkgen gen --lang ts --out "$out/bench-gen" tests/conformance/ts/bench/bench.kkidl
npx --no-install tsc -p runtime-ts
npx --no-install tsc -p tests/conformance/ts/bench
node "$out/bench-build/tests/conformance/ts/bench/wire-bench.js"
