#!/usr/bin/env bash
# runtime-ts transports in headless Chromium: small-call latency and bulk
# throughput of direct, Worker and SharedWorker next to a hand-written wasm
# export, raw postMessage and Comlink (pinned in package.json), same run; the
# direct transport through the generated client's scalar fast path and frames.
# The module is the service scenario's Rust module with its generated client
# (scripts/build-service-fixture.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-service-fixture.sh
node tests/browser/bench.mjs
