/**
 * The page (web/index.html): runs the scenario against a module served by a Worker
 * (web/worker.ts), so the page's thread never blocks on the module. Bundled by esbuild into
 * dist/web/page.js; the tests call `window.runStats("rust" | "go")`.
 * @module
 */
import { connectWorker } from "@kkgen/runtime";
import { createStatsClient } from "../app/gen/index.js";
import { runScenario, type ScenarioResult } from "../app/scenario.js";

/** The modules `npm run build` writes (`kkgen build rust`, `kkgen build go --name stats`), by name. */
const MODULES: Record<string, string> = { rust: "stats_service.wasm", go: "stats-go.wasm" };

declare global {
  interface Window {
    /** Runs the scenario in a fresh Worker serving `/dist/wasm/` + the module of `name` (`rust`, `go`). */
    runStats(name: string): Promise<ScenarioResult>;
    /** True once `runStats` is set. */
    statsReady: boolean;
  }
}

window.runStats = async (name) => {
  const file = MODULES[name];
  if (file === undefined) throw new Error(`no module ${name}: one of ${Object.keys(MODULES).join(", ")}`);
  const wasm = `/dist/wasm/${file}`;
  const transport = connectWorker(new URL(`./worker.js?wasm=${encodeURIComponent(wasm)}`, import.meta.url), { name: `stats-${name}` });
  try {
    return await runScenario(createStatsClient(transport));
  } finally {
    transport.close();
  }
};
window.statsReady = true;
