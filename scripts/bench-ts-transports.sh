#!/usr/bin/env bash
# runtime-ts transports in headless Chromium: small-call latency and bulk
# throughput of direct, Worker and SharedWorker next to a hand-written wasm
# export, raw postMessage and Comlink (pinned in package.json), same run.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p runtime-ts
(cd tests/browser/fixture && cargo build --quiet --target wasm32-unknown-unknown --release --target-dir ../../../target/ts-fixture)
node tests/browser/bench.mjs
