#!/usr/bin/env bash
# runtime-ts and the TS backend: builds the service scenario's artifacts
# (scripts/build-service-fixture.sh: runtime-ts, the Rust module and the
# generated client), runs the node unit tests of the host and transports
# against that module, the TS backend's unit tests and the generated client's
# fast-path, kkrpc and no-`any` tests (tsc --strict, node), then the
# real-browser transport tests in headless Chromium (Worker and SharedWorker
# lifecycles, cancellation, timeouts, restarts). The scenario's own runner is
# scripts/test-service.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-ts]\033[0m %s\n' "$*"; }

bash scripts/build-service-fixture.sh

log "node tests: runtime-ts host and transports"
node --test runtime-ts/test/*.test.mjs

log "TS backend: unit tests; the generated client (tsc --strict) on the fast path, with kkrpc, without any"
rm -rf target/ts-e2e
cargo test --quiet -p kkgen --lib ts::
npx tsc -p tests/ts-e2e
node --test target/ts-e2e/dist/tests/ts-e2e/ tests/ts-e2e/no-any.test.mjs

log "browser tests (headless Chromium at ${CHROMIUM:-/usr/bin/chromium})"
node --test --test-concurrency=1 tests/browser/run.test.mjs
