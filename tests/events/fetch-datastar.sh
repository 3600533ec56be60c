#!/bin/sh
# Test setup of suite `events`: the Datastar v1.0.1 browser client, which npm
# does not carry (it has 0.21.4 and 1.0.0-beta.11 only), taken from the PyPI
# wheel starhtml 0.7.0 (starhtml/static/js/datastar-core.js) into
# target/datastar/. Downloaded once; never committed.
set -eu
dir=target/datastar
out=$dir/datastar-core.js
if [ -s "$out" ] && head -c 64 "$out" | grep -q 'Datastar v1.0.1'; then
  exit 0
fi
mkdir -p "$dir"
python3 -m pip download --quiet --no-deps --python-version 3.13 --only-binary=:all: starhtml==0.7.0 -d "$dir"
python3 - "$dir" "$out" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(f"{sys.argv[1]}/starhtml-0.7.0-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read("starhtml/static/js/datastar-core.js")
if b"Datastar v1.0.1" not in data[:64]:
    sys.exit(f"{wheel}: datastar-core.js is not Datastar v1.0.1")
open(sys.argv[2], "wb").write(data)
PY
