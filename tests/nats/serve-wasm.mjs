// Serves a wasm module on NATS from a TS process (serveNats over a WasmHost),
// the "wasm module hosted by TS" of the cross-language NATS matrix
// (docs/nats.md §7), for clients in other languages:
//
//   node tests/nats/serve-wasm.mjs <nats-url> <geometry|rules> <module.wasm>
//
// Prints `ready <instance id>` on stdout once subscribed and serves until
// its stdin ends. Runs on node, bun and deno.
import { readFileSync } from "node:fs";
import process from "node:process";
import { connect } from "@nats-io/transport-node";
import { serveNats, WasmHost } from "@kkgen/runtime";
import { GeometryDescriptor } from "../../target/stdio/dist/geometry/index.js";
import { RulesDescriptor } from "../../target/stdio/dist/rules/index.js";

const [url, service, module] = process.argv.slice(2);
const descriptor = { geometry: GeometryDescriptor, rules: RulesDescriptor }[service];
if (!url || !descriptor || !module) {
  console.error("usage: serve-wasm.mjs <nats-url> <geometry|rules> <module.wasm>");
  process.exit(2);
}
const nc = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
const served = await serveNats(nc, new WasmHost(readFileSync(module)), descriptor);
await nc.flush();
console.log(`ready ${served.identity.id}`);
process.stdin.on("data", () => {});
process.stdin.on("end", async () => {
  await served.stop();
  await nc.close();
  process.exit(0);
});
