#!/usr/bin/env bash
# Benchmarks: each prints its figures next to a baseline measured in the same run.
# Each is scripts/bench-<name>.sh; pass a name to run only that one.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in scripts/bench-${1:-*}.sh; do
  [ -e "$b" ] || continue
  printf '\n\033[1;34m=== %s ===\033[0m\n' "$b"
  bash "$b"
done
