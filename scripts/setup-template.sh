#!/usr/bin/env bash
# cargo-generate for suite `template` (templates/kkgen-service), idempotent: installed from
# crates.io with its own lock file (--locked) into target/tools, so a second run is instant.
# Pinned: 0.23.7 is the newest whose locked dependencies build on the pinned Rust toolchain
# (0.24+ lock kstring 2.0.4+ and cargo-util-schemas 0.14, which need rustc 1.96+).
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_GENERATE_VERSION=0.23.7

bin=target/tools/bin/cargo-generate
if ! "$bin" --version 2>/dev/null | grep -q "$CARGO_GENERATE_VERSION"; then
  echo "[setup-template] cargo install cargo-generate@$CARGO_GENERATE_VERSION --locked --root target/tools"
  cargo install "cargo-generate@$CARGO_GENERATE_VERSION" --locked --quiet --root target/tools
fi
"$bin" --version >/dev/null
