// Runs a wasm32-wasip1 command module under node's WASI with this process's
// stdin/stdout/stderr: `node wasi-run.mjs module.wasm`. Used to drive the
// geometry stdio server (docs/abi.md §4) from a native client.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const wasi = new WASI({ version: "preview1", args: [process.argv[2]], env: {}, stdin: 0, stdout: 1, stderr: 2, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
