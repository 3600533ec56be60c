#!/usr/bin/env bash
# The main job: generate bindings, build the examples and run them.
# Each example's demo is scripts/demo-<name>.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for demo in scripts/demo-*.sh; do
  [ -e "$demo" ] || continue
  printf '\n\033[1;34m=== %s ===\033[0m\n' "$demo"
  bash "$demo"
done
