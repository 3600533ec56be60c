// runtime-ts is tree-shakeable: a bundle (esbuild, ESM, minified) of an
// entry that uses only the direct transport carries none of the Worker,
// SharedWorker or port-server code, and one that uses only the wire
// Reader/Writer carries no wasm host either; the port server imports the
// protocol module, never a client transport. Runs on runtime-ts/dist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bundle as bundleWithMeta } from "./bundle-size.mjs";
import { readdirSync, readFileSync } from "node:fs";

/** The minified bundle of `source` (the one esbuild set-up, bundle-size.mjs). */
async function bundle(source) {
  return (await bundleWithMeta(source)).code;
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

test("the server imports the port protocol, never a client transport", async () => {
  const src = new URL("../src/server/", import.meta.url);
  for (const file of readdirSync(src)) {
    const imports = [...readFileSync(new URL(file, src), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    for (const path of imports) assert.ok(!path.startsWith("../transports/"), `${file} imports the client module ${path}`);
  }
  assert.ok(readFileSync(new URL("serve.ts", src), "utf8").includes('from "../rpc/protocol.js"'), "serve.ts uses rpc/protocol.ts");
  const server = await bundle(`import { serveWasm } from "@kkgen/runtime"; globalThis.t = serveWasm;`);
  const client = await bundle(`import { PortTransport } from "@kkgen/runtime"; globalThis.t = PortTransport;`);
  // A message only PortTransport has (its restart after a timeout).
  assert.ok(client.includes("timed out"), "the client bundle has the PortTransport code");
  assert.ok(!server.includes("timed out"), "no PortTransport code in a server bundle");
});

test("NATS: runtime-ts imports no NATS library; a direct-only bundle has no NATS code", async () => {
  const direct = await bundle(`import { connectDirect } from "@kkgen/runtime"; globalThis.t = connectDirect;`);
  const everything = await bundle(`import * as rt from "@kkgen/runtime"; globalThis.t = rt;`);
  // Messages only the NATS transport and server have.
  assert.ok(everything.includes("no responders on") && everything.includes("io.nats.micro.v1"), "the full bundle has the NATS code");
  assert.ok(!direct.includes("no responders on") && !direct.includes("io.nats.micro.v1"), "no NATS code in a direct-only bundle");
  for (const dir of ["../src/transports/", "../src/server/", "../src/nats/"]) {
    const src = new URL(dir, import.meta.url);
    for (const file of readdirSync(src)) {
      const text = readFileSync(new URL(file, src), "utf8");
      assert.ok(!/from "@nats-io\//.test(text), `${dir}${file} imports a NATS library`);
    }
  }
});

test("bundle sizes of the geometry client (7 ops): direct, Worker and SharedWorker", async () => {
  const { measureBundles, DIRECT_BUNDLE_CEILING_GZIP, DIRECT_BUNDLE_MAX_GZIP } = await import("./bundle-size.mjs");
  const sizes = await measureBundles();
  for (const [name, s] of Object.entries(sizes)) console.log(`# ${name}: ${s.min} B min, ${s.gzip} B min+gzip`);
  for (const s of Object.values(sizes)) assert.ok(s.gzip > 0 && s.gzip < s.min, "gzip shrinks the code");
  // The goal is DIRECT_BUNDLE_MAX_GZIP (3 KB, printed by the peers benchmark); until it is met the bundle must not grow.
  assert.ok(sizes.direct.gzip <= DIRECT_BUNDLE_CEILING_GZIP, `direct bundle ${sizes.direct.gzip} B min+gzip > ${DIRECT_BUNDLE_CEILING_GZIP} B (goal ${DIRECT_BUNDLE_MAX_GZIP} B)`);
  assert.ok(!sizes.direct.inputs.some(([file]) => /transports\/(port|worker|shared-worker)/.test(file)), "no port transport in the direct bundle");
});
