// Bundles the test worker (worker.ts) with the example's build into <out-dir>:
//   node tests/workers/fixture-worker/build.mjs <out-dir> <fixture.wasm>
// Run by `cargo xtask test workers` (xtask/src/suites/workers.rs).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker } from "../../../examples/workers/build.mjs";

const [out, fixture] = process.argv.slice(2);
if (!out || !fixture) {
  console.error("usage: node tests/workers/fixture-worker/build.mjs <out-dir> <fixture.wasm>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
await bundleWorker({ entry: join(here, "worker.ts"), tsconfig: join(here, "tsconfig.json"), out, modules: { "fixture.wasm": fixture } });
