#!/usr/bin/env bash
# The service scenario (tests/service/fixture): one schema, a Rust and a Go
# implementation, one TS runner. Builds both modules and the generated TS
# client, then runs the runner against both modules through every transport
# (direct in node; direct, Worker and SharedWorker in headless Chromium at
# ${CHROMIUM:-/usr/bin/chromium}).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-service]\033[0m %s\n' "$*"; }
out=target/service/fixture

log "build runtime-ts (tsc)"
npx tsc -p runtime-ts

log "Rust implementation (wasm32-unknown-unknown, bindings from build.rs, then wasm-bindgen)"
cargo build --quiet -p kk-service-fixture --lib --target wasm32-unknown-unknown --release
wasm-bindgen --target web --out-dir "$out/rust-bindgen" target/wasm32-unknown-unknown/release/kk_service_fixture.wasm
cp "$out/rust-bindgen/kk_service_fixture_bg.wasm" "$out/rust.wasm"

log "Go implementation (kkgen gen --lang go, gofmt, vet, wasip1 reactor)"
cargo run --quiet -p kkgen -- gen --lang go --out tests/service/fixture/go/kkfixturev1 tests/service/fixture/schema.kkidl >/dev/null
test -z "$(gofmt -l tests/service/fixture/go)"
(cd tests/service/fixture/go && go vet ./... && GOOS=wasip1 GOARCH=wasm go vet ./... \
  && GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -buildmode=c-shared -o "../../../../$out/go.wasm" .)

log "TS client (kkgen gen --lang ts) and the runner (tsc --strict)"
rm -rf "$out/ts" "$out/dist"
cargo run --quiet -p kkgen -- gen --lang ts --out "$out/ts" tests/service/fixture/schema.kkidl >/dev/null
npx tsc -p tests/service/fixture

log "runner: both modules, every transport"
node --test --test-concurrency=1 tests/service/fixture/run.test.mjs
