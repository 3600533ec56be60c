// Runs a Go wasip1 test binary under node:wasi so the conformance suite also
// runs on wasm32 (the platform the generated code targets):
//   node run-wasi.mjs conformance.test.wasm <root> <cwd> [test flags...]
// <root> is preopened as "/", and the binary runs in "/<cwd>" (PWD), so the
// test's relative paths (../vectors.json) resolve inside <root>.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const [wasmPath, root, cwd, ...flags] = process.argv.slice(2);
const wasi = new WASI({
  version: "preview1",
  args: [wasmPath, ...flags],
  env: { PWD: "/" + cwd },
  preopens: { "/": root },
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
