#!/usr/bin/env bash
# Rust extras for scripts/test-rust.sh, idempotent: rustfmt and clippy (the
# suite runs clippy on generated code; rustfmt formats the project's own), and wasmtime's Python package (the wasip1 stdio server is
# driven under wasmtime; no wasmtime CLI is installed here).
set -euo pipefail
if ! rustfmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  echo "[setup-rust] rustup components: rustfmt clippy"
  rustup component add rustfmt clippy >/dev/null
fi
if ! python3 -c 'import wasmtime' 2>/dev/null; then
  echo "[setup-rust] pip: wasmtime"
  python3 -m pip install --quiet --root-user-action=ignore 'wasmtime==49.0.0'
fi
