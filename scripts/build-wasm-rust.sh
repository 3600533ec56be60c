#!/usr/bin/env bash
# Builds a Rust kkrpc service crate for both wasm targets with the size
# profile (`wasm-release`), runs wasm-bindgen-cli and wasm-opt -Oz, prints
# sizes raw / gzip / brotli, then the size goal (what the kkrpc glue adds to
# a trivial service, scripts/bench-rust-size.sh). See docs/build.md.
#
#   scripts/build-wasm-rust.sh <cargo-package> [out-dir]     (default out-dir: dist/rust/<package>)
#
#   KK_SIZE_GOAL=print (default) prints the goal line; =check also fails when
#   the goal is missed; =0 skips it.
#
# Outputs:
#   <out>/unknown/<lib>.wasm      wasm32-unknown-unknown after wasm-bindgen + wasm-opt: the module the
#                                 TS host loads directly (no JS glue; imports stubbed, docs/abi.md §2)
#   <out>/unknown/web/<lib>.js    wasm-bindgen's JS glue (--target web) and its <lib>_bg.wasm
#   <out>/unknown/node/<lib>.js   the same glue for node (--target experimental-nodejs-module)
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

# wasm-opt -Oz into a temporary file renamed over the output, so a reader never sees a partial module.
opt() { "$WASM_OPT" -Oz "${OPT_FEATURES[@]}" "$1" -o "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"; }

# wasm-bindgen-cli must be the version the crates pin (root Cargo.toml), or its output is not usable.
pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
[ "$have" = "$pinned" ] || { echo "wasm-bindgen-cli ${have:-missing}, the crates pin $pinned: run scripts/setup.sh" >&2; exit 1; }

mkdir -p "$out/unknown/web" "$out/unknown/node" "$out/wasip1"

echo "[build-wasm-rust] $pkg: wasm32-unknown-unknown"
CARGO_PROFILE_WASM_RELEASE_STRIP=false cargo build --quiet -p "$pkg" --lib --target wasm32-unknown-unknown --profile "$profile" --target-dir "$target_dir"
raw="$target_dir/wasm32-unknown-unknown/$profile/$lib.wasm"
wasm-bindgen --target web --out-dir "$out/unknown/web" "$raw"
wasm-bindgen --target experimental-nodejs-module --out-dir "$out/unknown/node" "$raw"
# Both targets' glue load the same module (checked, else each is optimised on its own).
same_module=$(cmp -s "$out/unknown/web/${lib}_bg.wasm" "$out/unknown/node/${lib}_bg.wasm" && echo yes || echo no)
opt "$out/unknown/web/${lib}_bg.wasm" "$out/unknown/$lib.wasm"
cp "$out/unknown/$lib.wasm" "$out/unknown/web/${lib}_bg.wasm"
if [ "$same_module" = yes ]; then
  cp "$out/unknown/$lib.wasm" "$out/unknown/node/${lib}_bg.wasm"
else
  opt "$out/unknown/node/${lib}_bg.wasm" "$out/unknown/node/${lib}_bg.wasm"
fi

echo "[build-wasm-rust] $pkg: wasm32-wasip1"
CARGO_PROFILE_WASM_RELEASE_STRIP=false cargo build --quiet -p "$pkg" --target wasm32-wasip1 --profile "$profile" --target-dir "$target_dir"
wasip1_dir="$target_dir/wasm32-wasip1/$profile"
bins=$(cargo metadata --no-deps --format-version 1 | python3 -c "
import json, sys
pkg = [p for p in json.load(sys.stdin)['packages'] if p['name'] == '$pkg'][0]
print(' '.join(t['name'] for t in pkg['targets'] if 'bin' in t['kind']))")
for name in "$lib" $bins; do
  [ -e "$wasip1_dir/$name.wasm" ] || continue
  opt "$wasip1_dir/$name.wasm" "$out/wasip1/$name.wasm"
done

node scripts/wasm-sizes.mjs "$out/unknown/$lib.wasm" "$out"/wasip1/*.wasm

case "${KK_SIZE_GOAL:-print}" in
  0) ;;
  check) bash scripts/bench-rust-size.sh --check ;;
  *) bash scripts/bench-rust-size.sh ;;
esac
