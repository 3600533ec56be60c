#!/usr/bin/env bash
# runtime-ts transports in headless Chromium: small-call latency and bulk
# throughput of direct, Worker and SharedWorker next to a hand-written wasm
# export, raw postMessage and Comlink (pinned in package.json), same run; the
# direct transport through the generated client's scalar fast path and frames.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p runtime-ts
(cd tests/browser/fixture && cargo build --quiet --target wasm32-unknown-unknown --release --target-dir ../../../target/ts-fixture)
# The generated fixture client (its direct calls use the scalar fast exports, docs/abi.md §1.4).
rm -rf target/ts-e2e/generated
cargo run --quiet -p kkgen -- gen --lang ts --out target/ts-e2e/generated tests/browser/fixture/fixture.kkidl >/dev/null
npx tsc -p tests/ts-e2e
node tests/browser/bench.mjs
