#!/usr/bin/env bash
# HTTP extras for `cargo xtask test http` (docs/http.md), idempotent:
# - schemathesis from PyPI, in its own venv target/schemathesis/venv (its
#   dependencies stay out of the system Python); the suite runs
#   target/schemathesis/venv/bin/schemathesis against the running server.
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS_VERSION=4.32.5   # PyPI schemathesis

venv=target/schemathesis/venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "[setup-http] pip: schemathesis==$SCHEMATHESIS_VERSION (venv $venv)"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$venv/bin/schemathesis" --version >/dev/null
