#!/usr/bin/env bash
# Every test of every language: the front end, the Rust, TypeScript and Go
# runtimes and backends, conformance vectors, wasm builds and browser tests.
# Each language's suite is scripts/test-<lang>.sh; this runs setup, then all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
failed=()
for suite in scripts/test-*.sh; do
  [ -e "$suite" ] || continue
  printf '\n\033[1;34m=== %s ===\033[0m\n' "$suite"
  if ! bash "$suite"; then failed+=("$suite"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  printf '\n\033[1;31mFAILED:\033[0m %s\n' "${failed[*]}"
  exit 1
fi
printf '\n\033[1;32mall suites passed\033[0m\n'
