"""Runs a wasm32-wasip1 command module under wasmtime (the `wasmtime` Python
package) with this process's stdin/stdout/stderr: `python3 wasmtime-run.py
module.wasm`. Drives the geometry stdio server (docs/abi.md §4) from a native
client, like wasi-run.mjs does with node's WASI."""

import sys

import wasmtime

engine = wasmtime.Engine()
linker = wasmtime.Linker(engine)
linker.define_wasi()
store = wasmtime.Store(engine)
config = wasmtime.WasiConfig()
config.argv = [sys.argv[1]]
config.inherit_stdin()
config.inherit_stdout()
config.inherit_stderr()
store.set_wasi(config)
instance = linker.instantiate(store, wasmtime.Module.from_file(engine, sys.argv[1]))
try:
    instance.exports(store)["_start"](store)
except wasmtime.ExitTrap as e:
    sys.exit(e.code)
