"""Runs a wasm32-wasip1 command module under wasmtime (the `wasmtime` Python
package) with this process's stdin/stdout/stderr: `python3 wasmtime-run.py
module.wasm`. Drives the geometry stdio server (docs/abi.md §4) from a native
client, like wasi-run.mjs does with node's WASI. Compiled code is kept in
wasmtime's cache (as `wasmtime run` does by default), so a restart or a
second run of the same module skips compilation."""

import sys

import wasmtime

config = wasmtime.Config()
config.cache = True
engine = wasmtime.Engine(config)
linker = wasmtime.Linker(engine)
linker.define_wasi()
store = wasmtime.Store(engine)
wasi = wasmtime.WasiConfig()
wasi.argv = [sys.argv[1]]
wasi.inherit_stdin()
wasi.inherit_stdout()
wasi.inherit_stderr()
store.set_wasi(wasi)
instance = linker.instantiate(store, wasmtime.Module.from_file(engine, sys.argv[1]))
try:
    instance.exports(store)["_start"](store)
except wasmtime.ExitTrap as e:
    sys.exit(e.code)
