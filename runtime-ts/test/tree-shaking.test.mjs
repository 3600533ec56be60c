// runtime-ts is tree-shakeable: a bundle (esbuild, ESM, minified) of an
// entry that uses only the direct transport carries none of the Worker,
// SharedWorker or port-server code, and one that uses only the wire
// Reader/Writer carries no wasm host either. Runs on runtime-ts/dist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function bundle(source) {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: "js" },
    bundle: true,
    format: "esm",
    minify: true,
    write: false,
    platform: "browser",
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

test("a direct-only bundle drops the Worker and SharedWorker transports and the port server", async () => {
  const direct = await bundle(`import { connectDirect } from "@kkgen/runtime"; globalThis.t = connectDirect;`);
  const everything = await bundle(`import * as rt from "@kkgen/runtime"; globalThis.t = rt;`);
  assert.ok(everything.includes("SharedWorker") && everything.includes("heartbeat"), "the full bundle has the SharedWorker code");
  assert.ok(!direct.includes("SharedWorker"), "no SharedWorker code");
  assert.ok(!direct.includes("heartbeat"), "no SharedWorker heartbeat");
  assert.ok(direct.length < everything.length * 0.8, `direct ${direct.length} B vs all ${everything.length} B`);
});

test("a wire-only bundle has no wasm host", async () => {
  const wire = await bundle(`import { Reader, Writer } from "@kkgen/runtime"; globalThis.t = [Reader, Writer];`);
  assert.ok(!wire.includes("WebAssembly"), "no WebAssembly use");
  assert.ok(wire.length < 12_000, `wire-only bundle is ${wire.length} B`);
});
