#!/usr/bin/env bash
# Rust wire format throughput next to serde_json and memcpy baselines
# measured in the same run (runtime-rs/examples/bench_wire.rs, release mode).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p kkrpc-runtime --example bench_wire
