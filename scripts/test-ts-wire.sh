#!/usr/bin/env bash
# TypeScript wire format suite: builds kkgen and runtime-ts, generates the TS
# types and codecs of tests/conformance/conformance.kkidl, compiles them with
# the tests (strict tsc), and runs with node --test: conformance vectors,
# fast-check properties and runtime-ts wire unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ts-wire
mkdir -p "$out"
rm -rf "$out/gen" "$out/small-gen" "$out/schemas" "$out/build"

cargo build -q -p kkgen
# The IR from the real front end.
./target/debug/kkgen ir --json tests/conformance/conformance.kkidl >"$out/ir.json"
# The whole TS backend for the conformance schema (gen/) and for the corner
# cases of tests/schemas/good/small.kkidl (small-gen/, run by small-ir.test.ts).
./target/debug/kkgen gen --lang ts --out "$out/gen" tests/conformance/conformance.kkidl
./target/debug/kkgen gen --lang ts --out "$out/small-gen" tests/schemas/good/small.kkidl
test -s "$out/gen/codecs.ts" && test -s "$out/small-gen/codecs.ts"

# Every schema of tests/schemas/good, as `kkgen gen` writes it (the code
# generator/tests/good_schemas_snapshot.rs pins), with its IR: compiled below (also
# under the strictest flags) and round-tripped by good-schemas.test.ts.
for schema in tests/schemas/good/*.kkidl; do
  name=$(basename "$schema" .kkidl)
  ./target/debug/kkgen gen --lang ts --out "$out/schemas/$name" "$schema" 2>/dev/null
  ./target/debug/kkgen ir --json "$schema" >"$out/schemas/$name.ir.json"
done

npx --no-install tsc -p runtime-ts
npx --no-install tsc -p tests/conformance/ts
# The generated code (and that of every good schema) also compiles under the strictest flags users may set.
npx --no-install tsc -p tests/conformance/ts/tsconfig.strictest.json
node --test "$out"/build/tests/conformance/ts/*.test.js "$out"/build/runtime-ts/test/wire*.test.js
