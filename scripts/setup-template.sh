#!/usr/bin/env bash
# cargo-generate for suite `template` (templates/kkgen-service), idempotent: installed from
# crates.io with its own lock file (--locked) into target/tools, so a second run is instant.
# Pinned: 0.23.7's locked dependencies build on rustc 1.95; 0.24.0, 0.25.0 and 0.26.0 lock
# kstring 2.0.4+ and cargo-util-schemas 0.14, which need rustc 1.96+ (0.23.8+ not tried).
# --debug: the dev profile compiles in about half the CPU time of release (measured: 338 s
# against 619 s on this 2-core machine), and instantiating one small template needs no speed.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_GENERATE_VERSION=0.23.7

bin=target/tools/bin/cargo-generate
if ! "$bin" --version 2>/dev/null | grep -q "$CARGO_GENERATE_VERSION"; then
  echo "[setup-template] cargo install cargo-generate@$CARGO_GENERATE_VERSION --locked --debug --root target/tools"
  cargo install "cargo-generate@$CARGO_GENERATE_VERSION" --locked --debug --quiet --root target/tools
fi
"$bin" --version >/dev/null
