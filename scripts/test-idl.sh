#!/usr/bin/env bash
# The kkidl front end and the kkgen CLI: parser/checker/formatter tests
# (bad-schema corpus snapshots, IR snapshots, fmt round trips, property
# tests), CLI exit codes, and every committed schema canonically formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1;34m[test-idl]\033[0m %s\n' "$*"; }

log "kkidl: unit, corpus, IR, fmt and property tests"
cargo test -q -p kkidl
log "kkgen CLI"
cargo test -q -p kkgen --test cli --test doc_examples --test emitted_names --test emitted_names_corpus
log "every committed schema is formatted (kkgen fmt --check)"
cargo build -q -p kkgen
mapfile -t schemas < <(git ls-files '*.kkidl' | grep -v '^tests/schemas/bad/')
./target/debug/kkgen fmt --check "${schemas[@]}"
log "clippy -D warnings (kkidl, kkgen)"
cargo clippy -q -p kkidl -p kkgen --all-targets --no-deps -- -D warnings
log "ok"
