// Shared by the node tests: the fixture module's bytes (built by
// `cargo xtask test ts` from tests/browser/fixture) and its client.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_WASM = fileURLToPath(
  new URL("../../target/ts-fixture/wasm32-unknown-unknown/release/kk_ts_fixture.wasm", import.meta.url),
);

/** The fixture's bytes (throws with a hint when it was not built). */
export function fixtureBytes() {
  try {
    return readFileSync(FIXTURE_WASM);
  } catch {
    throw new Error(`${FIXTURE_WASM} missing: run cargo xtask test ts (it builds tests/browser/fixture)`);
  }
}

export { createFixtureClient, FixtureFailure } from "../../tests/browser/fixture/fixture-client.mjs";
