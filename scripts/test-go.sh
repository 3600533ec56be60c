#!/usr/bin/env bash
# The Go suite: runtime-go unit tests (ABI block table, stdio loop, handler,
# client), snapshots of the generated Go service side, then the rules example:
# gofmt/go vet of the generated package, go test (generated dispatcher and
# client in process), wasm builds, node tests that serve the wasip1 module
# over stdio and call the reactor through the module ABI, and the reactor
# called from the TS client kkgen generates, over runtime-ts's direct transport.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "--- runtime-go"
(cd runtime-go && test -z "$(gofmt -l .)" && go vet ./... && GOOS=wasip1 GOARCH=wasm go vet ./... && go test ./...)

echo "--- runtime-go ABI in a real Go reactor (c-shared) called from node"
mkdir -p target/wasm-go
(cd runtime-go && GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o ../target/wasm-go/echo-reactor.wasm ./abi/echomodule)
ECHO_REACTOR_WASM=target/wasm-go/echo-reactor.wasm node --test runtime-go/abi/echomodule/

echo "--- generator snapshots (Go service side)"
cargo test -q -p kkgen --test go_service

echo "--- examples/rules (generated package, wasm builds)"
bash scripts/build-wasm-go.sh
# The reactor runs under the minimal WASI shim of docs/abi.md §2 (runtime-ts's
# host): package os would make Go's startup probe preopened directories
# (fd_prestat_get -> ENOSYS -> panic during init), so it must not be linked.
if (cd examples/rules && GOOS=wasip1 GOARCH=wasm go list -deps ./cmd/rules-reactor | grep -qx os); then
  echo "examples/rules/cmd/rules-reactor depends on package os; the browser/Cloudflare host cannot start it" >&2
  exit 1
fi
(cd examples/rules && test -z "$(gofmt -l .)" && go vet ./... && GOOS=wasip1 GOARCH=wasm go vet ./... && go test ./...)

echo "--- node: stdio (wasip1 command) and ABI (reactor)"
RULES_STDIO_WASM=target/wasm-go/rules-stdio.wasm RULES_REACTOR_WASM=target/wasm-go/rules-reactor.wasm \
  node --test examples/rules/node/

echo "--- node: the reactor through runtime-ts (generated TS client, direct transport, WasmHost)"
rm -rf target/rules-ts
cargo run -q -p kkgen -- gen --lang ts --out target/rules-ts/generated examples/rules/rules.kkidl >/dev/null
npx tsc -p runtime-ts
npx tsc -p examples/rules/ts
RULES_REACTOR_WASM=target/wasm-go/rules-reactor.wasm node --test target/rules-ts/dist/examples/rules/ts/
