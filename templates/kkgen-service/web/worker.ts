/**
 * The Worker: serves the module named by `?wasm=` to the page over the Worker transport.
 * Bundled by esbuild into dist/web/worker.js.
 * @module
 */
import { serveStats } from "../app/gen/index.js";

const wasm = new URL(self.location.href).searchParams.get("wasm") ?? "/dist/wasm/stats_service.wasm";
serveStats(new URL(wasm, self.location.origin));
