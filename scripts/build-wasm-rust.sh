#!/usr/bin/env bash
# Builds a Rust kkrpc service crate for both wasm targets with the size
# profile (`wasm-release`), runs wasm-bindgen-cli and wasm-opt -Oz, and prints
# sizes raw / gzip / brotli. See docs/build.md.
#
#   scripts/build-wasm-rust.sh <cargo-package> [out-dir]     (default out-dir: dist/rust/<package>)
#
# Outputs:
#   <out>/unknown/<lib>.wasm      wasm32-unknown-unknown after wasm-bindgen + wasm-opt: the module the
#                                 TS host loads directly (no JS glue; imports stubbed, docs/abi.md §2)
#   <out>/unknown/web/<lib>.js    wasm-bindgen's JS glue (--target web) and its <lib>_bg.wasm
#   <out>/wasip1/<lib>.wasm       wasm32-wasip1 reactor (kk_* exports) after wasm-opt
#   <out>/wasip1/<bin>.wasm       wasm32-wasip1 command modules (stdio servers) after wasm-opt
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:?usage: build-wasm-rust.sh <cargo-package> [out-dir]}
out=${2:-dist/rust/$pkg}
lib=${pkg//-/_}
target_dir=target/wasm
profile=wasm-release
WASM_OPT=node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || { echo "wasm-opt missing: run npm ci (binaryen devDependency)" >&2; exit 1; }
# Features Rust's wasm32 targets emit by default (wasm-opt must accept them); names and
# producers are stripped here, after wasm-bindgen, which needs the target_features section.
OPT_FEATURES=(--strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
              --enable-mutable-globals --enable-reference-types --enable-multivalue)

mkdir -p "$out/unknown/web" "$out/wasip1"

echo "[build-wasm-rust] $pkg: wasm32-unknown-unknown"
CARGO_PROFILE_WASM_RELEASE_STRIP=false cargo build --quiet -p "$pkg" --lib --target wasm32-unknown-unknown --profile "$profile" --target-dir "$target_dir"
wasm-bindgen --target web --out-dir "$out/unknown/web" "$target_dir/wasm32-unknown-unknown/$profile/$lib.wasm"
"$WASM_OPT" -Oz "${OPT_FEATURES[@]}" "$out/unknown/web/${lib}_bg.wasm" -o "$out/unknown/$lib.wasm"
cp "$out/unknown/$lib.wasm" "$out/unknown/web/${lib}_bg.wasm"

echo "[build-wasm-rust] $pkg: wasm32-wasip1"
CARGO_PROFILE_WASM_RELEASE_STRIP=false cargo build --quiet -p "$pkg" --target wasm32-wasip1 --profile "$profile" --target-dir "$target_dir"
wasip1_dir="$target_dir/wasm32-wasip1/$profile"
bins=$(cargo metadata --no-deps --format-version 1 | python3 -c "
import json, sys
pkg = [p for p in json.load(sys.stdin)['packages'] if p['name'] == '$pkg'][0]
print(' '.join(t['name'] for t in pkg['targets'] if 'bin' in t['kind']))")
for name in "$lib" $bins; do
  [ -e "$wasip1_dir/$name.wasm" ] || continue
  "$WASM_OPT" -Oz "${OPT_FEATURES[@]}" "$wasip1_dir/$name.wasm" -o "$out/wasip1/$name.wasm"
done

node scripts/wasm-sizes.mjs "$out/unknown/$lib.wasm" "$out"/wasip1/*.wasm
