#!/usr/bin/env bash
# Front-end benchmark: parse + check + IR of a generated 1,000-op /
# 2,000-type schema, next to deserializing the same IR from JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q --release -p kkidl --example bench_frontend
