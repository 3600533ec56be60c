#!/usr/bin/env bash
# What the kkrpc glue adds to a wasm32-unknown-unknown module, after
# wasm-bindgen + wasm-opt -Oz: a trivial `add` service (generated code,
# runtime, ABI exports) against a plain wasm-bindgen `add` baseline built the
# same way in the same run. Goal: <= 15 KB raw. scripts/build-wasm-rust.sh
# prints it after every build.
#
#   scripts/bench-rust-size.sh [--check]    (--check: exit 1 when the goal is missed)
set -euo pipefail
cd "$(dirname "$0")/.."
KK_SIZE_GOAL=0 bash scripts/build-wasm-rust.sh size-baseline target/wasm/size/baseline >/dev/null
KK_SIZE_GOAL=0 bash scripts/build-wasm-rust.sh size-trivial target/wasm/size/trivial >/dev/null
node --input-type=module - "${1:-}" <<'JS'
import { sizes } from "./scripts/wasm-sizes.mjs";
const b = sizes("target/wasm/size/baseline/unknown/size_baseline.wasm");
const t = sizes("target/wasm/size/trivial/unknown/size_trivial.wasm");
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
console.log("size goal (wasm32-unknown-unknown, wasm-opt -Oz)    raw       gzip      brotli");
console.log("  baseline (wasm-bindgen add)           ", kb(b.raw), kb(b.gz), kb(b.br));
console.log("  trivial kkrpc service                 ", kb(t.raw), kb(t.gz), kb(t.br));
console.log("  glue added                            ", kb(t.raw - b.raw), kb(t.gz - b.gz), kb(t.br - b.br));
const met = t.raw - b.raw <= 15 * 1024;
console.log(met ? "  goal met: glue <= 15 KB" : "  goal MISSED: glue > 15 KB");
if (!met && process.argv.includes("--check")) process.exit(1);
JS
