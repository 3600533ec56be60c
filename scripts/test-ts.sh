#!/usr/bin/env bash
# runtime-ts and the TS backend: builds the runtime (tsc) and the hand-written
# fixture service (wasm32-unknown-unknown), runs the node unit tests of the
# host and transports, generates the fixture's client/host with the TS backend
# and runs them (tsc --strict, node), then the real-browser tests in headless
# Chromium (direct, Worker, SharedWorker; the hand-written fixture client and
# the generated one compiled above).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-ts]\033[0m %s\n' "$*"; }

log "build runtime-ts (tsc)"
npx tsc -p runtime-ts

log "build the fixture service (tests/browser/fixture)"
(cd tests/browser/fixture && cargo build --quiet --target wasm32-unknown-unknown --release --target-dir ../../../target/ts-fixture)

log "node tests: runtime-ts host and transports"
node --test runtime-ts/test/*.test.mjs

log "TS backend: generate the fixture client/host, compile with tsc --strict, run"
rm -rf target/ts-e2e
cargo test --quiet -p kkgen --lib ts::
cargo run --quiet -p kkgen -- gen --lang ts --out target/ts-e2e/generated tests/browser/fixture/fixture.kkidl 2>/dev/null
npx tsc -p tests/ts-e2e
node --test target/ts-e2e/dist/tests/ts-e2e/ tests/ts-e2e/no-any.test.mjs

log "browser tests (headless Chromium at ${CHROMIUM:-/usr/bin/chromium})"
node --test --test-concurrency=1 tests/browser/run.test.mjs
