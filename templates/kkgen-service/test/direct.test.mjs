// The TS client over the direct transport under node, against each module `npm run build` wrote:
// the Rust service for wasm32-unknown-unknown and wasm32-wasip1, the Go service (wasip1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MODULES, openDirect } from "../dist/js/app/direct.js";
import { EXPECTED, runScenario } from "../dist/js/app/scenario.js";

for (const [name, path] of Object.entries(MODULES)) {
  test(`direct: ${name} (${path})`, async () => {
    assert.deepEqual(await runScenario(openDirect(path)), EXPECTED);
  });
}
