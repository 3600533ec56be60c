#!/usr/bin/env bash
# Rust wire format: runtime-rs unit/property tests, the shared conformance
# vectors (checked up to date with their Python reference encoder) against the
# Rust generated from conformance.kkidl, and the snapshot of that generated code.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tests/conformance/make_vectors.py --check
cargo test -q -p kkrpc-runtime
cargo test -q -p kk-conformance-rust
cargo test -q -p kkgen --test rust_types_snapshot
cargo test -q -p kkgen --lib -- rust::naming rust::types
