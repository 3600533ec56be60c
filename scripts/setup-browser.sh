#!/usr/bin/env bash
# Ensures Debian's Chromium at /usr/bin/chromium for runtime-ts's browser tests
# (driven by playwright-core; never a downloaded browser). Idempotent.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ]; then
  echo "[setup-browser] apt: chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
