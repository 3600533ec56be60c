#!/usr/bin/env bash
# cargo-generate for suite `template` (templates/kkgen-service), idempotent: installed from
# crates.io with its own lock file (--locked) into target/tools, so a second run is instant.
# Pinned: 0.23.7 is the newest whose locked dependencies build on the pinned Rust toolchain
# (0.24+ lock kstring 2.0.4+ and cargo-util-schemas 0.14, which need rustc 1.96+). Built
# --debug: half the CPU time of a release build (about 340 CPU-seconds on 2 cores), and the
# template's instantiation takes well under a second either way.
#
#   bash scripts/setup-template.sh               installs if missing (waits for an install in progress)
#   bash scripts/setup-template.sh --background  starts that in the background and returns at once
#                                                (scripts/setup.sh --background, for `cargo xtask
#                                                test`: the compile overlaps the rest of the setup
#                                                and the first suites; suite template, run mid-way,
#                                                then runs this script and waits)
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_GENERATE_VERSION=0.23.7
bin=target/tools/bin/cargo-generate
mkdir -p target/tools

installed() { "$bin" --version 2>/dev/null | grep -q "$CARGO_GENERATE_VERSION"; }

if [ "${1:-}" = "--background" ]; then
  installed && exit 0
  echo "[setup-template] cargo-generate $CARGO_GENERATE_VERSION: building in the background (log: target/tools/install.log)"
  nohup bash "$0" > target/tools/install.log 2>&1 < /dev/null &
  exit 0
fi

# One install at a time: a second caller waits here for the first, then finds it installed.
exec 9> target/tools/.install.lock
flock 9
if ! installed; then
  echo "[setup-template] cargo install cargo-generate@$CARGO_GENERATE_VERSION --locked --debug --root target/tools"
  cargo install "cargo-generate@$CARGO_GENERATE_VERSION" --locked --debug --quiet --root target/tools
fi
"$bin" --version >/dev/null
