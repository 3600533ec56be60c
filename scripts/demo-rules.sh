#!/usr/bin/env bash
# Demo: the Go rules service built for wasm, then real calls over stdio
# (wasip1 command under node:wasi) and through the module ABI (reactor).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm-go.sh
RULES_STDIO_WASM=target/wasm-go/rules-stdio.wasm RULES_REACTOR_WASM=target/wasm-go/rules-reactor.wasm \
  node --test --test-reporter=spec examples/rules/node/
