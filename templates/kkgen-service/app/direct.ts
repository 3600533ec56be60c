/**
 * The services called directly, in this process (node, bun, deno): the module is instantiated here
 * and every call is a function call into it. `node dist/js/app/direct.js [module.wasm]` runs the
 * scenario once and prints what it saw.
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createStatsDirect, type StatsApi } from "./gen/index.js";
import { runScenario } from "./scenario.js";

/** The modules `npm run build` writes (dist/wasm), by name. */
export const MODULES = {
  rust: "dist/wasm/stats_service.wasm",
  "rust-wasip1": "dist/wasm/stats_service.wasip1.wasm",
  go: "dist/wasm/stats-go.wasm",
} as const;

/** A Stats client over the direct transport to the module at `path` (read now, instantiated on the first call). */
export function openDirect(path: string): StatsApi {
  return createStatsDirect(new Uint8Array(readFileSync(path)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2] ?? MODULES.rust;
  console.log(path, await runScenario(openDirect(path)));
}
