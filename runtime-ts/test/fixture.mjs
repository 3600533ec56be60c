// Shared by the node tests: the service scenario's Rust module
// (tests/service/fixture, built into target/service/fixture by
// `cargo xtask test service`), its kkgen-generated client, and a call
// of an op id the service does not have.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_WASM = fileURLToPath(new URL("../../target/service/fixture/rust.wasm", import.meta.url));
/** The same module as built by cargo, before wasm-bindgen (hash-suffixed exports; the host refuses it). */
export const FIXTURE_WASM_BEFORE_BINDGEN = fileURLToPath(new URL("../../target/wasm/wasm32-unknown-unknown/wasm-release/kk_service_fixture.wasm", import.meta.url));
const DIST = "../../target/service/fixture/dist";

/** The fixture's bytes (throws with a hint when it was not built). */
export function fixtureBytes() {
  try {
    return readFileSync(FIXTURE_WASM);
  } catch {
    throw new Error(`${FIXTURE_WASM} missing: run cargo xtask test service`);
  }
}

export const { createFixtureClient, FixtureFailureError } = await import(`${DIST}/target/service/fixture/ts/index.js`);
const { rawCall } = await import(`${DIST}/tests/service/fixture/scenario.js`);

/** Calls op id 999, which the fixture does not have (answered `unknown_op`). */
export const callUnknownOp = (transport, options) => transport.call(rawCall(999, new Uint8Array(4)), options);
