#!/usr/bin/env bash
# The service scenario (tests/service/fixture): one schema, a Rust and a Go
# implementation, one runner asserting the same answers against both modules
# through every transport (direct in node and over a node MessageChannel;
# direct, Worker and SharedWorker in headless Chromium at
# ${CHROMIUM:-/usr/bin/chromium}).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-service-fixture.sh
printf '\033[1;34m[test-service]\033[0m %s\n' "runner: both modules, every transport"
node --test --test-concurrency=1 tests/service/fixture/run.test.mjs
