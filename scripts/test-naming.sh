#!/usr/bin/env bash
# Names that are keywords or predeclared names in Rust, Go or TypeScript
# (tests/schemas/good/keywords.kkidl: `Result`, `Option`, `Error`, `Promise`,
# `Map`, fields `type`, `self`, `func`, `default`, ...): every backend escapes
# them consistently, so the generated code compiles cleanly and answers real
# calls in each language.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-naming]\033[0m %s\n' "$*"; }
schema=tests/schemas/good/keywords.kkidl
out=target/naming
rm -rf "$out"
cargo build -q -p kkgen

log "Rust: generated via build.rs, clippy -D warnings, in-process calls"
cargo clippy -q -p kk-naming-rust --all-targets -- -D warnings
cargo test -q -p kk-naming-rust

log "Go: gofmt, vet (native + wasip1), calls through client and dispatcher"
mkdir -p "$out/go/gen"
./target/debug/kkgen gen --lang go --go-package keywordsv1 --out "$out/go/gen" "$schema" 2>/dev/null
cp tests/naming/go/naming_test.go "$out/go/gen/"
printf 'module kkgen.dev/kkrpc/namingcheck\n\ngo 1.24\n\nrequire kkgen.dev/kkrpc v0.0.0\n\nreplace kkgen.dev/kkrpc => ../../../runtime-go\n' >"$out/go/go.mod"
(cd "$out/go" && test -z "$(gofmt -l gen)" && go vet ./... && GOOS=wasip1 GOARCH=wasm go vet ./... && go test ./...)

log "TypeScript: strictest tsc, codec round trips and parameters named like generated locals under node"
./target/debug/kkgen gen --lang ts --ts-runtime @kkgen/runtime --out "$out/ts" "$schema" 2>/dev/null
./target/debug/kkgen gen --lang ts --ts-runtime @kkgen/runtime --out "$out/ts-locals" tests/schemas/good/generated_locals.kkidl 2>/dev/null
npx --no-install tsc -p runtime-ts
npx --no-install tsc -p tests/naming/ts
node --test "$out"/ts-build/tests/naming/ts/
log "ok"
