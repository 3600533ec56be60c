#!/usr/bin/env bash
# Go wire format suite: runtime-go/wire unit tests (+ FuzzReader seeds), then
# the Go types and codecs kkgen generates for tests/conformance/conformance.kkidl
# (into tests/conformance/go/gen/, not committed) and the whole backend for
# tests/schemas/good/edge.kkidl (edgegen/): gofmt-clean, go vet (native and wasip1), wasip1
# builds, the shared vectors (valid, malformed, frames, bad frames), corner-case
# round trips, the fuzz targets' seed corpus, and a bounded fuzz run; the
# wire tests, vectors and corner cases also run compiled to wasm32 (wasip1)
# under node:wasi, where typed buffers are viewed in place in linear memory.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/go-wire
gen=tests/conformance/go/gen
fuzztime=${KK_GO_FUZZTIME:-10s}
mkdir -p "$out"
edgegen=tests/conformance/go/edgegen
rm -rf "$out/backend" "$gen" "$edgegen"

echo "--- runtime-go/wire"
(cd runtime-go && test -z "$(gofmt -l wire)" && go vet ./wire && GOOS=wasip1 GOARCH=wasm go vet ./wire && go test ./wire)
# TinyGo-friendly: no reflection, fmt or encoding/json anywhere below the wire package.
banned=$(cd runtime-go && GOOS=wasip1 GOARCH=wasm go list -deps ./wire | grep -xE 'reflect|fmt|encoding/json' || true)
if [ -n "$banned" ]; then echo "runtime-go/wire depends on: $banned" >&2; exit 1; fi
echo "--- runtime-go/wire tests on wasm32 (wasip1 under node:wasi)"
(cd runtime-go && GOOS=wasip1 GOARCH=wasm go test -c -o "../$out/wire.test.wasm" ./wire)
node --no-warnings tests/conformance/go/run-wasi.mjs "$out/wire.test.wasm" runtime-go wire

echo "--- generate Go for conformance.kkidl"
cargo build -q -p kkgen
./target/debug/kkgen gen --lang go --go-package conformancev1 --out "$out/backend" tests/conformance/conformance.kkidl
test -s "$out/backend/types.go"
mkdir -p "$gen" "$edgegen"
cp "$out/backend/types.go" "$gen/types.go"
# Corner cases the conformance schema lacks (tests/schemas/good/edge.kkidl):
# the whole backend (types, service side, client), called in tests/conformance/go/edge.
./target/debug/kkgen gen --lang go --go-package edgev1 --out "$edgegen" tests/schemas/good/edge.kkidl
for f in types.go service.go exports_wasm.go client.go; do test -s "$edgegen/$f"; done

echo "--- generated types.go: gofmt, vet, wasip1 build"
cd tests/conformance/go
unformatted=$(gofmt -l gen edgegen)
if [ -n "$unformatted" ]; then
  gofmt -d gen edgegen | head -40
  echo "generated Go is not gofmt-clean: $unformatted" >&2
  exit 1
fi
go vet ./...
GOOS=wasip1 GOARCH=wasm go vet ./...
GOOS=wasip1 GOARCH=wasm go build -o /dev/null ./gen ./edgegen
if command -v tinygo >/dev/null; then
  tinygo build -target=wasip1 -o /dev/null ./gen
  tinygo build -target=wasip1 -o /dev/null ./edgegen
fi

echo "--- conformance vectors, fuzz seeds, corner cases"
go test -count=1 ./...
banned=$(GOOS=wasip1 GOARCH=wasm go list -deps ./gen ./edgegen | grep -xE 'reflect|fmt|encoding/json' || true)
if [ -n "$banned" ]; then echo "generated Go depends on: $banned" >&2; exit 1; fi
echo "--- conformance vectors and corner cases on wasm32 (wasip1 under node:wasi)"
GOOS=wasip1 GOARCH=wasm go test -c -o "../../../$out/conformance.test.wasm" .
GOOS=wasip1 GOARCH=wasm go test -c -o "../../../$out/edge.test.wasm" ./edge
(cd ../../.. && node --no-warnings tests/conformance/go/run-wasi.mjs "$out/conformance.test.wasm" tests/conformance go -test.run '^Test' &&
  node --no-warnings tests/conformance/go/run-wasi.mjs "$out/edge.test.wasm" tests/conformance go/edge)
echo "--- bounded fuzz run: FuzzDecode for $fuzztime"
go test -run '^$' -fuzz '^FuzzDecode$' -fuzztime "$fuzztime" . | tail -2
cd ../../..

echo "--- whole Go backend (types + service side) for conformance.kkidl compiles"
check="$out/backend-check"
rm -rf "$check" && mkdir -p "$check/gen"
cp "$out"/backend/*.go "$check/gen/"
printf 'module kkgen.dev/kkrpc/backendcheck\n\ngo 1.24\n\nrequire kkgen.dev/kkrpc v0.0.0\n\nreplace kkgen.dev/kkrpc => ../../../runtime-go\n' >"$check/go.mod"
if ! (cd "$check" && test -z "$(gofmt -l gen)" && go vet ./... && GOOS=wasip1 GOARCH=wasm go vet ./... &&
  GOOS=wasip1 GOARCH=wasm go build -o /dev/null ./gen); then
  echo "the generated Go backend for conformance.kkidl does not compile, vet or gofmt cleanly (see above)" >&2
  exit 1
fi
echo "whole backend: ok"
echo "test-go-wire: ok"
