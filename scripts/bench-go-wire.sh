#!/usr/bin/env bash
# Go wire throughput: generated codecs vs encoding/json for a struct of every
# scalar; 1M f32[] encoded (vs a plain memcpy of the same bytes) and decoded in
# place (zero copy) vs a misaligned copying read vs encoding/json. Baselines
# are measured in the same run; figures only, no assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -s tests/conformance/go/gen/types.go ]; then
  KK_GO_FUZZTIME=1s bash scripts/test-go-wire.sh >/dev/null
fi
cd tests/conformance/go
go test -run '^$' -bench . -benchmem -benchtime "${KK_BENCHTIME:-500ms}" . | grep -E '^(Benchmark|cpu|goos|goarch)'
