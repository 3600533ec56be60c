#!/usr/bin/env bash
# Builds the Go example (examples/rules) for wasm: generates the Go package
# with kkgen, then
#   - target/wasm-go/rules-stdio.wasm   : wasip1 command (stdio server, bare metal)
#   - target/wasm-go/rules-reactor.wasm : WASI reactor (-buildmode=c-shared) for
#                                          the browser/Cloudflare host (docs/abi.md)
# With tinygo on PATH it also builds the TinyGo variants:
#   tinygo build -target=wasip1 -buildmode=c-shared -no-debug -scheduler=none  (reactor)
#   tinygo build -target=wasip1 -no-debug                                      (stdio command)
# and prints every size raw / gzip. TinyGo implements //go:wasmexport for its
# wasip1 and wasm-unknown targets only (0.34+), not for -target=wasm (the
# syscall/js target, whose gojs imports the kkgen host does not provide), and
# -gc=leaking never frees, so a long-running service would grow without bound:
# the smallest build the ABI host can run is the wasip1 reactor above.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/wasm-go
mkdir -p "$out"

cargo run -q -p kkgen -- gen --lang go --out examples/rules/rulesv1 examples/rules/rules.kkidl

cd examples/rules
GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -o "../../$out/rules-stdio.wasm" ./cmd/rules-stdio
GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -buildmode=c-shared -o "../../$out/rules-reactor.wasm" ./cmd/rules-reactor
if command -v tinygo >/dev/null; then
  tinygo build -target=wasip1 -buildmode=c-shared -no-debug -scheduler=none -o "../../$out/rules-reactor.tinygo.wasm" ./cmd/rules-reactor
  tinygo build -target=wasip1 -no-debug -o "../../$out/rules-stdio.tinygo.wasm" ./cmd/rules-stdio
else
  echo "(tinygo not on PATH: TinyGo builds skipped)"
fi
cd ../..

printf '%-34s %10s %10s\n' module raw gzip
for f in "$out"/*.wasm; do
  printf '%-34s %10d %10d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
